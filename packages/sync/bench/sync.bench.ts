/**
 * `npm run bench:sync` — how a fresh peer gets a cooperative's documents over Intégrale's
 * libp2p path, against automerge-repo's classic WebSocket sync-server design, on one machine.
 * Prints `name: value` lines. A script, not a test: the figures go in notes, never in assertions.
 *
 * Design (both paths alike):
 * - The dataset (dataset.ts) is generated deterministically: 1,000 members, a ledger document
 *   of 20,000 valid signed entries, 200 project documents and a root naming them all.
 * - Peer A runs in this process: a Repo with no storage holding every document, imported under
 *   fixed ids. On the p2p path it is a `createNodePeer` libp2p node (TCP on 127.0.0.1, Noise,
 *   yamux) with our `Libp2pNetworkAdapter` (`strictPeerIds`, repo peer id = libp2p peer id); on
 *   the server path a `WebSocketServerAdapter` on a `ws` server on 127.0.0.1 (no TLS, no
 *   permessage-deflate: ws's server defaults). Both use the same share config: A serves any
 *   document asked for and announces none (the sync-server policy; BENCH_ANNOUNCE=1 announces).
 * - Peer B is a new process every run (peer-b.ts): a new Repo without storage and, on the p2p
 *   path, a new libp2p node. Its clock starts when A says go; it then connects (dial / socket),
 *   finds the root, then every document the root names, and stops its clock when every
 *   document's heads equal A's. If it loses A meanwhile it reconnects, and the time counts.
 * - Every byte between B and A passes a counting TCP proxy (wire-counter.ts, its own process):
 *   wire bytes are TCP payload both ways, from connection to one second after B is complete.
 * - Latency: then, on the same connection, PROBES single changes on A (a `revision` number in
 *   a project document), each after a pseudo-random pause of 0–200 ms following the previous
 *   arrival; latency is B's `change` event minus A's `change()` call, on the system-wide
 *   monotonic clock. `*_idle_*` keeps only probes that came ≥ 100 ms after the previous one,
 *   which automerge-repo's 100 ms sync throttle never delays: that part is the path itself.
 * - The paths alternate ABBA BAAB (4 runs each), with a fresh A, B and proxy every run; time
 *   figures are each path's median run (the runs are printed too), byte figures their mean,
 *   latency pools every run's probes. The machine may be shared: the load average is printed.
 *
 * Printed, besides the sizes: `*_sync_s` (and each run), `p2p_vs_server_ratio` (target ≤ 1),
 * `*_connect_ms` (until B's repo knows A), `*_root_ms`, `*_b_max_stall_ms` (B's longest
 * event-loop stall while syncing: applying the ledger's first sync message is one synchronous
 * Automerge call, and a peer stalled for more than ~5 s misses libp2p's connection-monitor
 * ping or ws's keep-alive and is disconnected), `*_disconnects`, `*_wire_bytes` (and by
 * direction), `*_payload_bytes` (the Automerge sync data inside the repo messages),
 * `stored_bytes` (sum of `Automerge.save` sizes), `*_wire_vs_stored`, latency p50/p95 (all
 * probes and idle ones), `*_probe_wire_bytes` (per change, both directions).
 *
 * Sizes: BENCH_MEMBERS, BENCH_ENTRIES, BENCH_PROJECTS; BENCH_PROBES (per run, default 25);
 * BENCH_ORDER (e.g. `p2p,server`); diagnostics: BENCH_TRACE=1 (every repo message on B, timed),
 * BENCH_PROFILE=DIR (CPU profiles of A and B during each sync).
 */
