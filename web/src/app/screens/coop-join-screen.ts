import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describeInvitationProblem } from '../../i18n/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import {
  parseInvitationLink,
  parseInvitationQuery,
  type InvitationParseResult,
} from '../../invitation.js';
import { screenStyles } from '../screen-styles.js';

/**
 * Joining with an invitation: the link's details when the app was opened from one, or a field
 * to paste it into. What an invitation says is shown; the join itself lands with the
 * peer-to-peer runtime.
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

  private readonly i18n = new LocaleController(this);

  private onInput(event: Event): void {
    this.pasted = (event.target as HTMLTextAreaElement).value;
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
      <h2>
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
      <p class="muted">${t('app.comingSoon')}</p>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const fromAddress =
      this.query === '' ? null : parseInvitationQuery(this.query, { now: this.now });
    const fromPaste =
      this.pasted.trim() === '' ? null : parseInvitationLink(this.pasted, { now: this.now });
    return html`<h1>${t('join.title')}</h1>
      ${fromAddress === null ? nothing : this.renderResult(fromAddress)}
      <p>${t('join.intro')}</p>
      <label for="link">${t('join.linkLabel')}</label>
      <textarea
        id="link"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        .value=${this.pasted}
        @input=${this.onInput}
      ></textarea>
      <div aria-live="polite">${fromPaste === null ? nothing : this.renderResult(fromPaste)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-join-screen': CoopJoinScreen;
  }
}
