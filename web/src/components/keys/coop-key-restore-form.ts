import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { MAX_BACKUP_FILE_BYTES, type RestoreProblem } from '../../app/runtime-keys.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';

/**
 * Restoring the member key on a device that belongs to no cooperative: a backup file (or its
 * pasted text) and its passphrase. Every failure is said in a sentence (`role="alert"`); a file
 * too large is refused by its size, before it is read.
 * @fires key-restored - once the key is restored and the cooperative is opening.
 */
@customElement('coop-key-restore-form')
export class CoopKeyRestoreForm extends LitElement {
  static override styles = screenStyles;

  @state() private fileText = '';
  @state() private pasted = '';
  @state() private passphrase = '';
  @state() private problem: string | null = null;
  @state() private done: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private describe(reason: RestoreProblem): string {
    return this.i18n.t(`keys.problem.${reason}`);
  }

  private async onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    this.problem = null;
    this.fileText = '';
    if (file === undefined) return;
    // Bounded before reading: a multi-gigabyte file is refused without touching its bytes.
    if (file.size > MAX_BACKUP_FILE_BYTES) {
      this.problem = this.describe('too-large');
      return;
    }
    try {
      this.fileText = await file.text();
    } catch {
      this.problem = this.describe('not-a-backup');
    }
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.working) return;
    this.problem = null;
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      this.problem = this.describe('not-ready');
      return;
    }
    const text = this.pasted.trim() !== '' ? this.pasted : this.fileText;
    this.working = true;
    try {
      const result = await runtime.restoreKey({ text, passphrase: this.passphrase });
      if (result.ok) {
        this.passphrase = '';
        this.done = this.i18n.t('keys.restored', { name: result.name });
        this.dispatchEvent(new CustomEvent('key-restored', { bubbles: true, composed: true }));
      } else {
        this.problem = this.describe(result.reason);
        if (result.reason === 'wrong-passphrase')
          this.renderRoot.querySelector<HTMLInputElement>('#restore-passphrase')?.focus();
      }
    } catch {
      this.problem = this.i18n.t('keys.restoreFailed');
    } finally {
      this.working = false;
    }
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<h2>${t('keys.restoreTitle')}</h2>
      <p>${t('keys.restoreIntro')}</p>
      <form novalidate @submit=${this.onSubmit}>
        <div class="field">
          <label for="backup-file">${t('keys.restoreFileLabel')}</label>
          <input
            id="backup-file"
            type="file"
            accept=".json,application/json,text/plain"
            @change=${this.onFile}
          />
        </div>
        <div class="field">
          <label for="backup-text">${t('keys.restoreTextLabel')}</label>
          <textarea
            id="backup-text"
            rows="3"
            autocomplete="off"
            spellcheck="false"
            maxlength=${MAX_BACKUP_FILE_BYTES}
            .value=${this.pasted}
            @input=${(e: Event) => (this.pasted = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div class="field">
          <label for="restore-passphrase">${t('keys.restorePassphraseLabel')}</label>
          <input
            id="restore-passphrase"
            type="password"
            autocomplete="current-password"
            .value=${this.passphrase}
            aria-describedby="restore-problem"
            @input=${(e: Event) => (this.passphrase = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div id="restore-problem" role="alert">
          ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
        </div>
        <div role="status">
          ${this.done === null ? nothing : html`<p class="card notice break">${this.done}</p>`}
        </div>
        <p class="muted">${t('keys.twoDevicesWarning')}</p>
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this.working}>
            ${this.working ? t('keys.restoreWorking') : t('keys.restoreAction')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-key-restore-form': CoopKeyRestoreForm;
  }
}
