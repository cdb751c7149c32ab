/**
 * Helpers for the end-to-end browser tests (keyboard, axe, CDN): reach into the prompt's parts, follow
 * focus through shadow roots, and press keys through the real browser (`sendKeys`, i.e. Playwright's
 * keyboard), never by calling methods on the elements.
 *
 * Identities are compared as booleans: a failing `expect(a).to.equal(element)` makes chai format the whole
 * element, which hangs the test runner.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MfaPrompt } from '../../../src/elements/mfa-prompt.js';

// ---- Waiting ------------------------------------------------------------------------------------------------

/** One macrotask: lets settled fetches and timers run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

/** Waits until the prompt and every Lit part inside it (shadow or light DOM) have rendered. */
export async function flush(el: Element & { updateComplete?: Promise<unknown> }): Promise<void> {
  await settle();
  await el.updateComplete;
  const parts = [...(el.shadowRoot?.querySelectorAll('*') ?? []), ...el.querySelectorAll('*')].filter(
    (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
  );
  await Promise.all(parts.map((part) => part.updateComplete));
  await settle();
}

/** Polls `predicate` (every 10 ms, up to `timeoutMs`), then flushes the prompt; fails with `message`. */
export async function until(
  el: Element & { updateComplete?: Promise<unknown> },
  predicate: () => boolean,
  message: string,
  timeoutMs = 4000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await flush(el);
}

// ---- Keys ---------------------------------------------------------------------------------------------------

/** Presses one key (`Tab`, `Shift+Tab`, `Enter`, `Space`, `ArrowDown`...) `times` times through the browser. */
export async function press(key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    await sendKeys({ press: key });
    await settle();
  }
}

/** Types text into whatever has focus, as a user would. */
export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
  await settle();
}

// ---- Focus --------------------------------------------------------------------------------------------------

