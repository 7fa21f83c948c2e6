/**
 * Messages between the benchmark's processes (Node IPC), and the helper that waits for them.
 *
 * The coordinator (`sync.bench.ts`) runs the source peer A; it forks a fresh peer B for each
 * path (`peer-b.ts`) and a counting TCP proxy (`wire-counter.ts`) in front of A.
 */
import type { ChildProcess } from 'node:child_process';

/** The two ways a fresh peer gets the data. */
export type PathName = 'p2p' | 'server';

/** Coordinator → peer B. */
export type ToPeerB =
  | {
      type: 'sync';
      /** A multiaddr (p2p) or a ws:// URL (server), through the counting proxy. */
      target: string;
      rootUrl: string;
      /** Each document's expected heads (hex, sorted), by URL: "complete" means equal. */
      heads: Record<string, string[]>;
      /** The document whose changes the latency probes watch. */
      probeUrl: string;
    }
  | { type: 'stop' };

/** Peer B → coordinator. */
export type FromPeerB =
  | { type: 'ready' }
  | {
      type: 'synced';
      /** From the start of the sync to the remote peer being announced to B's repo. */
      connectMs: number;
      /** From the start to the root document being ready. */
      rootMs: number;
      /** From the start to every document's heads equal to A's. */
      totalMs: number;
      docs: number;
      /** B's longest event-loop stall during the sync: nothing else (pings, pongs) ran then. */
      maxStallMs: number;
      /** Times B's repo lost A during the sync (then B reconnected). */
      disconnects: number;
      /** Automerge payload (`data` of repo messages) received and sent by B. */
      payloadReceived: number;
      payloadSent: number;
    }
  | { type: 'arrived'; probe: number; atNs: string }
  | { type: 'stopped'; disconnects: number }
  | { type: 'failed'; error: string };

/** Coordinator → wire counter. */
export type ToCounter = { type: 'read' } | { type: 'stop' };

/** Wire counter → coordinator. */
export type FromCounter =
  | { type: 'listening'; port: number }
  | { type: 'counts'; toServer: number; toClient: number; connections: number };

/** Waits for typed messages from a child process, with timeouts. */
export class ChildLink<In extends { type: string }, Out> {
  readonly child: ChildProcess;
  readonly #queue: In[] = [];
  readonly #waiters: { accept: (m: In) => boolean; resolve: (m: In) => void }[] = [];
  readonly #rejects = new Set<(err: Error) => void>();
  #exited: Error | undefined;

  constructor(child: ChildProcess, label: string) {
    this.child = child;
    child.on('message', (raw) => {
      const message = raw as In;
      if (message.type === 'failed') {
        this.#fail(new Error(`${label}: ${(message as { error?: string }).error ?? 'failed'}`));
        return;
      }
      const index = this.#waiters.findIndex((w) => w.accept(message));
      if (index < 0) {
        this.#queue.push(message);
        return;
      }
      const [waiter] = this.#waiters.splice(index, 1);
      waiter?.resolve(message);
    });
    child.on('error', (err) => this.#fail(err));
    child.on('exit', (code, signal) => {
      this.#fail(new Error(`${label} exited (code ${code}, signal ${signal})`));
    });
  }

  #fail(err: Error): void {
    this.#exited ??= err;
    for (const reject of this.#rejects) reject(err);
  }

  /** Sends a message; false (and nothing thrown) when the child is gone. */
  send(message: Out): boolean {
    if (!this.child.connected) return false;
    // The callback takes a failed write (the child exited meanwhile) instead of an 'error' event.
    this.child.send(message as object, (err) => {
      if (err !== null) this.#fail(err);
    });
    return true;
  }

  /** The next message accepted by `accept` (queued or future), or a rejection at `timeoutMs`. */
  next<T extends In>(accept: (m: In) => m is T, timeoutMs: number, what: string): Promise<T> {
    const queued = this.#queue.findIndex(accept);
    if (queued >= 0) return Promise.resolve(this.#queue.splice(queued, 1)[0] as T);
    if (this.#exited !== undefined) return Promise.reject(this.#exited);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        accept,
        resolve: (m: In) => {
          done();
          resolve(m as T);
        },
      };
      const fail = (err: Error): void => {
        done();
        reject(err);
      };
      const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#rejects.delete(fail);
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
      };
      this.#rejects.add(fail);
      this.#waiters.push(waiter);
    });
  }

  /** Resolves when the child has exited; kills it if it has not after `timeoutMs`. */
  async exited(timeoutMs: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
      }, timeoutMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** A type guard on a message's `type`. */
export function ofType<M extends { type: string }, K extends M['type']>(
  type: K,
): (m: M) => m is Extract<M, { type: K }> {
  return (m: M): m is Extract<M, { type: K }> => m.type === type;
}
