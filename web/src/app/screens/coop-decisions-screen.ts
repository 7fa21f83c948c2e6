import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { saveTextFile } from '../../components/ledger/save-file.js';
import { decisionScopes, decisionsCsv, filterDecisions } from '../../governance/decision-log.js';
import {
  describeChoice,
  describeEffects,
  describeMethod,
  describeResult,
  describeScope,
  describeVerification,
} from '../../governance/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { ledgerExportFileName } from '../../ledger/ledger-export.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { CooperativeInfo } from '../runtime.js';
import type { DecisionView } from '../runtime-governance.js';
import { memberName } from '../screen-logic.js';
import { screenStyles } from '../screen-styles.js';
import { CHOICES } from '@integrale/ledger';

/**
 * The decision log: every recorded decision of the federation and the circles, with its date,
 * method, result and counts, this device's verdict on it (its own recount), its effects and its
 * links (amends, revokes, revoked by), contested ballots and forked votes flagged; filtered by
 * scope and searched; exported as CSV or as the signed entries (the whole ledger, JSON Lines).
 */
@customElement('coop-decisions-screen')
export class CoopDecisionsScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .log {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      .log li {
        padding: 0.75rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .log p {
        margin: 0 0 0.25rem;
      }
      .result {
        font-weight: 700;
      }
      .state.valid {
        color: var(--coop-color-heading, #123d27);
      }
      .state.invalid,
      .flag {
        color: var(--coop-color-danger, #a61b1b);
        font-weight: 600;
      }
    `,
  ];

  @state() private scope: string | null = null;
  @state() private search = '';

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private effectsOf(
    cooperative: CooperativeInfo,
    decision: DecisionView,
    all: readonly DecisionView[],
  ) {
    const { members } = this.runtime.snapshot;
    return describeEffects(this.i18n, decision.effects, {
      currency: cooperative.currency,
      locale: this.i18n.locale,
      nameOf: (did) => memberName(this.i18n, members, did),
      titleOf: (id) => all.find((d) => d.id === id)?.title ?? null,
    });
  }

  private linksOf(decision: DecisionView, all: readonly DecisionView[]): string[] {
    const { t } = this.i18n;
    const links: string[] = [];
    if (decision.amends !== null) links.push(t('gov.log.amends'));
    for (const id of decision.revokedBy) {
      const title = all.find((d) => d.id === id)?.title ?? id.slice(0, 12);
      links.push(t('gov.log.revokedBy', { title }));
    }
    return links;
  }

  private onExportCsv(
    cooperative: CooperativeInfo,
    shown: readonly DecisionView[],
    all: readonly DecisionView[],
  ) {
    const { t } = this.i18n;
    const csv = decisionsCsv(
      shown,
      {
        date: t('gov.log.csvDate'),
        title: t('gov.log.csvTitle'),
        scope: t('gov.log.csvScope'),
        method: t('gov.log.csvMethod'),
        result: t('gov.log.csvResult'),
        counts: t('gov.log.csvCounts'),
        state: t('gov.log.csvState'),
        effects: t('gov.log.csvEffects'),
        links: t('gov.log.csvLinks'),
        id: t('gov.log.csvId'),
        proposal: t('gov.log.csvProposal'),
      },
      {
        method: (d) => describeMethod(this.i18n, d.method),
        result: (d) => describeResult(this.i18n, d.result),
        state: (d) => describeVerification(this.i18n, d.status),
        effects: (d) => this.effectsOf(cooperative, d, all).join(' '),
        links: (d) => this.linksOf(d, all).join(' '),
      },
    );
    // A byte-order mark so spreadsheet programs read the accents as UTF-8.
    saveTextFile(
      `decisions-${new Date().toISOString().slice(0, 10)}.csv`,
      '\ufeff' + csv,
      'text/csv;charset=utf-8',
    );
  }

  private onExportSigned(cooperative: CooperativeInfo): void {
    const runtime = this.runtime.runtime;
    if (runtime === undefined) return;
    saveTextFile(
      ledgerExportFileName(cooperative.id, new Date()),
      runtime.exportLedger(),
      'application/jsonl',
    );
  }

  private renderDecision(
    cooperative: CooperativeInfo,
    decision: DecisionView,
    all: readonly DecisionView[],
  ) {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const { members } = this.runtime.snapshot;
    const href = `${routeHref('proposal', locale)}?id=${encodeURIComponent(decision.proposal)}`;
    const counts = CHOICES.filter((choice) => decision.counts[choice] > 0)
      .map((choice) =>
        t('gov.vote.countLine', {
          choice: describeChoice(this.i18n, choice),
          count: decision.counts[choice],
        }),
      )
      .join(' · ');
    return html`<li>
      <p>
        <a href=${href}
          >${decision.title === '' ? decision.proposal.slice(0, 12) : decision.title}</a
        >
      </p>
      <p class="muted">
        ${describeScope(this.i18n, decision.scope)} · ${describeMethod(this.i18n, decision.method)}
      </p>
      <p class="result">${describeResult(this.i18n, decision.result)}</p>
      ${counts === '' ? nothing : html`<p>${counts}</p>`}
      <p class=${`state ${decision.status.state}`}>
        ${decision.status.state === 'valid' ? html`<span aria-hidden="true">✓</span> ` : nothing}
        ${describeVerification(this.i18n, decision.status)}
      </p>
      ${this.effectsOf(cooperative, decision, all).map((line) => html`<p>${line}</p>`)}
      ${this.linksOf(decision, all).map((line) => html`<p>${line}</p>`)}
      ${
        decision.uncounted.length === 0
          ? nothing
          : html`<p class="flag">
              ${t('gov.log.uncounted', { count: decision.uncounted.length })}
            </p>`
      }
      ${
        decision.conflicts.length === 0
          ? nothing
          : html`<p class="flag">
              ${t('gov.log.conflicts', { count: decision.conflicts.length })}
            </p>`
      }
      <p class="muted">
        ${t('gov.log.closedBy', {
          name: memberName(this.i18n, members, decision.author),
          date: formatDateTime(new Date(decision.ts)),
        })}
      </p>
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative, members } = this.runtime.snapshot;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('gov.log.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const all = runtime.governanceSnapshot().decisions;
    const scopes = decisionScopes(all);
    const shown = filterDecisions(all, { scope: this.scope, search: this.search }, (d) => [
      describeResult(this.i18n, d.result),
      describeMethod(this.i18n, d.method),
      memberName(this.i18n, members, d.author),
      ...this.effectsOf(cooperative, d, all),
    ]);
    return html`<h1>${t('gov.log.title')}</h1>
      <p>${t('gov.log.intro')}</p>
      <div class="field">
        <label for="scope">${t('gov.log.scopeLabel')}</label>
        <select
          id="scope"
          @change=${(e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            this.scope = value === '' ? null : value;
          }}
        >
          <option value="" ?selected=${this.scope === null}>${t('gov.log.allScopes')}</option>
          ${scopes.map(
            (scope) =>
              html`<option value=${scope} ?selected=${this.scope === scope}>
                ${describeScope(this.i18n, scope)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="search">${t('gov.log.searchLabel')}</label>
        <input
          id="search"
          type="search"
          autocomplete="off"
          .value=${this.search}
          @input=${(e: Event) => {
            this.search = (e.target as HTMLInputElement).value;
          }}
        />
      </div>
      <p role="status">${t('gov.log.count', { count: shown.length })}</p>
      ${
        shown.length === 0
          ? nothing
          : html`<ul class="log">
              ${shown.map((d) => this.renderDecision(cooperative, d, all))}
            </ul>`
      }
      <div class="actions">
        <button
          class="button"
          type="button"
          ?disabled=${shown.length === 0}
          @click=${() => this.onExportCsv(cooperative, shown, all)}
        >
          ${t('gov.log.exportCsv')}
        </button>
        <button class="button" type="button" @click=${() => this.onExportSigned(cooperative)}>
          ${t('gov.log.exportSigned')}
        </button>
      </div>
      <p class="hint">${t('gov.log.exportSignedHint')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-decisions-screen': CoopDecisionsScreen;
  }
}
