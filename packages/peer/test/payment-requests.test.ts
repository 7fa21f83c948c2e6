import { ImmutableString, Repo } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8 } from '@integrale/identity';
import { entryId } from '@integrale/ledger';
import { describe, expect, it } from 'vitest';
import {
  MAX_REQUEST_MEMO,
  REQUEST_SIGNING_PREFIX,
  checkRequestRecord,
  createPaymentRequest,
  createRequestBook,
  createRequestDecline,
  paymentRequestStatuses,
  requestIdInMemo,
  requestPayMemo,
  requestRecordId,
  writeRequestRecord,
  type RequestRecord,
  type RequestsDoc,
} from '../src/index.js';
import { foundCooperative, keyOf, verifier } from './helpers/cooperative.js';

/*
 * Payment requests are carried in the root document, which any member can write to: every
 * record is untrusted input until its signature, shape and the membership of those it names check.
 */

const TS = '2026-11-26T18:00:00.000Z';

/** Alice founds, Bob and Chloé join; Zoé is no member. The ledger holds all that. */
async function setup() {
  const coop = foundCooperative('alice');
  const people: Record<string, ReturnType<typeof keyOf>> = { alice: coop.founder };
  for (const name of ['bob', 'chloe']) {
    const { invite, invitationKey } = coop.invite(name);
    const { key, join } = coop.join(name, invite, invitationKey);
    coop.admitted(key, join);
    people[name] = key;
  }
  const ledger = coop.newLedger();
  await ledger.add(coop.entries);
  return { coop, ledger, alice: people['alice']!, bob: people['bob']!, chloe: people['chloe']! };
}

function text(record: unknown): string {
  return canonicalJson(record);
}

/** Re-signs an arbitrary object as `key` would, with the request prefix. */
function forge(key: ReturnType<typeof keyOf>, unsigned: Record<string, unknown>) {
  return {
    ...unsigned,
    sig: signToText(key, utf8(REQUEST_SIGNING_PREFIX + canonicalJson(unsigned))),
  };
}

