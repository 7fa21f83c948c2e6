import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { MIN_PASSPHRASE_LENGTH } from '../../app/runtime-keys.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import '../coop-qr-code.js';

/** What a made backup offers: a file to download and its one-line form for the QR code. */
interface MadeBackup {
  readonly href: string;
  readonly fileName: string;
  readonly text: string;
}

/**
 * Backing up the member key: a passphrase typed twice (at least {@link MIN_PASSPHRASE_LENGTH}
 * characters), then a download link for the encrypted file and a QR code of the same backup.
 */
@customElement('coop-key-backup-form')
export class CoopKeyBackupForm extends LitElement {
  static override styles = [
    screenStyles,
    css`
      coop-qr-code {
        margin-block: 1rem;
      }
    `,
  ];

  @state() private passphrase = '';
  @state() private again = '';
  @state() private passphraseError: string | null = null;
  @state() private againError: string | null = null;
  @state() private problem: string | null = null;
  @state() private working = false;
  @state() private made: MadeBackup | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.forget();
  }

  /** Drops the previous backup's object URL (the file stays downloadable until then). */
  private forget(): void {
    if (this.made !== null) URL.revokeObjectURL(this.made.href);
    this.made = null;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.working) return;
    const { t } = this.i18n;
    this.problem = null;
    this.passphraseError =
      [...this.passphrase.trim()].length < MIN_PASSPHRASE_LENGTH
        ? t('keys.passphraseTooShort', { min: MIN_PASSPHRASE_LENGTH })
        : null;
    this.againError =
      this.passphraseError === null && this.again !== this.passphrase
        ? t('keys.passphraseMismatch')
        : null;
    if (this.passphraseError !== null || this.againError !== null) {
      this.renderRoot
        .querySelector<HTMLInputElement>(this.passphraseError !== null ? '#passphrase' : '#again')
        ?.focus();
      return;
    }
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      this.problem = t('keys.backupNotReady');
      return;
    }
    this.working = true;
    this.forget();
    try {
      const result = await runtime.backUpKey({ passphrase: this.passphrase });
      if (!result.ok) {
        this.problem =
          result.reason === 'weak-passphrase'
            ? t('keys.problem.weak-passphrase', { min: MIN_PASSPHRASE_LENGTH })
            : t('keys.backupNotReady');
        return;
      }
      const blob = new Blob([result.file], { type: 'application/json' });
      this.made = { href: URL.createObjectURL(blob), fileName: result.fileName, text: result.text };
      this.passphrase = '';
      this.again = '';
    } catch {
      this.problem = t('keys.backupFailed');
    } finally {
      this.working = false;
    }
  }

  private renderMade(made: MadeBackup) {
    const { t } = this.i18n;
    return html`<div class="card notice" role="status">
      <p>${t('keys.backupReady')}</p>
      <div class="actions">
        <a class="button primary" href=${made.href} download=${made.fileName}
          >${t('keys.downloadAction')}</a
        >
      </div>
      <coop-qr-code .value=${made.text} label=${t('keys.qrLabel')} ecc="L"></coop-qr-code>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const min = MIN_PASSPHRASE_LENGTH;
    return html`<h2>${t('keys.backupTitle')}</h2>
      <p>${t('keys.backupIntro', { min })}</p>
      <form novalidate @submit=${this.onSubmit}>
        <div class="field">
          <label for="passphrase">${t('keys.passphraseLabel')}</label>
          <input
            id="passphrase"
            type="password"
            autocomplete="new-password"
            minlength=${min}
            .value=${this.passphrase}
            aria-invalid=${this.passphraseError === null ? 'false' : 'true'}
            aria-describedby="passphrase-error"
            @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)}
          />
          <p id="passphrase-error" class="error" role="alert">${this.passphraseError ?? nothing}</p>
        </div>
        <div class="field">
          <label for="again">${t('keys.passphraseAgainLabel')}</label>
          <input
            id="again"
            type="password"
            autocomplete="new-password"
            .value=${this.again}
            aria-invalid=${this.againError === null ? 'false' : 'true'}
            aria-describedby="again-error"
            @input=${(e: Event) => (this.again = (e.target as HTMLInputElement).value)}
          />
          <p id="again-error" class="error" role="alert">${this.againError ?? nothing}</p>
        </div>
        <div role="alert">
          ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
        </div>
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this.working}>
            ${this.working ? t('keys.backupWorking') : t('keys.backupAction')}
          </button>
        </div>
      </form>
      ${this.made === null ? nothing : this.renderMade(this.made)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-key-backup-form': CoopKeyBackupForm;
  }
}
