// First: libp2p's dependencies need Promise.withResolvers, which Node 20 lacks.
import './polyfills.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:net';
import { renderUnicodeCompact } from 'uqr';
import { lanAddresses, relayMultiaddrFor } from './addresses.js';
import { loadOrCreateKey, UnusableKeyFileError } from './key-file.js';
import { languageOf, text, type Language } from './messages.js';
import { parseOptions, UsageError, type RelayOptions } from './options.js';
import { createRelayNode, type RelayNode } from './relay-node.js';
import { createWebServer } from './web-server.js';

/** Exit status of a clean stop. */
export const EXIT_OK = 0;
/** Exit status of a relay that cannot start: bad flag, busy port, unusable file. */
export const EXIT_CANNOT_START = 2;

/** A failure to start that the person running the relay can fix; its message is the one line. */
class StartError extends Error {
  override name = 'StartError';
}

/** The relay package's directory: the nearest package.json above this file (src/ or dist/src/). */
function packageDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return directory;
}

function listenFailure(error: unknown, what: string, port: number, language: Language): StartError {
  const message = String((error as Error)?.message ?? error);
  if (/EADDRINUSE/.test(message)) return new StartError(text(language).portBusy(what, port));
  const code = /\b(E[A-Z]+)\b/.exec(message)?.[1] ?? message.split('\n')[0] ?? 'error';
  return new StartError(text(language).cannotListen(`${what} ${port}`, code));
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would hold close() open; the relay is going away.
    (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

function p2pPortOf(node: RelayNode): number {
  for (const address of node.getMultiaddrs()) {
    const tcp = address.getComponents().find((component) => component.name === 'tcp');
    if (tcp?.value !== undefined) return Number(tcp.value);
  }
  return 0;
}

function banner(
  options: RelayOptions,
  node: RelayNode,
  webPort: number,
  language: Language,
): string {
  const t = text(language);
  const scheme = options.tls ? 'https' : 'http';
  const url = (host: string): string =>
    `${scheme}://${host.includes(':') ? `[${host}]` : host}:${webPort}/`;
  const everywhere = options.host === '0.0.0.0' || options.host === '::';
  const lan = everywhere ? lanAddresses(networkInterfaces()) : [];
  const lines = [t.started, '', t.openHere, `  ${url(everywhere ? 'localhost' : options.host)}`];
  if (everywhere) {
    lines.push('', t.openOnLan);
    if (lan.length === 0) lines.push(`  ${t.noLan}`);
    for (const address of lan) lines.push(`  ${url(address)}`);
    const first = lan[0];
    if (first !== undefined)
      lines.push('', t.scan, renderUnicodeCompact(url(first), { border: 1 }));
  }
  lines.push('', t.relayAddresses);
  for (const address of node.getMultiaddrs()) lines.push(`  ${address.toString()}`);
  lines.push(
    '',
    existsSync(options.webRoot) ? t.webRoot(options.webRoot) : t.notBuilt(options.webRoot),
    t.stopHint,
  );
  return lines.join('\n') + '\n';
}

async function start(
  options: RelayOptions,
  language: Language,
): Promise<{ node: RelayNode; web: Server; webPort: number }> {
  const t = text(language);
  let tls: { cert: string; key: string } | undefined;
  if (options.tls) {
    try {
      tls = {
        cert: await readFile(options.tls.certFile, 'utf8'),
        key: await readFile(options.tls.keyFile, 'utf8'),
      };
    } catch (error) {
      throw new StartError(t.badTls((error as Error).message));
    }
  }
  let privateKey;
  if (options.keyFile !== undefined) {
    try {
      privateKey = await loadOrCreateKey(options.keyFile);
    } catch (error) {
      const reason = error instanceof UnusableKeyFileError ? error.message : String(error);
      throw new StartError(t.badKeyFile(options.keyFile, reason));
    }
  }

  let node: RelayNode;
  try {
    node = await createRelayNode({
      host: options.host,
      port: options.p2pPort,
      announce: options.announce,
      ...(tls === undefined ? {} : { tls }),
      ...(privateKey === undefined ? {} : { privateKey }),
    });
  } catch (error) {
    throw listenFailure(error, 'libp2p', options.p2pPort, language);
  }

  const endpoint = { port: p2pPortOf(node), peerId: node.peerId.toString(), secure: !!tls };
  const web = createWebServer({
    root: options.webRoot,
    language,
    ...(tls === undefined ? {} : { tls }),
    relayInfo: (hostname) => {
      const matching = relayMultiaddrFor(hostname, endpoint);
      const relays = matching === undefined ? [] : [matching];
      for (const address of [...options.announce, ...node.getMultiaddrs().map(String)]) {
        if (!relays.includes(address)) relays.push(address);
      }
      return { peerId: endpoint.peerId, relays };
    },
  });
  let webPort: number;
  try {
    webPort = await listen(web, options.host, options.port);
  } catch (error) {
    await node.stop();
    throw listenFailure(error, 'web', options.port, language);
  }
  return { node, web, webPort };
}

/**
 * Runs the relay until SIGINT or SIGTERM. Every failure to start is one line on standard error and
 * exit status 2, never a stack trace: the person running a meeting's relay needs the sentence that
 * says what to change.
 */
async function main(): Promise<void> {
  const language = languageOf(process.env);
  const fail = (message: string): never => {
    process.stderr.write(`integrale-relay: ${message}\n`);
    process.exit(EXIT_CANNOT_START);
  };
  let options: RelayOptions;
  try {
    options = parseOptions(
      process.argv.slice(2),
      process.env,
      { webRoot: join(packageDirectory(), '..', 'web', 'dist') },
      language,
    );
  } catch (error) {
    return fail(error instanceof UsageError ? error.message : String(error));
  }
  if (options.help) {
    process.stdout.write(text(language).usage + '\n');
    return;
  }

  // Signals are watched before anything starts: one that arrives mid-start stops the relay as
  // soon as it is up, instead of killing it halfway.
  let running: { node: RelayNode; web: Server } | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(EXIT_OK); // a second Ctrl+C does not wait
    stopping = true;
    if (running === undefined) return; // still starting: main stops it once started
    process.stdout.write(text(language).stopping + '\n');
    Promise.all([running.node.stop(), closeServer(running.web)]).then(
      () => process.exit(EXIT_OK),
      (error: unknown) => fail(`internal error: ${String((error as Error)?.message ?? error)}`),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    const started = await start(options, language);
    running = started;
    process.stdout.write(banner(options, started.node, started.webPort, language));
  } catch (error) {
    const message =
      error instanceof StartError
        ? error.message
        : `internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    return fail(message);
  }
  if (stopping) {
    stopping = false;
    stop();
  }
}

await main();
