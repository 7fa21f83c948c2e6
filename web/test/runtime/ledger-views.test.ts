import {
  createGenesis,
  createInvite,
  createJoin,
  createLedger,
  createPay,
  entryId,
  type Ledger,
} from '@integrale/ledger';
import {
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import { beforeAll, describe, expect, it } from 'vitest';
import { cooperativeInfo, entryViews, payProblem } from '../../src/runtime/ledger-views.js';

const key = (n: number): KeyPair => keyPairFromSeed(new Uint8Array(32).fill(n));
const alice = key(1);
const bob = key(2);
const ts = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

let ledger: Ledger;
let payId: string;

beforeAll(async () => {
  const genesis = createGenesis(alice, {
    name: 'La Fourmilière',
    currency: { code: 'ECO', name: 'Éco', decimals: 2 },
    creditLimit: 1_000,
    ts: ts(0),
  });
  const coop = entryId(genesis);
  const invitation = key(9);
  const invite = createInvite(
    alice,
    { id: coop, seq: 1, balance: 0 },
    { coop, invitee: invitation.did, ts: ts(1) },
  );
  const join = createJoin(bob, invitation, {
    coop,
    invite: entryId(invite),
    name: 'Bob',
    ts: ts(2),
  });
  const pay = createPay(
    alice,
    { id: entryId(invite), seq: 2, balance: 0 },
    { coop, to: bob.did, amount: 300, memo: 'pain', ts: ts(3) },
  );
  payId = entryId(pay);
  ledger = createLedger({ coop, verifier: createSignatureVerifier(createNobleBackend()) });
  await ledger.add([genesis, invite, join, pay, { not: 'an entry' }]);
});

describe('what the screens read from a ledger', () => {
  it('describes the cooperative from its genesis', () => {
    expect(cooperativeInfo(ledger)).toStrictEqual({
      id: ledger.coop,
      name: 'La Fourmilière',
      currency: { code: 'ECO', name: 'Éco', decimals: 2 },
      creditLimit: 1_000,
    });
  });

  it('lists well-formed entries newest first with their verdicts and payment details', () => {
    const views = entryViews(ledger);
    expect(views.map((view) => view.type)).toStrictEqual(['pay', 'join', 'invite', 'genesis']);
    expect(views[0]).toMatchObject({
      id: payId,
      author: alice.did,
      seq: 3,
      status: { state: 'valid' },
      pay: { to: bob.did, amount: 300, memo: 'pain' },
    });
    expect(entryViews(ledger, new WeakMap(), 2)).toHaveLength(2);
  });

  it('says why a payment cannot be signed, before signing it', () => {
    const ok = { to: bob.did, amount: 700, memo: '' };
    expect(payProblem(ledger, alice.did, ok)).toBeNull();
    expect(payProblem(ledger, alice.did, { ...ok, amount: 701 })).toBe('over-limit');
    expect(payProblem(ledger, alice.did, { ...ok, to: alice.did })).toBe('self-pay');
    expect(payProblem(ledger, alice.did, { ...ok, to: key(3).did })).toBe('unknown-payee');
    expect(payProblem(ledger, alice.did, { ...ok, amount: 0 })).toBe('invalid-amount');
    expect(payProblem(ledger, alice.did, { ...ok, amount: 1.5 })).toBe('invalid-amount');
    expect(payProblem(ledger, alice.did, { ...ok, memo: 'é'.repeat(281) })).toBe('memo-too-long');
    expect(payProblem(ledger, key(3).did, ok)).toBe('not-member');
  });
});
