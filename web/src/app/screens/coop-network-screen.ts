import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/coop-qr-code.js';
import '../../components/network/coop-add-relay.js';
import '../../components/network/coop-network-documents.js';
import '../../components/network/coop-network-peers.js';
import '../../components/network/coop-network-relays.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/** How often « il y a 5 s » is brought up to date, ms. */
const TICK_MS = 1_000;

/**
 * The network panel: the devices this one is connected to and how (direct WebRTC, on the LAN,
 * only through a relay), the relays and their state, each document's sync with each member's
 * device and when something last arrived; adding a relay by typing or scanning its address; and a
 * QR code of the app's address so that others in the room can open it on their phones.
 */
@customElement('coop-network-screen')
export class CoopNetworkScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .address {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      coop-qr-code {
        inline-size: min(16rem, 100%);
        margin-block-end: 0.75rem;
      }
    `,
  ];

  /** The app's address, without fragment (given by the app). */
  @property({ attribute: false }) appUrl = '';

  /** The clock, ms since 1970 (passed in for tests). */
  @property({ attribute: false }) clock: () => number = Date.now;

  @state() private now = Date.now();

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);
  private ticker: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.now = this.clock();
    this.ticker = setInterval(() => (this.now = this.clock()), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  protected override render() {
    const { t } = this.i18n;
    const { connection, network, members } = this.runtime.snapshot;
    const status =
      connection.state === 'online'
        ? t('network.online', { count: connection.peers })
        : connection.state === 'connecting'
          ? t('network.connecting')
          : t('network.offline');
    return html`<h1>${t('network.title')}</h1>
      <p>${t('network.intro')}</p>
      <p class="card notice" role="status">${status}</p>
      ${network.role === 'follower' ? html`<p class="muted">${t('network.follower')}</p>` : nothing}

      <section aria-labelledby="peers-title">
        <h2 id="peers-title">${t('network.peersTitle')}</h2>
        <coop-network-peers .peers=${network.peers} .members=${members}></coop-network-peers>
      </section>

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">${t('network.documentsTitle')}</h2>
        <coop-network-documents
          .documents=${network.documents}
          .members=${members}
          .now=${this.now}
        ></coop-network-documents>
      </section>

      <section aria-labelledby="relays-title">
        <h2 id="relays-title">${t('network.relaysTitle')}</h2>
        <coop-network-relays .relays=${network.relays}></coop-network-relays>
        <h3>${t('network.addRelayTitle')}</h3>
        <coop-add-relay></coop-add-relay>
      </section>

      ${
        this.appUrl === ''
          ? nothing
          : html`<div class="card">
              <p>${t('network.openElsewhere')}</p>
              <coop-qr-code
                .value=${this.appUrl}
                .label=${t('network.appAddress', { url: this.appUrl })}
              ></coop-qr-code>
              <p class="address">${this.appUrl}</p>
            </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-network-screen': CoopNetworkScreen;
  }
}
