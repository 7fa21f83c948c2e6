/**
 * The fresh peer B of the sync benchmark, one process per run, forked by `sync.bench.ts`:
 * no storage, no documents. Given the root URL, it finds the root, then every document the
 * root names, and reports when all of them have A's heads. Then it reports when each latency
 * probe (a change on A) arrives.
 *
 * Usage (forked): peer-b p2p | server
 *   p2p     a Node libp2p peer (`createNodePeer`, TCP on 127.0.0.1, Noise, yamux) with the
 *           Intégrale adapter, `strictPeerIds` on and the repo peer id = the libp2p peer id;
 *           it dials A's multiaddr, and dials again if the connection drops (the product's
 *           reconnector would).
 *   server  automerge-repo's `BrowserWebSocketClientAdapter` (in Node it uses `ws` through
 *           isomorphic-ws: no global WebSocket needed), which reconnects by itself.
 *
 * Times are taken here, on B, with `performance.now()`; probe arrivals with
 * `process.hrtime.bigint()`, the system-wide monotonic clock, so A can subtract its own.
 * BENCH_TRACE=1 prints every repo message in and out, with its time, on stderr.
 */
import './polyfills.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { next as A } from '@automerge/automerge';
import {
  Repo,
  type AutomergeUrl,
  type DocHandle,
  type Message,
  type NetworkAdapter,
  type PeerId,
} from '@automerge/automerge-repo';
import { BrowserWebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2pNetworkAdapter, createNodePeer, type IntegraleNode } from '../src/index.js';
import type { FromPeerB, PathName, ToPeerB } from './protocol.js';

const path = process.argv[2] as PathName;
if (path !== 'p2p' && path !== 'server') throw new Error('usage: peer-b p2p|server');

const DIAL_TIMEOUT_MS = 3_000;
const DIAL_ATTEMPTS = 4;
const MAX_REDIALS = 5;
const REDIAL_DELAY_MS = 500;
const TRACE = process.env['BENCH_TRACE'] === '1';

interface RootDoc {
  ledger: AutomergeUrl;
  projects: AutomergeUrl[];
}

function report(message: FromPeerB): void {
  process.send?.(message);
}

function dataBytes(message: Message): number {
  const data = (message as { data?: unknown }).data;
  return data instanceof Uint8Array ? data.byteLength : 0;
}

function headsOf(handle: DocHandle<unknown>): string {
  return [...A.getHeads(handle.doc())].sort().join(',');
}

/**
 * Resolves once the handle is ready and its heads are exactly `expected`. A handle that came out
 * "unavailable" (A was lost mid-request) becomes ready when the sync resumes after reconnecting.
 */
async function whenComplete(
  handle: DocHandle<unknown>,
  expected: readonly string[],
): Promise<void> {
  await handle.whenReady();
  const want = expected.join(',');
  if (headsOf(handle) === want) return;
  await new Promise<void>((resolve) => {
    const onChange = (): void => {
      if (headsOf(handle) !== want) return;
      handle.off('change', onChange);
      resolve();
    };
    handle.on('change', onChange);
  });
}

/** Finds a document, taking an "unavailable" handle too: see {@link whenComplete}. */
function find<T>(target: Repo, url: string): Promise<DocHandle<T>> {
  return target.find<T>(url as AutomergeUrl, { allowableStates: ['ready', 'unavailable'] });
}

// Set up everything that is not sync before A says go: the libp2p node and its key.
const node: IntegraleNode | undefined =
  path === 'p2p'
    ? await createNodePeer({ relays: [], listen: ['/ip4/127.0.0.1/tcp/0'] })
    : undefined;
let repo: Repo | undefined;
let stopping = false;
let disconnects = 0;

async function dial(target: string): Promise<void> {
  if (node === undefined) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await node.dial(multiaddr(target), { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) });
      return;
    } catch (err) {
      // Rare dial timeouts happen on this machine (NETWORK-NOTES gotcha 10): retry.
      if (attempt >= DIAL_ATTEMPTS) throw err;
    }
  }
}

