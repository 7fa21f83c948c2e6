import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { classifyScannedText, relayAddressProblem } from '../../scan/scanned-text.js';
import '../coop-qr-scanner.js';
import type { QrScannedDetail } from '../coop-qr-scanner.js';
import { describeRelayProblem } from './describe.js';

/**
 * Adding a relay, for a meeting on a LAN: type its multiaddr, or scan the QR code its banner
 * shows. The text is checked here first (each problem in plain words), then by the runtime, which
 * keeps it for later visits and dials it.
 */
@customElement('coop-add-relay')
export class CoopAddRelay extends LitElement {
  static override styles = [
    screenStyles,
    css`
      /* Multiaddrs are long unbroken words: let them wrap at 360 px. */
      .error,
      .added {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private address = '';
  @state() private error: string | null = null;
  @state() private added: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private onInput(event: Event): void {
    this.address = (event.target as HTMLInputElement).value;
    this.error = null;
    this.added = null;
  }

  private async add(text: string): Promise<void> {
    if (this.working) return;
    const { t } = this.i18n;
    this.added = null;
    const problem = relayAddressProblem(text);
    if (problem !== null) {
      this.error = describeRelayProblem(this.i18n, problem);
      return;
    }
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      this.error = t('network.addFailed');
      return;
    }
    const address = text.trim();
    this.error = null;
    this.working = true;
    try {
      const result = await runtime.addRelay(address);
      if (result.ok) {
        this.added = address;
        this.address = '';
      } else {
        this.error = t('network.relayRefused');
      }
    } catch {
      this.error = t('network.addFailed');
    } finally {
      this.working = false;
    }
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    void this.add(this.address);
  }

  private onScanned(event: CustomEvent<QrScannedDetail>): void {
    event.stopPropagation();
    const scanned = classifyScannedText(event.detail.text);
    this.added = null;
    if (scanned.kind === 'relay') {
      this.address = scanned.address;
      void this.add(scanned.address);
    } else {
      this.error =
        scanned.kind === 'invitation'
          ? this.i18n.t('scan.invitationNotRelay')
          : this.i18n.t('scan.notRelay');
    }
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<form novalidate @submit=${this.onSubmit}>
      <p>${t('network.addRelayIntro')}</p>
      <div class="field">
        <label for="relay">${t('network.relayLabel')}</label>
        <input
          id="relay"
          name="relay"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          inputmode="url"
          aria-invalid=${this.error === null ? 'false' : 'true'}
          aria-describedby=${this.error === null ? nothing : 'relay-error'}
          ?disabled=${this.working}
          .value=${this.address}
          @input=${this.onInput}
        />
        <div role="alert">
          ${
            this.error === null
              ? nothing
              : html`<p class="error" id="relay-error">${this.error}</p>`
          }
        </div>
        <div role="status">
          ${
            this.added === null
              ? nothing
              : html`<p class="added">${t('network.relayAdded', { address: this.added })}</p>`
          }
        </div>
      </div>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.working}>
          ${t('network.addRelay')}
        </button>
      </div>
      <coop-qr-scanner
        .label=${t('network.scanRelay')}
        @qr-scanned=${this.onScanned}
      ></coop-qr-scanner>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-add-relay': CoopAddRelay;
  }
}
