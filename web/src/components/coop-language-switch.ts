import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LOCALES, isLocale, type Locale } from '../i18n/catalog.js';
import { LocaleController } from '../i18n/locale-controller.js';

/** Detail of the `locale-change` event. */
export interface LocaleChangeDetail {
  readonly locale: Locale;
}

/**
 * The language menu. It only says what the member picked; the app switches and remembers.
 * Each language is named in itself (« Français », "English") and marked with its `lang`, so a
 * screen reader pronounces it right.
 * @fires locale-change - `CustomEvent<LocaleChangeDetail>`, when the member picks a language.
 */
@customElement('coop-language-switch')
export class CoopLanguageSwitch extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
    }
    .name {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    select {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid currentColor;
      border-radius: 0.4rem;
      padding: 0.35rem 0.5rem;
      min-block-size: 2.5rem;
    }
    select:focus-visible {
      outline: 3px solid var(--coop-color-focus, #f2b600);
      outline-offset: 2px;
    }
    option {
      color: #1b1b1b;
    }
  `;

  /** The language in use. */
  @property() locale: Locale = 'fr';

  private readonly i18n = new LocaleController(this);

  private onChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (!isLocale(value) || value === this.locale) return;
    this.dispatchEvent(
      new CustomEvent<LocaleChangeDetail>('locale-change', {
        detail: { locale: value },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override render() {
    return html`<label>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="20"
        height="20"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
      >
        <circle cx="12" cy="12" r="9"></circle>
        <path
          d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9s1.3-6.4 3.8-9z"
        ></path>
      </svg>
      <span class="name">${this.i18n.t('language.label')}</span>
      <select @change=${this.onChange}>
        ${LOCALES.map(
          (locale) =>
            html`<option value=${locale} lang=${locale} ?selected=${locale === this.locale}>
              ${this.i18n.t(`language.${locale}`)}
            </option>`,
        )}
      </select>
    </label>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-language-switch': CoopLanguageSwitch;
  }
  interface HTMLElementEventMap {
    'locale-change': CustomEvent<LocaleChangeDetail>;
  }
}