async function sync(command: Extract<ToPeerB, { type: 'sync' }>): Promise<void> {
  const start = performance.now();
  const at = (): string => (performance.now() - start).toFixed(0);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const adapter: NetworkAdapter =
    node === undefined
      ? new BrowserWebSocketClientAdapter(command.target)
      : createLibp2pNetworkAdapter({ node, strictPeerIds: true });
  const counts = { payloadReceived: 0, payloadSent: 0 };
  let connectedAt: number | undefined;
  adapter.on('peer-candidate', () => {
    connectedAt ??= performance.now();
  });
  adapter.on('peer-disconnected', () => {
    if (stopping) return;
    disconnects += 1;
    console.error(`peer B (${path}): lost A at ${at()} ms`);
  });
  adapter.on('message', (message) => {
    if (TRACE)
      console.error(`in  ${message.type} ${message.documentId} ${dataBytes(message)} ${at()}`);
    counts.payloadReceived += dataBytes(message);
  });
  const send = adapter.send.bind(adapter);
  adapter.send = (message: Message): void => {
    if (TRACE)
      console.error(`out ${message.type} ${message.documentId} ${dataBytes(message)} ${at()}`);
    counts.payloadSent += dataBytes(message);
    send(message);
  };
  let redials = 0;
  node?.addEventListener('connection:close', () => {
    if (stopping || redials >= MAX_REDIALS || (node?.getConnections().length ?? 0) > 0) return;
    redials += 1;
    // After the reconnector's first backoff step (0.5 s), as the product would.
    setTimeout(() => {
      dial(command.target).catch((err: unknown) => {
        console.error(`peer B (${path}): redial failed: ${String(err)}`);
      });
    }, REDIAL_DELAY_MS);
  });
  repo = new Repo({
    network: [adapter],
    peerId: (node?.peerId.toString() ?? `bench-b-${process.pid}`) as PeerId,
  });
  await dial(command.target);
  const root = await find<RootDoc>(repo, command.rootUrl);
  await whenComplete(root, command.heads[command.rootUrl] ?? []);
  const rootAt = performance.now();
  const { ledger, projects } = root.doc();
  const urls = [ledger, ...projects].map(String);
  const handles = new Map<string, DocHandle<unknown>>([[command.rootUrl, root]]);
  const target = repo;
  await Promise.all(
    urls.map(async (url) => {
      const handle = await find<unknown>(target, url);
      handles.set(url, handle);
      await whenComplete(handle, command.heads[url] ?? []);
    }),
  );
  const doneAt = performance.now();
  loop.disable();
  const missing = Object.keys(command.heads).filter((url) => !handles.has(url));
  if (missing.length > 0) throw new Error(`root does not name ${missing.length} documents`);

  const probe = handles.get(command.probeUrl) as DocHandle<{ revision?: number }> | undefined;
  if (probe === undefined) throw new Error('no probe document');
  let lastRevision = -1;
  probe.on('change', ({ doc }) => {
    const revision = doc.revision;
    if (typeof revision !== 'number' || revision <= lastRevision) return;
    lastRevision = revision;
    report({ type: 'arrived', probe: revision, atNs: process.hrtime.bigint().toString() });
  });

  report({
    type: 'synced',
    connectMs: (connectedAt ?? doneAt) - start,
    rootMs: rootAt - start,
    totalMs: doneAt - start,
    docs: handles.size,
    maxStallMs: loop.max / 1e6,
    disconnects,
    ...counts,
  });
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await repo?.shutdown();
  await node?.stop();
  report({ type: 'stopped', disconnects });
  process.disconnect();
}

process.on('message', (raw) => {
  const command = raw as ToPeerB;
  const run = command.type === 'sync' ? sync(command) : stop();
  run.catch((err: unknown) => {
    report({
      type: 'failed',
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  });
});
report({ type: 'ready' });

// Never outlive the benchmark: when it goes away (or disconnects on purpose), so does this.
process.on('disconnect', () => {
  setTimeout(() => process.exit(0), 500).unref();
});
