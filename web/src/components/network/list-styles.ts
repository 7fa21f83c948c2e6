import { css } from 'lit';

/** Lists of the network panel: one card-like row per item, readable at 360 px. */
export const listStyles = css`
  ul {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    max-inline-size: 40rem;
  }
  li {
    border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
    padding: 0.6rem 0;
  }
  li:last-child {
    border-block-end: none;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .detail {
    margin: 0.15rem 0 0;
  }
  .id {
    font-family: ui-monospace, monospace;
    font-size: 0.8rem;
    overflow-wrap: anywhere;
  }
`;
