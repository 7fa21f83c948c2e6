import { describe, expect, it } from 'vitest';
import { didToPublicKey, decodeSignatureText } from '@integrale/identity';
import {
  InvalidEntryError,
  checkShape,
  createAccept,
  createGenesis,
  createInvite,
  createJoin,
  createPay,
  entryId,
  formatTimestamp,
  itemId,
  joinProofMessage,
  signEntry,
  signingMessage,
  type Entry,
  type FeedPosition,
  type GenesisFields,
  type UnsignedEntry,
} from '../src/index.js';
import { keyOf, newLedger, setup, tick, verifier } from './helpers/personas.js';

const alice = keyOf('build/alice');
const bob = keyOf('build/bob');
const invitation = keyOf('build/invitation');
const TS = '2025-03-01T09:00:00.000Z';
const COOP = 'c'.repeat(64);
const HEAD: FeedPosition = { id: 'a'.repeat(64), seq: 3, balance: -200 };

const GENESIS: GenesisFields = {
  name: 'Coop',
  currency: { code: 'ECO', name: 'Éco', decimals: 2 },
  creditLimit: 10_000,
  ts: TS,
};

/** Whether `entry`'s sig is a valid signature by its author under the format's rule. */
function signatureHolds(entry: Entry): boolean {
  const { sig, ...unsigned } = entry;
  const signature = decodeSignatureText(sig);
  if (signature === null) return false;
  return (
    verifier().verify(didToPublicKey(entry.author), signingMessage(unsigned), signature) === true
  );
}

/** Asserts that `build` throws an InvalidEntryError. */
function expectInvalid(build: () => unknown): void {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidEntryError);
  expect((thrown as Error).name).toBe('InvalidEntryError');
}

const pay = (amount: number, memo = ''): Entry =>
  createPay(alice, HEAD, { coop: COOP, to: bob.did, amount, memo, ts: TS });

