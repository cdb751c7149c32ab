import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `select`: Long names ellipsize inside the select and wrap as text, never widening the card.
// - `.methods`: Rows as in the seed (icon, name, button). `--_rows` explicit tracks, as many as the device with
//   the most methods has: an empty track keeps its minimum, so switching devices does not change the height.
//   The names' column is never narrower than their longest word (min-content): the buttons' column, which a
//   grid sizes first, wraps its labels between words instead of pushing a long name ("Sicherheitsschlüssel")
//   under the buttons.
// - `.method-button .spinner`: In the button's padding, so marking it busy moves nothing.
// - `.method-icon`, `.badge`: Sized so that no row outgrows `--_row` (the icon within a line of text, the name
//   and the badge within the button's height), or a filled track would be taller than a reserved one.
// - `.method + .method`: The separator is a shadow, not a border: it takes no room, so a filled track is exactly
//   as tall as a reserved empty one.
// - `.method`: A subgrid of the list's columns, so every button has the width of the widest.
// - `.method-button`: Its label may wrap between words, never inside one (no `overflow-wrap: anywhere`, which
//   lets a grid squeeze a word letter by letter).
// - `.stacked` (set by the element: 330 px wide or less, or wherever a row does not fit beside itself, such as
//   German's "Sicherheitsschlüssel" beside its button below 414 px): the button goes under the name, full width,
//   the badge beside the name. Measured rather than a container query: the width a row needs depends on the
//   language's words and the font, not on the card alone.
export const methodChooserStyles = css`
  :host {
    display: block;
    container-type: inline-size;
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
    overflow-wrap: break-word;
  }

  .methods {
    --_row: calc(40px + var(--_mfa-space) * 0.75);
    display: grid;
    grid-template-columns: auto minmax(min-content, 1fr) auto;
    grid-template-rows: repeat(var(--_rows, 1), minmax(var(--_row), auto));
    align-content: start;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .method {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
    grid-template-areas: 'icon name action';
    align-items: center;
    gap: calc(var(--_mfa-space) * 0.375) calc(var(--_mfa-space) * 0.75);
    min-inline-size: 0;
    padding-block: calc(var(--_mfa-space) * 0.375);
  }
  .method + .method {
    box-shadow: 0 -1px 0 var(--_mfa-border);
  }

  .method-icon {
    grid-area: icon;
    display: flex;
    inline-size: 1.25em;
    block-size: 1.25em;
    color: var(--_mfa-accent);
  }
  .method-icon svg {
    inline-size: 100%;
    block-size: 100%;
  }

  .method-name {
    grid-area: name;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_mfa-space) * 0.125) calc(var(--_mfa-space) * 0.5);
    min-inline-size: 0;
    font-weight: 600;
    overflow-wrap: break-word;
  }

  .badge {
    white-space: nowrap;
    padding-inline: 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75em;
    line-height: 1.25;
    color: var(--_mfa-accent);
  }

  .method-button {
    grid-area: action;
    position: relative;
    padding-inline: 1.5em;
    white-space: normal;
  }
  .method-button .spinner {
    position: absolute;
    inset-inline-end: 0.3em;
    inset-block-start: calc(50% - 0.5em);
  }

  .stacked {
    --_row: calc(1.4em + 40px + var(--_mfa-space) * 1.125);
    grid-template-columns: auto minmax(0, 1fr);
  }
  .stacked .method {
    grid-template-areas: 'icon name' 'action action';
  }
  .stacked .method-name {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
  }
  .stacked .method-button {
    inline-size: 100%;
  }
`;
