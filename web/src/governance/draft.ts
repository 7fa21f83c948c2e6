import { isDidKey } from '@integrale/identity';
import {
  MAX_AMOUNT,
  codePointLength,
  isId,
  isTimestamp,
  validateMethod,
  validateQuorum,
} from '@integrale/ledger';
import type { ProposalField, ProposalInput } from '../app/runtime-governance.js';

/*
 * Whether a proposal draft can become a valid signed proposal: the format's bounds
 * (docs/protocol-governance.md §1) and the references it names (§2), checked before signing so a
 * member gets a reason instead of an entry that waits forever or is refused. Pure: what the
 * ledger knows comes in as functions.
 */

/** Most code points of a proposal's title, text, scope and assembly (the format's bounds). */
export const PROPOSAL_BOUNDS = { title: 200, text: 10_000, scope: 80, assembly: 64 } as const;

/** Most code points of a ballot's reason. */
export const MAX_REASON = 1_000;

/** Most voters a proposal's electorate may name. */
export const MAX_ELECTORATE = 10_000;

/** What the ledger knows, for the references a draft names. */
export interface DraftContext {
  isMember(did: string): boolean;
  /** Whether a valid proposal with this id is held. */
  isProposal(id: string): boolean;
  /** Whether a valid outcome with this id is held. */
  isOutcome(id: string): boolean;
}

function isTextIn(value: unknown, min: number, max: number): value is string {
  if (typeof value !== 'string' || value.length > max * 2) return false;
  const length = codePointLength(value);
  return length >= min && length <= max;
}

const isLimit = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT;

function effectsProblem(effects: unknown, context: DraftContext): boolean {
  if (typeof effects !== 'object' || effects === null || Array.isArray(effects)) return true;
  // `approvesBudget`: a budget's id (budgets are soft records: web/src/runtime/accounts.ts).
  const allowed = new Set([
    'memberLimit',
    'defaultLimit',
    'revokes',
    'removeMember',
    'approvesBudget',
    'accountRules',
  ]);
  const record = effects as Record<string, unknown>;
  if (Object.keys(record).some((key) => !allowed.has(key))) return true;
  const { memberLimit, defaultLimit, revokes, removeMember } = record;
  if (record['approvesBudget'] !== undefined && !isTextIn(record['approvesBudget'], 1, 64))
    return true;
  // `accountRules`: new stewards (members) and threshold for an account (acct/1).
  const rules = record['accountRules'];
  if (rules !== undefined) {
    if (typeof rules !== 'object' || rules === null) return true;
    const { account, stewards, threshold } = rules as Record<string, unknown>;
    if (Object.keys(rules).length !== 3 || typeof account !== 'string' || !isId(account))
      return true;
    if (!Array.isArray(stewards) || stewards.length < 1 || stewards.length > 50) return true;
    const sorted = [...stewards].sort();
    if (new Set(stewards).size !== stewards.length || sorted.some((d, i) => d !== stewards[i]))
      return true;
    if (!stewards.every((did) => typeof did === 'string' && context.isMember(did))) return true;
    if (!Number.isSafeInteger(threshold) || (threshold as number) < 1) return true;
    if ((threshold as number) > stewards.length) return true;
  }
  if (memberLimit !== undefined) {
    if (typeof memberLimit !== 'object' || memberLimit === null) return true;
    const { member, limit } = memberLimit as Record<string, unknown>;
    if (Object.keys(memberLimit).length !== 2) return true;
    if (typeof member !== 'string' || !context.isMember(member) || !isLimit(limit)) return true;
  }
  if (defaultLimit !== undefined && !isLimit(defaultLimit)) return true;
  if (revokes !== undefined && (typeof revokes !== 'string' || !context.isOutcome(revokes)))
    return true;
  if (
    removeMember !== undefined &&
    (typeof removeMember !== 'string' || !context.isMember(removeMember))
  )
    return true;
  return false;
}

/**
 * The first field of a draft that cannot make a valid proposal, or `null` when it can. Reads
 * untrusted values (a draft may come from another tab or a hand-edited form) without throwing.
 */
export function draftProblem(input: ProposalInput, context: DraftContext): ProposalField | null {
  if (typeof input !== 'object' || input === null) return 'title';
  const title = typeof input.title === 'string' ? input.title.trim() : input.title;
  if (!isTextIn(title, 1, PROPOSAL_BOUNDS.title)) return 'title';
  if (!isTextIn(input.text, 0, PROPOSAL_BOUNDS.text)) return 'text';
  if (!isTextIn(input.scope, 1, PROPOSAL_BOUNDS.scope)) return 'scope';
  if (!isTextIn(input.assembly, 0, PROPOSAL_BOUNDS.assembly)) return 'assembly';
  if (validateMethod(input.method) !== null) return 'method';
  if (validateQuorum(input.quorum) !== null) return 'quorum';
  if (!isTimestamp(input.closes)) return 'closes';
  const { electorate } = input;
  if (electorate !== null) {
    if (!Array.isArray(electorate) || electorate.length === 0) return 'electorate';
    if (electorate.length > MAX_ELECTORATE) return 'electorate';
    if (!electorate.every((did) => typeof did === 'string' && isDidKey(did))) return 'electorate';
    if (!electorate.every((did: string) => context.isMember(did))) return 'electorate';
  }
  if (input.amends !== null) {
    if (typeof input.amends !== 'string' || !isId(input.amends)) return 'amends';
    if (!context.isProposal(input.amends)) return 'amends';
  }
  if (effectsProblem(input.effects, context)) return 'effects';
  return null;
}

/** The draft as it will be signed: title trimmed, electorate sorted without repeats. */
export function normaliseDraft(input: ProposalInput): ProposalInput {
  const electorate =
    input.electorate === null
      ? null
      : [...new Set(input.electorate)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...input, title: input.title.trim(), electorate };
}
