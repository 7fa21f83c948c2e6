import { parseArgs } from 'node:util';
import { createSignatureVerifier } from '@integrale/identity';
import {
  NoUsableGenesisError,
  UnusableItemError,
  verifyItems,
  type VerificationReport,
} from '@integrale/ledger';
import { createNodeCryptoBackend, nodeSha256Hex } from '@integrale/node-crypto';
import { languageOf, summary, text, type Language } from './messages.js';
import { readExport, UnreadableInputError } from './read-export.js';

/** Exit statuses of spec section 4. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_UNREADABLE = 2;

/** Where the command writes; passed in so tests run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A command line that does not parse. */
export class UsageError extends Error {
  override name = 'UsageError';
}

interface VerifyArgs {
  readonly file: string;
  readonly coop: string | undefined;
  readonly json: boolean;
  /** Format v1 alone: the governance extension's entries are malformed. */
  readonly v1Only: boolean;
}

function parseVerifyArgs(args: readonly string[]): VerifyArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        coop: { type: 'string' },
        json: { type: 'boolean', default: false },
        'v1-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length !== 1) throw new UsageError('verify takes exactly one FILE');
  const coop = parsed.values.coop;
  if (coop !== undefined && !/^[0-9a-f]{64}$/.test(coop)) {
    throw new UsageError('--coop takes a genesis id: 64 lowercase hex digits');
  }
  return {
    file: parsed.positionals[0] as string,
    coop,
    json: parsed.values.json,
    v1Only: parsed.values['v1-only'],
  };
}

/** Runs `integrale verify …`; resolves to the exit status. */
export async function runVerify(args: readonly string[], io: CliIo): Promise<number> {
  const language: Language = languageOf(io.env);
  const options = parseVerifyArgs(args);
  if (options === 'help') {
    io.stdout(text(language).usage + '\n');
    return EXIT_OK;
  }
  const items = await readExport(options.file);
  const report: VerificationReport = await verifyItems(items, {
    verifier: createSignatureVerifier(createNodeCryptoBackend()),
    coop: options.coop,
    sha256Hex: nodeSha256Hex,
    extensions: !options.v1Only,
  });
  io.stdout((options.json ? JSON.stringify(report, null, 2) : summary(report, language)) + '\n');
  // An account's fork is a fork too (two spends approved at one place of its chain).
  const forks = report.forks.length + (report.accountForks?.length ?? 0);
  return report.invalid.length === 0 && forks === 0 ? EXIT_OK : EXIT_PROBLEMS;
}

/**
 * The `integrale` command. Every failure is one line on standard error, never a stack trace:
 * bad input is the user's to fix, and a trace would only hide the sentence that says how.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const language = languageOf(io.env);
  const [command, ...rest] = argv;
  try {
    if (command === 'verify') return await runVerify(rest, io);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(text(language).usage + '\n');
      return command === undefined ? EXIT_UNREADABLE : EXIT_OK;
    }
    throw new UsageError(`unknown command: ${command}`);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof UnreadableInputError ||
      error instanceof NoUsableGenesisError ||
      error instanceof UnusableItemError
    ) {
      io.stderr(`integrale: ${error.message}\n`);
    } else {
      // A bug of ours, not the user's input; still one line.
      io.stderr(
        `integrale: internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
      );
    }
    return EXIT_UNREADABLE;
  }
}
