import type { PayProblem } from '../app/runtime.js';
import type { InvitationProblem } from '../invitation.js';
import type { AmountInputProblem } from '../money.js';
import type { Translator } from './translator.js';

/*
 * The sentence a member reads for each reason code the app's modules return. The switches are
 * exhaustive: a new reason code without a sentence does not compile.
 */

function unreachable(value: never): never {
  throw new Error(`no sentence for ${String(value)}`);
}

/**
 * Why a typed amount was refused. `maxText` is the largest amount, already written for the
 * currency (e.g. `formatAmount(MAX_INPUT_MINOR_UNITS, currency, locale)`).
 */
export function describeAmountProblem(
  i18n: Pick<Translator, 't'>,
  reason: AmountInputProblem,
  decimals: number,
  maxText: string,
): string {
  switch (reason) {
    case 'empty':
      return i18n.t('amount.empty');
    case 'too-long':
      return i18n.t('amount.tooLong');
    case 'malformed':
      return i18n.t('amount.malformed');
    case 'negative':
      return i18n.t('amount.negative');
    case 'exponent':
      return i18n.t('amount.exponent');
    case 'too-many-decimals':
      return i18n.t('amount.tooManyDecimals', { count: decimals });
    case 'zero':
      return i18n.t('amount.zero');
    case 'too-large':
      return i18n.t('amount.tooLarge', { max: maxText });
    default:
      return unreachable(reason);
  }
}

/** Why an invitation link cannot be used. */
export function describeInvitationProblem(
  i18n: Pick<Translator, 't'>,
  problem: InvitationProblem,
): string {
  switch (problem.reason) {
    case 'too-long':
      return i18n.t('invitation.tooLong');
    case 'not-an-invitation':
      return i18n.t('invitation.notAnInvitation');
    case 'malformed':
      return i18n.t('invitation.malformed');
    case 'wrong-version':
      return i18n.t('invitation.wrongVersion');
    case 'missing-field':
    case 'invalid-field':
      return i18n.t('invitation.incomplete');
    case 'expired':
      return i18n.t('invitation.expired');
    default:
      return unreachable(problem);
  }
}

/**
 * What went wrong opening a key backup, from the error `restoreKeyBackup` threw (recognised by
 * name, so this module does not load the cryptography); `null` for any other error.
 */
export function describeBackupError(i18n: Pick<Translator, 't'>, error: unknown): string | null {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'WrongPassphraseError':
      return i18n.t('backup.wrongPassphrase');
    case 'DamagedBackupError':
      return i18n.t('backup.damaged');
    case 'UnsupportedBackupVersionError':
      return i18n.t('backup.unsupportedVersion');
    default:
      return null;
  }
}

/** Why a payment was not made. */
export function describePayProblem(i18n: Pick<Translator, 't'>, reason: PayProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('pay.notReady');
    case 'not-member':
      return i18n.t('pay.notMember');
    case 'unknown-payee':
      return i18n.t('pay.unknownPayee');
    case 'self-pay':
      return i18n.t('pay.selfPay');
    case 'invalid-amount':
      return i18n.t('pay.invalidAmount');
    case 'over-limit':
      return i18n.t('pay.overLimit');
    case 'memo-too-long':
      return i18n.t('pay.memoTooLong');
    default:
      return unreachable(reason);
  }
}
