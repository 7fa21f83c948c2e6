import { codePointLength, type EntryStatus, type MemberInfo } from '@integrale/ledger';
import type { Locale } from '../i18n/catalog.js';
import { describeAmountProblem } from '../i18n/describe.js';
import type { Translator } from '../i18n/translator.js';
import { MAX_INPUT_MINOR_UNITS, formatAmount, parseAmount } from '../money.js';
import {
  MAX_MEMO_LENGTH,
  type FoundProblem,
  type FoundRequest,
  type InviteProblem,
  type JoinProblem,
  type LedgerEntryView,
} from './runtime.js';

/*
 * What the screens decide, apart from how they draw it: reading forms, searching members and
 * putting runtime reason codes into words. Pure, so it is tested without a DOM.
 */

type T = Pick<Translator, 't'>;

function unreachable(value: never): never {
  throw new Error(`no sentence for ${String(value)}`);
}

/** Longest cooperative or member name (the ledger's bound). */
export const MAX_NAME_LENGTH = 80;
/** Longest currency name. */
export const MAX_CURRENCY_NAME_LENGTH = 40;

/** What the create form holds, as typed. */
export interface FoundFormInput {
  readonly name: string;
  /** The founder's own name (the genesis names only the cooperative). */
  readonly founderName: string;
  readonly code: string;
  readonly currencyName: string;
  readonly decimals: string;
  readonly creditLimit: string;
}

/** The fields of the create form. */
export type FoundField = keyof FoundFormInput;

/** The create form read: the request, or a sentence per field that is wrong. */
export type FoundFormResult =
  | { readonly ok: true; readonly request: FoundRequest }
  | { readonly ok: false; readonly errors: Partial<Record<FoundField, string>> };

const length = (text: string) => [...text].length;

/** Reads the create form; the credit limit is typed in currency units (0 allowed). */
export function readFoundForm(i18n: T, input: FoundFormInput, locale: Locale): FoundFormResult {
  const errors: Partial<Record<FoundField, string>> = {};
  const name = input.name.trim();
  if (name === '') errors.name = i18n.t('create.nameEmpty');
  else if (length(name) > MAX_NAME_LENGTH) errors.name = i18n.t('create.nameTooLong');
  const founderName = readFounderName(i18n, input.founderName);
  if (!founderName.ok) errors.founderName = founderName.error;
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,8}$/.test(code)) errors.code = i18n.t('create.codeInvalid');
  const currencyName = input.currencyName.trim();
  if (currencyName === '' || length(currencyName) > MAX_CURRENCY_NAME_LENGTH) {
    errors.currencyName = i18n.t('create.currencyNameInvalid');
  }
  const decimalsText = input.decimals.trim();
  const decimals = /^[0-4]$/.test(decimalsText) ? Number(decimalsText) : -1;
  if (decimals < 0) errors.decimals = i18n.t('create.decimalsInvalid');
  let creditLimit = 0;
  if (decimals >= 0) {
    const parsed = parseAmount(input.creditLimit, decimals, { locale, allowZero: true });
    if (parsed.ok) creditLimit = parsed.minor;
    else {
      const max = formatAmount(MAX_INPUT_MINOR_UNITS, { code: code || '', decimals }, locale);
      errors.creditLimit = describeAmountProblem(i18n, parsed.reason, decimals, max);
    }
  }
  if (Object.keys(errors).length > 0 || !founderName.ok) return { ok: false, errors };
  return {
    ok: true,
    request: {
      name,
      founderName: founderName.name,
      currency: { code, name: currencyName, decimals },
      creditLimit,
    },
  };
}

/**
 * The founder's name as typed: trimmed, 1–80 characters, and no lone surrogate (a half of an
 * emoji, as a bad paste leaves it: the signed profile could not carry it).
 */
