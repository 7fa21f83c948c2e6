import type { Currency } from '@integrale/ledger';
import type { Locale } from '../../i18n/catalog.js';
import { describeAmountProblem } from '../../i18n/describe.js';
import type { Translator } from '../../i18n/translator.js';
import { MAX_INPUT_MINOR_UNITS, formatAmount, parseAmount } from '../../money.js';

/** A typed amount read exactly, or the sentence saying why not. */
export type ReadAmount =
  { readonly ok: true; readonly minor: number } | { readonly ok: false; readonly message: string };

/** Reads an amount the member typed (minor units, never a float), with the sentence on refusal. */
export function readAmount(
  i18n: Pick<Translator, 't'>,
  text: string,
  currency: Currency,
  locale: Locale,
  allowZero = false,
): ReadAmount {
  const parsed = parseAmount(text, currency.decimals, { locale, allowZero });
  if (parsed.ok) return { ok: true, minor: parsed.minor };
  const max = formatAmount(MAX_INPUT_MINOR_UNITS, currency, locale);
  return { ok: false, message: describeAmountProblem(i18n, parsed.reason, currency.decimals, max) };
}
