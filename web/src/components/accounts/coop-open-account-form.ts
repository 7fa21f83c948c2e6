import { ACCOUNT_KINDS, type AccountKind } from '@integrale/ledger';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { memberName } from '../../app/screen-logic.js';
import { screenStyles } from '../../app/screen-styles.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { describeAccountsProblem, describeKind } from './describe.js';
import { accountsStyles } from './form-styles.js';

/**
 * The form that opens a collective account: its name, kind and circle, its stewards (this member
 * always among them) and how many of them must approve a spend.
 *
 * @fires account-opened - `{ id }` once the account entry is signed.
 * @fires account-cancelled - the member closed the form.
 */
@customElement('coop-open-account-form')
export class CoopOpenAccountForm extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  /** What the form starts with (a project's title and stewards, say). */
  @property({ attribute: false }) initial: {
    readonly name: string;
    readonly kind: AccountKind;
    readonly stewards: readonly string[];
    readonly threshold: number;
  } | null = null;

  @state() private name = '';
  @state() private kind: AccountKind = 'project';
  @state() private scope = 'federation';
  @state() private stewards = new Set<string>();
  @state() private threshold = 1;
  @state() private error: string | null = null;
  @state() private busy = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  /** The initial values applied last (by content: a parent may pass an equal new object). */
  private applied: string | null = null;

  protected override willUpdate(): void {
    if (this.initial === null) return;
    const key = JSON.stringify(this.initial);
    if (this.applied === key) return;
    this.applied = key;
    this.name = this.initial.name;
    this.kind = this.initial.kind;
    this.stewards = new Set(this.initial.stewards);
    this.threshold = this.initial.threshold;
  }

  private toggle(did: string, on: boolean): void {
    const next = new Set(this.stewards);
    if (on) next.add(did);
    else next.delete(did);
    this.stewards = next;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const self = this.runtime.snapshot.self;
    if (runtime === undefined || self === null || this.busy) return;
    this.busy = true;
    this.error = null;
    const result = await runtime.openAccount({
      name: this.name,
      kind: this.kind,
      scope: this.scope,
      stewards: [...new Set([self, ...this.stewards])],
      threshold: this.threshold,
    });
    this.busy = false;
    if (!result.ok) {
      this.error = describeAccountsProblem(this.i18n, result.reason);
      return;
    }
    this.dispatchEvent(
      new CustomEvent('account-opened', {
        detail: { id: result.id },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override render() {
    const { t } = this.i18n;
    const { members, self } = this.runtime.snapshot;
    const count = new Set([...(self === null ? [] : [self]), ...this.stewards]).size;
    return html`<form @submit=${this.submit} novalidate>
      <h2>${t('accounts.open.title')}</h2>
      <div class="field">
        <label for="account-name">${t('accounts.open.name')}</label>
        <input
          id="account-name"
          autocomplete="off"
          maxlength="200"
          .value=${this.name}
          @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="row">
        <div class="field">
          <label for="account-kind">${t('accounts.open.kind')}</label>
          <select
            id="account-kind"
            @change=${(e: Event) =>
              (this.kind = (e.target as HTMLSelectElement).value as AccountKind)}
          >
            ${ACCOUNT_KINDS.map(
              (kind) =>
                html`<option value=${kind} ?selected=${kind === this.kind}>
                  ${describeKind(this.i18n, kind)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="account-scope">${t('accounts.open.scope')}</label>
          <input
            id="account-scope"
            autocomplete="off"
            .value=${this.scope}
            @input=${(e: Event) => (this.scope = (e.target as HTMLInputElement).value)}
          />
        </div>
      </div>
      <fieldset>
        <legend>${t('accounts.open.stewards')}</legend>
        ${members.map(
          (member) =>
            html`<label class="check">
              <input
                type="checkbox"
                .checked=${member.did === self || this.stewards.has(member.did)}
                ?disabled=${member.did === self}
                @change=${(e: Event) =>
                  this.toggle(member.did, (e.target as HTMLInputElement).checked)}
              />
              <span class="break">${memberName(this.i18n, members, member.did)}</span>
            </label>`,
        )}
      </fieldset>
      <div class="field">
        <label for="account-threshold">${t('accounts.open.threshold')}</label>
        <input
          id="account-threshold"
          type="number"
          inputmode="numeric"
          min="1"
          max=${count}
          .value=${String(this.threshold)}
          @input=${(e: Event) => (this.threshold = Number((e.target as HTMLInputElement).value))}
        />
        <p class="hint">${t('accounts.threshold', { k: this.threshold, n: count })}</p>
      </div>
      ${this.error === null ? nothing : html`<p class="error" role="alert">${this.error}</p>`}
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${t('accounts.open.submit')}
        </button>
        <button
          class="button"
          type="button"
          @click=${() =>
            this.dispatchEvent(
              new CustomEvent('account-cancelled', { bubbles: true, composed: true }),
            )}
        >
          ${t('accounts.cancel')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-open-account-form': CoopOpenAccountForm;
  }
}
