import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/** The ledger: this member's balance and credit limit, later the payments and the pay form. */
@customElement('coop-ledger-screen')
export class CoopLedgerScreen extends LitElement {
  static override styles = screenStyles;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const { cooperative, balance } = this.runtime.snapshot;
    return html`<h1>${t('ledger.title')}</h1>
      <p>${t('ledger.intro')}</p>
      ${
        cooperative === null
          ? html`<p class="card notice">${t('app.notConnected')}</p>`
          : html`<div class="card notice">
              <p>
                ${t('ledger.yourBalance', {
                  amount: formatAmount(balance, cooperative.currency, locale),
                })}
              </p>
              <p class="muted">
                ${t('ledger.creditLimit', {
                  amount: formatAmount(-cooperative.creditLimit, cooperative.currency, locale),
                })}
              </p>
            </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-ledger-screen': CoopLedgerScreen;
  }
}
