import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { screenStyles } from '../screen-styles.js';

/** Creating a cooperative (the founder's genesis). A placeholder until that flow lands. */
@customElement('coop-create-screen')
export class CoopCreateScreen extends LitElement {
  static override styles = screenStyles;

  private readonly i18n = new LocaleController(this);

  protected override render() {
    const { t } = this.i18n;
    return html`<h1>${t('create.title')}</h1>
      <p>${t('create.intro')}</p>
      <p class="card notice">${t('app.comingSoon')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-create-screen': CoopCreateScreen;
  }
}
