import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './build.js';

/** A relay child process serving web/dist. */
export interface RelayProcess {
  /** The web server's port. */
  readonly webPort: number;
  /** The libp2p WebSocket port. */
  readonly p2pPort: number;
  readonly peerId: string;
  /** `http://<host>:<webPort>/` for a host name that resolves to the relay. */
  url(host?: string): string;
  /** Stops the relay (SIGTERM) and resolves with its exit status. */
  stop(): Promise<number | null>;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `node relay/dist/src/main.js` on 127.0.0.1 with free ports, plus `extraArgs` (such as
 * `--web-root DIR`); resolves once it printed its banner (its listeners are up by then).
 */
export async function startRelay(extraArgs: readonly string[] = []): Promise<RelayProcess> {
  const webPort = await freePort();
  const p2pPort = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'relay/dist/src/main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(webPort),
      '--p2p-port',
      String(p2pPort),
      ...extraArgs,
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (status) => {
      running.delete(child);
      resolve(status);
    });
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const banner = new Promise<string>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('Ctrl+C')) resolve(stdout);
    });
  });
  const printed = await Promise.race([
    banner,
    exited.then((status) => {
      throw new Error(`the relay exited with ${String(status)}: ${stderr}`);
    }),
  ]);
  const peerId = /\/ws\/p2p\/(\S+)/.exec(printed)?.[1];
  if (peerId === undefined) throw new Error(`no relay address in the banner:\n${printed}`);
  return {
    webPort,
    p2pPort,
    peerId,
    url: (host = '127.0.0.1') => `http://${host}:${webPort}/`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
