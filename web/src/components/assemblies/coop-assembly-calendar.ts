import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AssemblyView } from '../../app/runtime-assemblies.js';
import { monthGrid, monthOf, shiftMonth, type Month } from '../../assemblies/calendar.js';
import { meetingQuery } from '../../assemblies/meeting.js';
import { routeHref } from '../../app/routes.js';
import { LocaleController } from '../../i18n/locale-controller.js';

/**
 * A month of assemblies, Monday first: each day lists the assemblies starting then, as links to
 * their meeting view. A table with the days as column headers, readable by screen readers, that
 * fits 360 px (titles wrap inside the cells).
 */
@customElement('coop-assembly-calendar')
export class CoopAssemblyCalendar extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .bar h3 {
      margin: 0;
      font-size: 1.05rem;
      text-transform: capitalize;
    }
    button {
      min-block-size: 2.75rem;
      min-inline-size: 2.75rem;
      font: inherit;
      border: 2px solid var(--coop-color-primary, #1d5c3a);
      border-radius: 0.5rem;
      background: var(--coop-color-surface, #fff);
      color: var(--coop-color-primary, #1d5c3a);
      cursor: pointer;
    }
    button:focus-visible,
    a:focus-visible {
      outline: 3px solid var(--coop-color-focus, #f2b600);
      outline-offset: 2px;
    }
    table {
      inline-size: 100%;
      table-layout: fixed;
      border-collapse: collapse;
      margin-block-start: 0.5rem;
      font-size: 0.85rem;
    }
    th {
      font-weight: 600;
      padding: 0.2rem 0;
    }
    td {
      vertical-align: top;
      block-size: 3rem;
      padding: 0.15rem;
      border: 1px solid var(--coop-color-border, #d9d4c7);
      overflow-wrap: anywhere;
    }
    td.out {
      color: var(--coop-color-muted, #4f5a52);
      background: #efebe0;
    }
    td a {
      display: block;
      color: var(--coop-color-primary, #1d5c3a);
      font-weight: 600;
    }
  `;

  @property({ attribute: false }) assemblies: readonly AssemblyView[] = [];
  /** Milliseconds since 1970: the month shown first is this one's. */
  @property({ type: Number }) now = Date.now();
  /** IANA time zone of the days. */
  @property() timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  @state() private month: Month | null = null;

  private readonly i18n = new LocaleController(this);

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const month = this.month ?? monthOf(this.now, this.timeZone);
    const weeks = monthGrid(month, this.assemblies, this.timeZone);
    const title = new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(month.year, month.month - 1, 15)));
    const weekdays = t('assemblies.weekdays').split(',');
    return html`<div class="bar">
        <button
          type="button"
          aria-label=${t('assemblies.previousMonth')}
          @click=${() => (this.month = shiftMonth(month, -1))}
        >
          ‹
        </button>
        <h3 aria-live="polite">${title}</h3>
        <button
          type="button"
          aria-label=${t('assemblies.nextMonth')}
          @click=${() => (this.month = shiftMonth(month, 1))}
        >
          ›
        </button>
      </div>
      <table>
        <thead>
          <tr>
            ${weekdays.map((day) => html`<th scope="col">${day}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (week) =>
              html`<tr>
                ${week.map(
                  (day) =>
                    html`<td class=${day.inMonth ? '' : 'out'}>
                      <span>${day.day}</span>
                      ${day.assemblies.map(
                        (assembly) =>
                          html`<a
                            href="${routeHref('meeting', locale)}?${meetingQuery({
                              scope: assembly.scope,
                              assembly: assembly.id,
                            })}"
                            >${assembly.title}</a
                          >`,
                      )}
                    </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-assembly-calendar': CoopAssemblyCalendar;
  }
}
