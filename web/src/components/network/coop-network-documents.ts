import type { MemberInfo } from '@integrale/ledger';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DocumentSyncFact } from '../../app/runtime-network.js';
import { memberName } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { describeDocument } from './describe.js';
import { listStyles } from './list-styles.js';
import { formatTimeAgo } from './relative-time.js';

/**
 * The cooperative's documents: for each member's device connected directly, « à jour » when it
 * holds what this device holds, « en cours » otherwise; and when something last arrived.
 */
@customElement('coop-network-documents')
export class CoopNetworkDocuments extends LitElement {
  static override styles = [
    screenStyles,
    listStyles,
    css`
      h3 {
        font-size: 1rem;
        margin: 0;
      }
      .sync {
        margin: 0.25rem 0 0;
        padding-inline-start: 1rem;
      }
      .sync li {
        border: none;
        padding: 0.1rem 0;
      }
    `,
  ];

  @property({ attribute: false }) documents: readonly DocumentSyncFact[] = [];
  @property({ attribute: false }) members: readonly MemberInfo[] = [];
  /** The time now, ms since 1970 (the screen ticks it). */
  @property({ attribute: false }) now = 0;

  private readonly i18n = new LocaleController(this);

  private renderDocument(document: DocumentSyncFact) {
    const { t, locale } = this.i18n;
    const state = (upToDate: boolean) =>
      upToDate ? t('network.sync.upToDate') : t('network.sync.syncing');
    return html`<li data-document=${document.role} data-url=${document.url}>
      <h3>${describeDocument(this.i18n, document)}</h3>
      ${
        !document.open
          ? html`<p class="detail muted">${t('network.sync.notOpen')}</p>`
          : document.peers.length === 0
            ? html`<p class="detail muted">${t('network.sync.alone')}</p>`
            : html`<ul class="sync">
                ${document.peers.map(
                  (peer) =>
                    html`<li data-peer=${peer.peerId} data-state=${peer.state}>
                      ${t('network.sync.line', {
                        member: memberName(this.i18n, this.members, peer.member),
                        state: state(peer.state === 'up-to-date'),
                      })}
                    </li>`,
                )}
              </ul>`
      }
      <p class="detail muted last-received">
        ${
          document.lastReceived === null
            ? t('network.neverReceived')
            : t('network.lastReceived', {
                time: formatTimeAgo(document.lastReceived, this.now, locale),
              })
        }
      </p>
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    if (this.documents.length === 0)
      return html`<p class="muted">${t('network.documentsNone')}</p>`;
    return html`<ul>
      ${this.documents.map((document) => this.renderDocument(document))}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-network-documents': CoopNetworkDocuments;
  }
}
