import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../components/accounts/coop-budget-comparison.js';
import { describeKind, partyName } from '../../components/accounts/describe.js';
import { accountsStyles } from '../../components/accounts/form-styles.js';
import '../../components/charts/coop-bar-chart.js';
import { saveTextFile } from '../../components/ledger/save-file.js';
import { tableCsv, type CsvCell } from '../../budgets/csv.js';
import { fundLoans } from '../../budgets/loans.js';
import { describeResult } from '../../governance/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { ledgerExportFileName } from '../../ledger/ledger-export.js';
import { formatAmount } from '../../money.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/** How many decisions the dashboard lists. */
const LATEST_DECISIONS = 10;

/**
 * The transparency dashboard (`#/tableau-de-bord`): every collective account with its stewards,
 * k of n, balance and fork alert; each budget against the ledger; the fund's loans (lent,
 * repaid, outstanding — never interest: overpayment is flagged); the latest decisions. Charts
 * where a glance says more, always with the table beside them; each table as CSV, and the whole
 * signed ledger for `integrale verify`.
 */
@customElement('coop-dashboard-screen')
export class CoopDashboardScreen extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private save(name: string, header: string[], rows: CsvCell[][]): void {
    const decimals = this.runtime.snapshot.cooperative?.currency.decimals ?? 0;
    saveTextFile(name, tableCsv(header, rows, decimals), 'text/csv;charset=utf-8');
  }

  private exportLedger(): void {
    const runtime = this.runtime.runtime;
    const cooperative = this.runtime.snapshot.cooperative;
    if (runtime === undefined || cooperative === null) return;
    saveTextFile(
      ledgerExportFileName(cooperative.id, new Date(this.clock())),
      runtime.exportLedger(),
      'application/jsonl',
    );
  }

  protected override render() {
    const { t, locale } = this.i18n;
    const runtime = this.runtime.runtime;
    const { cooperative, members } = this.runtime.snapshot;
    if (cooperative === null || runtime === undefined) {
      return html`<h1>${t('dashboard.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const { accounts, budgets, movements } = runtime.accountsSnapshot();
    const decisions = runtime.governanceSnapshot().decisions.slice(0, LATEST_DECISIONS);
    const money = (value: number | bigint) => formatAmount(value, cooperative.currency, locale);
    const name = (id: string) => partyName(this.i18n, members, accounts, id);
    const funds = new Set(accounts.filter((a) => a.kind === 'fund').map((a) => a.id));
    const loans = fundLoans(funds, movements);
    const accountHeader = [
      t('dashboard.accounts.name'),
      t('dashboard.accounts.kind'),
      t('dashboard.accounts.stewards'),
      t('dashboard.accounts.threshold'),
      t('dashboard.accounts.balance'),
      t('dashboard.accounts.alert'),
    ];
    const accountRows = accounts.map((a): CsvCell[] => [
      a.name,
      describeKind(this.i18n, a.kind),
      a.stewards.map(name).join(', '),
      `${a.threshold}/${a.stewards.length}`,
      { amount: a.balance },
      a.forks.length === 0 ? '' : t('dashboard.accounts.fork'),
    ]);
    const loanHeader = [
      t('dashboard.loans.to'),
      t('dashboard.loans.lent'),
      t('dashboard.loans.repaid'),
      t('dashboard.loans.outstanding'),
      t('dashboard.loans.flag'),
    ];
    const overpaid = (amount: bigint) =>
      amount > 0n ? t('dashboard.loans.overpaid', { amount: money(amount) }) : '';
    return html`<h1>${t('dashboard.title')}</h1>
      <p>${t('dashboard.intro')}</p>

      <h2>${t('dashboard.accounts.title')}</h2>
      ${
        accounts.some((a) => a.forks.length > 0)
          ? html`<p class="card alert" role="alert">${t('accounts.forkAlert')}</p>`
          : nothing
      }
      <coop-bar-chart
        .groups=${accounts.map((a) => ({ label: a.name, values: [BigInt(a.balance)] }))}
        .format=${money}
        summary=${[
          t('dashboard.chartTitle'),
          ...accounts.map((a) => `${a.name}\u00a0: ${money(a.balance)}`),
        ].join('. ')}
      ></coop-bar-chart>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('dashboard.accounts.name')}</th>
              <th scope="col" class="amount">${t('dashboard.accounts.balance')}</th>
            </tr>
          </thead>
          <tbody>
            ${accounts.map(
              // Narrow screens: one cell tells the account, the other its balance; the CSV
              // export has a column for each fact.
              (a) =>
                html`<tr>
                  <th scope="row">
                    <a href=${`${routeHref('account', locale)}?id=${a.id}`}>${a.name}</a>
                    <br /><span class="muted"
                      >${describeKind(this.i18n, a.kind)} ·
                      ${t('accounts.threshold', { k: a.threshold, n: a.stewards.length })}</span
                    >
                    <br /><span class="muted">${a.stewards.map(name).join(', ')}</span>
                    ${
                      a.forks.length === 0
                        ? nothing
                        : html`<br /><strong class="error">${t('dashboard.accounts.fork')}</strong>`
                    }
                  </th>
                  <td class="amount">${money(a.balance)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button
          class="button"
          type="button"
          @click=${() => this.save('integrale-comptes.csv', accountHeader, accountRows)}
        >
          ${t('dashboard.csv')}
        </button>
      </div>

      <h2>${t('dashboard.budgets.title')}</h2>
      ${budgets.length === 0 ? html`<p class="muted">${t('dashboard.budgets.none')}</p>` : nothing}
      ${budgets.map((budget) => {
        const account = accounts.find((a) => a.id === budget.account);
        return html`<coop-budget-comparison
          .budget=${budget}
          .movements=${movements.filter((m) => m.account === budget.account)}
          accountName=${account?.name ?? ''}
        ></coop-budget-comparison>`;
      })}

      <h2>${t('dashboard.loans.title')}</h2>
      ${
        loans.length === 0
          ? html`<p class="muted">${t('dashboard.loans.none')}</p>`
          : html`<div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      ${loanHeader.map(
                        (title, i) =>
                          html`<th scope="col" class=${i >= 1 && i <= 3 ? 'amount' : ''}>
                            ${title}
                          </th>`,
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    ${loans.map(
                      (loan) =>
                        html`<tr>
                          <th scope="row">${name(loan.to)}</th>
                          <td class="amount">${money(loan.lent)}</td>
                          <td class="amount">${money(loan.repaid)}</td>
                          <td class="amount">${money(loan.outstanding)}</td>
                          <td>
                            ${
                              loan.overpaid > 0n
                                ? html`<strong class="error">${overpaid(loan.overpaid)}</strong>`
                                : ''
                            }
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <div class="actions">
                <button
                  class="button"
                  type="button"
                  @click=${() =>
                    this.save(
                      'integrale-prets.csv',
                      loanHeader,
                      loans.map((loan) => [
                        name(loan.to),
                        { amount: loan.lent },
                        { amount: loan.repaid },
                        { amount: loan.outstanding },
                        overpaid(loan.overpaid),
                      ]),
                    )}
                >
                  ${t('dashboard.csv')}
                </button>
              </div>`
      }

      <h2>${t('dashboard.decisions.title')}</h2>
      ${
        decisions.length === 0
          ? html`<p class="muted">${t('dashboard.decisions.none')}</p>`
          : html`<ul class="list">
                ${decisions.map(
                  (decision) =>
                    html`<li>
                      <p>
                        <a href=${`${routeHref('proposal', locale)}?id=${decision.proposal}`}
                          >${decision.title}</a
                        >
                      </p>
                      <p class="muted">
                        ${describeResult(this.i18n, decision.result)} ·
                        ${this.i18n.translator.formatDate(new Date(decision.ts))}
                      </p>
                    </li>`,
                )}
              </ul>
              <div class="actions">
                <button
                  class="button"
                  type="button"
                  @click=${() =>
                    this.save(
                      'integrale-decisions.csv',
                      [t('dashboard.decisions.title'), t('account.movements.date'), 'id'],
                      decisions.map((d) => [d.title, d.ts, d.id]),
                    )}
                >
                  ${t('dashboard.csv')}
                </button>
              </div>`
      }

      <h2>${t('dashboard.export')}</h2>
      <p>${t('dashboard.exportHint')}</p>
      <div class="actions">
        <button class="button primary" type="button" @click=${() => this.exportLedger()}>
          ${t('dashboard.export')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-dashboard-screen': CoopDashboardScreen;
  }
}
