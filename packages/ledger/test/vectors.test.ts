/*
 * The spec's test vectors (docs/spec/vectors): every file through `verifyItems` must give its
 * `expected` report exactly, with the node:crypto backend and, for the smaller files, with the
 * pure-JavaScript noble backend.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createNobleBackend,
  createSignatureVerifier,
  type SignatureVerifier,
} from '@integrale/identity';
import {
  NoUsableGenesisError,
  itemId,
  verifyItems,
  type VerificationReport,
} from '../src/index.js';
import { setup, tamper, verifier } from './helpers/personas.js';

const VECTORS = new URL('../../../docs/spec/vectors/', import.meta.url);

interface Vector {
  readonly description: string;
  readonly input: unknown[];
  readonly expected: unknown;
  readonly coop?: string;
}

const files = readdirSync(VECTORS)
  .filter((name) => name.endsWith('.json') && !name.endsWith('.notes.json'))
  .sort();

function load(name: string): { vector: Vector; size: number } {
  const text = readFileSync(new URL(name, VECTORS), 'utf8');
  return { vector: JSON.parse(text) as Vector, size: text.length };
}

const plain = (report: VerificationReport): unknown => JSON.parse(JSON.stringify(report));

async function run(vector: Vector, with_: SignatureVerifier): Promise<unknown> {
  return plain(await verifyItems(vector.input, { verifier: with_, coop: vector.coop }));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('spec vectors', () => {
  it('are all found', () => {
    expect(files).toEqual(
      expect.arrayContaining(['basic.json', 'crypto-edges.json', 'faults.json', 'rules.json']),
    );
  });

  const noble = createSignatureVerifier(createNobleBackend());
  for (const name of files) {
    it(`${name}: verifyItems gives exactly the expected report (node:crypto)`, async () => {
      const { vector } = load(name);
      expect(await run(vector, verifier())).toStrictEqual(vector.expected);
    });
    if (load(name).size <= 25_000) {
      it(`${name}: the same with the noble backend`, async () => {
        const { vector } = load(name);
        expect(await run(vector, noble)).toStrictEqual(vector.expected);
      });
    }
  }

  it('basic.json and basic-shuffled.json hold the same set and give the same report', async () => {
    const basic = load('basic.json').vector;
    const shuffled = load('basic-shuffled.json').vector;
    expect(await run(shuffled, verifier())).toStrictEqual(await run(basic, verifier()));
  });

  it('every vector gives the same report read in reverse order', async () => {
    for (const name of files) {
      const { vector } = load(name);
      const reversed = { ...vector, input: [...vector.input].reverse() };
      expect(await run(reversed, verifier()), name).toStrictEqual(vector.expected);
    }
  });
});

describe('verifyItems without a usable genesis', () => {
  const s = setup('alice', 'bob');
  const other = setup('zoé');
  const expectNoGenesis = async (items: unknown[], coop?: string): Promise<void> => {
    const error = await rejection(verifyItems(items, { verifier: verifier(), coop }));
    expect(error).toBeInstanceOf(NoUsableGenesisError);
    expect((error as Error).name).toBe('NoUsableGenesisError');
  };

  it('throws NoUsableGenesisError when there is no genesis', async () => {
    await expectNoGenesis(s.entries.slice(1));
    await expectNoGenesis([]);
  });

  it('throws NoUsableGenesisError for two geneses without coop', async () => {
    await expectNoGenesis([...s.entries, other.genesis]);
    // With coop naming one of them, it works; the other is wrong-coop.
    const report = await verifyItems([...s.entries, other.genesis], {
      verifier: verifier(),
      coop: s.coop,
    });
    expect(report.valid).toBe(s.entries.length);
    expect(report.invalid).toEqual([
      { id: other.coop, author: other.genesis.author, seq: 1, reason: 'wrong-coop' },
    ]);
  });

  it('throws NoUsableGenesisError when coop names an unknown id', async () => {
    await expectNoGenesis(s.entries, other.coop);
    await expectNoGenesis(s.entries, '0'.repeat(64));
    // coop naming an entry that is not a genesis.
    await expectNoGenesis(s.entries, itemId(s.entries[1]));
  });

  it('a genesis that is malformed or badly signed is not usable', async () => {
    const badlySigned = tamper(s.genesis, { name: 'Autre' });
    const malformed = tamper(s.genesis, { extra: 1 });
    await expectNoGenesis([badlySigned, malformed, ...s.entries.slice(1)]);
    // A duplicate of the one usable genesis is still one genesis.
    const report = await verifyItems([...s.entries, s.genesis, badlySigned], {
      verifier: verifier(),
    });
    expect(report.coop).toBe(s.coop);
    expect(report.entries).toBe(s.entries.length + 1);
  });
});

describe('verifyItems on hostile but readable input', () => {
  // SRC BUG? (spec disagreement, left failing on purpose — see the report). Spec section 4: an
  // item "that is not even an object with a string author and integer seq is still listed in
  // invalid as malformed, with id computed over it as written (JCS of whatever JSON value it
  // is)", and only "text that is not valid UTF-8, a line that is not JSON, or any number that is
  // not finite" makes the input unreadable (exit 2). A 20000-level array is valid JSON that
  // JSON.parse reads, but verifyItems throws NoUsableGenesisError ("item 2: the item nests too
  // deeply") because the ledger cannot canonicalise it recursively. Either the implementation
  // should hash it without recursion and report it as malformed, or the spec should name a
  // nesting limit that makes the input unreadable.
  it('refuses an item nested deeper than the call stack with UnusableItemError, not a wrong verdict', async () => {
    // The spec would list such an item as malformed with the JCS id of its text; our canonical
    // JSON is recursive, so it names the item instead (docs/protocol.md, "Where we had to
    // choose"). The CLI's reader refuses nesting past 512 levels before it gets here.
    const s = setup('alice', 'bob');
    const text =
      '[' + JSON.stringify(s.genesis) + ',' + '['.repeat(20_000) + ']'.repeat(20_000) + ']';
    const items = JSON.parse(text) as unknown[];
    await expect(verifyItems(items, { verifier: verifier() })).rejects.toMatchObject({
      name: 'UnusableItemError',
      message: expect.stringMatching(/^item 2: /) as unknown,
    });
  });
});
