import { allowedChoices } from '@integrale/ledger';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { routeHref } from '../../app/routes.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import type { Choice, GovernanceResult, ProposalView } from '../../app/runtime-governance.js';
import { screenStyles } from '../../app/screen-styles.js';
import {
  describeChoice,
  describeGovernanceProblem,
  describeMethod,
  describeResult,
  describeVerification,
  explainMethod,
} from '../../governance/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';

/**
 * The vote on one proposal: the choices its method allows, a reason (required for a block), the
 * live count as this device makes it (unless the proposer chose to hide results until the
 * close), and the close. Used in the live meeting view for the current agenda item and on the
 * proposal page.
 *
 * @fires vote-closed - the vote was closed (or withdrawn) from here; `detail.entry` is the outcome
 */
@customElement('coop-meeting-vote')
export class CoopMeetingVote extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .choices {
        list-style: none;
        margin: 0.5rem 0 1rem;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
      }
      .choices label {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-block-size: 2.75rem;
        font-weight: 400;
        margin: 0;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: 600;
        padding: 0;
      }
      .counts {
        list-style: none;
        margin: 0 0 0.5rem;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .title {
        font-size: 1.1rem;
        font-weight: 700;
        margin: 0 0 0.5rem;
        overflow-wrap: anywhere;
      }
      .decided {
        font-weight: 700;
      }
    `,
  ];

  /** The proposal's id (a `gov/1` proposal entry); `null` for an item without one yet. */
  @property() proposal: string | null = null;

  /** In a meeting: the assembly's scope (`federation` or a circle's id). */
  @property() scope = '';

  /** In a meeting: the assembly's id (proxies given for it count). */
  @property() assembly = '';

  /** In a meeting: the agenda item's id. */
  @property() item = '';

  /** The heading level of the vote's title (3 inside a meeting, 2 on the proposal page). */
  @property({ type: Number }) level = 3;

  /** Whether to link to the proposal's own page (in a meeting, yes). */
  @property({ type: Boolean, attribute: 'show-link' }) showLink = false;

  /** The clock, in milliseconds since 1970 (passed in so tests are exact). */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private choice: Choice | null = null;
  @state() private reason = '';
  @state() private working = false;
  @state() private problem: string | null = null;
  @state() private notice: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async run(action: () => Promise<GovernanceResult>, done: string): Promise<boolean> {
    if (this.working) return false;
    this.working = true;
    this.problem = null;
    this.notice = null;
    try {
      const result = await action();
      if (!result.ok) {
        this.problem = describeGovernanceProblem(this.i18n, result);
        return false;
      }
      this.notice = done;
      return true;
    } catch {
      this.problem = this.i18n.t('gov.problem.failed');
      return false;
    } finally {
      this.working = false;
    }
  }

  private async onVote(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const choice = this.choice;
    if (runtime === undefined || choice === null) return;
    if (choice === 'block' && this.reason.trim() === '') {
      this.problem = this.i18n.t('gov.problem.reasonRequired');
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
      return;
    }
    const ok = await this.run(
      () => runtime.vote(this.proposal ?? '', choice, this.reason),
      this.i18n.t('gov.vote.voted'),
    );
    if (ok) this.reason = '';
  }

  private async onClose(withdraw: boolean): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined) return;
    let entry: string | null = null;
    await this.run(
      async () => {
        const result = await runtime.closeVote(this.proposal ?? '', { withdraw });
        if (result.ok) entry = result.entry;
        return result;
      },
      withdraw ? this.i18n.t('gov.page.withdrawn') : this.i18n.t('gov.vote.voted'),
    );
    if (entry !== null) {
      this.notice = null;
      this.dispatchEvent(
        new CustomEvent('vote-closed', { detail: { entry }, bubbles: true, composed: true }),
      );
    }
  }

  /** An item with no proposal yet: a link to write one, put to this assembly. */
  private renderDraftLink() {
    const { t, locale } = this.i18n.translator;
    let circles: readonly { id: string; name: string }[] = [];
    try {
      circles = this.runtime.runtime?.assembliesSnapshot().circles ?? [];
    } catch {
      circles = [];
    }
    const scope =
      this.scope === 'federation'
        ? 'federation'
        : (circles.find((circle) => circle.id === this.scope)?.name ?? 'federation');
    const query = new URLSearchParams({ new: '1', assembly: this.assembly, scope });
    return html`<p>
      <a href=${`${routeHref('proposals', locale)}?${query.toString()}`}>${t('gov.vote.draft')}</a>
    </p>`;
  }

  private heading(text: string) {
    return html`<p class="title" role="heading" aria-level=${this.level}>${text}</p>`;
  }

  private renderCount(view: ProposalView) {
    const { t } = this.i18n;
    const count = view.count;
    if (count === null) return nothing;
    const allowed = allowedChoices(view.method);
    // Once closed, the recorded counts (what every device recounted), not a live count.
    const decided = view.decided;
    const counts = decided?.counts ?? count.counts;
    if (decided !== null) {
      return html`<ul class="counts" aria-label=${t('gov.page.ballotsTitle')}>
        ${allowed.map(
          (choice) =>
            html`<li>
              ${t('gov.vote.countLine', {
                choice: describeChoice(this.i18n, choice),
                count: counts[choice],
              })}
            </li>`,
        )}
      </ul>`;
    }
    return html`<p>
        ${t('gov.vote.participants', { count: count.participants, quorum: view.quorum })}
      </p>
      <ul class="counts" aria-label=${t('gov.page.ballotsTitle')}>
        ${allowed.map(
          (choice) =>
            html`<li>
              ${t('gov.vote.countLine', {
                choice: describeChoice(this.i18n, choice),
                count: count.counts[choice],
              })}
            </li>`,
        )}
      </ul>
      <p>
        ${
          count.proposerDecides
            ? t('gov.vote.proposerDecides')
            : t('gov.vote.soFar', { result: describeResult(this.i18n, count.result) })
        }
      </p>`;
  }

  private renderBallotForm(view: ProposalView, self: string) {
    const { t } = this.i18n;
    const allowed = allowedChoices(view.method);
    const mine = [...view.ballots].reverse().find((ballot) => ballot.voter === self);
    const reasonId = `reason-${view.id.slice(0, 12)}`;
    return html`${
        mine === undefined
          ? nothing
          : html`<p>${t('gov.vote.yours', { choice: describeChoice(this.i18n, mine.choice) })}</p>`
      }
      <form novalidate @submit=${this.onVote}>
        <fieldset>
          <legend>${t('gov.vote.choiceLegend')}</legend>
          <ul class="choices">
            ${allowed.map(
              (choice) =>
                html`<li>
                  <label>
                    <input
                      type="radio"
                      name="choice"
                      .checked=${this.choice === choice}
                      @change=${() => {
                        this.choice = choice;
                      }}
                    />
                    <span>${describeChoice(this.i18n, choice)}</span>
                  </label>
                </li>`,
            )}
          </ul>
        </fieldset>
        <div class="field">
          <label for=${reasonId}>${t('gov.vote.reasonLabel')}</label>
          <textarea
            id=${reasonId}
            maxlength="1000"
            ?required=${this.choice === 'block'}
            aria-required=${this.choice === 'block' ? 'true' : 'false'}
            .value=${this.reason}
            @input=${(event: Event) => {
              this.reason = (event.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
        </div>
        <div class="actions">
          <button
            class="button primary"
            type="submit"
            ?disabled=${this.working || this.choice === null}
          >
            ${t('gov.vote.cast')}
          </button>
        </div>
      </form>`;
  }

  protected override render() {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    const { self } = this.runtime.snapshot;
    if (this.proposal === null) return this.renderDraftLink();
    const view = runtime?.proposal(this.proposal) ?? null;
    if (view === null) {
      return html`<div class="card">
        ${this.heading(t('gov.vote.title'))}
        <p class="muted">${t('gov.vote.notFound')}</p>
      </div>`;
    }
    const now = this.clock();
    const closesAt = Date.parse(view.closes);
    const beforeClose = !(now > closesAt);
    const decided = view.decided;
    const hidden = view.hideResults && decided === null && beforeClose;
    const proposer = self !== null && view.author === self;
    const mayClose =
      decided === null &&
      view.status.state === 'valid' &&
      (proposer || (view.method.kind !== 'advice' && !beforeClose));
    const mayVote =
      decided === null &&
      beforeClose &&
      self !== null &&
      view.status.state === 'valid' &&
      (view.electorate === null || view.electorate.includes(self));
    const pageHref = `${routeHref('proposal', locale)}?id=${encodeURIComponent(view.id)}`;
    return html`<div class="card notice">
      ${this.heading(`${t('gov.vote.title')} — ${view.title}`)}
      <p>
        <strong>${describeMethod(this.i18n, view.method)}</strong>.
        ${explainMethod(this.i18n, view.method)}
      </p>
      <p class="muted">${t('gov.vote.closesAt', { date: formatDateTime(new Date(closesAt)) })}</p>
      ${
        decided === null
          ? nothing
          : html`<p class="decided">
                ${t('gov.vote.closedResult', { result: describeResult(this.i18n, decided.result) })}
              </p>
              <p>${describeVerification(this.i18n, decided.status)}</p>`
      }
      ${hidden ? html`<p class="muted">${t('gov.page.hidden')}</p>` : this.renderCount(view)}
      ${mayVote && self !== null ? this.renderBallotForm(view, self) : nothing}
      ${
        mayClose
          ? html`<div class="actions">
              <button
                class="button"
                type="button"
                ?disabled=${this.working}
                @click=${() => this.onClose(false)}
              >
                ${view.method.kind === 'advice' ? t('gov.vote.closeAdvice') : t('gov.vote.close')}
              </button>
              ${
                proposer
                  ? html`<button
                      class="button"
                      type="button"
                      ?disabled=${this.working}
                      @click=${() => this.onClose(true)}
                    >
                      ${t('gov.page.withdraw')}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      <div role="status">${this.notice === null ? nothing : html`<p>${this.notice}</p>`}</div>
      <div role="alert">
        ${this.problem === null ? nothing : html`<p class="error">${this.problem}</p>`}
      </div>
      ${this.showLink ? html`<p><a href=${pageHref}>${t('gov.vote.open')}</a></p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-meeting-vote': CoopMeetingVote;
  }
}