export function readFounderName(
  i18n: T,
  text: string,
): { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: string } {
  const name = text.trim();
  if (name === '') return { ok: false, error: i18n.t('profiles.founderNameEmpty') };
  const count = codePointLength(name);
  if (count < 0) return { ok: false, error: i18n.t('profiles.founderNameInvalid') };
  if (count > MAX_NAME_LENGTH) {
    return { ok: false, error: i18n.t('profiles.founderNameTooLong') };
  }
  return { ok: true, name };
}

/** Why founding did not happen. */
export function describeFoundProblem(i18n: T, reason: FoundProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('create.notReady');
    case 'already-member':
      return i18n.t('create.alreadyMember');
    case 'invalid-details':
      return i18n.t('create.invalidDetails');
    default:
      return unreachable(reason);
  }
}

/** Why a join did not happen. */
export function describeJoinProblem(i18n: T, reason: JoinProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('joinProblem.notReady');
    case 'already-member':
      return i18n.t('joinProblem.alreadyMember');
    case 'invalid-link':
    case 'malformed':
      return i18n.t('joinProblem.invalidLink');
    case 'expired':
      return i18n.t('invitation.expired');
    case 'invalid-name':
      return i18n.t('joinProblem.invalidName');
    case 'busy':
      return i18n.t('joinProblem.busy');
    case 'cancelled':
      return i18n.t('joinProblem.cancelled');
    case 'invite-used':
      return i18n.t('joinProblem.inviteUsed');
    case 'bad-proof':
      return i18n.t('joinProblem.badProof');
    default:
      return unreachable(reason);
  }
}

/** Lower case without accents, for searching names. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * Members a payer may pick: everyone but `self` whose name contains the query (ignoring case
 * and accents), sorted by name. A member with no name (a founder without a profile) goes by
 * `unnamed`, the label the screens show for them. An empty query gives them all.
 */
export function memberSearch(
  members: readonly MemberInfo[],
  query: string,
  self: string | null,
  unnamed = '',
): MemberInfo[] {
  const wanted = fold(query);
  const shown = (member: MemberInfo) => member.name ?? unnamed;
  return members
    .filter((member) => member.did !== self)
    .filter((member) => wanted === '' || fold(shown(member)).includes(wanted))
    .sort((a, b) => shown(a).localeCompare(shown(b)));
}

/** The name a member is shown by (the founder has none in the ledger). */
export function memberName(i18n: T, members: readonly MemberInfo[], did: string): string {
  const member = members.find((m) => m.did === did);
  if (member === undefined) return i18n.t('members.unknown');
  return member.name ?? i18n.t('members.founderName');
}

/** An entry's verdict in words: a short label and, unless valid, why. */
export interface EntryStateText {
  readonly state: EntryStatus['state'];
  readonly label: string;
  readonly reason: string | null;
}

/** What this device made of an entry, in plain words. */
export function describeEntryState(i18n: T, status: EntryStatus): EntryStateText {
  switch (status.state) {
    case 'valid':
      return { state: 'valid', label: i18n.t('entry.valid'), reason: null };
    case 'pending':
      return {
        state: 'pending',
        label: i18n.t('entry.pending'),
        reason:
          status.reason === 'missing-member'
            ? i18n.t('entry.waitingMember')
            : i18n.t('entry.waitingEntry'),
      };
    case 'invalid':
      return {
        state: 'invalid',
        label: i18n.t('entry.rejected'),
        reason: invalidReason(i18n, status.reason),
      };
    default:
      return unreachable(status);
  }
}

