import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/accounts/coop-account-movements.js';
import '../../components/accounts/coop-budget-comparison.js';
import '../../components/accounts/coop-account-rules-form.js';
import '../../components/accounts/coop-budget-form.js';
import '../../components/accounts/coop-contribute-form.js';
import '../../components/accounts/coop-spend-request-form.js';
import '../../components/accounts/coop-spend-requests.js';
import { describeKind, partyName } from '../../components/accounts/describe.js';
import { accountsStyles } from '../../components/accounts/form-styles.js';
import { describeScope } from '../../governance/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/**
 * One collective account (`#/compte?id=…`): its stewards and balance, alerts for concurrent
 * spends, contributing, asking for a spend, the spend requests with a one-tap approval for
 * stewards, its movements, and its budgets against the ledger.
 */
@customElement('coop-account-screen')
export class CoopAccountScreen extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** What follows `?` in the address (`id=<account id>`). */
  @property() query = '';

  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private writingBudget = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t, locale } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative, members } = this.runtime.snapshot;
    const back = html`<p><a href=${routeHref('accounts', locale)}>${t('account.back')}</a></p>`;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('nav.account')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const id = new URLSearchParams(this.query).get('id') ?? '';
    const snapshot = runtime.accountsSnapshot();
    const account = snapshot.accounts.find((candidate) => candidate.id === id);
    if (account === undefined) {
      return html`<h1>${t('nav.account')}</h1>
        <p class="card notice">${t('account.notFound')}</p>
        ${back}`;
    }
    const money = (value: number) => formatAmount(value, cooperative.currency, locale);
    const movements = snapshot.movements.filter((m) => m.account === account.id);
    const budgets = snapshot.budgets.filter((b) => b.account === account.id);
    const requests = snapshot.spendRequests.filter((r) => r.account === account.id);
    const names = account.stewards
      .map((did) => partyName(this.i18n, members, snapshot.accounts, did))
      .join(', ');
    return html`${back}
      <h1 class="break">${account.name}</h1>
      <p class="muted">
        ${describeKind(this.i18n, account.kind)} · ${describeScope(this.i18n, account.scope)} ·
        ${t('accounts.threshold', { k: account.threshold, n: account.stewards.length })}
      </p>
      <p class="break">${t('account.stewards', { names })}</p>
      <p class="card notice">
        <strong>${t('accounts.balance', { amount: money(account.balance) })}</strong><br />
        ${t('account.available', { amount: money(account.available) })}
      </p>
      ${account.forks.map(
        (fork) =>
          html`<p class="card alert" role="alert">
            ${t('account.fork', { seq: fork.accountSeq })}
          </p>`,
      )}
      <div class="card">
        <coop-contribute-form .account=${account.id}></coop-contribute-form>
      </div>
      <div class="card">
        <coop-spend-request-form
          .account=${account}
          .accounts=${snapshot.accounts}
          .budgets=${budgets}
        ></coop-spend-request-form>
      </div>
      <coop-spend-requests
        .requests=${requests}
        .accounts=${snapshot.accounts}
      ></coop-spend-requests>
      <coop-account-movements
        .movements=${movements}
        .accounts=${snapshot.accounts}
        .budgets=${budgets}
        accountName=${account.name}
      ></coop-account-movements>
      <div class="card">
        <coop-account-rules-form .account=${account} .clock=${this.clock}></coop-account-rules-form>
      </div>
      <h2>${t('budget.title')}</h2>
      ${budgets.length === 0 ? html`<p class="muted">${t('budget.none')}</p>` : nothing}
      ${budgets.map(
        (budget) =>
          html`<coop-budget-comparison
            .budget=${budget}
            .movements=${movements}
            .clock=${this.clock}
            accountName=${account.name}
            scope=${account.scope}
            proposable
          ></coop-budget-comparison>`,
      )}
      ${
        this.writingBudget
          ? html`<div class="card">
              <coop-budget-form
                .account=${account.id}
                .year=${new Date(this.clock()).getUTCFullYear()}
                @budget-created=${() => (this.writingBudget = false)}
              ></coop-budget-form>
            </div>`
          : html`<div class="actions">
              <button class="button" type="button" @click=${() => (this.writingBudget = true)}>
                ${t('budget.new')}
              </button>
            </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-account-screen': CoopAccountScreen;
  }
}
