import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeviceView } from '../../app/runtime-keys.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';

/** Characters of a PeerId shown: enough to tell a member's few devices apart. */
const SHORT_ID = 8;

/** The tail of a PeerId (its head, `12D3KooW`, is the same for every Ed25519 device). */
export function shortDeviceId(device: string): string {
  return device.slice(-SHORT_ID);
}

/** This member's devices in use: a short id, since when, and which one is this device. */
@customElement('coop-device-list')
export class CoopDeviceList extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      li {
        padding: 0.5rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
      }
      code {
        font-size: 1rem;
      }
      .current {
        font-weight: 600;
      }
    `,
  ];

  /** The devices, oldest first. */
  @property({ attribute: false }) devices: readonly DeviceView[] = [];

  private readonly i18n = new LocaleController(this);

  private since(ts: string): string {
    const date = new Date(ts);
    return Number.isNaN(date.getTime()) ? '' : this.i18n.translator.formatDate(date);
  }

  protected override render() {
    const { t } = this.i18n;
    if (this.devices.length === 0) return html`<p class="muted">${t('keys.devicesNone')}</p>`;
    return html`<ul aria-label=${t('keys.devicesTitle')}>
      ${this.devices.map(
        (device) =>
          html`<li data-device=${device.device}>
            <span>${t('keys.device', { id: shortDeviceId(device.device) })}</span>
            <span class="muted">${t('keys.deviceSince', { date: this.since(device.since) })}</span>
            ${device.current ? html`<span class="current">(${t('keys.thisDevice')})</span>` : ''}
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-device-list': CoopDeviceList;
  }
}
