import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { MAX_REQUEST_MEMO } from '@integrale/peer';
import { describePayProblem } from '../../i18n/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import type { PaymentRequestView } from '../../app/runtime-requests.js';
import type { CooperativeInfo } from '../../app/runtime.js';
import { memberName, memberSearch } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';
import { describeRequestProblem } from '../../ledger/describe-requests.js';
import { readRequestForm, type RequestFormInput } from '../../ledger/request-form.js';

/**
 * Payment requests: a form to ask a member for an amount, the requests sent to this member (each
 * settled in one tap and a confirmation, or declined in one tap) and those this member sent, with
 * where each stands. The member asked is picked from a list (`<select>`), not radio buttons, so
 * the pay form's radio buttons stay the only ones named after members.
 */
@customElement('coop-payment-requests')
export class CoopPaymentRequests extends LitElement {
  static override styles = [
    screenStyles,
    css`
      select {
        font: inherit;
        min-block-size: 2.75rem;
        inline-size: 100%;
        max-inline-size: 40rem;
        box-sizing: border-box;
      }
      .requests {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      .requests li {
        padding: 0.75rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .requests p {
        margin: 0 0 0.25rem;
      }
      .memo {
        white-space: pre-wrap;
      }
      .state {
        font-weight: 600;
      }
    `,
  ];

  @state() private search = '';
  @state() private form: RequestFormInput = { to: null, amount: '', memo: '' };
  @state() private errors: Partial<Record<keyof RequestFormInput, string>> = {};
  @state() private settling: string | null = null;
  @state() private message: string | null = null;
  @state() private problem: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async run(task: () => Promise<string | null>): Promise<void> {
    if (this.working) return;
    this.working = true;
    this.message = null;
    this.problem = null;
    try {
      this.message = await task();
    } catch {
      this.problem = this.i18n.t('requests.failed');
    } finally {
      this.working = false;
    }
  }

  private onAsk(event: Event, cooperative: CooperativeInfo): void {
    event.preventDefault();
    const read = readRequestForm(this.i18n, this.form, cooperative.currency, this.i18n.locale);
    if (!read.ok) {
      this.errors = read.errors;
      return;
    }
    this.errors = {};
    void this.run(async () => {
      const runtime = this.runtime.runtime;
      if (runtime === undefined) throw new Error('no runtime');
      const result = await runtime.requestPayment(read);
      if (!result.ok) {
        this.problem = describeRequestProblem(this.i18n, result.reason);
        return null;
      }
      this.form = { to: null, amount: '', memo: '' };
      this.search = '';
      return this.i18n.t('requests.sent');
    });
  }

  private onSettle(id: string): void {
    void this.run(async () => {
      const runtime = this.runtime.runtime;
      if (runtime === undefined) throw new Error('no runtime');
      const result = await runtime.approveRequest(id);
      this.settling = null;
      if (result.ok) return this.i18n.t('requests.settled');
      this.problem =
        result.reason === 'not-open'
          ? describeRequestProblem(this.i18n, 'not-open')
          : describePayProblem(this.i18n, result.reason);
      return null;
    });
  }

  private onDecline(id: string): void {
    void this.run(async () => {
      const runtime = this.runtime.runtime;
      if (runtime === undefined) throw new Error('no runtime');
      const result = await runtime.declineRequest(id);
      if (result.ok) return this.i18n.t('requests.declined');
      this.problem = describeRequestProblem(this.i18n, result.reason);
      return null;
    });
  }

  private renderForm(cooperative: CooperativeInfo) {
    const { t } = this.i18n;
    const { members, self } = this.runtime.snapshot;
    const matches = memberSearch(members, this.search, self, t('members.founderName'));
    const picked = members.find((m) => m.did === this.form.to);
    if (picked !== undefined && !matches.includes(picked)) matches.unshift(picked);
    const { to, amount, memo } = this.errors;
    return html`<form novalidate @submit=${(event: Event) => this.onAsk(event, cooperative)}>
      <div class="field">
        <label for="request-search">${t('requests.searchLabel')}</label>
        <input
          id="request-search"
          type="search"
          autocomplete="off"
          .value=${this.search}
          @input=${(event: Event) => {
            this.search = (event.target as HTMLInputElement).value;
          }}
        />
      </div>
      <div class="field">
        <label for="request-to">${t('requests.memberLabel')}</label>
        <select
          id="request-to"
          aria-invalid=${to === undefined ? 'false' : 'true'}
          aria-describedby=${to === undefined ? nothing : 'request-to-error'}
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            this.form = { ...this.form, to: value === '' ? null : value };
          }}
        >
          <option value="" ?selected=${this.form.to === null}>
            ${t('requests.memberPlaceholder')}
          </option>
          ${matches.map(
            (member) =>
              html`<option value=${member.did} ?selected=${member.did === this.form.to}>
                ${member.name ?? t('members.founderName')}
              </option>`,
          )}
        </select>
        ${to === undefined ? nothing : html`<p class="error" id="request-to-error">${to}</p>`}
      </div>
      <div class="field">
        <label for="request-amount">
          ${t('requests.amountLabel', { code: cooperative.currency.code })}
        </label>
        <input
          id="request-amount"
          inputmode="decimal"
          autocomplete="off"
          aria-invalid=${amount === undefined ? 'false' : 'true'}
          aria-describedby=${amount === undefined ? nothing : 'request-amount-error'}
          .value=${this.form.amount}
          @input=${(event: Event) => {
            this.form = { ...this.form, amount: (event.target as HTMLInputElement).value };
          }}
        />
        ${
          amount === undefined
            ? nothing
            : html`<p class="error" id="request-amount-error">${amount}</p>`
        }
      </div>
      <div class="field">
        <label for="request-memo">${t('requests.memoLabel')}</label>
        <textarea
          id="request-memo"
          maxlength=${MAX_REQUEST_MEMO}
          aria-invalid=${memo === undefined ? 'false' : 'true'}
          aria-describedby=${memo === undefined ? nothing : 'request-memo-error'}
          .value=${this.form.memo}
          @input=${(event: Event) => {
            this.form = { ...this.form, memo: (event.target as HTMLTextAreaElement).value };
          }}
        ></textarea>
        ${memo === undefined ? nothing : html`<p class="error" id="request-memo-error">${memo}</p>`}
      </div>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.working}>
          ${t('requests.submit')}
        </button>
      </div>
    </form>`;
  }

