import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import {
  NEED_KINDS,
  STATUSES,
  filterByStatus,
  projectProgress,
  readQuantity,
  type NeedKindName,
  type Status,
} from '../../projects/progress.js';
import { describeProjectsProblem, scopeLabel } from '../../projects/describe.js';
import { routeHref } from '../routes.js';
import { RuntimeController } from '../runtime-controller.js';
import type { NeedInput } from '../runtime-projects.js';
import { screenStyles } from '../screen-styles.js';

/** The create form's fields. */
interface ProjectForm {
  scope: string;
  title: string;
  description: string;
  needKind: NeedKindName;
  needWhat: string;
  needQuantity: string;
  needUnit: string;
}

const EMPTY_FORM: ProjectForm = {
  scope: 'federation',
  title: '',
  description: '',
  needKind: 'time',
  needWhat: '',
  needQuantity: '',
  needUnit: '',
};

/**
 * The projects of the cooperative: a list filtered by status, each with how much of its needs is
 * covered, and a form to start one (title, description, scope, a first need).
 */
@customElement('coop-projects-screen')
export class CoopProjectsScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .projects {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      .projects li {
        overflow-wrap: anywhere;
      }
      .projects a {
        font-weight: 700;
        font-size: 1.1rem;
      }
      fieldset {
        border: 1px solid var(--coop-color-border, #d9d4c7);
        border-radius: 0.5rem;
        margin: 0 0 1rem;
        padding: 0.75rem;
        min-inline-size: 0;
      }
    `,
  ];

  @state() private filter: Status | '' | 'all' = '';
  @state() private form: ProjectForm = { ...EMPTY_FORM };
  @state() private error: string | null = null;
  @state() private working = false;

  private readonly i18n = new LocaleController(this);
  private readonly runtime = new RuntimeController(this);

  private async onCreate(event: Event): Promise<void> {
    event.preventDefault();
    const runtime = this.runtime.runtime;
    if (runtime === undefined || this.working) return;
    const { t } = this.i18n;
    const form = this.form;
    const needs: NeedInput[] = [];
    if (form.needWhat.trim() !== '' || form.needQuantity.trim() !== '') {
      const quantity = readQuantity(form.needQuantity);
      if (quantity === null) {
        this.error = t('projects.badQuantity');
        return;
      }
      needs.push({ kind: form.needKind, what: form.needWhat, quantity, unit: form.needUnit });
    }
    this.working = true;
    this.error = null;
    try {
      const result = await runtime.createProject({
        scope: form.scope,
        title: form.title,
        description: form.description,
        needs,
      });
      if (!result.ok) {
        this.error = describeProjectsProblem(this.i18n, result.reason);
        return;
      }
      this.form = { ...EMPTY_FORM };
      window.location.hash = `${routeHref('project', this.i18n.locale)}?id=${result.id}`;
    } finally {
      this.working = false;
    }
  }

  private field<K extends keyof ProjectForm>(key: K) {
    return (event: Event) => {
      const target = event.target as HTMLInputElement;
      this.form = { ...this.form, [key]: target.value };
    };
  }

  private renderForm() {
    const { t } = this.i18n;
    const scopes = this.runtime.runtime?.projectsSnapshot().scopes ?? [];
    return html`<h2 id="create-title">${t('projects.createTitle')}</h2>
      <form class="card" novalidate aria-labelledby="create-title" @submit=${this.onCreate}>
        <div class="field">
          <label for="p-title">${t('projects.titleLabel')}</label>
          <input
            id="p-title"
            maxlength="120"
            .value=${this.form.title}
            @input=${this.field('title')}
          />
        </div>
        <div class="field">
          <label for="p-scope">${t('projects.scopeLabel')}</label>
          <select id="p-scope" @change=${this.field('scope')}>
            ${scopes.map(
              (scope) =>
                html`<option value=${scope.id} ?selected=${scope.id === this.form.scope}>
                  ${scopeLabel(this.i18n, scope)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="p-description">${t('projects.descriptionLabel')}</label>
          <textarea
            id="p-description"
            rows="4"
            .value=${this.form.description}
            @input=${this.field('description')}
          ></textarea>
        </div>
        <fieldset>
          <legend>${t('projects.firstNeed')}</legend>
          <div class="field">
            <label for="n-kind">${t('project.needKindLabel')}</label>
            <select id="n-kind" @change=${this.field('needKind')}>
              ${NEED_KINDS.map(
                (kind) =>
                  html`<option value=${kind} ?selected=${kind === this.form.needKind}>
                    ${t(`project.kind.${kind}`)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="n-what">${t('project.needWhatLabel')}</label>
            <input id="n-what" .value=${this.form.needWhat} @input=${this.field('needWhat')} />
          </div>
          <div class="field">
            <label for="n-quantity">${t('project.needQuantityLabel')}</label>
            <input
              id="n-quantity"
              inputmode="numeric"
              .value=${this.form.needQuantity}
              @input=${this.field('needQuantity')}
            />
          </div>
          <div class="field">
            <label for="n-unit">${t('project.needUnitLabel')}</label>
            <input id="n-unit" .value=${this.form.needUnit} @input=${this.field('needUnit')} />
          </div>
        </fieldset>
        <div role="alert">
          ${this.error === null ? nothing : html`<p class="error">${this.error}</p>`}
        </div>
        <button class="button primary" type="submit" ?disabled=${this.working}>
          ${t('projects.create')}
        </button>
      </form>`;
  }

  protected override render() {
    const { t, locale } = this.i18n.translator;
    const runtime = this.runtime.runtime;
    if (this.runtime.snapshot.cooperative === null || runtime === undefined) {
      return html`<h1>${t('projects.title')}</h1>
        <p class="card notice">${t('app.notConnected')}</p>`;
    }
    const { projects, scopes } = runtime.projectsSnapshot();
    const shown = filterByStatus(projects, this.filter);
    return html`<h1>${t('projects.title')}</h1>
      <p>${t('projects.intro')}</p>
      <div class="field">
        <label for="filter">${t('projects.filterLabel')}</label>
        <select
          id="filter"
          @change=${(event: Event) => {
            this.filter = (event.target as HTMLSelectElement).value as Status | '' | 'all';
          }}
        >
          <option value="" ?selected=${this.filter === ''}>${t('projects.filterCurrent')}</option>
          <option value="all" ?selected=${this.filter === 'all'}>${t('projects.filterAll')}</option>
          ${STATUSES.map(
            (status) =>
              html`<option value=${status} ?selected=${this.filter === status}>
                ${t(`project.status.${status}`)}
              </option>`,
          )}
        </select>
      </div>
      ${
        shown.length === 0
          ? html`<p class="muted">${t('projects.none')}</p>`
          : html`<ul class="projects">
              ${shown.map((project) => {
                const progress = projectProgress(project.needs);
                const scope = scopes.find((known) => known.id === project.scope) ?? {
                  id: project.scope,
                  name: project.scope,
                };
                return html`<li class="card">
                  <p>
                    <a href=${`${routeHref('project', locale)}?id=${project.id}`}
                      >${project.title}</a
                    >
                  </p>
                  <p class="muted">
                    ${t(`project.status.${project.status}`)} · ${scopeLabel(this.i18n, scope)}
                  </p>
                  ${
                    progress.quantity === 0
                      ? nothing
                      : html`<p>
                          ${t('projects.needsProgress', {
                            count: project.needs.length,
                            covered: project.needs.filter((need) => need.covered >= need.quantity)
                              .length,
                          })}
                        </p>`
                  }
                </li>`;
              })}
            </ul>`
      }
      ${this.renderForm()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-projects-screen': CoopProjectsScreen;
  }
}
