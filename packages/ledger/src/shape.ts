import { isDidKey, isSignatureText } from '@integrale/identity';
import {
  ACCOUNT_ENTRY_TYPES,
  ACCOUNT_KINDS,
  CHOICES,
  GOVERNANCE_ENTRY_TYPES,
  MAX_AMOUNT,
  RESULTS,
  type Entry,
  type EntryType,
} from './entry.js';
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
  proposal: [
    'coop',
    'title',
    'text',
    'scope',
    'assembly',
    'method',
    'quorum',
    'closes',
    'electorate',
    'amends',
    'effects',
  ],
  ballot: ['coop', 'proposal', 'choice', 'reason'],
  proxy: ['coop', 'assembly', 'to'],
  outcome: ['coop', 'proposal', 'ballots', 'proxies', 'result', 'counts'],
  limit: ['coop', 'decision', 'limit'],
  account: ['coop', 'name', 'kind', 'scope', 'stewards', 'threshold'],
  contribute: ['coop', 'account', 'amount', 'memo', 'balance'],
  spend: [
    'coop',
    'account',
    'accountSeq',
    'accountPrev',
    'to',
    'amount',
    'memo',
    'receipts',
    'decision',
    'rules',
    'approvals',
  ],
};

/** Most stewards of a collective account. */
export const MAX_STEWARDS = 50;

/** Most ids an outcome lists, and most voters a proposal's electorate names. */
export const MAX_LISTED = 10_000;

/** The largest quorum a proposal may ask for. */
const MAX_QUORUM = 1_000_000;

/** The largest denominator of a majority threshold. */
const MAX_DENOMINATOR = 1000;
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

/** A list of strings each passing `check`, sorted by code units, without repeats, bounded. */
function isSortedSet(value: unknown, check: (item: unknown) => boolean): value is string[] {
  if (!Array.isArray(value) || value.length > MAX_LISTED) return false;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!check(item)) return false;
    if (i > 0 && !((value[i - 1] as string) < (item as string))) return false;
  }
  return true;
}

function isMethod(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (value['kind']) {
    case 'consent':
    case 'consensus':
    case 'advice':
      return hasExactKeys(value, ['kind']);
    case 'majority': {
      if (!hasExactKeys(value, ['kind', 'num', 'den'])) return false;
      const { num, den } = value;
      // 0 < num/den ≤ 1.
      return isIntegerIn(den, 1, MAX_DENOMINATOR) && isIntegerIn(num, 1, den as number);
    }
    default:
      return false;
  }
}

const EFFECT_KEYS = new Set([
  'memberLimit',
  'defaultLimit',
  'revokes',
  'removeMember',
  'approvesBudget',
  'spend',
  'accountRules',
]);

function isEffects(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!EFFECT_KEYS.has(key)) return false;
  const { memberLimit, defaultLimit, revokes, removeMember } = value;
  if (memberLimit !== undefined) {
    if (!isPlainObject(memberLimit) || !hasExactKeys(memberLimit, ['member', 'limit']))
      return false;
    if (!isDidKey(memberLimit['member']) || !isIntegerIn(memberLimit['limit'], 0, MAX_AMOUNT))
      return false;
  }
  if (defaultLimit !== undefined && !isIntegerIn(defaultLimit, 0, MAX_AMOUNT)) return false;
  if (revokes !== undefined && !isId(revokes)) return false;
  if (removeMember !== undefined && !isDidKey(removeMember)) return false;
  if (value['approvesBudget'] !== undefined && !isText(value['approvesBudget'], 1, 64))
    return false;
  const spend = value['spend'];
  if (spend !== undefined) {
    if (!isPlainObject(spend) || !hasExactKeys(spend, ['account', 'to', 'amount'])) return false;
    if (!isId(spend['account']) || !isPayee(spend['to'])) return false;
    if (!isIntegerIn(spend['amount'], 1, MAX_AMOUNT)) return false;
  }
  const rules = value['accountRules'];
  if (rules !== undefined && !isAccountRules(rules)) return false;
  return true;
}

function isCounts(value: unknown): boolean {
  if (!isPlainObject(value) || !hasExactKeys(value, CHOICES)) return false;
  return CHOICES.every((choice) => isIntegerIn(value[choice], 0, MAX_LISTED));
}

