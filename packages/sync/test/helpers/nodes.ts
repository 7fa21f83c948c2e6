/**
 * Real libp2p nodes for the adapter tests: TCP on 127.0.0.1 with noise, yamux and identify,
 * plus a relay and relay-only peers for the direct-only scenario. Dials use short timeouts and
 * retry, because a rare dial timeout happens on this machine (NETWORK-NOTES gotcha 10).
 */
import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2';
import { identify } from '@libp2p/identify';
import type { ComponentLogger, Connection, Libp2p, Logger } from '@libp2p/interface';
import { defaultLogger } from '@libp2p/logger';
import { noise } from '@libp2p/noise';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import type { Multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';

const LOOPBACK = '/ip4/127.0.0.1/tcp/0';
const DIAL_TIMEOUT_MS = 3000;
const DIAL_ATTEMPTS = 4;

/** Options of {@link createTestNode}. */
export interface TestNodeInit {
  /** Where the node's logs go; see {@link recordingLogger}. */
  logger?: ComponentLogger;
}

/** A started node listening on an ephemeral loopback TCP port. */
export async function createTestNode(init: TestNodeInit = {}): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: [LOOPBACK] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
    ...(init.logger === undefined ? {} : { logger: init.logger }),
  });
}

/** A started relay node: TCP listener, circuit relay v2 server. */
export async function createRelayNode(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: [LOOPBACK] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), relay: circuitRelayServer() },
  });
}

/**
 * A started node reachable only through `relay`: it listens on nothing but a reservation on
 * the relay, so any connection to it is a relayed (limited) circuit.
 */
export async function createRelayOnlyNode(relay: Libp2p, init: TestNodeInit = {}): Promise<Libp2p> {
  const relayAddr = firstAddr(relay);
  return createLibp2p({
    addresses: { listen: [`${relayAddr.toString()}/p2p-circuit`] },
    transports: [tcp(), circuitRelayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
    ...(init.logger === undefined ? {} : { logger: init.logger }),
  });
}

/** Starts `count` nodes and connects every pair. */
export async function createMesh(count: number): Promise<Libp2p[]> {
  const nodes = await Promise.all(Array.from({ length: count }, () => createTestNode()));
  const dials: Promise<Connection>[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) dials.push(dial(nodes[i]!, nodes[j]!));
  }
  await Promise.all(dials);
  return nodes;
}

/** Dials `to` (a node or an address) with a short timeout, retrying a few times. */
export async function dial(
  from: Libp2p,
  to: Libp2p | Multiaddr,
  options: { force?: boolean } = {},
): Promise<Connection> {
  const target = 'getMultiaddrs' in to ? to.getMultiaddrs() : to;
  for (let attempt = 1; ; attempt++) {
    try {
      return await from.dial(target, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS), ...options });
    } catch (err) {
      if (attempt >= DIAL_ATTEMPTS) throw err;
    }
  }
}

/** The node's first listening address, with its peer id. */
export function firstAddr(node: Libp2p): Multiaddr {
  const addr = node.getMultiaddrs()[0];
  if (addr === undefined) throw new Error(`${node.peerId.toString()} listens nowhere`);
  return addr;
}

/** Stops nodes, swallowing errors: used from teardowns that cannot await. */
export async function stopNodes(nodes: readonly Libp2p[]): Promise<void> {
  await Promise.allSettled(nodes.map((node) => node.stop()));
}

/** What {@link recordingLogger} kept, and a way to await a line. */
export interface LogRecord {
  /** Every line logged by the `integrale:sync` component, oldest first. */
  lines: string[];
  /** Resolves with the first line, past or future, that matches `pattern`. */
  logged(pattern: RegExp): Promise<string>;
}

/** A node logger that also keeps every line logged by the `integrale:sync` component. */
export function recordingLogger(): { logger: ComponentLogger; record: LogRecord } {
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const record = ([formatter, ...args]: unknown[]): void => {
    const line = format(formatter, args);
    lines.push(line);
    for (const waiter of waiting.splice(0)) {
      if (waiter.pattern.test(line)) waiter.resolve(line);
      else waiting.push(waiter);
    }
  };
  const base = defaultLogger();
  const logger: ComponentLogger = {
    forComponent(name: string): Logger {
      const inner = base.forComponent(name);
      if (!name.startsWith('integrale:sync')) return inner;
      return Object.assign(
        (formatter: unknown, ...args: unknown[]) => {
          record([formatter, ...args]);
          inner(formatter, ...args);
        },
        {
          error: (formatter: unknown, ...args: unknown[]) => {
            record([formatter, ...args]);
            inner.error(formatter, ...args);
          },
          trace: (formatter: unknown, ...args: unknown[]) => inner.trace(formatter, ...args),
          enabled: inner.enabled,
          newScope: (scope: string) => inner.newScope(scope),
        },
      );
    },
  };
  const logged = (pattern: RegExp): Promise<string> => {
    const past = lines.find((line) => pattern.test(line));
    if (past !== undefined) return Promise.resolve(past);
    return new Promise((resolve) => waiting.push({ pattern, resolve }));
  };
  return { logger, record: { lines, logged } };
}

/** Fills debug-style placeholders (%s, %d, %p, %e, %a, %o) the way the libp2p logger would. */
function format(formatter: unknown, args: unknown[]): string {
  const text = (value: unknown): string => (value instanceof Error ? value.message : String(value));
  let next = 0;
  const filled = String(formatter).replace(/%[sdpeaoOj]/g, () => text(args[next++]));
  return [filled, ...args.slice(next).map(text)].join(' ');
}
