import { ImmutableString, type DocHandle } from '@automerge/automerge-repo';
import type { KeyPair } from '@integrale/identity';
import { MAX_AMOUNT, isId } from '@integrale/ledger';
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
 * Budgets of collective accounts (docs/protocol-accounts.md §4: soft data). A budget is a record
 * signed by the member who wrote it, carried in the root document's `budgets` map under its id —
 * the SHA-256 of its canonical text, 64 characters, which is what a decision's
 * `effects.approvesBudget` names. A budget is therefore immutable: the decision approves exactly
 * the lines it saw, and a revised budget is a new record that needs its own decision.
 *
 * Actual income and spending are never read from the budget: they are the ledger's valid
 * contributions and spends of the account whose memo carries a line's marker
 * (`[budget:<budget id>/<line id>]`, as payment requests use `[request:<id>]`).
 */

/** Prefix of the bytes a member signs for a budget (never valid as a ledger entry). */
export const BUDGET_SIGNING_PREFIX = 'integrale/v1/budget\n';

/** Bounds of a budget (code points, counts). */
export const BUDGET_LIMITS = {
  title: 120,
  label: 120,
  lines: 100,
} as const;

/** A line's id: short, so that the marker fits in a memo with words around it. */
const LINE_ID = /^[0-9a-z-]{1,16}$/;
const DAY = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** One line of a budget: planned income or spending, in minor units. */
export interface BudgetLine {
  /** 1–16 of `0-9 a-z -`, unique in the budget. */
  readonly id: string;
  /** 1–120 characters. */
  readonly label: string;
  readonly kind: 'income' | 'spending';
  /** Minor units, 0 … 10^12. */
  readonly planned: number;
}

/** A budget for one collective account over a period, signed by its author. */
export interface BudgetRecord extends SignedRecordBase {
  readonly type: 'budget';
  /** The collective account's id. */
  readonly account: string;
  /** 1–120 characters. */
  readonly title: string;
  /** First and last day of the period, `YYYY-MM-DD`, `from` ≤ `to`. */
  readonly from: string;
  readonly to: string;
  /** 1–100 lines, ids unique. */
  readonly lines: readonly BudgetLine[];
}

const BUDGET_FIELDS = [
  'v',
  'type',
  'coop',
  'author',
  'account',
  'title',
  'from',
  'to',
  'lines',
  'ts',
  'sig',
];
const LINE_FIELDS = ['id', 'label', 'kind', 'planned'];

function isLine(value: unknown): value is BudgetLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const line = value as Record<string, unknown>;
  if (!hasExactFields(line, LINE_FIELDS)) return false;
  if (typeof line['id'] !== 'string' || !LINE_ID.test(line['id'])) return false;
  if (!isBoundedText(line['label'], 1, BUDGET_LIMITS.label)) return false;
  if (line['kind'] !== 'income' && line['kind'] !== 'spending') return false;
  const planned = line['planned'];
  return (
    typeof planned === 'number' &&
    Number.isSafeInteger(planned) &&
    planned >= 0 &&
    planned <= MAX_AMOUNT
  );
}

/** Whether `value` is a day `YYYY-MM-DD` that exists in the calendar. */
export function isBudgetDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The record if `value` has the exact shape of a budget, else `null`. */
function budgetShape(value: unknown): BudgetRecord | null {
  const record = baseShape(value);
  if (record === null || record['type'] !== 'budget') return null;
  if (!hasExactFields(record, BUDGET_FIELDS)) return null;
  if (typeof record['account'] !== 'string' || !isId(record['account'])) return null;
  if (!isBoundedText(record['title'], 1, BUDGET_LIMITS.title)) return null;
  if (!isBudgetDay(record['from']) || !isBudgetDay(record['to'])) return null;
  if (record['from'] > record['to']) return null;
  const lines = record['lines'];
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > BUDGET_LIMITS.lines) return null;
  const ids = new Set<string>();
  for (const line of lines) {
    if (!isLine(line) || ids.has(line.id)) return null;
    ids.add(line.id);
  }
  return record as unknown as BudgetRecord;
}

