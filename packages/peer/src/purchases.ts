import type { DocHandle } from '@automerge/automerge-repo';
import type { KeyPair } from '@integrale/identity';
import { MAX_AMOUNT, isId, type Ledger } from '@integrale/ledger';
import {
  baseShape,
  carrierOf,
  createRecordBook,
  hasExactFields,
  isBoundedText,
  isRecordTimestamp,
  signRecord,
  type RecordBook,
  type RecordFamily,
  type SignedRecordBase,
} from './signed-records.js';
import { validAccount } from './services.js';

/*
 * Grouped purchases (centrale d'achats). An organiser opens a collective account of kind
 * `purchase` for the round, then signs the round: its title, closing time, account, suppliers
 * and products with their prices in the cooperative's currency (and in euro cents where a
 * supplier needs euros). Each member signs their own order (quantities per product); their latest
 * order signed before the round closes is the one that counts. The organiser may close the round
 * early with a signed close. Paying one's share is a contribution to the round's account whose
 * memo ends with `[achat:<round id>]`: who has paid is read from the verified ledger, never from
 * the document. All records travel in the root document's `purchases` map (made at founding).
 */

/** Prefix of the bytes a member signs for a round, an order or a close. */
export const PURCHASE_SIGNING_PREFIX = 'integrale/v1/purchase\n';

/** Bounds of a round (code points, counts, quantities). */
export const PURCHASE_LIMITS = {
  title: 120,
  name: 80,
  unit: 40,
  suppliers: 20,
  products: 200,
  quantity: 100_000,
} as const;

/** A supplier of a round. */
export interface Supplier {
  /** 1–20 of `a-z 0-9 -`, unique in the round. */
  readonly id: string;
  readonly name: string;
  /** This supplier is paid in euros: each of its products has a price in euro cents. */
  readonly needsEuros: boolean;
}

/** A product of a round. */
export interface Product {
  readonly id: string;
  /** The supplier's id. */
  readonly supplier: string;
  readonly name: string;
  /** What one unit is ("le kilo", "la caisse de 6"); may be empty. */
  readonly unit: string;
  /** Minor units of the cooperative's currency, 1 … 10^12. */
  readonly price: number;
  /** Euro cents (1 … 10^12), or null when the supplier takes the cooperative's currency. */
  readonly priceEuroCents: number | null;
}

/** A purchase round, signed by its organiser. Its id is the record's. */
export interface RoundRecord extends SignedRecordBase {
  readonly type: 'round';
  readonly title: string;
  /** When orders stop counting (ledger `ts` format). */
  readonly closesAt: string;
  /** The round's collective account (kind `purchase`, the organiser among its stewards). */
  readonly account: string;
  readonly suppliers: readonly Supplier[];
  readonly products: readonly Product[];
}

/** A member's order in a round, signed by them; a later one replaces it. */
export interface OrderRecord extends SignedRecordBase {
  readonly type: 'order';
  readonly round: string;
  /** Product id → whole quantity 0 … 100 000. */
  readonly quantities: Readonly<Record<string, number>>;
}

/** The organiser closes the round before its closing time. */
export interface RoundCloseRecord extends SignedRecordBase {
  readonly type: 'close';
  readonly round: string;
}

/** Any purchase record. */
export type PurchaseRecord = RoundRecord | OrderRecord | RoundCloseRecord;

const ROUND_FIELDS = [
  'v',
  'type',
  'coop',
  'author',
  'title',
  'closesAt',
  'account',
  'suppliers',
  'products',
  'ts',
  'sig',
];
const ORDER_FIELDS = ['v', 'type', 'coop', 'author', 'round', 'quantities', 'ts', 'sig'];
const CLOSE_FIELDS = ['v', 'type', 'coop', 'author', 'round', 'ts', 'sig'];

const SHORT_ID = /^[a-z0-9-]{1,20}$/;