/** Check 1 for the types of the governance extension (see {@link checkShape}). */
function isGovernanceShape(item: Record<string, unknown>): boolean {
  if (!isId(item['coop'])) return false;
  switch (item['type']) {
    case 'proposal': {
      const { title, text, scope, assembly, quorum, closes, electorate, amends } = item;
      return (
        isText(title, 1, 200) &&
        isText(text, 0, 10_000) &&
        isText(scope, 1, 80) &&
        isText(assembly, 0, 64) &&
        isMethod(item['method']) &&
        isIntegerIn(quorum, 0, MAX_QUORUM) &&
        typeof closes === 'string' &&
        TS_PATTERN.test(closes) &&
        (electorate === null || isSortedSet(electorate, isDidKey)) &&
        (amends === null || isId(amends)) &&
        isEffects(item['effects'])
      );
    }
    case 'ballot':
      return (
        isId(item['proposal']) &&
        (CHOICES as readonly unknown[]).includes(item['choice']) &&
        isText(item['reason'], 0, 1000)
      );
    case 'proxy':
      return isText(item['assembly'], 1, 64) && (item['to'] === null || isDidKey(item['to']));
    case 'outcome':
      return (
        isId(item['proposal']) &&
        isSortedSet(item['ballots'], isId) &&
        isSortedSet(item['proxies'], isId) &&
        (RESULTS as readonly unknown[]).includes(item['result']) &&
        isCounts(item['counts'])
      );
    case 'limit':
      return isId(item['decision']) && isIntegerIn(item['limit'], 0, MAX_AMOUNT);
    default:
      return false;
  }
}

/** A spend's payee: a member's did:key or an account's id. */
function isPayee(value: unknown): boolean {
  return isDidKey(value) || isId(value);
}

/** An account's stewards (sorted dids, 1–50, no repeats) and threshold (1 … their number). */
function isStewardsAndThreshold(stewards: unknown, threshold: unknown): boolean {
  return (
    isSortedSet(stewards, isDidKey) &&
    stewards.length >= 1 &&
    stewards.length <= MAX_STEWARDS &&
    isIntegerIn(threshold, 1, stewards.length)
  );
}

/** A decision's new rules for an account. */
function isAccountRules(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    hasExactKeys(value, ['account', 'stewards', 'threshold']) &&
    isId(value['account']) &&
    isStewardsAndThreshold(value['stewards'], value['threshold'])
  );
}

/** Approvals: an object of at most {@link MAX_STEWARDS} did:key → signature text. */
function isApprovals(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length > MAX_STEWARDS) return false;
  return keys.every((did) => isDidKey(did) && isSignatureText(value[did]));
}

/** Check 1 for the types of the collective-accounts extension (see {@link checkShape}). */
function isAccountsShape(item: Record<string, unknown>): boolean {
  if (!isId(item['coop'])) return false;
  switch (item['type']) {
    case 'account':
      return (
        isText(item['name'], 1, 80) &&
        (ACCOUNT_KINDS as readonly unknown[]).includes(item['kind']) &&
        isText(item['scope'], 1, 80) &&
        isStewardsAndThreshold(item['stewards'], item['threshold'])
      );
    case 'contribute':
      return (
        isId(item['account']) &&
        isIntegerIn(item['amount'], 1, MAX_AMOUNT) &&
        isText(item['memo'], 0, 280) &&
        isFormatInteger(item['balance'])
      );
    case 'spend': {
      const { accountSeq, accountPrev, decision } = item;
      return (
        isId(item['account']) &&
        isIntegerIn(accountSeq, 1, Number.MAX_SAFE_INTEGER) &&
        (accountSeq === 1 ? accountPrev === null : isId(accountPrev)) &&
        isPayee(item['to']) &&
        isIntegerIn(item['amount'], 1, MAX_AMOUNT) &&
        isText(item['memo'], 0, 280) &&
        isSortedSet(item['receipts'], isId) &&
        (decision === null || isId(decision)) &&
        (item['rules'] === null || isId(item['rules'])) &&
        isApprovals(item['approvals'])
      );
    }
    default:
      return false;
  }
}

/** Whether a type belongs to the governance extension. */
export function isGovernanceType(type: string): boolean {
  return (GOVERNANCE_ENTRY_TYPES as readonly string[]).includes(type);
}

/** Whether a type belongs to the collective-accounts extension. */
export function isAccountsType(type: string): boolean {
  return (ACCOUNT_ENTRY_TYPES as readonly string[]).includes(type);
}

/** Whether a type belongs to an extension of format v1 (gov/1 or acct/1). */
export function isExtensionType(type: string): boolean {
  return isGovernanceType(type) || isAccountsType(type);
}

/** Options of {@link checkShape}. */
export interface ShapeOptions {
  /**
   * Whether the extensions' types (gov/1, acct/1) are entries (default true); without them they
   * are malformed, as a verifier of format v1 alone sees them.
   */
  readonly extensions?: boolean;
}

/**
 * The item as a well-formed entry, or `null` when it is malformed (check 1): not an object of
 * the shape of its type, a field of the wrong type or range, bad id, signature, proof, did:key
 * or `ts` syntax, or a genesis or join that is not the first of its feed.
 */
export function checkShape(item: unknown, options: ShapeOptions = {}): Entry | null {
  if (!isPlainObject(item)) return null;
  const type = item['type'];
  if (typeof type !== 'string' || !Object.hasOwn(TYPE_FIELDS, type)) return null;
  if (options.extensions === false && isExtensionType(type)) return null;
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
    default:
      if (isGovernanceType(type)) {
        if (!isGovernanceShape(item)) return null;
      } else if (!isAccountsShape(item)) return null;
  }
  return item as unknown as Entry;
}
