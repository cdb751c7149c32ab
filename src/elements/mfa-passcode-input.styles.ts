import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `.button[aria-disabled='true']`: aria-disabled rather than disabled: a pressed button keeps the focus while
//   the code is checked.

/**
 * The input, its label and the hint and error texts are light-DOM children (so autofill, password managers
 * and ARIA id references reach them); they are styled here through `::slotted()`. Page styles win over
 * these, so a site can restyle the input directly.
 */
export const styles = css`
  :host {
    display: block;
  }

  .field {
    position: relative;
    display: flex;
    gap: calc(var(--_mfa-space) * 0.5);
    align-items: stretch;
  }

  ::slotted(input) {
    flex: 1 1 auto;
    min-width: 0;
    box-sizing: border-box;
    min-height: 40px;
    margin: 0;
    padding: 0 calc(var(--_mfa-space) * 0.75);
    font: inherit;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.04em;
    color: var(--_mfa-text);
    background: var(--_mfa-bg);
    border: 1px solid var(--_mfa-border);
    border-radius: var(--_mfa-radius);
  }
  ::slotted(input:focus-visible) {
    outline: 2px solid var(--_mfa-focus);
    outline-offset: 2px;
  }
  ::slotted(input[aria-invalid='true']) {
    border-color: var(--_mfa-danger);
  }

  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .error {
    color: var(--_mfa-danger);
    margin-top: calc(var(--_mfa-space) * 0.5);
  }
  .error.empty {
    margin-top: 0;
  }

  .help {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_mfa-space) * 0.5);
    margin-top: calc(var(--_mfa-space) * 0.5);
  }
  .hint {
    flex: 1 1 14em;
    color: var(--_mfa-muted);
    font-size: 0.93em;
  }
  .send-codes-wait {
    color: var(--_mfa-muted);
    font-size: 0.93em;
    font-variant-numeric: tabular-nums;
  }
`;
