import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/coop-qr-code.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../runtime-controller.js';
import { describeInviteProblem, memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/** An invitation made on this screen. */
interface MadeInvitation {
  readonly link: string;
  readonly expiresAt: number;
}

/**
 * The cooperative's members, as the valid entries show them, each with their balance (so that
 * members can check they all see the same books), and inviting someone new.
 */
@customElement('coop-members-screen')
export class CoopMembersScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        max-inline-size: 40rem;
      }
      li {
        padding: 0.75rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
      }
      li > span {
        display: block;
      }
      .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .did {
        font-family: ui-monospace, monospace;
        font-size: 0.8rem;
        overflow-wrap: anywhere;
      }
      .link {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
        user-select: all;
      }
    `,
  ];

  @state() private invitation: MadeInvitation | null = null;
  @state() private problem: string | null = null;
  @state() private working = false;
  @state() private copyState: 'idle' | 'copied' | 'failed' = 'idle';

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async onInvite(): Promise<void> {
    if (this.working) return;
    const runtime = this.runtime.runtime;
    this.problem = null;
    this.copyState = 'idle';
    if (runtime === undefined) {
      this.problem = describeInviteProblem(this.i18n, 'not-ready');
      return;
    }
    this.working = true;
    try {
      const result = await runtime.invite();
      if (result.ok) {
        this.invitation = { link: result.link, expiresAt: result.expiresAt };
        await this.focusInvitation();
      } else this.problem = describeInviteProblem(this.i18n, result.reason);
    } catch {
      this.problem = this.i18n.t('members.inviteFailed');
    } finally {
      this.working = false;
    }
  }

  /**
   * The invite button is disabled while the invitation is made, which drops the keyboard focus:
   * put it on the invitation's first sentence, next to the copy button (and read out).
   */
  private async focusInvitation(): Promise<void> {
    this.working = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#invitation-ready')?.focus();
  }

  private async onCopy(): Promise<void> {
    if (this.invitation === null) return;
    try {
      await navigator.clipboard.writeText(this.invitation.link);
      this.copyState = 'copied';
    } catch {
      this.copyState = 'failed';
    }
  }

  /** A day from an author's clock, written out; the raw text if it is not a date. */
  private day(ts: string, formatDate: (date: Date) => string): string {
    const date = new Date(ts);
    return Number.isNaN(date.getTime()) ? ts : formatDate(date);
  }

  private renderInvitation() {
    const { t, formatDateTime } = this.i18n.translator;
    const invitation = this.invitation;
    if (invitation === null) return nothing;
    return html`<div class="card notice">
      <p id="invitation-ready" tabindex="-1">
        ${t('members.inviteReady', {
          date: formatDateTime(new Date(invitation.expiresAt * 1000)),
        })}
      </p>
      <p class="link">${invitation.link}</p>
      <div class="actions">
        <button class="button" type="button" @click=${this.onCopy}>${t('members.copy')}</button>
      </div>
      <p aria-live="polite">
        ${
          this.copyState === 'copied'
            ? t('members.copied')
            : this.copyState === 'failed'
              ? t('members.copyFailed')
              : nothing
        }
      </p>
      <coop-qr-code .value=${invitation.link} .label=${t('members.inviteQr')}></coop-qr-code>
    </div>`;
  }

  protected override render() {
    const { t, formatDate, locale } = this.i18n.translator;
    const { cooperative, members, self } = this.runtime.snapshot;
    const runtime = this.runtime.runtime;
    if (cooperative === null) {
      return html`<h1>${t('members.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    return html`<h1>${t('members.title')}</h1>
      <div class="actions">
        <button
          class="button primary"
          type="button"
          ?disabled=${this.working}
          @click=${this.onInvite}
        >
          ${this.working ? t('members.inviteWorking') : t('members.inviteAction')}
        </button>
      </div>
      <div role="alert">
        ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
      </div>
      ${this.renderInvitation()}
      <p>${t('members.count', { count: members.length })}</p>
      <ul>
        ${members.map(
          (member) =>
            html`<li>
              <span class="name"
                >${member.name ?? t('members.founderName')}${
                  member.did === self ? html` <span class="muted">${t('members.you')}</span>` : ''
                }</span
              >
              <span class="balance">
                ${t('members.balance', {
                  amount: formatAmount(
                    runtime?.balanceOf(member.did) ?? 0,
                    cooperative.currency,
                    locale,
                  ),
                })}
              </span>
              <span class="muted">
                ${t('members.since', { date: this.day(member.since, formatDate) })}
              </span>
              <span class="muted">
                ${
                  member.invitedBy === null
                    ? t('members.founder')
                    : t('members.invitedBy', {
                        name: memberName(this.i18n, members, member.invitedBy),
                      })
                }
              </span>
              <span class="did muted">${member.did}</span>
            </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-members-screen': CoopMembersScreen;
  }
}
