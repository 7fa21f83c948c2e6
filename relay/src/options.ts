import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { multiaddr } from '@multiformats/multiaddr';
import { text, type Language } from './messages.js';

/** How the relay runs, from its flags and environment. */
export interface RelayOptions {
  /** Address the web server and the libp2p listener bind to. Flag `--host`, env `HOST`. */
  readonly host: string;
  /** Web server port (0: any free port). Flag `--port`, env `PORT`. */
  readonly port: number;
  /** libp2p WebSocket port (0: any free port). Flag `--p2p-port`, env `P2P_PORT`. */
  readonly p2pPort: number;
  /** Extra multiaddrs to announce (a public address, a DNS name). Flag `--announce`, repeatable. */
  readonly announce: readonly string[];
  /** PEM certificate and key: serve HTTPS and WSS instead of HTTP and WS. */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** Where the relay keeps its peer key, so its multiaddr survives restarts. */
  readonly keyFile: string | undefined;
  /** Directory of the built web app. Flag `--web-root`, env `WEB_ROOT`. */
  readonly webRoot: string;
  /** `--help`: print the usage and exit. */
  readonly help: boolean;
}

/** Defaults of {@link RelayOptions}. */
export const RELAY_DEFAULTS = { host: '0.0.0.0', port: 8080 } as const;

/** A command line or environment the relay cannot run with. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function port(value: string, what: string, language: Language): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(text(language).badPort(what, value));
  }
  return Number(value);
}

/**
 * Reads the relay's options: flags win over the environment, which wins over the defaults.
 * Throws {@link UsageError} with one sentence for anything it cannot use.
 */
export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaults: { readonly webRoot: string },
  language: Language,
): RelayOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'p2p-port': { type: 'string' },
        announce: { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'key-file': { type: 'string' },
        'web-root': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }

  const host = values.host ?? env['HOST'] ?? RELAY_DEFAULTS.host;
  if (isIP(host) === 0) throw new UsageError(text(language).badHost(host));

  const httpPort = port(
    values.port ?? env['PORT'] ?? String(RELAY_DEFAULTS.port),
    'port',
    language,
  );
  const p2pText = values['p2p-port'] ?? env['P2P_PORT'];
  let p2pPort: number;
  if (p2pText !== undefined) p2pPort = port(p2pText, 'p2p-port', language);
  else if (httpPort === 0) p2pPort = 0;
  else if (httpPort < 65_535) p2pPort = httpPort + 1;
  else throw new UsageError(text(language).noP2pPort);
  if (httpPort !== 0 && httpPort === p2pPort) {
    throw new UsageError(text(language).samePorts(httpPort));
  }

  const announce = values.announce ?? [];
  for (const address of announce) {
    try {
      multiaddr(address);
    } catch {
      throw new UsageError(text(language).badAnnounce(address));
    }
  }

  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError(text(language).tlsPair);
  }

  const webRoot = values['web-root'] ?? env['WEB_ROOT'];
  return {
    host,
    port: httpPort,
    p2pPort,
    announce,
    tls: certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined,
    keyFile: values['key-file'],
    webRoot: webRoot === undefined ? defaults.webRoot : resolve(webRoot),
    help: values.help ?? false,
  };
}
