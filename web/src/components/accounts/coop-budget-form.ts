import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { readAmount } from './amount.js';
import { describeAccountsProblem } from './describe.js';
import { accountsStyles } from './form-styles.js';

interface LineDraft {
  /** Stable key of the row while editing (the line's id is its position: `l1`, `l2`…). */
  readonly key: number;
  label: string;
  kind: 'income' | 'spending';
  planned: string;
}

/**
 * The form that writes a budget for a collective account: a title, a period and its lines
 * (planned income or spending). The budget is a signed record; its approval is then proposed as
 * a decision.
 *
 * @fires budget-created - `{ id }` once the budget is signed and shared.
 */
@customElement('coop-budget-form')
export class CoopBudgetForm extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** The account's id. */
  @property() account = '';
  /** The year the period defaults to. */
  @property({ type: Number }) year = new Date().getUTCFullYear();

  @state() private budgetTitle = '';
  @state() private from = '';
  @state() private to = '';
  @state() private lines: LineDraft[] = [{ key: 0, label: '', kind: 'spending', planned: '' }];
  @state() private error: string | null = null;
  @state() private busy = false;
  private nextKey = 1;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override willUpdate(): void {
    if (this.from === '') this.from = `${this.year}-01-01`;
    if (this.to === '') this.to = `${this.year}-12-31`;
  }

  private edit(key: number, change: Partial<LineDraft>): void {
    this.lines = this.lines.map((line) => (line.key === key ? { ...line, ...change } : line));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const cooperative = this.runtime.snapshot.cooperative;
    if (runtime === undefined || cooperative === null || this.busy) return;
    const lines = [];
    for (const [index, line] of this.lines.entries()) {
      const planned = readAmount(
        this.i18n,
        line.planned,
        cooperative.currency,
        this.i18n.locale,
        true,
      );
      if (!planned.ok) {
        this.error = `${this.i18n.t('budget.lineN', { n: index + 1 })}\u00a0: ${planned.message}`;
        return;
      }
      lines.push({
        id: `l${index + 1}`,
        label: line.label,
        kind: line.kind,
        planned: planned.minor,
      });
    }
    this.busy = true;
    const result = await runtime.createBudget({
      account: this.account,
      title: this.budgetTitle,
      from: this.from,
      to: this.to,
      lines,
    });
    this.busy = false;
    if (!result.ok) {
      this.error = describeAccountsProblem(this.i18n, result.reason);
      return;
    }
    this.error = null;
    this.dispatchEvent(
      new CustomEvent('budget-created', {
        detail: { id: result.id },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private renderLine(line: LineDraft, index: number) {
    const { t } = this.i18n;
    const n = index + 1;
    const code = this.runtime.snapshot.cooperative?.currency.code ?? '';
    return html`<fieldset>
      <legend>${t('budget.lineN', { n })}</legend>
      <div class="field">
        <label for="line-label-${line.key}">${t('budget.field.label')}</label>
        <input
          id="line-label-${line.key}"
          autocomplete="off"
          .value=${line.label}
          @input=${(e: Event) => this.edit(line.key, { label: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div class="row">
        <div class="field">
          <label for="line-kind-${line.key}">${t('budget.field.kind')}</label>
          <select
            id="line-kind-${line.key}"
            @change=${(e: Event) =>
              this.edit(line.key, {
                kind: (e.target as HTMLSelectElement).value === 'income' ? 'income' : 'spending',
              })}
          >
            <option value="spending" ?selected=${line.kind === 'spending'}>
              ${t('budget.kind.spending')}
            </option>
            <option value="income" ?selected=${line.kind === 'income'}>
              ${t('budget.kind.income')}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="line-planned-${line.key}">${t('budget.field.planned')} (${code})</label>
          <input
            id="line-planned-${line.key}"
            inputmode="decimal"
            autocomplete="off"
            .value=${line.planned}
            @input=${(e: Event) =>
              this.edit(line.key, { planned: (e.target as HTMLInputElement).value })}
          />
        </div>
      </div>
      ${
        this.lines.length > 1
          ? html`<button
              class="button"
              type="button"
              @click=${() => (this.lines = this.lines.filter((l) => l.key !== line.key))}
            >
              ${t('budget.removeLine', { n })}
            </button>`
          : nothing
      }
    </fieldset>`;
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<form @submit=${this.submit} novalidate>
      <h3>${t('budget.new')}</h3>
      <div class="field">
        <label for="budget-title">${t('budget.field.title')}</label>
        <input
          id="budget-title"
          autocomplete="off"
          .value=${this.budgetTitle}
          @input=${(e: Event) => (this.budgetTitle = (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="row">
        <div class="field">
          <label for="budget-from">${t('budget.field.from')}</label>
          <input
            id="budget-from"
            type="date"
            .value=${this.from}
            @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="budget-to">${t('budget.field.to')}</label>
          <input
            id="budget-to"
            type="date"
            .value=${this.to}
            @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}
          />
        </div>
      </div>
      ${this.lines.map((line, index) => this.renderLine(line, index))}
      <div class="actions">
        <button
          class="button"
          type="button"
          ?disabled=${this.lines.length >= 100}
          @click=${() => {
            this.lines = [
              ...this.lines,
              { key: this.nextKey++, label: '', kind: 'spending', planned: '' },
            ];
          }}
        >
          ${t('budget.addLine')}
        </button>
      </div>
      ${this.error === null ? nothing : html`<p class="error" role="alert">${this.error}</p>`}
      <button class="button primary" type="submit" ?disabled=${this.busy}>
        ${t('budget.submit')}
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-budget-form': CoopBudgetForm;
  }
}