describe('payment request records', () => {
  it('accepts a request signed by its requester, under its id', async () => {
    const { coop, bob, alice } = await setup();
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 1_250,
      memo: 'panier, « bio » = 2 kg',
      ts: TS,
    });
    const id = requestRecordId(request);
    const checked = await checkRequestRecord(
      id,
      new ImmutableString(text(request)),
      coop.coop,
      verifier,
    );
    expect(checked).toStrictEqual({ ok: true, record: request, id });
  });

  it('refuses a request that another member signed in the requester’s name', async () => {
    const { coop, bob, alice, chloe } = await setup();
    // Chloé writes a request "from Bob" to Alice, signed with her own key.
    const forged = forge(chloe, {
      v: 1,
      type: 'request',
      coop: coop.coop,
      from: bob.did,
      to: alice.did,
      amount: 500,
      memo: '',
      ts: TS,
    });
    const id = requestRecordId(forged as RequestRecord);
    expect(await checkRequestRecord(id, text(forged), coop.coop, verifier)).toStrictEqual({
      ok: false,
      problem: 'bad-signature',
    });
  });

  it('refuses a request whose amount was changed after signing', async () => {
    const { coop, bob, alice } = await setup();
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 100,
      memo: '',
      ts: TS,
    });
    const tampered = { ...request, amount: 100_000 };
    const id = requestRecordId(tampered);
    expect((await checkRequestRecord(id, text(tampered), coop.coop, verifier)).ok).toBe(false);
  });

  const base = (coopId: string, from: string, to: string) => ({
    v: 1,
    type: 'request',
    coop: coopId,
    from,
    to,
    amount: 100,
    memo: '',
    ts: TS,
  });

  it.each([
    ['a zero amount', { amount: 0 }],
    ['a negative amount', { amount: -5 }],
    ['a fractional amount', { amount: 1.5 }],
    ['an amount past 10^12', { amount: 1_000_000_000_001 }],
    ['an amount as text', { amount: '100' }],
    ['a memo past 200 characters', { memo: 'x'.repeat(MAX_REQUEST_MEMO + 1) }],
    ['a memo with a lone surrogate', { memo: 'a\ud800b' }],
    ['an extra field', { extra: true }],
    ['a bad timestamp', { ts: '26/11/2026' }],
    ['a version 2', { v: 2 }],
    ['an unknown type', { type: 'refund' }],
    ['a payer that is no did', { to: 'alice' }],
  ])('refuses a request with %s, even when validly signed', async (_, change) => {
    const { coop, bob, alice } = await setup();
    const record = forge(bob, { ...base(coop.coop, bob.did, alice.did), ...change });
    const id = requestRecordId(record as RequestRecord);
    expect(await checkRequestRecord(id, text(record), coop.coop, verifier)).toStrictEqual({
      ok: false,
      problem: 'malformed',
    });
  });

  it('refuses a request to oneself', async () => {
    const { coop, bob } = await setup();
    const record = forge(bob, base(coop.coop, bob.did, bob.did));
    const id = requestRecordId(record as RequestRecord);
    expect((await checkRequestRecord(id, text(record), coop.coop, verifier)).ok).toBe(false);
  });

  it.each([
    ['a number', 42, 'not-text'],
    ['an object', { v: 1 }, 'not-text'],
    ['text that is not JSON', '{"v":1,', 'not-json'],
    ['a JSON array', '[1,2]', 'malformed'],
    ['JSON null', 'null', 'malformed'],
    ['a huge text', `"${'a'.repeat(10_000)}"`, 'too-large'],
  ])('refuses a carried value that is %s', async (_, carried, problem) => {
    const { coop } = await setup();
    expect(await checkRequestRecord('a'.repeat(64), carried, coop.coop, verifier)).toStrictEqual({
      ok: false,
      problem,
    });
  });

  it('refuses a record under a key that is not its id, and one for another cooperative', async () => {
    const { coop, bob, alice } = await setup();
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 100,
      memo: '',
      ts: TS,
    });
    expect(
      await checkRequestRecord('0'.repeat(64), text(request), coop.coop, verifier),
    ).toStrictEqual({ ok: false, problem: 'id-mismatch' });
    const elsewhere = createPaymentRequest(bob, {
      coop: 'f'.repeat(64),
      to: alice.did,
      amount: 100,
      memo: '',
      ts: TS,
    });
    expect(
      await checkRequestRecord(requestRecordId(elsewhere), text(elsewhere), coop.coop, verifier),
    ).toStrictEqual({ ok: false, problem: 'wrong-coop' });
  });

  it('does not let a ledger signature pass as a ledger entry, nor the reverse', async () => {
    const { coop, bob, alice } = await setup();
    const pay = coop.pay(bob, alice, 100);
    // The pay's own signature, moved onto a request-shaped record, does not verify.
    const record = { ...base(coop.coop, bob.did, alice.did), sig: pay.sig };
    expect(
      await checkRequestRecord(
        requestRecordId(record as RequestRecord),
        text(record),
        coop.coop,
        verifier,
      ),
    ).toStrictEqual({ ok: false, problem: 'bad-signature' });
  });
});

