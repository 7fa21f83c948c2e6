import { ImmutableString, Repo, getConflicts } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8, type SignatureVerifier } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import {
  MAX_PROFILES,
  MAX_PROFILE_TEXT,
  PROFILE_SIGNING_PREFIX,
  checkProfile,
  createProfile,
  createProfileBook,
  profileNames,
  writeProfile,
  type ProfileRecord,
  type ProfilesDoc,
} from '../src/index.js';
import { foundCooperative, keyOf, verifier } from './helpers/cooperative.js';

/*
 * Profiles are carried in the root document, which any member can write to: every record is
 * untrusted input until its shape, its key, its cooperative and its signature check.
 */

const TS = '2026-11-26T18:00:00.000Z';
const LATER = '2026-11-27T09:30:00.000Z';

function setup() {
  const coop = foundCooperative('alice');
  return { coop: coop.coop, alice: coop.founder, bob: keyOf('bob') };
}

/** Re-signs an arbitrary object as `key` would, with the profile prefix. */
function forge(key: ReturnType<typeof keyOf>, unsigned: Record<string, unknown>) {
  return canonicalJson({
    ...unsigned,
    sig: signToText(key, utf8(PROFILE_SIGNING_PREFIX + canonicalJson(unsigned))),
  });
}

function unsignedOf(record: ProfileRecord): Record<string, unknown> {
  const { sig: _sig, ...unsigned } = record;
  return unsigned;
}

describe('profile records', () => {
  it('accepts a profile signed by its member, under their did', async () => {
    const { coop, alice } = setup();
    const record = createProfile(alice, { coop, name: 'Alice Martin', ts: TS });
    const checked = await checkProfile(
      alice.did,
      new ImmutableString(canonicalJson(record)),
      coop,
      verifier,
    );
    expect(checked).toStrictEqual({ ok: true, record });
  });

  it('rejects a profile signed by another key than the member it names', async () => {
    const { coop, alice, bob } = setup();
    const record = createProfile(alice, { coop, name: 'Alice', ts: TS });
    // Bob writes a profile for Alice, signed with his own key.
    const text = forge(bob, unsignedOf(record));
    expect(await checkProfile(alice.did, text, coop, verifier)).toStrictEqual({
      ok: false,
      problem: 'bad-signature',
    });
  });

  it('rejects a name changed after signing', async () => {
    const { coop, alice } = setup();
    const record = createProfile(alice, { coop, name: 'Alice', ts: TS });
    const text = canonicalJson({ ...record, name: 'Mallory' });
    expect((await checkProfile(alice.did, text, coop, verifier)).ok).toBe(false);
  });

  it('rejects a valid profile carried under another member’s did', async () => {
    const { coop, alice, bob } = setup();
    const text = canonicalJson(createProfile(bob, { coop, name: 'Alice', ts: TS }));
    expect(await checkProfile(alice.did, text, coop, verifier)).toStrictEqual({
      ok: false,
      problem: 'wrong-member',
    });
  });

  it('rejects a profile of another cooperative', async () => {
    const { alice } = setup();
    const other = foundCooperative('zoe').coop;
    const text = canonicalJson(createProfile(alice, { coop: other, name: 'Alice', ts: TS }));
    const { coop } = setup();
    expect(await checkProfile(alice.did, text, coop, verifier)).toStrictEqual({
      ok: false,
      problem: 'wrong-coop',
    });
  });

  it('rejects what is not a text, not JSON or too large', async () => {
    const { coop, alice } = setup();
    const problem = async (carried: unknown) => {
      const checked = await checkProfile(alice.did, carried, coop, verifier);
      return checked.ok ? 'ok' : checked.problem;
    };
    expect(await problem(42)).toBe('not-text');
    expect(await problem({ name: 'Alice' })).toBe('not-text');
    expect(await problem(null)).toBe('not-text');
    expect(await problem('{"v":1,')).toBe('not-json');
    expect(await problem('x'.repeat(MAX_PROFILE_TEXT + 1))).toBe('too-large');
  });

  it('rejects hostile names and shapes, even when properly signed', async () => {
    const { coop, alice } = setup();
    const base = { v: 1, type: 'profile', coop, member: alice.did, name: 'Alice', ts: TS };
    const hostile: Record<string, unknown>[] = [
      { ...base, name: '' },
      { ...base, name: 'é'.repeat(81) },
      { ...base, name: 'Ali\ud800ce' },
      { ...base, name: '\udc00' },
      { ...base, name: 42 },
      { ...base, name: ['Alice'] },
      { ...base, v: 2 },
      { ...base, type: 'request' },
      { ...base, ts: 'yesterday' },
      { ...base, member: 'did:web:alice.example' },
      { ...base, extra: 'field' },
      { v: 1, type: 'profile', coop, member: alice.did, ts: TS },
    ];
    for (const unsigned of hostile) {
      const checked = await checkProfile(alice.did, forge(alice, unsigned), coop, verifier);
      expect(checked).toStrictEqual({ ok: false, problem: 'malformed' });
    }
    // 80 characters, some outside the BMP (two UTF-16 units each), are fine.
    const long = '🌱'.repeat(40) + 'a'.repeat(40);
    expect(
      (await checkProfile(alice.did, forge(alice, { ...base, name: long }), coop, verifier)).ok,
    ).toBe(true);
  });

  it('refuses to sign a name that cannot be one', () => {
    const { coop, alice } = setup();
    for (const name of ['', 'a'.repeat(81), 'x\ud83d']) {
      expect(() => createProfile(alice, { coop, name, ts: TS })).toThrow(RangeError);
    }
  });
});

