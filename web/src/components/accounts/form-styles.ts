import { css } from 'lit';

/** What the accounts area's forms and tables share, on top of `screenStyles`. */
export const accountsStyles = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }
  .row > .field {
    flex: 1 1 8rem;
  }
  fieldset {
    border: 1px solid var(--coop-color-border, #d9d4c7);
    border-radius: 0.5rem;
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem;
    max-inline-size: 40rem;
    box-sizing: border-box;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
    min-block-size: 2.75rem;
  }
  .check input {
    inline-size: 1.25rem;
    min-block-size: 1.25rem;
  }
  .table-wrap {
    overflow-x: auto;
    max-inline-size: 40rem;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.95rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  th,
  td {
    text-align: start;
    padding: 0.35rem 0.4rem;
    border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  td.amount,
  th.amount {
    text-align: end;
  }
  td.amount {
    white-space: nowrap;
  }
  th[scope='row'] {
    font-weight: 400;
  }
  th[scope='row'] > a {
    font-weight: 600;
  }
  .alert {
    border-inline-start: 4px solid var(--coop-color-danger, #a61b1b);
    color: var(--coop-color-danger, #a61b1b);
    font-weight: 600;
  }
  .list {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    max-inline-size: 40rem;
  }
  .list > li {
    padding: 0.75rem 0;
    border-block-end: 1px solid var(--coop-color-border, #d9d4c7);
    overflow-wrap: anywhere;
  }
  .list p {
    margin: 0 0 0.25rem;
  }
`;
