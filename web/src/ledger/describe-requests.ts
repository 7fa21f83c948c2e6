import type { RequestProblem } from '../app/runtime-requests.js';
import type { Translator } from '../i18n/translator.js';
import type { PeriodProblem } from './statement.js';

/*
 * The sentences of this area's reason codes. The switches are exhaustive: a new reason without a
 * sentence does not compile.
 */

type T = Pick<Translator, 't'>;

function unreachable(value: never): never {
  throw new Error(`no sentence for ${String(value)}`);
}

/** Why a payment request could not be made, settled or declined. */
export function describeRequestProblem(i18n: T, reason: RequestProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('requests.notReady');
    case 'not-member':
      return i18n.t('requests.notMember');
    case 'unknown-member':
      return i18n.t('requests.unknownMember');
    case 'self-request':
      return i18n.t('requests.selfRequest');
    case 'invalid-amount':
      return i18n.t('requests.invalidAmount');
    case 'memo-too-long':
      return i18n.t('requests.memoTooLong');
    case 'not-open':
      return i18n.t('requests.notOpen');
    default:
      return unreachable(reason);
  }
}

/** Why a statement's period cannot be read. */
export function describePeriodProblem(i18n: T, reason: PeriodProblem): string {
  switch (reason) {
    case 'invalid-from':
      return i18n.t('statement.invalidFrom');
    case 'invalid-to':
      return i18n.t('statement.invalidTo');
    case 'reversed':
      return i18n.t('statement.reversed');
    default:
      return unreachable(reason);
  }
}
