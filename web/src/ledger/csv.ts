import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Currency } from '@integrale/ledger';
import { formatAmountForInput } from '../money.js';
import type { Statement } from './statement.js';

/*
 * A statement as CSV (RFC 4180: comma-separated, CRLF, quoted where needed — csv-stringify does
 * the quoting). Memos and names are other people's words: a cell a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) is neutralised with a leading
 * apostrophe, as OWASP advises. Amounts are written by this module, never from user text: plain
 * digits with a point and an ASCII minus ("-12.50"), so a spreadsheet reads them as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The column titles and row labels, in the member's language. */
export interface StatementCsvLabels {
  readonly date: string;
  readonly counterparty: string;
  readonly memo: string;
  readonly amount: string;
  readonly balance: string;
  readonly opening: string;
  readonly closing: string;
}

/** Options of {@link statementCsv}. */
export interface StatementCsvInit {
  readonly currency: Pick<Currency, 'decimals'>;
  readonly labels: StatementCsvLabels;
  /** The name a member is shown by. */
  readonly nameOf: (did: string) => string;
}

/** An amount for a CSV cell: exact, machine-readable. */
export function csvAmount(minor: number | bigint, decimals: number): string {
  return formatAmountForInput(minor, decimals, 'en');
}

/**
 * The statement as CSV text: a header row, the opening balance, one row per movement (date,
 * other member, memo, amount, balance after), the closing balance.
 */
export function statementCsv(statement: Statement, init: StatementCsvInit): string {
  const { labels, currency, nameOf } = init;
  const decimals = currency.decimals;
  const rows: string[][] = [
    [labels.date, labels.counterparty, labels.memo, labels.amount, labels.balance].map(
      neutraliseCell,
    ),
    [
      statement.period.from,
      neutraliseCell(labels.opening),
      '',
      '',
      csvAmount(statement.opening, decimals),
    ],
  ];
  for (const line of statement.lines) {
    rows.push([
      neutraliseCell(line.ts),
      neutraliseCell(nameOf(line.counterparty)),
      neutraliseCell(line.memo),
      csvAmount(line.amount, decimals),
      csvAmount(line.balance, decimals),
    ]);
  }
  rows.push([
    statement.period.to,
    neutraliseCell(labels.closing),
    '',
    '',
    csvAmount(statement.closing, decimals),
  ]);
  return stringify(rows, {
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR,
    // which readers would take as the end of a record.
    quoted_match: /[\r\n]/,
  });
}
