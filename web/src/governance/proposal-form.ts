import {
  MAX_QUORUM,
  MAX_THRESHOLD_DENOMINATOR,
  codePointLength,
  formatTimestamp,
  type DecisionEffects,
  type MethodField,
} from '@integrale/ledger';
import type { ProposalInput, ProposalView } from '../app/runtime-governance.js';
import type { Locale } from '../i18n/catalog.js';
import { formatAmountForInput, parseAmount, type AmountInputProblem } from '../money.js';
import { PROPOSAL_BOUNDS } from './draft.js';

/*
 * The proposal form as typed, read into a draft the runtime signs. Pure: the clock, the currency
 * and the circles' members come in. Amounts are read exactly (money.ts), never as floats; the
 * closing time is the member's local date and time, written in UTC as the ledger's `ts`.
 */

/** The method kinds the form offers. */
export type MethodKind = MethodField['kind'];

/** The effect kinds the form offers (one per proposal: the common case, and simpler to read). */
export type EffectKind = 'none' | 'memberLimit' | 'defaultLimit' | 'revokes' | 'removeMember';

/** Majority thresholds offered at once. */
export const THRESHOLD_PRESETS = ['1/2', '2/3', '3/4'] as const;

/** What the form holds, as typed. */
export interface ProposalFormState {
  readonly title: string;
  readonly text: string;
  /** `federation` or a circle's name. */
  readonly scope: string;
  /** An assembly's id, or '' for none. */
  readonly assembly: string;
  readonly method: MethodKind;
  /** `num/den`, for a majority. */
  readonly threshold: string;
  readonly quorum: string;
  /** A `datetime-local` value (the member's local time), `YYYY-MM-DDTHH:mm`. */
  readonly closes: string;
  readonly electorate: 'everyone' | 'circle';
  readonly effect: EffectKind;
  readonly member: string;
  readonly limit: string;
  readonly decision: string;
  readonly hideResults: boolean;
  readonly amends: string | null;
}

/** What is wrong with a field, for the form to say. */
export interface ProposalFormErrors {
  readonly title?: 'empty' | 'too-long';
  readonly text?: 'too-long';
  readonly threshold?: 'invalid';
  readonly quorum?: 'invalid';
  readonly closes?: 'invalid' | 'past';
  readonly member?: 'missing';
  readonly limit?: AmountInputProblem;
  readonly decision?: 'missing';
}

/** What reading the form needs to know. */
export interface ProposalFormContext {
  readonly decimals: number;
  readonly locale: Locale;
  /** Milliseconds since 1970. */
  readonly now: number;
  /** The members of a circle (by name), or `null` for an unknown one. */
  readonly circleMembers: (scope: string) => readonly string[] | null;
}

/** The outcome of reading the form. */
export type ProposalFormResult =
  | { readonly ok: true; readonly input: ProposalInput }
  | { readonly ok: false; readonly errors: ProposalFormErrors };

