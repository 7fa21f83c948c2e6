import { checkShape, itemId, type Ledger } from '@integrale/ledger';
import {
  MAX_MEMO_LENGTH,
  MAX_SNAPSHOT_ENTRIES,
  type CooperativeInfo,
  type LedgerEntryView,
  type PayProblem,
  type PayRequest,
} from '../app/runtime.js';
import type { Movement } from '../ledger/statement.js';

/*
 * Pure reads of a ledger for the screens: the cooperative as its genesis says, the entries with
 * their verdicts, and the checks a payment must pass before this device signs it.
 */

/** The cooperative as its valid genesis describes it; `null` before the genesis is held. */
export function cooperativeInfo(ledger: Ledger): CooperativeInfo | null {
  const genesis = ledger.genesis();
  if (genesis === undefined) return null;
  return {
    id: ledger.coop,
    name: genesis.name,
    currency: genesis.currency,
    creditLimit: genesis.creditLimit,
  };
}

/** Ids of items already hashed, by item: hashing every entry at every render would add up. */
export type EntryIdCache = WeakMap<object, string>;

/**
 * The latest well-formed entries with their verdicts, newest first by the authors' clocks (then by
 * id, so the order is the same on every device), at most `limit`.
 */
export function entryViews(
  ledger: Ledger,
  ids: EntryIdCache = new WeakMap(),
  limit = MAX_SNAPSHOT_ENTRIES,
): LedgerEntryView[] {
  const views: LedgerEntryView[] = [];
  for (const item of ledger.items()) {
    const entry = checkShape(item);
    if (entry === null) continue;
    let id = ids.get(entry);
    if (id === undefined) {
      id = itemId(entry);
      ids.set(entry, id);
    }
    const status = ledger.status(id);
    if (status === undefined) continue;
    const base = {
      id,
      type: entry.type,
      author: entry.author,
      seq: entry.seq,
      ts: entry.ts,
      status,
    };
    if (entry.type === 'pay') {
      views.push({ ...base, pay: { to: entry.to, amount: entry.amount, memo: entry.memo } });
    } else if (entry.type === 'accept') {
      views.push({ ...base, accepts: entry.pay });
    } else {
      views.push(base);
    }
  }
  views.sort((a, b) =>
    a.ts !== b.ts ? (a.ts < b.ts ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return views.slice(0, limit);
}

/**
 * Why `self` may not sign this payment now, or `null` when it may: the ledger's own rules, checked
 * before signing so the member gets a reason instead of an invalid entry in their feed.
 */
export function payProblem(ledger: Ledger, self: string, request: PayRequest): PayProblem | null {
  const limit = ledger.creditLimit();
  const head = ledger.feedHead(self);
  if (limit === undefined) return 'not-ready';
  if (!ledger.isMember(self) || head === undefined) return 'not-member';
  if (request.to === self) return 'self-pay';
  if (!ledger.isMember(request.to)) return 'unknown-payee';
  if (!Number.isSafeInteger(request.amount) || request.amount < 1 || request.amount > 1e12) {
    return 'invalid-amount';
  }
  if (typeof request.memo !== 'string' || [...request.memo].length > MAX_MEMO_LENGTH) {
    return 'memo-too-long';
  }
  // The limit in force in this member's feed: the genesis's, or one a decision set.
  if (head.balance - request.amount < -head.limit) return 'over-limit';
  return null;
}

/**
 * Every movement of `self`'s account, by the ledger's rule for balances: each of their valid pays
 * (money out, dated by the pay) and each distinct pay they validly accepted (money in, dated by
 * the accept; an accept of the same pay on the other branch of a fork counts once). The sum is
 * `ledger.balanceOf(self)`.
 */
export function memberMovements(
  ledger: Ledger,
  self: string,
  ids: EntryIdCache = new WeakMap(),
): Movement[] {
  const movements: Movement[] = [];
  const received = new Set<string>();
  for (const item of ledger.items()) {
    const entry = checkShape(item);
    if (entry === null || entry.author !== self) continue;
    if (entry.type !== 'pay' && entry.type !== 'accept') continue;
    let id = ids.get(entry);
    if (id === undefined) {
      id = itemId(entry);
      ids.set(entry, id);
    }
    if (ledger.status(id)?.state !== 'valid') continue;
    if (entry.type === 'pay') {
      movements.push({
        id,
        ts: entry.ts,
        amount: -entry.amount,
        counterparty: entry.to,
        memo: entry.memo,
      });
      continue;
    }
    if (received.has(entry.pay)) continue;
    const pay = checkShape(ledger.get(entry.pay));
    if (pay === null || pay.type !== 'pay') continue;
    received.add(entry.pay);
    movements.push({
      id,
      ts: entry.ts,
      amount: pay.amount,
      counterparty: pay.author,
      memo: pay.memo,
    });
  }
  return movements;
}
