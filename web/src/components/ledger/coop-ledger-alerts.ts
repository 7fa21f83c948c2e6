import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { memberName } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';

/**
 * The ledger's integrity alerts, for every member: forks ("double écriture", with the author and
 * the position) and accounts over the credit limit, from the report this device computed. Renders
 * nothing while there is none. Shown on the home and ledger screens.
 */
@customElement('coop-ledger-alerts')
export class CoopLedgerAlerts extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ul {
        margin: 0;
        padding-inline-start: 1.25rem;
        overflow-wrap: anywhere;
      }
      li {
        margin-block-end: 0.4rem;
      }
    `,
  ];

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    const { cooperative, members } = this.runtime.snapshot;
    const alerts = runtime?.ledgerAlerts() ?? [];
    if (cooperative === null || alerts.length === 0) return html`<div role="alert"></div>`;
    return html`<div role="alert" class="card problem">
      <h2>${t('alerts.title')}</h2>
      <ul>
        ${alerts.map((alert) =>
          alert.kind === 'fork'
            ? html`<li>
                ${t('alerts.fork', {
                  name: memberName(this.i18n, members, alert.author),
                  seq: alert.seq,
                })}
              </li>`
            : html`<li>
                ${t('alerts.overLimit', {
                  name: memberName(this.i18n, members, alert.account),
                  amount: formatAmount(alert.balance, cooperative.currency, locale),
                })}
              </li>`,
        )}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-ledger-alerts': CoopLedgerAlerts;
  }
}
