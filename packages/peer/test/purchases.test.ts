import { ImmutableString } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8 } from '@integrale/identity';
import { entryId } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PURCHASE_SIGNING_PREFIX,
  createOrder,
  createPurchaseBook,
  createRound,
  createRoundClose,
  purchaseMarker,
  roundOfMemo,
  roundProblem,
  roundViews,
  signedRecordId,
  writePurchaseRecord,
  type RoundFields,
} from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';
import { startCooperative, type Cooperative } from './helpers/members.js';

/*
 * Grouped purchases over real peers: a round signed by its organiser over a `purchase` account,
 * members' signed orders (the latest before the close counts), an early close only its organiser
 * can sign, shares paid into the round's account — and forged or hostile records ignored.
 */

let cooperative: Cooperative | undefined;
afterEach(async () => {
  await cooperative?.stopAll();
  cooperative = undefined;
});

const TS = '2026-11-26T18:00:00.000Z';
const LATER = '2026-11-27T18:00:00.000Z';
const CLOSES = '2026-12-01T18:00:00.000Z';

function fields(account: string): RoundFields {
  return {
    title: 'Commande de décembre',
    closesAt: CLOSES,
    account,
    suppliers: [
      { id: 'ferme', name: 'Ferme des Lilas', needsEuros: false },
      { id: 'moulin', name: 'Moulin de Brie', needsEuros: true },
    ],
    products: [
      {
        id: 'oeufs',
        supplier: 'ferme',
        name: 'Œufs',
        unit: 'la douzaine',
        price: 450,
        priceEuroCents: null,
      },
      {
        id: 'farine',
        supplier: 'moulin',
        name: 'Farine T80',
        unit: 'le kilo',
        price: 180,
        priceEuroCents: 175,
      },
    ],
  };
}

async function setup() {
  cooperative = await startCooperative('alice');
  const alice = cooperative.founder;
  const bob = await cooperative.admit('bob');
  await cooperative.until(() => bob.peer.ledger.members().length === 2);
  const account = entryId(
    await alice.peer.openAccount({
      name: 'Commande de décembre',
      kind: 'purchase',
      scope: 'federation',
      stewards: [alice.did],
      threshold: 1,
    }),
  );
  await cooperative.until(() => bob.peer.ledger.status(account)?.state === 'valid');
  const book = createPurchaseBook({ coop: alice.peer.coop, verifier });
  return { cooperative, alice, bob, account, book };
}

