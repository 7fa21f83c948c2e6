import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/assemblies/coop-minutes-editor.js';
import type { MinutesSpliceDetail } from '../../components/assemblies/coop-minutes-editor.js';
import { assembliesProblemKey } from '../../assemblies/describe.js';
import {
  agendaMinutes,
  clockText,
  currentTimeBox,
  parseMeetingQuery,
  proposalQuery,
} from '../../assemblies/meeting.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { routeHref } from '../routes.js';
import {
  FEDERATION_SCOPE,
  type AgendaItemView,
  type AgendaKind,
  type AssembliesResult,
  type AssemblyView,
  type MeetingAction,
  type MeetingSnapshot,
} from '../runtime-assemblies.js';
import { RuntimeController } from '../runtime-controller.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

const AGENDA_KINDS: readonly AgendaKind[] = ['information', 'discussion', 'decision'];

/**
 * The live meeting, made for a phone in a room: who is present (signed check-ins), the agenda
 * with its approval and the current item's time box, the speaking queue, the vote slot of a
 * decision item, the minutes written together, the action items, and ratifying the previous
 * plenary's minutes. Everything any member changes shows on every device at once.
 *
 * The vote of a decision item is another area's: this screen leaves `<coop-meeting-vote>` (with
 * `scope`, `assembly`, `item`, `proposal`) in the item for it, and links to the proposal.
 */
