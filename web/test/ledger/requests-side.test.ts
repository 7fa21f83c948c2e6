import { ImmutableString, type DocHandle } from '@automerge/automerge-repo';
import { canonicalJson } from '@integrale/identity';
import { createPay, entryId, verifyItems, type Entry, type FeedPosition } from '@integrale/ledger';
import {
  createPaymentRequest,
  requestRecordId,
  writeRequestRecord,
  type CooperativePeer,
  type RequestsDoc,
} from '@integrale/peer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildStatement } from '../../src/ledger/statement.js';
import { payProblem } from '../../src/runtime/ledger-views.js';
import { createRequestsSide, type RequestsSide } from '../../src/runtime/payment-requests.js';
import {
  alice,
  bob,
  startRealCooperative,
  stranger as mallory,
  verifier,
  type RealCooperative,
} from '../support/real-cooperative.js';

/*
 * The browser runtime's requests part over a real cooperative peer (real Automerge documents, real
 * signatures, the real ledger), as a Node process would run it: another member's records arrive
 * as changes of the root document, and everything shown is what this peer verified.
 */

const TS = '2026-11-26T10:00:00.000Z';
let cooperative: RealCooperative;
let peer: CooperativePeer;
let side: RequestsSide;
let bobHead: FeedPosition;
const carry = (...entries: Entry[]): Promise<void> => cooperative.carry(...entries);

function root(): DocHandle<RequestsDoc> {
  return peer.root() as unknown as DocHandle<RequestsDoc>;
}

beforeEach(async () => {
  cooperative = await startRealCooperative({ clock: () => Date.parse(TS) });
  peer = cooperative.peer;
  bobHead = { id: entryId(cooperative.bobJoin), seq: 1, balance: 0 };
  side = createRequestsSide({
    ...cooperative.signing,
    pay: async (request) => {
      const problem = payProblem(peer.ledger, alice.did, request);
      if (problem !== null) return { ok: false, reason: problem };
      const entry = await peer.pay(request.to, request.amount, request.memo);
      return { ok: true, entry: entryId(entry) };
    },
    clock: () => Date.parse(TS),
  });
  peer.onLedgerUpdate(() => cooperative.signing.changed());
});

afterEach(async () => {
  side.stop();
  await cooperative.stop();
});

