import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { extname, join, sep } from 'node:path';
import type { Server } from 'node:net';
import { text, type Language } from './messages.js';

/** Content types of the files a built web app holds; anything else is `application/octet-stream`. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The path the relay answers with its multiaddrs. */
export const RELAY_JSON_PATH = '/relay.json';

/** What `/relay.json` answers. */
export interface RelayInfo {
  /** The relay's peer id. */
  readonly peerId: string;
  /** Multiaddrs to dial, the one matching the page's own host first. */
  readonly relays: readonly string[];
}

/** Options of {@link createWebServer}. */
export interface WebServerInit {
  /** Directory of the built web app; when it does not exist every page says how to build it. */
  readonly root: string;
  /** Answers `/relay.json` for a request that named this host (the `Host` header, without port). */
  readonly relayInfo: (hostname: string) => RelayInfo;
  /** PEM certificate and key: HTTPS instead of HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly language: Language;
}

const HTML = CONTENT_TYPES['.html'] ?? 'text/html';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function notBuiltPage(root: string, language: Language): string {
  const fr = text('fr').notBuilt(root);
  const en = text('en').notBuilt(root);
  const [first, second] = language === 'fr' ? [fr, en] : [en, fr];
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Intégrale</title></head><body><h1>Intégrale</h1>' +
    `<p>${escapeHtml(first)}</p><p>${escapeHtml(second)}</p></body></html>\n`
  );
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  head: boolean,
): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(head ? undefined : body);
}

/** The hostname of a `Host` header (`192.168.1.20:8080` → `192.168.1.20`), or undefined. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader.length === 0 || hostHeader.length > 255) {
    return undefined;
  }
  try {
    const { hostname } = new URL(`http://${hostHeader}`);
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return undefined;
  }
}

/**
 * Maps a request path to a file under `root`, or null when the path tries to leave it. The check is
 * on the decoded path's segments and, after symlinks are resolved, on the real path.
 */
async function resolveFile(root: string, pathname: string): Promise<string | null | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const segments = decoded.split(/[/\\]/);
  if (decoded.includes('\0') || segments.some((segment) => segment === '..')) return null;
  let candidate = join(root, ...segments);
  try {
    if ((await stat(candidate)).isDirectory()) candidate = join(candidate, 'index.html');
    const real = await realpath(candidate);
    const realRoot = await realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined; // missing
  }
}

async function handle(
  init: WebServerInit,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.setHeader('allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', head);
    return;
  }
  // The raw request target, not a normalised URL: `/../x` must be seen to be refused.
  const target = request.url ?? '/';
  const pathname = target.split('?')[0] ?? '/';
  if (!pathname.startsWith('/')) {
    send(response, 400, 'text/plain; charset=utf-8', 'bad request\n', head);
    return;
  }

  if (pathname === RELAY_JSON_PATH) {
    const hostname = hostnameOf(request.headers.host) ?? '';
    const body = JSON.stringify(init.relayInfo(hostname)) + '\n';
    response.setHeader('access-control-allow-origin', '*');
    send(response, 200, CONTENT_TYPES['.json'] ?? 'application/json', body, head);
    return;
  }

  const rootExists = await stat(init.root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!rootExists) {
    send(response, 503, HTML, notBuiltPage(init.root, init.language), head);
    return;
  }

  let file = await resolveFile(init.root, pathname);
  if (file === null) {
    send(response, 403, 'text/plain; charset=utf-8', 'forbidden\n', head);
    return;
  }
  // An address without an extension is a page of the single-page app: its index answers.
  if (file === undefined && extname(pathname) === '') {
    file = await resolveFile(init.root, '/index.html');
  }
  if (file === undefined || file === null) {
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n', head);
    return;
  }

  const size = (await stat(file)).size;
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    // Vite fingerprints what it puts in assets/: those never change; the rest is revalidated.
    'cache-control': pathname.startsWith('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (head) {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/**
 * The relay's web server: the built app from `root` with correct content types and no way out of
 * it, and `/relay.json` with the relay multiaddrs matching the host the page was requested on
 * (a page opened on the LAN address must dial the LAN address: gotcha 6). Not yet listening.
 */
export function createWebServer(init: WebServerInit): Server {
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(init, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error\n', false);
      else response.destroy();
    });
  };
  return init.tls
    ? createHttpsServer({ cert: init.tls.cert, key: init.tls.key }, listener)
    : createHttpServer(listener);
}
