import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describePayProblem } from '../../i18n/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount, formatAmountForInput } from '../../money.js';
import { parsePayQuery } from '../../market/pay-query.js';
import { RuntimeController } from '../runtime-controller.js';
import { MAX_MEMO_LENGTH, type CooperativeInfo, type LedgerEntryView } from '../runtime.js';
import {
  describeEntryState,
  memberName,
  memberSearch,
  readPayForm,
  type PayFormInput,
} from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';
import '../../components/ledger/coop-ledger-alerts.js';
import '../../components/ledger/coop-ledger-statement.js';
import '../../components/ledger/coop-payment-requests.js';
import '../../components/governance/coop-limit-line.js';

/** Most members listed under the search field at once. */
const MAX_MATCHES = 20;

/** A payment read from the form, waiting for the member's confirmation. */
interface PaymentToConfirm {
  readonly to: string;
  readonly amount: number;
  readonly memo: string;
}

/** The ledger: balance and credit limit, the pay form (with a confirmation step), the history. */
@customElement('coop-ledger-screen')
export class CoopLedgerScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      fieldset {
        border: 0;
        margin: 0 0 1rem;
        padding: 0;
        max-inline-size: 40rem;
      }
      legend {
        font-weight: 600;
        padding: 0;
        margin-block-end: 0.4rem;
      }
      .choices {
        list-style: none;
        margin: 0.5rem 0 0;
        padding: 0;
      }
      .choices label {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-block-size: 2.75rem;
        font-weight: 400;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .history {
        list-style: none;
        padding: 0;
        margin: 0;
        max-inline-size: 40rem;
      }
      .history li {
        padding: 0.75rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .history p {
        margin: 0 0 0.25rem;
      }
      .state {
        font-weight: 600;
      }
      .state.invalid {
        color: var(--coop-color-danger, #a61b1b);
      }
      .memo {
        white-space: pre-wrap;
      }
      .verified {
        color: var(--coop-color-heading, #123d27);
        font-size: 0.95em;
      }
    `,
  ];

  /** The address's query: `a=<did>&montant=…&memo=…` prefills the pay form (checked first). */
  @property({ attribute: false }) query = '';
  /** The query whose prefill was applied (so a member's edits are not overwritten). */
  private prefilled: string | null = null;
  @state() private prefillRefused = false;

  @state() private search = '';
  @state() private form: PayFormInput = { to: null, amount: '', memo: '' };
  @state() private errors: Partial<Record<keyof PayFormInput, string>> = {};
  @state() private confirming: PaymentToConfirm | null = null;
  @state() private problem: string | null = null;
  @state() private done = false;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override willUpdate(): void {
    const { cooperative, members, self } = this.runtime.snapshot;
    if (cooperative === null || this.query === this.prefilled) return;
    this.prefilled = this.query;
    const read = parsePayQuery(this.query, cooperative.currency.decimals);
    const payee =
      read.payee !== null && read.payee !== self && members.some((m) => m.did === read.payee)
        ? read.payee
        : null;
    this.prefillRefused = read.refused.length > 0 || (read.payee !== null && payee === null);
    if (payee === null && read.amount === null && read.memo === null) return;
    this.form = {
      to: payee ?? this.form.to,
      amount:
        read.amount === null
          ? this.form.amount
          : formatAmountForInput(read.amount, cooperative.currency.decimals, this.i18n.locale),
      memo: read.memo ?? this.form.memo,
    };
    this.done = false;
    this.confirming = null;
  }

  private onReview(event: Event, cooperative: CooperativeInfo): void {
    event.preventDefault();
    this.problem = null;
    this.done = false;
    const read = readPayForm(this.i18n, this.form, cooperative.currency, this.i18n.locale);
    if (!read.ok) {
      this.errors = read.errors;
      return;
    }
    this.errors = {};
    this.confirming = { to: read.to, amount: read.amount, memo: read.memo };
    // The form gives way to the confirmation: the focus goes with it, not to the page.
    void this.focusAfterRender('#confirm-box');
  }

  /** Moves the keyboard focus to `selector` once the next render is done. */
  private async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async onConfirm(): Promise<void> {
    const payment = this.confirming;
    if (payment === null || this.working) return;
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      this.problem = describePayProblem(this.i18n, 'not-ready');
      return;
    }
    this.working = true;
    try {
      const result = await runtime.pay(payment);
      if (result.ok) {
        this.done = true;
        this.confirming = null;
        this.form = { to: null, amount: '', memo: '' };
        this.search = '';
      } else {
        this.problem = describePayProblem(this.i18n, result.reason);
        this.confirming = null;
      }
    } catch {
      this.problem = this.i18n.t('ledger.payFailed');
      this.confirming = null;
    } finally {
      this.working = false;
    }
    // The confirmation is gone: the focus goes to what became of the payment.
    await this.focusAfterRender('#pay-result');
  }

  private renderPayForm(cooperative: CooperativeInfo) {
    const { t } = this.i18n;
    const { members, self } = this.runtime.snapshot;
    const matches = memberSearch(members, this.search, self, t('members.founderName'));
    const shown = matches.slice(0, MAX_MATCHES);
    const picked = members.find((m) => m.did === this.form.to);
    if (picked !== undefined && !shown.includes(picked)) shown.unshift(picked);
    const { to, amount, memo } = this.errors;
    return html`<form novalidate @submit=${(event: Event) => this.onReview(event, cooperative)}>
      <div class="field">
        <label for="search">${t('ledger.searchLabel')}</label>
        <input
          id="search"
          type="search"
          autocomplete="off"
          .value=${this.search}
          @input=${(event: Event) => {
            this.search = (event.target as HTMLInputElement).value;
          }}
        />
      </div>
      <fieldset aria-describedby=${to === undefined ? nothing : 'to-error'}>
        <legend>${t('ledger.payeeLegend')}</legend>
        ${
          shown.length === 0
            ? html`<p class="muted">${t('ledger.noMatch')}</p>`
            : html`<ul class="choices">
                ${shown.map(
                  (member) =>
                    html`<li>
                      <label>
                        <input
                          type="radio"
                          name="to"
                          .checked=${member.did === this.form.to}
                          @change=${() => {
                            this.form = { ...this.form, to: member.did };
                          }}
                        />
                        <span>${member.name ?? t('members.founderName')}</span>
                      </label>
                    </li>`,
                )}
              </ul>`
        }
        ${to === undefined ? nothing : html`<p class="error" id="to-error">${to}</p>`}
      </fieldset>
      <div class="field">
        <label for="amount">${t('ledger.amountLabel', { code: cooperative.currency.code })}</label>
        <input
          id="amount"
          inputmode="decimal"
          autocomplete="off"
          aria-invalid=${amount === undefined ? 'false' : 'true'}
          aria-describedby=${amount === undefined ? nothing : 'amount-error'}
          .value=${this.form.amount}
          @input=${(event: Event) => {
            this.form = { ...this.form, amount: (event.target as HTMLInputElement).value };
          }}
        />
        ${amount === undefined ? nothing : html`<p class="error" id="amount-error">${amount}</p>`}
      </div>
      <div class="field">
        <label for="memo">${t('ledger.memoLabel')}</label>
        <textarea
          id="memo"
          maxlength=${MAX_MEMO_LENGTH}
          aria-invalid=${memo === undefined ? 'false' : 'true'}
          aria-describedby=${memo === undefined ? nothing : 'memo-error'}
          .value=${this.form.memo}
          @input=${(event: Event) => {
            this.form = { ...this.form, memo: (event.target as HTMLTextAreaElement).value };
          }}
        ></textarea>
        ${memo === undefined ? nothing : html`<p class="error" id="memo-error">${memo}</p>`}
      </div>
      <div class="actions">
        <button class="button primary" type="submit">${t('ledger.review')}</button>
      </div>
    </form>`;
  }

  private renderConfirmation(cooperative: CooperativeInfo, payment: PaymentToConfirm) {
    const { t, locale } = this.i18n.translator;
    const { members } = this.runtime.snapshot;
    return html`<div
      class="card notice"
      id="confirm-box"
      tabindex="-1"
      role="group"
      aria-labelledby="confirm-title"
    >
      <h3 id="confirm-title">${t('ledger.confirmTitle')}</h3>
      <p>
        ${t('ledger.confirmText', {
          amount: formatAmount(payment.amount, cooperative.currency, locale),
          name: memberName(this.i18n, members, payment.to),
        })}
      </p>
      ${
        payment.memo === ''
          ? nothing
          : html`<p class="memo">${t('ledger.confirmMemo', { memo: payment.memo })}</p>`
      }
      <div class="actions">
        <button
          class="button primary"
          type="button"
          ?disabled=${this.working}
          @click=${this.onConfirm}
        >
          ${t('ledger.confirm')}
        </button>
        <button
          class="button"
          type="button"
          ?disabled=${this.working}
          @click=${() => {
            this.confirming = null;
          }}
        >
          ${t('ledger.back')}
        </button>
      </div>
    </div>`;
  }

  private renderEntry(cooperative: CooperativeInfo, entry: LedgerEntryView) {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const { members } = this.runtime.snapshot;
    const author = memberName(this.i18n, members, entry.author);
    const verdict = describeEntryState(this.i18n, entry.status);
    const date = new Date(entry.ts);
    const when = Number.isNaN(date.getTime()) ? entry.ts : formatDateTime(date);
    return html`<li>
      <p>
        ${
          entry.pay === undefined
            ? t('ledger.otherLine', { from: author })
            : t('ledger.payLine', {
                from: author,
                amount: formatAmount(entry.pay.amount, cooperative.currency, locale),
                to: memberName(this.i18n, members, entry.pay.to),
              })
        }
      </p>
      ${
        entry.pay === undefined || entry.pay.memo === ''
          ? nothing
          : html`<p class="memo muted">${entry.pay.memo}</p>`
      }
      <p class=${`state ${verdict.state}`}>
        ${
          verdict.reason === null
            ? verdict.label
            : t('ledger.stateLine', { label: verdict.label, reason: verdict.reason })
        }
      </p>
      ${
        entry.status.state === 'valid'
          ? html`<p class="verified">
              <span aria-hidden="true">✓</span> ${t('alerts.verified', { name: author })}
            </p>`
          : nothing
      }
      <p class="muted">${t('ledger.signedBy', { name: author, date: when })}</p>
    </li>`;
  }

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const { cooperative, balance, entries } = this.runtime.snapshot;
    if (cooperative === null) {
      return html`<h1>${t('ledger.title')}</h1>
        <p>${t('ledger.intro')}</p>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    return html`<h1>${t('ledger.title')}</h1>
      <p>${t('ledger.intro')}</p>
      <coop-ledger-alerts></coop-ledger-alerts>
      <div class="card notice">
        <p>
          ${t('ledger.yourBalance', {
            amount: formatAmount(balance, cooperative.currency, locale),
          })}
        </p>
        <coop-limit-line></coop-limit-line>
      </div>
      <h2>${t('ledger.payTitle')}</h2>
      <div role="status">
        ${
          this.done
            ? html`<p class="card notice" id="pay-result" tabindex="-1">${t('ledger.paid')}</p>`
            : nothing
        }
      </div>
      <div role="alert">
        ${
          this.prefillRefused
            ? html`<p class="card problem">${t('listing.prefillRefused')}</p>`
            : nothing
        }
        ${
          this.problem === null
            ? nothing
            : html`<p class="card problem" id="pay-result" tabindex="-1">${this.problem}</p>`
        }
      </div>
      ${
        this.confirming === null
          ? this.renderPayForm(cooperative)
          : this.renderConfirmation(cooperative, this.confirming)
      }
      <coop-payment-requests></coop-payment-requests>
      <h2>${t('ledger.historyTitle')}</h2>
      ${
        entries.length === 0
          ? html`<p class="muted">${t('ledger.noEntries')}</p>`
          : html`<ul class="history">
              ${entries.map((entry) => this.renderEntry(cooperative, entry))}
            </ul>`
      }
      <coop-ledger-statement></coop-ledger-statement>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-ledger-screen': CoopLedgerScreen;
  }
}