import './polyfills.js';
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Repo, type DocHandle, type PeerId } from '@automerge/automerge-repo';
import { WebSocketServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { WebSocketServer } from 'ws';
import { createLibp2pNetworkAdapter, createNodePeer } from '../src/index.js';
import { DEFAULT_SIZE, generateDataset, type Dataset } from './dataset.js';
import {
  ChildLink,
  ofType,
  type FromCounter,
  type FromPeerB,
  type PathName,
  type ToCounter,
  type ToPeerB,
} from './protocol.js';

const SIZE = {
  members: Number(process.env['BENCH_MEMBERS'] ?? DEFAULT_SIZE.members),
  ledgerEntries: Number(process.env['BENCH_ENTRIES'] ?? DEFAULT_SIZE.ledgerEntries),
  projectDocs: Number(process.env['BENCH_PROJECTS'] ?? DEFAULT_SIZE.projectDocs),
};
const PROBES = Number(process.env['BENCH_PROBES'] ?? 25);
const ANNOUNCE = process.env['BENCH_ANNOUNCE'] === '1';
// ABBA BAAB: drift and warm-up in this process weigh on both paths alike.
const ORDER = (process.env['BENCH_ORDER'] ?? 'p2p,server,server,p2p,server,p2p,p2p,server').split(
  ',',
) as PathName[];
const MAX_PROBE_GAP_MS = 200;
const THROTTLE_MS = 100;
const SYNC_TIMEOUT_MS = 120_000;
const PROBE_TIMEOUT_MS = 15_000;
const SETTLE_MS = 1_000;
/** Nothing here may hang a CI job: past this, the process says so and exits. */
const WATCHDOG_MS = 300_000;

// Children are run the way this file is (tsx: .ts; compiled: .js), with the same loader flags.
const EXT = extname(fileURLToPath(import.meta.url));
const child = (name: string): string => fileURLToPath(new URL(`./${name}${EXT}`, import.meta.url));

interface Source {
  /** The TCP port A listens on (the proxy forwards to it). */
  port: number;
  /** Where B should connect, given the proxy's port. */
  target(proxyPort: number): string;
  handles: Map<string, DocHandle<unknown>>;
  stop(): Promise<void>;
}

interface RunResult {
  path: PathName;
  synced: Extract<FromPeerB, { type: 'synced' }>;
  wireToB: number;
  wireToA: number;
  latencies: number[];
  idleLatencies: number[];
  probeWireBytes: number;
  /** Times B lost A, over the whole run. */
  disconnects: number;
}

const shareConfig = {
  announce: async () => ANNOUNCE,
  access: async () => true,
};

function importAll(repo: Repo, dataset: Dataset): Map<string, DocHandle<unknown>> {
  const handles = new Map<string, DocHandle<unknown>>();
  for (const doc of dataset.docs) {
    handles.set(doc.url, repo.import<unknown>(doc.binary, { docId: doc.documentId }));
  }
  return handles;
}

async function p2pSource(dataset: Dataset): Promise<Source> {
  const node = await createNodePeer({ relays: [], listen: ['/ip4/127.0.0.1/tcp/0'] });
  const adapter = createLibp2pNetworkAdapter({ node, strictPeerIds: true });
  const repo = new Repo({
    network: [adapter],
    peerId: node.peerId.toString() as PeerId,
    shareConfig,
  });
  const tcp = node
    .getMultiaddrs()
    .map((ma) => ma.getComponents())
    .find((parts) => parts.some((p) => p.name === 'tcp') && !parts.some((p) => p.name === 'ws'));
  const port = Number(tcp?.find((p) => p.name === 'tcp')?.value);
  if (!Number.isInteger(port)) throw new Error('A has no TCP address');
  return {
    port,
    target: (proxyPort) => `/ip4/127.0.0.1/tcp/${proxyPort}/p2p/${node.peerId.toString()}`,
    handles: importAll(repo, dataset),
    async stop() {
      await repo.shutdown();
      await node.stop();
    },
  };
}

async function serverSource(dataset: Dataset): Promise<Source> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error('ws server has no port');
  // The adapter's types name `ws` through isomorphic-ws's CommonJS typings; the class is the same.
  const adapter = new WebSocketServerAdapter(
    wss as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0],
  );
  const repo = new Repo({ network: [adapter], peerId: 'bench-sync-server' as PeerId, shareConfig });
  return {
    port: address.port,
    target: (proxyPort) => `ws://127.0.0.1:${proxyPort}`,
    handles: importAll(repo, dataset),
    async stop() {
      await repo.shutdown();
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

type Counter = ChildLink<FromCounter, ToCounter>;

/** Starts the counting proxy in front of `port`; resolves with it and its own port. */
async function startCounter(port: number): Promise<{ counter: Counter; port: number }> {
  const counter: Counter = new ChildLink(
    fork(child('wire-counter'), [String(port)]),
    'wire counter',
  );
  const listening = await counter.next(ofType('listening'), 30_000, 'the wire counter');
  return { counter, port: listening.port };
}

function readCounts(link: Counter) {
  link.send({ type: 'read' });
  return link.next(ofType('counts'), 5_000, 'wire counts');
}

/** Profiles this process (peer A) until the returned function writes the profile. */
async function startProfiler(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** mulberry32, for the probe pauses: the same schedule on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function run(path: PathName, dataset: Dataset): Promise<RunResult> {
  const source = path === 'p2p' ? await p2pSource(dataset) : await serverSource(dataset);
  const { counter, port: proxyPort } = await startCounter(source.port);
  // BENCH_PROFILE=DIR writes a CPU profile of each peer B there (node --cpu-prof).
  const profile = process.env['BENCH_PROFILE'];
  const execArgv =
    profile === undefined
      ? process.execArgv
      : [
          ...process.execArgv,
          '--cpu-prof',
          `--cpu-prof-dir=${profile}`,
          `--cpu-prof-name=peer-b-${path}-${Date.now()}.cpuprofile`,
        ];
  const peer = new ChildLink<FromPeerB, ToPeerB>(
    fork(child('peer-b'), [path], { execArgv }),
    `peer B (${path})`,
  );
  try {
    await peer.next(ofType('ready'), 60_000, 'peer B to start');
    const probeDoc = dataset.docs.find((d) => d.name === 'project-0') ?? dataset.docs[0];
    const probeUrl = probeDoc?.url as string;
    const profiler = profile === undefined ? undefined : await startProfiler();
    peer.send({
      type: 'sync',
      target: source.target(proxyPort),
      rootUrl: dataset.root.url,
      heads: Object.fromEntries(dataset.docs.map((d) => [d.url, d.heads])),
      probeUrl,
    });
    const synced = await peer.next(ofType('synced'), SYNC_TIMEOUT_MS, `${path} sync`);
    if (profiler !== undefined && profile !== undefined) {
      await profiler(`${profile}/peer-a-${path}-${Date.now()}.cpuprofile`);
    }
    await sleep(SETTLE_MS);
    const afterSync = await readCounts(counter);

    const probe = source.handles.get(probeUrl) as DocHandle<{ revision?: number }>;
    const random = prng(0xbe11);
    const latencies: number[] = [];
    const idleLatencies: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const gap = random() * MAX_PROBE_GAP_MS;
      await sleep(gap);
      const sentNs = process.hrtime.bigint();
      probe.change((doc) => {
        doc.revision = i;
      });
      const arrived = await peer.next(
        (m): m is Extract<FromPeerB, { type: 'arrived' }> => m.type === 'arrived' && m.probe === i,
        PROBE_TIMEOUT_MS,
        `${path} probe ${i}`,
      );
      const ms = Number(BigInt(arrived.atNs) - sentNs) / 1e6;
      latencies.push(ms);
      if (gap >= THROTTLE_MS) idleLatencies.push(ms);
    }
    await sleep(SETTLE_MS);
    const afterProbes = await readCounts(counter);
    peer.send({ type: 'stop' });
    const stopped = await peer.next(ofType('stopped'), 10_000, 'peer B to stop');
    return {
      disconnects: stopped.disconnects,
      path,
      synced,
      wireToB: afterSync.toClient,
      wireToA: afterSync.toServer,
      latencies,
      idleLatencies,
      probeWireBytes:
        (afterProbes.toClient + afterProbes.toServer - afterSync.toClient - afterSync.toServer) /
        Math.max(1, PROBES),
    };
  } finally {
    if (peer.child.connected) peer.send({ type: 'stop' });
    await peer.exited(5_000);
    await source.stop();
    if (counter.child.connected) counter.send({ type: 'stop' });
    await counter.exited(5_000);
  }
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench:sync did not finish in ${WATCHDOG_MS / 1000} s`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  const line = (name: string, value: number | string) => console.log(`${name}: ${value}`);

  const t0 = performance.now();
  const dataset = await generateDataset(SIZE);
  line('members', SIZE.members);
  line('ledger_entries', dataset.ledgerValid);
  line('project_docs', SIZE.projectDocs);
  line('documents', dataset.docs.length);
  line('stored_bytes', dataset.storedBytes);
  line('ledger_doc_bytes', dataset.docs.find((d) => d.name === 'ledger')?.binary.byteLength ?? 0);
  line('generate_s', ((performance.now() - t0) / 1000).toFixed(1));
  line('cpus', availableParallelism());
  line('loadavg_1m_at_start', (loadavg()[0] ?? 0).toFixed(2));

  const results: RunResult[] = [];
  for (const path of ORDER) results.push(await run(path, dataset));

  const of = (path: PathName) => results.filter((r) => r.path === path);
  const summary = (path: PathName) => {
    const runs = of(path);
    return {
      syncS: runs.map((r) => r.synced.totalMs / 1000),
      connectMs: median(runs.map((r) => r.synced.connectMs)),
      maxStallMs: Math.max(...runs.map((r) => r.synced.maxStallMs)),
      disconnects: runs.reduce((n, r) => n + r.disconnects, 0),
      rootMs: median(runs.map((r) => r.synced.rootMs)),
      wire: mean(runs.map((r) => r.wireToB + r.wireToA)),
      wireToB: mean(runs.map((r) => r.wireToB)),
      wireToA: mean(runs.map((r) => r.wireToA)),
      payload: mean(runs.map((r) => r.synced.payloadReceived + r.synced.payloadSent)),
      latencies: runs.flatMap((r) => r.latencies),
      idle: runs.flatMap((r) => r.idleLatencies),
      probeWire: mean(runs.map((r) => r.probeWireBytes)),
    };
  };
  const p2p = summary('p2p');
  const server = summary('server');
  const p2pSync = median(p2p.syncS);
  const serverSync = median(server.syncS);
  const ms = (v: number) => v.toFixed(1);

  line('p2p_sync_s', p2pSync.toFixed(3));
  line('p2p_sync_runs_s', p2p.syncS.map((v) => v.toFixed(3)).join(' '));
  line('server_sync_s', serverSync.toFixed(3));
  line('server_sync_runs_s', server.syncS.map((v) => v.toFixed(3)).join(' '));
  line('p2p_vs_server_ratio', (p2pSync / serverSync).toFixed(3));
  line('p2p_connect_ms', ms(p2p.connectMs));
  line('server_connect_ms', ms(server.connectMs));
  line('p2p_b_max_stall_ms', ms(p2p.maxStallMs));
  line('server_b_max_stall_ms', ms(server.maxStallMs));
  line('p2p_disconnects', p2p.disconnects);
  line('server_disconnects', server.disconnects);
  line('p2p_root_ms', ms(p2p.rootMs));
  line('server_root_ms', ms(server.rootMs));
  line('p2p_wire_bytes', Math.round(p2p.wire));
  line('server_wire_bytes', Math.round(server.wire));
  line('p2p_wire_bytes_a_to_b', Math.round(p2p.wireToB));
  line('p2p_wire_bytes_b_to_a', Math.round(p2p.wireToA));
  line('server_wire_bytes_a_to_b', Math.round(server.wireToB));
  line('server_wire_bytes_b_to_a', Math.round(server.wireToA));
  line('p2p_payload_bytes', Math.round(p2p.payload));
  line('server_payload_bytes', Math.round(server.payload));
  line('stored_bytes', dataset.storedBytes);
  line('p2p_wire_vs_stored', (p2p.wire / dataset.storedBytes).toFixed(3));
  line('server_wire_vs_stored', (server.wire / dataset.storedBytes).toFixed(3));
  line('p2p_wire_vs_server', (p2p.wire / server.wire).toFixed(3));
  line('latency_probes', p2p.latencies.length);
  line('latency_p50_ms', ms(percentile(p2p.latencies, 0.5)));
  line('latency_p95_ms', ms(percentile(p2p.latencies, 0.95)));
  line('server_latency_p50_ms', ms(percentile(server.latencies, 0.5)));
  line('server_latency_p95_ms', ms(percentile(server.latencies, 0.95)));
  line('latency_idle_probes', p2p.idle.length);
  line('latency_idle_p50_ms', ms(percentile(p2p.idle, 0.5)));
  line('latency_idle_p95_ms', ms(percentile(p2p.idle, 0.95)));
  line('server_latency_idle_p50_ms', ms(percentile(server.idle, 0.5)));
  line('server_latency_idle_p95_ms', ms(percentile(server.idle, 0.95)));
  line('p2p_probe_wire_bytes', Math.round(p2p.probeWire));
  line('server_probe_wire_bytes', Math.round(server.probeWire));
  line('loadavg_1m_at_end', (loadavg()[0] ?? 0).toFixed(2));
  line('total_s', ((performance.now() - t0) / 1000).toFixed(1));
}

await main();
