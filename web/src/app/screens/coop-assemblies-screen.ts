import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/assemblies/coop-assembly-calendar.js';
import '../../components/assemblies/coop-assembly-form.js';
import { splitByTime } from '../../assemblies/calendar.js';
import { assembliesProblemKey } from '../../assemblies/describe.js';
import { meetingQuery } from '../../assemblies/meeting.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { routeHref } from '../routes.js';
import {
  FEDERATION_SCOPE,
  type AssembliesResult,
  type AssemblyView,
  type CircleSummary,
} from '../runtime-assemblies.js';
import { RuntimeController } from '../runtime-controller.js';
import { screenStyles } from '../screen-styles.js';

/**
 * Assemblies: the federation's and those of the member's circles, to come and past, and a month
 * calendar; planning one; the circles, to create or join in one tap.
 */
@customElement('coop-assemblies-screen')
export class CoopAssembliesScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        max-inline-size: 40rem;
      }
      li {
        padding: 0.75rem 0;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
        overflow-wrap: anywhere;
      }
      li > span {
        display: block;
      }
      .name {
        font-weight: 600;
      }
      .circle {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
      details {
        margin-block: 1rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        min-block-size: 2.75rem;
        display: flex;
        align-items: center;
      }
    `,
  ];

  /** Milliseconds since 1970 (passed in so tests are exact). */
  @property({ type: Number }) now = Date.now();

  @state() private problem: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async run(task: () => Promise<AssembliesResult>): Promise<void> {
    if (this.working) return;
    this.problem = null;
    this.working = true;
    try {
      const result = await task();
      if (!result.ok) this.problem = this.i18n.t(assembliesProblemKey(result.reason));
    } finally {
      this.working = false;
    }
  }

  private onCreateCircle(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '');
    if (runtime === undefined) return;
    void this.run(async () => {
      const result = await runtime.createCircle(name);
      if (result.ok) form.reset();
      return result;
    });
  }

  private scopeName(scope: string, circles: readonly CircleSummary[]): string {
    if (scope === FEDERATION_SCOPE) return this.i18n.t('circles.federation');
    return circles.find((circle) => circle.id === scope)?.name ?? scope;
  }

  private renderAssembly(assembly: AssemblyView, circles: readonly CircleSummary[]) {
    const { t, formatDateTime, locale } = this.i18n.translator;
    const where =
      assembly.place !== '' ? assembly.place : assembly.online !== '' ? t('assemblies.online') : '';
    const when = formatDateTime(new Date(assembly.startsAt));
    return html`<li>
      <span class="name">
        <a
          href="${routeHref('meeting', locale)}?${meetingQuery({
            scope: assembly.scope,
            assembly: assembly.id,
          })}"
          >${assembly.title}</a
        >
      </span>
      <span>${where === '' ? when : t('assemblies.at', { date: when, place: where })}</span>
      <span class="hint">${this.scopeName(assembly.scope, circles)}</span>
    </li>`;
  }

  private renderCircle(circle: CircleSummary) {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    return html`<li class="circle">
      <span>
        <span class="name">${circle.name}</span><br />
        <span class="hint"
          >${t('circles.members', { count: circle.members.length })}${
            circle.joined ? html` · ${t('circles.joined')}` : nothing
          }</span
        >
      </span>
      ${
        runtime === undefined
          ? nothing
          : circle.joined
            ? html`<button
                class="button"
                type="button"
                ?disabled=${this.working}
                @click=${() => this.run(() => runtime.leaveCircle(circle.id))}
              >
                ${t('circles.leave')}
              </button>`
            : html`<button
                class="button primary"
                type="button"
                ?disabled=${this.working}
                aria-label="${t('circles.join')} ${circle.name}"
                @click=${() => this.run(() => runtime.joinCircle(circle.id))}
              >
                ${t('circles.join')}
              </button>`
      }
    </li>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const runtime = this.runtime.runtime;
    if (runtime === undefined) {
      return html`<h1>${t('assemblies.title')}</h1>
        <p>${t('app.notConnected')}</p>`;
    }
    const data = runtime.assembliesSnapshot();
    const { upcoming, past } = splitByTime(data.assemblies, this.now);
    return html`<h1>${t('assemblies.title')}</h1>
      ${data.loading.length > 0 ? html`<p class="hint">${t('assemblies.loading')}</p>` : nothing}
      <h2>${t('assemblies.upcoming')}</h2>
      ${
        upcoming.length === 0
          ? html`<p>${t('assemblies.none')}</p>`
          : html`<ul class="upcoming">
              ${upcoming.map((assembly) => this.renderAssembly(assembly, data.circles))}
            </ul>`
      }
      <details>
        <summary>${t('assemblies.create')}</summary>
        <coop-assembly-form .circles=${data.circles}></coop-assembly-form>
      </details>
      <h2>${t('assemblies.calendar')}</h2>
      <coop-assembly-calendar
        .assemblies=${data.assemblies}
        .now=${this.now}
      ></coop-assembly-calendar>
      ${
        past.length === 0
          ? nothing
          : html`<h2>${t('assemblies.past')}</h2>
              <ul class="past">
                ${past.map((assembly) => this.renderAssembly(assembly, data.circles))}
              </ul>`
      }
      <h2>${t('circles.title')}</h2>
      <p>${t('circles.intro')}</p>
      ${
        data.circles.length === 0
          ? html`<p>${t('circles.none')}</p>`
          : html`<ul class="circles">
              ${data.circles.map((circle) => this.renderCircle(circle))}
            </ul>`
      }
      <form class="field" @submit=${this.onCreateCircle} novalidate>
        <label for="circle-name">${t('circles.nameLabel')}</label>
        <input id="circle-name" name="name" maxlength="80" required />
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.working}>
            ${t('circles.create')}
          </button>
        </div>
      </form>
      <p aria-live="polite">
        ${this.problem === null ? nothing : html`<span class="error">${this.problem}</span>`}
      </p>
      <p class="hint">${t('circles.readableByAll')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-assemblies-screen': CoopAssembliesScreen;
  }
}
