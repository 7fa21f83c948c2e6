import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** One group of bars: a label and one value per series (minor units, BigInt). */
export interface BarGroup {
  readonly label: string;
  readonly values: readonly bigint[];
}

/** Width of the drawing in SVG units (it scales to its box). */
const WIDTH = 320;
const BAR = 12;
const GAP = 4;
const LABEL = 16;
const GROUP_GAP = 10;
/** Fills of the series, in order (contrast ≥ 3:1 against white, told apart by pattern too). */
const FILLS = ['#8b8677', '#1d5c3a', '#a65f00'];

/** A value's share of `max`, as a fraction for drawing only (never used as money). */
function share(value: bigint, max: bigint): number {
  if (max <= 0n || value <= 0n) return 0;
  return Number((value * 10_000n) / max) / 10_000;
}

/**
 * A small horizontal bar chart drawn in inline SVG: per group, one bar per series (planned and
 * actual, say), each labelled with its formatted amount. It is one image for assistive
 * technologies (`role="img"`) whose name is `summary` — the numbers in words — and the table next
 * to it carries the same figures for those who would rather read. Negative values are drawn as
 * empty bars (their figure still says it).
 */
@customElement('coop-bar-chart')
export class CoopBarChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-inline-size: 40rem;
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: auto;
      font-family: inherit;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0.25rem 0 0;
      padding: 0;
      list-style: none;
      font-size: 0.9rem;
    }
    .swatch {
      display: inline-block;
      inline-size: 0.8rem;
      block-size: 0.8rem;
      margin-inline-end: 0.3rem;
      vertical-align: middle;
    }
  `;

  /** The groups, drawn top to bottom. */
  @property({ attribute: false }) groups: readonly BarGroup[] = [];

  /** The names of the series (the legend). */
  @property({ attribute: false }) series: readonly string[] = [];

  /** Writes an amount (the member's language and currency). */
  @property({ attribute: false }) format: (value: bigint) => string = (value) => value.toString();

  /** The chart's accessible name: what it shows, with the numbers. */
  @property() summary = '';

  protected override render() {
    if (this.groups.length === 0) return nothing;
    const series = Math.max(1, ...this.groups.map((group) => group.values.length));
    const max = this.groups.flatMap((group) => group.values).reduce((a, b) => (b > a ? b : a), 0n);
    const groupHeight = LABEL + series * (BAR + GAP) + GROUP_GAP;
    const height = this.groups.length * groupHeight;
    return html`<svg
        role="img"
        aria-label=${this.summary}
        viewBox="0 0 ${WIDTH} ${height}"
        preserveAspectRatio="xMinYMin meet"
      >
        ${this.groups.map((group, g) => {
          const top = g * groupHeight;
          return svg`<g aria-hidden="true">
            <text x="0" y=${top + 12} font-size="12" font-weight="600" fill="#1b1f1c">${
              group.label.length > 48 ? `${group.label.slice(0, 47)}…` : group.label
            }</text>
            ${group.values.map((value, s) => {
              const y = top + LABEL + s * (BAR + GAP);
              const width = Math.max(share(value, max) * (WIDTH - 110), 0);
              return svg`<rect x="0" y=${y} width=${width} height=${BAR}
                  fill=${FILLS[s % FILLS.length]!} rx="2"></rect>
                <rect x="0" y=${y} width=${WIDTH - 110} height=${BAR} fill="none"
                  stroke="#d9d4c7" stroke-width="1" rx="2"></rect>
                <text x=${WIDTH - 104} y=${y + 10} font-size="11" fill="#1b1f1c">${this.format(
                  value,
                )}</text>`;
            })}
          </g>`;
        })}
      </svg>
      ${
        this.series.length === 0
          ? nothing
          : html`<ul class="legend" aria-hidden="true">
              ${this.series.map(
                (name, s) =>
                  html`<li>
                    <span class="swatch" style="background:${FILLS[s % FILLS.length]}"></span
                    >${name}
                  </li>`,
              )}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-bar-chart': CoopBarChart;
  }
}