const isPrice = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_AMOUNT;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a round cannot be signed as given (also the reasons a carried one is ignored). */
export type RoundProblem =
  | 'invalid-title'
  | 'invalid-closing'
  | 'invalid-account'
  | 'invalid-supplier'
  | 'invalid-product'
  | 'euro-price-missing';

/** The first problem of a round's fields, or `null`. Reads untrusted values; never throws. */
export function roundProblem(fields: unknown): RoundProblem | null {
  if (!isPlainObject(fields)) return 'invalid-title';
  const { title, closesAt, account, suppliers, products } = fields;
  if (!isBoundedText(title, 1, PURCHASE_LIMITS.title) || title.trim() === '')
    return 'invalid-title';
  if (!isRecordTimestamp(closesAt)) return 'invalid-closing';
  if (typeof account !== 'string' || !isId(account)) return 'invalid-account';
  if (!Array.isArray(suppliers) || suppliers.length < 1) return 'invalid-supplier';
  if (suppliers.length > PURCHASE_LIMITS.suppliers) return 'invalid-supplier';
  const euros = new Map<string, boolean>();
  for (const supplier of suppliers as unknown[]) {
    if (!isPlainObject(supplier) || !hasExactFields(supplier, ['id', 'name', 'needsEuros']))
      return 'invalid-supplier';
    const { id, name, needsEuros } = supplier;
    if (typeof id !== 'string' || !SHORT_ID.test(id) || euros.has(id)) return 'invalid-supplier';
    if (!isBoundedText(name, 1, PURCHASE_LIMITS.name) || name.trim() === '')
      return 'invalid-supplier';
    if (typeof needsEuros !== 'boolean') return 'invalid-supplier';
    euros.set(id, needsEuros);
  }
  if (!Array.isArray(products) || products.length < 1) return 'invalid-product';
  if (products.length > PURCHASE_LIMITS.products) return 'invalid-product';
  const seen = new Set<string>();
  for (const product of products as unknown[]) {
    const fieldsOk =
      isPlainObject(product) &&
      hasExactFields(product, ['id', 'supplier', 'name', 'unit', 'price', 'priceEuroCents']);
    if (!fieldsOk) return 'invalid-product';
    const { id, supplier, name, unit, price, priceEuroCents } = product;
    if (typeof id !== 'string' || !SHORT_ID.test(id) || seen.has(id)) return 'invalid-product';
    seen.add(id);
    if (typeof supplier !== 'string' || !euros.has(supplier)) return 'invalid-product';
    if (!isBoundedText(name, 1, PURCHASE_LIMITS.name) || name.trim() === '')
      return 'invalid-product';
    if (!isBoundedText(unit, 0, PURCHASE_LIMITS.unit) || !isPrice(price)) return 'invalid-product';
    if (priceEuroCents !== null && !isPrice(priceEuroCents)) return 'invalid-product';
    if (euros.get(supplier) === true && priceEuroCents === null) return 'euro-price-missing';
  }
  return null;
}

/** Whether `value` is a valid order's quantities for a round offering `products` (or any). */
export function isQuantities(
  value: unknown,
  products?: ReadonlySet<string>,
): value is Record<string, number> {
  if (!isPlainObject(value)) return false;
  const entries = Object.entries(value);
  if (entries.length > PURCHASE_LIMITS.products) return false;
  return entries.every(
    ([product, quantity]) =>
      SHORT_ID.test(product) &&
      (products === undefined || products.has(product)) &&
      typeof quantity === 'number' &&
      Number.isSafeInteger(quantity) &&
      quantity >= 0 &&
      quantity <= PURCHASE_LIMITS.quantity,
  );
}

