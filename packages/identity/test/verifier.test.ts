/*
 * The cross-check: the verification rule must give one verdict whatever does the arithmetic, so
 * every signature here goes through three verifiers — noble (pure JS), WebCrypto and node:crypto
 * — and all three must agree, on the spec vectors and on signatures crafted to split libraries.
 */
import * as ed from '@noble/ed25519';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SMALL_ORDER_ENCODINGS,
  canonicalJson,
  createNobleBackend,
  createSignatureVerifier,
  createWebCryptoBackend,
  decodeSignatureText,
  didToPublicKeyOrNull,
  keyPairFromSeed,
  sha256Hex,
  sign,
  utf8,
  type Ed25519Backend,
  type KeyPair,
  type SignatureVerifier,
  type SubtleEd25519,
} from '../src/index.js';
import { L, P, challenge, deriveTorsion, le32, leToBigInt, withSignBit } from './curve.js';

// The node:crypto adapter depends on this package. Imported under a computed name, TypeScript
// does not type-check this package against the adapter's declarations (which would pull this
// package's own dist/ in as input); vitest resolves the name to the adapter's source.
const NODE_CRYPTO_PACKAGE = '@integrale/node-crypto';
const { createNodeCryptoBackend } = (await import(NODE_CRYPTO_PACKAGE)) as {
  createNodeCryptoBackend(): Ed25519Backend;
};

/** This package declares neither DOM nor Node globals; Node 20 has both of these. */
const platform = globalThis as unknown as {
  crypto: { subtle: SubtleEd25519 & WebCryptoRaw };
  URL: new (input: string, base: string) => { href: string };
};
interface WebCryptoRaw {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: ['verify'],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}
const subtle = platform.crypto.subtle;

const SIGNING_PREFIX = 'integrale/v1\n';
const JOIN_PROOF_PREFIX = 'integrale/v1/join\n';
const VECTOR_FILES = [
  'basic.json',
  'basic-shuffled.json',
  'crypto-edges.json',
  'rules.json',
  'faults.json',
] as const;

function newVerifiers(): SignatureVerifier[] {
  return [createNobleBackend(), createWebCryptoBackend(subtle), createNodeCryptoBackend()].map(
    (backend) => createSignatureVerifier(backend),
  );
}
const VERIFIERS = newVerifiers();
const NAMES = VERIFIERS.map((verifier) => verifier.backend);

/** Each backend's verdict under the rule, by backend name. */
async function verdicts(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  verifiers: readonly SignatureVerifier[] = VERIFIERS,
): Promise<Record<string, boolean>> {
  const results = await Promise.all(
    verifiers.map((verifier) => verifier.verify(publicKey, message, signature)),
  );
  return Object.fromEntries(verifiers.map((verifier, i) => [verifier.backend, results[i]!]));
}

function unanimous(verdict: boolean): Record<string, boolean> {
  return Object.fromEntries(NAMES.map((name) => [name, verdict]));
}

/** Asserts that all three backends give `expected` (or, when undefined, merely agree). */
async function expectAgreement(
  label: string,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  expected?: boolean,
): Promise<boolean> {
  const got = await verdicts(publicKey, message, signature);
  const first = Object.values(got)[0]!;
  expect(got, label).toEqual(unanimous(expected ?? first));
  return first;
}

/** noble's own `verify`: ZIP 215 decoding and the cofactored equation, none of the rule. */
function rawNoble(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ed.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** node:crypto's plain `crypto.verify` (the adapter's backend called without the rule). */
const rawNodeBackend = createNodeCryptoBackend();
function rawNode(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  return rawNodeBackend.verify(publicKey, message, signature) as boolean;
}

async function rawWebCrypto(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    const key = await subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    return false;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return ed.etc.concatBytes(...parts);
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
  return copy;
}

// ---------------------------------------------------------------------------------------------
// The spec vectors

interface Report {
  invalid: { id: string; reason: string }[];
  pending: { id: string; reason: string }[];
}
interface Vector {
  input: unknown[];
  expected: Report;
}

