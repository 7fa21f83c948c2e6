import { isDidKey } from '@integrale/identity';
import { codePointLength } from '@integrale/ledger';
import { parseAmount } from '../money.js';

/*
 * The ledger screen opens prefilled from its address (`#/registre?a=<did>&montant=15,00&memo=…`):
 * an offer's « Payer » button, a QR code or a link a member was sent. The address is input like
 * any other: each value is checked, a bad one is dropped (the form stays empty there) and said,
 * nothing is paid without the member's confirmation.
 */

/** Longest query read (beyond, nothing is prefilled). */
export const MAX_PAY_QUERY = 2_048;

/** Most code points of a memo (the ledger's bound). */
const MAX_MEMO = 280;

/** What the address prefills, each field only when valid. */
export interface PayPrefill {
  readonly payee: string | null;
  /** Minor units. */
  readonly amount: number | null;
  readonly memo: string | null;
  /** Fields given but refused. */
  readonly refused: readonly ('payee' | 'amount' | 'memo')[];
}

const EMPTY: PayPrefill = { payee: null, amount: null, memo: null, refused: [] };

/** Control characters and bidirectional overrides a memo may not carry from a link. */
function unsafe(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}

/** Reads a ledger address's query. `decimals`: the currency's. Never throws. */
export function parsePayQuery(query: string, decimals: number): PayPrefill {
  if (typeof query !== 'string' || query === '' || query.length > MAX_PAY_QUERY) return EMPTY;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return EMPTY;
  }
  const refused: ('payee' | 'amount' | 'memo')[] = [];
  const payeeText = params.get('a');
  let payee: string | null = null;
  if (payeeText !== null) {
    if (isDidKey(payeeText)) payee = payeeText;
    else refused.push('payee');
  }
  const amountText = params.get('montant') ?? params.get('amount');
  let amount: number | null = null;
  if (amountText !== null) {
    const parsed = parseAmount(amountText.replace(',', '.'), decimals, { locale: 'en' });
    if (parsed.ok) amount = parsed.minor;
    else refused.push('amount');
  }
  const memoText = params.get('memo');
  let memo: string | null = null;
  if (memoText !== null) {
    const length = codePointLength(memoText);
    if (length >= 0 && length <= MAX_MEMO && !unsafe(memoText)) {
      memo = memoText;
    } else refused.push('memo');
  }
  return { payee, amount, memo, refused };
}

/** The query of a prefilled payment (amount written with a point and every decimal). */
export function payQuery(
  payee: string,
  amount: number | null,
  memo: string,
  decimals: number,
): string {
  const params = new URLSearchParams({ a: payee });
  if (amount !== null) {
    const digits = String(amount).padStart(decimals + 1, '0');
    params.set(
      'montant',
      decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`,
    );
  }
  if (memo !== '') params.set('memo', memo);
  return params.toString();
}