/** The innermost focused element, through open shadow roots. */
export function deepActive(doc: Document = document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A short description of a node for failure messages: `<button part="method-button" data-method="push">`. */
export function describeNode(node: Element | null): string {
  if (!node) return 'nothing';
  const attributes = ['id', 'part', 'data-method', 'data-action', 'type', 'role']
    .filter((name) => node.hasAttribute(name))
    .map((name) => ` ${name}="${node.getAttribute(name)}"`)
    .join('');
  const host = (node.getRootNode() as ShadowRoot).host;
  return `<${node.localName}${attributes}>${host ? ` in <${host.localName}>` : ''}`;
}

/** True when focus is nowhere useful: on `<body>` or on nothing. */
export function focusOnBody(doc: Document = document): boolean {
  const active = doc.activeElement;
  return active === null || active === doc.body;
}

/** Asserts that the innermost focused element is `expected`, and that focus is not on `<body>`. */
export function expectFocusOn(expected: Element | null | undefined, message: string): void {
  const active = deepActive();
  expect(focusOnBody(), `${message}: focus fell to <body>`).to.equal(false);
  expect(
    !!expected && active === expected,
    `${message}: focus is on ${describeNode(active)}, expected ${describeNode(expected ?? null)}`,
  ).to.equal(true);
}

/** Asserts that focus is somewhere inside `container` (its light DOM or any shadow tree below it). */
export function expectFocusWithin(container: Element, message: string): void {
  const active = deepActive();
  expect(focusOnBody(), `${message}: focus fell to <body>`).to.equal(false);
  expect(!!active && composedContains(container, active), `${message}: focus is on ${describeNode(active)}`).to.equal(true);
}

/** `container.contains(node)` across shadow boundaries. */
export function composedContains(container: Node, node: Node): boolean {
  let current: Node | null = node;
  while (current) {
    if (current === container) return true;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}

/**
 * Watches for focus landing on `<body>` and staying there: after every `focusout` with nowhere to go, looks
 * again 60 ms later (the prompt moves focus after its parts re-render, a frame or two). `drops` lists what
 * had focus each time it was lost for good.
 */
export function watchFocus(doc: Document = document): { drops: string[]; stop(): void } {
  const drops: string[] = [];
  let stopped = false;
  const onFocusOut = (event: FocusEvent): void => {
    if (event.relatedTarget) return;
    const lost = describeNode(event.composedPath()[0] as Element);
    setTimeout(() => {
      if (!stopped && focusOnBody(doc) && doc.hasFocus()) drops.push(lost);
    }, 60);
  };
  doc.addEventListener('focusout', onFocusOut, true);
  return {
    drops,
    stop() {
      stopped = true;
      doc.removeEventListener('focusout', onFocusOut, true);
    },
  };
}

// ---- The prompt's parts ---------------------------------------------------------------------------------------

type Host = HTMLElement & { shadowRoot: ShadowRoot };

export const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const inShadow = <T extends Element>(host: Element | null | undefined, selector: string): T | null =>
  host?.shadowRoot?.querySelector<T>(selector) ?? null;

export const chooser = (el: MfaPrompt): Host | null => inShadow<Host>(el, 'mfa-method-chooser');
export const deviceSelect = (el: MfaPrompt): HTMLSelectElement | null => inShadow(chooser(el), 'select');
export const methodButton = (el: MfaPrompt, method: 'push' | 'phone' | 'passcode'): HTMLButtonElement | null =>
  inShadow(chooser(el), `button[data-method="${method}"]`);
export const methodLabels = (el: MfaPrompt): string[] =>
  [...(chooser(el)?.shadowRoot.querySelectorAll('button[data-method]') ?? [])].map((button) => button.getAttribute('data-method')!);
export const heading = (el: MfaPrompt): HTMLElement | null => inShadow(el, '[part="heading"]');

export const rememberCheckbox = (el: MfaPrompt): HTMLInputElement | null =>
  inShadow(inShadow(el, 'mfa-remember-me'), 'input[type="checkbox"]');

export const statusBar = (el: MfaPrompt): Host => inShadow<Host>(el, 'mfa-status-bar')!;
/** The focusable message region of the status bar (`part="message"`, tabindex -1). */
export const statusRegion = (el: MfaPrompt): HTMLElement | null => inShadow(statusBar(el), '[part="message"]');
/** A region's text as shown on screen: without its visually hidden parts (the code said digit by digit). */
export function shownText(region: Element): string {
  const copy = region.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
  return text(copy);
}
/** The status message as shown: both live regions, without the Verified Push code's spoken form. */
export const statusText = (el: MfaPrompt): string => liveRegions(el).map(shownText).filter(Boolean).join(' ');
/** The Verified Push code the prompt shows in large digits, or ''. */
export const shownCode = (el: MfaPrompt): string => text(inShadow(statusBar(el), '[part="verification-code"]'));

/**
 * The user reads the code on the login screen and types it on the phone: waits until the prompt shows the
 * push (with the code the phone asks for, when it is verified), then approves it with what the prompt shows.
 */
export async function approveWithShownCode(
  el: MfaPrompt,
  phone: { pendingPush(): { verificationCode?: string } | undefined; approvePush(code?: string): void },
): Promise<void> {
  await until(
    el,
    () => {
      const push = phone.pendingPush();
      return push !== undefined && (push.verificationCode === undefined || shownCode(el) === push.verificationCode);
    },
    'the prompt never showed the code of the push on the phone',
  );
  const code = shownCode(el);
  phone.approvePush(code === '' ? undefined : code);
}
export const statusButton = (el: MfaPrompt, action: 'cancel' | 'dismiss' | 'retry'): HTMLButtonElement | null =>
  inShadow(statusBar(el), `button[data-action="${action}"]`);
/** The live regions inside the status bar that hold the current text. */
export const liveRegions = (el: MfaPrompt): HTMLElement[] =>
  [...statusBar(el).shadowRoot.querySelectorAll<HTMLElement>('[role="status"], [role="alert"]')];

export const passcodeInput = (el: MfaPrompt): Host | null => el.querySelector<Host>('mfa-passcode-input');
/** The light-DOM `<input>` of the passcode entry. */
export const passcodeField = (el: MfaPrompt): HTMLInputElement | null =>
  passcodeInput(el)?.querySelector<HTMLInputElement>('input') ?? null;
export const logInButton = (el: MfaPrompt): HTMLButtonElement | null => inShadow(passcodeInput(el), '[part="submit-button"]');
/** "You can send new codes in 25 s", in Send codes' place during the backend's cooldown. */
export const sendCodesWait = (el: MfaPrompt): string => text(inShadow(passcodeInput(el), '[part="send-codes-wait"]'));
export const sendCodesButton = (el: MfaPrompt): HTMLButtonElement | null =>
  inShadow(passcodeInput(el), '[part="send-codes-button"]');
/** The hint under the passcode field ("Next SMS passcode starts with 1."), a light-DOM node. */
export const passcodeHint = (el: MfaPrompt): string => text(passcodeInput(el)?.querySelector('[slot="hint"]'));
export const passcodeErrorText = (el: MfaPrompt): string => text(passcodeInput(el)?.querySelector('[slot="error"]'));
