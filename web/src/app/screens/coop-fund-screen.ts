import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/accounts/coop-contribute-form.js';
import { readAmount } from '../../components/accounts/amount.js';
import '../../components/fund/coop-loan-card.js';
import { describeEconomyProblem, endOfDay, formatDay } from '../../components/fund/describe.js';
import { equalSchedule, type ScheduledInstalment } from '../../fund/instalments.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../runtime-controller.js';
import type { FundInfo, ProjectAccountInfo } from '../runtime-services.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/** The loan form's fields, as typed. */
interface LoanForm {
  title: string;
  text: string;
  to: string;
  amount: string;
  count: string;
  first: string;
  closes: string;
}

const EMPTY_FORM: LoanForm = {
  title: '',
  text: '',
  to: '',
  amount: '',
  count: '3',
  first: '',
  closes: '',
};

/**
 * The interest-free fund: its balance and stewards, a member's contribution, every contribution,
 * the loans with their schedules and where each instalment stands, and a form to propose a loan
 * to a project's account with an equal monthly schedule that adds up exactly to the amount.
 */
@customElement('coop-fund-screen')
export class CoopFundScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .field {
        display: grid;
        gap: 0.25rem;
        margin: 0 0 0.75rem;
      }
      input,
      textarea,
      select {
        font: inherit;
        padding: 0.5rem;
        box-sizing: border-box;
        inline-size: 100%;
        max-inline-size: 100%;
      }
      input,
      select {
        min-block-size: 2.75rem;
      }
      .contributions li {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private form: LoanForm = { ...EMPTY_FORM };
  @state() private showForm = false;
  @state() private message: string | null = null;
  @state() private error: string | null = null;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private field<K extends keyof LoanForm>(key: K) {
    return (event: Event) => {
      this.form = { ...this.form, [key]: (event.target as HTMLInputElement).value };
    };
  }

  /** The schedule the form describes, or the sentence saying why there is none. */
  private schedule(): { schedule: ScheduledInstalment[]; amount: number } | { message: string } {
    const { t } = this.i18n;
    const currency = this.runtime.snapshot.cooperative?.currency;
    if (currency === undefined) return { message: t('services.problem.not-ready') };
    const amount = readAmount(this.i18n, this.form.amount, currency, this.i18n.locale);
    if (!amount.ok) return { message: amount.message };
    if (endOfDay(this.form.first) === null) return { message: t('fund.propose.badDate') };
    const count = /^[0-9]{1,3}$/.test(this.form.count.trim()) ? Number(this.form.count) : NaN;
    const schedule = equalSchedule(amount.minor, count, this.form.first);
    if (schedule === null || schedule.length > 120) return { message: t('fund.propose.badSplit') };
    return { schedule, amount: amount.minor };
  }

  private async propose(event: Event, projects: readonly ProjectAccountInfo[]): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.busy) return;
    const planned = this.schedule();
    if ('message' in planned) {
      this.error = planned.message;
      return;
    }
    const closes = endOfDay(this.form.closes);
    if (closes === null) {
      this.error = this.i18n.t('services.problem.invalid-closing');
      return;
    }
    this.busy = true;
    const result = await runtime.proposeLoan({
      title: this.form.title,
      text: this.form.text,
      to: this.form.to === '' ? (projects[0]?.id ?? '') : this.form.to,
      amount: planned.amount,
      schedule: planned.schedule,
      closes,
    });
    this.busy = false;
    if (!result.ok) {
      this.error = describeEconomyProblem(this.i18n, result.reason);
      return;
    }
    this.error = null;
    this.form = { ...EMPTY_FORM };
    this.showForm = false;
    this.message = this.i18n.t('fund.propose.done');
  }

  private renderForm(projects: readonly ProjectAccountInfo[]) {
    const { t, locale } = this.i18n;
    const currency = this.runtime.snapshot.cooperative?.currency;
    if (projects.length === 0) return html`<p class="muted">${t('fund.propose.noProject')}</p>`;
    const planned = this.form.amount === '' || this.form.first === '' ? null : this.schedule();
    return html`<form
      class="card"
      novalidate
      aria-labelledby="loan-heading"
      @submit=${(event: Event) => this.propose(event, projects)}
    >
      <h2 id="loan-heading">${t('fund.propose.heading')}</h2>
      <div class="field">
        <label for="loan-title">${t('fund.propose.loanTitle')}</label>
        <input
          id="loan-title"
          maxlength="200"
          .value=${this.form.title}
          @input=${this.field('title')}
        />
      </div>
      <div class="field">
        <label for="loan-text">${t('fund.propose.text')}</label>
        <textarea
          id="loan-text"
          rows="3"
          .value=${this.form.text}
          @input=${this.field('text')}
        ></textarea>
      </div>
      <div class="field">
        <label for="loan-to">${t('fund.propose.to')}</label>
        <select id="loan-to" @change=${this.field('to')}>
          ${projects.map(
            (project) =>
              html`<option value=${project.id} ?selected=${project.id === this.form.to}>
                ${project.name}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="loan-amount">${t('fund.propose.amount')} (${currency?.code ?? ''})</label>
        <input
          id="loan-amount"
          inputmode="decimal"
          .value=${this.form.amount}
          @input=${this.field('amount')}
        />
      </div>
      <div class="field">
        <label for="loan-count">${t('fund.propose.count')}</label>
        <input
          id="loan-count"
          inputmode="numeric"
          .value=${this.form.count}
          @input=${this.field('count')}
        />
      </div>
      <div class="field">
        <label for="loan-first">${t('fund.propose.first')}</label>
        <input
          id="loan-first"
          type="date"
          .value=${this.form.first}
          @input=${this.field('first')}
        />
      </div>
      ${
        planned !== null && 'schedule' in planned && currency !== undefined
          ? html`<p id="loan-preview">${t('fund.propose.preview')}</p>
              <ol aria-labelledby="loan-preview">
                ${planned.schedule.map(
                  (instalment) =>
                    html`<li>
                      ${t('fund.instalment', {
                        date: formatDay(instalment.due, locale),
                        amount: formatAmount(instalment.amount, currency, locale),
                      })}
                    </li>`,
                )}
              </ol>`
          : nothing
      }
      <div class="field">
        <label for="loan-closes">${t('fund.propose.closes')}</label>
        <input
          id="loan-closes"
          type="date"
          .value=${this.form.closes}
          @input=${this.field('closes')}
        />
      </div>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${t('fund.propose.submit')}
        </button>
        <button class="button" type="button" @click=${() => (this.showForm = false)}>
          ${t('services.cancel')}
        </button>
      </div>
    </form>`;
  }

  private renderFund(fund: FundInfo, projects: readonly ProjectAccountInfo[]) {
    const { t, locale } = this.i18n;
    const snapshot = this.runtime.snapshot;
    const currency = snapshot.cooperative!.currency;
    const name = (did: string) => memberName(this.i18n, snapshot.members, did);
    return html`<p class="card">
        <strong
          >${t('fund.balance', { amount: formatAmount(fund.balance, currency, locale) })}</strong
        ><br />${t('fund.stewards', { names: fund.stewards.map(name).join(', ') })}
      </p>
      <coop-contribute-form .account=${fund.account}></coop-contribute-form>
      <h2>${t('fund.loans')}</h2>
      ${fund.loans.length === 0 ? html`<p class="muted">${t('fund.noLoan')}</p>` : nothing}
      ${fund.loans.map(
        (loan) =>
          html`<coop-loan-card
            .loan=${loan}
            .currency=${currency}
            .members=${snapshot.members}
          ></coop-loan-card>`,
      )}
      ${
        this.showForm
          ? this.renderForm(projects)
          : html`<button class="button" type="button" @click=${() => (this.showForm = true)}>
              ${t('fund.propose.show')}
            </button>`
      }
      <h2>${t('fund.contributions')}</h2>
      ${
        fund.contributions.length === 0
          ? html`<p class="muted">${t('fund.noContribution')}</p>`
          : html`<ul class="contributions">
              ${fund.contributions.map(
                (contribution) =>
                  html`<li>
                    ${t('fund.contribution', {
                      name: name(contribution.from),
                      amount: formatAmount(contribution.amount, currency, locale),
                    })}
                    ${contribution.memo === '' ? nothing : html`<span class="muted">— ${contribution.memo}</span>`}
                  </li>`,
              )}
            </ul>`
      }`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    if (this.runtime.snapshot.cooperative === null || runtime === undefined) {
      return html`<h1>${t('fund.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const economy = runtime.economySnapshot();
    return html`<h1>${t('fund.title')}</h1>
      <p>${t('fund.intro')}</p>
      <div role="status">${this.message === null ? nothing : html`<p>${this.message}</p>`}</div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="error">${this.error}</p>`}
      </div>
      ${
        economy.fund === null
          ? html`<p class="card notice">${t('fund.missing')}</p>`
          : this.renderFund(economy.fund, economy.projectAccounts)
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-fund-screen': CoopFundScreen;
  }
}
