/**
 * The theme: public CSS custom properties (`--mfa-*`, documented on each element) mapped onto private ones
 * (`--_mfa-*`) with light and dark defaults. Every element includes `theme` first in its `styles`, so a
 * part used on its own looks the same as inside `<mfa-prompt>`.
 *
 * Colours are chosen for WCAG AA contrast (4.5:1 for text) in both schemes. A `color-scheme` attribute
 * (`light` or `dark`) on any element forces that scheme on it and everything inside it.
 */
import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `:host`: Light and dark values through light-dark(), which follows the inherited color-scheme: <mfa-prompt>
//   opts into "light dark" (so it follows prefers-color-scheme, and a color-scheme attribute forces one), and a
//   part inside it inherits that; a part used on its own follows its page's color-scheme.
// - `.button`: Buttons shared by every part: a primary (filled) and a secondary (outlined) look.
// - `@media (forced-colors: active)`: Fills are dropped there, so the primary button gets a thicker border and
//   a disabled one the system's GrayText, as native buttons do.
export const theme = css`
  :host {
    --_mfa-font: var(--mfa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mfa-font-size: var(--mfa-font-size, 15px);
    --_mfa-radius: var(--mfa-radius, 8px);
    --_mfa-space: var(--mfa-spacing, 16px);
    --_mfa-bg: var(--mfa-color-background, light-dark(#ffffff, #161b22));
    --_mfa-surface: var(--mfa-color-surface, light-dark(#f4f6f8, #0d1117));
    --_mfa-text: var(--mfa-color-text, light-dark(#1f2328, #e6edf3));
    --_mfa-muted: var(--mfa-color-text-muted, light-dark(#57606a, #9da7b3));
    --_mfa-border: var(--mfa-color-border, light-dark(#d0d7de, #3d444d));
    --_mfa-accent: var(--mfa-color-accent, light-dark(#1a5fd6, #58a6ff));
    --_mfa-on-accent: var(--mfa-color-accent-contrast, light-dark(#ffffff, #0d1117));
    --_mfa-success: var(--mfa-color-success, light-dark(#1a7f37, #3fb950));
    --_mfa-danger: var(--mfa-color-danger, light-dark(#cf222e, #ff7b72));
    --_mfa-focus: var(--mfa-color-focus, light-dark(#1a5fd6, #58a6ff));

    font-family: var(--_mfa-font);
    font-size: var(--_mfa-font-size);
    line-height: 1.4;
    /* Japanese wraps between phrases, not inside a word ("追加" kept whole); other text wraps as usual. */
    word-break: auto-phrase;
    color: var(--_mfa-text);
  }

  :host([color-scheme='light']) {
    color-scheme: light;
  }
  :host([color-scheme='dark']) {
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none !important;
  }

  .button {
    font: inherit;
    min-height: 40px;
    padding: 0 calc(var(--_mfa-space) * 0.9);
    border-radius: var(--_mfa-radius);
    border: 1px solid var(--_mfa-accent);
    background: var(--_mfa-accent);
    color: var(--_mfa-on-accent);
    cursor: pointer;
    white-space: nowrap;
  }
  .button.secondary {
    background: transparent;
    color: var(--_mfa-accent);
  }
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .button:focus-visible,
  a:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_mfa-focus);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    .button:not(.secondary) {
      border-width: 3px;
    }
    .button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
