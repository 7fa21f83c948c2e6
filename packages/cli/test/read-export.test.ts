import { Buffer } from 'node:buffer';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExport, UnreadableInputError } from '../src/read-export.js';

const MIB = 1024 * 1024;

let dir = '';
let fileCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'integrale-read-export-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a fixture file and returns its path. */
async function fixture(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `input-${++fileCount}.json`);
  await writeFile(path, content);
  return path;
}

async function read(content: string | Uint8Array, init = {}): Promise<unknown[]> {
  return readExport(await fixture(content), init);
}

/** The error readExport fails with; fails the test if it does not fail. */
async function failure(content: string | Uint8Array, init = {}): Promise<UnreadableInputError> {
  const error: unknown = await read(content, init).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UnreadableInputError);
  const unreadable = error as UnreadableInputError;
  expect(unreadable.name).toBe('UnreadableInputError');
  expect(unreadable.message).not.toMatch(/[\n\r]/);
  return unreadable;
}

describe('readExport: one JSON value', () => {
  it('reads an array spanning several lines as its items', async () => {
    const items = await read('[\n  {"a": 1},\n  {"b": [2, 3]}\n]\n');
    expect(items).toEqual([{ a: 1 }, { b: [2, 3] }]);
  });

  it('keeps non-object items of an array as separate items', async () => {
    const items = await read('[1, [2, 3], null, "x", true, {}, []]');
    expect(items).toEqual([1, [2, 3], null, 'x', true, {}, []]);
  });

  it('reads an empty array as no items', async () => {
    expect(await read(' [ \n ] \n')).toEqual([]);
  });

  it('reads a single object as one item', async () => {
    expect(await read('{"type":"genesis","seq":0}')).toEqual([{ type: 'genesis', seq: 0 }]);
  });

  it('reads a pretty-printed object spanning lines as one item', async () => {
    const value = { type: 'pay', body: { to: 'did:key:x', amount: 5 }, refs: ['a', 'b'] };
    expect(await read(`${JSON.stringify(value, null, 2)}\n`)).toEqual([value]);
  });

  it('reads any other single value as one item', async () => {
    expect(await read('42\n')).toEqual([42]);
    expect(await read('"text"')).toEqual(['text']);
    expect(await read('null')).toEqual([null]);
  });

  it('does not split elements at brackets, commas or quotes inside strings', async () => {
    const value = ['a]b', 'c,d', 'e\\"f', '[g', '\\', 'h\\\\"', { 'k]': '{,}' }];
    const items = await read(JSON.stringify(value, null, 1));
    expect(items).toEqual(value);
    expect(items).toHaveLength(7);
  });

  it('round-trips a large generated array of 20,000 small objects', async () => {
    const value = Array.from({ length: 20_000 }, (_, i) => ({
      id: `entry-${i}`,
      seq: i,
      memo: i % 7 === 0 ? `quote \\" bracket ] comma , brace } ${i}` : 'plain',
      tags: [i % 3, 'été', '😀'],
    }));
    const text = JSON.stringify(value);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MIB); // crosses a read-chunk boundary
    expect(await read(text)).toEqual(value);
  });

  it('splits escapes and multi-byte characters correctly wherever chunks break', async () => {
    // Dense escapes, brackets in strings and multi-byte characters, shifted by 0–5 bytes, so
    // chunk boundaries land on every kind of character.
    const element = ['\\\\', '\\"', '"]', ',[{', 'é😀', '\\\\\\"'].join('');
    const value = Array.from({ length: 60_000 }, (_, i) => `${i}${element}`);
    for (let shift = 0; shift < 6; shift++) {
      const text = `${' '.repeat(shift)}${JSON.stringify(value)}`;
      expect(await read(text)).toEqual(value);
    }
  });

  it('keeps the last value of a duplicate key', async () => {
    expect(await read('[{"a": 1, "a": 2}]')).toEqual([{ a: 2 }]);
    expect(await read('{"a": 1, "a": 2}\n')).toEqual([{ a: 2 }]);
  });

  it('reads numbers as IEEE-754 doubles', async () => {
    expect(await read('[9007199254740993]')).toEqual([9007199254740992]);
    expect(await read('{"seq": 9007199254740993}')).toEqual([{ seq: 9007199254740992 }]);
  });

  it('keeps a lone-surrogate escape as a lone surrogate', async () => {
    const [item] = await read('[{"author": "\\ud800"}]');
    expect(item).toEqual({ author: '\ud800' });
    const author = (item as { author: string }).author;
    expect(author).toHaveLength(1);
    expect(author.charCodeAt(0)).toBe(0xd800);
  });
});

