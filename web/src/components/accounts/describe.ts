import type { AccountKind, MemberInfo } from '@integrale/ledger';
import type { AccountsProblem, SpendRequestState } from '../../app/runtime-accounts.js';
import type { Translator } from '../../i18n/translator.js';
import { memberName } from '../../app/screen-logic.js';

/*
 * Sentences of the accounts area: one per problem, kind and request state, so every screen says
 * the same thing the same way.
 */

type T = Pick<Translator, 't'>;

/** The sentence for a refused action. */
export function describeAccountsProblem(i18n: T, reason: AccountsProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('accounts.problem.notReady');
    case 'not-member':
      return i18n.t('accounts.problem.notMember');
    case 'invalid-name':
      return i18n.t('accounts.problem.invalidName');
    case 'invalid-scope':
      return i18n.t('accounts.problem.invalidScope');
    case 'invalid-stewards':
      return i18n.t('accounts.problem.invalidStewards');
    case 'invalid-threshold':
      return i18n.t('accounts.problem.invalidThreshold');
    case 'unknown-account':
      return i18n.t('accounts.problem.unknownAccount');
    case 'unknown-payee':
      return i18n.t('accounts.problem.unknownPayee');
    case 'self-pay':
      return i18n.t('accounts.problem.selfPay');
    case 'invalid-amount':
      return i18n.t('accounts.problem.invalidAmount');
    case 'memo-too-long':
      return i18n.t('accounts.problem.memoTooLong');
    case 'over-limit':
      return i18n.t('accounts.problem.overLimit');
    case 'insufficient-funds':
      return i18n.t('accounts.problem.insufficientFunds');
    case 'unknown-budget-line':
      return i18n.t('accounts.problem.unknownBudgetLine');
    case 'not-steward':
      return i18n.t('accounts.problem.notSteward');
    case 'not-awaiting':
      return i18n.t('accounts.problem.notAwaiting');
    case 'invalid-budget':
      return i18n.t('accounts.problem.invalidBudget');
  }
}

/** The name of an account's kind. */
export function describeKind(i18n: T, kind: AccountKind): string {
  switch (kind) {
    case 'project':
      return i18n.t('accounts.kind.project');
    case 'service':
      return i18n.t('accounts.kind.service');
    case 'fund':
      return i18n.t('accounts.kind.fund');
    case 'purchase':
      return i18n.t('accounts.kind.purchase');
  }
}

/** Where a spend request stands, in words. */
export function describeRequestState(
  i18n: T,
  state: SpendRequestState,
  approvals: number,
  threshold: number,
): string {
  switch (state) {
    case 'awaiting':
      return i18n.t('account.request.awaiting', { count: approvals, k: threshold });
    case 'ready':
      return i18n.t('account.request.ready');
    case 'written':
      return i18n.t('account.request.written');
    case 'stale':
      return i18n.t('account.request.stale');
  }
}

/** A member's name, or an account's name, for an id of either kind. */
export function partyName(
  i18n: T,
  members: readonly MemberInfo[],
  accounts: readonly { readonly id: string; readonly name: string }[],
  id: string,
): string {
  const account = accounts.find((candidate) => candidate.id === id);
  return account === undefined ? memberName(i18n, members, id) : account.name;
}

const MARKERS = /\s*\[(?:budget:[0-9a-f]{64}\/[0-9a-z-]{1,16}|pret:[0-9a-f]{64})\]/g;

/** A memo without the markers the app adds (the screens show what they mean instead). */
export function memoWords(memo: string): string {
  return memo.replace(MARKERS, '').trim();
}
