import { css } from 'lit';

/** What every screen shares: its heading, paragraphs, cards and action links. */
export const screenStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: clamp(1.5rem, 1.2rem + 1.5vw, 2rem);
    line-height: 1.2;
    margin: 0 0 1rem;
    color: var(--coop-color-heading, #123d27);
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.5rem 0 0.5rem;
  }
  p {
    margin: 0 0 1rem;
    max-inline-size: 40rem;
  }
  .muted {
    color: var(--coop-color-muted, #4f5a52);
  }
  .card {
    background: var(--coop-color-surface, #fff);
    border: 1px solid var(--coop-color-border, #d9d4c7);
    border-radius: 0.75rem;
    padding: 1rem 1.25rem;
    margin: 0 0 1rem;
    max-inline-size: 40rem;
  }
  .card {
    box-sizing: border-box;
  }
  .card > :first-child {
    margin-block-start: 0;
  }
  .card > :last-child {
    margin-block-end: 0;
  }
  .notice {
    border-inline-start: 4px solid var(--coop-color-primary, #1d5c3a);
  }
  .problem {
    border-inline-start: 4px solid var(--coop-color-danger, #a61b1b);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 1.5rem 0;
  }
  .button {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    padding: 0.5rem 1.1rem;
    border-radius: 0.5rem;
    font-weight: 600;
    text-decoration: none;
    border: 2px solid var(--coop-color-primary, #1d5c3a);
    color: var(--coop-color-primary, #1d5c3a);
    background: var(--coop-color-surface, #fff);
  }
  .button.primary {
    background: var(--coop-color-primary, #1d5c3a);
    color: #fff;
  }
  button.button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  a:focus-visible,
  button:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  input:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--coop-color-focus, #f2b600);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.4rem;
  }
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 40rem;
    min-block-size: 5rem;
    font: inherit;
    padding: 0.6rem;
    border: 1px solid var(--coop-color-border-strong, #8b8677);
    border-radius: 0.5rem;
    background: var(--coop-color-surface, #fff);
  }
  input,
  select {
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 40rem;
    min-block-size: 2.75rem;
    font: inherit;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--coop-color-border-strong, #8b8677);
    border-radius: 0.5rem;
    background: var(--coop-color-surface, #fff);
  }
  input[type='radio'] {
    inline-size: auto;
    min-block-size: 0;
  }
  .field {
    margin: 0 0 1rem;
    max-inline-size: 40rem;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.9rem;
    color: var(--coop-color-muted, #4f5a52);
  }
  .error {
    margin: 0.25rem 0 0;
    color: var(--coop-color-danger, #a61b1b);
    font-weight: 600;
  }
  .break {
    overflow-wrap: anywhere;
  }
`;
