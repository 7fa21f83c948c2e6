import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The `integrale verify` command as a user runs it: the compiled bin in a child process (built
 * by `tsc --build`, which `npm test` runs first), files on disk, exit statuses, standard error.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/integrale.js');
const VECTORS = join(ROOT, 'docs/spec/vectors');

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

interface Vector {
  readonly description: string;
  readonly coop?: string;
  readonly input: unknown[];
  readonly expected: { invalid: unknown[]; forks: unknown[] };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'integrale-verify-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** A one-line error: no stack trace, no second line. */
function expectOneLineError(result: Run, pattern: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^integrale: .+\n$/);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(pattern);
}

const vectorFiles = (await readdir(VECTORS)).filter(
  (name) => name.endsWith('.json') && !name.includes('.notes.'),
);

describe('integrale verify --json reproduces every spec vector', () => {
  it.each(vectorFiles)('%s, as a JSON array and as JSON Lines', async (name) => {
    const vector = JSON.parse(await readFile(join(VECTORS, name), 'utf8')) as Vector;
    const coop = vector.coop ? ['--coop', vector.coop] : [];
    const expectedStatus =
      vector.expected.invalid.length === 0 && vector.expected.forks.length === 0 ? 0 : 1;

    const asArray = await file(`${name}.array.json`, JSON.stringify(vector.input, null, 1));
    const arrayRun = await run(['verify', asArray, '--json', ...coop]);
    expect(arrayRun.stderr).toBe('');
    expect(JSON.parse(arrayRun.stdout)).toStrictEqual(vector.expected);
    expect(arrayRun.status).toBe(expectedStatus);

    const asLines = await file(
      `${name}.jsonl`,
      vector.input.map((item) => JSON.stringify(item)).join('\n') + '\n',
    );
    const linesRun = await run(['verify', asLines, '--json', ...coop]);
    expect(JSON.parse(linesRun.stdout)).toStrictEqual(vector.expected);
    expect(linesRun.status).toBe(expectedStatus);
  });
});

