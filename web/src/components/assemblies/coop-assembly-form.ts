import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  FEDERATION_SCOPE,
  type AgendaKind,
  type CircleSummary,
} from '../../app/runtime-assemblies.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { assembliesProblemKey } from '../../assemblies/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';

interface ItemRow {
  readonly key: number;
  title: string;
  kind: AgendaKind;
  minutes: string;
  /** A `gov/1` proposal id, for a decision item. */
  proposal: string;
}

const KINDS: readonly AgendaKind[] = ['information', 'discussion', 'decision'];

/**
 * Plans an assembly: for the federation or one of the member's circles, date and time, place or
 * meeting link, and an agenda of typed items with time boxes. The member who plans it
 * facilitates it.
 *
 * @fires assembly-created - `{ scope, id }` once the assembly is written.
 */
@customElement('coop-assembly-form')
export class CoopAssemblyForm extends LitElement {
  static override styles = [
    screenStyles,
    css`
      fieldset {
        border: 1px solid var(--coop-color-border, #d9d4c7);
        border-radius: 0.5rem;
        padding: 0.75rem;
        margin: 0 0 1rem;
        max-inline-size: 40rem;
      }
      legend {
        font-weight: 600;
      }
      .item {
        display: grid;
        grid-template-columns: 1fr;
        gap: 0.25rem;
        padding-block: 0.5rem;
        border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
      }
      .row {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .row > * {
        flex: 1 1 8rem;
      }
    `,
  ];

  /** The member's circles (the federation is always offered). */
  @property({ attribute: false }) circles: readonly CircleSummary[] = [];

  @state() private scope = FEDERATION_SCOPE;
  @state() private items: ItemRow[] = [
    { key: 0, title: '', kind: 'information', minutes: '10', proposal: '' },
  ];
  @state() private problem: string | null = null;
  @state() private done = false;
  @state() private working = false;

  private nextKey = 1;
  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private addItem(): void {
    this.items = [
      ...this.items,
      { key: this.nextKey++, title: '', kind: 'discussion', minutes: '15', proposal: '' },
    ];
  }

  private removeItem(key: number): void {
    this.items = this.items.filter((item) => item.key !== key);
  }

