import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/coop-qr-scanner.js';
import type { QrScannedDetail } from '../../components/coop-qr-scanner.js';
import { describeInvitationProblem } from '../../i18n/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import {
  parseInvitationLink,
  parseInvitationQuery,
  type InvitationParseResult,
} from '../../invitation.js';
import { classifyScannedText } from '../../scan/scanned-text.js';
import { navigateEvent } from '../navigate.js';
import { RuntimeController } from '../runtime-controller.js';
import { describeJoinProblem, describeRefusal, readMemberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/**
 * Joining with an invitation: the link's details when the app was opened from one, or a field
 * to paste it into; the newcomer's name; then waiting for a member's device to let them in.
 */
@customElement('coop-join-screen')
export class CoopJoinScreen extends LitElement {
  static override styles = screenStyles;

  /** What follows `#/join?` in the address the app was opened at (undecoded); may be empty. */
  @property({ attribute: false }) query = '';

  /** The current time in milliseconds (the clock is passed in). */
  @property({ attribute: false }) now = 0;

  /** What the member pasted. */
  @state() private pasted = '';
  @state() private name = '';
  @state() private nameError: string | null = null;
  @state() private linkError: string | null = null;
  @state() private problem: string | null = null;
  @state() private working = false;
  /** Why a scanned code was not used (a relay's address, anything else). */
  @state() private scanError: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private onInput(event: Event): void {
    this.pasted = (event.target as HTMLTextAreaElement).value;
    this.linkError = null;
    this.scanError = null;
  }

  /** A scanned invitation fills the link field; anything else is said, and changes nothing. */
  private onScanned(event: CustomEvent<QrScannedDetail>): void {
    const scanned = classifyScannedText(event.detail.text);
    if (scanned.kind === 'invitation') {
      this.pasted = scanned.link;
      this.linkError = null;
      this.scanError = null;
    } else {
      this.scanError =
        scanned.kind === 'relay'
          ? this.i18n.t('scan.relayNotInvitation')
          : this.i18n.t('scan.notInvitation');
    }
  }

  private onNameInput(event: Event): void {
    this.name = (event.target as HTMLInputElement).value;
  }

  /** The link to join with: the pasted one, else the one the app was opened from. */
  private link(): { text: string; parsed: InvitationParseResult } | null {
    if (this.pasted.trim() !== '') {
      return {
        text: this.pasted.trim(),
        parsed: parseInvitationLink(this.pasted, { now: this.now }),
      };
    }
    if (this.query !== '') {
      return {
        text: `#/join?${this.query}`,
        parsed: parseInvitationQuery(this.query, { now: this.now }),
      };
    }
    return null;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.working) return;
    this.problem = null;
    const link = this.link();
    const name = readMemberName(this.i18n, this.name);
    this.linkError = link === null ? this.i18n.t('join.linkEmpty') : null;
    this.nameError = name.ok ? null : name.error;
    if (link === null || !link.parsed.ok || !name.ok) return;
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      this.problem = describeJoinProblem(this.i18n, 'not-ready');
      return;
    }
    this.working = true;
    this.focusProgress = true;
    try {
      const result = await runtime.join({ link: link.text, name: name.name });
      if (result.ok) this.dispatchEvent(navigateEvent('home'));
      else this.problem = describeJoinProblem(this.i18n, result.reason);
    } catch {
      this.problem = this.i18n.t('join.failed');
    } finally {
      this.working = false;
    }
  }

  private onCancel(): void {
    this.runtime.runtime?.cancelJoin();
  }

  private renderResult(result: InvitationParseResult) {
    const { t, formatDateTime } = this.i18n.translator;
    if (!result.ok) {
      return html`<p class="card problem" role="alert">
        ${describeInvitationProblem(this.i18n, result)}
      </p>`;
    }
    const { invitation } = result;
    return html`<div class="card notice">
      <h2 class="break">
        ${
          invitation.name === undefined
            ? t('join.invitationUnnamed')
            : t('join.invitationNamed', { name: invitation.name })
        }
      </h2>
      <p>
        ${t('join.validUntil', { date: formatDateTime(new Date(invitation.expiresAt * 1000)) })}
      </p>
      <p>${t('join.relays', { count: invitation.relays.length })}</p>
    </div>`;
  }

  /**
   * Set on sending: the name field and the button are disabled while waiting, so the keyboard
   * focus moves to the waiting message as soon as it shows (not to the page).
   */
  private focusProgress = false;

  protected override updated(): void {
    if (!this.focusProgress) return;
    if (!this.working) {
      this.focusProgress = false;
      return;
    }
    const progress = this.renderRoot.querySelector<HTMLElement>('#join-progress');
    if (progress === null) return;
    this.focusProgress = false;
    progress.focus();
  }

  private renderProgress() {
    const { t } = this.i18n;
    const { join } = this.runtime.snapshot;
    if (!this.working || join === null) return nothing;
    const refusal = describeRefusal(this.i18n, join.lastRefusal);
    return html`<div class="card notice">
      <p id="join-progress" tabindex="-1">
        ${join.state === 'admitted' ? t('join.admitted') : t('join.waiting')}
      </p>
      ${refusal === null ? nothing : html`<p class="muted">${t('join.lastRefusal', { reason: refusal })}</p>`}
      ${
        join.state === 'waiting-for-member'
          ? html`<button class="button" type="button" @click=${this.onCancel}>
              ${t('join.cancel')}
            </button>`
          : nothing
      }
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const fromAddress =
      this.query === '' ? null : parseInvitationQuery(this.query, { now: this.now });
    const fromPaste =
      this.pasted.trim() === '' ? null : parseInvitationLink(this.pasted, { now: this.now });
    const linkDescribed = this.linkError === null ? nothing : 'link-error';
    return html`<h1>${t('join.title')}</h1>
      ${fromAddress === null ? nothing : this.renderResult(fromAddress)}
      <form novalidate @submit=${this.onSubmit}>
        ${
          fromAddress === null
            ? html`<p>${t('join.intro')}</p>
                <div class="field">
                  <label for="link">${t('join.linkLabel')}</label>
                  <textarea
                    id="link"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-invalid=${this.linkError === null ? 'false' : 'true'}
                    aria-describedby=${linkDescribed}
                    ?disabled=${this.working}
                    .value=${this.pasted}
                    @input=${this.onInput}
                  ></textarea>
                  ${
                    this.linkError === null
                      ? nothing
                      : html`<p class="error" id="link-error">${this.linkError}</p>`
                  }
                </div>
                <coop-qr-scanner
                  .label=${t('scan.invitationButton')}
                  @qr-scanned=${this.onScanned}
                ></coop-qr-scanner>
                <div role="alert">
                  ${
                    this.scanError === null
                      ? nothing
                      : html`<p class="error scan-error">${this.scanError}</p>`
                  }
                </div>
                <div aria-live="polite">
                  ${fromPaste === null ? nothing : this.renderResult(fromPaste)}
                </div>`
            : nothing
        }
        <div class="field">
          <label for="name">${t('join.nameLabel')}</label>
          <input
            id="name"
            autocomplete="name"
            aria-invalid=${this.nameError === null ? 'false' : 'true'}
            aria-describedby=${this.nameError === null ? nothing : 'name-error'}
            ?disabled=${this.working}
            .value=${this.name}
            @input=${this.onNameInput}
          />
          ${
            this.nameError === null
              ? nothing
              : html`<p class="error" id="name-error">${this.nameError}</p>`
          }
        </div>
        <div role="status">${this.renderProgress()}</div>
        <div role="alert">
          ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
        </div>
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this.working}>
            ${t('join.submit')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-join-screen': CoopJoinScreen;
  }
}
