import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { navigateEvent } from '../navigate.js';
import { RuntimeController } from '../runtime-controller.js';
import {
  describeFoundProblem,
  readFoundForm,
  type FoundField,
  type FoundFormInput,
} from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/** Creating a cooperative (the founder's genesis): the form, then home once it exists. */
@customElement('coop-create-screen')
export class CoopCreateScreen extends LitElement {
  static override styles = screenStyles;

  @state() private form: FoundFormInput = {
    name: '',
    founderName: '',
    code: '',
    currencyName: '',
    decimals: '2',
    creditLimit: '0',
  };
  @state() private errors: Partial<Record<FoundField, string>> = {};
  @state() private problem: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private onInput(field: FoundField, event: Event): void {
    this.form = { ...this.form, [field]: (event.target as HTMLInputElement).value };
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.working) return;
    this.problem = null;
    const read = readFoundForm(this.i18n, this.form, this.i18n.locale);
    if (!read.ok) {
      this.errors = read.errors;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.errors = {};
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      this.problem = describeFoundProblem(this.i18n, 'not-ready');
      return;
    }
    this.working = true;
    try {
      const result = await runtime.found(read.request);
      if (result.ok) this.dispatchEvent(navigateEvent('home'));
      else this.problem = describeFoundProblem(this.i18n, result.reason);
    } catch {
      this.problem = this.i18n.t('create.failed');
    } finally {
      this.working = false;
    }
  }

  private renderField(
    field: FoundField,
    label: string,
    options: {
      inputmode?: string;
      maxlength?: number;
      hint?: string;
      autocapitalize?: string;
      autocomplete?: string;
    },
  ) {
    const error = this.errors[field];
    const described = [options.hint ? `${field}-hint` : '', error ? `${field}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        autocomplete=${options.autocomplete ?? 'off'}
        inputmode=${options.inputmode ?? 'text'}
        autocapitalize=${options.autocapitalize ?? 'sentences'}
        maxlength=${options.maxlength ?? nothing}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        .value=${this.form[field]}
        @input=${(event: Event) => this.onInput(field, event)}
      />
      ${options.hint ? html`<p class="hint" id=${`${field}-hint`}>${options.hint}</p>` : nothing}
      ${error ? html`<p class="error" id=${`${field}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const { phase, cooperative } = this.runtime.snapshot;
    if (cooperative !== null || (phase !== 'no-cooperative' && phase !== 'founding')) {
      return html`<h1>${t('create.title')}</h1>
        <p class="card notice">
          ${cooperative !== null ? t('create.alreadyMember') : t('create.notReady')}
        </p>`;
    }
    // The names have no maxlength: it would cut a pasted name without a word (and it counts
    // UTF-16 units, not characters); the form says when one is too long instead.
    return html`<h1>${t('create.title')}</h1>
      <p>${t('create.intro')}</p>
      <form novalidate @submit=${this.onSubmit}>
        ${this.renderField('name', t('create.nameLabel'), {})}
        ${this.renderField('founderName', t('profiles.founderNameLabel'), {
          autocomplete: 'name',
          hint: t('profiles.founderNameHint'),
        })}
        ${this.renderField('code', t('create.codeLabel'), {
          maxlength: 8,
          autocapitalize: 'characters',
        })}
        ${this.renderField('currencyName', t('create.currencyNameLabel'), {})}
        ${this.renderField('decimals', t('create.decimalsLabel'), {
          inputmode: 'numeric',
          maxlength: 1,
        })}
        ${this.renderField('creditLimit', t('create.creditLimitLabel'), {
          inputmode: 'decimal',
          hint: t('create.creditLimitHint'),
        })}
        <div role="alert">
          ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
        </div>
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this.working}>
            ${this.working ? t('create.working') : t('create.submit')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-create-screen': CoopCreateScreen;
  }
}