describe('where requests stand', () => {
  async function book(records: readonly RequestRecord[], coopId: string) {
    const map: Record<string, string> = {};
    for (const record of records) map[requestRecordId(record)] = text(record);
    return createRequestBook({ coop: coopId, verifier }).read(map);
  }

  it('is open, then declined when the asked member signs a decline', async () => {
    const { coop, ledger, bob, alice } = await setup();
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 700,
      memo: 'confiture',
      ts: TS,
    });
    const id = requestRecordId(request);
    const open = paymentRequestStatuses(await book([request], coop.coop), ledger);
    expect(open).toStrictEqual([{ id, request, state: 'open', payEntry: null }]);
    const decline = createRequestDecline(alice, { coop: coop.coop, request: id, ts: TS });
    const [after] = paymentRequestStatuses(await book([request, decline], coop.coop), ledger);
    expect(after?.state).toBe('declined');
  });

  it('ignores a decline signed by anyone but the asked member', async () => {
    const { coop, ledger, bob, alice, chloe } = await setup();
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 700,
      memo: '',
      ts: TS,
    });
    const id = requestRecordId(request);
    const byChloe = createRequestDecline(chloe, { coop: coop.coop, request: id, ts: TS });
    const byBob = createRequestDecline(bob, { coop: coop.coop, request: id, ts: TS });
    const [status] = paymentRequestStatuses(
      await book([request, byChloe, byBob], coop.coop),
      ledger,
    );
    expect(status?.state).toBe('open');
  });

  it('leaves out requests naming someone who is not a member', async () => {
    const { coop, ledger, bob } = await setup();
    const zoe = keyOf('zoé');
    const toStranger = createPaymentRequest(bob, {
      coop: coop.coop,
      to: zoe.did,
      amount: 1,
      memo: '',
      ts: TS,
    });
    const fromStranger = createPaymentRequest(zoe, {
      coop: coop.coop,
      to: bob.did,
      amount: 1,
      memo: '',
      ts: TS,
    });
    expect(
      paymentRequestStatuses(await book([toStranger, fromStranger], coop.coop), ledger),
    ).toStrictEqual([]);
  });

  it('is paid by a valid pay of the amount, to the requester, naming it — and only that', async () => {
    const { coop, ledger, bob, alice, chloe } = await setup();
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 700,
      memo: 'confiture',
      ts: TS,
    });
    const id = requestRecordId(request);
    const memo = requestPayMemo(request, id);
    expect(requestIdInMemo(memo)).toBe(id);
    expect([...memo].length).toBeLessThanOrEqual(280);
    // Not answers: the wrong amount, the wrong payer, the wrong payee.
    const { createPay } = await import('@integrale/ledger');
    const heads = new Map<string, { id: string; seq: number; balance: number }>();
    for (const who of [alice, chloe]) heads.set(who.did, ledger.feedHead(who.did)!);
    const wrongAmount = createPay(alice, heads.get(alice.did)!, {
      coop: coop.coop,
      to: bob.did,
      amount: 699,
      memo,
      ts: TS,
    });
    const wrongPayer = createPay(chloe, heads.get(chloe.did)!, {
      coop: coop.coop,
      to: bob.did,
      amount: 700,
      memo,
      ts: TS,
    });
    await ledger.add([wrongAmount, wrongPayer]);
    const records = await book([request], coop.coop);
    expect(paymentRequestStatuses(records, ledger)[0]?.state).toBe('open');
    const answer = createPay(
      alice,
      { id: entryId(wrongAmount), seq: wrongAmount.seq, balance: -699 },
      {
        coop: coop.coop,
        to: bob.did,
        amount: 700,
        memo,
        ts: TS,
      },
    );
    await ledger.add([answer]);
    expect(ledger.status(entryId(answer))?.state).toBe('valid');
    // A decline signed afterwards does not undo money that moved.
    const decline = createRequestDecline(alice, { coop: coop.coop, request: id, ts: TS });
    const [status] = paymentRequestStatuses(await book([request, decline], coop.coop), ledger);
    expect(status).toMatchObject({ state: 'paid', payEntry: entryId(answer) });
  });

  it('skips bad records in a document without losing the good ones', async () => {
    const { coop, bob, alice } = await setup();
    const good = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 3,
      memo: '',
      ts: TS,
    });
    const reader = createRequestBook({ coop: coop.coop, verifier });
    const map = {
      [requestRecordId(good)]: text(good),
      ['b'.repeat(64)]: 'garbage',
      ['__proto__']: text(good),
      ['c'.repeat(64)]: 17 as unknown as string,
    };
    const read = await reader.read(map);
    expect([...read.keys()]).toStrictEqual([requestRecordId(good)]);
    // Read again (verdicts kept): the same.
    expect([...(await reader.read(map)).keys()]).toStrictEqual([requestRecordId(good)]);
    expect((await reader.read(undefined)).size).toBe(0);
  });
});

describe('the root document carrier', () => {
  it('writes a signed record that another reader verifies from the document', async () => {
    const { coop, bob, alice } = await setup();
    const repo = new Repo({ network: [] });
    const handle = repo.create<RequestsDoc>({});
    const request = createPaymentRequest(bob, {
      coop: coop.coop,
      to: alice.did,
      amount: 42,
      memo: 'pain',
      ts: TS,
    });
    const id = writeRequestRecord(handle, request);
    expect(id).toBe(requestRecordId(request));
    const read = await createRequestBook({ coop: coop.coop, verifier }).read(handle.doc().requests);
    expect(read.get(id)).toStrictEqual(request);
    await repo.shutdown();
  });
});
