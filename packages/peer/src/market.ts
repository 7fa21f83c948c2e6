import {
  isValidAutomergeUrl,
  type AutomergeUrl,
  type DocHandle,
  type Repo,
} from '@automerge/automerge-repo';
import type { KeyPair } from '@integrale/identity';
import { MAX_AMOUNT, checkShape, isId, itemId, type Ledger } from '@integrale/ledger';
import {
  baseShape,
  carrierOf,
  createRecordBook,
  hasExactFields,
  isBoundedText,
  signRecord,
  type RecordBook,
  type RecordFamily,
  type SignedRecordBase,
} from './signed-records.js';

/*
 * The offers-and-wants directory. Its own document (named in the root document) holds signed
 * listings: what a member offers (skills, goods, services, with a price in the cooperative's
 * currency or none) or needs. A listing speaks for its author, so it is signed, and only its
 * author's signed close takes it off the directory. Paying for an offer is a ledger `pay` to its
 * author whose memo ends with the offer's marker `[offre:<id>]`; the offer's page lists the valid
 * payments carrying it — read from the verified ledger, never from the directory.
 */

/** Prefix of the bytes a member signs for a listing or its close (never valid as an entry). */
export const MARKET_SIGNING_PREFIX = 'integrale/v1/market\n';

/** The directory's categories (fixed: translated in the app). */
export const LISTING_CATEGORIES = [
  'alimentation',
  'artisanat',
  'services',
  'savoirs',
  'transport',
  'logement',
  'outils',
  'autre',
] as const;
export type ListingCategory = (typeof LISTING_CATEGORIES)[number];

/** Bounds of a listing (code points). */
export const LISTING_LIMITS = { title: 120, description: 2_000, unit: 40 } as const;

/** An offer or a want, signed by its author. Its id is the record's. */
export interface ListingRecord extends SignedRecordBase {
  readonly type: 'listing';
  readonly kind: 'offer' | 'want';
  readonly title: string;
  readonly description: string;
  readonly category: ListingCategory;
  /** Minor units (1 … 10^12), or null: free or to be agreed. */
  readonly price: number | null;
  /** What the price is for ("l'heure", "le kilo"); may be empty. */
  readonly unit: string;
}

/** The author takes listing `listing` off the directory. */
export interface ListingClose extends SignedRecordBase {
  readonly type: 'close';
  readonly listing: string;
}

/** Either record. */
export type MarketRecord = ListingRecord | ListingClose;

const LISTING_FIELDS = [
  'v',
  'type',
  'coop',
  'author',
  'kind',
  'title',
  'description',
  'category',
  'price',
  'unit',
  'ts',
  'sig',
];
const CLOSE_FIELDS = ['v', 'type', 'coop', 'author', 'listing', 'ts', 'sig'];

/** Whether `value` is one of the categories. */
export function isListingCategory(value: unknown): value is ListingCategory {
  return (LISTING_CATEGORIES as readonly unknown[]).includes(value);
}

/** Whether `value` may be a listing's price. */
export function isListingPrice(value: unknown): value is number | null {
  return (
    value === null ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_AMOUNT)
  );
}

function marketShape(value: unknown): MarketRecord | null {
  const record = baseShape(value);
  if (record === null) return null;
  if (record['type'] === 'listing') {
    if (!hasExactFields(record, LISTING_FIELDS)) return null;
    if (record['kind'] !== 'offer' && record['kind'] !== 'want') return null;
    if (!isBoundedText(record['title'], 1, LISTING_LIMITS.title)) return null;
    if (record['title'].trim() === '') return null;
    if (!isBoundedText(record['description'], 0, LISTING_LIMITS.description)) return null;
    if (!isListingCategory(record['category']) || !isListingPrice(record['price'])) return null;
    if (!isBoundedText(record['unit'], 0, LISTING_LIMITS.unit)) return null;
    return record as unknown as ListingRecord;
  }
  if (record['type'] === 'close') {
    if (!hasExactFields(record, CLOSE_FIELDS)) return null;
    if (typeof record['listing'] !== 'string' || !isId(record['listing'])) return null;
    return record as unknown as ListingClose;
  }
  return null;
}

