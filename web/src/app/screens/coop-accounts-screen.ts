import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/accounts/coop-open-account-form.js';
import { describeKind } from '../../components/accounts/describe.js';
import { accountsStyles } from '../../components/accounts/form-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { routeHref } from '../routes.js';
import type { AccountView } from '../runtime-accounts.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/**
 * The collective accounts (`#/comptes`): each with its kind, its k of n stewards, its balance and
 * an alert when two spends were approved at one place of its chain; and the form that opens a new
 * one. Contributing and spending happen on each account's page.
 */
@customElement('coop-accounts-screen')
export class CoopAccountsScreen extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** What follows `?` in the address: `projet=<id>` opens an account for that project. */
  @property() query = '';

  @state() private opening = false;
  private openedFor: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  /** The project the address asks an account for (held and without one yet), or `null`. */
  private project() {
    const id = new URLSearchParams(this.query).get('projet') ?? '';
    const project = this.runtime.runtime
      ?.projectsSnapshot()
      .projects.find((candidate) => candidate.id === id);
    return project === undefined || project.account !== null ? null : project;
  }

  protected override willUpdate(): void {
    const project = this.project();
    if (project !== null && this.openedFor !== project.id) {
      this.openedFor = project.id;
      this.opening = true;
    }
  }

  private async opened(id: string): Promise<void> {
    const project = this.project();
    // The account is opened: link it to the project (soft data of the project).
    if (project !== null)
      await this.runtime.runtime?.editProject(project.id, { type: 'account', account: id });
    this.opening = false;
    window.location.hash = `${routeHref('account', this.i18n.locale)}?id=${id}`;
  }

  private renderAccount(account: AccountView) {
    const { t, locale } = this.i18n;
    const cooperative = this.runtime.snapshot.cooperative;
    if (cooperative === null) return nothing;
    const href = `${routeHref('account', locale)}?id=${account.id}`;
    return html`<li>
      <p>
        <a href=${href}><strong class="break">${account.name}</strong></a>
      </p>
      <p class="muted">
        ${describeKind(this.i18n, account.kind)} ·
        ${t('accounts.threshold', { k: account.threshold, n: account.stewards.length })}
      </p>
      <p>
        ${t('accounts.balance', {
          amount: formatAmount(account.balance, cooperative.currency, locale),
        })}
      </p>
      ${
        account.forks.length === 0
          ? nothing
          : html`<p class="card alert" role="alert">${t('accounts.forkAlert')}</p>`
      }
    </li>`;
  }

  protected override render() {
    const { t, locale } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative } = this.runtime.snapshot;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('accounts.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const { accounts } = runtime.accountsSnapshot();
    const project = this.opening ? this.project() : null;
    return html`<h1>${t('accounts.title')}</h1>
      <p>${t('accounts.intro')}</p>
      <p><a href=${routeHref('dashboard', locale)}>${t('dashboard.title')}</a></p>
      ${
        this.opening
          ? html`<div class="card">
              ${
                project === null
                  ? nothing
                  : html`<p>${t('accounts.forProject', { title: project.title })}</p>`
              }
              <coop-open-account-form
                .initial=${
                  project === null
                    ? null
                    : {
                        name: project.title.slice(0, 80),
                        kind: 'project',
                        stewards: project.stewards,
                        threshold: Math.min(2, project.stewards.length),
                      }
                }
                @account-opened=${(event: CustomEvent<{ id: string }>) =>
                  void this.opened(event.detail.id)}
                @account-cancelled=${() => (this.opening = false)}
              ></coop-open-account-form>
            </div>`
          : html`<div class="actions">
              <button class="button primary" type="button" @click=${() => (this.opening = true)}>
                ${t('accounts.open.show')}
              </button>
            </div>`
      }
      ${
        accounts.length === 0
          ? html`<p class="muted">${t('accounts.none')}</p>`
          : html`<ul class="list">
              ${accounts.map((account) => this.renderAccount(account))}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-accounts-screen': CoopAccountsScreen;
  }
}
