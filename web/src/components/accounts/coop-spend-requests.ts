import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AccountView, SpendRequestSummary } from '../../app/runtime-accounts.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { describeAccountsProblem, describeRequestState, memoWords, partyName } from './describe.js';
import { accountsStyles } from './form-styles.js';

/**
 * An account's spend requests and where each stands; a steward who has not approved one that
 * waits approves it in one tap.
 */
@customElement('coop-spend-requests')
export class CoopSpendRequests extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  @property({ attribute: false }) requests: readonly SpendRequestSummary[] = [];
  /** Every account (names of payees that are accounts). */
  @property({ attribute: false }) accounts: readonly AccountView[] = [];

  @state() private message: { id: string; text: string; error: boolean } | null = null;
  @state() private busy: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async approve(id: string): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.busy !== null) return;
    this.busy = id;
    const result = await runtime.approveSpend(id);
    this.busy = null;
    this.message = result.ok
      ? { id, text: this.i18n.t('account.request.approved'), error: false }
      : { id, text: describeAccountsProblem(this.i18n, result.reason), error: true };
  }

  private renderRequest(request: SpendRequestSummary) {
    const { t, locale } = this.i18n;
    const { members, cooperative } = this.runtime.snapshot;
    if (cooperative === null) return nothing;
    const name = (id: string) => partyName(this.i18n, members, this.accounts, id);
    const amount = formatAmount(request.amount, cooperative.currency, locale);
    return html`<li>
      <p>
        <strong>${t('account.request.summary', { amount, to: name(request.to) })}</strong>
      </p>
      ${
        memoWords(request.memo) === ''
          ? nothing
          : html`<p class="break">${memoWords(request.memo)}</p>`
      }
      <p class="muted">${t('account.request.by', { name: name(request.by) })}</p>
      <p>
        ${describeRequestState(this.i18n, request.state, request.approvedBy.length, request.threshold)}
      </p>
      ${
        request.approvedBy.length === 0
          ? nothing
          : html`<p class="muted">
              ${t('account.request.approvedBy', { names: request.approvedBy.map(name).join(', ') })}
            </p>`
      }
      ${
        request.canApprove
          ? html`<button
              class="button primary"
              type="button"
              ?disabled=${this.busy !== null}
              @click=${() => this.approve(request.id)}
            >
              ${t('account.request.approve')}
            </button>`
          : nothing
      }
      ${
        this.message?.id === request.id
          ? html`<p
              class=${this.message.error ? 'error' : ''}
              role=${this.message.error ? 'alert' : 'status'}
            >
              ${this.message.text}
            </p>`
          : nothing
      }
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<h2>${t('account.requests.title')}</h2>
      ${
        this.requests.length === 0
          ? html`<p class="muted">${t('account.requests.none')}</p>`
          : html`<ul class="list">
              ${this.requests.map((request) => this.renderRequest(request))}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-spend-requests': CoopSpendRequests;
  }
}
