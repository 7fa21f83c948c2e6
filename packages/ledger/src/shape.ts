import { isDidKey, isSignatureText } from '@integrale/identity';
import { MAX_AMOUNT, type Entry, type EntryType } from './entry.js';
import { isId } from './ids.js';

/*
 * Check 1 of the validity rules: is an item an entry of the shape section 2 describes? Every
 * field is checked for type, range and syntax, and an entry with a missing or extra field is
 * malformed. Nothing here looks at other entries.
 */

const TS_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const CURRENCY_CODE_PATTERN = /^[A-Z0-9]{1,8}$/;

/** The fields of each type beyond those every entry has (`coop` counts as type-specific). */
const TYPE_FIELDS: Record<EntryType, readonly string[]> = {
  genesis: ['name', 'currency', 'creditLimit'],
  invite: ['coop', 'invitee'],
  join: ['coop', 'invite', 'proof', 'name'],
  pay: ['coop', 'to', 'amount', 'memo', 'balance'],
  accept: ['coop', 'pay', 'balance'],
};
const COMMON_FIELDS = ['v', 'type', 'author', 'seq', 'prev', 'ts', 'sig'] as const;

/** Every field of each type, computed once: the shape check runs for every entry received. */
const ALL_FIELDS = Object.fromEntries(
  Object.entries(TYPE_FIELDS).map(([type, fields]) => [type, [...COMMON_FIELDS, ...fields]]),
) as unknown as Record<EntryType, readonly string[]>;

/** An integer in the format's sense: a number whose value is whole, |value| ≤ 2^53 − 1. */
export function isFormatInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * The number of Unicode code points in `text`, or −1 when it holds a lone surrogate (then it is
 * not a Unicode string and the entry is malformed).
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return -1;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return -1;
    }
    count++;
  }
  return count;
}

function isText(value: unknown, min: number, max: number): value is string {
  if (typeof value !== 'string' || value.length > max * 2) return false;
  const length = codePointLength(value);
  return length >= min && length <= max;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return isFormatInteger(value) && value >= min && value <= max;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `object` has exactly the keys listed, no more, no fewer. */
function hasExactKeys(object: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(object);
  if (own.length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(object, key)) return false;
  return true;
}

function isCurrency(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    hasExactKeys(value, ['code', 'name', 'decimals']) &&
    typeof value['code'] === 'string' &&
    CURRENCY_CODE_PATTERN.test(value['code']) &&
    isText(value['name'], 1, 40) &&
    isIntegerIn(value['decimals'], 0, 4)
  );
}

/**
 * The item as a well-formed entry, or `null` when it is malformed (check 1): not an object of
 * the shape of its type, a field of the wrong type or range, bad id, signature, proof, did:key
 * or `ts` syntax, or a genesis or join that is not the first of its feed.
 */
export function checkShape(item: unknown): Entry | null {
  if (!isPlainObject(item)) return null;
  const type = item['type'];
  if (typeof type !== 'string' || !Object.hasOwn(TYPE_FIELDS, type)) return null;
  if (!hasExactKeys(item, ALL_FIELDS[type as EntryType])) return null;

  const { v, author, seq, prev, ts, sig } = item;
  if (v !== 1) return null;
  if (!isDidKey(author)) return null;
  if (!isIntegerIn(seq, 1, Number.MAX_SAFE_INTEGER)) return null;
  if (prev !== null && !isId(prev)) return null;
  if (typeof ts !== 'string' || !TS_PATTERN.test(ts)) return null;
  if (!isSignatureText(sig)) return null;

  switch (type as EntryType) {
    case 'genesis':
      if (seq !== 1 || prev !== null) return null;
      if (!isText(item['name'], 1, 80) || !isCurrency(item['currency'])) return null;
      if (!isIntegerIn(item['creditLimit'], 0, MAX_AMOUNT)) return null;
      break;
    case 'invite':
      if (!isId(item['coop']) || !isDidKey(item['invitee'])) return null;
      break;
    case 'join': {
      if (seq !== 1 || prev !== null) return null;
      if (!isId(item['coop']) || !isId(item['invite'])) return null;
      const proof = item['proof'];
      if (!isSignatureText(proof) || !isText(item['name'], 1, 80)) {
        return null;
      }
      break;
    }
    case 'pay':
      if (!isId(item['coop']) || !isDidKey(item['to'])) return null;
      if (!isIntegerIn(item['amount'], 1, MAX_AMOUNT) || !isText(item['memo'], 0, 280)) return null;
      if (!isFormatInteger(item['balance'])) return null;
      break;
    case 'accept':
      if (!isId(item['coop']) || !isId(item['pay']) || !isFormatInteger(item['balance']))
        return null;
      break;
  }
  return item as unknown as Entry;
}
