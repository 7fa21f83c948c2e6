import type { Currency, MemberInfo } from '@integrale/ledger';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PurchaseRoundInfo } from '../../app/runtime-services.js';
import { memberName } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';

const EURO = { code: 'EUR', decimals: 2 } as const;

/** A round's totals: what each member owes and has paid, and what goes to each supplier. */
@customElement('coop-round-totals')
export class CoopRoundTotals extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .scroll {
        overflow-x: auto;
        max-inline-size: 100%;
      }
      table {
        border-collapse: collapse;
        margin: 0 0 1rem;
      }
      th,
      td {
        padding: 0.35rem 0.5rem;
        text-align: start;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      td.amount {
        text-align: end;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) round: PurchaseRoundInfo | null = null;
  @property({ attribute: false }) currency: Currency | null = null;
  @property({ attribute: false }) members: readonly MemberInfo[] = [];

  private readonly i18n = new LocaleController(this);

  protected override render() {
    const round = this.round;
    const currency = this.currency;
    if (round === null || currency === null) return nothing;
    const { t, locale } = this.i18n;
    const money = (minor: number | bigint) => formatAmount(minor, currency, locale);
    const names = new Map(round.suppliers.map((supplier) => [supplier.id, supplier.name]));
    if (round.shares.length === 0) return html`<p class="muted">${t('purchases.totals.none')}</p>`;
    return html`<h2 id="per-member">${t('purchases.totals.members')}</h2>
      <div class="scroll">
        <table aria-labelledby="per-member">
          <thead>
            <tr>
              <th scope="col">${t('purchases.totals.member')}</th>
              <th scope="col">${t('purchases.totals.total')}</th>
              <th scope="col">${t('purchases.totals.paid')}</th>
            </tr>
          </thead>
          <tbody>
            ${round.shares.map(
              (share) =>
                html`<tr>
                  <th scope="row">${memberName(this.i18n, this.members, share.member)}</th>
                  <td class="amount">${money(share.total)}</td>
                  <td class="amount">${money(share.paid)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2 id="per-supplier">${t('purchases.totals.suppliers')}</h2>
      <div class="scroll">
        <table aria-labelledby="per-supplier">
          <thead>
            <tr>
              <th scope="col">${t('purchases.totals.supplier')}</th>
              <th scope="col">${t('purchases.totals.total')}</th>
              <th scope="col">${t('purchases.totals.euros')}</th>
            </tr>
          </thead>
          <tbody>
            ${round.supplierTotals.map(
              (supplier) =>
                html`<tr data-supplier=${supplier.supplier}>
                  <th scope="row">${names.get(supplier.supplier) ?? supplier.supplier}</th>
                  <td class="amount">${money(supplier.total)}</td>
                  <td class="amount">
                    ${supplier.euroCents === null ? '—' : formatAmount(supplier.euroCents, EURO, locale)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p><strong>${t('purchases.totals.grand', { amount: money(round.total) })}</strong></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-round-totals': CoopRoundTotals;
  }
}