describe('grouped purchases', { timeout: 30_000 }, () => {
  it('counts each member’s latest order by the close and who paid their share', async () => {
    const { alice, bob, account, book } = await setup();
    const coop = alice.peer.coop;
    const root = alice.peer.root();
    const round = writePurchaseRecord(
      root,
      createRound(keyOf('alice'), { ...fields(account), coop, ts: TS }),
    );
    writePurchaseRecord(
      root,
      createOrder(keyOf('bob'), { coop, round, quantities: { oeufs: 1 }, ts: TS }),
    );
    writePurchaseRecord(
      root,
      createOrder(keyOf('bob'), { coop, round, quantities: { oeufs: 2, farine: 5 }, ts: LATER }),
    );
    writePurchaseRecord(
      root,
      createOrder(keyOf('alice'), { coop, round, quantities: { farine: 1, oeufs: 0 }, ts: TS }),
    );
    // Bob cannot close Alice's round.
    writePurchaseRecord(root, createRoundClose(keyOf('bob'), { coop, round, ts: TS }));
    let [view] = roundViews(await book.read(root.doc().purchases), alice.peer.ledger, LATER);
    expect(view?.closed).toBe(false);
    expect(view?.orders.get(bob.did)?.quantities).toStrictEqual({ oeufs: 2, farine: 5 });
    expect(view?.orders.get(alice.did)?.quantities).toStrictEqual({ farine: 1 });

    // Alice closes; an order signed after that does not count.
    writePurchaseRecord(root, createRoundClose(keyOf('alice'), { coop, round, ts: LATER }));
    writePurchaseRecord(
      root,
      createOrder(keyOf('bob'), {
        coop,
        round,
        quantities: { oeufs: 99 },
        ts: '2026-11-28T00:00:00.000Z',
      }),
    );
    [view] = roundViews(await book.read(root.doc().purchases), alice.peer.ledger, LATER);
    expect(view?.closed).toBe(true);
    expect(view?.closedAt).toBe(LATER);
    expect(view?.orders.get(bob.did)?.quantities).toStrictEqual({ oeufs: 2, farine: 5 });

    // Bob pays his share in one contribution naming the round.
    await bob.peer.contribute(account, 2 * 450 + 5 * 180, `Commande ${purchaseMarker(round)}`);
    await bob.peer.contribute(account, 7, 'sans marqueur');
    await cooperative!.until(() => alice.peer.ledger.balanceOf(account) === 1_807);
    [view] = roundViews(await book.read(root.doc().purchases), alice.peer.ledger, LATER);
    expect([...view!.paid]).toStrictEqual([[bob.did, 1_800]]);
    expect(roundOfMemo(`x ${purchaseMarker(round)}`)).toBe(round);
  });

  it('ignores rounds without a valid purchase account stewarded by their organiser', async () => {
    const { alice, bob, account, book } = await setup();
    const coop = alice.peer.coop;
    const root = alice.peer.root();
    const fund = root.doc().services!['caisse']!.account;
    writePurchaseRecord(root, createRound(keyOf('bob'), { ...fields(account), coop, ts: TS })); // not a steward
    writePurchaseRecord(root, createRound(keyOf('alice'), { ...fields(fund), coop, ts: TS })); // the fund
    writePurchaseRecord(
      root,
      createRound(keyOf('alice'), { ...fields('f'.repeat(64)), coop, ts: TS }),
    );
    expect(roundViews(await book.read(root.doc().purchases), bob.peer.ledger, TS)).toStrictEqual(
      [],
    );
  });

  it('ignores forged, altered and hostile records', async () => {
    const { alice, account, book } = await setup();
    const coop = alice.peer.coop;
    const root = alice.peer.root();
    const alicesKey = keyOf('alice');
    const bobsKey = keyOf('bob');
    const round = createRound(alicesKey, { ...fields(account), coop, ts: TS });
    const roundId = writePurchaseRecord(root, round);
    const order = createOrder(bobsKey, { coop, round: roundId, quantities: { oeufs: 1 }, ts: TS });
    const { sig: _sig, ...unsignedOrder } = order;
    const { sig: _roundSig, ...unsignedRound } = round;
    const sign = (key: typeof bobsKey, value: Record<string, unknown>) => ({
      ...value,
      sig: signToText(key, utf8(PURCHASE_SIGNING_PREFIX + canonicalJson(value))),
    });
    const planted = [
      sign(alicesKey, unsignedOrder), // Alice signs an order saying it is Bob's
      { ...order, quantities: { oeufs: 1000 } }, // altered after signing
      sign(bobsKey, { ...unsignedOrder, quantities: { oeufs: -1 } }),
      sign(bobsKey, { ...unsignedOrder, quantities: { oeufs: 1.5 } }),
      sign(bobsKey, { ...unsignedOrder, quantities: { oeufs: 100_001 } }),
      sign(bobsKey, { ...unsignedOrder, quantities: { 'Œufs!': 1 } }),
      sign(bobsKey, { ...unsignedOrder, quantities: [] }),
      sign(bobsKey, { ...unsignedOrder, coop: 'a'.repeat(64) }),
      sign(bobsKey, { ...unsignedOrder, extra: 1 }),
      sign(alicesKey, { ...unsignedRound, title: '  ' }),
      sign(alicesKey, {
        ...unsignedRound,
        products: [{ ...fields(account).products[1], priceEuroCents: null }], // euros needed
      }),
      sign(alicesKey, {
        ...unsignedRound,
        products: [{ ...fields(account).products[0], price: 0 }],
      }),
      sign(alicesKey, {
        ...unsignedRound,
        products: [{ ...fields(account).products[0], supplier: 'x' }],
      }),
      sign(alicesKey, { ...unsignedRound, suppliers: [] }),
    ];
    root.change((doc) => {
      for (const record of planted)
        doc.purchases![signedRecordId(record as never)] = new ImmutableString(
          canonicalJson(record),
        );
      doc.purchases!['0'.repeat(64)] = new ImmutableString('{"v":1');
      doc.purchases!['1'.repeat(64)] = 7;
      doc.purchases!['2'.repeat(64)] = new ImmutableString('x'.repeat(20_000));
    });
    const records = await book.read(root.doc().purchases);
    expect([...records.keys()]).toStrictEqual([roundId]);
    // An order naming a product the round does not have is not counted.
    writePurchaseRecord(
      root,
      createOrder(bobsKey, { coop, round: roundId, quantities: { pain: 1 }, ts: TS }),
    );
    const [view] = roundViews(await book.read(root.doc().purchases), alice.peer.ledger, TS);
    expect(view?.orders.size).toBe(0);
    expect(await book.read('not a map')).toStrictEqual(new Map());
  });

  it('checks a round’s fields with reasons', () => {
    const account = 'a'.repeat(64);
    expect(roundProblem(fields(account))).toBeNull();
    expect(roundProblem({ ...fields(account), title: '' })).toBe('invalid-title');
    expect(roundProblem({ ...fields(account), closesAt: 'demain' })).toBe('invalid-closing');
    expect(roundProblem({ ...fields(account), account: 'x' })).toBe('invalid-account');
    const twoSame = [fields(account).suppliers[0], fields(account).suppliers[0]];
    expect(roundProblem({ ...fields(account), suppliers: twoSame })).toBe('invalid-supplier');
    const noEuro = [{ ...fields(account).products[1], priceEuroCents: null }];
    expect(roundProblem({ ...fields(account), products: noEuro })).toBe('euro-price-missing');
    const tooMany = Array.from({ length: 201 }, (_, i) => ({
      ...fields(account).products[0],
      id: `p${i}`,
    }));
    expect(roundProblem({ ...fields(account), products: tooMany })).toBe('invalid-product');
    expect(roundProblem(null)).toBe('invalid-title');
    expect(() =>
      createOrder(keyOf('bob'), {
        coop: account,
        round: account,
        quantities: { x: Number.NaN },
        ts: TS,
      }),
    ).toThrow(RangeError);
  });
});
