import { MAX_AMOUNT, type Currency } from '@integrale/ledger';
import type { Locale } from './i18n/catalog.js';

/*
 * Amounts are integers of minor units everywhere (the ledger's rule); a currency with
 * `decimals` = 2 has 100 minor units to the unit. Nothing here goes through a floating-point
 * number: formatting works on the digits of a BigInt, parsing on the digits of the text.
 *
 * Writing convention (one per language, always with the currency's code):
 *   fr: « 1 234,56 ECO », « −12,50 ECO » — narrow no-break space between thousands, decimal comma,
 *       no-break space before the code (French typography);
 *   en: "ECO 1,234.56", "ECO −12.50" — the code first as en-GB writes currency codes, comma
 *       between thousands, decimal point.
 * The minus sign is U+2212 (read "minus" by screen readers, as wide as a plus); every decimal is
 * written, so "12,50" and not "12,5".
 */

/** The largest amount a member may type: 10^12 minor units, the ledger's payment bound. */
export const MAX_INPUT_MINOR_UNITS = MAX_AMOUNT;

/** Longest text {@link parseAmount} reads; anything longer is refused before reading. */
export const MAX_AMOUNT_INPUT_LENGTH = 64;

/** Why a typed amount was refused (each has a sentence in the UI). */
export type AmountInputProblem =
  | 'empty'
  | 'too-long'
  | 'malformed'
  | 'negative'
  | 'exponent'
  | 'too-many-decimals'
  | 'zero'
  | 'too-large';

/** The outcome of reading a typed amount. */
export type AmountParseResult =
  | { readonly ok: true; /** Minor units, 0 … 10^12. */ readonly minor: number }
  | { readonly ok: false; readonly reason: AmountInputProblem };

/** Options of {@link parseAmount}. */
export interface ParseAmountOptions {
  /**
   * The language the member writes in. It only settles one ambiguous case: a single separator
   * followed by exactly three digits ("1,234") is a thousands separator where the language
   * writes thousands that way (English ","), and a decimal separator otherwise. Default `fr`.
   */
  readonly locale?: Locale;
  /** Whether 0 is acceptable (a payment is not; a filter may be). Default false. */
  readonly allowZero?: boolean;
}

/** Options of {@link formatAmount}. */
export interface FormatAmountOptions {
  /** `always` writes "+" before a positive amount (credits in a list). Default `auto`. */
  readonly signDisplay?: 'auto' | 'always';
  /** Whether to write the currency's code. Default true. */
  readonly withCode?: boolean;
}

/** A value that is not an amount or a currency the formatter can write. */
export class InvalidAmountError extends Error {
  override name = 'InvalidAmountError';
}

interface Style {
  readonly group: string;
  readonly decimal: string;
  readonly codeFirst: boolean;
}

const STYLES: { readonly [L in Locale]: Style } = {
  fr: { group: '\u202f', decimal: ',', codeFirst: false },
  en: { group: ',', decimal: '.', codeFirst: true },
};

const MINUS = '\u2212';
const NBSP = '\u00a0';

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) {
    throw new InvalidAmountError('a currency has 0 to 4 decimals');
  }
}

function toBigInt(minor: number | bigint): bigint {
  if (typeof minor === 'bigint') return minor;
  if (!Number.isSafeInteger(minor))
    throw new InvalidAmountError('an amount is a whole number of minor units');
  return BigInt(minor);
}

function groupDigits(digits: string, separator: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}

/** Digits of |minor| split into units and decimals: 1234 with 2 decimals → ['12', '34']. */
function split(abs: bigint, decimals: number): [string, string] {
  const digits = abs.toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return [digits.slice(0, cut), digits.slice(cut)];
}

/**
 * An amount of minor units written for reading: `formatAmount(1234, eco, 'fr')` is
 * « 12,34 ECO », `formatAmount(-123456, eco, 'en')` is "ECO −1,234.56".
 * @throws InvalidAmountError when `minor` is not a safe integer (or a BigInt), or the currency's
 * decimals are not 0–4.
 */
export function formatAmount(
  minor: number | bigint,
  currency: Pick<Currency, 'code' | 'decimals'>,
  locale: Locale,
  options: FormatAmountOptions = {},
): string {
  checkDecimals(currency.decimals);
  const value = toBigInt(minor);
  const style = STYLES[locale] ?? STYLES.fr;
  const [units, fraction] = split(value < 0n ? -value : value, currency.decimals);
  const sign = value < 0n ? MINUS : value > 0n && options.signDisplay === 'always' ? '+' : '';
  const number =
    sign + groupDigits(units, style.group) + (fraction ? style.decimal + fraction : '');
  if (options.withCode === false) return number;
  return style.codeFirst ? currency.code + NBSP + number : number + NBSP + currency.code;
}

