import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/governance/coop-proposal-form.js';
import {
  describeMethod,
  describeResult,
  describeScope,
  describeVerification,
} from '../../governance/describe.js';
import {
  amendmentForm,
  emptyProposalForm,
  type ProposalFormState,
} from '../../governance/proposal-form.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { ProposalSummary } from '../runtime-governance.js';
import { screenStyles } from '../screen-styles.js';

/**
 * Proposals: open votes first, then closed ones, and the form for a new proposal or an
 * amendment (`?amends=<id>` opens it prefilled; `?assembly=<id>&scope=<name>` puts it to an
 * assembly).
 */
@customElement('coop-proposals-screen')
export class CoopProposalsScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .list {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      .list li {
        padding: 0.75rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .list p {
        margin: 0 0 0.25rem;
      }
      .list a {
        font-weight: 600;
      }
    `,
  ];

  /** What follows `?` in the address. */
  @property() query = '';

  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  /** The form shown, or `null` for the list alone. */
  @state() private form: { initial: ProposalFormState; amending: string | null } | null = null;
  private formQuery: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override willUpdate(): void {
    if (this.formQuery === this.query) return;
    this.formQuery = this.query;
    const params = new URLSearchParams(this.query);
    const amends = params.get('amends');
    const cooperative = this.runtime.snapshot.cooperative;
    if (amends !== null && cooperative !== null) {
      const proposal = this.runtime.runtime?.proposal(amends) ?? null;
      if (proposal !== null) {
        this.form = {
          initial: amendmentForm(
            proposal,
            this.clock(),
            cooperative.currency.decimals,
            this.i18n.locale,
          ),
          amending: proposal.title,
        };
        return;
      }
    }
    if (params.has('new') || params.has('assembly')) {
      const initial = emptyProposalForm(this.clock());
      this.form = {
        initial: {
          ...initial,
          assembly: params.get('assembly') ?? '',
          scope: params.get('scope') ?? initial.scope,
        },
        amending: null,
      };
    }
  }

  private onCreated(event: CustomEvent<{ entry: string }>): void {
    this.form = null;
    window.location.hash = `${routeHref('proposal', this.i18n.locale)}?id=${event.detail.entry}`;
  }

  private renderItem(proposal: ProposalSummary) {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const href = `${routeHref('proposal', locale)}?id=${encodeURIComponent(proposal.id)}`;
    return html`<li>
      <p><a href=${href}>${proposal.title}</a></p>
      <p class="muted">
        ${describeScope(this.i18n, proposal.scope)} · ${describeMethod(this.i18n, proposal.method)}
      </p>
      <p>
        ${
          proposal.result === null
            ? t('gov.list.closes', { date: formatDateTime(new Date(proposal.closes)) })
            : describeResult(this.i18n, proposal.result)
        }
      </p>
      <p class="muted">${describeVerification(this.i18n, proposal.status)}</p>
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative } = this.runtime.snapshot;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('gov.list.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const { proposals } = runtime.governanceSnapshot();
    const open = proposals.filter((p) => p.result === null);
    const closed = proposals.filter((p) => p.result !== null);
    return html`<h1>${t('gov.list.title')}</h1>
      <p>${t('gov.list.intro')}</p>
      ${
        this.form === null
          ? html`<div class="actions">
              <button
                class="button primary"
                type="button"
                @click=${() => {
                  this.form = { initial: emptyProposalForm(this.clock()), amending: null };
                }}
              >
                ${t('gov.list.new')}
              </button>
            </div>`
          : html`<div class="card">
              <coop-proposal-form
                .initial=${this.form.initial}
                .amendedTitle=${this.form.amending}
                .clock=${this.clock}
                @proposal-created=${this.onCreated}
                @proposal-cancelled=${() => {
                  this.form = null;
                }}
              ></coop-proposal-form>
            </div>`
      }
      ${proposals.length === 0 ? html`<p class="muted">${t('gov.list.none')}</p>` : nothing}
      ${
        open.length === 0
          ? nothing
          : html`<h2>${t('gov.list.openTitle')}</h2>
              <ul class="list">
                ${open.map((p) => this.renderItem(p))}
              </ul>`
      }
      ${
        closed.length === 0
          ? nothing
          : html`<h2>${t('gov.list.closedTitle')}</h2>
              <ul class="list">
                ${closed.map((p) => this.renderItem(p))}
              </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-proposals-screen': CoopProposalsScreen;
  }
}
