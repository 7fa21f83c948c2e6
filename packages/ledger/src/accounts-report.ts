import type { AccountEntry, AccountKind, SpendEntry } from './entry.js';
import { compareCodeUnits } from './report.js';

/*
 * The report's part for the collective-accounts extension (docs/protocol-accounts.md): every
 * valid account with its balance, and the forks of accounts' chains — two spends approved at the
 * same place in one account's chain, which is how two stewards spending at once show up: never
 * silently, always reported, and both debts counted.
 */

/** A collective account, as the report lists it. */
export interface AccountRow {
  readonly name: string;
  readonly kind: AccountKind;
  readonly scope: string;
  /** The stewards and threshold in force (the account entry's, or a decision's). */
  readonly stewards: readonly string[];
  readonly threshold: number;
  /** The decision that set them, or `null` for the account entry's. */
  readonly rules: string | null;
  /** Contributions and spends received, minus spends made (every branch counted). */
  readonly balance: number;
}

/**
 * Two or more valid spends of one account at one `accountSeq`: each had its stewards' (or a
 * decision's) authority, so the account's holders approved two histories.
 */
export interface AccountFork {
  readonly account: string;
  readonly accountSeq: number;
  /** Every such id, sorted. */
  readonly ids: readonly string[];
}

/** What the accounts part reads of the ledger. */
export interface AccountView {
  /** Every valid account, with its id. */
  accounts(): Iterable<{ readonly id: string; readonly entry: AccountEntry }>;
  balanceOf(account: string): number;
  /** The rules in force at the head of an account's chain. */
  rulesOf(account: string):
    | {
        readonly stewards: readonly string[];
        readonly threshold: number;
        readonly decision: string | null;
      }
    | undefined;
  /** Every valid spend. */
  validSpends(): Iterable<{ readonly id: string; readonly entry: SpendEntry }>;
}

/** Every valid account by id, keys sorted. */
export function accountRows(view: AccountView): Record<string, AccountRow> {
  const rows = [...view.accounts()].sort((a, b) => compareCodeUnits(a.id, b.id));
  const table: Record<string, AccountRow> = {};
  for (const { id, entry } of rows) {
    table[id] = {
      name: entry.name,
      kind: entry.kind,
      scope: entry.scope,
      stewards: view.rulesOf(id)?.stewards ?? entry.stewards,
      threshold: view.rulesOf(id)?.threshold ?? entry.threshold,
      rules: view.rulesOf(id)?.decision ?? null,
      balance: view.balanceOf(id),
    };
  }
  return table;
}

/** Accounts' chain forks, sorted by account then accountSeq. */
export function accountForks(view: AccountView): AccountFork[] {
  const seats = new Map<string, string[]>();
  for (const { id, entry } of view.validSpends()) {
    const seat = `${entry.account} ${entry.accountSeq}`;
    const ids = seats.get(seat);
    if (ids === undefined) seats.set(seat, [id]);
    else ids.push(id);
  }
  const forks: AccountFork[] = [];
  for (const [seat, ids] of seats) {
    if (ids.length < 2) continue;
    const [account, accountSeq] = seat.split(' ') as [string, string];
    forks.push({ account, accountSeq: Number(accountSeq), ids: ids.sort(compareCodeUnits) });
  }
  return forks.sort(
    (a, b) => compareCodeUnits(a.account, b.account) || a.accountSeq - b.accountSeq,
  );
}
