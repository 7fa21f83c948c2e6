import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { movedCaret, spliceBetween, type TextSplice } from '../../assemblies/minutes-text.js';

/**
 * Detail of `minutes-splice`: one edit and the heads of the text it was made on. The listener
 * applies it and sets `applied` to the heads of the text with the edit, synchronously.
 */
export interface MinutesSpliceDetail extends TextSplice {
  readonly heads: readonly string[];
  applied: readonly string[] | null;
}

/**
 * A plain text area bound to collaborative minutes. Each input is sent up as one splice of the
 * text the area showed, with the heads that text was read at, so the runtime applies it as of
 * that version and keeps what others typed meanwhile. When others' words arrive (`text` changes
 * while the member types), the caret stays where it was relative to the member's own words.
 *
 * @fires minutes-splice - {@link MinutesSpliceDetail}: the member typed.
 */
@customElement('coop-minutes-editor')
export class CoopMinutesEditor extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    label {
      display: block;
      font-weight: 600;
      margin-block-end: 0.4rem;
    }
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 12rem;
      font: inherit;
      padding: 0.6rem;
      border: 1px solid var(--coop-color-border-strong, #8b8677);
      border-radius: 0.5rem;
      background: var(--coop-color-surface, #fff);
      resize: vertical;
    }
    textarea:focus-visible {
      outline: 3px solid var(--coop-color-focus, #f2b600);
      outline-offset: 2px;
    }
  `;

  /** The minutes as the document holds them. */
  @property() text = '';
  /** Heads of the document `text` was read at. */
  @property({ attribute: false }) heads: readonly string[] = [];
  @property() label = '';
  @property({ type: Boolean }) disabled = false;

  @query('textarea') private area!: HTMLTextAreaElement;

  /** The text the area shows, and the heads it stands for. */
  private shown = '';
  private shownHeads: readonly string[] = [];

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('text') && !changed.has('heads')) return;
    const area = this.area;
    if (this.text === area.value) {
      this.shown = this.text;
      this.shownHeads = this.heads;
      return;
    }
    // Others' words arrived: take them, keep the caret among this member's own words.
    const focused = this.shadowRoot?.activeElement === area;
    const start = movedCaret(area.value, this.text, area.selectionStart);
    const end = movedCaret(area.value, this.text, area.selectionEnd);
    area.value = this.text;
    if (focused) area.setSelectionRange(start, end);
    this.shown = this.text;
    this.shownHeads = this.heads;
  }

  private onInput(): void {
    const now = this.area.value;
    const splice = spliceBetween(this.shown, now);
    if (splice === null) return;
    const detail: MinutesSpliceDetail = { ...splice, heads: this.shownHeads, applied: null };
    this.dispatchEvent(
      new CustomEvent('minutes-splice', { detail, bubbles: true, composed: true }),
    );
    if (detail.applied === null) {
      // Refused (read-only, too long): show the document's text again.
      this.area.value = this.shown;
      return;
    }
    // The area shows this edit now, as of the heads it made; the next splice builds on them.
    this.shown = now;
    this.shownHeads = detail.applied;
  }

  protected override firstUpdated(): void {
    this.area.value = this.text;
    this.shown = this.text;
    this.shownHeads = this.heads;
  }

  protected override render() {
    return html`<label for="minutes">${this.label}</label>
      <textarea
        id="minutes"
        spellcheck="true"
        ?disabled=${this.disabled}
        @input=${this.onInput}
      ></textarea>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-minutes-editor': CoopMinutesEditor;
  }
  interface HTMLElementEventMap {
    'minutes-splice': CustomEvent<MinutesSpliceDetail>;
  }
}