@customElement('coop-meeting-screen')
export class CoopMeetingScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      section {
        margin-block: 1.5rem;
        max-inline-size: 40rem;
      }
      ol,
      ul {
        padding: 0;
        margin: 0;
        list-style: none;
      }
      .agenda li {
        padding: 0.6rem 0.5rem;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .agenda li[aria-current='step'] {
        background: #e6f0e9;
        border-inline-start: 4px solid var(--coop-color-primary, #1d5c3a);
      }
      .kind {
        display: inline-block;
        font-size: 0.8rem;
        font-weight: 600;
        padding: 0 0.4rem;
        border-radius: 0.3rem;
        border: 1px solid var(--coop-color-border-strong, #8b8677);
        margin-inline-end: 0.4rem;
      }
      .kind.decision {
        background: #fbeed0;
      }
      .small {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-block-start: 0.4rem;
      }
      .small .button {
        min-block-size: 2.75rem;
        padding: 0.25rem 0.7rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        min-block-size: 2.75rem;
        display: flex;
        align-items: center;
      }
      .timer {
        font-size: 1.6rem;
        font-variant-numeric: tabular-nums;
        font-weight: 700;
      }
      .timer.over {
        color: var(--coop-color-danger, #a61b1b);
      }
      .queue li,
      .action-list li {
        padding: 0.4rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .previous {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        max-block-size: 12rem;
        overflow: auto;
        border: 1px solid var(--coop-color-border, #d9d4c7);
        padding: 0.5rem;
        background: var(--coop-color-surface, #fff);
      }
      .action-list label {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
        font-weight: 400;
      }
      .action-list input {
        inline-size: 1.5rem;
        min-block-size: 1.5rem;
        flex: none;
      }
    `,
  ];

  /** What follows `?` in the address: `scope=…&id=…`. */
  @property() query = '';
  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private problem: string | null = null;
  @state() private now = Date.now();

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);
  private ticker: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.now = this.clock();
    // The time box counts down by the second while the screen is open.
    this.ticker = setInterval(() => (this.now = this.clock()), 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  private name(did: string): string {
    return memberName(this.i18n, this.runtime.snapshot.members, did);
  }

  private async act(action: MeetingAction): Promise<AssembliesResult | null> {
    const address = parseMeetingQuery(this.query);
    const runtime = this.runtime.runtime;
    if (address === null || runtime === undefined) return null;
    this.problem = null;
    const result = await runtime.meetingAction(address.scope, address.assembly, action);
    if (!result.ok) this.problem = this.i18n.t(assembliesProblemKey(result.reason));
    return result;
  }

  private onSplice(event: HTMLElementEventMap['minutes-splice']): void {
    const address = parseMeetingQuery(this.query);
    const runtime = this.runtime.runtime;
    if (address === null || runtime === undefined) return;
    const { heads, index, remove, insert } = event.detail;
    const result = runtime.editMinutes(address.scope, address.assembly, {
      heads,
      index,
      remove,
      insert,
    });
    const detail: MinutesSpliceDetail = event.detail;
    if (result.ok) detail.applied = result.heads;
    else this.problem = this.i18n.t(assembliesProblemKey(result.reason));
  }

  private onAddAction(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    void this.act({
      type: 'add-action',
      what: String(data.get('what') ?? ''),
      who: String(data.get('who') ?? ''),
      due: String(data.get('due') ?? ''),
    }).then((result) => {
      if (result?.ok === true) form.reset();
    });
  }

  private onAddItem(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    void this.act({
      type: 'add-item',
      item: {
        title: String(data.get('title') ?? ''),
        kind: String(data.get('kind') ?? '') as AgendaKind,
        minutes: Number(data.get('minutes')),
      },
    }).then((result) => {
      if (result?.ok === true) form.reset();
    });
  }

  private renderAddItem() {
    const { t } = this.i18n;
    return html`<details>
      <summary>${t('meeting.addItem')}</summary>
      <form @submit=${this.onAddItem} novalidate>
        <div class="field">
          <label for="new-item-title">${t('meeting.newItemTitle')}</label>
          <input id="new-item-title" name="title" maxlength="200" required />
        </div>
        <div class="field">
          <label for="new-item-kind">${t('meeting.newItemKind')}</label>
          <select id="new-item-kind" name="kind">
            ${AGENDA_KINDS.map(
              (kind) => html`<option value=${kind}>${t(`assemblies.kind.${kind}`)}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="new-item-minutes">${t('meeting.newItemMinutes')}</label>
          <input
            id="new-item-minutes"
            name="minutes"
            type="number"
            inputmode="numeric"
            min="1"
            max="480"
            value="10"
          />
        </div>
        <div class="actions">
          <button class="button" type="submit">${t('meeting.addItem')}</button>
        </div>
      </form>
    </details>`;
  }

  private renderItem(meeting: MeetingSnapshot, item: AgendaItemView, index: number) {
    const { t, locale } = this.i18n.translator;
    const assembly = meeting.assembly;
    const approved = assembly.agendaApproved !== null;
    const count = assembly.agenda.length;
    const circleScope = assembly.scope !== FEDERATION_SCOPE;
    const circles = this.runtime.runtime?.assembliesSnapshot().circles ?? [];
    const circleName = (id: string): string =>
      circles.find((circle) => circle.id === id)?.name ?? id;
    return html`<li
      aria-current=${assembly.currentItem === item.id ? 'step' : 'false'}
      data-item=${item.id}
      data-kind=${item.kind}
    >
      <span class="kind ${item.kind}">${t(`assemblies.kind.${item.kind}`)}</span>
      <strong>${item.title}</strong>
      <span class="hint"> · ${t('meeting.timeBox', { minutes: item.minutes })}</span>
      ${
        item.escalatedFrom === null
          ? nothing
          : html`<p class="hint">
              ${t('meeting.escalatedFrom', { name: circleName(item.escalatedFrom.circle) })}
            </p>`
      }
      ${
        item.kind === 'decision'
          ? html`<div class="vote">
              ${
                item.proposal === null
                  ? nothing
                  : html`<p>
                      <a href="#/propositions?${proposalQuery(item.proposal)}"
                        >${t('meeting.proposal')}</a
                      >
                    </p>`
              }
              <coop-meeting-vote
                .scope=${assembly.scope}
                .assembly=${assembly.id}
                .item=${item.id}
                .proposal=${item.proposal}
                lang=${locale}
              ></coop-meeting-vote>
            </div>`
          : nothing
      }
      <div class="small">
        ${
          approved
            ? nothing
            : html`<button
                  class="button"
                  type="button"
                  ?disabled=${index === 0}
                  aria-label=${t('meeting.moveUp', { title: item.title })}
                  @click=${() => this.act({ type: 'move-item', item: item.id, to: index - 1 })}
                >
                  ↑
                </button>
                <button
                  class="button"
                  type="button"
                  ?disabled=${index === count - 1}
                  aria-label=${t('meeting.moveDown', { title: item.title })}
                  @click=${() => this.act({ type: 'move-item', item: item.id, to: index + 1 })}
                >
                  ↓
                </button>`
        }
        ${
          circleScope
            ? item.escalated
              ? html`<span class="hint">${t('meeting.escalated')}</span>`
              : html`<button
                  class="button"
                  type="button"
                  @click=${() => this.act({ type: 'escalate', item: item.id })}
                >
                  ${t('meeting.escalate')}
                </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private renderAgenda(meeting: MeetingSnapshot) {
    const { t } = this.i18n;
    const assembly = meeting.assembly;
    const approved = assembly.agendaApproved;
    return html`<section aria-labelledby="agenda-title">
      <h2 id="agenda-title">${t('meeting.agenda')}</h2>
      <p class="hint">${t('meeting.agendaTotal', { minutes: agendaMinutes(assembly) })}</p>
      <ol class="agenda">
        ${assembly.agenda.map((item, index) => this.renderItem(meeting, item, index))}
      </ol>
      ${
        approved === null
          ? html`${this.renderAddItem()}
              <p class="agenda-state">${t('meeting.agendaNotApproved')}</p>
              <div class="actions">
                <button
                  class="button primary"
                  type="button"
                  @click=${() => this.act({ type: 'approve-agenda' })}
                >
                  ${t('meeting.approveAgenda')}
                </button>
              </div>`
          : html`<p class="agenda-state">
              ${t('meeting.agendaApproved', { name: this.name(approved.by) })}
            </p>`
      }
    </section>`;
  }

  private renderCurrent(assembly: AssemblyView) {
    const { t } = this.i18n;
    if (assembly.agendaApproved === null) return nothing;
    const box = currentTimeBox(assembly, this.now);
    return html`<section aria-labelledby="current-title" class="card notice">
      <h2 id="current-title">${t('meeting.current')}</h2>
      ${
        box === null
          ? html`<p class="current">${t('meeting.noCurrent')}</p>`
          : html`<p class="current"><strong>${box.item.title}</strong></p>
              <p class="timer ${box.over ? 'over' : ''}" role="timer">
                ${
                  box.over
                    ? t('meeting.over', { time: clockText(-box.remainingSeconds) })
                    : t('meeting.remaining', { time: clockText(box.remainingSeconds) })
                }
              </p>`
      }
      <div class="actions">
        <button
          class="button primary"
          type="button"
          @click=${() => this.act({ type: 'next-item' })}
        >
          ${assembly.currentItem === null ? t('meeting.start') : t('meeting.nextItem')}
        </button>
      </div>
    </section>`;
  }

  private renderSpeaking(assembly: AssemblyView) {
    const { t } = this.i18n;
    const self = this.runtime.snapshot.self;
    const waiting = self !== null && assembly.speakingQueue.includes(self);
    return html`<section aria-labelledby="speaking-title">
      <h2 id="speaking-title">${t('meeting.speaking')}</h2>
      <p class="speaker" aria-live="polite">
        ${
          assembly.speaking === null
            ? t('meeting.nobodySpeaking')
            : t('meeting.speaker', { name: this.name(assembly.speaking) })
        }
      </p>
      <h3>${t('meeting.queue')}</h3>
      ${
        assembly.speakingQueue.length === 0
          ? html`<p>${t('meeting.queueEmpty')}</p>`
          : html`<ol class="queue">
              ${assembly.speakingQueue.map((did) => html`<li>${this.name(did)}</li>`)}
            </ol>`
      }
      <div class="actions">
        ${
          waiting
            ? html`<button
                class="button"
                type="button"
                @click=${() => this.act({ type: 'withdraw-floor' })}
              >
                ${t('meeting.withdrawFloor')}
              </button>`
            : html`<button
                class="button primary"
                type="button"
                @click=${() => this.act({ type: 'request-floor' })}
              >
                ${t('meeting.requestFloor')}
              </button>`
        }
        <button class="button" type="button" @click=${() => this.act({ type: 'next-speaker' })}>
          ${t('meeting.nextSpeaker')}
        </button>
      </div>
    </section>`;
  }

  private renderPrevious(meeting: MeetingSnapshot) {
    const { t, formatDate } = this.i18n.translator;
    const previous = meeting.previous;
    if (previous === null) return nothing;
    return html`<section aria-labelledby="previous-title">
      <h2 id="previous-title">${t('meeting.previousMinutes', { title: previous.title })}</h2>
      <div class="previous">${previous.minutes}</div>
      ${
        previous.minutesRatified === null
          ? html`<div class="actions">
              <button
                class="button"
                type="button"
                @click=${() => this.act({ type: 'ratify-previous' })}
              >
                ${t('meeting.ratify')}
              </button>
            </div>`
          : html`<p>
              ${t('meeting.minutesRatified', {
                date: formatDate(new Date(previous.minutesRatified.at)),
              })}
            </p>`
      }
    </section>`;
  }

  private renderActions(assembly: AssemblyView) {
    const { t, formatDate } = this.i18n.translator;
    const members = this.runtime.snapshot.members;
    return html`<section aria-labelledby="actions-title">
      <h2 id="actions-title">${t('meeting.actions')}</h2>
      ${
        assembly.actions.length === 0
          ? html`<p>${t('meeting.noActions')}</p>`
          : html`<ul class="action-list">
              ${assembly.actions.map(
                (action) =>
                  html`<li>
                    <label>
                      <input
                        type="checkbox"
                        .checked=${action.done}
                        @change=${(event: Event) =>
                          this.act({
                            type: 'action-done',
                            action: action.id,
                            done: (event.target as HTMLInputElement).checked,
                          })}
                      />
                      <span>
                        <strong>${action.what}</strong><br />
                        ${t('meeting.actionLine', {
                          who: this.name(action.who),
                          due: formatDate(new Date(`${action.due}T12:00:00Z`)),
                        })}
                      </span>
                    </label>
                  </li>`,
              )}
            </ul>`
      }
      <form @submit=${this.onAddAction} novalidate>
        <div class="field">
          <label for="action-what">${t('meeting.actionWhatLabel')}</label>
          <input id="action-what" name="what" maxlength="500" required />
        </div>
        <div class="field">
          <label for="action-who">${t('meeting.actionWhoLabel')}</label>
          <select id="action-who" name="who">
            ${members.map(
              (member) => html`<option value=${member.did}>${this.name(member.did)}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="action-due">${t('meeting.actionDueLabel')}</label>
          <input id="action-due" name="due" type="date" required />
        </div>
        <div class="actions">
          <button class="button" type="submit">${t('meeting.addAction')}</button>
        </div>
      </form>
    </section>`;
  }

  private renderDrafts(assembly: AssemblyView) {
    const { t } = this.i18n;
    if (assembly.scope !== FEDERATION_SCOPE || assembly.agendaApproved !== null) return nothing;
    const data = this.runtime.runtime?.assembliesSnapshot();
    const drafts = data?.drafts ?? [];
    if (drafts.length === 0) return nothing;
    const circleName = (id: string): string =>
      data?.circles.find((circle) => circle.id === id)?.name ?? id;
    return html`<section aria-labelledby="drafts-title">
      <h2 id="drafts-title">${t('assemblies.drafts')}</h2>
      <ul class="queue">
        ${drafts.map(
          (draft) =>
            html`<li>
              <strong>${draft.title}</strong>
              <span class="hint"
                >${t('assemblies.draftFrom', { name: circleName(draft.escalatedFrom.circle) })}</span
              >
              <div class="small">
                <button
                  class="button"
                  type="button"
                  @click=${() => this.act({ type: 'place-draft', draft: draft.id })}
                >
                  ${t('meeting.placeDraft')}
                </button>
              </div>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  protected override render() {
    const { t, formatDateTime, locale } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    const address = parseMeetingQuery(this.query);
    const back = html`<p><a href=${routeHref('assemblies', locale)}>${t('meeting.back')}</a></p>`;
    const meeting =
      runtime === undefined || address === null
        ? null
        : runtime.meeting(address.scope, address.assembly);
    if (meeting === null) {
      return html`<h1>${t('nav.meeting')}</h1>
        <p>${t('meeting.notFound')}</p>
        ${back}`;
    }
    const assembly = meeting.assembly;
    const names = meeting.present.map((did) => this.name(did)).join(', ');
    return html`${back}
      <h1>${assembly.title}</h1>
      <p>
        ${formatDateTime(new Date(assembly.startsAt))}${
          assembly.place === '' ? nothing : html` · ${assembly.place}`
        }
        ${
          assembly.online === ''
            ? nothing
            : html` ·
                <a href=${assembly.online} rel="noopener noreferrer" target="_blank"
                  >${t('assemblies.online')}</a
                >`
        }
      </p>
      ${
        assembly.facilitator === ''
          ? nothing
          : html`<p>${t('meeting.facilitator', { name: this.name(assembly.facilitator) })}</p>`
      }
      <section aria-labelledby="presence-title">
        <h2 id="presence-title">${t('meeting.presence')}</h2>
        <p class="present" aria-live="polite">
          ${t('meeting.present', { count: meeting.present.length, names })}
        </p>
        ${
          meeting.checkedIn
            ? html`<p class="checked-in">${t('meeting.checkedIn')}</p>`
            : html`<div class="actions">
                <button
                  class="button primary"
                  type="button"
                  @click=${() => this.act({ type: 'check-in' })}
                >
                  ${t('meeting.checkIn')}
                </button>
              </div>`
        }
      </section>
      <p aria-live="assertive">
        ${this.problem === null ? nothing : html`<span class="error">${this.problem}</span>`}
      </p>
      ${this.renderCurrent(assembly)} ${this.renderAgenda(meeting)} ${this.renderDrafts(assembly)}
      ${this.renderSpeaking(assembly)}
      <section aria-labelledby="minutes-title">
        <h2 id="minutes-title">${t('meeting.minutes')}</h2>
        <coop-minutes-editor
          .text=${assembly.minutes}
          .heads=${meeting.heads}
          .label=${t('meeting.minutesLabel')}
          @minutes-splice=${this.onSplice}
        ></coop-minutes-editor>
      </section>
      ${this.renderActions(assembly)} ${this.renderPrevious(meeting)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-meeting-screen': CoopMeetingScreen;
  }
}
