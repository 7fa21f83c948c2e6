import { formatTimestamp } from '@integrale/ledger';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AccountView } from '../../app/runtime-accounts.js';
import { RuntimeController } from '../../app/runtime-controller.js';
import { routeHref } from '../../app/routes.js';
import { screenStyles } from '../../app/screen-styles.js';
import { memberName } from '../../app/screen-logic.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { accountsStyles } from './form-styles.js';

/** How long the vote on new rules stays open. */
const VOTE_DAYS = 7;

/**
 * Proposes new stewards and a new threshold for a collective account (acct/1 `accountRules`).
 * The ledger lets a spend follow them only once the decision is adopted, and only as the
 * successor of the rules in force — so the proposal revokes the decision that set those, if any.
 */
@customElement('coop-account-rules-form')
export class CoopAccountRulesForm extends LitElement {
  static override styles = [screenStyles, accountsStyles];

  @property({ attribute: false }) account: AccountView | null = null;
  /** The clock, in milliseconds since 1970. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private stewards = new Set<string>();
  @state() private threshold = 1;
  @state() private error: string | null = null;
  @state() private busy = false;
  private shownFor: string | null = null;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  protected override willUpdate(): void {
    const account = this.account;
    if (account !== null && account.id !== this.shownFor) {
      this.shownFor = account.id;
      this.stewards = new Set(account.stewards);
      this.threshold = account.threshold;
    }
  }

  private toggle(did: string, checked: boolean): void {
    const next = new Set(this.stewards);
    if (checked) next.add(did);
    else next.delete(did);
    this.stewards = next;
    if (this.threshold > Math.max(1, next.size)) this.threshold = Math.max(1, next.size);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    const account = this.account;
    if (runtime === undefined || account === null || this.busy) return;
    const { t, locale } = this.i18n;
    const stewards = [...this.stewards].sort();
    if (stewards.length === 0 || this.threshold < 1 || this.threshold > stewards.length) {
      this.error = t('account.rules.invalid');
      return;
    }
    const { members } = this.runtime.snapshot;
    const names = stewards.map((did) => memberName(this.i18n, members, did)).join(', ');
    this.busy = true;
    const result = await runtime.propose({
      title: t('account.rules.proposalTitle', { name: account.name }).slice(0, 200),
      text: t('account.rules.proposalText', {
        names,
        k: this.threshold,
        n: stewards.length,
      }).slice(0, 10_000),
      scope: account.scope,
      assembly: '',
      method: { kind: 'consent' },
      quorum: 1,
      closes: formatTimestamp(new Date(this.clock() + VOTE_DAYS * 86_400_000)),
      electorate: null,
      amends: null,
      effects: {
        accountRules: { account: account.id, stewards, threshold: this.threshold },
        ...(account.rules === null ? {} : { revokes: account.rules }),
      },
    });
    this.busy = false;
    if (!result.ok) {
      this.error = t('account.rules.failed');
      return;
    }
    this.error = null;
    window.location.hash = `${routeHref('proposal', locale)}?id=${result.entry}`;
  }

  protected override render() {
    const account = this.account;
    if (account === null) return nothing;
    const { t } = this.i18n;
    const { members } = this.runtime.snapshot;
    return html`<form @submit=${(event: Event) => this.submit(event)}>
      <h2>${t('account.rules.title')}</h2>
      <p class="muted">${t('account.rules.intro')}</p>
      <fieldset>
        <legend>${t('account.rules.stewards')}</legend>
        ${members.map(
          (member) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.stewards.has(member.did)}
                @change=${(event: Event) =>
                  this.toggle(member.did, (event.target as HTMLInputElement).checked)}
              />
              ${memberName(this.i18n, members, member.did)}</label
            >`,
        )}
      </fieldset>
      <label
        >${t('account.rules.threshold')}
        <input
          type="number"
          min="1"
          max=${Math.max(1, this.stewards.size)}
          .value=${String(this.threshold)}
          @input=${(event: Event) =>
            (this.threshold = Number((event.target as HTMLInputElement).value))}
      /></label>
      ${this.error === null ? nothing : html`<p class="error" role="alert">${this.error}</p>`}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>
          ${t('account.rules.submit')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-account-rules-form': CoopAccountRulesForm;
  }
}
