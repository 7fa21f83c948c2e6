import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { screenStyles } from '../../app/screen-styles.js';
import { memberName } from '../../app/screen-logic.js';
import { describeAmountProblem } from '../../i18n/describe.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { MAX_INPUT_MINOR_UNITS, formatAmount } from '../../money.js';
import {
  describeGovernanceProblem,
  describeMethod,
  explainMethod,
} from '../../governance/describe.js';
import {
  THRESHOLD_PRESETS,
  emptyProposalForm,
  readProposalForm,
  type EffectKind,
  type MethodKind,
  type ProposalFormErrors,
  type ProposalFormState,
} from '../../governance/proposal-form.js';

/** A threshold's fraction for the explanation (1/2 while the text is not one). */
function thresholdOf(text: string): { num: number; den: number } {
  const [num, den] = text.split('/').map(Number);
  return num !== undefined && den !== undefined && num >= 1 && den >= num
    ? { num, den }
    : { num: 1, den: 2 };
}

const METHODS: readonly MethodKind[] = ['consent', 'consensus', 'majority', 'advice'];
const EFFECTS: readonly EffectKind[] = [
  'none',
  'memberLimit',
  'defaultLimit',
  'revokes',
  'removeMember',
];

/**
 * The proposal form: title, text, scope (the federation or a circle), assembly, decision method
 * (with a majority's threshold), quorum, closing time, who votes, the effect on the ledger, and
 * whether results stay hidden until the close. Given `initial`, it amends a proposal.
 *
 * @fires proposal-created - a proposal was signed; `detail.entry` is its id
 * @fires proposal-cancelled - the member gave up
 */
@customElement('coop-proposal-form')
export class CoopProposalForm extends LitElement {
  static override styles = [
    screenStyles,
    css`
      fieldset {
        border: 0;
        margin: 0 0 1rem;
        padding: 0;
        max-inline-size: 40rem;
      }
      legend {
        font-weight: 600;
        padding: 0;
        margin-block-end: 0.4rem;
      }
      .choices {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .choices label,
      label.check {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-block-size: 2.75rem;
        font-weight: 400;
        margin: 0;
      }
      input[type='checkbox'] {
        inline-size: auto;
        min-block-size: 0;
      }
    `,
  ];

  /** The form's starting values (an amendment's, or a new proposal's). */
  @property({ attribute: false }) initial: ProposalFormState | null = null;