  private stateText(request: PaymentRequestView): string {
    const { t } = this.i18n;
    switch (request.state) {
      case 'open':
        return t('requests.stateOpen');
      case 'declined':
        return t('requests.stateDeclined');
      case 'paid':
        return t('requests.statePaid', { entry: (request.payEntry ?? '').slice(0, 12) });
    }
  }

  private renderRequest(
    cooperative: CooperativeInfo,
    request: PaymentRequestView,
    incoming: boolean,
  ) {
    const { t, locale } = this.i18n.translator;
    const { members } = this.runtime.snapshot;
    const amount = formatAmount(request.amount, cooperative.currency, locale);
    const other = memberName(this.i18n, members, incoming ? request.from : request.to);
    const settling = this.settling === request.id;
    return html`<li data-request=${request.id}>
      <p>
        ${
          incoming
            ? t('requests.incomingLine', { name: other, amount })
            : t('requests.outgoingLine', { name: other, amount })
        }
      </p>
      ${
        request.memo === ''
          ? nothing
          : html`<p class="memo muted">${t('requests.memo', { memo: request.memo })}</p>`
      }
      <p class="state">${this.stateText(request)}</p>
      ${
        !incoming || request.state !== 'open'
          ? nothing
          : settling
            ? html`<div class="card notice" role="group" aria-labelledby="settle-${request.id}">
                <h3 id="settle-${request.id}">${t('requests.confirmTitle')}</h3>
                <p>${t('requests.confirmText', { amount, name: other })}</p>
                <div class="actions">
                  <button
                    class="button primary"
                    type="button"
                    ?disabled=${this.working}
                    @click=${() => this.onSettle(request.id)}
                  >
                    ${t('requests.confirm')}
                  </button>
                  <button
                    class="button"
                    type="button"
                    ?disabled=${this.working}
                    @click=${() => {
                      this.settling = null;
                    }}
                  >
                    ${t('requests.cancel')}
                  </button>
                </div>
              </div>`
            : html`<div class="actions">
                <button
                  class="button primary"
                  type="button"
                  ?disabled=${this.working}
                  @click=${() => {
                    this.message = null;
                    this.problem = null;
                    this.settling = request.id;
                  }}
                >
                  ${t('requests.approve')}
                </button>
                <button
                  class="button"
                  type="button"
                  ?disabled=${this.working}
                  @click=${() => this.onDecline(request.id)}
                >
                  ${t('requests.decline')}
                </button>
              </div>`
      }
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative, self } = this.runtime.snapshot;
    if (cooperative === null || runtime === undefined) return nothing;
    const requests = runtime.paymentRequests();
    const incoming = requests.filter((r) => r.to === self);
    const outgoing = requests.filter((r) => r.from === self);
    return html`<h2>${t('requests.title')}</h2>
      <p>${t('requests.intro')}</p>
      <div role="status">
        ${this.message === null ? nothing : html`<p class="card notice">${this.message}</p>`}
      </div>
      <div role="alert">
        ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
      </div>
      <h3>${t('requests.incomingTitle')}</h3>
      ${
        incoming.length === 0
          ? html`<p class="muted">${t('requests.noIncoming')}</p>`
          : html`<ul class="requests" aria-label=${t('requests.incomingTitle')}>
              ${incoming.map((request) => this.renderRequest(cooperative, request, true))}
            </ul>`
      }
      <h3>${t('requests.askTitle')}</h3>
      ${this.renderForm(cooperative)}
      <h3>${t('requests.outgoingTitle')}</h3>
      ${
        outgoing.length === 0
          ? html`<p class="muted">${t('requests.noOutgoing')}</p>`
          : html`<ul class="requests" aria-label=${t('requests.outgoingTitle')}>
              ${outgoing.map((request) => this.renderRequest(cooperative, request, false))}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-payment-requests': CoopPaymentRequests;
  }
}
