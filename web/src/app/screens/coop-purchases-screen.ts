import type { Currency } from '@integrale/ledger';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { readAmount } from '../../components/accounts/amount.js';
import { describeEconomyProblem, endOfDay, formatDay } from '../../components/fund/describe.js';
import '../../components/purchases/coop-round-totals.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { orderTotal } from '../../purchases/totals.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { ProductInfo, PurchaseRoundInfo, SupplierInfo } from '../runtime-services.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

const EURO: Currency = { code: 'EUR', name: 'euro', decimals: 2 };

/** A product row of the create form, as typed. */
interface ProductRow {
  name: string;
  supplier: string;
  unit: string;
  price: string;
  euros: string;
}

const newProduct = (supplier: string): ProductRow => ({
  name: '',
  supplier,
  unit: '',
  price: '',
  euros: '',
});

/**
 * Grouped purchases: the rounds, a form to organise one (suppliers, products, prices in the
 * cooperative's currency and in euros where a supplier needs them), and a round's page
 * (`?id=…`): its products, this member's quantities, the totals per member and per supplier,
 * the organiser's close, and paying one's share in one step.
 */
@customElement('coop-purchases-screen')
export class CoopPurchasesScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .rounds {
        list-style: none;
        padding: 0;
      }
      .rounds li,
      .products li {
        overflow-wrap: anywhere;
      }
      .products {
        list-style: none;
        padding: 0;
      }
      .field {
        display: grid;
        gap: 0.25rem;
        margin: 0 0 0.75rem;
      }
      input,
      select {
        font: inherit;
        padding: 0.5rem;
        min-block-size: 2.75rem;
        box-sizing: border-box;
        inline-size: 100%;
        max-inline-size: 100%;
      }
      input[type='checkbox'] {
        inline-size: auto;
        min-block-size: auto;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 0.75rem;
      }
      fieldset {
        border: 1px solid var(--coop-color-border, #d9d4c7);
        border-radius: 0.5rem;
        margin: 0 0 1rem;
        padding: 0.75rem;
        min-inline-size: 0;
      }
    `,
  ];

  /** What follows `?` in the address: `id=<round id>` opens a round's page. */
  @property() query = '';
  @state() private quantities: Record<string, string> = {};
  @state() private editedRound: string | null = null;
  @state() private showForm = false;
  @state() private roundTitle = '';
  @state() private closes = '';
  @state() private suppliers: { name: string; needsEuros: boolean }[] = [
    { name: '', needsEuros: false },
  ];
  @state() private products: ProductRow[] = [newProduct('s1')];
  @state() private message: string | null = null;
  @state() private error: string | null = null;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private say(
    result: { ok: true } | { ok: false; reason: Parameters<typeof describeEconomyProblem>[1] },
    done: string,
  ): boolean {
    this.error = result.ok ? null : describeEconomyProblem(this.i18n, result.reason);
    this.message = result.ok ? done : null;
    return result.ok;
  }

  /** The quantities typed for a round (the member's saved order where nothing was typed). */
  private typed(round: PurchaseRoundInfo): Record<string, number> | null {
    const out: Record<string, number> = {};
    for (const product of round.products) {
      const text =
        this.editedRound === round.id
          ? (this.quantities[product.id] ?? '')
          : String(round.mine[product.id] ?? '');
      const trimmed = text.trim();
      if (trimmed === '') continue;
      if (!/^[0-9]{1,6}$/.test(trimmed)) return null;
      out[product.id] = Number(trimmed);
    }
    return out;
  }

  private async order(event: Event, round: PurchaseRoundInfo): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.busy) return;
    const quantities = this.typed(round);
    if (quantities === null) {
      this.error = describeEconomyProblem(this.i18n, 'invalid-quantities');
      return;
    }
    this.busy = true;
    const result = await runtime.orderInRound(round.id, quantities);
    this.busy = false;
    if (this.say(result, this.i18n.t('purchases.order.done'))) this.editedRound = null;
  }

  private async closeRound(round: PurchaseRoundInfo): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.busy) return;
    this.busy = true;
    const result = await runtime.closePurchaseRound(round.id);
    this.busy = false;
    this.say(result, this.i18n.t('purchases.closeDone'));
  }

  private async pay(round: PurchaseRoundInfo): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.busy) return;
    this.busy = true;
    const result = await runtime.payPurchaseShare(round.id);
    this.busy = false;
    this.say(result, this.i18n.t('purchases.payDone'));
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const currency = this.runtime.snapshot.cooperative?.currency;
    if (runtime === undefined || currency === undefined || this.busy) return;
    const { t, locale } = this.i18n;
    const closesAt = endOfDay(this.closes);
    if (closesAt === null) {
      this.error = t('purchases.create.badDate');
      return;
    }
    const suppliers: SupplierInfo[] = this.suppliers.map((supplier, i) => ({
      id: `s${i + 1}`,
      name: supplier.name,
      needsEuros: supplier.needsEuros,
    }));
    const products: ProductInfo[] = [];
    for (const [i, row] of this.products.entries()) {
      const price = readAmount(this.i18n, row.price, currency, locale);
      const euros = row.euros.trim() === '' ? null : readAmount(this.i18n, row.euros, EURO, locale);
      if (!price.ok || (euros !== null && !euros.ok)) {
        this.error = t('purchases.create.badPrice', { n: i + 1 });
        return;
      }
      products.push({
        id: `p${i + 1}`,
        supplier: row.supplier,
        name: row.name,
        unit: row.unit,
        price: price.minor,
        priceEuroCents: euros === null ? null : euros.minor,
      });
    }
    this.busy = true;
    const result = await runtime.createPurchaseRound({
      title: this.roundTitle,
      closesAt,
      suppliers,
      products,
    });
    this.busy = false;
    if (!result.ok) {
      this.error = describeEconomyProblem(this.i18n, result.reason);
      return;
    }
    this.error = null;
    this.showForm = false;
    this.roundTitle = '';
    this.suppliers = [{ name: '', needsEuros: false }];
    this.products = [newProduct('s1')];
    window.location.hash = `${routeHref('purchases', locale)}?id=${result.id}`;
  }

  private renderCreate() {
    const { t } = this.i18n;
    const code = this.runtime.snapshot.cooperative?.currency.code ?? '';
    const setSupplier = (i: number, change: Partial<{ name: string; needsEuros: boolean }>) => {
      this.suppliers = this.suppliers.map((s, j) => (j === i ? { ...s, ...change } : s));
    };
    const setProduct = (i: number, change: Partial<ProductRow>) => {
      this.products = this.products.map((p, j) => (j === i ? { ...p, ...change } : p));
    };
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    return html`<form
      class="card"
      novalidate
      aria-labelledby="round-heading"
      @submit=${this.create}
    >
      <h2 id="round-heading">${t('purchases.create.heading')}</h2>
      <div class="field">
        <label for="round-title">${t('purchases.create.name')}</label>
        <input
          id="round-title"
          maxlength="120"
          .value=${this.roundTitle}
          @input=${(event: Event) => (this.roundTitle = value(event))}
        />
      </div>
      <div class="field">
        <label for="round-closes">${t('purchases.create.closes')}</label>
        <input
          id="round-closes"
          type="date"
          .value=${this.closes}
          @input=${(event: Event) => (this.closes = value(event))}
        />
      </div>
      <fieldset>
        <legend>${t('purchases.create.suppliers')}</legend>
        ${this.suppliers.map(
          (supplier, i) =>
            html`<div class="field">
                <label for="supplier-${i}"
                  >${t('purchases.create.supplierName', { n: i + 1 })}</label
                >
                <input
                  id="supplier-${i}"
                  maxlength="80"
                  .value=${supplier.name}
                  @input=${(event: Event) => setSupplier(i, { name: value(event) })}
                />
              </div>
              <div class="check">
                <input
                  id="supplier-euros-${i}"
                  type="checkbox"
                  .checked=${supplier.needsEuros}
                  @change=${(event: Event) =>
                    setSupplier(i, { needsEuros: (event.target as HTMLInputElement).checked })}
                />
                <label for="supplier-euros-${i}">${t('purchases.create.needsEuros')}</label>
              </div>`,
        )}
        <button
          class="button"
          type="button"
          @click=${() => (this.suppliers = [...this.suppliers, { name: '', needsEuros: false }])}
        >
          ${t('purchases.create.addSupplier')}
        </button>
      </fieldset>
      <fieldset>
        <legend>${t('purchases.create.products')}</legend>
        ${this.products.map(
          (product, i) =>
            html`<div class="field">
                <label for="product-${i}">${t('purchases.create.productName', { n: i + 1 })}</label>
                <input
                  id="product-${i}"
                  maxlength="80"
                  .value=${product.name}
                  @input=${(event: Event) => setProduct(i, { name: value(event) })}
                />
              </div>
              <div class="field">
                <label for="product-supplier-${i}"
                  >${t('purchases.create.productSupplier', { n: i + 1 })}</label
                >
                <select
                  id="product-supplier-${i}"
                  @change=${(event: Event) => setProduct(i, { supplier: value(event) })}
                >
                  ${this.suppliers.map(
                    (supplier, j) =>
                      html`<option value="s${j + 1}" ?selected=${product.supplier === `s${j + 1}`}>
                        ${supplier.name === '' ? `${j + 1}` : supplier.name}
                      </option>`,
                  )}
                </select>
              </div>
              <div class="field">
                <label for="product-unit-${i}"
                  >${t('purchases.create.productUnit', { n: i + 1 })}</label
                >
                <input
                  id="product-unit-${i}"
                  maxlength="40"
                  .value=${product.unit}
                  @input=${(event: Event) => setProduct(i, { unit: value(event) })}
                />
              </div>
              <div class="field">
                <label for="product-price-${i}"
                  >${t('purchases.create.productPrice', { n: i + 1 })} (${code})</label
                >
                <input
                  id="product-price-${i}"
                  inputmode="decimal"
                  .value=${product.price}
                  @input=${(event: Event) => setProduct(i, { price: value(event) })}
                />
              </div>
              <div class="field">
                <label for="product-euros-${i}"
                  >${t('purchases.create.productEuros', { n: i + 1 })} (EUR)</label
                >
                <input
                  id="product-euros-${i}"
                  inputmode="decimal"
                  .value=${product.euros}
                  @input=${(event: Event) => setProduct(i, { euros: value(event) })}
                />
              </div>`,
        )}
        <button
          class="button"
          type="button"
          @click=${() => (this.products = [...this.products, newProduct('s1')])}
        >
          ${t('purchases.create.addProduct')}
        </button>
      </fieldset>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${t('purchases.create.submit')}
        </button>
        <button class="button" type="button" @click=${() => (this.showForm = false)}>
          ${t('services.cancel')}
        </button>
      </div>
    </form>`;
  }

  private renderRound(round: PurchaseRoundInfo) {
    const { t, locale } = this.i18n;
    const snapshot = this.runtime.snapshot;
    const currency = snapshot.cooperative!.currency;
    const money = (minor: number | bigint) => formatAmount(minor, currency, locale);
    const self = snapshot.self;
    const typed = this.typed(round);
    const myTotal = typed === null ? null : orderTotal(round.products, typed);
    const paidShare = round.shares.find((share) => share.member === self);
    return html`<p><a href=${routeHref('purchases', locale)}>${t('purchases.back')}</a></p>
      <h1>${round.title}</h1>
      <p>
        ${
          round.closed
            ? t('purchases.closedOn', { date: formatDay(round.closedAt, locale) })
            : t('purchases.openUntil', { date: formatDay(round.closesAt, locale) })
        }
        <br />${t('purchases.organiser', { name: memberName(this.i18n, snapshot.members, round.organiser) })}
      </p>
      <div role="status">${this.message === null ? nothing : html`<p>${this.message}</p>`}</div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="error">${this.error}</p>`}
      </div>
      <form
        novalidate
        aria-labelledby="products-heading"
        @submit=${(event: Event) => this.order(event, round)}
      >
        <h2 id="products-heading">${t('purchases.products')}</h2>
        ${round.suppliers.map(
          (supplier) =>
            html`<h3>
                ${t('purchases.supplierHeading', { name: supplier.name })}
                ${
                  supplier.needsEuros
                    ? html`<span class="muted">(${t('purchases.paidInEuros')})</span>`
                    : nothing
                }
              </h3>
              <ul class="products">
                ${round.products
                  .filter((product) => product.supplier === supplier.id)
                  .map((product) => {
                    const price =
                      product.priceEuroCents === null
                        ? money(product.price)
                        : `${money(product.price)} / ${formatAmount(product.priceEuroCents, EURO, locale)}`;
                    return html`<li class="card">
                      <p id="label-${product.id}">
                        ${t('purchases.productLine', { name: product.name, price })}
                        ${
                          product.unit === ''
                            ? nothing
                            : html`<span class="muted"
                                >${t('purchases.perUnit', { unit: product.unit })}</span
                              >`
                        }
                      </p>
                      ${
                        round.closed
                          ? html`<p>
                              ${t('purchases.ordered', { n: round.mine[product.id] ?? 0 })}
                            </p>`
                          : html`<div class="field">
                              <label for="qty-${product.id}"
                                >${t('purchases.quantity')} — ${product.name}</label
                              >
                              <input
                                id="qty-${product.id}"
                                inputmode="numeric"
                                .value=${
                                  this.editedRound === round.id
                                    ? (this.quantities[product.id] ?? '')
                                    : String(round.mine[product.id] ?? '')
                                }
                                @input=${(event: Event) => {
                                  if (this.editedRound !== round.id) {
                                    this.quantities = Object.fromEntries(
                                      Object.entries(round.mine).map(([k, v]) => [k, String(v)]),
                                    );
                                    this.editedRound = round.id;
                                  }
                                  this.quantities = {
                                    ...this.quantities,
                                    [product.id]: (event.target as HTMLInputElement).value,
                                  };
                                }}
                              />
                            </div>`
                      }
                    </li>`;
                  })}
              </ul>`,
        )}
        <p>
          <strong
            >${t('purchases.myTotal', {
              amount: myTotal === null ? '—' : money(myTotal),
            })}</strong
          >
        </p>
        ${
          round.closed
            ? nothing
            : html`<button class="button primary" type="submit" ?disabled=${this.busy}>
                ${t('purchases.order.submit')}
              </button>`
        }
      </form>
      <div class="actions">
        ${
          !round.closed && round.organiser === self
            ? html`<button
                class="button"
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.closeRound(round)}
              >
                ${t('purchases.closeNow')}
              </button>`
            : nothing
        }
        ${
          round.closed && round.myDue > 0
            ? html`<button
                class="button primary"
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.pay(round)}
              >
                ${t('purchases.pay', { amount: money(round.myDue) })}
              </button>`
            : nothing
        }
        ${
          round.closed && round.myDue === 0 && paidShare !== undefined
            ? html`<p>${t('purchases.paid')}</p>`
            : nothing
        }
      </div>
      <coop-round-totals
        .round=${round}
        .currency=${currency}
        .members=${snapshot.members}
      ></coop-round-totals>`;
  }

  protected override render() {
    const { t, locale } = this.i18n;
    const runtime = this.runtime.runtime;
    if (this.runtime.snapshot.cooperative === null || runtime === undefined) {
      return html`<h1>${t('purchases.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const economy = runtime.economySnapshot();
    const id = new URLSearchParams(this.query).get('id');
    if (id !== null) {
      const round = economy.rounds.find((candidate) => candidate.id === id);
      return round === undefined
        ? html`<h1>${t('purchases.title')}</h1>
            <p class="card notice">${t('purchases.notFound')}</p>
            <p><a href=${routeHref('purchases', locale)}>${t('purchases.back')}</a></p>`
        : this.renderRound(round);
    }
    return html`<h1>${t('purchases.title')}</h1>
      <p>${t('purchases.intro')}</p>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="error">${this.error}</p>`}
      </div>
      ${economy.rounds.length === 0 ? html`<p class="muted">${t('purchases.none')}</p>` : nothing}
      <ul class="rounds">
        ${economy.rounds.map(
          (round) =>
            html`<li class="card">
              <a href="${routeHref('purchases', locale)}?id=${round.id}">${round.title}</a>
              <p class="muted">
                ${
                  round.closed
                    ? t('purchases.closedOn', { date: formatDay(round.closedAt, locale) })
                    : t('purchases.openUntil', { date: formatDay(round.closesAt, locale) })
                }
              </p>
            </li>`,
        )}
      </ul>
      ${
        this.showForm
          ? this.renderCreate()
          : html`<button class="button" type="button" @click=${() => (this.showForm = true)}>
              ${t('purchases.create.show')}
            </button>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-purchases-screen': CoopPurchasesScreen;
  }
}