  /** The title of the proposal being amended, when amending. */
  @property({ attribute: false }) amendedTitle: string | null = null;

  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private form: ProposalFormState = emptyProposalForm(Date.now());
  @state() private errors: ProposalFormErrors = {};
  @state() private problem: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('initial')) this.form = this.initial ?? emptyProposalForm(this.clock());
  }

  private set<K extends keyof ProposalFormState>(key: K, value: ProposalFormState[K]): void {
    this.form = { ...this.form, [key]: value };
  }

  private circles() {
    try {
      return this.runtime.runtime?.assembliesSnapshot().circles ?? [];
    } catch {
      return [];
    }
  }

  private assemblies() {
    try {
      return this.runtime.runtime?.assembliesSnapshot().assemblies ?? [];
    } catch {
      return [];
    }
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const cooperative = this.runtime.snapshot.cooperative;
    if (runtime === undefined || cooperative === null || this.working) {
      this.problem = this.i18n.t('gov.problem.notReady');
      return;
    }
    this.problem = null;
    const circles = this.circles();
    const read = readProposalForm(this.form, {
      decimals: cooperative.currency.decimals,
      locale: this.i18n.locale,
      now: this.clock(),
      circleMembers: (name) => circles.find((circle) => circle.name === name)?.members ?? null,
    });
    if (!read.ok) {
      this.errors = read.errors;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.errors = {};
    this.working = true;
    try {
      const result = await runtime.propose(read.input);
      if (!result.ok) {
        this.problem = describeGovernanceProblem(this.i18n, result);
        return;
      }
      this.dispatchEvent(
        new CustomEvent('proposal-created', {
          detail: { entry: result.entry },
          bubbles: true,
          composed: true,
        }),
      );
    } catch {
      this.problem = this.i18n.t('gov.problem.failed');
    } finally {
      this.working = false;
    }
  }

  private error(id: string, text: string | undefined) {
    return text === undefined ? nothing : html`<p class="error" id=${id}>${text}</p>`;
  }

  private renderEffect() {
    const { t } = this.i18n;
    const { members, self, cooperative } = this.runtime.snapshot;
    if (cooperative === null) return nothing;
    const { errors, form } = this;
    const memberPicker = html`<div class="field">
      <label for="effect-member">${t('gov.form.memberLabel')}</label>
      <select
        id="effect-member"
        aria-invalid=${errors.member === undefined ? 'false' : 'true'}
        aria-describedby=${errors.member === undefined ? nothing : 'effect-member-error'}
        @change=${(e: Event) => this.set('member', (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${form.member === ''}>${t('gov.form.pickMember')}</option>
        ${members.map(
          (member) =>
            html`<option value=${member.did} ?selected=${form.member === member.did}>
              ${memberName(this.i18n, members, member.did)}${member.did === self ? ` ${t('members.you')}` : ''}
            </option>`,
        )}
      </select>
      ${this.error('effect-member-error', errors.member === undefined ? undefined : t('gov.form.memberMissing'))}
    </div>`;
    const limitField = html`<div class="field">
      <label for="effect-limit"
        >${t('gov.form.limitLabel', { code: cooperative.currency.code })}</label
      >
      <input
        id="effect-limit"
        inputmode="decimal"
        autocomplete="off"
        aria-invalid=${errors.limit === undefined ? 'false' : 'true'}
        aria-describedby=${errors.limit === undefined ? nothing : 'effect-limit-error'}
        .value=${form.limit}
        @input=${(e: Event) => this.set('limit', (e.target as HTMLInputElement).value)}
      />
      ${this.error(
        'effect-limit-error',
        errors.limit === undefined
          ? undefined
          : describeAmountProblem(
              this.i18n,
              errors.limit,
              cooperative.currency.decimals,
              formatAmount(MAX_INPUT_MINOR_UNITS, cooperative.currency, this.i18n.locale),
            ),
      )}
    </div>`;
    switch (form.effect) {
      case 'memberLimit':
        return html`${memberPicker}${limitField}`;
      case 'defaultLimit':
        return limitField;
      case 'removeMember':
        return memberPicker;
      case 'revokes': {
        const decisions =
          this.runtime.runtime
            ?.governanceSnapshot()
            .decisions.filter((d) => d.result === 'adopted' && d.status.state === 'valid') ?? [];
        return html`<div class="field">
          <label for="effect-decision">${t('gov.form.decisionLabel')}</label>
          <select
            id="effect-decision"
            aria-invalid=${errors.decision === undefined ? 'false' : 'true'}
            @change=${(e: Event) => this.set('decision', (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${form.decision === ''}>
              ${t('gov.form.pickDecision')}
            </option>
            ${decisions.map(
              (d) =>
                html`<option value=${d.id} ?selected=${form.decision === d.id}>${d.title}</option>`,
            )}
          </select>
          ${this.error('effect-decision-error', errors.decision === undefined ? undefined : t('gov.form.decisionMissing'))}
        </div>`;
      }
      case 'none':
        return nothing;
    }
  }

  protected override render() {
    const { t } = this.i18n;
    const { form, errors } = this;
    const circles = this.circles();
    const circle = circles.find((c) => c.name === form.scope);
    const assemblies = this.assemblies().filter((a) =>
      form.scope === 'federation' ? a.scope === 'federation' : a.scope === circle?.id,
    );
    const titleError = errors.title === undefined ? undefined : t('gov.field.title');
    return html`<form novalidate @submit=${this.onSubmit} aria-labelledby="form-title">
      <h2 id="form-title">
        ${
          this.amendedTitle === null
            ? t('gov.form.title')
            : t('gov.form.amendTitle', { title: this.amendedTitle })
        }
      </h2>
      ${this.amendedTitle === null ? nothing : html`<p class="muted">${t('gov.form.amendNote')}</p>`}
      <div class="field">
        <label for="title">${t('gov.form.titleLabel')}</label>
        <input
          id="title"
          autocomplete="off"
          maxlength="400"
          aria-invalid=${titleError === undefined ? 'false' : 'true'}
          aria-describedby=${titleError === undefined ? nothing : 'title-error'}
          .value=${form.title}
          @input=${(e: Event) => this.set('title', (e.target as HTMLInputElement).value)}
        />
        ${this.error('title-error', titleError)}
      </div>
      <div class="field">
        <label for="text">${t('gov.form.textLabel')}</label>
        <textarea
          id="text"
          aria-invalid=${errors.text === undefined ? 'false' : 'true'}
          aria-describedby=${errors.text === undefined ? nothing : 'text-error'}
          .value=${form.text}
          @input=${(e: Event) => this.set('text', (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${this.error('text-error', errors.text === undefined ? undefined : t('gov.field.text'))}
      </div>
      <div class="field">
        <label for="scope">${t('gov.form.scopeLabel')}</label>
        <select
          id="scope"
          @change=${(e: Event) => {
            this.form = {
              ...this.form,
              scope: (e.target as HTMLSelectElement).value,
              assembly: '',
              electorate: 'everyone',
            };
          }}
        >
          <option value="federation" ?selected=${form.scope === 'federation'}>
            ${t('gov.list.scopeFederation')}
          </option>
          ${circles.map(
            (c) =>
              html`<option value=${c.name} ?selected=${form.scope === c.name}>
                ${t('gov.list.scopeCircle', { name: c.name })}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="assembly">${t('gov.form.assemblyLabel')}</label>
        <select
          id="assembly"
          @change=${(e: Event) => this.set('assembly', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${form.assembly === ''}>${t('gov.form.noAssembly')}</option>
          ${assemblies.map(
            (a) =>
              html`<option value=${a.id} ?selected=${form.assembly === a.id}>${a.title}</option>`,
          )}
          ${
            form.assembly !== '' && !assemblies.some((a) => a.id === form.assembly)
              ? html`<option value=${form.assembly} selected>${form.assembly}</option>`
              : nothing
          }
        </select>
      </div>
      <fieldset>
        <legend>${t('gov.form.methodLegend')}</legend>
        <ul class="choices">
          ${METHODS.map(
            (kind) =>
              html`<li>
                <label>
                  <input
                    type="radio"
                    name="method"
                    .checked=${form.method === kind}
                    @change=${() => this.set('method', kind)}
                  />
                  <span
                    >${
                      kind === 'majority'
                        ? t('gov.form.majority')
                        : describeMethod(this.i18n, { kind })
                    }</span
                  >
                </label>
              </li>`,
          )}
        </ul>
        <p class="hint">
          ${explainMethod(
            this.i18n,
            form.method === 'majority'
              ? { kind: 'majority', ...thresholdOf(form.threshold) }
              : { kind: form.method },
          )}
        </p>
      </fieldset>
      ${
        form.method === 'majority'
          ? html`<div class="field">
              <label for="threshold">${t('gov.form.thresholdLabel')}</label>
              <select
                id="threshold"
                @change=${(e: Event) => this.set('threshold', (e.target as HTMLSelectElement).value)}
              >
                ${THRESHOLD_PRESETS.map(
                  (preset, i) =>
                    html`<option value=${preset} ?selected=${form.threshold === preset}>
                      ${
                        [
                          t('gov.form.thresholdHalf'),
                          t('gov.form.thresholdTwoThirds'),
                          t('gov.form.thresholdThreeQuarters'),
                        ][i]
                      }
                    </option>`,
                )}
                ${
                  (THRESHOLD_PRESETS as readonly string[]).includes(form.threshold)
                    ? nothing
                    : html`<option value=${form.threshold} selected>${form.threshold}</option>`
                }
              </select>
              ${this.error('threshold-error', errors.threshold === undefined ? undefined : t('gov.field.method'))}
            </div>`
          : nothing
      }
      <div class="field">
        <label for="quorum">${t('gov.form.quorumLabel')}</label>
        <input
          id="quorum"
          inputmode="numeric"
          autocomplete="off"
          aria-invalid=${errors.quorum === undefined ? 'false' : 'true'}
          aria-describedby=${errors.quorum === undefined ? nothing : 'quorum-error'}
          .value=${form.quorum}
          @input=${(e: Event) => this.set('quorum', (e.target as HTMLInputElement).value)}
        />
        ${this.error('quorum-error', errors.quorum === undefined ? undefined : t('gov.form.quorumInvalid'))}
      </div>
      <div class="field">
        <label for="closes">${t('gov.form.closesLabel')}</label>
        <input
          id="closes"
          type="datetime-local"
          aria-invalid=${errors.closes === undefined ? 'false' : 'true'}
          aria-describedby=${errors.closes === undefined ? nothing : 'closes-error'}
          .value=${form.closes}
          @input=${(e: Event) => this.set('closes', (e.target as HTMLInputElement).value)}
        />
        ${this.error('closes-error', errors.closes === undefined ? undefined : t('gov.form.closesInvalid'))}
      </div>
      ${
        form.scope === 'federation'
          ? nothing
          : html`<fieldset>
              <legend>${t('gov.form.electorateLegend')}</legend>
              <ul class="choices">
                <li>
                  <label>
                    <input
                      type="radio"
                      name="electorate"
                      .checked=${form.electorate === 'everyone'}
                      @change=${() => this.set('electorate', 'everyone')}
                    />
                    <span>${t('gov.form.everyone')}</span>
                  </label>
                </li>
                <li>
                  <label>
                    <input
                      type="radio"
                      name="electorate"
                      .checked=${form.electorate === 'circle'}
                      @change=${() => this.set('electorate', 'circle')}
                    />
                    <span>${t('gov.form.circleMembers')} (${circle?.members.length ?? 0})</span>
                  </label>
                </li>
              </ul>
            </fieldset>`
      }
      <fieldset>
        <legend>${t('gov.form.effectsLegend')}</legend>
        <ul class="choices">
          ${EFFECTS.map(
            (kind) =>
              html`<li>
                <label>
                  <input
                    type="radio"
                    name="effect"
                    .checked=${form.effect === kind}
                    @change=${() => this.set('effect', kind)}
                  />
                  <span>${this.effectLabel(kind)}</span>
                </label>
              </li>`,
          )}
        </ul>
      </fieldset>
      ${this.renderEffect()}
      <label class="check">
        <input
          type="checkbox"
          .checked=${form.hideResults}
          @change=${(e: Event) => this.set('hideResults', (e.target as HTMLInputElement).checked)}
        />
        <span>${t('gov.form.hideResults')}</span>
      </label>
      <div role="alert">
        ${this.problem === null ? nothing : html`<p class="card problem">${this.problem}</p>`}
      </div>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.working}>
          ${this.working ? t('gov.form.working') : t('gov.form.submit')}
        </button>
        <button
          class="button"
          type="button"
          @click=${() =>
            this.dispatchEvent(
              new CustomEvent('proposal-cancelled', { bubbles: true, composed: true }),
            )}
        >
          ${t('gov.form.cancel')}
        </button>
      </div>
    </form>`;
  }

  private effectLabel(kind: EffectKind): string {
    const { t } = this.i18n;
    switch (kind) {
      case 'none':
        return t('gov.form.effectNone');
      case 'memberLimit':
        return t('gov.form.effectMemberLimit');
      case 'defaultLimit':
        return t('gov.form.effectDefaultLimit');
      case 'revokes':
        return t('gov.form.effectRevokes');
      case 'removeMember':
        return t('gov.form.effectRemoveMember');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-proposal-form': CoopProposalForm;
  }
}
