import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { formatAmount } from '../../money.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import type { CooperativeInfo } from '../../app/runtime.js';
import { memberName } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';
import { statementCsv } from '../../ledger/csv.js';
import { describePeriodProblem } from '../../ledger/describe-requests.js';
import { ledgerExportFileName } from '../../ledger/ledger-export.js';
import { buildStatement, readPeriod, type Statement } from '../../ledger/statement.js';
import { saveTextFile } from './save-file.js';

/** First day of the current UTC month and today, as `YYYY-MM-DD`. */
function thisMonth(now: Date): { from: string; to: string } {
  const today = now.toISOString().slice(0, 10);
  return { from: today.slice(0, 8) + '01', to: today };
}

/**
 * The member's statement for a period (opening and closing balance, each movement with the
 * balance after it), its CSV download, and the export of the whole ledger in the spec's format.
 */
@customElement('coop-ledger-statement')
export class CoopLedgerStatement extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .period {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
      }
      .lines {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      .lines li {
        padding: 0.4rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      .memo {
        white-space: pre-wrap;
        margin: 0;
      }
    `,
  ];

  @state() private from = thisMonth(new Date()).from;
  @state() private to = thisMonth(new Date()).to;
  @state() private error: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private statement(): Statement | null {
    const runtime = this.runtime.runtime;
    if (runtime === undefined) return null;
    const read = readPeriod(this.from, this.to);
    if (!read.ok) return null;
    return buildStatement(runtime.movements(), read.period);
  }

  private onPeriod(field: 'from' | 'to', value: string): void {
    if (field === 'from') this.from = value;
    else this.to = value;
    const read = readPeriod(this.from, this.to);
    this.error = read.ok ? null : describePeriodProblem(this.i18n, read.reason);
  }

  private onDownloadCsv(cooperative: CooperativeInfo): void {
    const statement = this.statement();
    if (statement === null) return;
    const { t } = this.i18n;
    const { members } = this.runtime.snapshot;
    const csv = statementCsv(statement, {
      currency: cooperative.currency,
      nameOf: (did) => memberName(this.i18n, members, did),
      labels: {
        date: t('statement.colDate'),
        counterparty: t('statement.colCounterparty'),
        memo: t('statement.colMemo'),
        amount: t('statement.colAmount'),
        balance: t('statement.colBalance'),
        opening: t('statement.rowOpening'),
        closing: t('statement.rowClosing'),
      },
    });
    // A byte-order mark so spreadsheet programs read the accents as UTF-8.
    saveTextFile(
      `releve-${statement.period.from}-${statement.period.to}.csv`,
      '\ufeff' + csv,
      'text/csv;charset=utf-8',
    );
  }

  private onExport(cooperative: CooperativeInfo): void {
    const runtime = this.runtime.runtime;
    if (runtime === undefined) return;
    saveTextFile(
      ledgerExportFileName(cooperative.id, new Date()),
      runtime.exportLedger(),
      'application/jsonl',
    );
  }

  private renderStatement(cooperative: CooperativeInfo, statement: Statement) {
    const { t, locale, formatDateTime } = this.i18n.translator;
    const { members } = this.runtime.snapshot;
    const money = (minor: number | bigint, sign = false) =>
      formatAmount(minor, cooperative.currency, locale, sign ? { signDisplay: 'always' } : {});
    return html`<div class="card">
      <p>${t('statement.opening', { amount: money(statement.opening) })}</p>
      ${
        statement.lines.length === 0
          ? html`<p class="muted">${t('statement.none')}</p>`
          : html`<ul class="lines">
              ${statement.lines.map((line) => {
                const date = new Date(line.ts);
                return html`<li>
                  ${t('statement.line', {
                    date: Number.isNaN(date.getTime()) ? line.ts : formatDateTime(date),
                    name: memberName(this.i18n, members, line.counterparty),
                    amount: money(line.amount, true),
                    balance: money(line.balance),
                  })}
                  ${line.memo === '' ? nothing : html`<p class="memo muted">${line.memo}</p>`}
                </li>`;
              })}
            </ul>`
      }
      <p class="muted">
        ${t('statement.totals', {
          credits: money(statement.credits),
          debits: money(-statement.debits),
        })}
      </p>
      <p><strong>${t('statement.closing', { amount: money(statement.closing) })}</strong></p>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const { cooperative } = this.runtime.snapshot;
    if (cooperative === null) return nothing;
    const statement = this.statement();
    return html`<h2>${t('statement.title')}</h2>
      <p class="muted">${t('statement.hint')}</p>
      <div class="period">
        <div class="field">
          <label for="statement-from">${t('statement.fromLabel')}</label>
          <input
            id="statement-from"
            type="date"
            .value=${this.from}
            @change=${(event: Event) =>
              this.onPeriod('from', (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="statement-to">${t('statement.toLabel')}</label>
          <input
            id="statement-to"
            type="date"
            .value=${this.to}
            @change=${(event: Event) =>
              this.onPeriod('to', (event.target as HTMLInputElement).value)}
          />
        </div>
      </div>
      <div role="alert">
        ${this.error === null ? nothing : html`<p class="card problem">${this.error}</p>`}
      </div>
      ${statement === null ? nothing : this.renderStatement(cooperative, statement)}
      <div class="actions">
        <button
          class="button"
          type="button"
          ?disabled=${statement === null}
          @click=${() => this.onDownloadCsv(cooperative)}
        >
          ${t('statement.download')}
        </button>
      </div>
      <h2>${t('export.title')}</h2>
      <p>${t('export.intro')}</p>
      <div class="actions">
        <button class="button" type="button" @click=${() => this.onExport(cooperative)}>
          ${t('export.download')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-ledger-statement': CoopLedgerStatement;
  }
}
