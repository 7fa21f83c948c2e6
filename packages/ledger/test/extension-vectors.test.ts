/*
 * The extensions' vectors (docs/spec/vectors-extensions/: gov/1 and acct/1) are what this
 * implementation computes, byte for byte, and every noted entry has the verdict its note says.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { accountsVectors, governanceVectors } from '../scripts/extension-vectors.js';
import { ledgerWith } from './helpers/personas.js';

const DIR = new URL('../../../docs/spec/vectors-extensions/', import.meta.url);

async function stored(name: string) {
  const file = JSON.parse(await readFile(new URL(`${name}.json`, DIR), 'utf8')) as {
    input: unknown[];
    expected: { coop: string };
  };
  const { notes } = JSON.parse(await readFile(new URL(`${name}.notes.json`, DIR), 'utf8')) as {
    notes: { id: string; expect: string }[];
  };
  return { ...file, notes };
}

describe.each([
  ['governance', governanceVectors],
  ['accounts', accountsVectors],
] as const)('%s vectors', (name, make) => {
  it('are reproduced exactly by the generator (deterministic keys, clock and signatures)', async () => {
    const fresh = await make();
    const file = await stored(name);
    expect(fresh.input).toStrictEqual(file.input);
    expect(fresh.expected).toStrictEqual(file.expected);
    expect(fresh.notes).toStrictEqual(file.notes);
  });

  it('give each noted entry the verdict its note says, in any arrival order', async () => {
    const file = await stored(name);
    const reversed = await ledgerWith(file.expected.coop, [...file.input].reverse());
    expect(JSON.parse(JSON.stringify(reversed.report()))).toStrictEqual(file.expected);
    for (const { id, expect: expected } of file.notes) {
      const status = reversed.status(id);
      const found = status?.state === 'valid' ? 'valid' : `${status?.state}:${status?.reason}`;
      expect(found, id).toBe(expected);
    }
  });
});