// Read as text and parsed with JSON.parse, as the format says: vite's own JSON import refuses
// the lone surrogate that faults.json holds on purpose. node:fs is imported under a computed name
// because this package declares no Node types.
const NODE_FS_PROMISES = 'node:fs/promises';
const { readFile } = (await import(NODE_FS_PROMISES)) as {
  readFile(url: { href: string }, encoding: 'utf8'): Promise<string>;
};

async function loadJson(name: string): Promise<unknown> {
  const testUrl = (import.meta as unknown as { url: string }).url;
  const text = await readFile(
    new platform.URL(`../../../docs/spec/vectors/${name}`, testUrl),
    'utf8',
  );
  return JSON.parse(text) as unknown;
}

async function loadVector(name: string): Promise<Vector> {
  return (await loadJson(name)) as Vector;
}

async function loadNotes(name: string): Promise<string[]> {
  return ((await loadJson(name.replace('.json', '.notes.json'))) as { notes: string[] }).notes;
}

type Item = Record<string, unknown>;

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface SignatureCase {
  label: string;
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
  /** What the vector's report implies, when it implies anything. */
  expected: boolean | undefined;
}

/** The signing message of an entry: the prefix and JCS of the entry without `sig`. */
function signingMessage(entry: Item): Uint8Array {
  const { sig: _sig, ...unsigned } = entry;
  return utf8(SIGNING_PREFIX + canonicalJson(unsigned));
}

/** Reasons that come before check 3: the report says nothing about such an entry's signature. */
const BEFORE_SIGNATURE_CHECK = new Set(['malformed', 'wrong-coop']);

/**
 * Every author signature and join proof of a vector whose bytes can be read, with the verdict
 * the expected report implies: `bad-signature` entries are rejected; entries that are valid,
 * pending, or invalid for a reason found after check 3 have a valid signature. Likewise for
 * proofs: `bad-proof` rejected; valid and `invite-used` joins passed the proof check.
 */
function signatureCases(file: string, vector: Vector): SignatureCase[] {
  const reasons = new Map<string, string>();
  for (const row of vector.expected.invalid) reasons.set(row.id, row.reason);
  const pending = new Set(vector.expected.pending.map((row) => row.id));
  const byId = new Map<string, Item>();
  for (const item of vector.input) {
    if (isItem(item)) byId.set(sha256Hex(utf8(canonicalJson(item))), item);
  }

  const cases: SignatureCase[] = [];
  vector.input.forEach((item, index) => {
    if (!isItem(item) || typeof item['author'] !== 'string') return;
    const id = sha256Hex(utf8(canonicalJson(item)));
    const reason = reasons.get(id);
    const author = didToPublicKeyOrNull(item['author']);
    const signature = decodeSignatureText(item['sig']);
    if (author !== null && signature !== null) {
      cases.push({
        label: `${file} #${index} sig (${reason ?? (pending.has(id) ? 'pending' : 'valid')})`,
        publicKey: author,
        message: signingMessage(item),
        signature,
        expected:
          reason === 'bad-signature'
            ? false
            : reason !== undefined && BEFORE_SIGNATURE_CHECK.has(reason)
              ? undefined
              : true,
      });
    }

    if (item['type'] !== 'join' || typeof item['invite'] !== 'string') return;
    const invite = byId.get(item['invite']);
    const proof = decodeSignatureText(item['proof']);
    if (invite === undefined || proof === null || typeof invite['invitee'] !== 'string') return;
    const invitee = didToPublicKeyOrNull(invite['invitee']);
    if (invitee === null || typeof item['coop'] !== 'string') return;
    const validJoin = reason === undefined && !pending.has(id);
    cases.push({
      label: `${file} #${index} proof (${reason ?? (pending.has(id) ? 'pending' : 'valid')})`,
      publicKey: invitee,
      message: utf8(JOIN_PROOF_PREFIX + item['coop'] + '\n' + item['author']),
      signature: proof,
      expected:
        reason === 'bad-proof' ? false : validJoin || reason === 'invite-used' ? true : undefined,
    });
  });
  return cases;
}

