import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeSignatureText,
  encodeBase64url,
  sha256Hex,
  utf8,
} from '../src/index.js';

/** The double whose IEEE-754 bits are `bits` (16 hex digits, big-endian), as RFC 8785 lists them. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt('0x' + bits));
  return view.getFloat64(0);
}

/** 64 bytes 0, 1, 2 … 63: the last byte's low 4 bits are the unused bits of the last character. */
function sampleSignature(lastByte = 0x40): Uint8Array {
  const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);
  bytes[63] = lastByte;
  return bytes;
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('canonicalJson', () => {
  it('writes the RFC 8785 §3.2.2 example exactly', () => {
    const input = JSON.parse(
      String.raw`{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`,
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units, as in RFC 8785 §3.2.3 (a non-BMP key before U+FB33)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts "é" (U+00E9) after "z" and after a decomposed "e\\u0301", with no normalisation', () => {
    const text = canonicalJson({ é: 1, z: 2, 'e\u0301': 3, E: 4 });
    expect(text).toBe('{"E":4,"e\u0301":3,"z":2,"é":1}');
  });

  it('sorts the keys of nested objects and keeps array order', () => {
    const input = { b: [{ y: 1, x: 2 }, 3, 'c'], a: { d: null, c: { f: true, e: false } } };
    expect(canonicalJson(input)).toBe(
      '{"a":{"c":{"e":false,"f":true},"d":null},"b":[{"x":2,"y":1},3,"c"]}',
    );
  });

  it('sorts integer-like keys as strings, not in the engine’s numeric order', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', 1: 'c', a: 'd' })).toBe(
      '{"1":"c","10":"a","9":"b","a":"d"}',
    );
  });

  it('still sorts an object that has a "toJSON" member, at every depth', () => {
    // JSON.parse gives such objects; JSON.stringify would write them in insertion order.
    const input = JSON.parse('{"b":1,"toJSON":{"d":1,"c":2},"a":[{"toJSON":0,"z":1,"y":2}]}');
    expect(canonicalJson(input)).toBe(
      '{"a":[{"toJSON":0,"y":2,"z":1}],"b":1,"toJSON":{"c":2,"d":1}}',
    );
  });

  it('treats a "__proto__" member parsed from JSON as an ordinary key', () => {
    const input = JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}');
    expect(canonicalJson(input)).toBe('{"__proto__":{"a":1,"b":2},"z":1}');
  });

  it('writes numbers as ECMAScript does: 1.0 → 1, 1e21 → 1e+21, -0 → 0', () => {
    expect(canonicalJson(JSON.parse('[1.0, 1e0, 10e-1, 1e21, 1E21, -0, -0.0, 1e20, 0.1]'))).toBe(
      '[1,1,1,1e+21,1e+21,0,0,100000000000000000000,0.1]',
    );
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson({ n: 9007199254740991 })).toBe('{"n":9007199254740991}');
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the RFC 8785 Appendix B double %s as %s', (bits, text) => {
    expect(canonicalJson(double(bits))).toBe(text);
  });

  it('refuses numbers that are not finite (NaN, ±Infinity)', () => {
    expect(() => canonicalJson(NaN)).toThrow();
    expect(() => canonicalJson({ a: Infinity })).toThrow();
    expect(() => canonicalJson([-Infinity])).toThrow();
  });

  it('writes a lone surrogate as \\udxxx, in values and in keys', () => {
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    expect(canonicalJson({ memo: 'a\udc00b' })).toBe('{"memo":"a\\udc00b"}');
    expect(canonicalJson({ '\udfff': 1 })).toBe('{"\\udfff":1}');
    // A well-formed pair is written as itself.
    expect(canonicalJson('\ud83d\ude00')).toBe('"\ud83d\ude00"');
  });

  it('escapes control characters as JSON.stringify does and leaves "/" and non-ASCII alone', () => {
    expect(canonicalJson('\u0000\u0008\t\n\u000b\f\r\u001f"\\/é\u2028')).toBe(
      '"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\"\\\\/é\u2028"',
    );
  });

  it('throws a RangeError (not a hang or a wrong text) on nesting deeper than the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(RangeError);
  });

  it('equals JSON.stringify for objects whose keys are already sorted', () => {
    const entry = {
      amount: 1,
      author: 'did:key:z6Mk',
      balance: -1,
      memo: 'Coopérative — 😀',
      prev: null,
      seq: 2,
      v: 1,
    };
    expect(canonicalJson(entry)).toBe(JSON.stringify(entry));
  });
});

