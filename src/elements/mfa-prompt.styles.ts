/**
 * `<mfa-prompt>`'s own styles (after `theme`): the login card, its side column and the responsive layout.
 * Logical properties throughout, so `dir="rtl"` on the page mirrors the card.
 */
import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `:host`: Light or dark from the user's preference; the theme's color-scheme attribute rules force one.
// - `.card`: Narrow first. One column: branding, the task, the status, then the links. The DOM order is main,
//   status, brand, side, so keyboard and screen-reader users reach the methods first; the logo is not focusable.
//   Wide (a container query: the card's own width, not the viewport's): the branding and links in a side column
//   at the inline start, the task beside it, the status across the bottom.
// - `.brand.none`: No logo slotted, no room taken.
// - `.status[empty]`: The status bar takes room only when it has something to say. It sits under the controls,
//   so a message that comes moves nothing above it.
// - `.loading`: The loading placeholder has about the height of a device select, three method buttons and
//   remember-me, so nothing jumps when they come.
// - `.link`: One look for URL links (<a>) and host-handled links (<button>).
export const promptStyles = css`
  :host {
    color-scheme: light dark;
    display: block;
    container-type: inline-size;
    max-width: var(--mfa-max-width, 640px);
    min-width: 240px;
    box-sizing: border-box;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .card {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'brand' 'main' 'status' 'side';
    background: var(--_mfa-bg);
    color: var(--_mfa-text);
    border: 1px solid var(--_mfa-border);
    border-radius: var(--_mfa-radius);
    overflow: hidden;
  }

  .main {
    grid-area: main;
    min-width: 0;
    padding: var(--_mfa-space);
    display: flex;
    flex-direction: column;
    gap: var(--_mfa-space);
  }

  .status {
    grid-area: status;
    min-width: 0;
    padding: calc(var(--_mfa-space) * 0.75);
    border-block-start: 1px solid var(--_mfa-border);
  }
  .status[empty] {
    padding: 0;
    border: 0;
  }

  .brand {
    grid-area: brand;
    min-width: 0;
    padding: var(--_mfa-space) var(--_mfa-space) 0;
  }
  .brand.none {
    display: none;
  }

  .side {
    grid-area: side;
    min-width: 0;
    padding: var(--_mfa-space);
    background: var(--_mfa-surface);
    border-block-start: 1px solid var(--_mfa-border);
    display: flex;
    flex-direction: column;
    gap: var(--_mfa-space);
    overflow-wrap: break-word;
  }

  @container (min-width: 521px) {
    .card {
      grid-template-columns: minmax(9rem, 11rem) minmax(0, 1fr);
      grid-template-rows: auto 1fr auto;
      grid-template-areas:
        'brand main'
        'side main'
        'status status';
    }
    .main {
      padding: calc(var(--_mfa-space) * 1.25);
    }
    .brand,
    .side {
      background: var(--_mfa-surface);
      border-inline-end: 1px solid var(--_mfa-border);
    }
    .brand {
      padding: calc(var(--_mfa-space) * 1.25) var(--_mfa-space) 0;
    }
    .side {
      padding: calc(var(--_mfa-space) * 1.25) var(--_mfa-space);
      border-block-start: 0;
    }
  }

  .done {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: calc(var(--_mfa-space) * 0.5);
    padding-block: calc(var(--_mfa-space) * 1.5);
    text-align: center;
  }
  .done-icon {
    display: flex;
    inline-size: 2.5em;
    block-size: 2.5em;
    color: var(--_mfa-success);
  }
  .done-icon svg {
    inline-size: 100%;
    block-size: 100%;
  }

  .heading {
    margin: 0;
    font-size: 1.2em;
    font-weight: 600;
    line-height: 1.3;
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 2px solid var(--_mfa-focus);
    outline-offset: 2px;
  }

  .loading {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_mfa-space) * 0.25);
  }
  .loading-text {
    margin: 0;
    color: var(--_mfa-muted);
  }
  .skeletons {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_mfa-space) * 0.5);
  }
  .skeleton {
    height: 48px;
    border-radius: var(--_mfa-radius);
    background: var(--_mfa-surface);
    animation: pulse 1.6s ease-in-out infinite;
  }
  .skeleton:first-child {
    height: 40px;
    margin-block-end: calc(var(--_mfa-space) * 0.25);
  }
  .skeleton.line {
    height: 1.4em;
    width: 60%;
    margin-block-start: calc(var(--_mfa-space) * 0.5);
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }

  .enroll-link {
    align-self: flex-start;
    display: inline-flex;
    align-items: center;
    max-width: 100%;
    white-space: normal;
    text-decoration: none;
  }

  .setup {
    margin: 0;
    padding: var(--_mfa-space);
    border: 1px dashed var(--_mfa-danger);
    border-radius: var(--_mfa-radius);
    overflow-wrap: break-word;
  }
  .setup code {
    font-size: 0.95em;
  }

  ::slotted([slot='branding']) {
    display: block;
    max-width: 100%;
    height: auto;
  }
  ::slotted([slot='footer']) {
    color: var(--_mfa-muted);
    font-size: 0.85em;
  }
  .footer {
    margin-block-start: auto;
  }

  .links ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_mfa-space) * 0.5);
  }
  .link {
    display: inline-block;
    min-height: 24px;
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    color: var(--_mfa-accent);
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  .link:hover {
    text-decoration-thickness: 2px;
  }
  .link:focus-visible {
    outline: 2px solid var(--_mfa-focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
`;
