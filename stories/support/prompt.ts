/**
 * Reading `<mfa-prompt>` from stories: its parts live in shadow roots (query them with `inShadow`), except
 * the passcode field, which is in the light DOM so autofill can reach it (`passcodeField`).
 */
import type { Decorator, StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';

/** The first match of `selector` in `host`'s shadow root; throws (with the selector) when there is none. */
export function inShadow<T extends Element = HTMLElement>(host: Element | null | undefined, selector: string): T {
  const found = host?.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector} in the shadow root of <${host?.localName ?? '?'}>`);
  return found;
}

/** Visible text, whitespace collapsed. */
export function textOf(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function promptIn(canvasElement: HTMLElement): MfaPrompt {
  const prompt = canvasElement.querySelector('mfa-prompt');
  if (!prompt) throw new Error('No <mfa-prompt> in this story');
  return prompt;
}

export const heading = (prompt: MfaPrompt): string => textOf(prompt.shadowRoot?.querySelector('[part="heading"]'));

export const statusBar = (prompt: MfaPrompt): HTMLElement => inShadow(prompt, 'mfa-status-bar');

/** The status bar's message ("Pushed a login request to your device..."). */
export const statusText = (prompt: MfaPrompt): string =>
  textOf(statusBar(prompt).shadowRoot?.querySelector('[part="message"]'));

/** The Verified Push code shown large in the status bar ('' when there is none). */
export const verificationCode = (prompt: MfaPrompt): string =>
  textOf(statusBar(prompt).shadowRoot?.querySelector('[part="verification-code"]'));

/** The time left of a pending push or call ("0:19 left"; '' when the backend gave no limit). */
export const timeLeft = (prompt: MfaPrompt): string =>
  textOf(statusBar(prompt).shadowRoot?.querySelector('[part="time-left"]'));

/** A button of the status bar: `cancel`, `dismiss` or `retry`. */
export const statusButton = (prompt: MfaPrompt, action: 'cancel' | 'dismiss' | 'retry'): HTMLButtonElement =>
  inShadow<HTMLButtonElement>(statusBar(prompt), `button[data-action="${action}"]`);

/** A method button of the chooser: `push`, `phone`, `passcode` or `webauthn` (Use a security key / passkey). */
export const methodButton = (prompt: MfaPrompt, method: 'push' | 'phone' | 'passcode' | 'webauthn'): HTMLButtonElement =>
  inShadow<HTMLButtonElement>(inShadow(prompt, 'mfa-method-chooser'), `button[data-method="${method}"]`);

/** The method buttons the chooser shows now, by their `data-method` (`webauthn`, `push`, `phone`, `passcode`). */
export const offeredMethods = (prompt: MfaPrompt): string[] =>
  [...(prompt.shadowRoot?.querySelector('mfa-method-chooser')?.shadowRoot?.querySelectorAll<HTMLButtonElement>('button[data-method]') ?? [])].map(
    (button) => button.dataset['method'] ?? '',
  );

/** The passcode field: in the light DOM, where the page's autofill finds it. */
export const passcodeField = (canvasElement: HTMLElement): HTMLInputElement => {
  const input = canvasElement.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');
  if (!input) throw new Error('The passcode field is not shown');
  return input;
};

/** A button of the passcode entry: Log In (`submit-button`) or Send codes (`send-codes-button`). */
export const passcodeButton = (prompt: MfaPrompt, part: 'submit-button' | 'send-codes-button'): HTMLButtonElement =>
  inShadow<HTMLButtonElement>(prompt.querySelector('mfa-passcode-input'), `[part="${part}"]`);

/** In Send codes' place during the backend's SMS cooldown: "You can send new codes in 30 s" ('' otherwise). */
export const sendCodesWait = (prompt: MfaPrompt): string =>
  textOf(prompt.querySelector('mfa-passcode-input')?.shadowRoot?.querySelector('[part="send-codes-wait"]'));

/** The passcode entry's inline error and hint (light DOM, linked to the field by aria-describedby). */
export const passcodeError = (canvasElement: HTMLElement): string =>
  textOf(canvasElement.querySelector('mfa-passcode-input [slot="error"]'));
export const passcodeHint = (canvasElement: HTMLElement): string =>
  textOf(canvasElement.querySelector('mfa-passcode-input [slot="hint"]'));

/** The remember-me checkbox, in `<mfa-remember-me>`'s shadow root. */
export const rememberMeBox = (prompt: MfaPrompt): HTMLInputElement =>
  inShadow<HTMLInputElement>(inShadow(prompt, 'mfa-remember-me'), 'input[type="checkbox"]');

/** Waits (up to 5 s) until the status bar says `expected` (a substring or a pattern). */
export async function waitForStatus(prompt: MfaPrompt, expected: string | RegExp): Promise<void> {
  await waitFor(
    () => {
      const text = statusText(prompt);
      if (typeof expected === 'string') expect(text).toContain(expected);
      else expect(text).toMatch(expected);
    },
    { timeout: 5000 },
  );
}

/**
 * The `play` of a state story: nothing to do, only wait until the scenario has brought the prompt to its
 * state (so the story test checks that state, and a broken scenario fails it).
 */
export function reaches(check: { status?: string | RegExp; heading?: string; phase?: string }) {
  return async ({ canvasElement }: Pick<StoryContext, 'canvasElement'>): Promise<void> => {
    const prompt = promptIn(canvasElement);
    await waitFor(() => expect(prompt.state).toBeDefined(), { timeout: 5000 });
    if (check.phase) await waitFor(() => expect(prompt.state?.phase).toBe(check.phase), { timeout: 5000 });
    if (check.heading) await waitFor(() => expect(heading(prompt)).toBe(check.heading), { timeout: 5000 });
    if (check.status) await waitForStatus(prompt, check.status);
  };
}

// ---- Page surroundings ------------------------------------------------------------------------------------

/**
 * A dark page: the prompt forced into its dark scheme sits on a dark background (the whole canvas of a story
 * alone; just around the prompt on a docs page, where a story takes the height of its content).
 */
export const onDarkPage: Decorator = (story, { viewMode }) =>
  html`<div
    style="background: #0d1117; color-scheme: dark; padding: 16px; box-sizing: border-box; ${viewMode === 'docs' ? '' : 'min-height: 100vh'}"
  >
    ${story()}
  </div>`;

/** A 320 px wide phone screen. */
export const onPhoneScreen: Decorator = (story) =>
  html`<div style="inline-size: 320px; outline: 1px dashed #8c959f; outline-offset: 4px">${story()}</div>`;

/** The narrowest card the prompt supports, 240 px (a small phone inside a padded page). */
export const onNarrowestCard: Decorator = (story) =>
  html`<div style="inline-size: 240px; outline: 1px dashed #8c959f; outline-offset: 4px">${story()}</div>`;

/** A right-to-left page (Arabic, Hebrew, Persian...): the layout mirrors. */
export const onRtlPage: Decorator = (story) => html`<div dir="rtl">${story()}</div>`;
