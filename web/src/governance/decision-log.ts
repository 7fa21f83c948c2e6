import { stringify } from 'csv-stringify/browser/esm/sync';
import { CHOICES } from '@integrale/ledger';
import type { DecisionView } from '../app/runtime-governance.js';
import { neutraliseCell } from '../ledger/csv.js';

/*
 * The decision log's filtering and its CSV export. Titles and scopes are members' words: a cell a
 * spreadsheet would run as a formula is neutralised (see ledger/csv.ts), and every decision's
 * words are searched as plain text, never as a pattern.
 */

/** What the log shows: every scope, or one (`federation` or a circle's name). */
export interface DecisionFilter {
  /** `null` for every scope. */
  readonly scope: string | null;
  /** Words to find (case and accents ignored); blank for all. */
  readonly search: string;
}

/** Lower case without accents, for searching as people type. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every scope the decisions name, federation first, then circles by name. */
export function decisionScopes(decisions: readonly DecisionView[]): string[] {
  const scopes = new Set(decisions.map((d) => d.scope).filter((scope) => scope !== ''));
  const circles = [...scopes].filter((scope) => scope !== 'federation').sort();
  return scopes.has('federation') ? ['federation', ...circles] : circles;
}

/**
 * The decisions that match: in the scope, and holding every word of the search in their title,
 * scope, the names of the people they concern, or their ids.
 */
export function filterDecisions(
  decisions: readonly DecisionView[],
  filter: DecisionFilter,
  /** Extra words of a decision to search (its result, effects and closer, in words). */
  wordsOf: (decision: DecisionView) => readonly string[] = () => [],
): DecisionView[] {
  const words = foldText(filter.search).split(/\s+/).filter(Boolean);
  return decisions.filter((decision) => {
    if (filter.scope !== null && decision.scope !== filter.scope) return false;
    if (words.length === 0) return true;
    const haystack = foldText(
      [decision.title, decision.scope, decision.id, decision.proposal, ...wordsOf(decision)].join(
        '\n',
      ),
    );
    return words.every((word) => haystack.includes(word));
  });
}

/** The column titles, in the member's language. */
export interface DecisionCsvLabels {
  readonly date: string;
  readonly title: string;
  readonly scope: string;
  readonly method: string;
  readonly result: string;
  readonly counts: string;
  readonly state: string;
  readonly effects: string;
  readonly links: string;
  readonly id: string;
  readonly proposal: string;
}

/** How each decision's cells are worded (the screens' own describe functions). */
export interface DecisionCsvWords {
  readonly method: (decision: DecisionView) => string;
  readonly result: (decision: DecisionView) => string;
  readonly state: (decision: DecisionView) => string;
  readonly effects: (decision: DecisionView) => string;
  readonly links: (decision: DecisionView) => string;
}

/** Counts as a cell: `agree=2 disagree=0 …`, machine-readable whatever the language. */
export function countsCell(counts: DecisionView['counts']): string {
  return CHOICES.map((choice) => `${choice}=${counts[choice]}`).join(' ');
}

/** The decisions as CSV (RFC 4180, CRLF), one row per decision, in the order given. */
export function decisionsCsv(
  decisions: readonly DecisionView[],
  labels: DecisionCsvLabels,
  words: DecisionCsvWords,
): string {
  const header = [
    labels.date,
    labels.title,
    labels.scope,
    labels.method,
    labels.result,
    labels.counts,
    labels.state,
    labels.effects,
    labels.links,
    labels.id,
    labels.proposal,
  ];
  const rows = decisions.map((decision) => [
    decision.ts,
    decision.title,
    decision.scope,
    words.method(decision),
    words.result(decision),
    countsCell(decision.counts),
    words.state(decision),
    words.effects(decision),
    words.links(decision),
    decision.id,
    decision.proposal,
  ]);
  return stringify(
    [header, ...rows].map((row) => row.map(neutraliseCell)),
    {
      record_delimiter: 'windows',
      // As ledger/csv.ts: a lone LF or CR inside a cell must be quoted too.
      quoted_match: /[\r\n]/,
    },
  );
}
