import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `.bar.empty`: Nothing to say, no room taken: no blank band, no stray edge. The bar sits under the controls,
//   so a message that comes grows the card downwards and moves nothing above it (nothing under the pointer).
// - `.message`: Two lines reserved while there is a message: a longer text in the next step does not push the
//   card around. Focused by the prompt (not by Tab) so the next step is read from there: no ring that would
//   make it look like a field.
// - `@container (max-width: 300px)`: Narrow: the buttons go under the message, which keeps the full width.
// - `@media (forced-colors: active)`: System colours flatten the tones, so each tone's edge gets its own style
//   (info thin, pending dashed, success double, error thick and framed); the spinner keeps its gap.
// - `.regions`: Both live regions stay rendered (never display: none): a region must exist before its text
//   changes.
// - `.verification`: Verified Push: the code the user types in the app, large and clear.
// - `.actions .button`: Compact, so the message keeps most of the width (and within its two reserved lines).
export const statusBarStyles = css`
  :host {
    display: block;
    container-type: inline-size;
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
    padding: 0;
    border: 0;
    background: transparent;
  }
  .bar.info {
    border-inline-start-color: var(--_mfa-muted);
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
    overflow-wrap: break-word;
  }
  .empty .message {
    min-block-size: 0;
  }
  .empty .icon {
    display: none;
  }
  .message:focus {
    outline: none;
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

  @container (max-width: 300px) {
    .bar {
      grid-template-columns: minmax(0, 1fr);
    }
    .actions {
      justify-content: flex-start;
    }
  }

  @media (forced-colors: active) {
    .bar {
      border-inline-start-width: 2px;
    }
    .bar.pending {
      border-inline-start: 4px dashed;
    }
    .bar.success {
      border-inline-start: 6px double;
    }
    .bar.error {
      border: 2px solid;
      border-inline-start-width: 6px;
    }
    .bar.empty {
      border: 0;
    }
  }
`;
