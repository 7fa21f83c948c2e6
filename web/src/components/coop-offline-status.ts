import { consume } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { screenStyles } from '../app/screen-styles.js';
import type { MessageKey } from '../i18n/catalog.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { offlineSupportContext } from '../offline/offline-context.js';
import type { OfflineState, OfflineStatus, OfflineSupport } from '../offline/offline-support.js';

/** The sentence for each state; `disabled` (the dev server) shows nothing. */
const MESSAGES = {
  installing: 'offline.installing',
  installed: 'offline.installed',
  'unsupported-insecure': 'offline.insecure',
  'unsupported-browser': 'offline.unsupportedBrowser',
  failed: 'offline.failed',
} as const satisfies Record<Exclude<OfflineState, 'disabled'>, MessageKey>;

/**
 * Says whether the app can open on this device with no network: ready for offline use,
 * installing, why it cannot be installed (a plain-HTTP LAN address needs HTTPS or localhost; a
 * browser without service workers), and offers to reload when a new version is ready. Its
 * `state` attribute mirrors the status, for styling and tests. The offline support comes from
 * the app (`offlineSupportContext`) or the `offline` property.
 */
@customElement('coop-offline-status')
export class CoopOfflineStatus extends LitElement {
  static override styles = [
    screenStyles,
    css`
      :host {
        display: block;
        margin-block-start: 2rem;
        font-size: 0.9rem;
      }
      :host([state='disabled']) {
        display: none;
      }
      p {
        margin: 0 0 0.5rem;
      }
      .update {
        font-size: 1rem;
      }
    `,
  ];

  /** The page's offline support; by default the one the app provides. */
  @consume({ context: offlineSupportContext, subscribe: true })
  @property({ attribute: false })
  offline: OfflineSupport | undefined = undefined;

  /** The status shown, mirrored as an attribute. */
  @property({ reflect: true }) state: OfflineState = 'disabled';

  @state() private updateAvailable = false;

  private readonly i18n = new LocaleController(this);
  private unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('offline') && this.isConnected) this.follow();
  }

  private follow(): void {
    this.unsubscribe?.();
    const offline = this.offline;
    this.unsubscribe = offline?.subscribe((status) => this.show(status));
    this.show(offline?.status() ?? { state: 'disabled', updateAvailable: false });
  }

  private show(status: OfflineStatus): void {
    this.state = status.state;
    this.updateAvailable = status.updateAvailable;
  }

  private onReload(): void {
    this.offline?.applyUpdate();
  }

  protected override render() {
    const { t } = this.i18n;
    if (this.state === 'disabled') return nothing;
    const muted = this.state === 'installed' || this.state === 'installing';
    // One live region, present whenever the element shows anything: a region inserted together
    // with its text is not announced by every screen reader.
    return html`<div role="status">
      <p class=${muted ? 'muted' : ''}>${t(MESSAGES[this.state])}</p>
      ${
        this.updateAvailable
          ? html`<div class="card notice update">
              <p>${t('offline.updateAvailable')}</p>
              <button type="button" class="button primary" @click=${this.onReload}>
                ${t('offline.reload')}
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-offline-status': CoopOfflineStatus;
  }
}