function purchaseShape(value: unknown): PurchaseRecord | null {
  const record = baseShape(value);
  if (record === null) return null;
  switch (record['type']) {
    case 'round':
      if (!hasExactFields(record, ROUND_FIELDS) || roundProblem(record) !== null) return null;
      return record as unknown as RoundRecord;
    case 'order':
      if (!hasExactFields(record, ORDER_FIELDS)) return null;
      if (typeof record['round'] !== 'string' || !isId(record['round'])) return null;
      if (!isQuantities(record['quantities'])) return null;
      return record as unknown as OrderRecord;
    case 'close':
      if (!hasExactFields(record, CLOSE_FIELDS)) return null;
      if (typeof record['round'] !== 'string' || !isId(record['round'])) return null;
      return record as unknown as RoundCloseRecord;
    default:
      return null;
  }
}

/** How purchase records are checked. */
export const PURCHASE_RECORDS: RecordFamily<PurchaseRecord> = {
  prefix: PURCHASE_SIGNING_PREFIX,
  shape: purchaseShape,
};

/** Creates a {@link RecordBook} of purchase records for one cooperative. */
export function createPurchaseBook(init: {
  readonly coop: string;
  readonly verifier: Parameters<typeof createRecordBook>[0]['verifier'];
}): RecordBook<PurchaseRecord> {
  return createRecordBook({ ...init, family: PURCHASE_RECORDS });
}

/** What an organiser gives to sign a round (checked with {@link roundProblem}). */
export interface RoundFields {
  readonly title: string;
  readonly closesAt: string;
  readonly account: string;
  readonly suppliers: readonly Supplier[];
  readonly products: readonly Product[];
}

/** Signs a round; throws a RangeError when its fields are impossible. */
export function createRound(
  author: KeyPair,
  fields: RoundFields & { readonly coop: string; readonly ts: string },
): RoundRecord {
  const unsigned = {
    v: 1 as const,
    type: 'round' as const,
    coop: fields.coop,
    author: author.did,
    title: fields.title.trim(),
    closesAt: fields.closesAt,
    account: fields.account,
    suppliers: fields.suppliers.map(({ id, name, needsEuros }) => ({
      id,
      name: name.trim(),
      needsEuros,
    })),
    products: fields.products.map(({ id, supplier, name, unit, price, priceEuroCents }) => ({
      id,
      supplier,
      name: name.trim(),
      unit: unit.trim(),
      price,
      priceEuroCents,
    })),
    ts: fields.ts,
  };
  if (roundProblem(unsigned) !== null) throw new RangeError('a round with impossible fields');
  return signRecord<RoundRecord>(author, PURCHASE_SIGNING_PREFIX, unsigned);
}

/** Signs a member's order (zero quantities are left out). */
export function createOrder(
  author: KeyPair,
  fields: {
    readonly coop: string;
    readonly round: string;
    readonly quantities: Readonly<Record<string, number>>;
    readonly ts: string;
  },
): OrderRecord {
  if (!isQuantities(fields.quantities)) throw new RangeError('impossible quantities');
  const quantities: Record<string, number> = {};
  for (const [product, quantity] of Object.entries(fields.quantities)) {
    if (quantity > 0) quantities[product] = quantity;
  }
  return signRecord<OrderRecord>(author, PURCHASE_SIGNING_PREFIX, {
    v: 1,
    type: 'order',
    coop: fields.coop,
    author: author.did,
    round: fields.round,
    quantities,
    ts: fields.ts,
  });
}

/** Signs the early close of a round (counts only when its organiser signs it). */
export function createRoundClose(
  author: KeyPair,
  fields: { readonly coop: string; readonly round: string; readonly ts: string },
): RoundCloseRecord {
  return signRecord<RoundCloseRecord>(author, PURCHASE_SIGNING_PREFIX, {
    v: 1,
    type: 'close',
    coop: fields.coop,
    author: author.did,
    round: fields.round,
    ts: fields.ts,
  });
}

/** The root document's part this module writes. */
export interface PurchasesRootDoc {
  purchases?: Record<string, unknown>;
}

