import { LitElement, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../../components/keys/coop-device-list.js';
import '../../components/keys/coop-key-backup-form.js';
import '../../components/keys/coop-key-restore-form.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/**
 * This member's keys. In a cooperative: back the member key up (file and QR code), the devices in
 * use, and — on a device where the key was just restored — that it is still syncing. On a device
 * that belongs to no cooperative: restore a key from a backup.
 */
@customElement('coop-keys-screen')
export class CoopKeysScreen extends LitElement {
  static override styles = screenStyles;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t } = this.i18n;
    const snapshot = this.runtime.snapshot;
    const keys = this.runtime.runtime?.keysSnapshot() ?? { signing: 'none', devices: [] };
    const member = snapshot.cooperative !== null;
    const free = snapshot.phase === 'no-cooperative';
    return html`<h1>${t('keys.title')}</h1>
      <p>${t('keys.intro')}</p>
      ${
        keys.signing === 'syncing'
          ? html`<p class="card notice" role="status">${t('keys.syncing')}</p>`
          : nothing
      }
      ${
        member
          ? html`<p class="card notice">${t('keys.backupAdvice')}</p>
              <coop-key-backup-form></coop-key-backup-form>
              <p class="muted">${t('keys.twoDevicesWarning')}</p>
              <h2>${t('keys.devicesTitle')}</h2>
              <p>${t('keys.devicesIntro')}</p>
              <coop-device-list .devices=${keys.devices}></coop-device-list>`
          : free
            ? html`<coop-key-restore-form></coop-key-restore-form>`
            : html`<p class="muted">${t('keys.backupNotReady')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-keys-screen': CoopKeysScreen;
  }
}