describe('readExport: JSON Lines', () => {
  it('reads one item per line, ignoring blank and whitespace-only lines', async () => {
    const items = await read('{"a":1}\n\n   \n\t\r\n{"b":2}\r\n3\n');
    expect(items).toEqual([{ a: 1 }, { b: 2 }, 3]);
  });

  it('keeps an array on a line as one item', async () => {
    const items = await read('[1]\n{"type":"pay"}\n');
    expect(items).toEqual([[1], { type: 'pay' }]);
  });

  it('reads an array followed by anything but whitespace as JSON Lines', async () => {
    expect(await read('[1]\n[2]\n')).toEqual([[1], [2]]);
    await expect(read('[1, 2] [3]')).rejects.toThrow(/^line 1 is not JSON/);
  });

  it('reads a last line that has no newline', async () => {
    expect(await read('{"a":1}\n{"b":2}')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reads many lines across read chunks', async () => {
    const value = Array.from({ length: 20_000 }, (_, i) => ({
      i,
      memo: `line ${i} é 😀 \\ " ${'x'.repeat(40)}`,
    }));
    const text = value.map((item) => JSON.stringify(item)).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(MIB);
    expect(await read(text)).toEqual(value);
  });
});

describe('readExport: byte-order mark', () => {
  it('ignores a leading BOM before an array', async () => {
    expect(await read('\ufeff[{"a":1}]')).toEqual([{ a: 1 }]);
  });

  it('ignores a leading BOM before JSON Lines', async () => {
    expect(await read('\ufeff{"a":1}\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('does not ignore a second BOM', async () => {
    await failure('\ufeff\ufeff{"a":1}');
  });
});

describe('readExport: unreadable input', () => {
  it('rejects a number that is not finite', async () => {
    expect((await failure('[1, 1e400]')).message).toBe('item 2 has a number that is not finite');
    expect((await failure('{"a":1}\n{"a":-1e400}\n')).message).toBe(
      'line 2 has a number that is not finite',
    );
    expect((await failure('{\n  "amount": 1e400\n}\n')).message).toBe(
      'item 1 has a number that is not finite',
    );
    expect((await failure('[\n {"a": [1e999]}\n]')).message).toMatch(/^item 1 .*not finite/);
  });

  it('rejects bytes that are not UTF-8', async () => {
    const bad = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    expect((await failure(bad)).message).toBe('the input is not valid UTF-8 at byte offset 6');
    const inArray = Buffer.concat([
      Buffer.from('["ok", "'),
      Buffer.from([0xc0, 0x80]),
      Buffer.from('"]'),
    ]);
    expect((await failure(inArray)).message).toMatch(/not valid UTF-8/);
  });

  it('rejects a multi-byte sequence cut off at the end of the file', async () => {
    const truncated = Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.from([0xe2, 0x82])]);
    expect((await failure(truncated)).message).toBe(
      'the input is not valid UTF-8 at byte offset 8',
    );
    const afterArray = Buffer.concat([Buffer.from('[1]\n'), Buffer.from([0xf0, 0x9f, 0x98])]);
    expect((await failure(afterArray)).message).toMatch(/not valid UTF-8/);
  });

  it('places a UTF-8 error that straddles a read chunk boundary', async () => {
    // A three-byte sequence cut short by "A", its lead just before, at or after 1 MiB.
    for (const lead of [MIB - 2, MIB - 1, MIB, MIB + 1]) {
      const bytes = Buffer.alloc(lead + 10, 0x20);
      bytes.write('"', 0);
      bytes[lead] = 0xe2;
      bytes[lead + 1] = 0x82;
      bytes[lead + 2] = 0x41;
      expect((await failure(bytes)).message).toBe(
        `the input is not valid UTF-8 at byte offset ${lead}`,
      );
    }
  });

  it('names the first line that is not JSON', async () => {
    const error = await failure('{"a":1}\n{"b":2}\n{"c":\n');
    expect(error.message).toMatch(/^line 3 is not JSON: \S/);
    const later = await failure('\n\n{oops}\n');
    expect(later.message).toMatch(/^line 3 is not JSON: /);
  });

  it('keeps control characters out of the message', async () => {
    const error = await failure('\u001b[31mred\n');
    expect(error.message).toMatch(/^line 1 is not JSON: /);
    expect(error.message).not.toContain('\u001b');
  });

  it('rejects a broken array', async () => {
    expect((await failure('[1,2\n')).message).toMatch(/^line 1 is not JSON: /);
    await failure('[1,]');
    await failure('[,1]');
    await failure('[1 2]');
    await failure('[{"a":1]');
    await failure('[1}');
    await failure('["unterminated]');
    expect((await failure('[1]]')).message).toMatch(/^line 1 is not JSON: /);
    expect((await failure('[1]\n{"a":')).message).toMatch(/^line 2 is not JSON: /);
  });

  it('rejects an empty or whitespace-only file', async () => {
    expect((await failure('')).message).toBe('the input is empty');
    expect((await failure(' \n\t\r\n  ')).message).toBe('the input is empty');
    expect((await failure('\ufeff')).message).toBe('the input is empty');
  });

  it('rejects a file that does not exist or cannot be read', async () => {
    const missing = join(dir, 'missing.json');
    await expect(readExport(missing)).rejects.toThrow(new RegExp(`^cannot read .*: ENOENT$`));
    await expect(readExport(missing)).rejects.toBeInstanceOf(UnreadableInputError);
    await expect(readExport(dir)).rejects.toThrow(/^cannot read .*: EISDIR$/);
  });

  it('rejects nesting 100,000 deep without a RangeError', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect((await failure(deep)).message).toBe('item 1 nests deeper than 512 levels');
    const deepLine = `{"a":1}\n${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`;
    expect((await failure(deepLine)).message).toBe('line 2 nests deeper than 512 levels');
    const deepObject = `{\n${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`;
    expect((await failure(deepObject)).message).toBe('line 2 nests deeper than 512 levels');
    const deepPretty = `${'{"a":\n'.repeat(1_000)}1${'}'.repeat(1_000)}`;
    expect((await failure(deepPretty)).message).toBe('line 513 nests deeper than 512 levels');
  });

  it('allows nesting up to maxDepth and no further', async () => {
    const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(await read(`[${nested(3)}]`, { maxDepth: 3 })).toEqual([[[[]]]]);
    expect((await failure(`[1, ${nested(4)}]`, { maxDepth: 3 })).message).toBe(
      'item 2 nests deeper than 3 levels',
    );
    expect(await read(`${nested(3)}\n1\n`, { maxDepth: 3 })).toEqual([[[[]]], 1]);
    await failure(`${nested(4)}\n1\n`, { maxDepth: 3 });
    // Brackets inside strings do not count.
    expect(await read(`["[[[[[[", "{{{{{{"]`, { maxDepth: 1 })).toEqual(['[[[[[[', '{{{{{{']);
  });

  it('stops at a 64 MiB line when items are limited to 1 MiB', async () => {
    const huge = Buffer.alloc(64 * MIB, 0x61);
    huge.write('{"a":"', 0);
    expect((await failure(huge, { maxItemBytes: MIB })).message).toBe(
      'line 1 is longer than 1 MiB',
    );
    huge.write('["aa', 0);
    expect((await failure(huge, { maxItemBytes: MIB })).message).toBe(
      'item 1 is longer than 1 MiB',
    );
  });

  it('measures the item limit in UTF-8 bytes', async () => {
    const line = JSON.stringify({ memo: 'é'.repeat(600) }); // ~600 code units, ~1,200 bytes
    expect(await read(line, { maxItemBytes: 2000 })).toHaveLength(1);
    expect((await failure(line, { maxItemBytes: 1000 })).message).toBe(
      'line 1 is longer than 1000 bytes',
    );
    expect((await failure(`[1, ${line}]`, { maxItemBytes: 1000 })).message).toBe(
      'item 2 is longer than 1000 bytes',
    );
  });

  it('rejects limits that are not positive integers', async () => {
    const path = await fixture('[1]');
    await expect(readExport(path, { maxItemBytes: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(readExport(path, { maxDepth: Number.NaN })).rejects.toBeInstanceOf(RangeError);
  });

  it('does not try a file larger than maxItemBytes as one multi-line value', async () => {
    const pretty = JSON.stringify({ memo: 'x'.repeat(2000) }, null, 2);
    expect(await read(pretty, { maxItemBytes: 4096 })).toHaveLength(1);
    expect((await failure(pretty, { maxItemBytes: 1024 })).message).toMatch(
      /^line 1 is not JSON: /,
    );
  });
});
