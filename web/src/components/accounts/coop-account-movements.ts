import { budgetLineInMemo } from '@integrale/peer';
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AccountMovement, AccountView, BudgetView } from '../../app/runtime-accounts.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { tableCsv } from '../../budgets/csv.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { saveTextFile } from '../ledger/save-file.js';
import { memoWords, partyName } from './describe.js';
import { accountsStyles } from './form-styles.js';

/**
 * A collective account's valid movements — contributions, spends out and in — with the budget
 * line each counts for (« non affecté » when none), exportable as CSV.
 */
@customElement('coop-account-movements')
export class CoopAccountMovements extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** The account's movements, newest first. */
  @property({ attribute: false }) movements: readonly AccountMovement[] = [];
  @property({ attribute: false }) accounts: readonly AccountView[] = [];
  /** The account's budgets (line names). */
  @property({ attribute: false }) budgets: readonly BudgetView[] = [];
  /** The account's name (the file name and the table's caption). */
  @property() accountName = '';

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private lineOf(movement: AccountMovement): string {
    const tag = budgetLineInMemo(movement.memo);
    const budget = tag === null ? undefined : this.budgets.find((b) => b.id === tag.budget);
    const line = budget?.lines.find((l) => l.id === tag?.line);
    return line === undefined || budget === undefined
      ? this.i18n.t('account.unassigned')
      : `${budget.title} — ${line.label}`;
  }

  private exportCsv(): void {
    const { t } = this.i18n;
    const { members, cooperative } = this.runtime.snapshot;
    if (cooperative === null) return;
    const csv = tableCsv(
      [
        t('account.movements.date'),
        t('account.movements.who'),
        t('account.movements.memo'),
        t('account.movements.line'),
        t('account.movements.amount'),
      ],
      this.movements.map((m) => [
        m.ts,
        partyName(this.i18n, members, this.accounts, m.counterparty),
        memoWords(m.memo),
        this.lineOf(m),
        { amount: m.direction === 'in' ? m.amount : -m.amount },
      ]),
      cooperative.currency.decimals,
    );
    saveTextFile('integrale-mouvements.csv', csv, 'text/csv;charset=utf-8');
  }

  protected override render() {
    const { t, locale } = this.i18n;
    const { members, cooperative } = this.runtime.snapshot;
    if (cooperative === null) return nothing;
    const { formatDate } = this.i18n.translator;
    return html`<h2>${t('account.movements.title')}</h2>
      ${
        this.movements.length === 0
          ? html`<p class="muted">${t('account.movements.none')}</p>`
          : html`<div class="table-wrap">
                <table>
                  <caption class="muted">
                    ${this.accountName}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('account.movements.who')}</th>
                      <th scope="col" class="amount">${t('account.movements.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.movements.map(
                      (m) =>
                        html`<tr>
                          <td>
                            ${partyName(this.i18n, members, this.accounts, m.counterparty)}
                            ${
                              memoWords(m.memo) === ''
                                ? nothing
                                : html`<br /><span class="break">${memoWords(m.memo)}</span>`
                            }
                            <br /><span class="muted"
                              >${formatDate(new Date(m.ts))} · ${this.lineOf(m)}</span
                            >
                          </td>
                          <td class="amount">
                            ${formatAmount(
                              m.direction === 'in' ? m.amount : -m.amount,
                              cooperative.currency,
                              locale,
                              { signDisplay: 'always' },
                            )}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <div class="actions">
                <button class="button" type="button" @click=${() => this.exportCsv()}>
                  ${t('dashboard.csv')}
                </button>
              </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-account-movements': CoopAccountMovements;
  }
}