/** How market records are checked. */
export const MARKET_RECORDS: RecordFamily<MarketRecord> = {
  prefix: MARKET_SIGNING_PREFIX,
  shape: marketShape,
};

/** Creates a {@link RecordBook} of market records for one cooperative. */
export function createMarketBook(
  init: Omit<Parameters<typeof createRecordBook>[0], 'family'>,
): RecordBook<MarketRecord> {
  return createRecordBook({ ...init, family: MARKET_RECORDS });
}

/** What a member gives to list something. */
export interface ListingDraft {
  readonly kind: 'offer' | 'want';
  readonly title: string;
  readonly description: string;
  readonly category: ListingCategory;
  readonly price: number | null;
  readonly unit: string;
}

/** Why a listing is refused. */
export type ListingProblem =
  | 'invalid-kind'
  | 'invalid-title'
  | 'invalid-description'
  | 'invalid-category'
  | 'invalid-price'
  | 'invalid-unit'
  | 'unknown-listing'
  | 'not-author';

/** Checks (and trims) a draft listing; the reason as data when it cannot be listed. */
export function checkListingDraft(
  draft: unknown,
): { ok: true; value: ListingDraft } | { ok: false; reason: ListingProblem } {
  if (typeof draft !== 'object' || draft === null) return { ok: false, reason: 'invalid-title' };
  const { kind, title, description, category, price, unit } = draft as Partial<ListingDraft>;
  if (kind !== 'offer' && kind !== 'want') return { ok: false, reason: 'invalid-kind' };
  const cleanTitle = typeof title === 'string' ? title.trim().replace(/\s+/g, ' ') : null;
  if (!isBoundedText(cleanTitle, 1, LISTING_LIMITS.title)) {
    return { ok: false, reason: 'invalid-title' };
  }
  const cleanDescription = typeof description === 'string' ? description.trim() : null;
  if (!isBoundedText(cleanDescription, 0, LISTING_LIMITS.description)) {
    return { ok: false, reason: 'invalid-description' };
  }
  if (!isListingCategory(category)) return { ok: false, reason: 'invalid-category' };
  if (price === undefined || !isListingPrice(price)) return { ok: false, reason: 'invalid-price' };
  const cleanUnit = typeof unit === 'string' ? unit.trim() : null;
  if (!isBoundedText(cleanUnit, 0, LISTING_LIMITS.unit))
    return { ok: false, reason: 'invalid-unit' };
  return {
    ok: true,
    value: {
      kind,
      title: cleanTitle,
      description: cleanDescription,
      category,
      price,
      unit: cleanUnit,
    },
  };
}

/** Signs a listing (fields already checked by {@link checkListingDraft}). */
export function createListing(
  author: KeyPair,
  fields: ListingDraft & { readonly coop: string; readonly ts: string },
): ListingRecord {
  const record = signRecord<ListingRecord>(author, MARKET_SIGNING_PREFIX, {
    v: 1,
    type: 'listing',
    coop: fields.coop,
    author: author.did,
    kind: fields.kind,
    title: fields.title,
    description: fields.description,
    category: fields.category,
    price: fields.price,
    unit: fields.unit,
    ts: fields.ts,
  });
  if (marketShape(record) === null) throw new RangeError('a listing with impossible fields');
  return record;
}

/** Signs the close of one of `author`'s listings. */
export function createListingClose(
  author: KeyPair,
  fields: { readonly coop: string; readonly listing: string; readonly ts: string },
): ListingClose {
  return signRecord<ListingClose>(author, MARKET_SIGNING_PREFIX, {
    v: 1,
    type: 'close',
    coop: fields.coop,
    author: author.did,
    listing: fields.listing,
    ts: fields.ts,
  });
}

/** The market document. */
export interface MarketDoc {
  v: 1;
  /** Signed listings and closes by record id. */
  records: Record<string, unknown>;
}

/** The root document's part this module writes. */
export interface MarketRootDoc {
  market?: AutomergeUrl;
}

/** The market document's url in a root document, or `null`. */
export function marketUrl(root: Readonly<MarketRootDoc> | undefined): AutomergeUrl | null {
  const url = root?.market;
  return typeof url === 'string' && isValidAutomergeUrl(url) ? url : null;
}

