import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AccountView, BudgetView } from '../../app/runtime-accounts.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { memberName } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { readAmount } from './amount.js';
import { describeAccountsProblem } from './describe.js';
import { accountsStyles } from './form-styles.js';

/**
 * The form that asks for a spend from a collective account: to a member or another account, an
 * amount, a message, and the budget line it counts for (its marker goes into the memo). A steward
 * asking approves at once; the others approve on their own devices.
 */
@customElement('coop-spend-request-form')
export class CoopSpendRequestForm extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** The account spent from. */
  @property({ attribute: false }) account: AccountView | null = null;
  /** Every account (others may be paid). */
  @property({ attribute: false }) accounts: readonly AccountView[] = [];
  /** This account's budgets (their lines may be chosen). */
  @property({ attribute: false }) budgets: readonly BudgetView[] = [];

  @state() private to = '';
  @state() private amount = '';
  @state() private memo = '';
  @state() private line = '';
  @state() private error: string | null = null;
  @state() private done = false;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const cooperative = this.runtime.snapshot.cooperative;
    if (runtime === undefined || cooperative === null || this.account === null || this.busy) return;
    this.done = false;
    const amount = readAmount(this.i18n, this.amount, cooperative.currency, this.i18n.locale);
    if (!amount.ok) {
      this.error = amount.message;
      return;
    }
    const [budget, line] = this.line === '' ? [] : this.line.split('/');
    this.busy = true;
    const result = await runtime.requestSpend({
      account: this.account.id,
      to: this.to,
      amount: amount.minor,
      memo: this.memo,
      budgetLine: budget === undefined || line === undefined ? null : { budget, line },
    });
    this.busy = false;
    if (!result.ok) {
      this.error = describeAccountsProblem(this.i18n, result.reason);
      return;
    }
    this.error = null;
    this.amount = '';
    this.memo = '';
    this.done = true;
  }

  protected override render() {
    const { t } = this.i18n;
    const { members, cooperative } = this.runtime.snapshot;
    const others = this.accounts.filter((account) => account.id !== this.account?.id);
    return html`<form @submit=${this.submit} novalidate>
      <h2>${t('account.spend.title')}</h2>
      <div class="field">
        <label for="spend-to">${t('account.spend.to')}</label>
        <select
          id="spend-to"
          @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${this.to === ''}></option>
          ${members.map(
            (member) =>
              html`<option value=${member.did} ?selected=${this.to === member.did}>
                ${memberName(this.i18n, members, member.did)}
              </option>`,
          )}
          ${others.map(
            (account) =>
              html`<option value=${account.id} ?selected=${this.to === account.id}>
                ${account.name}
              </option>`,
          )}
        </select>
      </div>
      <div class="row">
        <div class="field">
          <label for="spend-amount"
            >${t('account.amount')} (${cooperative?.currency.code ?? ''})</label
          >
          <input
            id="spend-amount"
            inputmode="decimal"
            autocomplete="off"
            .value=${this.amount}
            @input=${(e: Event) => (this.amount = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="spend-line">${t('account.spend.line')}</label>
          <select
            id="spend-line"
            @change=${(e: Event) => (this.line = (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${this.line === ''}>${t('account.spend.noLine')}</option>
            ${this.budgets.flatMap((budget) =>
              budget.lines.map(
                (line) =>
                  html`<option
                    value=${`${budget.id}/${line.id}`}
                    ?selected=${this.line === `${budget.id}/${line.id}`}
                  >
                    ${budget.title} — ${line.label}
                  </option>`,
              ),
            )}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="spend-memo">${t('account.memo')}</label>
        <input
          id="spend-memo"
          autocomplete="off"
          .value=${this.memo}
          @input=${(e: Event) => (this.memo = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${this.error === null ? nothing : html`<p class="error" role="alert">${this.error}</p>`}
      ${this.done ? html`<p role="status">${t('account.spend.done')}</p>` : nothing}
      <button class="button primary" type="submit" ?disabled=${this.busy}>
        ${t('account.spend.submit')}
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-spend-request-form': CoopSpendRequestForm;
  }
}