describe('builders', () => {
  it('produce well-formed, validly signed entries with stable ids', () => {
    const genesis = createGenesis(alice, GENESIS);
    const coop = entryId(genesis);
    const invite = createInvite(
      alice,
      { id: coop, seq: 1, balance: 0 },
      { coop, invitee: invitation.did, ts: TS },
    );
    const join = createJoin(bob, invitation, {
      coop,
      invite: entryId(invite),
      name: 'Bob',
      ts: TS,
    });
    const p = createPay(
      alice,
      { id: entryId(invite), seq: 2, balance: 0 },
      {
        coop,
        to: bob.did,
        amount: 250,
        memo: 'pain',
        ts: TS,
      },
    );
    const accept = createAccept(
      bob,
      { id: entryId(join), seq: 1, balance: 0 },
      { coop, pay: p, ts: TS },
    );

    for (const entry of [genesis, invite, join, p, accept] as Entry[]) {
      expect(checkShape(entry)).toBe(entry);
      expect(checkShape(JSON.parse(JSON.stringify(entry)))).not.toBeNull();
      expect(signatureHolds(entry)).toBe(true);
      // The id is the hash of the canonical text: key order and re-parsing do not change it.
      const id = entryId(entry);
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(itemId(JSON.parse(JSON.stringify(entry)))).toBe(id);
      const reversed = Object.fromEntries(Object.entries(entry).reverse());
      expect(itemId(reversed)).toBe(id);
    }
    // Ed25519 signing is deterministic: building the same entry again gives the same id.
    expect(entryId(createGenesis(alice, GENESIS))).toBe(coop);
    expect(
      entryId(createJoin(bob, invitation, { coop, invite: entryId(invite), name: 'Bob', ts: TS })),
    ).toBe(entryId(join));

    expect(genesis).toMatchObject({ v: 1, type: 'genesis', seq: 1, prev: null, author: alice.did });
    expect(genesis).not.toHaveProperty('coop');
    expect(invite).toMatchObject({ seq: 2, prev: coop, coop, invitee: invitation.did });
    expect(join).toMatchObject({ seq: 1, prev: null, invite: entryId(invite), name: 'Bob' });
    expect(p).toMatchObject({
      seq: 3,
      prev: entryId(invite),
      amount: 250,
      balance: -250,
      memo: 'pain',
    });
    expect(accept).toMatchObject({ seq: 2, prev: entryId(join), pay: entryId(p), balance: 250 });
    const proof = decodeSignatureText(join.proof);
    expect(proof).not.toBeNull();
    expect(
      verifier().verify(invitation.publicKey, joinProofMessage(coop, bob.did), proof as Uint8Array),
    ).toBe(true);
  });

  it('a scenario built with them is entirely valid in the ledger', async () => {
    const s = setup('alice', 'bob', 'chloé');
    const p = s.pay('alice', 'bob', 700, 'légumes 🥕');
    s.accept('bob', p);
    s.pay('bob', 'chloé', 300);
    const ledger = newLedger(s.coop);
    await ledger.add(s.entries);
    const report = ledger.report();
    expect(report.valid).toBe(s.entries.length);
    expect(report.invalid).toEqual([]);
    expect(report.pending).toEqual([]);
    expect(report.balances).toEqual({
      [s.did('alice')]: -700,
      [s.did('bob')]: 700 - 300,
      [s.did('chloé')]: 0,
    });
  });

  it('formatTimestamp writes the ts pattern', () => {
    expect(formatTimestamp(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)))).toBe(
      '2025-01-02T03:04:05.006Z',
    );
    expect(tick(0)).toBe('2025-03-01T09:00:00.000Z');
  });

  describe('throw InvalidEntryError for fields outside the format', () => {
    it('amount 0, 1.5 and 10^12 + 1 (the range is 1 … 10^12 integers)', () => {
      expectInvalid(() => pay(0));
      expectInvalid(() => pay(-1));
      expectInvalid(() => pay(1.5));
      expectInvalid(() => pay(1_000_000_000_001));
      expect(pay(1).type).toBe('pay');
      // NaN is not even JSON: canonical JSON refuses it before the shape check.
      expect(() => pay(Number.NaN)).toThrow(expect.objectContaining({ name: 'InvalidEntryError' }));
      expect(pay(1_000_000_000_000).type).toBe('pay');
    });

    it('a memo of 281 code points (280 is fine, an emoji counts as one)', () => {
      expect(() => pay(1, 'x'.repeat(280))).not.toThrow();
      expect(() => pay(1, '🥕'.repeat(280))).not.toThrow(); // 560 UTF-16 units, 280 code points
      expect(() => pay(1, '')).not.toThrow();
      expectInvalid(() => pay(1, 'x'.repeat(281)));
      expectInvalid(() => pay(1, '🥕'.repeat(281)));
      expectInvalid(() => pay(1, '🥕'.repeat(280) + 'x'));
      expectInvalid(() => pay(1, 'x'.repeat(279) + '\ud800')); // a lone surrogate
    });

    it('a name of 0 or 81 characters (1–80)', () => {
      expect(() => createGenesis(alice, { ...GENESIS, name: 'é'.repeat(80) })).not.toThrow();
      expectInvalid(() => createGenesis(alice, { ...GENESIS, name: '' }));
      expectInvalid(() => createGenesis(alice, { ...GENESIS, name: 'x'.repeat(81) }));
      const join = (name: string) =>
        createJoin(bob, invitation, { coop: COOP, invite: COOP, name, ts: TS });
      expect(() => join('😀'.repeat(80))).not.toThrow();
      expectInvalid(() => join(''));
      expectInvalid(() => join('x'.repeat(81)));
      expectInvalid(() => join('😀'.repeat(81)));
    });

    it("currency code 'eco', decimals 5, and other currency and limit errors", () => {
      const currency = (changes: object) => () =>
        createGenesis(alice, { ...GENESIS, currency: { ...GENESIS.currency, ...changes } });
      expectInvalid(currency({ code: 'eco' }));
      expectInvalid(currency({ code: '' }));
      expectInvalid(currency({ code: 'ABCDEFGHI' }));
      expectInvalid(currency({ decimals: 5 }));
      expectInvalid(currency({ decimals: -1 }));
      expectInvalid(currency({ name: '' }));
      expectInvalid(currency({ name: 'x'.repeat(41) }));
      expect(currency({ code: 'ABCD1234', decimals: 0 })).not.toThrow();
      expect(currency({ decimals: 4 })).not.toThrow();
      expectInvalid(() => createGenesis(alice, { ...GENESIS, creditLimit: -1 }));
      expectInvalid(() => createGenesis(alice, { ...GENESIS, creditLimit: 1_000_000_000_001 }));
      expect(() => createGenesis(alice, { ...GENESIS, creditLimit: 0 })).not.toThrow();
    });

    it('a bad timestamp, coop or did', () => {
      expectInvalid(() => createGenesis(alice, { ...GENESIS, ts: '2025-03-01T09:00:00Z' }));
      expectInvalid(() =>
        createInvite(alice, HEAD, { coop: 'C'.repeat(64), invitee: bob.did, ts: TS }),
      );
      expectInvalid(() =>
        createInvite(alice, HEAD, { coop: COOP, invitee: 'did:key:zNope', ts: TS }),
      );
      expectInvalid(() =>
        createPay(alice, HEAD, { coop: COOP, to: 'bob', amount: 1, memo: '', ts: TS }),
      );
    });

    it('signing with a key that is not the author', () => {
      const unsigned: UnsignedEntry = {
        v: 1,
        type: 'invite',
        coop: COOP,
        author: alice.did,
        seq: 2,
        prev: COOP,
        ts: TS,
        invitee: invitation.did,
      };
      expectInvalid(() => signEntry(unsigned, bob));
      expect(signEntry(unsigned, alice).author).toBe(alice.did);
    });
  });
});