/** Writes a signed record into the root document's `purchases` map; returns its id. */
export function writePurchaseRecord(
  root: DocHandle<PurchasesRootDoc>,
  record: PurchaseRecord,
): string {
  const { id, text } = carrierOf(record);
  root.change((doc) => {
    if (typeof doc.purchases !== 'object' || doc.purchases === null) doc.purchases = {};
    doc.purchases[id] = text;
  });
  return id;
}

/** A member's order as it counts. */
export interface OrderView {
  readonly member: string;
  readonly record: string;
  readonly quantities: Readonly<Record<string, number>>;
  readonly ts: string;
}

/** A round as the screens see it. */
export interface RoundView {
  readonly id: string;
  readonly organiser: string;
  readonly title: string;
  readonly closesAt: string;
  readonly account: string;
  readonly suppliers: readonly Supplier[];
  readonly products: readonly Product[];
  readonly createdAt: string;
  /** When orders stopped counting: the organiser's close, or `closesAt`. */
  readonly closedAt: string;
  /** Whether the round is closed at `now`. */
  readonly closed: boolean;
  /** Each member's latest order signed by the close, by member did. */
  readonly orders: ReadonlyMap<string, OrderView>;
  /** Minor units each member has paid into the round (valid contributions naming it). */
  readonly paid: ReadonlyMap<string, number>;
}

/** The marker a share's payment memo ends with. */
export function purchaseMarker(round: string): string {
  return `[achat:${round}]`;
}

const PURCHASE_MARKER_AT_END = /\[achat:([0-9a-f]{64})\]$/;

/** The round a memo names at its end, or `null`. */
export function roundOfMemo(memo: string): string | null {
  return PURCHASE_MARKER_AT_END.exec(memo)?.[1] ?? null;
}

const later = (a: { ts: string; id: string }, b: { ts: string; id: string }): boolean =>
  a.ts !== b.ts ? a.ts > b.ts : a.id > b.id;

/**
 * The rounds of verified records: a round counts when its organiser is a member and steward of
 * its account, a valid `purchase` account; an order when its author is a member, it names only
 * the round's products and was signed by the close. Newest rounds first.
 */
export function roundViews(
  records: ReadonlyMap<string, PurchaseRecord>,
  ledger: Ledger,
  now: string,
): RoundView[] {
  const rounds: RoundView[] = [];
  for (const [id, record] of records) {
    if (record.type !== 'round' || !ledger.isMember(record.author)) continue;
    const account = validAccount(ledger, record.account);
    if (account?.kind !== 'purchase' || !account.stewards.includes(record.author)) continue;
    let closedAt = record.closesAt;
    for (const close of records.values()) {
      if (close.type === 'close' && close.round === id && close.author === record.author)
        if (close.ts < closedAt) closedAt = close.ts;
    }
    const productIds = new Set(record.products.map((p) => p.id));
    const orders = new Map<string, OrderView>();
    for (const [orderId, order] of records) {
      if (order.type !== 'order' || order.round !== id || order.ts > closedAt) continue;
      if (!ledger.isMember(order.author) || !isQuantities(order.quantities, productIds)) continue;
      const known = orders.get(order.author);
      const candidate = { ts: order.ts, id: orderId };
      if (known !== undefined && !later(candidate, { ts: known.ts, id: known.record })) continue;
      orders.set(order.author, {
        member: order.author,
        record: orderId,
        quantities: order.quantities,
        ts: order.ts,
      });
    }
    const paid = new Map<string, number>();
    for (const { entry } of ledger.validGovernance('contribute')) {
      if (entry.account !== record.account || roundOfMemo(entry.memo) !== id) continue;
      paid.set(entry.author, (paid.get(entry.author) ?? 0) + entry.amount);
    }
    rounds.push({
      id,
      organiser: record.author,
      title: record.title,
      closesAt: record.closesAt,
      account: record.account,
      suppliers: record.suppliers,
      products: record.products,
      createdAt: record.ts,
      closedAt,
      closed: now >= closedAt,
      orders,
      paid,
    });
  }
  return rounds.sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1,
  );
}
