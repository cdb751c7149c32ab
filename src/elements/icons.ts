/**
 * The prompt's icons: inline SVG on a 16-unit grid, filled with `currentColor` (so they follow the theme, dark
 * mode and forced colours), a handful of path commands each. Decorative: the text beside them says the same,
 * so every use is `aria-hidden`. No icon font: nothing to load, nothing to block.
 */
import { svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';
import { html } from 'lit';
import type { MethodChoice } from '../flow/index.js';

const icon = (path: SVGTemplateResult): TemplateResult =>
  html`<svg viewBox="0 0 16 16" focusable="false" aria-hidden="true" fill="currentColor" fill-rule="evenodd">${path}</svg>`;

/** A phone with a notification dot: push. */
const push = icon(svg`<path d="M4 1h8v14H4zm2 2v8h4V3zm1 9h2v1H7z" />`);
/** A handset: a call. */
const phone = icon(svg`<path d="M3 1h3l2 4-2 1a8 8 0 0 0 4 4l1-2 4 2v4C7 15 1 9 3 1z" />`);
/** A field with three dots: a passcode. */
const passcode = icon(svg`<path d="M1 4h14v8H1zm1 1v6h12V5zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2z" />`);
/** A key: a security key or passkey. */
const key = icon(svg`<path d="M6 4a4 4 0 1 0 4 5h1v2h2V9h2V7h-5a4 4 0 0 0-4-3zm0 3a1 1 0 1 1 0 2 1 1 0 0 1 0-2z" />`);

export const methodIcons: Record<MethodChoice, TemplateResult> = { push, phone, passcode, webauthn: key };

/** A check mark: success. */
export const checkIcon = icon(svg`<path d="M6.4 11.6 2.8 8l1.1-1.1 2.5 2.5 5.7-5.7 1.1 1.1z" />`);
/** A circled exclamation mark: an error. */
export const alertIcon = icon(svg`<path d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-.8 3.5h1.6v4.8H7.2zm0 6h1.6v1.6H7.2z" />`);
/** A circled "i": information (codes sent, a request canceled). The alert sign upside down: the same path, which
 * the bundle's compression gets almost for free. */
export const infoIcon = icon(svg`<path transform="rotate(180 8 8)" d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-.8 3.5h1.6v4.8H7.2zm0 6h1.6v1.6H7.2z" />`);
/** A padlock: the account is locked. */
export const lockIcon = icon(svg`<path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" />`);
