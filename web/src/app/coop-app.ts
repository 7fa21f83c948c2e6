import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../components/coop-language-switch.js';
import '../components/coop-offline-status.js';
import { translatorContext } from '../i18n/locale-context.js';
import { createLocaleStore, type LocaleStore } from '../i18n/locale-store.js';
import { createTranslator, type Translator } from '../i18n/translator.js';
import { HashRouterController } from './hash-router-controller.js';
import './navigate.js';
import { ROUTES, routeHref, type Route, type RouteId } from './routes.js';
import { runtimeContext } from './runtime-context.js';
import { EMPTY_SNAPSHOT, type AppRuntime } from './runtime.js';
import './screens/coop-create-screen.js';
import './screens/coop-home-screen.js';
import './screens/coop-join-screen.js';
import './screens/coop-keys-screen.js';
import './screens/coop-ledger-screen.js';
import './screens/coop-members-screen.js';
import './screens/coop-network-screen.js';
import './screens/coop-assemblies-screen.js';
import './screens/coop-meeting-screen.js';
import './screens/coop-proposals-screen.js';
import './screens/coop-proposal-screen.js';
import './screens/coop-decisions-screen.js';
import './screens/coop-projects-screen.js';
import './screens/coop-project-screen.js';
import './screens/coop-market-screen.js';
import './screens/coop-offer-screen.js';
import './screens/coop-accounts-screen.js';
import './screens/coop-account-screen.js';
import './screens/coop-dashboard-screen.js';
import './screens/coop-services-screen.js';
import './screens/coop-fund-screen.js';
import './screens/coop-purchases-screen.js';

/**
 * The app shell: header with the cooperative's name and the language menu, the main menu, and
 * the screen the address points to. It provides the translator and the runtime to everything
 * inside (`@lit/context`), keeps `<html lang>` and the page title in the member's language, and
 * moves focus to the new screen when the address changes (for keyboard and screen-reader users).
 */
@customElement('coop-app')
export class CoopApp extends LitElement {
  static override styles = css`
    :host {
      --coop-color-primary: #1d5c3a;
      --coop-color-heading: #123d27;
      --coop-color-text: #1b1f1c;
      --coop-color-muted: #4f5a52;
      --coop-color-background: #f6f3eb;
      --coop-color-surface: #ffffff;
      --coop-color-border: #d9d4c7;
      --coop-color-border-strong: #8b8677;
      --coop-color-danger: #a61b1b;
      --coop-color-focus: #f2b600;
      display: block;
      min-block-size: 100vh;
      min-block-size: 100dvh;
      color: var(--coop-color-text);
      background: var(--coop-color-background);
      font-family:
        system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        'Noto Sans',
        sans-serif;
      font-size: 1rem;
      line-height: 1.5;
    }
    .skip {
      position: absolute;
      inset-inline-start: 0.5rem;
      inset-block-start: -4rem;
      z-index: 10;
      padding: 0.5rem 1rem;
      background: #fff;
      color: var(--coop-color-primary);
      border: 0;
      border-radius: 0.4rem;
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
    .skip:focus {
      inset-block-start: 0.5rem;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem;
      padding: 0.5rem 1rem;
      min-block-size: 3.5rem;
      background: var(--coop-color-primary);
      color: #fff;
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-inline-size: 0;
      color: inherit;
      text-decoration: none;
      font-weight: 700;
      font-size: 1.15rem;
    }
    /* A long cooperative name takes two lines rather than losing its end. */
    .brand span {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
      overflow-wrap: anywhere;
      line-height: 1.2;
    }
    @media (max-width: 30rem) {
      .brand {
        font-size: 1rem;
      }
    }
    .brand svg {
      flex: none;
    }
    nav {
      background: var(--coop-color-surface);
      border-block-end: 1px solid var(--coop-color-border);
    }
    /* Small screens: one row of destinations that scrolls sideways (the page itself never
       does), the current one brought into view; with seventeen places, a grid would take half
       the screen of a phone before the content. */
    nav ul {
      display: flex;
      flex-wrap: nowrap;
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scrollbar-width: thin;
      gap: 0.25rem;
      margin: 0;
      padding: 0.5rem;
      list-style: none;
    }
    nav li {
      flex: none;
    }
    nav a {
      display: flex;
      align-items: center;
      justify-content: center;
      text-align: center;
      white-space: nowrap;
      min-block-size: 2.75rem;
      padding: 0 0.75rem;
      border-radius: 0.5rem;
      color: var(--coop-color-text);
      text-decoration: none;
      font-weight: 500;
    }
    nav a:hover {
      background: #ece7da;
    }
    nav a[aria-current='page'] {
      background: var(--coop-color-primary);
      color: #fff;
    }
    a:focus-visible,
    .skip:focus-visible,
    main:focus-visible {
      outline: 3px solid var(--coop-color-focus);
      outline-offset: 2px;
    }
    main {
      padding: 1.25rem 1rem 3rem;
    }
    main:focus {
      outline: none;
    }
    @media (min-width: 48rem) {
      .layout {
        display: grid;
        grid-template-columns: 14rem 1fr;
        align-items: start;
      }
      nav {
        position: sticky;
        inset-block-start: 0;
        min-block-size: calc(100dvh - 3.5rem);
        border-block-end: none;
        border-inline-end: 1px solid var(--coop-color-border);
      }
      nav ul {
        display: flex;
        flex-direction: column;
        overflow-x: visible;
        padding: 1rem 0.75rem;
      }
      nav a {
        justify-content: flex-start;
        text-align: start;
        padding: 0 0.8rem;
      }
      main {
        padding: 2rem 2.5rem 4rem;
        max-inline-size: 48rem;
      }
    }
  `;