/**
 * An amount written for an input field: no thousands separator, every decimal, the language's
 * decimal separator ("1234,50" in French). {@link parseAmount} reads it back exactly.
 * @throws InvalidAmountError as {@link formatAmount}.
 */
export function formatAmountForInput(
  minor: number | bigint,
  decimals: number,
  locale: Locale,
): string {
  checkDecimals(decimals);
  const value = toBigInt(minor);
  const [units, fraction] = split(value < 0n ? -value : value, decimals);
  const style = STYLES[locale] ?? STYLES.fr;
  return (value < 0n ? '-' : '') + units + (fraction ? style.decimal + fraction : '');
}

/** Minus signs people type or paste: hyphen-minus, U+2212, hyphen, en dash, small and full-width. */
const LEADING_MINUS = /^[-\u2212\u2010\u2013\ufe63\uff0d]/;
/** Scientific notation ("1e5", "1,5E3"): said apart from other junk, because a calculator gives it. */
const EXPONENT = /^[0-9.,]*[0-9][eE][-+]?[0-9]*$/;
/** A plain number: digits, at most one separator, read as decimal. */
const PLAIN = /^([0-9]*)(?:([.,])([0-9]*))?$/;
/**
 * Digits in groups of three after a first group of one to three, one separator kind throughout
 * (a space of some kind, an apostrophe, a comma or a point), then maybe decimals after the other
 * kind of separator: "1 234,56", "1,234.56", "1.234.567", "1'234.5".
 */
const GROUPED =
  /^([1-9][0-9]{0,2})((?:([ \u00a0\u202f\u2009',.])[0-9]{3})(?:\3[0-9]{3})*)(?:([.,])([0-9]*))?$/;

/**
 * Reads an amount typed by a member into minor units, with exact decimal arithmetic. Accepts
 * "12", "12,5", "12.50", " 12 ", ",5", "0,01", "1 234,56", "1,234.56"; refuses with a reason a
 * negative sign, an exponent, more decimals than the currency has, an empty or absurdly long
 * text, anything else that is not digits, and more than 10^12 minor units. Never throws.
 */
export function parseAmount(
  text: string,
  decimals: number,
  options: ParseAmountOptions = {},
): AmountParseResult {
  const fail = (reason: AmountInputProblem): AmountParseResult => ({ ok: false, reason });
  if (typeof text !== 'string') return fail('malformed');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) return fail('malformed');
  if (text.length > MAX_AMOUNT_INPUT_LENGTH) return fail('too-long');
  const input = text.trim();
  if (input === '') return fail('empty');
  if (LEADING_MINUS.test(input)) return fail('negative');
  if (EXPONENT.test(input)) return fail('exponent');

  let units: string;
  let fraction: string;
  const plain = PLAIN.exec(input);
  if (plain) {
    units = plain[1] ?? '';
    fraction = plain[3] ?? '';
    const separator = plain[2];
    if (units === '' && fraction === '') return fail('malformed');
    // "1,234" in English means one thousand two hundred and thirty-four.
    const groupSeparator = STYLES[options.locale ?? 'fr'].group;
    if (separator === groupSeparator && /^[1-9][0-9]{0,2}$/.test(units) && fraction.length === 3) {
      units += fraction;
      fraction = '';
    }
  } else {
    const grouped = GROUPED.exec(input);
    if (!grouped || grouped[3] === grouped[4]) return fail('malformed');
    const separator = grouped[3] as string;
    units = (grouped[1] as string) + (grouped[2] as string).split(separator).join('');
    fraction = grouped[5] ?? '';
  }

  if (fraction.length > decimals) return fail('too-many-decimals');
  // At most 64 characters of digits: BigInt is exact and cheap here.
  const minor =
    BigInt(units === '' ? '0' : units) * 10n ** BigInt(decimals) +
    BigInt(fraction.padEnd(decimals, '0') || '0');
  if (minor > BigInt(MAX_INPUT_MINOR_UNITS)) return fail('too-large');
  if (minor === 0n && options.allowZero !== true) return fail('zero');
  return { ok: true, minor: Number(minor) };
}