/** A date as a `datetime-local` value in the local time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

const LOCAL_INPUT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?$/;

/** A `datetime-local` value read in the local time zone, or `null`. */
export function fromLocalInput(value: string): Date | null {
  if (typeof value !== 'string' || !LOCAL_INPUT.test(value)) return null;
  const date = new Date(value); // no zone: JavaScript reads it as local time
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The form for a new proposal: consent, quorum 1, closing in a week. */
export function emptyProposalForm(now: number): ProposalFormState {
  return {
    title: '',
    text: '',
    scope: 'federation',
    assembly: '',
    method: 'consent',
    threshold: '1/2',
    quorum: '1',
    closes: toLocalInput(new Date(now + 7 * 24 * 3600 * 1000)),
    electorate: 'everyone',
    effect: 'none',
    member: '',
    limit: '',
    decision: '',
    hideResults: false,
    amends: null,
  };
}

/** The form prefilled from a proposal, to amend it (the vote restarts on the amendment). */
export function amendmentForm(
  proposal: ProposalView,
  now: number,
  decimals: number,
  locale: Locale,
): ProposalFormState {
  const { effects, method } = proposal;
  const effect: EffectKind =
    effects.memberLimit !== undefined
      ? 'memberLimit'
      : effects.defaultLimit !== undefined
        ? 'defaultLimit'
        : effects.revokes !== undefined
          ? 'revokes'
          : effects.removeMember !== undefined
            ? 'removeMember'
            : 'none';
  const limit = effects.memberLimit?.limit ?? effects.defaultLimit;
  const closes = Date.parse(proposal.closes);
  return {
    ...emptyProposalForm(now),
    title: proposal.title,
    text: proposal.text,
    scope: proposal.scope,
    assembly: proposal.assembly,
    method: method.kind,
    threshold: method.kind === 'majority' ? `${method.num}/${method.den}` : '1/2',
    quorum: String(proposal.quorum),
    ...(closes > now ? { closes: toLocalInput(new Date(closes)) } : {}),
    electorate: proposal.electorate === null ? 'everyone' : 'circle',
    effect,
    member: effects.memberLimit?.member ?? effects.removeMember ?? '',
    limit: limit === undefined ? '' : formatAmountForInput(limit, decimals, locale),
    decision: effects.revokes ?? '',
    hideResults: proposal.hideResults,
    amends: proposal.id,
  };
}

function readThreshold(text: string): { num: number; den: number } | null {
  const match = /^\s*([0-9]{1,4})\s*\/\s*([0-9]{1,4})\s*$/.exec(text);
  if (match === null) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  if (den < 1 || den > MAX_THRESHOLD_DENOMINATOR || num < 1 || num > den) return null;
  return { num, den };
}

/** Reads the form into a draft, or says what is wrong with each field. Never throws. */
export function readProposalForm(
  form: ProposalFormState,
  context: ProposalFormContext,
): ProposalFormResult {
  const errors: { -readonly [K in keyof ProposalFormErrors]: ProposalFormErrors[K] } = {};
  const title = form.title.trim();
  if (title === '') errors.title = 'empty';
  else if (codePointLength(title) > PROPOSAL_BOUNDS.title) errors.title = 'too-long';
  if (codePointLength(form.text) > PROPOSAL_BOUNDS.text) errors.text = 'too-long';

  let method: MethodField = { kind: 'consent' };
  if (form.method === 'majority') {
    const threshold = readThreshold(form.threshold);
    if (threshold === null) errors.threshold = 'invalid';
    else method = { kind: 'majority', ...threshold };
  } else {
    method = { kind: form.method };
  }

  const quorumText = form.quorum.trim();
  const quorum = /^[0-9]{1,7}$/.test(quorumText) ? Number(quorumText) : NaN;
  if (!(quorum >= 0 && quorum <= MAX_QUORUM)) errors.quorum = 'invalid';

  const closesAt = fromLocalInput(form.closes);
  if (closesAt === null) errors.closes = 'invalid';
  else if (closesAt.getTime() <= context.now) errors.closes = 'past';

  let effects: DecisionEffects = {};
  const readLimit = (): number | null => {
    const parsed = parseAmount(form.limit, context.decimals, {
      locale: context.locale,
      allowZero: true,
    });
    if (parsed.ok) return parsed.minor;
    errors.limit = parsed.reason;
    return null;
  };
  switch (form.effect) {
    case 'memberLimit': {
      if (form.member === '') errors.member = 'missing';
      const limit = readLimit();
      if (limit !== null && form.member !== '')
        effects = { memberLimit: { member: form.member, limit } };
      break;
    }
    case 'defaultLimit': {
      const limit = readLimit();
      if (limit !== null) effects = { defaultLimit: limit };
      break;
    }
    case 'revokes':
      if (form.decision === '') errors.decision = 'missing';
      else effects = { revokes: form.decision };
      break;
    case 'removeMember':
      if (form.member === '') errors.member = 'missing';
      else effects = { removeMember: form.member };
      break;
    case 'none':
      break;
  }

  if (Object.keys(errors).length > 0 || closesAt === null) return { ok: false, errors };
  const electorate =
    form.electorate === 'circle' && form.scope !== 'federation'
      ? (context.circleMembers(form.scope) ?? [])
      : null;
  return {
    ok: true,
    input: {
      title,
      text: form.text,
      scope: form.scope,
      assembly: form.assembly,
      method,
      quorum,
      closes: formatTimestamp(closesAt),
      electorate,
      amends: form.amends,
      effects,
      hideResults: form.hideResults,
    },
  };
}
