/**
 * End-to-end helpers: the real `<mfa-prompt base-url="/mfa">`, the real HTTP client, MSW's service worker and
 * the simulated backend, driven as a user drives it (controls found by their accessible name, clicked with the
 * mouse at their centre, codes typed on the keyboard).
 *
 * Failures here never hand an element to chai: a failing deep comparison of an element can hang the runner.
 * Every assertion compares strings, numbers or booleans.
 */
import { fixture, html } from '@open-wc/testing';
import { delay, http, type HttpHandler } from 'msw';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { MfaPrompt } from '../../../src/elements/mfa-prompt.js';
import { startMockBackend, type MockBackend } from '../../../mock-server/browser.js';
import { createHandlers } from '../../../mock-server/handlers.js';
import { MfaSimulator } from '../../../mock-server/core/simulator.js';
import type { SimulatorOptions } from '../../../mock-server/core/options.js';
import type { TransactionStatus } from '../../../src/adapter/types.js';

/** Short, so the spinners flash by but answers still arrive after the request like on a network. */
export const LATENCY_MS = 10;

/** The simulator answering this test: {@link openPrompt} gets its first-factor tickets from it. */
let currentSim: MfaSimulator | undefined;

// ---- The simulated backend, once per file -------------------------------------------------------------------

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/mfa/transactions/tx_1?after=1&wait=25`. Bodies are not recorded: they may hold a passcode. */
  path: string;
}

export interface E2eBackend {
  /** This test's simulator: the file's one, reset before the test, or the one {@link E2eBackend.useSimulator} made. */
  readonly sim: MfaSimulator;
  /** Every request the prompt made in this test, in the order MSW received them. */
  readonly requests: RecordedRequest[];
  /** A fresh simulator with these options, behind the same service worker, for the rest of this test. */
  useSimulator(options: SimulatorOptions): MfaSimulator;
  /** Calls `listener` synchronously when MSW receives a request, before its handler runs (for this test only). */
  onRequest(listener: (request: RecordedRequest) => void): void;
  /** A slow network for one route in this test: MSW holds those requests `ms` longer before the simulator sees them. */
  slowDown(method: string, path: string, ms: number): void;
  /** Handlers that answer before the simulator for the rest of this test (a 503, a dropped connection). */
  use(...handlers: HttpHandler[]): void;
  /** How many requests of this method and exact path (without the query) were made in this test. */
  count(method: string, path: string): number;
  /**
   * The transaction's status on the server now, as the simulator's events report it (the backend's own view:
   * no request, so it needs no attempt and never collects a login token).
   */
  statusOf(txid: string): TransactionStatus;
}

/**
 * Registers this file's hooks: the service worker starts once (before), each test gets a freshly reset simulator
 * (beforeEach), and whatever a test left waiting is released afterwards (afterEach).
 */
export function useSimulatedBackend(): E2eBackend {
  let backend: MockBackend;
  let sim: MfaSimulator;
  let requests: RecordedRequest[] = [];
  let listeners: Array<(request: RecordedRequest) => void> = [];
  let statuses = new Map<string, TransactionStatus>();
  let unsubscribe = (): void => undefined;
  const follow = (simulator: MfaSimulator): void => {
    unsubscribe();
    statuses = new Map();
    const stop = simulator.subscribe((event) => {
      if (event.type === 'transaction') statuses.set(event.txid, event.status);
    });
    unsubscribe = () => void stop();
  };

  const onRequestStart = ({ request }: { request: Request }): void => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/mfa/')) return;
    const recorded = { method: request.method, path: url.pathname + url.search };
    requests.push(recorded);
    for (const listener of listeners) listener(recorded);
  };

  before(async () => {
    backend = await startMockBackend({ quiet: true, latencyMs: LATENCY_MS });
    backend.worker.events.on('request:start', onRequestStart);
  });

  after(() => {
    backend.worker.events.removeListener('request:start', onRequestStart);
    backend.simulator.reset();
    backend.stop();
    // MSW keeps mocked cookies (the remember-me cookie) in localStorage: leave nothing for the next page.
    localStorage.removeItem('__msw-cookie-store__');
  });

  beforeEach(() => {
    requests = [];
    listeners = [];
    backend.worker.resetHandlers();
    sim = backend.simulator;
    sim.reset();
    currentSim = sim;
    follow(sim);
  });

  afterEach(async () => {
    listeners = [];
    unsubscribe();
    await resetMouse();
    // Long polls abandoned by the page still wait in the page's MSW handlers: end them.
    sim.reset();
  });

  return {
    get sim() {
      return sim;
    },
    get requests() {
      return requests;
    },
    useSimulator(options) {
      sim.reset();
      sim = new MfaSimulator(options);
      currentSim = sim;
      follow(sim);
      // Runtime handlers come before the file's own ones; beforeEach's resetHandlers() removes them again.
      backend.worker.use(...createHandlers(sim, { latencyMs: LATENCY_MS }));
      return sim;
    },
    slowDown(method, path, ms) {
      // A resolver that returns nothing falls through to the next matching handler: the simulator's.
      backend.worker.use(
        http.all(path, async ({ request }) => {
          if (request.method === method) await delay(ms);
        }),
      );
    },
    use(...handlers) {
      backend.worker.use(...handlers);
    },
    onRequest(listener) {
      listeners.push(listener);
    },
    count(method, path) {
      return requests.filter((request) => request.method === method && request.path.split('?')[0] === path).length;
    },
    statusOf(txid) {
      const status = statuses.get(txid);
      if (status === undefined) throw new Error(`The simulator reported no transaction ${txid} in this test`);
      return status;
    },
  };
}

// ---- Mounting a prompt --------------------------------------------------------------------------------------

export interface RecordedEvent {
  type: string;
  detail: unknown;
}

export interface Prompt {
  el: MfaPrompt;
  /** Every `mfa-*` event the host page received, from the very first one. */
  events: RecordedEvent[];
  /** Every distinct text the status bar showed, in order (consecutive repeats once). */
  statuses: string[];
}

const PROMPT_EVENTS = ['mfa-success', 'mfa-failure', 'mfa-cancel', 'mfa-state-change', 'mfa-link'] as const;

/**
 * The first-factor ticket the host's server issues once `username` passed its password step, from the
 * simulator answering this test (the same JavaScript realm: MSW runs in this page).
 */
export function ticketFor(username: string): string {
  if (!currentSim) throw new Error('ticketFor() needs useSimulatedBackend() in this file');
  return currentSim.issueTicket(username);
}

/**
 * A `<mfa-prompt base-url="/mfa">` for `username`, as a host page mounts it after its first factor: with the
 * `ticket` its server issued for that user (unless `attributes` brings its own) and the host page's
 * listeners attached before it starts. Resolves once preauth has answered and everything rendered.
 */
export async function openPrompt(username: string, attributes: Record<string, string> = {}): Promise<Prompt> {
  const el = document.createElement('mfa-prompt');
  const events: RecordedEvent[] = [];
  for (const type of PROMPT_EVENTS) {
    el.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }
  el.setAttribute('base-url', '/mfa');
  el.setAttribute('username', username);
  if (!('ticket' in attributes)) el.setAttribute('ticket', ticketFor(username));
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await fixture<HTMLDivElement>(html`<div>${el}</div>`);
  const statuses = recordStatuses(el);
  await until(() => el.state !== undefined && el.state.phase !== 'loading', 'preauth never answered', () => el.state?.phase ?? 'no flow');
  await flush(el);
  return { el, events, statuses };
}

/** Records each text the status bar shows, as it is rendered (a MutationObserver on its shadow tree). */
function recordStatuses(el: MfaPrompt): string[] {
  const texts: string[] = [];
  const bar = el.shadowRoot!.querySelector('mfa-status-bar')!;
  const record = (): void => {
    const now = statusText(el);
    if (texts.at(-1) !== now) texts.push(now);
  };
  record();
  new MutationObserver(record).observe(bar.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return texts;
}

/** Lets the flow react to settled requests, then waits until the prompt and every part have rendered. */
export async function flush(el: MfaPrompt): Promise<void> {
  await tick();
  await el.updateComplete;
  const parts = [...walk(el)].filter(
    (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
  );
  await Promise.all(parts.map((part) => part.updateComplete));
  await tick();
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `predicate` until it holds; the error says what was expected and what `seen()` last showed, which a
 * plain `waitUntil` message cannot.
 */
export async function until(
  predicate: () => boolean,
  expected: string,
  seen: () => string = () => '',
  timeoutMs = 3000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    let error: unknown;
    try {
      if (predicate()) return;
    } catch (caught) {
      error = caught;
    }
    if (performance.now() > deadline) {
      const last = seen();
      throw new Error(`${expected} (after ${timeoutMs} ms${last ? `; last seen: ${JSON.stringify(last)}` : ''}${error ? `; ${String(error)}` : ''})`);
    }
    await sleep(10);
  }
}

// ---- Reading what the user sees -----------------------------------------------------------------------------

/** Every element of the prompt: its shadow tree, its light DOM, and the parts' shadow trees, depth first. */
export function* walk(root: Element | ShadowRoot): Generator<Element> {
  if (root instanceof Element && root.shadowRoot) yield* walk(root.shadowRoot);
  for (const child of root.children) {
    yield child;
    yield* walk(child);
  }
}

/** Text as read, whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of `node` without its `aria-hidden` subtrees, as an accessible name is computed from content. */
function nameFromContent(node: Node): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
    else if (child instanceof Element && child.getAttribute('aria-hidden') !== 'true') text += ` ${nameFromContent(child)} `;
  }
  return text;
}

/** A simplified accessible name: aria-labelledby, aria-label, the labels of a form control, then the content. */
export function accessibleName(node: Element): string {
  const root = node.getRootNode() as Document | ShadowRoot;
  const labelledBy = node.getAttribute('aria-labelledby');
  let name = '';
  if (labelledBy) {
    name = labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById?.(id))
      .map((label) => (label ? nameFromContent(label) : ''))
      .join(' ');
  } else if (node.hasAttribute('aria-label')) {
    name = node.getAttribute('aria-label')!;
  } else if (node instanceof HTMLInputElement || node instanceof HTMLSelectElement || node instanceof HTMLTextAreaElement) {
    name = [...(node.labels ?? [])].map((label) => nameFromContent(label)).join(' ');
  } else {
    name = nameFromContent(node);
  }
  return name.replace(/\s+/g, ' ').trim();
}

function isShown(node: Element): boolean {
  return node.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
}

type Role = 'button' | 'link' | 'textbox' | 'checkbox' | 'combobox';

const ROLE_SELECTORS: Record<Role, string> = {
  button: 'button, [role="button"]',
  link: 'a[href]',
  textbox: 'input:not([type]), input[type="text"], input[type="search"], textarea',
  checkbox: 'input[type="checkbox"], [role="checkbox"]',
  combobox: 'select',
};

/** The shown controls of that role in the prompt, with their names. */
export function controls(el: MfaPrompt, role: Role): Array<{ node: HTMLElement; name: string }> {
  return [...walk(el)]
    .filter((node): node is HTMLElement => node instanceof HTMLElement && node.matches(ROLE_SELECTORS[role]) && isShown(node))
    .map((node) => ({ node, name: accessibleName(node) }));
}

/**
 * The shown control of that role whose name is `name`, or starts with `name` and a space (the push button is
 * named "Send me a Push Recommended": its badge is part of the name); null when there is none.
 */
export function query<T extends HTMLElement = HTMLElement>(el: MfaPrompt, role: Role, name: string | RegExp): T | null {
  const all = controls(el, role);
  const fits = (candidate: string): boolean =>
    typeof name === 'string' ? candidate === name || candidate.startsWith(`${name} `) : name.test(candidate);
  const exact = typeof name === 'string' ? all.filter((control) => control.name === name) : [];
  const found = exact.length > 0 ? exact : all.filter((control) => fits(control.name));
  if (found.length > 1) throw new Error(`${found.length} ${role}s named ${String(name)}: ${found.map((c) => JSON.stringify(c.name)).join(', ')}`);
  return (found[0]?.node as T | undefined) ?? null;
}

/** Like {@link query}, but throws, listing what is there instead. */
export function get<T extends HTMLElement = HTMLElement>(el: MfaPrompt, role: Role, name: string | RegExp): T {
  const found = query<T>(el, role, name);
  if (found) return found;
  const names = controls(el, role).map((control) => JSON.stringify(control.name));
  throw new Error(`No ${role} named ${JSON.stringify(String(name))}; the prompt shows ${names.length ? names.join(', ') : `no ${role}`}`);
}

export const button = (el: MfaPrompt, name: string | RegExp): HTMLButtonElement => get<HTMLButtonElement>(el, 'button', name);
export const hasButton = (el: MfaPrompt, name: string | RegExp): boolean => query(el, 'button', name) !== null;
/** The names of the shown buttons, in order. */
export const buttonNames = (el: MfaPrompt): string[] => controls(el, 'button').map((control) => control.name);
/** Every name that more than one shown button has (two controls with one name leave a screen reader user guessing). */
export function repeatedButtonNames(el: MfaPrompt): string[] {
  const names = buttonNames(el);
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}
export const passcodeField = (el: MfaPrompt): HTMLInputElement => get<HTMLInputElement>(el, 'textbox', 'Passcode');
export const hasPasscodeField = (el: MfaPrompt): boolean => query(el, 'textbox', 'Passcode') !== null;

/**
 * The status bar's message as shown: the text of both live regions, without the Verified Push code's spoken
 * form (see {@link spokenStatus}); the code's large digits and the time left are outside the regions.
 */
export function statusText(el: MfaPrompt): string {
  const bar = el.shadowRoot!.querySelector('mfa-status-bar')?.shadowRoot;
  const shown = (node: Node | null | undefined): string =>
    [...(node?.childNodes ?? [])]
      .map((child) =>
        child instanceof Element
          ? child.classList.contains('visually-hidden') ? '' : shown(child)
          : child.nodeType === Node.TEXT_NODE ? child.textContent : '',
      )
      .join('');
  return ['[role="status"]', '[role="alert"]']
    .map((selector) => shown(bar?.querySelector(selector)).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ');
}

/** What a screen reader hears from the status bar's live regions (the code digit by digit included). */
export function spokenStatus(el: MfaPrompt): string {
  const bar = el.shadowRoot!.querySelector('mfa-status-bar')?.shadowRoot;
  return [textOf(bar?.querySelector('[role="status"]')), textOf(bar?.querySelector('[role="alert"]'))].filter(Boolean).join(' ');
}

/** The Verified Push code the prompt shows in large digits, or '' when it shows none. */
export function shownCode(el: MfaPrompt): string {
  return textOf(el.shadowRoot!.querySelector('mfa-status-bar')?.shadowRoot?.querySelector('[part="verification-code"]'));
}

/** "You can send new codes in 25 s", shown in Send codes' place during the backend's cooldown, or ''. */
export function sendCodesWait(el: MfaPrompt): string {
  return textOf(el.querySelector('mfa-passcode-input')?.shadowRoot?.querySelector('[part="send-codes-wait"]'));
}

/** How long the prompt says the pending push or call has left ("1:05 left"), or ''. */
export function timeLeftText(el: MfaPrompt): string {
  return textOf(el.shadowRoot!.querySelector('mfa-status-bar')?.shadowRoot?.querySelector('[part="time-left"]'));
}

/**
 * The user reads the code on the login screen and types it on the phone: waits until the prompt shows the
 * push (with its code when it is verified), then approves it on `phone` with what the prompt shows.
 */
export async function approveWithShownCode(
  el: MfaPrompt,
  phone: { pendingPush(): { verificationCode?: string } | undefined; approvePush(code?: string): void },
): Promise<void> {
  await until(
    () => {
      const push = phone.pendingPush();
      return push !== undefined && (push.verificationCode === undefined || shownCode(el) === push.verificationCode);
    },
    'the prompt never showed the code of the push on the phone',
    () => shownCode(el),
  );
  const code = shownCode(el);
  phone.approvePush(code === '' ? undefined : code);
}

/** The prompt's heading. */
export const headingText = (el: MfaPrompt): string => textOf(el.shadowRoot!.querySelector('h2'));

/** The line under the passcode field ("Next SMS passcode starts with 1."), and its error line. */
export function passcodeHint(el: MfaPrompt): string {
  return textOf(el.querySelector('mfa-passcode-input [slot="hint"]'));
}
export function passcodeError(el: MfaPrompt): string {
  return textOf(el.querySelector('mfa-passcode-input [slot="error"]'));
}

/** Waits until the status bar shows this text (exactly), or text matching the pattern. */
export async function waitForStatus(el: MfaPrompt, expected: string | RegExp, timeoutMs = 3000): Promise<string> {
  const fits = (text: string): boolean => (typeof expected === 'string' ? text === expected : expected.test(text));
  await until(() => fits(statusText(el)), `the status bar never showed ${JSON.stringify(String(expected))}`, () => statusText(el), timeoutMs);
  await flush(el);
  return statusText(el);
}

// ---- Acting as the user -------------------------------------------------------------------------------------

/** The innermost element at a point of the viewport, through shadow roots. */
function deepElementFromPoint(x: number, y: number): Element | null {
  let node = document.elementFromPoint(x, y);
  while (node?.shadowRoot) {
    const inner = node.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === node) break;
    node = inner;
  }
  return node;
}

/** `ancestor` contains `node`, across shadow boundaries. */
function composedContains(ancestor: Node, node: Node | null): boolean {
  for (let current = node; current; current = current.parentNode ?? (current as ShadowRoot).host ?? null) {
    if (current === ancestor) return true;
  }
  return false;
}

function describe(node: Element | null): string {
  if (!node) return 'nothing';
  const part = node.getAttribute('part');
  return `<${node.localName}${part ? ` part="${part}"` : ''}> ${JSON.stringify(textOf(node).slice(0, 40))}`;
}

/** The point a real mouse would click: the control's centre, after scrolling it into view; throws if it is covered. */
function centreOf(node: Element): [number, number] {
  node.scrollIntoView({ block: 'center', inline: 'center' });
  const box = node.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) throw new Error(`${describe(node)} has no size: a user cannot click it`);
  const x = Math.round(box.left + box.width / 2);
  const y = Math.round(box.top + box.height / 2);
  const hit = deepElementFromPoint(x, y);
  if (!composedContains(node, hit)) throw new Error(`${describe(hit)} covers the centre of ${describe(node)}`);
  return [x, y];
}

/** A real mouse click at the control's centre. */
export async function click(node: Element): Promise<void> {
  await sendMouse({ type: 'click', position: centreOf(node) });
}

/** Two real clicks in a row at the control's centre, as fast as the browser takes them. */
export async function doubleClick(node: Element): Promise<void> {
  const position = centreOf(node);
  await sendMouse({ type: 'click', position });
  await sendMouse({ type: 'click', position });
}

/** Clicks the button named `name` and lets the prompt react. */
export async function press(el: MfaPrompt, name: string | RegExp): Promise<void> {
  await click(button(el, name));
  await flush(el);
}

/** Clicks into the passcode field, empties it, and types `text` on the keyboard. */
export async function typePasscode(el: MfaPrompt, text: string): Promise<void> {
  const field = passcodeField(el);
  await click(field);
  field.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
}

/** Types `text` into the passcode field and clicks Log In. */
export async function logInWith(el: MfaPrompt, text: string): Promise<void> {
  await typePasscode(el, text);
  await press(el, 'Log In');
}

/** Picks a device in the "Device" select with the keyboard, as a user does: focus it, then arrow keys. */
export async function chooseDevice(el: MfaPrompt, deviceName: string): Promise<void> {
  const select = get<HTMLSelectElement>(el, 'combobox', 'Device');
  const target = [...select.options].findIndex((option) => textOf(option) === deviceName);
  if (target < 0) throw new Error(`No device ${JSON.stringify(deviceName)}: ${[...select.options].map((o) => textOf(o)).join(', ')}`);
  select.focus();
  while (select.selectedIndex !== target) {
    const before = select.selectedIndex;
    await sendKeys({ press: select.selectedIndex < target ? 'ArrowDown' : 'ArrowUp' });
    if (select.selectedIndex === before) throw new Error(`The arrow keys do not move the device select (at ${before}, want ${target})`);
  }
  await flush(el);
}

/** The selected device's name in the select, as the user reads it. */
export function selectedDevice(el: MfaPrompt): string {
  const select = get<HTMLSelectElement>(el, 'combobox', 'Device');
  return textOf(select.selectedOptions[0]);
}

// ---- The host page's side -----------------------------------------------------------------------------------

export const eventsOf = (prompt: Prompt, type: string): RecordedEvent[] => prompt.events.filter((event) => event.type === type);

/** The `phase/step` of every `mfa-state-change`, in order. */
export const phases = (prompt: Prompt): string[] =>
  eventsOf(prompt, 'mfa-state-change').map(({ detail }) => {
    const { phase, step } = detail as { phase: string; step: string };
    return `${phase}/${step}`;
  });

/** Waits for the first event of that type and returns its detail. */
export async function nextEvent<T = Record<string, unknown>>(prompt: Prompt, type: string, timeoutMs = 3000): Promise<T> {
  await until(
    () => eventsOf(prompt, type).length > 0,
    `the host page never received ${type}`,
    () => `events: ${prompt.events.map((event) => event.type).join(', ')}; status: ${statusText(prompt.el)}`,
    timeoutMs,
  );
  return eventsOf(prompt, type)[0]!.detail as T;
}
