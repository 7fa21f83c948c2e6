import { formatTimestamp } from '@integrale/ledger';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AccountMovement, BudgetView } from '../../app/runtime-accounts.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { routeHref } from '../../app/routes.js';
import { screenStyles } from '../../app/screen-styles.js';
import { compareBudget } from '../../budgets/compare.js';
import { tableCsv } from '../../budgets/csv.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import '../charts/coop-bar-chart.js';
import { saveTextFile } from '../ledger/save-file.js';
import { accountsStyles } from './form-styles.js';

/** How long the vote on a budget's approval stays open. */
const VOTE_DAYS = 7;

/**
 * One budget against the ledger: whether a decision approved it (or a vote is open), and per
 * line the planned and actual amounts — drawn as bars and written in a table, exportable as CSV.
 * Without a decision yet, « Proposer l’approbation » puts it to a vote.
 */
@customElement('coop-budget-comparison')
export class CoopBudgetComparison extends LitElement {
  static override styles = [
    screenStyles,
    accountsStyles,
    css`
      table {
        font-size: 0.9rem;
      }
      th,
      td {
        padding-inline: 0.25rem;
      }
      th[scope='row'] {
        min-inline-size: 6rem;
      }
      /* Column titles are whole words: never broken inside one on a narrow phone. */
      thead th {
        overflow-wrap: normal;
        word-break: normal;
      }
      caption {
        caption-side: top;
        text-align: start;
        font-size: 0.85rem;
      }
    `,
  ];

  @property({ attribute: false }) budget: BudgetView | null = null;
  /** The account's valid movements. */
  @property({ attribute: false }) movements: readonly AccountMovement[] = [];
  @property() accountName = '';
  /** The account's circle (the vote's scope). */
  @property() scope = 'federation';
  /** Show the « propose » button (the account page, not the dashboard). */
  @property({ type: Boolean }) proposable = false;
  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private error: string | null = null;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async propose(): Promise<void> {
    const runtime = this.runtime.runtime;
    const cooperative = this.runtime.snapshot.cooperative;
    const budget = this.budget;
    if (runtime === undefined || cooperative === null || budget === null || this.busy) return;
    const { t, locale } = this.i18n;
    const lines = budget.lines
      .map(
        (line) =>
          `${line.label} (${line.kind === 'income' ? t('budget.kind.income') : t('budget.kind.spending')}) ${formatAmount(line.planned, cooperative.currency, locale)}`,
      )
      .join(' ; ');
    this.busy = true;
    const result = await runtime.propose({
      title: t('budget.proposalTitle', { title: budget.title }).slice(0, 200),
      text: t('budget.proposalText', {
        account: this.accountName,
        from: budget.from,
        to: budget.to,
        lines,
      }).slice(0, 10_000),
      scope: this.scope,
      assembly: '',
      method: { kind: 'consent' },
      quorum: 1,
      closes: formatTimestamp(new Date(this.clock() + VOTE_DAYS * 86_400_000)),
      electorate: null,
      amends: null,
      effects: { approvesBudget: budget.id },
    });
    this.busy = false;
    if (!result.ok) {
      this.error = t('budget.proposeFailed');
      return;
    }
    this.error = null;
    window.location.hash = `${routeHref('proposal', locale)}?id=${result.entry}`;
  }

  private status(budget: BudgetView) {
    const { t, locale } = this.i18n;
    if (budget.approvedBy !== null) return html`<p><strong>${t('budget.approved')}</strong></p>`;
    if (budget.proposedIn !== null)
      return html`<p>
        ${t('budget.proposed')} ·
        <a href=${`${routeHref('proposal', locale)}?id=${budget.proposedIn}`}
          >${t('budget.seeVote')}</a
        >
      </p>`;
    return html`<p class="muted">${t('budget.notApproved')}</p>
      ${
        this.proposable
          ? html`<button
              class="button primary"
              type="button"
              ?disabled=${this.busy}
              @click=${() => this.propose()}
            >
              ${t('budget.propose')}
            </button>`
          : nothing
      }`;
  }

  protected override render() {
    const budget = this.budget;
    const cooperative = this.runtime.snapshot.cooperative;
    if (budget === null || cooperative === null) return nothing;
    const { t, locale } = this.i18n;
    const money = (value: bigint) => formatAmount(value, cooperative.currency, locale);
    // In the table the currency is in the column titles: the figures fit a 360 px phone.
    const code = cooperative.currency.code;
    const figure = (value: bigint) =>
      formatAmount(value, cooperative.currency, locale, { withCode: false });
    const compared = compareBudget(budget.id, budget, this.movements);
    const kind = (k: 'income' | 'spending') =>
      k === 'income' ? t('budget.kind.income') : t('budget.kind.spending');
    const summary = [
      t('budget.chartTitle', { title: budget.title }),
      ...compared.lines.map((line) =>
        t('budget.chartSummary', {
          label: line.label,
          planned: money(line.planned),
          actual: money(line.actual),
        }),
      ),
    ].join('. ');
    const header = [
      t('budget.line'),
      t('budget.kind'),
      t('budget.planned'),
      t('budget.actual'),
      t('budget.difference'),
    ];
    const exportCsv = () =>
      saveTextFile(
        `integrale-budget-${budget.id.slice(0, 8)}.csv`,
        tableCsv(
          header,
          compared.lines.map((line) => [
            line.label,
            kind(line.kind),
            { amount: line.planned },
            { amount: line.actual },
            { amount: line.difference },
          ]),
          cooperative.currency.decimals,
        ),
        'text/csv;charset=utf-8',
      );
    return html`<section class="card" aria-label=${budget.title}>
      <h3 class="break">${budget.title}</h3>
      <p class="muted">
        ${this.accountName} · ${t('budget.period', { from: budget.from, to: budget.to })}
      </p>
      ${this.status(budget)}
      ${this.error === null ? nothing : html`<p class="error" role="alert">${this.error}</p>`}
      <coop-bar-chart
        .groups=${compared.lines.map((line) => ({
          label: line.label,
          values: [line.planned, line.actual],
        }))}
        .series=${[t('budget.planned'), t('budget.actual')]}
        .format=${money}
        summary=${summary}
      ></coop-bar-chart>
      <div class="table-wrap">
        <table>
          <caption class="muted">
            ${t('budget.inCurrency', { code })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('budget.line')}</th>
              <th scope="col" class="amount">${t('budget.planned')}</th>
              <th scope="col" class="amount">${t('budget.actual')}</th>
              <th scope="col" class="amount">${t('budget.difference')}</th>
            </tr>
          </thead>
          <tbody>
            ${compared.lines.map(
              (line) =>
                html`<tr>
                  <th scope="row">
                    ${line.label}<br /><span class="muted">${kind(line.kind)}</span>
                  </th>
                  <td class="amount">${figure(line.planned)}</td>
                  <td class="amount">${figure(line.actual)}</td>
                  <td class="amount">
                    ${formatAmount(line.difference, cooperative.currency, locale, {
                      signDisplay: 'always',
                      withCode: false,
                    })}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button class="button" type="button" @click=${exportCsv}>${t('dashboard.csv')}</button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-budget-comparison': CoopBudgetComparison;
  }
}
