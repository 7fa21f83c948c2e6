import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { readAmount } from './amount.js';
import { describeAccountsProblem } from './describe.js';
import { accountsStyles } from './form-styles.js';

/** The form with which a member pays into a collective account (a signed `contribute`). */
@customElement('coop-contribute-form')
export class CoopContributeForm extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** The account's id. */
  @property() account = '';

  @state() private amount = '';
  @state() private memo = '';
  @state() private error: string | null = null;
  @state() private done = false;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const cooperative = this.runtime.snapshot.cooperative;
    if (runtime === undefined || cooperative === null || this.busy) return;
    this.done = false;
    const amount = readAmount(this.i18n, this.amount, cooperative.currency, this.i18n.locale);
    if (!amount.ok) {
      this.error = amount.message;
      return;
    }
    this.busy = true;
    const result = await runtime.contribute(this.account, amount.minor, this.memo);
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
    const code = this.runtime.snapshot.cooperative?.currency.code ?? '';
    return html`<form @submit=${this.submit} novalidate>
      <h2>${t('account.contribute.title')}</h2>
      <div class="row">
        <div class="field">
          <label for="contribute-amount">${t('account.amount')} (${code})</label>
          <input
            id="contribute-amount"
            inputmode="decimal"
            autocomplete="off"
            aria-invalid=${this.error === null ? 'false' : 'true'}
            aria-describedby=${this.error === null ? nothing : 'contribute-error'}
            .value=${this.amount}
            @input=${(e: Event) => (this.amount = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="contribute-memo">${t('account.memo')}</label>
          <input
            id="contribute-memo"
            autocomplete="off"
            .value=${this.memo}
            @input=${(e: Event) => (this.memo = (e.target as HTMLInputElement).value)}
          />
        </div>
      </div>
      ${
        this.error === null
          ? nothing
          : html`<p class="error" id="contribute-error" role="alert">${this.error}</p>`
      }
      ${this.done ? html`<p role="status">${t('account.contribute.done')}</p>` : nothing}
      <button class="button primary" type="submit" ?disabled=${this.busy}>
        ${t('account.contribute.submit')}
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-contribute-form': CoopContributeForm;
  }
}
