/*
 * The governance extension's vectors (docs/spec/vectors-governance/) are what this
 * implementation computes, byte for byte, and every noted entry has the verdict its note says.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { governanceVectors } from '../scripts/governance-vectors.js';
import { ledgerWith } from './helpers/personas.js';

const DIR = new URL('../../../docs/spec/vectors-governance/', import.meta.url);

describe('governance vectors', () => {
  it('are reproduced exactly by the generator (deterministic keys, clock and signatures)', async () => {
    const fresh = await governanceVectors();
    const stored = JSON.parse(await readFile(new URL('governance.json', DIR), 'utf8')) as {
      input: unknown[];
      expected: unknown;
    };
    expect(fresh.input).toStrictEqual(stored.input);
    expect(fresh.expected).toStrictEqual(stored.expected);
    const notes = JSON.parse(await readFile(new URL('governance.notes.json', DIR), 'utf8')) as {
      notes: unknown[];
    };
    expect(fresh.notes).toStrictEqual(notes.notes);
  });

  it('give each noted entry the verdict its note says, in any arrival order', async () => {
    const stored = JSON.parse(await readFile(new URL('governance.json', DIR), 'utf8')) as {
      input: { seq: number }[];
      expected: { coop: string };
    };
    const { notes } = JSON.parse(await readFile(new URL('governance.notes.json', DIR), 'utf8')) as {
      notes: { id: string; expect: string }[];
    };
    const reversed = await ledgerWith(stored.expected.coop, [...stored.input].reverse());
    expect(JSON.parse(JSON.stringify(reversed.report()))).toStrictEqual(stored.expected);
    for (const { id, expect: expected } of notes) {
      const status = reversed.status(id);
      const found = status?.state === 'valid' ? 'valid' : `${status?.state}:${status?.reason}`;
      expect(found, id).toBe(expected);
    }
  });
});
