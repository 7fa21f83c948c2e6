import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../runtime-controller.js';
import { routeHref } from '../routes.js';
import { screenStyles } from '../screen-styles.js';
import '../../components/ledger/coop-ledger-alerts.js';

/** The welcome screen: what the app is, and the way in (create or join) or where one stands. */
@customElement('coop-home-screen')
export class CoopHomeScreen extends LitElement {
  static override styles = screenStyles;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  /** How many payment requests wait for this member's answer, with the way to them. */
  private renderRequestsAwaiting() {
    const { t, locale } = this.i18n.translator;
    const { self } = this.runtime.snapshot;
    const awaiting = (this.runtime.runtime?.paymentRequests() ?? []).filter(
      (request) => request.to === self && request.state === 'open',
    ).length;
    if (awaiting === 0) return nothing;
    return html`<div class="card notice" role="status">
      <p>${t('requests.awaitingYou', { count: awaiting })}</p>
      <a class="button primary" href=${routeHref('ledger', locale)}>${t('requests.seeLedger')}</a>
    </div>`;
  }

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const { cooperative, members, balance } = this.runtime.snapshot;
    return html`<h1>${t('home.title')}</h1>
      <p>${t('home.intro')}</p>
      ${
        cooperative === null
          ? html`<p class="card notice">${t('home.noCooperative')}</p>
              <div class="actions">
                <a class="button primary" href=${routeHref('join', locale)}
                  >${t('home.joinAction')}</a
                >
                <a class="button" href=${routeHref('create', locale)}>${t('home.createAction')}</a>
              </div>
              <p><a href=${routeHref('keys', locale)}>${t('keys.restoreLink')}</a></p>`
          : html`<div class="card notice">
              <p class="break">${t('home.memberOf', { name: cooperative.name })}</p>
              <p>${t('members.count', { count: members.length })}</p>
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
      }
      <coop-ledger-alerts></coop-ledger-alerts>
      ${this.renderRequestsAwaiting()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-home-screen': CoopHomeScreen;
  }
}
