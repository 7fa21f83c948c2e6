import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { screenStyles } from '../screen-styles.js';

/** This member's keys: what they are for, and (soon) backing them up and restoring them. */
@customElement('coop-keys-screen')
export class CoopKeysScreen extends LitElement {
  static override styles = screenStyles;

  private readonly i18n = new LocaleController(this);

  protected override render() {
    const { t } = this.i18n;
    return html`<h1>${t('keys.title')}</h1>
      <p>${t('keys.intro')}</p>
      <p class="card notice">${t('keys.backupAdvice')}</p>
      <p class="muted">${t('app.comingSoon')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-keys-screen': CoopKeysScreen;
  }
}
