import type { MemberInfo } from '@integrale/ledger';
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PeerFact } from '../../app/runtime.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { describePeer, describeTransport } from './describe.js';
import { listStyles } from './list-styles.js';

/** The devices this one is connected to: whose each is, and how it is reached. */
@customElement('coop-network-peers')
export class CoopNetworkPeers extends LitElement {
  static override styles = [screenStyles, listStyles];

  /** Connected devices other than relays. */
  @property({ attribute: false }) peers: readonly PeerFact[] = [];
  /** The cooperative's members, for their names. */
  @property({ attribute: false }) members: readonly MemberInfo[] = [];

  private readonly i18n = new LocaleController(this);

  protected override render() {
    const { t } = this.i18n;
    if (this.peers.length === 0) return html`<p class="muted">${t('network.peersNone')}</p>`;
    return html`<ul>
      ${this.peers.map(
        (peer) =>
          html`<li data-peer=${peer.peerId} data-transport=${peer.transport}>
            <div class="name">${describePeer(this.i18n, this.members, peer)}</div>
            <p class="detail">${describeTransport(this.i18n, this.members, peer)}</p>
            <p class="detail muted id">${t('network.peerId', { id: peer.peerId })}</p>
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-network-peers': CoopNetworkPeers;
  }
}
