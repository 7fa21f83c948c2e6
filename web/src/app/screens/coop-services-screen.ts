import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { describeEconomyProblem } from '../../components/fund/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { ServiceId, ServiceInfo } from '../runtime-services.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/**
 * The common services: each with its description (the one an adopted decision gave it, else its
 * default), its stewards, its account's balance, the decisions concerning it, and a form to
 * propose a new description. The founder of a cooperative made before the services existed can
 * create them once.
 */
@customElement('coop-services-screen')
export class CoopServicesScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .services {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .services h2 {
        margin-block-start: 0;
      }
      .services li {
        overflow-wrap: anywhere;
      }
      .field {
        display: grid;
        gap: 0.25rem;
        margin: 0 0 0.75rem;
      }
      input,
      textarea {
        font: inherit;
        padding: 0.5rem;
        box-sizing: border-box;
        inline-size: 100%;
      }
      input {
        min-block-size: 2.75rem;
      }
    `,
  ];

  /** The service whose change form is open. */
  @state() private editing: ServiceId | null = null;
  @state() private proposalTitle = '';
  @state() private description = '';
  @state() private message: string | null = null;
  @state() private error: string | null = null;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async create(): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.busy) return;
    this.busy = true;
    const result = await runtime.createCommonServices();
    this.busy = false;
    this.error = result.ok ? null : describeEconomyProblem(this.i18n, result.reason);
    this.message = result.ok ? this.i18n.t('services.created') : null;
  }

  private open(service: ServiceInfo): void {
    const { t } = this.i18n;
    this.editing = service.id;
    this.proposalTitle = t('services.change.titleDefault', {
      service: t(`services.name.${service.id}`),
    });
    this.description = service.description;
    this.error = null;
    this.message = null;
  }

  private async propose(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.editing === null || this.busy) return;
    this.busy = true;
    const result = await runtime.proposeServiceChange(
      this.editing,
      this.proposalTitle,
      this.description,
    );
    this.busy = false;
    if (!result.ok) {
      this.error = describeEconomyProblem(this.i18n, result.reason);
      return;
    }
    this.error = null;
    this.editing = null;
    this.message = this.i18n.t('services.change.done');
  }

  private renderForm(service: ServiceInfo) {
    const { t } = this.i18n;
    return html`<form novalidate @submit=${this.propose} aria-labelledby="change-${service.id}">
      <h3 id="change-${service.id}">
        ${t('services.change.heading', { service: t(`services.name.${service.id}`) })}
      </h3>
      <div class="field">
        <label for="change-title">${t('services.change.titleLabel')}</label>
        <input
          id="change-title"
          maxlength="200"
          .value=${this.proposalTitle}
          @input=${(event: Event) => (this.proposalTitle = (event.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="change-description">${t('services.change.description')}</label>
        <textarea
          id="change-description"
          rows="4"
          maxlength="2000"
          .value=${this.description}
          @input=${(event: Event) =>
            (this.description = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${t('services.change.submit')}
        </button>
        <button class="button" type="button" @click=${() => (this.editing = null)}>
          ${t('services.cancel')}
        </button>
      </div>
    </form>`;
  }

  private renderService(service: ServiceInfo) {
    const { t, locale } = this.i18n;
    const snapshot = this.runtime.snapshot;
    const currency = snapshot.cooperative?.currency;
    const names = service.stewards.map((did) => memberName(this.i18n, snapshot.members, did));
    return html`<li class="card" data-service=${service.id}>
      <h2 id="service-${service.id}">${t(`services.name.${service.id}`)}</h2>
      <p>
        ${service.description === '' ? t(`services.default.${service.id}`) : service.description}
      </p>
      ${
        service.describedBy === null
          ? nothing
          : html`<p class="muted">${t('services.decidedBy')}</p>`
      }
      <p>${t('services.stewards', { names: names.join(', ') })}</p>
      <p>${t('services.threshold', { k: service.threshold, n: service.stewards.length })}</p>
      ${
        currency === undefined
          ? nothing
          : html`<p>
              ${t('services.balance', { amount: formatAmount(service.balance, currency, locale) })}
            </p>`
      }
      <p>
        <a href="${routeHref('account', locale)}?id=${service.account}"
          >${t('services.accountAndBudget')}</a
        >
      </p>
      ${
        service.id === 'caisse'
          ? html`<p><a href=${routeHref('fund', locale)}>${t('services.openFund')}</a></p>`
          : nothing
      }
      <h3>${t('services.proposals')}</h3>
      ${
        service.proposals.length === 0
          ? html`<p class="muted">${t('services.noProposal')}</p>`
          : html`<ul>
              ${service.proposals.map(
                (proposal) =>
                  html`<li>
                    <a href="${routeHref('proposal', locale)}?id=${proposal.id}"
                      >${proposal.title}</a
                    >
                    — ${t(`services.result.${proposal.result ?? 'open'}`)}
                  </li>`,
              )}
            </ul>`
      }
      ${
        this.editing === service.id
          ? this.renderForm(service)
          : html`<button
              class="button"
              type="button"
              aria-describedby="service-${service.id}"
              @click=${() => this.open(service)}
            >
              ${t('services.change.show')}
            </button>`
      }
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    if (this.runtime.snapshot.cooperative === null || runtime === undefined) {
      return html`<h1>${t('services.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const economy = runtime.economySnapshot();
    return html`<h1>${t('services.title')}</h1>
      <p>${t('services.intro')}</p>
      ${
        economy.canCreateServices
          ? html`<div class="card notice">
              <p>${t('services.missing')}</p>
              <button
                class="button primary"
                type="button"
                ?disabled=${this.busy}
                @click=${this.create}
              >
                ${t('services.create')}
              </button>
            </div>`
          : nothing
      }
      <div role="status">${this.message === null ? nothing : html`<p>${this.message}</p>`}</div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="error">${this.error}</p>`}
      </div>
      ${
        economy.services.length === 0 && !economy.canCreateServices
          ? html`<p class="muted">${t('services.none')}</p>`
          : nothing
      }
      <ul class="services">
        ${economy.services.map((service) => this.renderService(service))}
      </ul>
      <p class="muted">${t('services.stewardsNote')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-services-screen': CoopServicesScreen;
  }
}