  private editItem(key: number, change: Partial<ItemRow>): void {
    this.items = this.items.map((item) => (item.key === key ? { ...item, ...change } : item));
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.working) return;
    const runtime = this.runtime.runtime;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string): string => String(data.get(name) ?? '');
    this.problem = null;
    this.done = false;
    const when = new Date(text('startsAt'));
    if (Number.isNaN(when.getTime())) {
      this.problem = this.i18n.t('assemblies.problem.invalid-date');
      return;
    }
    if (runtime === undefined) {
      this.problem = this.i18n.t('assemblies.problem.not-ready');
      return;
    }
    this.working = true;
    try {
      const result = await runtime.createAssembly({
        scope: this.scope,
        title: text('title'),
        startsAt: when.toISOString(),
        place: text('place'),
        online: text('online'),
        agenda: this.items
          .filter((item) => item.title.trim() !== '')
          .map((item) => ({
            title: item.title,
            kind: item.kind,
            minutes: Number(item.minutes),
            proposal: item.kind === 'decision' ? item.proposal.trim().toLowerCase() : null,
          })),
      });
      if (!result.ok) {
        this.problem = this.i18n.t(assembliesProblemKey(result.reason));
        return;
      }
      this.done = true;
      form.reset();
      this.items = [
        { key: this.nextKey++, title: '', kind: 'information', minutes: '10', proposal: '' },
      ];
      this.dispatchEvent(
        new CustomEvent('assembly-created', {
          detail: { scope: this.scope, id: result.id },
          bubbles: true,
          composed: true,
        }),
      );
    } finally {
      this.working = false;
    }
  }

  private renderItem(item: ItemRow, index: number) {
    const { t } = this.i18n;
    const number = index + 1;
    const id = `item-${item.key}`;
    return html`<div class="item">
      <label for="${id}-title">${t('assemblies.itemTitleLabel', { number })}</label>
      <input
        id="${id}-title"
        .value=${item.title}
        maxlength="200"
        @input=${(event: Event) =>
          this.editItem(item.key, { title: (event.target as HTMLInputElement).value })}
      />
      <div class="row">
        <div>
          <label for="${id}-kind">${t('assemblies.itemKindLabel', { number })}</label>
          <select
            id="${id}-kind"
            .value=${item.kind}
            @change=${(event: Event) =>
              this.editItem(item.key, {
                kind: (event.target as HTMLSelectElement).value as AgendaKind,
              })}
          >
            ${KINDS.map(
              (kind) =>
                html`<option value=${kind} ?selected=${kind === item.kind}>
                  ${t(`assemblies.kind.${kind}`)}
                </option>`,
            )}
          </select>
        </div>
        <div>
          <label for="${id}-minutes">${t('assemblies.itemMinutesLabel', { number })}</label>
          <input
            id="${id}-minutes"
            type="number"
            inputmode="numeric"
            min="1"
            max="480"
            .value=${item.minutes}
            @input=${(event: Event) =>
              this.editItem(item.key, { minutes: (event.target as HTMLInputElement).value })}
          />
        </div>
      </div>
      ${
        item.kind === 'decision'
          ? html`<label for="${id}-proposal"
                >${t('assemblies.itemProposalLabel', { number })}</label
              >
              <input
                id="${id}-proposal"
                .value=${item.proposal}
                maxlength="64"
                autocomplete="off"
                spellcheck="false"
                @input=${(event: Event) =>
                  this.editItem(item.key, { proposal: (event.target as HTMLInputElement).value })}
              />`
          : nothing
      }
      <div>
        <button class="button" type="button" @click=${() => this.removeItem(item.key)}>
          ${t('assemblies.removeItem', { number })}
        </button>
      </div>
    </div>`;
  }

  protected override render() {
    const { t } = this.i18n;
    const joined = this.circles.filter((circle) => circle.joined);
    return html`<form @submit=${this.onSubmit} novalidate>
      <div class="field">
        <label for="scope">${t('assemblies.scopeLabel')}</label>
        <select
          id="scope"
          name="scope"
          @change=${(event: Event) => (this.scope = (event.target as HTMLSelectElement).value)}
        >
          <option value=${FEDERATION_SCOPE} ?selected=${this.scope === FEDERATION_SCOPE}>
            ${t('circles.federation')}
          </option>
          ${joined.map(
            (circle) =>
              html`<option value=${circle.id} ?selected=${this.scope === circle.id}>
                ${circle.name}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="title">${t('assemblies.titleLabel')}</label>
        <input id="title" name="title" required maxlength="200" />
      </div>
      <div class="field">
        <label for="startsAt">${t('assemblies.startsAtLabel')}</label>
        <input id="startsAt" name="startsAt" type="datetime-local" required />
      </div>
      <div class="field">
        <label for="place">${t('assemblies.placeLabel')}</label>
        <input id="place" name="place" maxlength="200" />
      </div>
      <div class="field">
        <label for="online">${t('assemblies.onlineLabel')}</label>
        <input id="online" name="online" type="url" inputmode="url" placeholder="https://" />
      </div>
      <fieldset>
        <legend>${t('assemblies.agendaLabel')}</legend>
        ${this.items.map((item, index) => this.renderItem(item, index))}
        <div class="actions">
          <button class="button" type="button" @click=${this.addItem}>
            ${t('assemblies.addItem')}
          </button>
        </div>
      </fieldset>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.working}>
          ${t('assemblies.submit')}
        </button>
      </div>
      <p aria-live="polite">
        ${this.problem === null ? nothing : html`<span class="error">${this.problem}</span>`}
        ${this.done ? t('assemblies.created') : nothing}
      </p>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-assembly-form': CoopAssemblyForm;
  }
}
