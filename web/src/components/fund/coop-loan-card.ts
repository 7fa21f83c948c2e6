import type { Currency, MemberInfo } from '@integrale/ledger';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { routeHref } from '../../app/routes.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import type { LoanInfo } from '../../app/runtime-services.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { readAmount } from '../accounts/amount.js';
import { describeEconomyProblem, formatDay } from './describe.js';

/**
 * One loan of the fund: where it stands, its schedule with each instalment paid, late or due,
 * and — for those who may — paying it out (a fund steward, once adopted) or repaying it (a
 * steward of the project's account, once paid out).
 */
@customElement('coop-loan-card')
export class CoopLoanCard extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ol {
        padding-inline-start: 1.25rem;
        margin: 0 0 1rem;
      }
      .state-paid {
        color: var(--coop-color-primary, #1d5c3a);
        font-weight: 600;
      }
      .state-late {
        color: var(--coop-color-danger, #a61b1b);
        font-weight: 600;
      }
      h3 {
        margin: 0 0 0.5rem;
        overflow-wrap: anywhere;
      }
      .field {
        display: grid;
        gap: 0.25rem;
        margin: 0 0 0.75rem;
      }
      input {
        font: inherit;
        padding: 0.5rem;
        min-block-size: 2.75rem;
        box-sizing: border-box;
        max-inline-size: 100%;
      }
    `,
  ];

  @property({ attribute: false }) loan: LoanInfo | null = null;
  @property({ attribute: false }) currency: Currency | null = null;
  @property({ attribute: false }) members: readonly MemberInfo[] = [];
  @state() private repayText = '';
  @state() private message: string | null = null;
  @state() private error: string | null = null;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async payOut(): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.loan === null || this.busy) return;
    this.busy = true;
    const result = await runtime.payOutLoan(this.loan.id);
    this.busy = false;
    this.error = result.ok ? null : describeEconomyProblem(this.i18n, result.reason);
    this.message = result.ok ? this.i18n.t('fund.paidOut') : null;
  }

  private async repay(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.loan === null || this.currency === null || this.busy) return;
    const amount = readAmount(this.i18n, this.repayText, this.currency, this.i18n.locale);
    if (!amount.ok) {
      this.error = amount.message;
      return;
    }
    this.busy = true;
    const result = await runtime.repayLoan(this.loan.id, amount.minor);
    this.busy = false;
    this.error = result.ok ? null : describeEconomyProblem(this.i18n, result.reason);
    this.message = result.ok ? this.i18n.t('fund.repay.done') : null;
    if (result.ok) this.repayText = '';
  }

  protected override render() {
    const loan = this.loan;
    const currency = this.currency;
    if (loan === null || currency === null) return nothing;
    const { t, locale } = this.i18n;
    const money = (minor: number) => formatAmount(minor, currency, locale);
    const inputId = `repay-${loan.id.slice(0, 12)}`;
    return html`<article class="card" aria-labelledby="title-${loan.id.slice(0, 12)}">
      <h3 id="title-${loan.id.slice(0, 12)}">${loan.title}</h3>
      <p><strong>${t(`fund.stage.${loan.stage}`)}</strong></p>
      <p>${t('fund.loan.to', { name: loan.toName })}</p>
      <p>${t('fund.loan.amount', { amount: money(loan.amount) })}</p>
      ${loan.text === '' ? nothing : html`<p class="muted">${loan.text}</p>`}
      ${
        loan.stage === 'paid-out' || loan.stage === 'repaid'
          ? html`<p>
              ${t('fund.loan.repaid', {
                repaid: money(loan.repaid),
                remaining: money(loan.remaining),
              })}
            </p>`
          : nothing
      }
      <h4>${t('fund.instalments')}</h4>
      <ol>
        ${loan.instalments.map(
          (instalment) =>
            html`<li>
              ${t('fund.instalment', {
                date: formatDay(instalment.due, locale),
                amount: money(instalment.amount),
              })}
              —
              <span class="state-${instalment.state}">${t(`fund.state.${instalment.state}`)}</span>
            </li>`,
        )}
      </ol>
      <p><a href="${routeHref('proposal', locale)}?id=${loan.id}">${t('fund.seeVote')}</a></p>
      ${
        loan.canPayOut
          ? html`<button
              class="button primary"
              type="button"
              ?disabled=${this.busy}
              @click=${this.payOut}
            >
              ${t('fund.payOut')}
            </button>`
          : nothing
      }
      ${
        loan.canRepay
          ? html`<form novalidate @submit=${this.repay}>
              <div class="field">
                <label for=${inputId}>${t('fund.repay.amount')} (${currency.code})</label>
                <input
                  id=${inputId}
                  inputmode="decimal"
                  .value=${this.repayText}
                  @input=${(event: Event) =>
                    (this.repayText = (event.target as HTMLInputElement).value)}
                />
              </div>
              <button class="button" type="submit" ?disabled=${this.busy}>
                ${t('fund.repay.submit')}
              </button>
            </form>`
          : nothing
      }
      <div role="status">${this.message === null ? nothing : html`<p>${this.message}</p>`}</div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="error">${this.error}</p>`}
      </div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-loan-card': CoopLoanCard;
  }
}
