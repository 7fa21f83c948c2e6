import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/** The cooperative's members, as the valid entries show them. */
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
      .name {
        font-weight: 600;
      }
      .did {
        display: block;
        font-family: ui-monospace, monospace;
        font-size: 0.8rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override render() {
    const { t, formatDate } = this.i18n.translator;
    const { cooperative, members, self } = this.runtime.snapshot;
    if (cooperative === null) {
      return html`<h1>${t('members.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    return html`<h1>${t('members.title')}</h1>
      <p>${t('members.count', { count: members.length })}</p>
      <ul>
        ${members.map(
          (member) =>
            html`<li>
              <span class="name">${member.name ?? t('members.founderName')}</span>
              ${member.did === self ? html` <span class="muted">${t('members.you')}</span>` : ''}
              <span class="did muted">${member.did}</span>
              <span class="muted">
                ${
                  member.invitedBy === null
                    ? t('members.founder')
                    : t('members.since', { date: formatDate(new Date(member.since)) })
                }
              </span>
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
