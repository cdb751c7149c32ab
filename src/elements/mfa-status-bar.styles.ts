import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `.bar.empty`: Empty, the bar keeps its height but shows nothing, so the first message moves nothing.
// - `.message`: Two lines reserved: a longer text in the next step does not push the card around.
// - `.regions`: Both live regions stay rendered (never display: none): a region must exist before its text
//   changes.
// - `.verification`: Verified Push: the code the user types in the app, large and clear.
// - `.actions .button`: Compact, so the message keeps most of the width (and within its two reserved lines).
export const statusBarStyles = css`
  :host {
    display: block;
  }

  .bar {
    --_mfa-tone: var(--_mfa-text);
    box-sizing: border-box;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: calc(var(--_mfa-space) * 0.5);
    padding-block: calc(var(--_mfa-space) * 0.5);
    padding-inline: calc(var(--_mfa-space) * 0.75);
    border-radius: var(--_mfa-radius);
    border-inline-start: 4px solid transparent;
    background: var(--_mfa-surface);
    color: var(--_mfa-tone);
  }
  .bar.empty {
    background: transparent;
  }
  .bar.pending {
    border-inline-start-color: var(--_mfa-accent);
  }
  .bar.success {
    --_mfa-tone: var(--_mfa-success);
    border-inline-start-color: var(--_mfa-success);
  }
  .bar.error {
    --_mfa-tone: var(--_mfa-danger);
    border-inline-start-color: var(--_mfa-danger);
  }

  .message {
    display: flex;
    align-items: center;
    gap: calc(var(--_mfa-space) * 0.5);
    min-block-size: calc(1.4em * 2);
    border-radius: calc(var(--_mfa-radius) / 2);
    overflow-wrap: anywhere;
  }
  .message:focus {
    outline: none;
  }
  .message:focus-visible {
    outline: 2px solid var(--_mfa-focus);
    outline-offset: 2px;
  }

  .icon {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    inline-size: 1em;
    block-size: 1em;
  }
  .icon svg {
    inline-size: 100%;
    block-size: 100%;
    fill: currentColor;
  }

  .regions {
    min-inline-size: 0;
  }

  .verification {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_mfa-space) * 0.5);
    margin-block: calc(var(--_mfa-space) * 0.25);
  }
  .verification-code {
    font-size: 2em;
    font-weight: 700;
    letter-spacing: 0.15em;
    font-variant-numeric: tabular-nums;
  }
  .time-left {
    color: var(--_mfa-muted);
    font-variant-numeric: tabular-nums;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: calc(var(--_mfa-space) * 0.5);
  }
  .actions:empty {
    display: none;
  }
  .actions .button {
    min-block-size: 32px;
    padding-inline: calc(var(--_mfa-space) * 0.6);
  }
`;
