/** Awaiting events instead of sleeping. */
import type { Connection, Libp2p } from '@libp2p/interface';

/** Any EventEmitter (eventemitter3 types its events per class; the casts below bridge that). */
interface Emitter {
  on(event: never, listener: never): unknown;
  off(event: never, listener: never): unknown;
}

/** Resolves with the first payload of `event` from an EventEmitter that `accept` accepts. */
export function nextEmitted<T = unknown>(
  emitter: Emitter,
  event: string,
  accept: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise<T>((resolve) => {
    const listener = (payload: T): void => {
      if (!accept(payload)) return;
      emitter.off(event as never, listener as never);
      resolve(payload);
    };
    emitter.on(event as never, listener as never);
  });
}

/** Resolves when `node` has no open connection to `peer` any more. */
export function disconnectedFrom(node: Libp2p, peer: Libp2p): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = (): void => {
      if (node.getConnections(peer.peerId).length > 0) return;
      node.removeEventListener('connection:close', check);
      resolve();
    };
    node.addEventListener('connection:close', check);
    check();
  });
}

/** Resolves with the next connection `node` opens to `peer`. */
export function nextConnection(node: Libp2p, peer: Libp2p): Promise<Connection> {
  return new Promise<Connection>((resolve) => {
    const listener = (evt: CustomEvent<Connection>): void => {
      if (!evt.detail.remotePeer.equals(peer.peerId)) return;
      node.removeEventListener('connection:open', listener);
      resolve(evt.detail);
    };
    node.addEventListener('connection:open', listener);
  });
}
