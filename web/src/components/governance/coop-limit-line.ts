import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { routeHref } from '../../app/routes.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';

/**
 * This member's credit limit in force — the one their own feed follows, set at the founding or
 * by an adopted decision their device took up — and the decision that set it, linked to the
 * decision log. (The genesis's limit is only the starting point.)
 */
@customElement('coop-limit-line')
export class CoopLimitLine extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    p {
      margin: 0 0 0.25rem;
      color: var(--coop-color-muted, #4f5a52);
      overflow-wrap: anywhere;
    }
  `;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const { cooperative } = this.runtime.snapshot;
    if (cooperative === null) return nothing;
    const limit = this.runtime.runtime?.governanceSnapshot().limit ?? null;
    const amount = limit?.limit ?? cooperative.creditLimit;
    return html`<p>
        ${t('ledger.creditLimit', { amount: formatAmount(-amount, cooperative.currency, locale) })}
      </p>
      <p>
        ${
          limit === null || limit.decision === null
            ? t('gov.limit.genesis')
            : html`<a href=${routeHref('decisions', locale)}
                >${t('gov.limit.decided', { title: limit.title ?? limit.decision.slice(0, 12) })}</a
              >`
        }
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-limit-line': CoopLimitLine;
  }
}
