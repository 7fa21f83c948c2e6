import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RelayFact } from '../../app/runtime.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { describeRelayState } from './describe.js';
import { listStyles } from './list-styles.js';

/** The relays this device keeps dialled, and each one's state in plain words. */
@customElement('coop-network-relays')
export class CoopNetworkRelays extends LitElement {
  static override styles = [screenStyles, listStyles];

  @property({ attribute: false }) relays: readonly RelayFact[] = [];

  private readonly i18n = new LocaleController(this);

  protected override render() {
    const { t } = this.i18n;
    if (this.relays.length === 0) return html`<p class="muted">${t('network.relaysNone')}</p>`;
    return html`<ul>
      ${this.relays.map(
        (relay) =>
          html`<li data-relay=${relay.address} data-state=${relay.state}>
            <div class="name">${describeRelayState(this.i18n, relay.state)}</div>
            <p class="detail muted id">${relay.address}</p>
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-network-relays': CoopNetworkRelays;
  }
}