describe('the spec vectors, through all three backends', () => {
  it.each(VECTOR_FILES)(
    'gives one verdict with noble, WebCrypto and node:crypto on every signature and proof of %s',
    async (file) => {
      const cases = signatureCases(file, await loadVector(file));
      expect(cases.length).toBeGreaterThanOrEqual(10);
      expect(cases.filter((c) => c.expected !== undefined).length).toBeGreaterThanOrEqual(10);
      for (const c of cases) {
        await expectAgreement(c.label, c.publicKey, c.message, c.signature, c.expected);
      }
    },
  );

  it('finds the bad signatures and bad proofs the reports list, and the proofs of valid joins', async () => {
    const all = (
      await Promise.all(
        VECTOR_FILES.map(async (file) => signatureCases(file, await loadVector(file))),
      )
    ).flat();
    const labels = all.map((c) => c.label);
    expect(labels.filter((label) => label.includes('sig (bad-signature)')).length).toBeGreaterThan(
      5,
    );
    expect(labels.filter((label) => label.includes('proof (bad-proof)')).length).toBeGreaterThan(0);
    expect(labels.filter((label) => label.includes('proof (valid)')).length).toBeGreaterThan(3);
    expect(labels.filter((label) => label.includes('proof (invite-used)')).length).toBeGreaterThan(
      0,
    );
  });

  it('rejects with all three the crypto-edges entries noted bad-signature, which plain noble and plain node:crypto accept in part', async () => {
    const vector = await loadVector('crypto-edges.json');
    const notes = await loadNotes('crypto-edges.json');
    const offset = vector.input.length - notes.length;
    const rawAccepted = { noble: [] as number[], node: [] as number[], webcrypto: [] as number[] };
    let badSignatures = 0;
    for (const [i, note] of notes.entries()) {
      const entry = vector.input[offset + i];
      if (!isItem(entry) || typeof entry['author'] !== 'string') throw new Error(`entry ${i}`);
      const signature = decodeSignatureText(entry['sig']);
      const publicKey = didToPublicKeyOrNull(entry['author']);
      if (note.startsWith('malformed')) {
        expect(signature, note).toBeNull();
        continue;
      }
      if (signature === null || publicKey === null) throw new Error(`unreadable entry: ${note}`);
      const message = signingMessage(entry);
      const valid = !note.startsWith('bad-signature');
      await expectAgreement(note, publicKey, message, signature, valid);
      if (valid) continue;
      badSignatures++;
      if (rawNoble(publicKey, message, signature)) rawAccepted.noble.push(i);
      if (rawNode(publicKey, message, signature)) rawAccepted.node.push(i);
      if (await rawWebCrypto(publicKey, message, signature)) rawAccepted.webcrypto.push(i);
    }
    expect(badSignatures).toBe(5);
    // Without the rule the libraries accept some of these, and not all the same ones: noble the
    // small-order R, the small-order key and both mixed-order signatures; node:crypto and
    // WebCrypto (OpenSSL) the ones where the cofactorless equation holds.
    expect(rawAccepted.noble.length).toBeGreaterThan(0);
    expect(rawAccepted.node.length).toBeGreaterThan(0);
    expect(rawAccepted.webcrypto).toEqual(rawAccepted.node);
    expect(rawAccepted.noble).not.toEqual(rawAccepted.node);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile signatures of our own

const PAIR: KeyPair = keyPairFromSeed(sha256(utf8('integrale verifier test key')));
const EXTENDED = ed.utils.getExtendedPublicKey(PAIR.secretKey);
const A = EXTENDED.point;
const a = EXTENDED.scalar;
const MESSAGE = utf8(SIGNING_PREFIX + '{"memo":"Coopérative intégrale — 😀","v":1}');
const SIGNATURE = sign(PAIR, MESSAGE);
const TORSION = deriveTorsion();

/** A deterministic nonce for crafted signatures. */
function nonce(label: string): bigint {
  return (leToBigInt(sha256(utf8(label))) % (L - 1n)) + 1n;
}

/** R ‖ S with S reduced mod L. */
function craft(R: Uint8Array, S: bigint): Uint8Array {
  return concat(R, le32(((S % L) + L) % L));
}

/** Every spelling of a small-order point: the listed ones, plus the y ≥ p ones RFC 8032 refuses. */
const SMALL_ORDER_SPELLINGS: Uint8Array[] = [
  ...SMALL_ORDER_ENCODINGS.map((encoding) => hex.decode(encoding)),
  le32(P), // y = p ≡ 0: the points of order 4
  withSignBit(le32(P)),
  le32(P + 1n), // y = p + 1 ≡ 1: the identity
  withSignBit(le32(P + 1n)),
];

describe('hostile signatures, through all three backends', () => {
  it('accepts an honest signature, synchronously where the backend is synchronous', async () => {
    await expectAgreement('honest', PAIR.publicKey, MESSAGE, SIGNATURE, true);
    const [noble, , node] = VERIFIERS;
    expect(noble!.verify(PAIR.publicKey, MESSAGE, SIGNATURE)).toBe(true);
    expect(node!.verify(PAIR.publicKey, MESSAGE, SIGNATURE)).toBe(true);
  });

  it.each([
    [
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      '',
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    ],
    [
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      '72',
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    ],
  ])('accepts RFC 8032 test vector with key %s', async (key, message, signature) => {
    await expectAgreement(
      'rfc8032',
      hex.decode(key),
      hex.decode(message),
      hex.decode(signature),
      true,
    );
  });

  it('accepts key, message and signature given as views at odd offsets into larger buffers', async () => {
    const buffer = concat(
      Uint8Array.of(1, 2, 3),
      PAIR.publicKey,
      MESSAGE,
      SIGNATURE,
      Uint8Array.of(9),
    );
    const key = buffer.subarray(3, 35);
    const message = buffer.subarray(35, 35 + MESSAGE.length);
    const signature = buffer.subarray(35 + MESSAGE.length, 99 + MESSAGE.length);
    await expectAgreement('views', key, message, signature, true);
  });

  it.each([0, 1, 32, 63, 65, 128])('rejects a signature of %i bytes', async (length) => {
    const signature =
      length <= 64 ? SIGNATURE.slice(0, length) : concat(SIGNATURE, new Uint8Array(length - 64));
    await expectAgreement(`${length} bytes`, PAIR.publicKey, MESSAGE, signature, false);
  });

  it('rejects every one of the 512 single-bit flips of a valid signature', async () => {
    for (let bit = 0; bit < 512; bit++) {
      await expectAgreement(`bit ${bit}`, PAIR.publicKey, MESSAGE, flipBit(SIGNATURE, bit), false);
    }
  }, 60_000);

  it('rejects the signature over every single-bit flip of a message, and over a longer or shorter one', async () => {
    const message = utf8('pay 1500 to did:key:z6Mk');
    for (let bit = 0; bit < message.length * 8; bit++) {
      const signature = sign(PAIR, message);
      await expectAgreement(
        `message bit ${bit}`,
        PAIR.publicKey,
        flipBit(message, bit),
        signature,
        false,
      );
    }
    const signature = sign(PAIR, message);
    await expectAgreement(
      'longer',
      PAIR.publicKey,
      concat(message, Uint8Array.of(0)),
      signature,
      false,
    );
    await expectAgreement('shorter', PAIR.publicKey, message.subarray(1), signature, false);
    await expectAgreement('empty', PAIR.publicKey, new Uint8Array(0), signature, false);
  }, 60_000);

  it('rejects the signature under every single-bit flip of the public key', async () => {
    for (let bit = 0; bit < 256; bit++) {
      await expectAgreement(
        `key bit ${bit}`,
        flipBit(PAIR.publicKey, bit),
        MESSAGE,
        SIGNATURE,
        false,
      );
    }
  }, 60_000);

  it('rejects S + L, S + 2L and S with its top bits set', async () => {
    const S = leToBigInt(SIGNATURE.subarray(32));
    const R = SIGNATURE.subarray(0, 32);
    const variants = [S + L, S + 2n * L, S + 15n * L];
    for (const top of [0x10, 0x20, 0x40, 0x80, 0xe0]) {
      variants.push(S | (BigInt(top) << 248n));
    }
    for (const value of variants) {
      expect(value).toBeGreaterThanOrEqual(L);
      expect(value).toBeLessThan(2n ** 256n);
      await expectAgreement(`S = ${value}`, PAIR.publicKey, MESSAGE, concat(R, le32(value)), false);
    }
  });

  it('rejects R of small order (every spelling) with S = k·a, which noble’s cofactored verify accepts', async () => {
    let nodeAccepted = 0;
    for (const R of SMALL_ORDER_SPELLINGS) {
      const signature = craft(R, challenge(R, PAIR.publicKey, MESSAGE) * a);
      // The crafted signature is right: the cofactored equation holds.
      expect(rawNoble(PAIR.publicKey, MESSAGE, signature), hex.encode(R)).toBe(true);
      if (rawNode(PAIR.publicKey, MESSAGE, signature)) nodeAccepted++;
      await expectAgreement(`R = ${hex.encode(R)}`, PAIR.publicKey, MESSAGE, signature, false);
    }
    // With R the identity (0100…00) the cofactorless equation holds too: OpenSSL accepts it.
    expect(nodeAccepted).toBe(1);
  });

  it('rejects a small-order key A (every spelling) with [S]B = R, which noble’s verify accepts', async () => {
    for (const key of SMALL_ORDER_SPELLINGS) {
      const r = nonce(`small key ${hex.encode(key)}`);
      const signature = craft(ed.Point.BASE.multiply(r).toBytes(), r);
      expect(rawNoble(key, MESSAGE, signature), hex.encode(key)).toBe(true);
      await expectAgreement(`A = ${hex.encode(key)}`, key, MESSAGE, signature, false);
    }
    // The identity as key: R = identity, S = 0 holds for any message, in every library.
    const identity = le32(1n);
    const trivial = concat(identity, le32(0n));
    expect(rawNoble(identity, MESSAGE, trivial)).toBe(true);
    expect(rawNode(identity, MESSAGE, trivial)).toBe(true);
    await expectAgreement('A = R = identity, S = 0', identity, MESSAGE, trivial, false);
  });

  it('rejects a mixed-order key A + T for every torsion point T, whichever equations hold', async () => {
    for (const [t, T] of TORSION.entries()) {
      if (t === 0) continue;
      const mixed = A.add(T).toBytes();
      // Grind nonces for one signature where [k]T = identity (both equations hold, OpenSSL
      // accepts) and one where it is not (only the cofactored one holds).
      let bothHold: Uint8Array | null = null;
      let cofactoredOnly: Uint8Array | null = null;
      for (let attempt = 0; bothHold === null || cofactoredOnly === null; attempt++) {
        const r = nonce(`mixed ${t} ${attempt}`);
        const R = ed.Point.BASE.multiply(r).toBytes();
        const k = challenge(R, mixed, MESSAGE);
        const signature = craft(R, r + k * a);
        if (T.multiply(k, false).is0()) bothHold ??= signature;
        else cofactoredOnly ??= signature;
      }
      expect(rawNoble(mixed, MESSAGE, bothHold)).toBe(true);
      expect(rawNode(mixed, MESSAGE, bothHold)).toBe(true);
      expect(await rawWebCrypto(mixed, MESSAGE, bothHold)).toBe(true);
      expect(rawNoble(mixed, MESSAGE, cofactoredOnly)).toBe(true);
      expect(rawNode(mixed, MESSAGE, cofactoredOnly)).toBe(false);
      await expectAgreement(`A + T${t}, both`, mixed, MESSAGE, bothHold, false);
      await expectAgreement(`A + T${t}, cofactored`, mixed, MESSAGE, cofactoredOnly, false);
    }
  }, 60_000);

  it('rejects the honest R ‖ S when the torsion is added to R instead (R + T)', async () => {
    const R = ed.Point.fromBytes(SIGNATURE.subarray(0, 32));
    for (const T of TORSION.slice(1)) {
      const signature = concat(R.add(T).toBytes(), SIGNATURE.subarray(32));
      await expectAgreement('R + T', PAIR.publicKey, MESSAGE, signature, false);
    }
  });

  it('rejects an R changed in one byte, with S recomputed so that [S]B − [k]A is the nonce point', async () => {
    // Only R's bytes differ from what the equation gives: every byte of R must be compared,
    // the last one (sign bit and top bits of y) included.
    for (const [at, mask] of [
      [31, 0x80],
      [31, 0x40],
      [31, 0x01],
      [0, 0x01],
      [15, 0x10],
    ] as const) {
      const r = nonce(`R byte ${at} ${mask}`);
      const R = ed.Point.BASE.multiply(r).toBytes();
      R[at] = R[at]! ^ mask;
      const signature = craft(R, r + challenge(R, PAIR.publicKey, MESSAGE) * a);
      await expectAgreement(`R byte ${at} ^ ${mask}`, PAIR.publicKey, MESSAGE, signature, false);
    }
  });

  it('rejects an R that is not on the curve or is spelled with y ≥ p', async () => {
    const S = SIGNATURE.subarray(32);
    for (const R of [
      le32(2n),
      le32(7n),
      le32(P + 3n),
      withSignBit(le32(P + 9n)),
      le32(2n ** 255n - 1n),
    ]) {
      await expectAgreement(`R = ${hex.encode(R)}`, PAIR.publicKey, MESSAGE, concat(R, S), false);
    }
  });

  it('rejects a key that is not on the curve, is spelled with y ≥ p, or is not 32 bytes', async () => {
    for (const key of [
      le32(2n),
      withSignBit(le32(11n)),
      le32(P + 3n),
      le32(2n ** 255n - 1n),
      PAIR.publicKey.subarray(0, 31),
      concat(PAIR.publicKey, Uint8Array.of(0)),
      new Uint8Array(0),
    ]) {
      await expectAgreement(`key ${hex.encode(key)}`, key, MESSAGE, SIGNATURE, false);
    }
  });

  it('keeps its verdicts right when its key cache is smaller than the keys in use', async () => {
    const verifiers = [createNobleBackend(), createNodeCryptoBackend()].map((backend) =>
      createSignatureVerifier(backend, { maxCachedKeys: 1 }),
    );
    const other = keyPairFromSeed(new Uint8Array(32).fill(3));
    const otherSignature = sign(other, MESSAGE);
    const mixed = A.add(TORSION[1]!).toBytes();
    for (let round = 0; round < 3; round++) {
      for (const verifier of verifiers) {
        expect(verifier.verify(PAIR.publicKey, MESSAGE, SIGNATURE)).toBe(true);
        expect(verifier.verify(mixed, MESSAGE, SIGNATURE)).toBe(false);
        expect(verifier.verify(other.publicKey, MESSAGE, otherSignature)).toBe(true);
        expect(verifier.verify(other.publicKey, MESSAGE, SIGNATURE)).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });
const message = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe('properties, through all three backends', () => {
  it('all accept valid signatures of random messages by random keys', async () => {
    await fc.assert(
      fc.asyncProperty(seed, message, async (secret, text) => {
        const pair = keyPairFromSeed(secret);
        const got = await verdicts(pair.publicKey, text, sign(pair, text));
        expect(got).toEqual(unanimous(true));
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('all reject, together, random mutations of the signature, message or key', async () => {
    const mutation = fc.record({
      target: fc.constantFrom('signature', 'message', 'key'),
      index: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    });
    await fc.assert(
      fc.asyncProperty(seed, message, mutation, async (secret, text, { target, index, mask }) => {
        const pair = keyPairFromSeed(secret);
        let signature = sign(pair, text);
        let publicKey: Uint8Array = pair.publicKey;
        let signed: Uint8Array = text;
        const xor = (bytes: Uint8Array): Uint8Array => {
          if (bytes.length === 0) return Uint8Array.of(mask);
          const copy = bytes.slice();
          copy[index % copy.length] = copy[index % copy.length]! ^ mask;
          return copy;
        };
        if (target === 'signature') signature = xor(signature);
        else if (target === 'message') signed = xor(signed);
        else publicKey = xor(publicKey);
        expect(await verdicts(publicKey, signed, signature)).toEqual(unanimous(false));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('all agree on random 64-byte signatures, with S reduced below L or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.boolean(),
        async (random, reduce) => {
          const signature = random.slice();
          if (reduce) signature[63] = signature[63]! & 0x0f;
          const got = await verdicts(PAIR.publicKey, MESSAGE, signature);
          expect(got).toEqual(unanimous(false));
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Garbage

const GARBAGE: unknown[] = [
  undefined,
  null,
  0,
  42n,
  'text',
  true,
  Symbol('x'),
  {},
  { length: 32 },
  [],
  Array.from({ length: 32 }, () => 1),
  new ArrayBuffer(32),
  new Uint16Array(16),
  new Uint32Array(16),
  new Float64Array(8),
  new DataView(new ArrayBuffer(64)),
  () => new Uint8Array(32),
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('hostile getter');
      },
    },
  ),
];

/** Calls `verify` and awaits its result, failing the test if it throws or rejects. */
async function settle(
  verifier: SignatureVerifier,
  key: unknown,
  text: unknown,
  signature: unknown,
): Promise<boolean> {
  let result: boolean | Promise<boolean> = false;
  expect(() => {
    result = verifier.verify(key as Uint8Array, text as Uint8Array, signature as Uint8Array);
  }).not.toThrow();
  return await result;
}

describe('garbage, through all three backends', () => {
  it('never throws or rejects, and says false, for non-Uint8Array key, message or signature', async () => {
    for (const verifier of VERIFIERS) {
      for (const junk of GARBAGE) {
        expect(await settle(verifier, junk, MESSAGE, SIGNATURE)).toBe(false);
        expect(await settle(verifier, PAIR.publicKey, junk, SIGNATURE)).toBe(false);
        expect(await settle(verifier, PAIR.publicKey, MESSAGE, junk)).toBe(false);
        expect(await settle(verifier, junk, junk, junk)).toBe(false);
      }
    }
  });

  it('says false when a backend throws or rejects, instead of passing the error on', async () => {
    const failing: Ed25519Backend[] = [
      {
        name: 'throws',
        verify: () => {
          throw new Error('backend failure');
        },
      },
      { name: 'rejects', verify: () => Promise.reject(new Error('backend failure')) },
    ];
    for (const backend of failing) {
      const verifier = createSignatureVerifier(backend);
      expect(await settle(verifier, PAIR.publicKey, MESSAGE, SIGNATURE), backend.name).toBe(false);
    }
  });

  it('rejects, with all three, the right bytes in the wrong container', async () => {
    const text = 'a message passed as a string';
    const bytes = utf8(text);
    const signature = sign(PAIR, bytes);
    const asArrayBuffer = bytes.slice().buffer;
    const containers: [string, unknown, unknown, unknown][] = [
      ['message as a string', PAIR.publicKey, text, signature],
      ['message as an ArrayBuffer', PAIR.publicKey, asArrayBuffer, signature],
      ['message as a DataView', PAIR.publicKey, new DataView(asArrayBuffer), signature],
      ['message as an array of numbers', PAIR.publicKey, Array.from(bytes), signature],
      ['message as an Int8Array', PAIR.publicKey, new Int8Array(bytes.slice().buffer), signature],
      [
        'message as a Uint8ClampedArray',
        PAIR.publicKey,
        new Uint8ClampedArray(bytes.slice().buffer),
        signature,
      ],
      // 28 bytes: an even length, so a Uint16Array can view them all.
      [
        'message as a Uint16Array',
        PAIR.publicKey,
        new Uint16Array(bytes.slice().buffer),
        signature,
      ],
      ['key as an array of numbers', Array.from(PAIR.publicKey), bytes, signature],
      ['key as an ArrayBuffer', PAIR.publicKey.slice().buffer, bytes, signature],
      ['signature as an array of numbers', PAIR.publicKey, bytes, Array.from(signature)],
      ['signature as an ArrayBuffer', PAIR.publicKey, bytes, signature.slice().buffer],
    ];
    // The honest call is accepted, so a rejection below is about the container alone.
    await expectAgreement('honest', PAIR.publicKey, bytes, signature, true);
    for (const [label, key, data, sig] of containers) {
      const got: Record<string, boolean> = {};
      for (const verifier of VERIFIERS)
        got[verifier.backend] = await settle(verifier, key, data, sig);
      expect(got, label).toEqual(unanimous(false));
    }
  });
});
