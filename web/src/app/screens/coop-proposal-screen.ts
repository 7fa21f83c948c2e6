import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/governance/coop-meeting-vote.js';
import {
  describeChoice,
  describeEffects,
  describeGovernanceProblem,
  describeIgnored,
  describeMethod,
  describeResult,
  describeScope,
  describeVerification,
  explainMethod,
} from '../../governance/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { GovernanceResult, ProposalView } from '../runtime-governance.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';

/**
 * One proposal (`?id=<proposal id>`): its text and rules, its effects in plain words, the vote
 * (choices, live count, close), proxies for its assembly, every ballot with why it counts or
 * not (hidden until the close when the proposer chose so), the recorded outcome with this
 * device's verdict, and the amendments chain.
 */
@customElement('coop-proposal-screen')
export class CoopProposalScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(6rem, auto) 1fr;
        gap: 0.4rem 1rem;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .list {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      .list li {
        padding: 0.5rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .list p {
        margin: 0;
      }
      .reason {
        white-space: pre-wrap;
      }
    `,
  ];

  /** What follows `?` in the address: `id=<proposal id>`. */
  @property() query = '';

  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private delegate = '';
  @state() private working = false;
  @state() private problem: string | null = null;
  @state() private notice: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private get proposalId(): string {
    return new URLSearchParams(this.query).get('id') ?? '';
  }

  private href(id: string): string {
    return `${routeHref('proposal', this.i18n.locale)}?id=${encodeURIComponent(id)}`;
  }

  private async proxy(assembly: string, to: string | null): Promise<void> {
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.working) return;
    this.working = true;
    this.problem = null;
    this.notice = null;
    try {
      const result: GovernanceResult = await runtime.giveProxy(assembly, to);
      if (result.ok) {
        this.notice =
          to === null ? this.i18n.t('gov.page.proxyTaken') : this.i18n.t('gov.page.proxyGiven');
        this.delegate = '';
      } else {
        this.problem = describeGovernanceProblem(this.i18n, result);
      }
    } catch {
      this.problem = this.i18n.t('gov.problem.failed');
    } finally {
      this.working = false;
    }
  }

  private renderProxy(view: ProposalView) {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    const { members, self } = this.runtime.snapshot;
    if (view.assembly === '' || view.decided !== null || runtime === undefined || self === null)
      return nothing;
    const current = runtime.proxyOf(view.assembly);
    const others = members.filter(
      (m) => m.did !== self && (view.electorate === null || view.electorate.includes(m.did)),
    );
    return html`<section aria-labelledby="proxy-title">
      <h2 id="proxy-title">${t('gov.page.proxyTitle')}</h2>
      ${
        current === null
          ? nothing
          : html`<p>
              ${t('gov.page.proxyCurrent', { name: memberName(this.i18n, members, current) })}
            </p>`
      }
      <div class="field">
        <label for="delegate">${t('gov.page.proxyGive')}</label>
        <select
          id="delegate"
          @change=${(e: Event) => {
            this.delegate = (e.target as HTMLSelectElement).value;
          }}
        >
          <option value="" ?selected=${this.delegate === ''}>${t('gov.form.pickMember')}</option>
          ${others.map(
            (m) =>
              html`<option value=${m.did} ?selected=${this.delegate === m.did}>
                ${memberName(this.i18n, members, m.did)}
              </option>`,
          )}
        </select>
      </div>
      <div class="actions">
        <button
          class="button"
          type="button"
          ?disabled=${this.working || this.delegate === ''}
          @click=${() => this.proxy(view.assembly, this.delegate)}
        >
          ${t('gov.page.proxySubmit')}
        </button>
        ${
          current === null
            ? nothing
            : html`<button
                class="button"
                type="button"
                ?disabled=${this.working}
                @click=${() => this.proxy(view.assembly, null)}
              >
                ${t('gov.page.proxyTake')}
              </button>`
        }
      </div>
      <div role="status">${this.notice === null ? nothing : html`<p>${this.notice}</p>`}</div>
      <div role="alert">
        ${this.problem === null ? nothing : html`<p class="error">${this.problem}</p>`}
      </div>
    </section>`;
  }

  private renderBallots(view: ProposalView, hidden: boolean) {
    const { t } = this.i18n;
    const { members } = this.runtime.snapshot;
    const name = (did: string) => memberName(this.i18n, members, did);
    return html`<section aria-labelledby="ballots-title">
      <h2 id="ballots-title">${t('gov.page.ballotsTitle')}</h2>
      ${
        hidden
          ? html`<p class="muted">${t('gov.page.hidden')}</p>`
          : html`${
              view.ballots.length === 0
                ? html`<p class="muted">${t('gov.page.noBallots')}</p>`
                : html`<ul class="list">
                    ${view.ballots.map(
                      (ballot) =>
                        html`<li>
                          <p>
                            ${t('gov.page.ballotLine', {
                              name: name(ballot.voter),
                              choice: describeChoice(this.i18n, ballot.choice),
                            })}
                            ${
                              ballot.ignored === null
                                ? nothing
                                : html`<span class="muted"
                                    >— ${describeIgnored(this.i18n, ballot.ignored)}</span
                                  >`
                            }
                          </p>
                          ${
                            ballot.reason === ''
                              ? nothing
                              : html`<p class="reason muted">${ballot.reason}</p>`
                          }
                        </li>`,
                    )}
                  </ul>`
            }
            ${
              view.proxies.filter((p) => p.to !== null).length === 0
                ? nothing
                : html`<ul class="list">
                    ${view.proxies
                      .filter((p) => p.to !== null)
                      .map(
                        (p) =>
                          html`<li>
                            <p>
                              ${t('gov.page.proxyLine', { from: name(p.from), to: name(p.to ?? '') })}
                              ${p.carried ? t('gov.page.proxyCarried') : nothing}
                            </p>
                          </li>`,
                      )}
                  </ul>`
            }`
      }
    </section>`;
  }

  protected override render() {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    const { cooperative, members } = this.runtime.snapshot;
    const back = html`<p><a href=${routeHref('proposals', locale)}>${t('gov.page.back')}</a></p>`;
    const view = runtime?.proposal(this.proposalId) ?? null;
    if (view === null || cooperative === null || runtime === undefined) {
      return html`${back}
        <h1>${t('nav.proposal')}</h1>
        <p class="card notice">${t('gov.page.notFound')}</p>`;
    }
    const name = (did: string) => memberName(this.i18n, members, did);
    const decisions = runtime.governanceSnapshot().decisions;
    const effects = describeEffects(this.i18n, view.effects, {
      currency: cooperative.currency,
      locale,
      nameOf: name,
      titleOf: (id) => decisions.find((d) => d.id === id)?.title ?? null,
    });
    const now = this.clock();
    const hidden = view.hideResults && view.decided === null && now <= Date.parse(view.closes);
    const amended = view.amends === null ? null : runtime.proposal(view.amends);
    return html`${back}
      <h1>${view.title}</h1>
      <p class="muted">
        ${t('gov.page.proposedBy', { name: name(view.author), date: formatDateTime(new Date(view.ts)) })}
      </p>
      <p>${describeVerification(this.i18n, view.status)}</p>
      ${
        view.amends === null
          ? nothing
          : html`<p>
              ${t('gov.page.amends')}
              <a href=${this.href(view.amends)}>${amended?.title ?? view.amends.slice(0, 12)}</a>
            </p>`
      }
      ${
        view.amendedBy.length === 0
          ? nothing
          : html`<p>
              ${t('gov.page.amendedBy')}
              ${view.amendedBy.map(
                (id) =>
                  html`<a href=${this.href(id)}
                    >${runtime.proposal(id)?.title ?? id.slice(0, 12)}</a
                  > `,
              )}
            </p>`
      }
      ${view.text === '' ? nothing : html`<p class="text card">${view.text}</p>`}
      <dl>
        <dt>${t('gov.page.method')}</dt>
        <dd>
          ${describeMethod(this.i18n, view.method)} — ${explainMethod(this.i18n, view.method)}
        </dd>
        <dt>${t('gov.page.quorum')}</dt>
        <dd>${t('gov.page.quorumValue', { count: view.quorum })}</dd>
        <dt>${t('gov.page.closes')}</dt>
        <dd>${formatDateTime(new Date(view.closes))}</dd>
        <dt>${t('gov.page.electorate')}</dt>
        <dd>
          ${
            view.electorate === null
              ? t('gov.form.everyone')
              : `${t('gov.page.electorateCount', { count: view.electorate.length })} — ${view.electorate.map(name).join(', ')}`
          }
        </dd>
        <dt>${t('gov.page.scope')}</dt>
        <dd>${describeScope(this.i18n, view.scope)}</dd>
        ${
          view.assembly === ''
            ? nothing
            : html`<dt>${t('gov.page.assembly')}</dt>
                <dd>${view.assembly}</dd>`
        }
        <dt>${t('gov.page.effects')}</dt>
        <dd>${effects.map((line) => html`<span>${line}</span> `)}</dd>
      </dl>
      <coop-meeting-vote .proposal=${view.id} .level=${2} .clock=${this.clock}></coop-meeting-vote>
      ${this.renderProxy(view)} ${this.renderBallots(view, hidden)}
      ${
        view.outcomes.length === 0
          ? nothing
          : html`<section aria-labelledby="outcomes-title">
              <h2 id="outcomes-title">${t('gov.page.outcomesTitle')}</h2>
              <ul class="list">
                ${view.outcomes.map(
                  (outcome) =>
                    html`<li>
                      <p>
                        ${t('gov.page.outcomeLine', {
                          result: describeResult(this.i18n, outcome.result),
                          name: name(outcome.author),
                          date: formatDateTime(new Date(outcome.ts)),
                        })}
                      </p>
                      <p class="muted">${describeVerification(this.i18n, outcome.status)}</p>
                    </li>`,
                )}
              </ul>
            </section>`
      }
      ${
        view.decided === null
          ? html`<div class="actions">
              <a
                class="button"
                href=${`${routeHref('proposals', locale)}?amends=${encodeURIComponent(view.id)}`}
                >${t('gov.page.amend')}</a
              >
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-proposal-screen': CoopProposalScreen;
  }
}
