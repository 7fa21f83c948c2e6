import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { NEED_CATEGORY, suggestOffers } from '../../market/match.js';
import { CATEGORIES, isCategory, searchListings, type Category } from '../../market/search.js';
import { formatAmount, parseAmount } from '../../money.js';
import { describeProjectsProblem } from '../../projects/describe.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { CooperativeInfo } from '../runtime.js';
import type { ListingView } from '../runtime-projects.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

interface ListingForm {
  kind: 'offer' | 'want';
  title: string;
  description: string;
  category: Category;
  price: string;
  unit: string;
}

const EMPTY_FORM: ListingForm = {
  kind: 'offer',
  title: '',
  description: '',
  category: 'services',
  price: '',
  unit: '',
};

/**
 * Offers and wants: every member lists what they offer or need, with a price in the
 * cooperative's currency or none; search (without case or accents) and categories; suggestions
 * matching this member's wants and the projects' needs to offers.
 */
@customElement('coop-market-screen')
export class CoopMarketScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ul.listings {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      ul.listings li {
        overflow-wrap: anywhere;
      }
      ul.listings a {
        font-weight: 700;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0 0 1rem;
        min-inline-size: 0;
      }
    `,
  ];

  @state() private search = '';
  @state() private category: Category | '' = '';
  @state() private form: ListingForm = { ...EMPTY_FORM };
  @state() private error: string | null = null;
  @state() private message: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async onAdd(event: Event, cooperative: CooperativeInfo): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.working) return;
    const { t } = this.i18n;
    let price: number | null = null;
    if (this.form.price.trim() !== '') {
      const parsed = parseAmount(this.form.price, cooperative.currency.decimals, {
        locale: this.i18n.locale,
      });
      if (!parsed.ok) {
        this.error = t('market.problem.price');
        return;
      }
      price = parsed.minor;
    }
    this.working = true;
    this.error = null;
    this.message = null;
    try {
      const { kind, title, description, category, unit } = this.form;
      const result = await runtime.addListing({ kind, title, description, category, price, unit });
      if (!result.ok) {
        this.error = describeProjectsProblem(this.i18n, result.reason);
        return;
      }
      this.form = { ...EMPTY_FORM };
      this.message = t('market.added');
    } finally {
      this.working = false;
    }
  }

  private priceOf(cooperative: CooperativeInfo, listing: ListingView): string {
    const { t, locale } = this.i18n;
    if (listing.price === null) return t('market.free');
    const amount = formatAmount(listing.price, cooperative.currency, locale);
    return listing.unit === '' ? amount : `${amount} ${listing.unit}`;
  }

  private renderListing(cooperative: CooperativeInfo, listing: ListingView) {
    const { t, locale } = this.i18n;
    const { members } = this.runtime.snapshot;
    return html`<li class="card">
      <p>
        <a href=${`${routeHref('offer', locale)}?id=${listing.id}`}>${listing.title}</a>
      </p>
      <p class="muted">
        ${t(`market.category.${listing.category}`)} · ${this.priceOf(cooperative, listing)} ·
        ${memberName(this.i18n, members, listing.by)}
      </p>
    </li>`;
  }

  private renderSuggestions(cooperative: CooperativeInfo, listings: readonly ListingView[]) {
    const { t, locale } = this.i18n;
    const runtime = this.runtime.runtime;
    const self = this.runtime.snapshot.self;
    const offers = listings.filter((l) => l.kind === 'offer' && !l.closed && l.by !== self);
    const rows: { key: string; label: string; matches: ListingView[] }[] = [];
    for (const want of listings) {
      if (want.kind !== 'want' || want.closed || want.by !== self) continue;
      const matches = suggestOffers(want, offers, 3);
      if (matches.length > 0) rows.push({ key: want.id, label: want.title, matches });
    }
    for (const project of runtime?.projectsSnapshot().projects ?? []) {
      if (project.status === 'finished') continue;
      for (const need of project.needs) {
        if (need.covered >= need.quantity) continue;
        const matches = suggestOffers(
          { title: need.what, description: '', category: NEED_CATEGORY[need.kind] ?? null },
          offers,
          3,
        );
        if (matches.length > 0) {
          rows.push({
            key: `${project.id}/${need.id}`,
            label: t('market.forNeed', { project: project.title, need: need.what }),
            matches,
          });
        }
      }
    }
    if (rows.length === 0) return nothing;
    return html`<h2>${t('market.suggestionsTitle')}</h2>
      <ul class="listings">
        ${rows.map(
          (row) =>
            html`<li class="card">
              <p>${t('market.suggestionFor', { what: row.label })}</p>
              <ul>
                ${row.matches.map(
                  (offer) =>
                    html`<li>
                      <a href=${`${routeHref('offer', locale)}?id=${offer.id}`}>${offer.title}</a>
                      <span class="muted">· ${this.priceOf(cooperative, offer)}</span>
                    </li>`,
                )}
              </ul>
            </li>`,
        )}
      </ul>`;
  }

  private renderForm(cooperative: CooperativeInfo) {
    const { t } = this.i18n;
    const set =
      <K extends keyof ListingForm>(key: K) =>
      (event: Event) => {
        this.form = { ...this.form, [key]: (event.target as HTMLInputElement).value };
      };
    return html`<h2 id="add-title">${t('market.addTitle')}</h2>
      <form
        class="card"
        novalidate
        aria-labelledby="add-title"
        @submit=${(event: Event) => this.onAdd(event, cooperative)}
      >
        <fieldset>
          <legend>${t('market.kindLegend')}</legend>
          ${(['offer', 'want'] as const).map(
            (kind) =>
              html`<label>
                <input
                  type="radio"
                  name="kind"
                  .checked=${this.form.kind === kind}
                  @change=${() => {
                    this.form = { ...this.form, kind };
                  }}
                />
                <span>${t(`market.kind.${kind}`)}</span>
              </label>`,
          )}
        </fieldset>
        <div class="field">
          <label for="l-title">${t('market.titleLabel')}</label>
          <input id="l-title" maxlength="120" .value=${this.form.title} @input=${set('title')} />
        </div>
        <div class="field">
          <label for="l-description">${t('market.descriptionLabel')}</label>
          <textarea
            id="l-description"
            rows="3"
            .value=${this.form.description}
            @input=${set('description')}
          ></textarea>
        </div>
        <div class="field">
          <label for="l-category">${t('market.categoryLabel')}</label>
          <select id="l-category" @change=${set('category')}>
            ${CATEGORIES.map(
              (category) =>
                html`<option value=${category} ?selected=${category === this.form.category}>
                  ${t(`market.category.${category}`)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="l-price"
            >${t('market.priceLabel', { code: cooperative.currency.code })}</label
          >
          <input
            id="l-price"
            inputmode="decimal"
            aria-describedby="l-price-hint"
            .value=${this.form.price}
            @input=${set('price')}
          />
          <p class="hint" id="l-price-hint">${t('market.priceHint')}</p>
        </div>
        <div class="field">
          <label for="l-unit">${t('market.unitLabel')}</label>
          <input id="l-unit" maxlength="40" .value=${this.form.unit} @input=${set('unit')} />
        </div>
        <button class="button primary" type="submit" ?disabled=${this.working}>
          ${t('market.add')}
        </button>
      </form>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative } = this.runtime.snapshot;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('market.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const listings = runtime.projectsSnapshot().listings;
    const open = listings.filter((listing) => !listing.closed);
    const found = searchListings(open, this.search, this.category);
    const offers = found.filter((listing) => listing.kind === 'offer');
    const wants = found.filter((listing) => listing.kind === 'want');
    return html`<h1>${t('market.title')}</h1>
      <p>${t('market.intro')}</p>
      <div role="status">
        ${this.message === null ? nothing : html`<p class="card notice">${this.message}</p>`}
      </div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="card problem">${this.error}</p>`}
      </div>
      <div class="field">
        <label for="search">${t('market.searchLabel')}</label>
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
      <div class="field">
        <label for="category">${t('market.categoryFilterLabel')}</label>
        <select
          id="category"
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            this.category = isCategory(value) ? value : '';
          }}
        >
          <option value="" ?selected=${this.category === ''}>${t('market.allCategories')}</option>
          ${CATEGORIES.map(
            (category) =>
              html`<option value=${category} ?selected=${category === this.category}>
                ${t(`market.category.${category}`)}
              </option>`,
          )}
        </select>
      </div>
      <h2>${t('market.offersTitle')}</h2>
      ${
        offers.length === 0
          ? html`<p class="muted">${t('market.noOffers')}</p>`
          : html`<ul class="listings" aria-label=${t('market.offersTitle')}>
              ${offers.map((listing) => this.renderListing(cooperative, listing))}
            </ul>`
      }
      <h2>${t('market.wantsTitle')}</h2>
      ${
        wants.length === 0
          ? html`<p class="muted">${t('market.noWants')}</p>`
          : html`<ul class="listings" aria-label=${t('market.wantsTitle')}>
              ${wants.map((listing) => this.renderListing(cooperative, listing))}
            </ul>`
      }
      ${this.renderSuggestions(cooperative, listings)} ${this.renderForm(cooperative)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-market-screen': CoopMarketScreen;
  }
}
