import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { encode } from 'uqr';
import { LocaleController } from '../i18n/locale-controller.js';

/** Modules of white around the code, as the QR standard asks for reliable scanning. */
const QUIET_ZONE = 4;

/** One SVG path drawing every dark module (far lighter than one rectangle each). */
function modulesPath(data: readonly (readonly boolean[])[]): string {
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return d;
}

/**
 * A QR code of `value`, drawn as SVG, black on a white quiet zone so phones read it in any theme.
 * It scales to the element's width (give it one); its accessible name is `label`, or « Code QR ».
 * A value too long for a QR code shows a sentence instead.
 */
@customElement('coop-qr-code')
export class CoopQrCode extends LitElement {
  static override styles = css`
    :host {
      display: block;
      inline-size: 100%;
      max-inline-size: 20rem;
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: auto;
    }
    p {
      margin: 0;
      color: var(--coop-color-danger, #a61b1b);
    }
  `;

  /** The text to encode (a link, a backup text…). */
  @property() value = '';

  /** Accessible name of the image; default « Code QR » in the member's language. */
  @property() label = '';

  /** Error correction level: M (15 %) by default, H for codes that may get scratched. */
  @property() ecc: 'L' | 'M' | 'Q' | 'H' = 'M';

  private readonly i18n = new LocaleController(this);
  private encoded: { size: number; path: string } | 'too-long' | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('ecc')) {
      if (this.value === '') {
        this.encoded = null;
        return;
      }
      try {
        const qr = encode(this.value, { ecc: this.ecc, border: 0 });
        this.encoded = { size: qr.size, path: modulesPath(qr.data) };
      } catch {
        this.encoded = 'too-long';
      }
    }
  }

  protected override render() {
    if (this.encoded === null) return nothing;
    if (this.encoded === 'too-long') return html`<p role="alert">${this.i18n.t('qr.tooLong')}</p>`;
    const { size, path } = this.encoded;
    const full = size + 2 * QUIET_ZONE;
    return html`<svg
      role="img"
      aria-label=${this.label || this.i18n.t('qr.label')}
      viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${full} ${full}"
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${full} height=${full} fill="#fff"></rect>
      <path d=${path} fill="#000"></path>
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-qr-code': CoopQrCode;
  }
}
