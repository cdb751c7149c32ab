import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `select`: Long names ellipsize inside the select and wrap as text, never widening the card.
// - `.busy-slot`: The spinner's place is kept on every button so marking one busy moves nothing.
export const methodChooserStyles = css`
  :host {
    display: block;
  }

  .device {
    display: grid;
    gap: calc(var(--_mfa-space) * 0.25);
    margin-block-end: calc(var(--_mfa-space) * 0.75);
    min-inline-size: 0;
  }

  .device-label {
    font-weight: 600;
  }

  select {
    box-sizing: border-box;
    font: inherit;
    inline-size: 100%;
    max-inline-size: 100%;
    min-block-size: 40px;
    padding-block: 0;
    padding-inline: calc(var(--_mfa-space) * 0.6);
    border: 1px solid var(--_mfa-border);
    border-radius: var(--_mfa-radius);
    background: var(--_mfa-bg);
    color: var(--_mfa-text);
    text-overflow: ellipsis;
    white-space: nowrap;
    overflow: hidden;
  }
  select:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .device-name {
    color: var(--_mfa-muted);
    overflow-wrap: anywhere;
  }

  .methods {
    display: grid;
    gap: calc(var(--_mfa-space) * 0.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .method {
    min-inline-size: 0;
  }

  .method-button {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: calc(var(--_mfa-space) * 0.5);
    inline-size: 100%;
    padding-block: calc(var(--_mfa-space) * 0.4);
    text-align: start;
    white-space: normal;
  }

  .method-label {
    flex: 1 1 auto;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }

  .badge {
    flex: none;
    padding-block: 0.1em;
    padding-inline: 0.55em;
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 600;
    background: var(--_mfa-on-accent);
    color: var(--_mfa-accent);
  }
  .button.secondary .badge {
    background: var(--_mfa-accent);
    color: var(--_mfa-on-accent);
  }

  .busy-slot {
    display: inline-flex;
    flex: none;
    inline-size: 1em;
    block-size: 1em;
  }
`;