describe('payment requests over a real peer', () => {
  it('shows a request another member signed, settles it with a pay naming it, and sees it paid', async () => {
    expect(peer.ledger.isMember(bob.did)).toBe(true);
    const request = createPaymentRequest(bob, {
      coop: peer.coop,
      to: alice.did,
      amount: 1_250,
      memo: 'panier de légumes',
      ts: TS,
    });
    const id = writeRequestRecord(root(), request);
    side.paymentRequests();
    await vi.waitFor(() =>
      expect(side.paymentRequests().map((r) => r.state)).toStrictEqual(['open']),
    );
    expect(side.paymentRequests()[0]).toMatchObject({
      id,
      from: bob.did,
      to: alice.did,
      amount: 1_250,
    });

    const result = await side.approveRequest(id);
    expect(result.ok).toBe(true);
    const payId = result.ok ? result.entry : '';
    await vi.waitFor(() =>
      expect(side.paymentRequests()[0]).toMatchObject({ state: 'paid', payEntry: payId }),
    );
    expect(peer.ledger.balanceOf(alice.did)).toBe(-1_250);
    // Approving again pays nothing more.
    expect(await side.approveRequest(id)).toStrictEqual({ ok: false, reason: 'not-open' });
    expect(peer.ledger.balanceOf(alice.did)).toBe(-1_250);
  });

  it('declines in one call, signed by this member, and cannot pay it afterwards', async () => {
    const request = createPaymentRequest(bob, {
      coop: peer.coop,
      to: alice.did,
      amount: 300,
      memo: '',
      ts: TS,
    });
    const id = writeRequestRecord(root(), request);
    side.paymentRequests();
    await vi.waitFor(() => expect(side.paymentRequests()).toHaveLength(1));
    expect((await side.declineRequest(id)).ok).toBe(true);
    await vi.waitFor(() => expect(side.paymentRequests()[0]?.state).toBe('declined'));
    expect(await side.approveRequest(id)).toStrictEqual({ ok: false, reason: 'not-open' });
    expect(await side.declineRequest(id)).toStrictEqual({ ok: false, reason: 'not-open' });
  });

  it('ignores a request forged in another member’s name and one from a stranger', async () => {
    const forged = {
      ...createPaymentRequest(mallory, {
        coop: peer.coop,
        to: alice.did,
        amount: 999,
        memo: 'rembourse',
        ts: TS,
      }),
      from: bob.did,
    };
    root().change((doc) => {
      doc.requests ??= {};
      doc.requests[requestRecordId(forged)] = new ImmutableString(canonicalJson(forged));
    });
    writeRequestRecord(
      root(),
      createPaymentRequest(mallory, {
        coop: peer.coop,
        to: alice.did,
        amount: 5,
        memo: '',
        ts: TS,
      }),
    );
    root().change((doc) => {
      doc.requests ??= {};
      doc.requests['x'.repeat(64)] = new ImmutableString('{"v":1,"type":"request"');
    });
    const good = writeRequestRecord(
      root(),
      createPaymentRequest(bob, { coop: peer.coop, to: alice.did, amount: 7, memo: '', ts: TS }),
    );
    side.paymentRequests();
    await vi.waitFor(() => expect(side.paymentRequests().map((r) => r.id)).toStrictEqual([good]));
  });

  it('asks another member, refusing what could not be signed', async () => {
    const asked = await side.requestPayment({ to: bob.did, amount: 4_200, memo: 'atelier vélo' });
    expect(asked.ok).toBe(true);
    await vi.waitFor(() =>
      expect(side.paymentRequests()).toMatchObject([
        { from: alice.did, to: bob.did, amount: 4_200, state: 'open' },
      ]),
    );
    expect(await side.requestPayment({ to: alice.did, amount: 1, memo: '' })).toStrictEqual({
      ok: false,
      reason: 'self-request',
    });
    expect(await side.requestPayment({ to: mallory.did, amount: 1, memo: '' })).toStrictEqual({
      ok: false,
      reason: 'unknown-member',
    });
    for (const amount of [0, -1, 1.5, 1e12 + 1, Number.NaN]) {
      expect(await side.requestPayment({ to: bob.did, amount, memo: '' })).toStrictEqual({
        ok: false,
        reason: 'invalid-amount',
      });
    }
    expect(
      await side.requestPayment({ to: bob.did, amount: 1, memo: 'x'.repeat(201) }),
    ).toStrictEqual({
      ok: false,
      reason: 'memo-too-long',
    });
    // Only the one good request was written.
    expect(Object.keys(root().doc().requests ?? {})).toHaveLength(1);
  });

  it('gives movements whose statement closes on the ledger’s balance', async () => {
    await peer.pay(bob.did, 2_000, 'loyer, « mars »');
    const bobPays = createPay(bob, bobHead, {
      coop: peer.coop,
      to: alice.did,
      amount: 750,
      memo: '=1+1',
      ts: TS,
    });
    await carry(bobPays);
    await vi.waitFor(() => expect(peer.ledger.balanceOf(alice.did)).toBe(-1_250));
    const statement = buildStatement(side.movements(), { from: '2026-01-01', to: '2026-12-31' });
    expect(statement.closing).toBe(BigInt(peer.ledger.balanceOf(alice.did)));
    expect(statement.lines.map((line) => line.amount).sort()).toStrictEqual([-2_000, 750].sort());
  });
});

describe('the export and the alerts', () => {
  it('exports every held entry as signed, and an auditor’s verification finds the same ledger', async () => {
    await peer.pay(bob.did, 2_000, 'loyer');
    const text = side.exportLedger();
    const items = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(items).toHaveLength(peer.ledger.items().length);
    for (const item of items) expect(peer.ledger.has(entryId(item as Entry))).toBe(true);
    const report = await verifyItems(items, { verifier });
    const here = peer.ledger.report();
    expect(report.invalid).toStrictEqual([]);
    expect(report.forks).toStrictEqual([]);
    expect(report.members).toStrictEqual(here.members);
    expect(report.balances).toStrictEqual(here.balances);
    expect(side.ledgerAlerts()).toStrictEqual([]);
  });

  it('alerts every member to a fork and to the account it put over the limit', async () => {
    const one = createPay(bob, bobHead, {
      coop: peer.coop,
      to: alice.did,
      amount: 8_000,
      memo: 'a',
      ts: TS,
    });
    const two = createPay(bob, bobHead, {
      coop: peer.coop,
      to: alice.did,
      amount: 9_000,
      memo: 'b',
      ts: TS,
    });
    await carry(one, two);
    await vi.waitFor(() =>
      expect(side.ledgerAlerts()).toStrictEqual([
        { kind: 'fork', author: bob.did, seq: 2, ids: [entryId(one), entryId(two)].sort() },
        { kind: 'over-limit', account: bob.did, balance: -17_000 },
      ]),
    );
    // Both branches' payments reached Alice, and her statement counts each once.
    await vi.waitFor(() => expect(peer.ledger.balanceOf(alice.did)).toBe(17_000));
    const statement = buildStatement(side.movements(), { from: '2026-01-01', to: '2026-12-31' });
    expect(statement.closing).toBe(17_000n);
  });
});
