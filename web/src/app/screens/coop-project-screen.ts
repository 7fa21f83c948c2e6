import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { NEED_CATEGORY, suggestOffers } from '../../market/match.js';
import { describeProjectsProblem, scopeLabel } from '../../projects/describe.js';
import {
  NEED_KINDS,
  STATUSES,
  needProgress,
  readQuantity,
  type NeedKindName,
  type Status,
} from '../../projects/progress.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type {
  ListingView,
  NeedView,
  ProjectEdit,
  ProjectsResult,
  ProjectView,
} from '../runtime-projects.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/**
 * One project (`#/projet?id=…`): its description written together, status, needs with how much
 * is covered (« couvert 3 / 5 »), offers of help in one tap, stewards accepting or declining them,
 * the journal of updates and the tasks. Soft parts any member edits; offers and answers signed.
 */
@customElement('coop-project-screen')
export class CoopProjectScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ul.plain {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      ul.plain > li {
        overflow-wrap: anywhere;
        margin: 0 0 0.75rem;
      }
      progress {
        inline-size: 100%;
        block-size: 1rem;
      }
      .description-text {
        white-space: pre-wrap;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
    `,
  ];

  /** The address's query (`id=…`). */
  @property({ attribute: false }) query = '';

  @state() private description: string | null = null;
  @state() private journal = '';
  @state() private account: string | null = null;
  @state() private task = { what: '', who: '', due: '' };
  @state() private need = { kind: 'time' as NeedKindName, what: '', quantity: '', unit: '' };
  @state() private message: string | null = null;
  @state() private error: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private get projectId(): string {
    return new URLSearchParams(this.query).get('id') ?? '';
  }

  private async act(run: () => Promise<ProjectsResult>, done: string): Promise<boolean> {
    if (this.working) return false;
    this.working = true;
    this.error = null;
    this.message = null;
    try {
      const result = await run();
      if (!result.ok) {
        this.error = describeProjectsProblem(this.i18n, result.reason);
        return false;
      }
      this.message = done;
      return true;
    } finally {
      this.working = false;
    }
  }

  private edit(project: ProjectView, edit: ProjectEdit, done: string): Promise<boolean> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined) return Promise.resolve(false);
    return this.act(() => runtime.editProject(project.id, edit), done);
  }

  private renderNeed(project: ProjectView, need: NeedView, listings: readonly ListingView[]) {
    const { t } = this.i18n;
    const { members, self } = this.runtime.snapshot;
    const runtime = this.runtime.runtime;
    const progress = needProgress(need);
    const steward = self !== null && project.stewards.includes(self);
    const offers = project.offers.filter((offer) => offer.need === need.id);
    const mine = offers.some((offer) => offer.by === self && offer.state !== 'declined');
    const headingId = `need-${need.id}`;
    const suggestions = suggestOffers(
      {
        title: need.what,
        description: '',
        category: NEED_CATEGORY[need.kind] ?? null,
      },
      listings.filter(
        (listing) => listing.kind === 'offer' && !listing.closed && listing.by !== self,
      ),
      3,
    );
    const unit = need.unit === '' ? '' : ` ${need.unit}`;
    return html`<li class="card" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${t(`project.kind.${need.kind}`)} · ${need.what}</h3>
      <p id=${`${headingId}-progress`}>
        ${t('project.covered', { covered: progress.covered, quantity: progress.quantity, unit })}
      </p>
      <progress
        max=${progress.quantity}
        .value=${progress.covered}
        aria-labelledby=${`${headingId} ${headingId}-progress`}
      ></progress>
      ${
        need.offered > 0
          ? html`<p class="muted">
              ${t('project.offeredWaiting', { offered: need.offered, unit })}
            </p>`
          : nothing
      }
      ${
        progress.complete || mine || runtime === undefined
          ? nothing
          : html`<p>
              <button
                class="button primary"
                type="button"
                aria-describedby=${headingId}
                ?disabled=${this.working}
                @click=${() =>
                  this.act(
                    () =>
                      runtime.offerHelp({
                        project: project.id,
                        need: need.id,
                        quantity: Math.max(1, progress.missing),
                        note: '',
                      }),
                    t('project.offered'),
                  )}
              >
                ${t('project.offerHelp')}
              </button>
            </p>`
      }
      ${
        offers.length === 0
          ? nothing
          : html`<ul class="plain">
              ${offers.map((offer) => {
                const name = memberName(this.i18n, members, offer.by);
                return html`<li>
                  <p>
                    ${t('project.offerLine', { name, quantity: offer.quantity, unit })} ·
                    <strong>${t(`project.offerState.${offer.state}`)}</strong>
                  </p>
                  ${offer.note === '' ? nothing : html`<p class="muted">${offer.note}</p>`}
                  ${
                    steward && offer.state === 'offered' && runtime !== undefined
                      ? html`<div class="row">
                          <button
                            class="button primary"
                            type="button"
                            ?disabled=${this.working}
                            @click=${() =>
                              this.act(
                                () => runtime.answerHelp(project.id, offer.id, 'accepted'),
                                t('project.accepted'),
                              )}
                          >
                            ${t('project.accept', { name })}
                          </button>
                          <button
                            class="button"
                            type="button"
                            ?disabled=${this.working}
                            @click=${() =>
                              this.act(
                                () => runtime.answerHelp(project.id, offer.id, 'declined'),
                                t('project.declined'),
                              )}
                          >
                            ${t('project.decline', { name })}
                          </button>
                        </div>`
                      : nothing
                  }
                </li>`;
              })}
            </ul>`
      }
      ${
        suggestions.length === 0
          ? nothing
          : html`<p class="muted">${t('project.suggestions')}</p>
              <ul>
                ${suggestions.map(
                  (listing) =>
                    html`<li>
                      <a href=${`${routeHref('offer', this.i18n.locale)}?id=${listing.id}`}
                        >${listing.title}</a
                      >
                    </li>`,
                )}
              </ul>`
      }
    </li>`;
  }

  private renderNeedForm(project: ProjectView) {
    const { t } = this.i18n;
    return html`<form
      class="card"
      novalidate
      aria-labelledby="add-need-title"
      @submit=${async (event: Event) => {
        event.preventDefault();
        const quantity = readQuantity(this.need.quantity);
        if (quantity === null) {
          this.error = t('projects.badQuantity');
          return;
        }
        const { kind, what, unit } = this.need;
        const ok = await this.edit(
          project,
          { type: 'add-need', need: { kind, what, quantity, unit } },
          t('project.saved'),
        );
        if (ok) this.need = { kind: 'time', what: '', quantity: '', unit: '' };
      }}
    >
      <h3 id="add-need-title">${t('project.addNeedTitle')}</h3>
      <div class="field">
        <label for="need-kind">${t('project.needKindLabel')}</label>
        <select
          id="need-kind"
          @change=${(event: Event) => {
            this.need = {
              ...this.need,
              kind: (event.target as HTMLSelectElement).value as NeedKindName,
            };
          }}
        >
          ${NEED_KINDS.map(
            (kind) =>
              html`<option value=${kind} ?selected=${kind === this.need.kind}>
                ${t(`project.kind.${kind}`)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="need-what">${t('project.needWhatLabel')}</label>
        <input
          id="need-what"
          .value=${this.need.what}
          @input=${(event: Event) => {
            this.need = { ...this.need, what: (event.target as HTMLInputElement).value };
          }}
        />
      </div>
      <div class="field">
        <label for="need-quantity">${t('project.needQuantityLabel')}</label>
        <input
          id="need-quantity"
          inputmode="numeric"
          .value=${this.need.quantity}
          @input=${(event: Event) => {
            this.need = { ...this.need, quantity: (event.target as HTMLInputElement).value };
          }}
        />
      </div>
      <div class="field">
        <label for="need-unit">${t('project.needUnitLabel')}</label>
        <input
          id="need-unit"
          .value=${this.need.unit}
          @input=${(event: Event) => {
            this.need = { ...this.need, unit: (event.target as HTMLInputElement).value };
          }}
        />
      </div>
      <button class="button" type="submit" ?disabled=${this.working}>
        ${t('project.addNeed')}
      </button>
    </form>`;
  }

  private renderJournal(project: ProjectView) {
    const { t, formatDateTime } = this.i18n.translator;
    const { members } = this.runtime.snapshot;
    return html`<h2>${t('project.journalTitle')}</h2>
      ${
        project.journal.length === 0
          ? html`<p class="muted">${t('project.noJournal')}</p>`
          : html`<ul class="plain">
              ${[...project.journal].reverse().map((entry) => {
                const date = new Date(entry.at);
                return html`<li class="card">
                  <p class="description-text">${entry.text}</p>
                  <p class="muted">
                    ${memberName(this.i18n, members, entry.by)}${
                      Number.isNaN(date.getTime()) ? '' : ` · ${formatDateTime(date)}`
                    }
                  </p>
                </li>`;
              })}
            </ul>`
      }
      <form
        novalidate
        @submit=${async (event: Event) => {
          event.preventDefault();
          const ok = await this.edit(
            project,
            { type: 'journal', text: this.journal },
            t('project.saved'),
          );
          if (ok) this.journal = '';
        }}
      >
        <div class="field">
          <label for="journal">${t('project.journalLabel')}</label>
          <textarea
            id="journal"
            rows="3"
            .value=${this.journal}
            @input=${(event: Event) => {
              this.journal = (event.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
        </div>
        <button class="button" type="submit" ?disabled=${this.working}>
          ${t('project.addUpdate')}
        </button>
      </form>`;
  }

  private renderTasks(project: ProjectView) {
    const { t } = this.i18n;
    const { members } = this.runtime.snapshot;
    return html`<h2>${t('project.tasksTitle')}</h2>
      ${
        project.tasks.length === 0
          ? html`<p class="muted">${t('project.noTasks')}</p>`
          : html`<ul class="plain">
              ${project.tasks.map(
                (task) =>
                  html`<li>
                    <label>
                      <input
                        type="checkbox"
                        .checked=${task.done}
                        ?disabled=${this.working}
                        @change=${(event: Event) =>
                          this.edit(
                            project,
                            {
                              type: 'task-done',
                              task: task.id,
                              done: (event.target as HTMLInputElement).checked,
                            },
                            t('project.saved'),
                          )}
                      />
                      <span>${task.what}</span>
                    </label>
                    <span class="muted">
                      ${task.who === '' ? '' : ` · ${memberName(this.i18n, members, task.who)}`}
                      ${task.due === '' ? '' : ` · ${t('project.due', { date: task.due })}`}
                    </span>
                  </li>`,
              )}
            </ul>`
      }
      <form
        class="card"
        novalidate
        @submit=${async (event: Event) => {
          event.preventDefault();
          const ok = await this.edit(
            project,
            { type: 'add-task', ...this.task },
            t('project.saved'),
          );
          if (ok) this.task = { what: '', who: '', due: '' };
        }}
      >
        <div class="field">
          <label for="task-what">${t('project.taskWhatLabel')}</label>
          <input
            id="task-what"
            .value=${this.task.what}
            @input=${(event: Event) => {
              this.task = { ...this.task, what: (event.target as HTMLInputElement).value };
            }}
          />
        </div>
        <div class="field">
          <label for="task-who">${t('project.taskWhoLabel')}</label>
          <select
            id="task-who"
            @change=${(event: Event) => {
              this.task = { ...this.task, who: (event.target as HTMLSelectElement).value };
            }}
          >
            <option value="" ?selected=${this.task.who === ''}>${t('project.nobodyYet')}</option>
            ${members.map(
              (member) =>
                html`<option value=${member.did} ?selected=${member.did === this.task.who}>
                  ${member.name ?? t('members.founderName')}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="task-due">${t('project.taskDueLabel')}</label>
          <input
            id="task-due"
            type="date"
            .value=${this.task.due}
            @input=${(event: Event) => {
              this.task = { ...this.task, due: (event.target as HTMLInputElement).value };
            }}
          />
        </div>
        <button class="button" type="submit" ?disabled=${this.working}>
          ${t('project.addTask')}
        </button>
      </form>`;
  }

  private renderAccount(project: ProjectView) {
    const { t } = this.i18n;
    // The accounts screen opens the account with the project's stewards and links it here.
    return html`<h2>${t('project.accountTitle')}</h2>
      <p>
        ${
          project.account === null
            ? html`<a href=${`${routeHref('accounts', this.i18n.locale)}?projet=${project.id}`}
                >${t('accounts.openForProject')}</a
              >`
            : html`<a href=${`${routeHref('account', this.i18n.locale)}?id=${project.account}`}
                >${t('accounts.seeProjectAccount')}</a
              >`
        }
      </p>
      <form
        novalidate
        @submit=${async (event: Event) => {
          event.preventDefault();
          const text = (this.account ?? project.account ?? '').trim().toLowerCase();
          const ok = await this.edit(
            project,
            { type: 'account', account: text === '' ? null : text },
            t('project.saved'),
          );
          if (ok) this.account = null;
        }}
      >
        <div class="field">
          <label for="account">${t('project.accountLabel')}</label>
          <input
            id="account"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="account-hint"
            .value=${this.account ?? project.account ?? ''}
            @input=${(event: Event) => {
              this.account = (event.target as HTMLInputElement).value;
            }}
          />
          <p class="hint" id="account-hint">${t('project.accountHint')}</p>
        </div>
        <button class="button" type="submit" ?disabled=${this.working || this.account === null}>
          ${t('project.saveAccount')}
        </button>
      </form>`;
  }

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    const back = html`<p><a href=${routeHref('projects', locale)}>${t('project.back')}</a></p>`;
    if (this.runtime.snapshot.cooperative === null || runtime === undefined) {
      return html`<h1>${t('projects.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const { projects, listings, scopes } = runtime.projectsSnapshot();
    const project = projects.find((view) => view.id === this.projectId);
    if (project === undefined) {
      return html`<h1>${t('project.notFoundTitle')}</h1>
        <p>${t('project.notFound')}</p>
        ${back}`;
    }
    const { members } = this.runtime.snapshot;
    const scope = scopes.find((known) => known.id === project.scope) ?? {
      id: project.scope,
      name: project.scope,
    };
    return html`${back}
      <h1>${project.title}</h1>
      <p class="muted">
        ${scopeLabel(this.i18n, scope)} ·
        ${t('project.stewards', {
          names: project.stewards.map((did) => memberName(this.i18n, members, did)).join(', '),
        })}
      </p>
      <div role="status">
        ${this.message === null ? nothing : html`<p class="card notice">${this.message}</p>`}
      </div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="card problem">${this.error}</p>`}
      </div>
      <div class="field">
        <label for="status">${t('project.statusLabel')}</label>
        <select
          id="status"
          ?disabled=${this.working}
          @change=${(event: Event) =>
            this.edit(
              project,
              { type: 'status', status: (event.target as HTMLSelectElement).value as Status },
              t('project.saved'),
            )}
        >
          ${STATUSES.map(
            (status) =>
              html`<option value=${status} ?selected=${status === project.status}>
                ${t(`project.status.${status}`)}
              </option>`,
          )}
        </select>
      </div>
      <h2>${t('project.descriptionTitle')}</h2>
      <form
        novalidate
        @submit=${async (event: Event) => {
          event.preventDefault();
          if (this.description === null) return;
          const ok = await this.edit(
            project,
            { type: 'description', text: this.description },
            t('project.saved'),
          );
          if (ok) this.description = null;
        }}
      >
        <div class="field">
          <label for="description">${t('project.descriptionLabel')}</label>
          <textarea
            id="description"
            rows="6"
            .value=${this.description ?? project.description}
            @input=${(event: Event) => {
              this.description = (event.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
          <p class="hint">${t('project.descriptionHint')}</p>
        </div>
        <button class="button" type="submit" ?disabled=${this.working || this.description === null}>
          ${t('project.saveDescription')}
        </button>
      </form>
      <h2>${t('project.needsTitle')}</h2>
      ${
        project.needs.length === 0
          ? html`<p class="muted">${t('project.noNeeds')}</p>`
          : html`<ul class="plain">
              ${project.needs.map((need) => this.renderNeed(project, need, listings))}
            </ul>`
      }
      ${this.renderNeedForm(project)} ${this.renderJournal(project)} ${this.renderTasks(project)}
      ${this.renderAccount(project)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-project-screen': CoopProjectScreen;
  }
}