describe('integrale verify and the governance extension (docs/protocol-governance.md)', () => {
  const GOVERNANCE = join(ROOT, 'docs/spec/vectors-extensions/governance.json');

  it('reproduces the governance vector, decisions and limits included', async () => {
    const vector = JSON.parse(await readFile(GOVERNANCE, 'utf8')) as Vector;
    const path = await file(
      'governance.jsonl',
      vector.input.map((i) => JSON.stringify(i)).join('\n'),
    );
    const result = await run(['verify', path, '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toStrictEqual(vector.expected);
    expect(result.status).toBe(1); // the vector holds invalid entries on purpose

    const summary = await run(['verify', path], { LANG: 'fr_FR.UTF-8' });
    expect(summary.stdout).toContain('« Limite de Bob à 500 ECO » (consent) : adopted');
    expect(summary.stdout).toContain('résultat de vote qui ne correspond pas au décompte');
  });

  it('reproduces the collective-accounts vector, accounts and account forks included', async () => {
    const vector = JSON.parse(
      await readFile(join(ROOT, 'docs/spec/vectors-extensions/accounts.json'), 'utf8'),
    ) as Vector;
    const path = await file('accounts.json', JSON.stringify(vector.input));
    const result = await run(['verify', path, '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toStrictEqual(vector.expected);
    const summary = await run(['verify', path], { LANG: 'fr_FR.UTF-8' });
    expect(summary.stdout).toContain('mettrait le compte collectif à découvert');
    expect(summary.stdout).toContain('« Fournil collectif » : solde -1500 (2 sur 3 responsables)');
    expect(summary.stdout).toMatch(
      /Fourche du compte [0-9a-f]{12}… : 2 dépenses différentes au rang 3/,
    );
    expect(summary.status).toBe(1);
  });

  it('with --v1-only, sees governance entries as malformed, as a format v1 verifier would', async () => {
    const vector = JSON.parse(await readFile(GOVERNANCE, 'utf8')) as Vector;
    const path = await file('governance-v1.json', JSON.stringify(vector.input));
    const result = await run(['verify', path, '--json', '--v1-only']);
    const report = JSON.parse(result.stdout) as {
      invalid: { reason: string }[];
      decisions?: unknown;
    };
    expect(result.status).toBe(1);
    expect(report.decisions).toBeUndefined();
    expect(report.invalid.some((row) => row.reason === 'malformed')).toBe(true);
  });
});

describe('integrale verify without --json', () => {
  it('prints a French summary when LANG starts with fr, English otherwise', async () => {
    const vector = JSON.parse(await readFile(join(VECTORS, 'basic.json'), 'utf8')) as Vector;
    const path = await file('basic.json', JSON.stringify(vector.input));
    const fr = await run(['verify', path], { LANG: 'fr_FR.UTF-8' });
    expect(fr.status).toBe(0);
    expect(fr.stdout).toContain('Résultat : tout est valide.');
    expect(fr.stdout).toContain('Membres : 3');
    const en = await run(['verify', path], { LANG: 'en_GB.UTF-8' });
    expect(en.stdout).toContain('Result: everything is valid.');
  });

  it('names each problem in plain words and exits 1', async () => {
    const vector = JSON.parse(await readFile(join(VECTORS, 'faults.json'), 'utf8')) as Vector;
    const path = await file('faults.json', JSON.stringify(vector.input));
    const result = await run(['verify', path, '--coop', vector.coop as string], {
      LANG: 'fr_FR.UTF-8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('dépasse la limite de crédit');
    expect(result.stdout).toContain('Fourche');
  });
});

describe('integrale verify with hostile or broken input', () => {
  const basic = async () =>
    (JSON.parse(await readFile(join(VECTORS, 'basic.json'), 'utf8')) as Vector).input;

  it('answers text that is not JSON with one line and status 2', async () => {
    expectOneLineError(
      await run(['verify', await file('prose.txt', 'bonjour\nles amis\n')]),
      /line 1 is not JSON/,
    );
  });

  it('stops at once on a 2 GB line instead of reading it', async () => {
    const path = await file('huge.jsonl', '{"memo":"');
    await truncate(path, 2 * 1024 ** 3); // sparse: 2 GB of NUL bytes after the opening quote
    expectOneLineError(await run(['verify', path]), /longer than 16 MiB/);
  });

  it('refuses nesting 100,000 levels deep with one line', async () => {
    expectOneLineError(
      await run(['verify', await file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))]),
      /nests deeper/,
    );
  });

  it('refuses a number that is not finite', async () => {
    const items = await basic();
    const text = JSON.stringify(items).replace('"creditLimit":10000', '"creditLimit":1e400');
    expectOneLineError(await run(['verify', await file('infinite.json', text)]), /not finite/);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const text = Buffer.concat([
      Buffer.from(JSON.stringify(await basic())),
      Buffer.from([0x0a, 0xff, 0xfe, 0x0a]),
    ]);
    expectOneLineError(await run(['verify', await file('latin.jsonl', text)]), /UTF-8/);
  });

  it('judges numbers past 2^53, lone surrogates and duplicate keys as malformed entries', async () => {
    const items = await basic();
    const lines = items.map((item) => JSON.stringify(item));
    const pay = lines.findIndex((line) => line.includes('"type":"pay"'));
    const hostile = [
      lines[pay]!.replace(/"amount":\d+/, '"amount":9007199254740993'),
      lines[pay]!.replace(/"memo":"[^"]*"/, '"memo":"\\ud800"'),
      lines[pay]!.replace('{', '{"amount":"deux",'),
    ];
    const path = await file('hostile.jsonl', [...lines, ...hostile].join('\n'));
    const result = await run(['verify', path, '--json']);
    const report = JSON.parse(result.stdout) as { invalid: { reason: string }[]; valid: number };
    // The first two are altered entries (malformed); the third repeats "amount": the last value
    // wins, so it is the original pay again — a duplicate, counted once.
    expect(report.invalid.map((row) => row.reason)).toStrictEqual(['malformed', 'malformed']);
    expect(report.valid).toBe(items.length);
    expect(result.status).toBe(1);
  });

  it('lists an item that is not even an entry as malformed with null author and seq', async () => {
    const items = [...(await basic()), 42, 'texte', null, [1, 2]];
    const result = await run(['verify', await file('odd.json', JSON.stringify(items)), '--json']);
    const report = JSON.parse(result.stdout) as {
      invalid: { author: unknown; seq: unknown; reason: string }[];
    };
    expect(report.invalid).toHaveLength(4);
    for (const row of report.invalid)
      expect(row).toMatchObject({ author: null, seq: null, reason: 'malformed' });
  });

  it('exits 2 when there is no usable genesis, or several and no --coop', async () => {
    const items = await basic();
    expectOneLineError(
      await run(['verify', await file('headless.json', JSON.stringify(items.slice(1)))]),
      /no usable genesis/,
    );
    const faults = JSON.parse(await readFile(join(VECTORS, 'faults.json'), 'utf8')) as Vector;
    expectOneLineError(
      await run(['verify', await file('two.json', JSON.stringify(faults.input))]),
      /--coop/,
    );
    expectOneLineError(
      await run([
        'verify',
        await file('one.json', JSON.stringify(items)),
        '--coop',
        'f'.repeat(64),
      ]),
      /no usable genesis/,
    );
  });

  it('answers a bad flag, a bad --coop, a missing file and an unknown command with one line', async () => {
    expectOneLineError(await run(['verify', 'x.json', '--frobnicate']), /frobnicate/);
    expectOneLineError(await run(['verify', 'x.json', '--coop', 'XYZ']), /64 lowercase hex/);
    expectOneLineError(await run(['verify', join(dir, 'absent.json')]), /cannot read/);
    expectOneLineError(await run(['rewrite']), /unknown command/);
  });
});