describe('utf8 and sha256Hex', () => {
  it('encodes text as UTF-8, a lone surrogate as U+FFFD', () => {
    expect(Array.from(utf8('é😀'))).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect(Array.from(utf8('a\ud800'))).toEqual([0x61, 0xef, 0xbf, 0xbd]);
  });

  it('hashes to lowercase hex SHA-256', () => {
    expect(sha256Hex(utf8('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(new Uint8Array(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('encodeBase64url and decodeSignatureText', () => {
  it('round-trips 64 bytes through canonical 86-character base64url', () => {
    const bytes = sampleSignature();
    const text = encodeBase64url(bytes);
    expect(text).toHaveLength(86);
    expect(text).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(decodeSignatureText(text)).toEqual(bytes);
  });

  it('uses the URL-safe alphabet: bytes that give "+" and "/" in base64 give "-" and "_"', () => {
    // 0xff… is "////…" in standard base64; 0xfb 0xef 0xbe is "++++".
    const slashes = new Uint8Array(64).fill(0xff);
    expect(encodeBase64url(slashes)).toBe('_'.repeat(85) + 'w');
    expect(decodeSignatureText('_'.repeat(85) + 'w')).toEqual(slashes);
    const pluses = Uint8Array.from({ length: 64 }, (_, i) => [0xfb, 0xef, 0xbe][i % 3]!);
    const text = encodeBase64url(pluses);
    expect(text.slice(0, 84)).toBe('-'.repeat(84));
    expect(decodeSignatureText(text)).toEqual(pluses);
  });

  it('rejects 85 and 87 characters', () => {
    const text = encodeBase64url(sampleSignature());
    expect(decodeSignatureText(text.slice(0, 85))).toBeNull();
    expect(decodeSignatureText(text + 'A')).toBeNull();
    expect(decodeSignatureText(text.slice(1))).toBeNull();
  });

  it('rejects padding', () => {
    const text = encodeBase64url(sampleSignature());
    expect(decodeSignatureText(text + '==')).toBeNull();
    expect(decodeSignatureText(text.slice(0, 85) + '=')).toBeNull();
    expect(decodeSignatureText(text.slice(0, 84) + '==')).toBeNull();
  });

  it('rejects the standard alphabet’s "+" and "/"', () => {
    const text = encodeBase64url(sampleSignature());
    expect(decodeSignatureText('+' + text.slice(1))).toBeNull();
    expect(decodeSignatureText(text.slice(0, 40) + '/' + text.slice(41))).toBeNull();
  });

  it('rejects characters outside the alphabet (space, ".", non-ASCII, NUL)', () => {
    const text = encodeBase64url(sampleSignature());
    for (const bad of [' ', '.', 'é', '\u0000', '\n', '*']) {
      expect(decodeSignatureText(text.slice(0, 10) + bad + text.slice(11))).toBeNull();
    }
  });

  it('rejects a last character with non-zero unused bits (the last "A" replaced with "B")', () => {
    const text = encodeBase64url(sampleSignature(0x40));
    expect(text.endsWith('A')).toBe(true);
    expect(decodeSignatureText(text)).not.toBeNull();
    expect(decodeSignatureText(text.slice(0, 85) + 'B')).toBeNull();
  });

  it('accepts exactly 4 of the 64 possible last characters: those with zero unused bits', () => {
    const text = encodeBase64url(sampleSignature(0x40));
    const accepted = [...BASE64URL_ALPHABET].filter(
      (last) => decodeSignatureText(text.slice(0, 85) + last) !== null,
    );
    expect(accepted).toEqual(['A', 'Q', 'g', 'w']);
  });

  it('returns null for anything that is not a string', () => {
    const bytes = sampleSignature();
    for (const value of [undefined, null, 86, bytes, [encodeBase64url(bytes)], {}]) {
      expect(decodeSignatureText(value)).toBeNull();
    }
  });
});
