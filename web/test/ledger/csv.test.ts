import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvAmount, neutraliseCell, statementCsv } from '../../src/ledger/csv.js';
import { buildStatement, type Movement } from '../../src/ledger/statement.js';

/**
 * A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes. It
 * throws on anything malformed (a quote inside an unquoted field, text after a closing quote).
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) {
        if (text[i] === '"' || text[i] === '\n' || text[i] === '\r') {
          throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        }
        field += text[i];
        i += 1;
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
      continue;
    }
    if (i === text.length) {
      rows.push(row);
      return rows;
    }
    throw new Error(`text after a closing quote at ${i}`);
  }
}

const LABELS = {
  date: 'Date',
  counterparty: 'Membre',
  memo: 'Message',
  amount: 'Montant',
  balance: 'Solde',
  opening: 'Solde d’ouverture',
  closing: 'Solde de clôture',
};

const HOSTILE_MEMOS = [
  'panier, légumes',
  'il a dit "bonjour"',
  'ligne 1\nligne 2',
  'ligne 1\r\nligne 2\r',
  "=cmd|' /C calc'!A0",
  '+33 6 12 34 56 78',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '"=1+1"',
  ',=1+1',
  '',
  '😀 ü ß 中文',
];

function statementOf(memos: readonly string[], names: (did: string) => string = () => 'Bob') {
  const movements: Movement[] = memos.map((memo, i) => ({
    id: String(i).padStart(64, '0'),
    ts: `2026-03-0${(i % 9) + 1}T12:00:00.000Z`,
    amount: i % 2 === 0 ? -(i + 1) * 125 : (i + 1) * 1_000,
    counterparty: `did:key:z${i}`,
    memo,
  }));
  const statement = buildStatement(movements, { from: '2026-03-01', to: '2026-03-31' });
  const csv = statementCsv(statement, {
    currency: { decimals: 2 },
    labels: LABELS,
    nameOf: names,
  });
  return { statement, csv };
}

describe('a statement as CSV', () => {
  it('is well-formed and keeps every hostile memo, neutralised where a spreadsheet would run it', () => {
    const { statement, csv } = statementOf(HOSTILE_MEMOS);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(statement.lines.length + 3);
    expect(rows.every((row) => row.length === 5)).toBe(true);
    expect(rows[0]).toStrictEqual(['Date', 'Membre', 'Message', 'Montant', 'Solde']);
    const memos = rows.slice(2, -1).map((row) => row[2]);
    expect(memos).toStrictEqual(statement.lines.map((line) => neutraliseCell(line.memo)));
    for (const row of rows.slice(2, -1)) {
      expect(row[2]).not.toMatch(/^[=+\-@\t\r]/);
      expect(row[1]).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(memos).toContain("'=cmd|' /C calc'!A0");
    expect(memos).toContain('ligne 1\nligne 2');
  });

  it('writes amounts and balances as exact plain numbers a spreadsheet reads', () => {
    const { statement, csv } = statementOf(['a', 'b', 'c']);
    const rows = parseCsv(csv);
    expect(rows[1]).toStrictEqual(['2026-03-01', 'Solde d’ouverture', '', '', '0.00']);
    expect(rows[2]?.slice(3)).toStrictEqual(['-1.25', '-1.25']);
    expect(rows[3]?.slice(3)).toStrictEqual(['20.00', '18.75']);
    expect(rows.at(-1)).toStrictEqual([
      '2026-03-31',
      'Solde de clôture',
      '',
      '',
      csvAmount(statement.closing, 2),
    ]);
    expect(csvAmount(123_456_789_012_345n, 4)).toBe('12345678901.2345');
  });

  it('neutralises hostile member names too', () => {
    const { csv } = statementOf(['x'], () => '=HYPERLINK("http://evil")');
    expect(parseCsv(csv)[2]?.[1]).toBe('\'=HYPERLINK("http://evil")');
  });

  it('stays well-formed whatever the memos and names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 12 }),
        fc.string(),
        (memos, name) => {
          const { statement, csv } = statementOf(memos, () => name);
          const rows = parseCsv(csv);
          expect(rows).toHaveLength(statement.lines.length + 3);
          rows.slice(2, -1).forEach((row, i) => {
            expect(row[2]).toBe(neutraliseCell(statement.lines[i]!.memo));
            expect(row[1]).toBe(neutraliseCell(name));
          });
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});
