import { MAX_REQUEST_MEMO } from '@integrale/peer';
import { describeAmountProblem } from '../i18n/describe.js';
import type { Locale } from '../i18n/catalog.js';
import type { Translator } from '../i18n/translator.js';
import { MAX_INPUT_MINOR_UNITS, formatAmount, parseAmount } from '../money.js';

/*
 * Reading the payment request form: the member asked, the amount typed in the currency's units
 * (read into integer minor units by parseAmount, never through a float), the reason.
 */

/** What the request form holds, as typed. */
export interface RequestFormInput {
  readonly to: string | null;
  readonly amount: string;
  readonly memo: string;
}

/** The form read: the request in minor units, or a sentence per wrong field. */
export type RequestFormResult =
  | { readonly ok: true; readonly to: string; readonly amount: number; readonly memo: string }
  | { readonly ok: false; readonly errors: Partial<Record<keyof RequestFormInput, string>> };

/** Reads the request form for a currency. */
export function readRequestForm(
  i18n: Pick<Translator, 't'>,
  input: RequestFormInput,
  currency: { readonly code: string; readonly decimals: number },
  locale: Locale,
): RequestFormResult {
  const errors: Partial<Record<keyof RequestFormInput, string>> = {};
  if (input.to === null || input.to === '') errors.to = i18n.t('requests.pickMember');
  const parsed = parseAmount(input.amount, currency.decimals, { locale });
  if (!parsed.ok) {
    const max = formatAmount(MAX_INPUT_MINOR_UNITS, currency, locale);
    errors.amount = describeAmountProblem(i18n, parsed.reason, currency.decimals, max);
  }
  const memo = input.memo.trim();
  // A lone surrogate (half of a pasted emoji) makes a record no peer accepts: refused here too.
  if ([...memo].length > MAX_REQUEST_MEMO || /[\ud800-\udfff]/u.test(memo)) {
    errors.memo = i18n.t('requests.memoTooLong');
  }
  if (input.to === null || input.to === '' || !parsed.ok || errors.memo !== undefined) {
    return { ok: false, errors };
  }
  return { ok: true, to: input.to, amount: parsed.minor, memo };
}
