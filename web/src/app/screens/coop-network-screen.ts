import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../components/coop-qr-code.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/**
 * The network: how this device is connected, and a QR code of the app's address so that others
 * in the room (a meeting on a LAN) can open it on their phones.
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

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t } = this.i18n;
    const { connection } = this.runtime.snapshot;
    const status =
      connection.state === 'online'
        ? t('network.online', { count: connection.peers })
        : connection.state === 'connecting'
          ? t('network.connecting')
          : t('network.offline');
    return html`<h1>${t('network.title')}</h1>
      <p>${t('network.intro')}</p>
      <p class="card notice" role="status">${status}</p>
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