describe('the profile book', () => {
  it('reads valid profiles by did and ignores forged, malformed and misplaced ones', async () => {
    const { coop, alice, bob } = setup();
    const chloe = keyOf('chloe');
    const aliceProfile = createProfile(alice, { coop, name: 'Alice', ts: TS });
    const map = {
      [alice.did]: new ImmutableString(canonicalJson(aliceProfile)),
      [bob.did]: forge(alice, { v: 1, type: 'profile', coop, member: bob.did, name: 'B', ts: TS }),
      [chloe.did]: 'not json',
      'not-a-did': canonicalJson(createProfile(chloe, { coop, name: 'Chloé', ts: TS })),
    };
    const book = createProfileBook({ coop, verifier });
    expect(await book.read(map)).toStrictEqual(new Map([[alice.did, aliceProfile]]));
  });

  it('takes nothing from a map that is no map', async () => {
    const { coop } = setup();
    const book = createProfileBook({ coop, verifier });
    for (const map of [undefined, null, 'profiles', 42, ['x']]) {
      expect((await book.read(map)).size).toBe(0);
    }
  });

  it('verifies a carried text once', async () => {
    const { coop, alice } = setup();
    let calls = 0;
    const counting: SignatureVerifier = {
      verify: (...args) => {
        calls++;
        return verifier.verify(...args);
      },
    } as SignatureVerifier;
    const book = createProfileBook({ coop, verifier: counting });
    const map = { [alice.did]: canonicalJson(createProfile(alice, { coop, name: 'A', ts: TS })) };
    await book.read(map);
    await book.read(map);
    expect(calls).toBe(1);
  });

  it('reads no more than its bound of members from a flooded map', async () => {
    const { coop, alice } = setup();
    const map: Record<string, unknown> = {};
    for (let i = 0; i < MAX_PROFILES; i++) map[`flood-${i}`] = i;
    map[alice.did] = canonicalJson(createProfile(alice, { coop, name: 'Alice', ts: TS }));
    const book = createProfileBook({ coop, verifier });
    expect((await book.read(map)).size).toBe(0);
  });

  it('keeps the latest profile when two devices write at once, whatever the merge order', async () => {
    const { coop, alice } = setup();
    const repo = new Repo({ network: [] });
    const one = repo.create<ProfilesDoc>({ profiles: {} });
    const two = repo.clone(one);
    const older = createProfile(alice, { coop, name: 'Alice', ts: TS });
    const newer = createProfile(alice, { coop, name: 'Alice Martin', ts: LATER });
    writeProfile(one, newer);
    writeProfile(two, older);
    const three = repo.clone(two);
    one.merge(two);
    three.merge(one);
    // Both values are kept at the key: Automerge alone would show either, by actor id.
    expect(Object.keys(getConflicts(one.doc().profiles!, alice.did) ?? {})).toHaveLength(2);
    for (const handle of [one, three]) {
      const book = createProfileBook({ coop, verifier });
      const read = await book.read(handle.doc().profiles);
      expect(read.get(alice.did)?.name).toBe('Alice Martin');
    }
    await repo.shutdown();
  });

  it('breaks a tie of timestamps by the signature text', async () => {
    const { coop, alice } = setup();
    const repo = new Repo({ network: [] });
    const one = repo.create<ProfilesDoc>({ profiles: {} });
    const two = repo.clone(one);
    const a = createProfile(alice, { coop, name: 'Alice A', ts: TS });
    const b = createProfile(alice, { coop, name: 'Alice B', ts: TS });
    const winner = a.sig > b.sig ? a : b;
    writeProfile(one, a);
    writeProfile(two, b);
    one.merge(two);
    const read = await createProfileBook({ coop, verifier }).read(one.doc().profiles);
    expect(read.get(alice.did)).toStrictEqual(winner);
    await repo.shutdown();
  });

  it('creates the map on first write in a cooperative founded before profiles', () => {
    const { coop, alice } = setup();
    const repo = new Repo({ network: [] });
    const handle = repo.create<ProfilesDoc>({});
    writeProfile(handle, createProfile(alice, { coop, name: 'Alice', ts: TS }));
    expect(Object.keys(handle.doc().profiles ?? {})).toStrictEqual([alice.did]);
  });
});

describe('profile names', () => {
  it('names the founder by their profile and keeps the ledger’s join name for others', () => {
    const { coop, alice, bob } = setup();
    const zoe = keyOf('zoe');
    const profiles = new Map([
      [alice.did, createProfile(alice, { coop, name: 'Alice', ts: TS })],
      [bob.did, createProfile(bob, { coop, name: 'Not Bob', ts: TS })],
      [zoe.did, createProfile(zoe, { coop, name: 'Zoé', ts: TS })],
    ]);
    const members = [
      { did: alice.did, name: null },
      { did: bob.did, name: 'Bob' },
      { did: keyOf('chloe').did, name: null },
    ];
    expect(profileNames(profiles, members)).toStrictEqual(
      new Map([
        [alice.did, 'Alice'],
        [bob.did, 'Bob'],
      ]),
    );
  });
});
