import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../runtime-controller.js';
import { routeHref } from '../routes.js';
import { screenStyles } from '../screen-styles.js';

/** The welcome screen: what the app is, and the way in (create or join) or where one stands. */
@customElement('coop-home-screen')
export class CoopHomeScreen extends LitElement {
  static override styles = screenStyles;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

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
              </div>`
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
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-home-screen': CoopHomeScreen;
  }
}
