import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { payQuery } from '../../market/pay-query.js';
import { formatAmount } from '../../money.js';
import { describeProjectsProblem } from '../../projects/describe.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/** The marker a payment's memo ends with (as packages/peer market.ts writes it). */
function payMemo(title: string, id: string): string {
  const marker = `[offre:${id}]`;
  const cut = [...title.trim()]
    .slice(0, 280 - marker.length - 1)
    .join('')
    .trim();
  return cut === '' ? marker : `${cut} ${marker}`;
}

/**
 * One listing (`#/annonce?id=…`): what it is, its price, who lists it; « Payer » opens the
 * ledger's pay form prefilled (payee, amount, a memo naming the offer) for the member to confirm;
 * the valid payments naming this offer, read from the verified ledger; its author may withdraw it.
 */
@customElement('coop-offer-screen')
export class CoopOfferScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .description-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      h1 {
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The address's query (`id=…`). */
  @property({ attribute: false }) query = '';

  @state() private error: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async onClose(id: string): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.working) return;
    this.working = true;
    try {
      const result = await runtime.closeListing(id);
      this.error = result.ok ? null : describeProjectsProblem(this.i18n, result.reason);
    } finally {
      this.working = false;
    }
  }

  protected override render() {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    const { cooperative, members, self } = this.runtime.snapshot;
    const back = html`<p><a href=${routeHref('market', locale)}>${t('listing.back')}</a></p>`;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('market.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const id = new URLSearchParams(this.query).get('id') ?? '';
    const listing = runtime.projectsSnapshot().listings.find((view) => view.id === id);
    if (listing === undefined) {
      return html`<h1>${t('listing.notFoundTitle')}</h1>
        <p>${t('listing.notFound')}</p>
        ${back}`;
    }
    const payments = runtime.offerPayments(listing.id);
    const price =
      listing.price === null
        ? t('market.free')
        : formatAmount(listing.price, cooperative.currency, locale);
    const payHref = `${routeHref('ledger', locale)}?${payQuery(
      listing.by,
      listing.price,
      payMemo(listing.title, listing.id),
      cooperative.currency.decimals,
    )}`;
    const date = new Date(listing.createdAt);
    return html`${back}
      <h1>${listing.title}</h1>
      <p class="muted">
        ${t(`market.kind.${listing.kind}`)} · ${t(`market.category.${listing.category}`)}
      </p>
      <div class="card">
        <p>${t('listing.price', { price })}${listing.unit === '' ? '' : ` ${listing.unit}`}</p>
        <p>
          ${t('listing.by', { name: memberName(this.i18n, members, listing.by) })}${
            Number.isNaN(date.getTime()) ? '' : ` · ${formatDateTime(date)}`
          }
        </p>
        ${
          listing.description === ''
            ? nothing
            : html`<p class="description-text">${listing.description}</p>`
        }
        ${listing.closed ? html`<p><strong>${t('listing.closed')}</strong></p>` : nothing}
      </div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="card problem">${this.error}</p>`}
      </div>
      ${
        listing.kind === 'offer' && !listing.closed && listing.by !== self
          ? html`<p><a class="button primary" href=${payHref}>${t('listing.pay')}</a></p>`
          : nothing
      }
      ${
        listing.by === self && !listing.closed
          ? html`<p>
              <button
                class="button"
                type="button"
                ?disabled=${this.working}
                @click=${() => this.onClose(listing.id)}
              >
                ${t('listing.close')}
              </button>
            </p>`
          : nothing
      }
      ${
        listing.kind === 'offer'
          ? html`<h2>${t('listing.paymentsTitle')}</h2>
              ${
                payments.length === 0
                  ? html`<p class="muted">${t('listing.noPayments')}</p>`
                  : html`<ul aria-label=${t('listing.paymentsTitle')}>
                      ${payments.map(
                        (payment) =>
                          html`<li>
                            ${t('listing.paymentLine', {
                              name: memberName(this.i18n, members, payment.from),
                              amount: formatAmount(payment.amount, cooperative.currency, locale),
                            })}
                          </li>`,
                      )}
                    </ul>`
              }`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-offer-screen': CoopOfferScreen;
  }
}
