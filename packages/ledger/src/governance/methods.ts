/*
 * The decision methods of an assembly (issue 5) and the checks on a proposal's counting rules.
 * Pure data in, data out: the shape check of a proposal entry and the tally both rely on these,
 * so a method a peer would reject is never counted by another.
 */
import { CHOICES, type Choice, type MethodField } from '../entry.js';

/**
 * How a proposal is decided, as the proposal entry names it:
 * - `consent`: passes unless someone objects (an objection is a `block`, with its reason);
 * - `consensus`: everyone agrees or stands aside; one `block` (with its reason) stops it;
 * - `majority`: adopted when at least `num`/`den` of the agree and disagree votes agree
 *   (abstentions do not count either way; a tie never passes);
 * - `advice`: the members advise, the proposer decides (the counts are advice only).
 */
export type DecisionMethod = MethodField;

/** The kinds of decision method, for exhaustive tables (translations, pickers). */
export const DECISION_METHOD_KINDS = ['consent', 'consensus', 'majority', 'advice'] as const;
export type DecisionMethodKind = (typeof DECISION_METHOD_KINDS)[number];

/** The largest denominator of a majority threshold (thresholds are small fractions: 2/3, 3/4). */
export const MAX_THRESHOLD_DENOMINATOR = 1000;

/** The largest quorum a proposal may ask for (far above any cooperative's size). */
export const MAX_QUORUM = 1_000_000;

/**
 * What makes a decision's rules unusable, as data (the UI words it):
 * `unknown-method` (not an object, an unknown kind, or a field the kind does not have),
 * `bad-threshold` (a majority's num/den not integers with 1 ≤ num ≤ den ≤ 1000),
 * `bad-quorum` (not an integer 0 … 1 000 000),
 * `bad-closing-time` (not in the ledger's `ts` format).
 */
export type RulesProblem = 'unknown-method' | 'bad-threshold' | 'bad-quorum' | 'bad-closing-time';

/**
 * The choices each method counts. `consent` is agree (consent) or block (objection); `advice`
 * has no block: advice cannot stop a decision the proposer takes, a strong concern is a
 * `disagree` with its reason. An unknown method counts no choice at all.
 */
const ALLOWED: Readonly<Record<DecisionMethodKind, readonly Choice[]>> = {
  consent: ['agree', 'block'],
  consensus: ['agree', 'stand-aside', 'block'],
  majority: ['agree', 'disagree', 'abstain'],
  advice: ['agree', 'disagree', 'abstain'],
};

/** Whether a value is one of the five ballot choices. */
export function isChoice(value: unknown): value is Choice {
  return (CHOICES as readonly unknown[]).includes(value);
}

function isKind(value: unknown): value is DecisionMethodKind {
  return (DECISION_METHOD_KINDS as readonly unknown[]).includes(value);
}

/** The choices a ballot may carry under `method`, in {@link CHOICES} order; none if unusable. */
export function allowedChoices(method: unknown): readonly Choice[] {
  if (validateMethod(method) !== null) return [];
  return ALLOWED[(method as DecisionMethod).kind];
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Checks a decision method from untrusted data: `null` when usable, else the problem. A majority
 * threshold is a fraction num/den with 0 < num/den ≤ 1 in integers, den ≤ 1000, so the tally
 * compares `agree × den ≥ num × (agree + disagree)` exactly, in integers, never in floats.
 */
export function validateMethod(method: unknown): RulesProblem | null {
  if (!isPlainRecord(method) || !isKind(method['kind'])) return 'unknown-method';
  const keys = Object.keys(method);
  if (method['kind'] !== 'majority') return keys.length === 1 ? null : 'unknown-method';
  if (keys.length !== 3 || !('num' in method) || !('den' in method)) return 'unknown-method';
  const { num, den } = method;
  if (!isIntegerIn(den, 1, MAX_THRESHOLD_DENOMINATOR) || !isIntegerIn(num, 1, den)) {
    return 'bad-threshold';
  }
  return null;
}

/** Checks a quorum (the fewest members who must take part, proxies included): 0 … 1 000 000. */
export function validateQuorum(quorum: unknown): RulesProblem | null {
  return isIntegerIn(quorum, 0, MAX_QUORUM) ? null : 'bad-quorum';
}

/** The ledger's `ts` format: UTC to the millisecond; in it, text order is time order. */
export const TIMESTAMP_PATTERN =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/** Whether a value is a timestamp in the ledger's `ts` format (pattern only, as the spec says). */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP_PATTERN.test(value);
}

/** Checks a closing time: a timestamp in the ledger's `ts` format. */
export function validateClosingTime(closes: unknown): RulesProblem | null {
  return isTimestamp(closes) ? null : 'bad-closing-time';
}
