/*
 * What the projects screens compute from a project: how much of a need is covered (« couvert
 * 3 / 5 »), and which projects a status filter keeps. Pure.
 */

/** A project's status (as packages/peer projects.ts fixes them). */
export const STATUSES = ['idea', 'active', 'paused', 'finished'] as const;
export type Status = (typeof STATUSES)[number];

/** The kinds of help a project may need. */
export const NEED_KINDS = ['time', 'skills', 'materials', 'space', 'money'] as const;
export type NeedKindName = (typeof NEED_KINDS)[number];

/** What the progress reads of a need. */
export interface NeedAmounts {
  readonly quantity: number;
  readonly covered: number;
  readonly offered: number;
}

/** How far a need is covered. */
export interface NeedProgress {
  /** Covered, 0 … quantity. */
  readonly covered: number;
  readonly quantity: number;
  /** What is still missing. */
  readonly missing: number;
  /** Whole percent covered, 0 … 100 (for the progress bar). */
  readonly percent: number;
  readonly complete: boolean;
}

/** The progress of a need, whatever the numbers it carries (clamped, never NaN). */
export function needProgress(need: NeedAmounts): NeedProgress {
  const quantity = Number.isSafeInteger(need.quantity) && need.quantity > 0 ? need.quantity : 0;
  const raw = Number.isSafeInteger(need.covered) && need.covered > 0 ? need.covered : 0;
  const covered = Math.min(raw, quantity);
  const percent = quantity === 0 ? 0 : Math.floor((covered * 100) / quantity);
  return {
    covered,
    quantity,
    missing: quantity - covered,
    percent,
    complete: quantity > 0 && covered === quantity,
  };
}

/** Sum of a project's needs: covered and wanted, over every need. */
export function projectProgress(needs: readonly NeedAmounts[]): {
  covered: number;
  quantity: number;
} {
  let covered = 0;
  let quantity = 0;
  for (const need of needs) {
    const progress = needProgress(need);
    covered += progress.covered;
    quantity += progress.quantity;
  }
  return { covered, quantity };
}

/** The projects of `status` (`''`: all but finished ones; `'all'`: every one). */
export function filterByStatus<P extends { readonly status: string }>(
  projects: readonly P[],
  status: Status | '' | 'all',
): P[] {
  if (status === 'all') return [...projects];
  if (status === '') return projects.filter((project) => project.status !== 'finished');
  return projects.filter((project) => project.status === status);
}

/** A need's quantity read from a form (a whole number 1 … 10^9), or `null`. */
export function readQuantity(text: string): number | null {
  const trimmed = String(text).trim();
  if (!/^[0-9]{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= 1_000_000_000 ? value : null;
}