/** The market document: the one the root names, else a new one written there. */
export function ensureMarket(repo: Repo, root: DocHandle<MarketRootDoc>): AutomergeUrl {
  const known = marketUrl(root.doc());
  if (known !== null) return known;
  const handle = repo.create<MarketDoc>({ v: 1, records: {} });
  root.change((doc) => {
    doc.market = handle.url;
  });
  return handle.url;
}

/** Writes a signed record into the market document; returns its id. */
export function writeMarketRecord(handle: DocHandle<MarketDoc>, record: MarketRecord): string {
  const { id, text } = carrierOf(record);
  handle.change((doc) => {
    if (typeof doc.records !== 'object' || doc.records === null) doc.records = {};
    doc.records[id] = text;
  });
  return id;
}

/** A listing as the screens see it. */
export interface ListingView {
  readonly id: string;
  readonly by: string;
  readonly kind: 'offer' | 'want';
  readonly title: string;
  readonly description: string;
  readonly category: ListingCategory;
  readonly price: number | null;
  readonly unit: string;
  readonly createdAt: string;
  readonly closed: boolean;
}

/**
 * The listings of verified records whose author is a member (`isMember`), closed when their
 * author signed a close (a close by anyone else counts for nothing). Newest first.
 */
export function listingViews(
  records: ReadonlyMap<string, MarketRecord>,
  isMember: (did: string) => boolean,
): ListingView[] {
  const closed = new Set<string>();
  for (const record of records.values()) {
    if (record.type !== 'close') continue;
    const listing = records.get(record.listing);
    if (listing?.type === 'listing' && listing.author === record.author) closed.add(record.listing);
  }
  const out: ListingView[] = [];
  for (const [id, record] of records) {
    if (record.type !== 'listing' || !isMember(record.author)) continue;
    out.push({
      id,
      by: record.author,
      kind: record.kind,
      title: record.title,
      description: record.description,
      category: record.category,
      price: record.price,
      unit: record.unit,
      createdAt: record.ts,
      closed: closed.has(id),
    });
  }
  return out.sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1,
  );
}

/** The marker a paying entry's memo ends with: it names the offer it pays. */
export function offerMarker(listingId: string): string {
  return `[offre:${listingId}]`;
}

const OFFER_MARKER_AT_END = /\[offre:([0-9a-f]{64})\]$/;

/** The offer id a pay's memo names at its end, or `null`. */
export function offerIdInMemo(memo: string): string | null {
  return OFFER_MARKER_AT_END.exec(memo)?.[1] ?? null;
}

/** Most code points of a pay memo (the ledger's bound). */
const MAX_PAY_MEMO = 280;

/** The memo of a payment for an offer: its title (cut to fit), then the marker. */
export function offerPayMemo(title: string, listingId: string): string {
  const marker = offerMarker(listingId);
  const room = MAX_PAY_MEMO - marker.length - 1;
  const cut = [...title.trim()].slice(0, room).join('').trim();
  return cut === '' ? marker : `${cut} ${marker}`;
}

/** A valid payment for an offer. */
export interface OfferPayment {
  readonly entry: string;
  readonly from: string;
  readonly amount: number;
  readonly ts: string;
}

/**
 * The valid payments for `listing`: `pay` entries to its author whose memo ends with its marker
 * and that this peer's ledger holds as valid. Oldest first.
 */
export function offerPayments(ledger: Ledger, listing: ListingView): OfferPayment[] {
  const out: OfferPayment[] = [];
  for (const item of ledger.items()) {
    const entry = checkShape(item);
    if (entry === null || entry.type !== 'pay' || entry.to !== listing.by) continue;
    if (offerIdInMemo(entry.memo) !== listing.id) continue;
    const id = itemId(entry);
    if (ledger.status(id)?.state !== 'valid') continue;
    out.push({ entry: id, from: entry.author, amount: entry.amount, ts: entry.ts });
  }
  return out.sort((a, b) => (a.ts !== b.ts ? (a.ts < b.ts ? -1 : 1) : a.entry < b.entry ? -1 : 1));
}
