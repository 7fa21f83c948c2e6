import { budgetLineInMemo, type BudgetRecord } from '@integrale/peer';
import { signedAmount, type AccountMovement } from './movements.js';

/*
 * A budget against what happened: for each line, the planned amount and the actual — the sum of
 * the account's valid movements whose memo carries that line's marker. A spending line's actual
 * is what left the account for it (minus refunds that came back tagged to it); an income line's is
 * what came in for it (minus what went back). Sums are BigInt: no float ever touches money.
 */

/** One line of a budget compared with the ledger. */
export interface LineComparison {
  readonly id: string;
  readonly label: string;
  readonly kind: 'income' | 'spending';
  readonly planned: bigint;
  readonly actual: bigint;
  /** actual − planned. */
  readonly difference: bigint;
  /** The movements counted for it, in the order given. */
  readonly movements: readonly AccountMovement[];
}

/** A budget compared with the ledger. */
export interface BudgetComparison {
  readonly budget: string;
  readonly lines: readonly LineComparison[];
  readonly planned: { readonly income: bigint; readonly spending: bigint };
  readonly actual: { readonly income: bigint; readonly spending: bigint };
  /** Movements carrying this budget's marker with a line it does not have. */
  readonly unknownLine: readonly AccountMovement[];
}

/** Compares a budget with the movements of its account (others are ignored). */
export function compareBudget(
  id: string,
  budget: Pick<BudgetRecord, 'account' | 'lines'>,
  movements: readonly AccountMovement[],
): BudgetComparison {
  const byLine = new Map<string, AccountMovement[]>(budget.lines.map((line) => [line.id, []]));
  const unknownLine: AccountMovement[] = [];
  for (const movement of movements) {
    if (movement.account !== budget.account) continue;
    const tag = budgetLineInMemo(movement.memo);
    if (tag === null || tag.budget !== id) continue;
    const list = byLine.get(tag.line);
    if (list === undefined) unknownLine.push(movement);
    else list.push(movement);
  }
  const planned = { income: 0n, spending: 0n };
  const actual = { income: 0n, spending: 0n };
  const lines = budget.lines.map((line): LineComparison => {
    const counted = byLine.get(line.id) ?? [];
    const net = counted.reduce((sum, movement) => sum + signedAmount(movement), 0n);
    const lineActual = line.kind === 'income' ? net : -net;
    const linePlanned = BigInt(line.planned);
    planned[line.kind] += linePlanned;
    actual[line.kind] += lineActual;
    return {
      id: line.id,
      label: line.label,
      kind: line.kind,
      planned: linePlanned,
      actual: lineActual,
      difference: lineActual - linePlanned,
      movements: counted,
    };
  });
  return { budget: id, lines, planned, actual, unknownLine };
}

/**
 * The movements of an account that count for none of its budgets' lines (« non affecté »): no
 * marker, or a marker naming a budget of another account, an unknown budget or an unknown line.
 */
export function unassignedMovements(
  account: string,
  budgets: ReadonlyMap<string, Pick<BudgetRecord, 'account' | 'lines'>>,
  movements: readonly AccountMovement[],
): AccountMovement[] {
  return movements.filter((movement) => {
    if (movement.account !== account) return false;
    const tag = budgetLineInMemo(movement.memo);
    if (tag === null) return true;
    const budget = budgets.get(tag.budget);
    if (budget === undefined || budget.account !== account) return true;
    return !budget.lines.some((line) => line.id === tag.line);
  });
}

/** The balance an account's movements add up to (BigInt). */
export function movementsTotal(movements: readonly AccountMovement[]): bigint {
  return movements.reduce((sum, movement) => sum + signedAmount(movement), 0n);
}