/** How budgets are checked (for {@link createRecordBook} and `checkSignedRecord`). */
export const BUDGET_RECORDS: RecordFamily<BudgetRecord> = {
  prefix: BUDGET_SIGNING_PREFIX,
  shape: budgetShape,
};

/** Creates a {@link RecordBook} of budgets for one cooperative. */
export function createBudgetBook(
  init: Omit<Parameters<typeof createRecordBook>[0], 'family'>,
): RecordBook<BudgetRecord> {
  return createRecordBook({ ...init, family: BUDGET_RECORDS });
}

/** What a member writes in a budget. */
export interface BudgetDraft {
  readonly account: string;
  readonly title: string;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly BudgetLine[];
}

/** Why a draft cannot make a budget. */
export type BudgetProblem = 'account' | 'title' | 'period' | 'lines';

/** The first problem of a draft (untrusted input), or `null`. */
export function budgetDraftProblem(draft: BudgetDraft): BudgetProblem | null {
  if (typeof draft.account !== 'string' || !isId(draft.account)) return 'account';
  if (!isBoundedText(draft.title, 1, BUDGET_LIMITS.title)) return 'title';
  if (!isBudgetDay(draft.from) || !isBudgetDay(draft.to) || draft.from > draft.to) return 'period';
  if (!Array.isArray(draft.lines) || draft.lines.length < 1) return 'lines';
  if (draft.lines.length > BUDGET_LIMITS.lines) return 'lines';
  const ids = new Set<string>();
  for (const line of draft.lines) {
    if (!isLine(line) || ids.has(line.id)) return 'lines';
    ids.add(line.id);
  }
  return null;
}

/** Signs a budget; throws a RangeError on a draft {@link budgetDraftProblem} refuses. */
export function createBudget(
  author: KeyPair,
  fields: BudgetDraft & { readonly coop: string; readonly ts: string },
): BudgetRecord {
  const problem = budgetDraftProblem(fields);
  if (problem !== null) throw new RangeError(`a budget with an impossible ${problem}`);
  return signRecord<BudgetRecord>(author, BUDGET_SIGNING_PREFIX, {
    v: 1,
    type: 'budget',
    coop: fields.coop,
    author: author.did,
    account: fields.account,
    title: fields.title,
    from: fields.from,
    to: fields.to,
    lines: fields.lines.map(({ id, label, kind, planned }) => ({ id, label, kind, planned })),
    ts: fields.ts,
  });
}

/** The part of the root document this module writes. */
export interface BudgetsDoc {
  budgets?: Record<string, ImmutableString>;
}

/**
 * Writes a budget under its id (its budget id); returns that id. The map is made at founding
 * (cooperative-peer.ts); a cooperative founded before budgets existed gets it here, lazily — two
 * members writing their first budgets at the same moment could then make two maps, and
 * Automerge would keep one: the other budget would have to be written again.
 */
export function writeBudget(handle: DocHandle<BudgetsDoc>, record: BudgetRecord): string {
  const { id, text } = carrierOf(record);
  handle.change((doc) => {
    doc.budgets ??= {};
    doc.budgets[id] = text;
  });
  return id;
}

/** The marker a movement's memo carries to count for a budget's line. */
export function budgetMarker(budget: string, line: string): string {
  return `[budget:${budget}/${line}]`;
}

const MARKER = /\[budget:([0-9a-f]{64})\/([0-9a-z-]{1,16})\]/;

/** The budget line a memo names (its first marker), or `null`. */
export function budgetLineInMemo(memo: string): { budget: string; line: string } | null {
  const found = MARKER.exec(memo);
  return found === null ? null : { budget: found[1]!, line: found[2]! };
}

/** A memo with a line's marker at its end (the words shortened if the whole would not fit). */
export function budgetMemo(memo: string, budget: string, line: string, max = 280): string {
  const marker = budgetMarker(budget, line);
  const room = max - marker.length - 1;
  const words = [...memo].slice(0, Math.max(0, room)).join('').trim();
  return words === '' ? marker : `${words} ${marker}`;
}
