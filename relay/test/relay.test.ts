import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { get as httpsGet } from 'node:https';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/*
 * The relay as its operator runs it: a child process started from its sources (so the run never
 * depends on a stale build), on free ports of the loopback interface, answering real HTTP.
 */

const RELAY_DIR = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(RELAY_DIR, 'src/main.ts');
const STARTUP_MS = 30_000;

interface Exit {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Relay {
  readonly child: ChildProcess;
  readonly stdout: string;
  readonly webPort: number;
  readonly multiaddrs: string[];
  readonly peerId: string;
  readonly exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();
const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

function spawnRelay(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: RELAY_DIR,
    env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (status, signal) => {
      running.delete(child);
      // 'exit' can precede the last 'data'; 'close' follows both.
      child.on('close', () => resolve({ status, signal, stdout, stderr }));
    });
  });
  const output = () => stdout;
  return { child, exited, output };
}

/** Starts a relay and resolves once it has printed its addresses. */
async function startRelay(args: string[], env: Record<string, string> = {}): Promise<Relay> {
  const { child, exited, output } = spawnRelay(args, env);
  const ready = new Promise<void>((resolve) => {
    const onData = (): void => {
      if (output().includes('Ctrl+C to stop.')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
  });
  const early = exited.then((exit) => {
    throw new Error(`relay exited early (${String(exit.status)}): ${exit.stderr}`);
  });
  await Promise.race([ready, early]);
  const stdout = output();
  const webPort = Number(/https?:\/\/[^\s]+:(\d+)\//.exec(stdout)?.[1]);
  const multiaddrs = stdout.match(/\/ip[46]\/\S+\/tcp\/\d+\/(?:tls\/)?ws\/p2p\/\S+/g) ?? [];
  const peerId = /\/p2p\/(\S+)$/.exec(multiaddrs[0] ?? '')?.[1] ?? '';
  return { child, stdout, webPort, multiaddrs, peerId, exited };
}

interface Response {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw HTTP GET to 127.0.0.1: the path is sent as written (no `..` normalisation). */
function get(port: number, path: string, host?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: host === undefined ? {} : { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** One line on standard error, exit status 2, no stack trace. */
function expectOneLineFailure(exit: Exit, pattern: RegExp): void {
  expect(exit.status).toBe(2);
  const lines = exit.stderr.split('\n').filter((line) => line.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(exit.stderr).not.toMatch(/\n\s+at /);
}

let dir: string;
let webRoot: string;
const LOOPBACK = ['--host', '127.0.0.1', '--port', '0', '--p2p-port', '0'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'integrale-relay-'));
  webRoot = join(dir, 'dist');
  await mkdir(join(webRoot, 'assets'), { recursive: true });
  await mkdir(join(webRoot, 'docs'), { recursive: true });
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(webRoot, 'assets', 'app-1234.js'), 'export const app = 1;');
  await writeFile(join(webRoot, 'assets', 'app-1234.css'), 'body { margin: 0 }');
  await writeFile(join(webRoot, 'automerge.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(join(webRoot, 'manifest.webmanifest'), '{}');
  await writeFile(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(webRoot, 'docs', 'index.html'), '<!doctype html><title>docs</title>');
  await writeFile(join(dir, 'secret.txt'), 'not for the web');
  await symlink(join(dir, 'secret.txt'), join(webRoot, 'escape.txt'));
});

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('relay process', () => {
  it(
    'prints the web addresses, a QR code of the LAN address and its libp2p multiaddr',
    async () => {
      const relay = await startRelay(['--host', '0.0.0.0', '--port', '0', '--p2p-port', '0']);
      expect(relay.stdout).toContain(`http://localhost:${relay.webPort}/`);
      const lan = Object.values(networkInterfaces())
        .flatMap((infos) => infos ?? [])
        .filter((info) => info.family === 'IPv4' && !info.internal)
        .map((info) => info.address);
      for (const address of lan)
        expect(relay.stdout).toContain(`http://${address}:${relay.webPort}/`);
      if (lan.length > 0) expect(relay.stdout).toMatch(/[█▀▄]{10,}/); // the QR code
      expect(relay.multiaddrs.some((m) => m.startsWith('/ip4/127.0.0.1/tcp/'))).toBe(true);
      expect(relay.peerId).toMatch(/^12D3KooW/);
      relay.child.kill('SIGTERM');
      expect((await relay.exited).status).toBe(0);
    },
    STARTUP_MS,
  );

  it(
    'answers /relay.json with the multiaddr of the host the page was requested on',
    async () => {
      const relay = await startRelay([...LOOPBACK, '--web-root', webRoot]);
      const p2pPort = /\/tcp\/(\d+)\//.exec(relay.multiaddrs[0] ?? '')?.[1];
      const tail = `/tcp/${p2pPort}/ws/p2p/${relay.peerId}`;

      const direct = await get(relay.webPort, '/relay.json');
      expect(direct.status).toBe(200);
      expect(direct.headers['content-type']).toMatch(/^application\/json/);
      const info = JSON.parse(direct.body) as { peerId: string; relays: string[] };
      expect(info.peerId).toBe(relay.peerId);
      expect(info.relays[0]).toBe(`/ip4/127.0.0.1${tail}`);

      // A page opened on the LAN address gets the LAN address first (gotcha 6).
      const lan = await get(relay.webPort, '/relay.json', `192.168.1.20:${relay.webPort}`);
      expect((JSON.parse(lan.body) as { relays: string[] }).relays[0]).toBe(
        `/ip4/192.168.1.20${tail}`,
      );
      const local = await get(relay.webPort, '/relay.json', `localhost:${relay.webPort}`);
      expect((JSON.parse(local.body) as { relays: string[] }).relays[0]).toBe(
        `/ip4/127.0.0.1${tail}`,
      );
    },
    STARTUP_MS,
  );

  it(
    'serves the built app with content types, and index.html for app routes',
    async () => {
      const relay = await startRelay([...LOOPBACK, '--web-root', webRoot]);
      const expectations: Array<[string, RegExp, string | null]> = [
        ['/', /^text\/html/, '<!doctype html><title>app</title>'],
        ['/index.html', /^text\/html/, '<!doctype html><title>app</title>'],
        ['/docs/', /^text\/html/, '<!doctype html><title>docs</title>'],
        ['/assets/app-1234.js', /^text\/javascript/, 'export const app = 1;'],
        ['/assets/app-1234.css', /^text\/css/, 'body { margin: 0 }'],
        ['/automerge.wasm', /^application\/wasm$/, null],
        ['/manifest.webmanifest', /^application\/manifest\+json/, '{}'],
        ['/members/alice', /^text\/html/, '<!doctype html><title>app</title>'],
      ];
      for (const [path, type, body] of expectations) {
        const response = await get(relay.webPort, path);
        expect(response.status, path).toBe(200);
        expect(response.headers['content-type'], path).toMatch(type);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        if (body !== null) expect(response.body, path).toBe(body);
      }
      expect((await get(relay.webPort, '/missing.js')).status).toBe(404);
    },
    STARTUP_MS,
  );

  it(
    'never lets a cache keep the service worker, the page or /relay.json (offline updates)',
    async () => {
      const relay = await startRelay([...LOOPBACK, '--web-root', webRoot]);
      // The browser checks sw.js for a new version on every visit: a cached copy would hide it.
      const worker = await get(relay.webPort, '/sw.js');
      expect(worker.status).toBe(200);
      expect(worker.headers['content-type']).toMatch(/^text\/javascript/);
      expect(worker.headers['cache-control']).toBe('no-cache');
      for (const path of ['/', '/index.html', '/manifest.webmanifest']) {
        expect((await get(relay.webPort, path)).headers['cache-control'], path).toBe('no-cache');
      }
      expect((await get(relay.webPort, '/relay.json')).headers['cache-control']).toBe('no-store');
    },
    STARTUP_MS,
  );

  it(
    'refuses every path that leads out of the web root',
    async () => {
      const relay = await startRelay([...LOOPBACK, '--web-root', webRoot]);
      for (const path of [
        '/../secret.txt',
        '/assets/../../secret.txt',
        '/%2e%2e/secret.txt',
        '/%2E%2E%2Fsecret.txt',
        '/..%5csecret.txt',
        '/escape.txt',
      ]) {
        const response = await get(relay.webPort, path);
        expect(response.status, path).toBe(403);
        expect(response.body, path).not.toContain('not for the web');
      }
    },
    STARTUP_MS,
  );

  it(
    'says how to build the app when the web root does not exist',
    async () => {
      const relay = await startRelay([...LOOPBACK, '--web-root', join(dir, 'nowhere')]);
      const response = await get(relay.webPort, '/');
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('npm run build --workspace web');
      expect((await get(relay.webPort, '/relay.json')).status).toBe(200);
    },
    STARTUP_MS,
  );

  it.skipIf(!HAS_OPENSSL)(
    'serves HTTPS and listens on WSS with --tls-cert and --tls-key',
    async () => {
      const cert = join(dir, 'cert.pem');
      const key = join(dir, 'key.pem');
      const made = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ]);
      expect(made.status).toBe(0);
      const relay = await startRelay([...LOOPBACK, '--tls-cert', cert, '--tls-key', key]);
      expect(relay.stdout).toContain(`https://127.0.0.1:${relay.webPort}/`);
      const multiaddr = relay.multiaddrs[0] ?? '';
      expect(multiaddr).toMatch(/\/tcp\/\d+\/tls\/ws\/p2p\//);

      const body = await new Promise<string>((resolve, reject) => {
        httpsGet(
          {
            host: '127.0.0.1',
            port: relay.webPort,
            path: '/relay.json',
            rejectUnauthorized: false,
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve(text));
          },
        ).on('error', reject);
      });
      expect((JSON.parse(body) as { relays: string[] }).relays[0]).toBe(multiaddr);

      const p2pPort = Number(/\/tcp\/(\d+)\//.exec(multiaddr)?.[1]);
      const protocol = await new Promise<string>((resolve, reject) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port: p2pPort, rejectUnauthorized: false },
          () => {
            resolve(socket.getProtocol() ?? '');
            socket.end();
          },
        );
        socket.on('error', reject);
      });
      expect(protocol).toMatch(/^TLS/);
    },
    STARTUP_MS,
  );

  it(
    'keeps its peer id across restarts with --key-file',
    async () => {
      const keyFile = join(dir, 'keys', 'relay.key');
      const first = await startRelay([...LOOPBACK, '--key-file', keyFile]);
      first.child.kill('SIGTERM');
      await first.exited;
      const second = await startRelay([...LOOPBACK, '--key-file', keyFile]);
      expect(second.peerId).toBe(first.peerId);
      expect((await readdir(join(dir, 'keys'))).length).toBe(1);
    },
    STARTUP_MS,
  );

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops cleanly on %s with exit status 0',
    async (signal) => {
      const relay = await startRelay(LOOPBACK);
      relay.child.kill(signal);
      const exit = await relay.exited;
      expect(exit.status).toBe(0);
      expect(exit.stderr).toBe('');
    },
    STARTUP_MS,
  );

  it.each([
    [['--bogus'], /^integrale-relay: Unknown option '--bogus'/],
    [['--port', 'eighty'], /^integrale-relay: --port takes a port number/],
    [['--port', '70000'], /^integrale-relay: --port takes a port number/],
    [['--p2p-port', '-1'], /^integrale-relay: /],
    [['--host', 'my-laptop'], /^integrale-relay: --host takes an IP address/],
    [['--tls-cert', 'cert.pem'], /^integrale-relay: --tls-cert and --tls-key go together/],
    [['--announce', 'not-a-multiaddr'], /^integrale-relay: --announce takes a multiaddr/],
  ])(
    'refuses the flags %j with one line and exit status 2',
    async (args, pattern) => {
      const { exited } = spawnRelay([...LOOPBACK, ...args]);
      expectOneLineFailure(await exited, pattern);
    },
    STARTUP_MS,
  );

  it(
    'refuses a bad PORT from the environment with one line and exit status 2',
    async () => {
      const { exited } = spawnRelay(['--host', '127.0.0.1'], { PORT: 'x' });
      expectOneLineFailure(await exited, /--port takes a port number/);
    },
    STARTUP_MS,
  );

  it.each(['--port', '--p2p-port'])(
    'reports a busy %s with one line and exit status 2',
    async (flag) => {
      const busy = await occupyPort();
      try {
        const other = flag === '--port' ? '--p2p-port' : '--port';
        const { exited } = spawnRelay([
          '--host',
          '127.0.0.1',
          flag,
          String(portOf(busy)),
          other,
          '0',
        ]);
        expectOneLineFailure(await exited, /port \d+ is already in use/);
      } finally {
        busy.close();
      }
    },
    STARTUP_MS,
  );
});

describe('relay sources', () => {
  it('import no domain package, no Automerge and no storage, and write only the peer key', async () => {
    const sourceDir = join(RELAY_DIR, 'src');
    const files = (await readdir(sourceDir)).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    const forbidden =
      /from\s+['"](@integrale\/[^'"]+|@automerge\/[^'"]+|idb|level[^'"]*|[^'"]*datastore[^'"]*)['"]/;
    for (const name of files) {
      const source = await readFile(join(sourceDir, name), 'utf8');
      expect(source, name).not.toMatch(forbidden);
      expect(source, name).not.toMatch(/import\(/);
      const writes = /\b(writeFile|appendFile|createWriteStream|mkdir)\b/.test(source);
      expect(writes && name !== 'key-file.ts', `${name} writes to disk`).toBe(false);
    }
    const manifest = JSON.parse(await readFile(join(RELAY_DIR, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      expect(name).not.toMatch(/^@integrale\/|^@automerge\//);
    }
  });
});