function invalidReason(
  i18n: T,
  reason: Extract<EntryStatus, { state: 'invalid' }>['reason'],
): string {
  switch (reason) {
    case 'malformed':
    case 'wrong-coop':
    case 'bad-reference':
      return i18n.t('entry.malformed');
    case 'bad-signature':
    case 'bad-proof':
      return i18n.t('entry.badSignature');
    case 'bad-prev':
    case 'invalid-prev':
      return i18n.t('entry.badPrev');
    case 'invite-used':
      return i18n.t('entry.inviteUsed');
    case 'self-pay':
      return i18n.t('entry.selfPay');
    case 'bad-balance':
      return i18n.t('entry.badBalance');
    case 'over-limit':
      return i18n.t('entry.overLimit');
    case 'not-payee':
      return i18n.t('entry.notPayee');
    case 'double-accept':
      return i18n.t('entry.doubleAccept');
    case 'bad-outcome':
      return i18n.t('decision.badOutcome');
    case 'not-proposer':
      return i18n.t('decision.notProposer');
    case 'not-adopted':
      return i18n.t('decision.notAdopted');
    case 'bad-limit':
      return i18n.t('decision.badLimit');
    case 'not-steward':
      return i18n.t('account.notSteward');
    case 'not-approved':
      return i18n.t('account.notApproved');
    case 'bad-account-prev':
      return i18n.t('account.badPrev');
    case 'double-receipt':
      return i18n.t('account.doubleReceipt');
    case 'overdrawn':
      return i18n.t('account.overdrawn');
    case 'bad-rules':
      return i18n.t('account.badRules');
    default:
      return unreachable(reason);
  }
}

/** What the pay form holds, as typed, and the payee picked. */
export interface PayFormInput {
  readonly to: string | null;
  readonly amount: string;
  readonly memo: string;
}

/** The pay form read: the amount in minor units, or the sentence per wrong field. */
export type PayFormResult =
  | { readonly ok: true; readonly to: string; readonly amount: number; readonly memo: string }
  | { readonly ok: false; readonly errors: Partial<Record<keyof PayFormInput, string>> };

/** Reads the pay form for a currency. */
export function readPayForm(
  i18n: T,
  input: PayFormInput,
  currency: { readonly code: string; readonly decimals: number },
  locale: Locale,
): PayFormResult {
  const errors: Partial<Record<keyof PayFormInput, string>> = {};
  if (input.to === null) errors.to = i18n.t('pay.pickPayee');
  const parsed = parseAmount(input.amount, currency.decimals, { locale });
  if (!parsed.ok) {
    const max = formatAmount(MAX_INPUT_MINOR_UNITS, currency, locale);
    errors.amount = describeAmountProblem(i18n, parsed.reason, currency.decimals, max);
  }
  const memo = input.memo.trim();
  if (length(memo) > MAX_MEMO_LENGTH) errors.memo = i18n.t('pay.memoTooLong');
  if (input.to === null || !parsed.ok || errors.memo !== undefined) return { ok: false, errors };
  return { ok: true, to: input.to, amount: parsed.minor, memo };
}

/** Whether an entry moved money into (+) or out of (−) `self`'s account, else 0. */
export function entryDirection(entry: LedgerEntryView, self: string | null): -1 | 0 | 1 {
  if (entry.pay === undefined || self === null) return 0;
  if (entry.author === self) return -1;
  if (entry.pay.to === self) return 1;
  return 0;
}

const JOIN_PROBLEMS: readonly JoinProblem[] = [
  'not-ready',
  'already-member',
  'invalid-link',
  'expired',
  'invalid-name',
  'busy',
  'cancelled',
  'invite-used',
  'bad-proof',
  'malformed',
];

/** A member's device's last refusal in words, when it is a reason the app knows; else `null`. */
export function describeRefusal(i18n: T, refusal: string | null): string | null {
  const known = JOIN_PROBLEMS.find((reason) => reason === refusal);
  return known === undefined ? null : describeJoinProblem(i18n, known);
}

/** The newcomer's name as typed: trimmed, or why it cannot be used. */
export function readMemberName(
  i18n: T,
  text: string,
): { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: string } {
  const name = text.trim();
  if (name === '') return { ok: false, error: i18n.t('join.nameEmpty') };
  if (length(name) > MAX_NAME_LENGTH)
    return { ok: false, error: i18n.t('joinProblem.invalidName') };
  return { ok: true, name };
}

/** Why no invitation was made. */
export function describeInviteProblem(i18n: T, reason: InviteProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('members.inviteNotReady');
    case 'not-member':
      return i18n.t('members.inviteNotMember');
    case 'no-relay':
      return i18n.t('members.inviteNoRelay');
    default:
      return unreachable(reason);
  }
}
