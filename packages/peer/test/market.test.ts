import { ImmutableString, Repo } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8 } from '@integrale/identity';
import { createPay, entryId } from '@integrale/ledger';
import { describe, expect, it } from 'vitest';
import {
  MARKET_SIGNING_PREFIX,
  checkListingDraft,
  createListing,
  createListingClose,
  createMarketBook,
  ensureMarket,
  listingViews,
  marketUrl,
  offerIdInMemo,
  offerPayMemo,
  offerPayments,
  signedRecordId,
  writeMarketRecord,
  type ListingDraft,
  type MarketDoc,
  type MarketRootDoc,
} from '../src/index.js';
import { foundCooperative, keyOf, verifier } from './helpers/cooperative.js';

const TS = '2026-11-26T18:00:00.000Z';

const BIKE: ListingDraft = {
  kind: 'offer',
  title: 'Réparation de vélo',
  description: 'Freins, chaînes, crevaisons',
  category: 'services',
  price: 1500,
  unit: '',
};

async function setup() {
  const coop = foundCooperative('alice');
  const people: Record<string, ReturnType<typeof keyOf>> = { alice: coop.founder };
  for (const name of ['bob', 'chloe']) {
    const { invite, invitationKey } = coop.invite(name);
    const { key, join } = coop.join(name, invite, invitationKey);
    coop.admitted(key, join);
    people[name] = key;
  }
  const repo = new Repo({});
  const root = repo.create<MarketRootDoc>({});
  const url = ensureMarket(repo, root);
  expect(marketUrl(root.doc())).toBe(url);
  expect(ensureMarket(repo, root)).toBe(url);
  const market = await repo.find<MarketDoc>(url);
  const book = createMarketBook({ coop: coop.coop, verifier });
  return {
    coop,
    market,
    book,
    alice: people['alice']!,
    bob: people['bob']!,
    chloe: people['chloe']!,
  };
}

describe('market listings', () => {
  it('lists a signed offer and closes it only by its author', async () => {
    const { coop, market, book, bob, chloe } = await setup();
    const listing = createListing(bob, { ...BIKE, coop: coop.coop, ts: TS });
    const id = writeMarketRecord(market, listing);
    writeMarketRecord(market, createListingClose(chloe, { coop: coop.coop, listing: id, ts: TS }));
    const members = new Set([bob.did, chloe.did]);
    let views = listingViews(await book.read(market.doc().records), (did) => members.has(did));
    expect(views).toMatchObject([{ id, by: bob.did, price: 1500, closed: false }]);
    writeMarketRecord(market, createListingClose(bob, { coop: coop.coop, listing: id, ts: TS }));
    views = listingViews(await book.read(market.doc().records), (did) => members.has(did));
    expect(views[0]!.closed).toBe(true);
    // A listing by someone who is not a member is not shown.
    expect(listingViews(await book.read(market.doc().records), () => false)).toEqual([]);
  });

  it('ignores forged, altered and malformed listings', async () => {
    const { coop, market, book, bob, chloe } = await setup();
    const listing = createListing(bob, { ...BIKE, coop: coop.coop, ts: TS });
    const { sig: _sig, ...unsigned } = listing;
    const sign = (key: typeof bob, fields: Record<string, unknown>) => ({
      ...fields,
      sig: signToText(key, utf8(MARKET_SIGNING_PREFIX + canonicalJson(fields))),
    });
    const planted = [
      sign(chloe, unsigned), // Chloé signs a listing saying it is Bob's
      { ...listing, price: 1 }, // altered after signing
      sign(bob, { ...unsigned, price: 0 }),
      sign(bob, { ...unsigned, price: 12.5 }),
      sign(bob, { ...unsigned, price: -100 }),
      sign(bob, { ...unsigned, category: 'weapons' }),
      sign(bob, { ...unsigned, title: '   ' }),
      sign(bob, { ...unsigned, title: 'x'.repeat(121) }),
      sign(bob, { ...unsigned, kind: 'gift' }),
      sign(bob, { ...unsigned, extra: true }),
    ];
    market.change((doc) => {
      for (const record of planted) {
        doc.records[signedRecordId(record as never)] = new ImmutableString(canonicalJson(record));
      }
      doc.records['0'.repeat(64)] = new ImmutableString('[]');
      doc.records['1'.repeat(64)] = 7;
    });
    const records = await book.read(market.doc().records);
    expect(records.size).toBe(0);
    expect(await book.read('not a map')).toEqual(new Map());
  });

  it('checks drafts with reasons', () => {
    expect(checkListingDraft({ ...BIKE, title: '  Vélo  ' })).toEqual({
      ok: true,
      value: { ...BIKE, title: 'Vélo' },
    });
    expect(checkListingDraft({ ...BIKE, price: 1.5 })).toEqual({
      ok: false,
      reason: 'invalid-price',
    });
    expect(checkListingDraft({ ...BIKE, price: null }).ok).toBe(true);
    expect(checkListingDraft({ ...BIKE, category: 'x' })).toEqual({
      ok: false,
      reason: 'invalid-category',
    });
    expect(checkListingDraft({ ...BIKE, title: '' })).toEqual({
      ok: false,
      reason: 'invalid-title',
    });
    expect(checkListingDraft(null)).toEqual({ ok: false, reason: 'invalid-title' });
  });

  it('finds the valid payments whose memo carries the offer marker', async () => {
    const { coop, market, book, bob, chloe } = await setup();
    const id = writeMarketRecord(market, createListing(bob, { ...BIKE, coop: coop.coop, ts: TS }));
    const [view] = listingViews(await book.read(market.doc().records), () => true);
    const memo = offerPayMemo(view!.title, id);
    expect(memo).toBe(`Réparation de vélo [offre:${id}]`);
    expect(offerIdInMemo(memo)).toBe(id);
    expect(offerIdInMemo(`[offre:${id}] après`)).toBeNull();
    expect([...offerPayMemo('é'.repeat(500), id)].length).toBeLessThanOrEqual(280);
    // Chloé pays Bob once without the marker (coop.pay), then for the offer, with it.
    coop.pay(chloe, bob, 100);
    const previous = coop.entries[coop.entries.length - 1]!;
    const ledger = coop.newLedger();
    const marked = createPay(
      chloe,
      { id: entryId(previous), seq: previous.seq, balance: -100 },
      { coop: coop.coop, to: bob.did, amount: 1500, memo, ts: TS },
    );
    await ledger.add([...coop.entries, marked]);
    expect(offerPayments(ledger, view!)).toEqual([
      { entry: entryId(marked), from: chloe.did, amount: 1500, ts: TS },
    ]);
  });
});
