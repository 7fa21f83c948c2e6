import { stringify } from 'csv-stringify/browser/esm/sync';
import { csvAmount, neutraliseCell } from '../ledger/csv.js';

/*
 * The dashboard's tables as CSV, with the statement's rules (ledger/csv.ts): RFC 4180 with CRLF,
 * every text cell neutralised against spreadsheet formulas (names, titles and memos are other
 * people's words), amounts written by this module only — digits, a point, an ASCII minus.
 */

/** A cell: a text (neutralised) or an amount in minor units (written exactly). */
export type CsvCell = string | { readonly amount: number | bigint };

/** A table as CSV text: the header row, then each row. */
export function tableCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  decimals: number,
): string {
  const cell = (value: CsvCell): string =>
    typeof value === 'string' ? neutraliseCell(value) : csvAmount(value.amount, decimals);
  return stringify([header.map(neutraliseCell), ...rows.map((row) => row.map(cell))], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}