  /** The member's language choice; by default one that remembers nothing (tests, embeds). */
  @property({ attribute: false }) localeStore: LocaleStore = createLocaleStore();

  /** The running cooperative; `undefined` until the peer-to-peer runtime is plugged in. */
  @property({ attribute: false }) runtime: AppRuntime | undefined = undefined;

  /** The app's own address without fragment, for the QR code others scan to open it. */
  @property({ attribute: false }) appUrl = '';

  /** The clock, in milliseconds since 1970 (passed in so tests are exact). */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  private readonly translatorProvider = new ContextProvider(this, {
    context: translatorContext,
    initialValue: createTranslator(),
  });
  private readonly runtimeProvider = new ContextProvider(this, {
    context: runtimeContext,
    initialValue: undefined,
  });
  private readonly router = new HashRouterController(this);
  private unsubscribeLocale: (() => void) | undefined;
  private unsubscribeRuntime: (() => void) | undefined;
  private shownRoute: Route | undefined;

  private get translator(): Translator {
    return this.translatorProvider.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.followLocaleStore();
    this.followRuntime();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeLocale?.();
    this.unsubscribeRuntime?.();
    this.unsubscribeLocale = this.unsubscribeRuntime = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('localeStore') && this.isConnected) this.followLocaleStore();
    if (changed.has('runtime') && this.isConnected) this.followRuntime();
  }

  private followLocaleStore(): void {
    this.unsubscribeLocale?.();
    const store = this.localeStore;
    this.unsubscribeLocale = store.subscribe((locale) => {
      this.translatorProvider.setValue(createTranslator(locale));
      this.requestUpdate();
    });
    if (this.translator.locale !== store.locale) {
      this.translatorProvider.setValue(createTranslator(store.locale));
    }
  }

  private followRuntime(): void {
    this.unsubscribeRuntime?.();
    this.runtimeProvider.setValue(this.runtime);
    this.unsubscribeRuntime = this.runtime?.subscribe(() => this.requestUpdate());
  }

  private onLocaleChange(event: HTMLElementEventMap['locale-change']): void {
    this.localeStore.setLocale(event.detail.locale);
  }

  private onNavigate(event: HTMLElementEventMap['coop-navigate']): void {
    event.stopPropagation();
    window.location.hash = routeHref(event.detail.route, this.translator.locale);
  }

  /*
   * A button drawn as a link, not `<a href="#main">`: that href would change the hash route, and
   * axe looks an href's target up in the document, not in this shadow root, so it would find
   * none. A button is outside the landmarks by right (axe's `region` rule).
   */
  private skipToContent(): void {
    this.renderRoot.querySelector('main')?.focus();
  }

  protected override updated(): void {
    const { t, locale } = this.translator;
    const document = this.ownerDocument;
    document.documentElement.lang = locale;
    const name = (this.runtime?.snapshot() ?? EMPTY_SNAPSHOT).cooperative?.name;
    document.title = name === undefined ? t('app.name') : `${name} · ${t('app.name')}`;

    const route = this.router.route;
    const previous = this.shownRoute;
    this.shownRoute = route;
    if (previous !== undefined && (previous.id !== route.id || previous.query !== route.query)) {
      this.renderRoot.querySelector('main')?.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    if (previous?.id !== route.id) this.showCurrentNavItem();
  }

  /** On a phone's one-row menu, scrolls the current destination into view (sideways only). */
  private showCurrentNavItem(): void {
    const list = this.renderRoot.querySelector('nav ul');
    const current = list?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (list === null || list === undefined || current === null || current === undefined) return;
    if (list.scrollWidth <= list.clientWidth) return;
    const left = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
    list.scrollTo({ left: Math.max(0, left) });
  }

  private renderScreen(route: Route) {
    const { t, locale } = this.translator;
    switch (route.id) {
      case 'home':
        return html`<coop-home-screen></coop-home-screen>`;
      case 'create':
        return html`<coop-create-screen></coop-create-screen>`;
      case 'join':
        return html`<coop-join-screen
          .query=${route.query}
          .now=${this.clock()}
        ></coop-join-screen>`;
      case 'members':
        return html`<coop-members-screen></coop-members-screen>`;
      case 'ledger':
        return html`<coop-ledger-screen .query=${route.query}></coop-ledger-screen>`;
      case 'network':
        return html`<coop-network-screen .appUrl=${this.appUrl}></coop-network-screen>`;
      case 'keys':
        return html`<coop-keys-screen></coop-keys-screen>`;
      case 'assemblies':
        return html`<coop-assemblies-screen .now=${this.clock()}></coop-assemblies-screen>`;
      case 'meeting':
        return html`<coop-meeting-screen .query=${route.query}></coop-meeting-screen>`;
      case 'proposals':
        // `#/propositions?id=…` opens one proposal's page, as `#/proposition?id=…` does.
        return new URLSearchParams(route.query).has('id')
          ? html`<coop-proposal-screen .query=${route.query}></coop-proposal-screen>`
          : html`<coop-proposals-screen .query=${route.query}></coop-proposals-screen>`;
      case 'proposal':
        return html`<coop-proposal-screen .query=${route.query}></coop-proposal-screen>`;
      case 'decisions':
        return html`<coop-decisions-screen></coop-decisions-screen>`;
      case 'projects':
        return html`<coop-projects-screen></coop-projects-screen>`;
      case 'project':
        return html`<coop-project-screen .query=${route.query}></coop-project-screen>`;
      case 'market':
        return html`<coop-market-screen></coop-market-screen>`;
      case 'offer':
        return html`<coop-offer-screen .query=${route.query}></coop-offer-screen>`;
      case 'accounts':
        return html`<coop-accounts-screen .query=${route.query}></coop-accounts-screen>`;
      case 'account':
        return html`<coop-account-screen
          .query=${route.query}
          .clock=${this.clock}
        ></coop-account-screen>`;
      case 'dashboard':
        return html`<coop-dashboard-screen .clock=${this.clock}></coop-dashboard-screen>`;
      case 'services':
        return html`<coop-services-screen></coop-services-screen>`;
      case 'fund':
        return html`<coop-fund-screen></coop-fund-screen>`;
      case 'purchases':
        return html`<coop-purchases-screen .query=${route.query}></coop-purchases-screen>`;
      case 'not-found':
        return html`<h1>${t('notFound.title')}</h1>
          <p>${t('notFound.body')}</p>
          <p><a href=${routeHref('home', locale)}>${t('notFound.back')}</a></p>`;
    }
  }

  private renderNavItem(id: RouteId, current: Route['id']) {
    const { t, locale } = this.translator;
    return html`<li>
      <a href=${routeHref(id, locale)} aria-current=${id === current ? 'page' : 'false'}
        >${t(`nav.${id}`)}</a
      >
    </li>`;
  }

  protected override render() {
    const { t, locale } = this.translator;
    const route = this.router.route;
    const name = (this.runtime?.snapshot() ?? EMPTY_SNAPSHOT).cooperative?.name ?? t('app.name');
    return html`<button class="skip" type="button" @click=${this.skipToContent}>
        ${t('app.skipToContent')}
      </button>
      <header>
        <a class="brand" href=${routeHref('home', locale)}>
          <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
            <circle
              cx="11"
              cy="13"
              r="7"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
            ></circle>
            <circle
              cx="21"
              cy="13"
              r="7"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
            ></circle>
            <circle
              cx="16"
              cy="21"
              r="7"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
            ></circle>
          </svg>
          <span>${name}</span>
        </a>
        <coop-language-switch
          .locale=${locale}
          @locale-change=${this.onLocaleChange}
        ></coop-language-switch>
      </header>
      <div class="layout">
        <nav aria-label=${t('nav.label')}>
          <ul>
            ${ROUTES.filter(
              (id) =>
                id !== 'meeting' &&
                id !== 'proposal' &&
                id !== 'project' &&
                id !== 'offer' &&
                id !== 'account',
            ).map((id) =>
              this.renderNavItem(
                id,
                route.id === 'meeting'
                  ? 'assemblies'
                  : route.id === 'proposal'
                    ? 'proposals'
                    : route.id === 'project'
                      ? 'projects'
                      : route.id === 'offer'
                        ? 'market'
                        : route.id === 'account'
                          ? 'accounts'
                          : route.id,
              ),
            )}
          </ul>
        </nav>
        <main tabindex="-1" @coop-navigate=${this.onNavigate}>
          ${this.renderScreen(route)}
          <coop-offline-status></coop-offline-status>
        </main>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-app': CoopApp;
  }
}
