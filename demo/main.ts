/**
 * The demo page: `<mfa-prompt>` against the simulated backend (MSW's service worker, in this tab), a user
 * picker, the user's simulated phone and a log of the prompt's events.
 *
 * Order matters: the backend starts before the prompt is defined, so the prompt's first request (preauth)
 * already meets the service worker.
 *
 * Picking a user stands for the host page's first factor (its password step): the host's server then issues
 * a first-factor ticket for that user (`simulator.issueTicket`, in this tab because the backend is simulated
 * here) and the page sets it on the prompt, which sends it with preauth.
 */
import { startMockBackend } from '../mock-server/browser.js';
import type { SimulatorEvent } from '../mock-server/core/types.js';
import { DEFAULT_USERS } from '../mock-server/core/users.js';
import type { MfaLinkEvent } from '../src/elements/events.js';
import './demo-phone.js';
import { DemoSimulator } from './demo-simulator.js';
import { addSecurityKey, securityKeysUnavailable } from './security-key.js';

/** What the page needs of `<mfa-prompt>`; the element's own type arrives with `src/define.js`. */
type PromptElement = HTMLElement & { restart(): void };

/** Enough latency for the status bar's steps ("Pushed a login request...") to be visible. */
const LATENCY_MS = 150;
const PROMPT_EVENTS = ['mfa-success', 'mfa-failure', 'mfa-cancel', 'mfa-state-change', 'mfa-link'] as const;

const simulator = new DemoSimulator({ users: DEFAULT_USERS });
const prompt = query<PromptElement>('mfa-prompt');
const phone = query('demo-phone');
const picker = query<HTMLFieldSetElement>('#user-picker');
const unlockButton = query<HTMLButtonElement>('#unlock');
const bootStatus = query('#boot-status');
const logList = query<HTMLOListElement>('#log');
const logSimulator = query<HTMLInputElement>('#log-simulator');

/** Users locked out right now, as the simulator's `lock` events tell (it has no getter for it). */
const lockedUsers = new Set<string>();

let currentUser = initialUser();

renderPicker();
selectUser(currentUser);
wireControls();
wireLog();
void boot();

async function boot(): Promise<void> {
  try {
    await startMockBackend({ simulator, latencyMs: LATENCY_MS, quiet: true });
  } catch (error) {
    showBootError(
      'The simulated backend could not start. It needs a service worker: open the demo on http://localhost or over https.',
      error,
    );
    return;
  }
  phone.simulator = simulator;
  try {
    await import('../src/define.js');
  } catch (error) {
    showBootError('The prompt’s elements could not be loaded.', error);
    return;
  }
  bootStatus.hidden = true;
  bootStatus.textContent = '';
}

// ---- User picker and controls ----

function renderPicker(): void {
  for (const { username, description } of simulator.users) {
    const id = `user-${username}`;
    const option = document.createElement('div');
    option.className = 'user-option';
    option.innerHTML = `<input type="radio" name="user"><label><span class="user-name"></span><span class="user-description"></span></label>`;
    const input = option.querySelector('input')!;
    const label = option.querySelector('label')!;
    input.id = id;
    input.value = username;
    input.setAttribute('aria-describedby', `${id}-description`);
    label.htmlFor = id;
    label.querySelector('.user-name')!.textContent = username;
    const descriptionText = label.querySelector<HTMLElement>('.user-description')!;
    descriptionText.id = `${id}-description`;
    descriptionText.textContent = description;
    picker.append(option);
  }
  picker.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name === 'user') selectUser(input.value);
  });
}

function selectUser(username: string): void {
  currentUser = username;
  const input = picker.querySelector<HTMLInputElement>(`input[value="${CSS.escape(username)}"]`);
  if (input) input.checked = true;
  passFirstFactor(username);
  phone.username = username;
  phone.devices = DEFAULT_USERS.find((user) => user.username === username)?.devices;
  const url = new URL(location.href);
  url.searchParams.set('user', username);
  history.replaceState(null, '', url);
  updateUnlockButton();
}

/**
 * What the host page does once the user passed its first factor: its server issues a ticket (signed,
 * expiring in 10 minutes) and the page sets it on the prompt, with the username as a display hint. A new
 * ticket restarts the prompt.
 */
function passFirstFactor(username: string): void {
  prompt.setAttribute('username', username);
  prompt.setAttribute('ticket', simulator.issueTicket(username));
}

function wireControls(): void {
  query('#start-over').addEventListener('click', () => {
    // A fresh ticket, as after the password step again: the last one may have expired (10 minutes).
    note('Start over: a new first-factor ticket, which restarts the prompt');
    passFirstFactor(currentUser);
  });
  query('#reset-simulator').addEventListener('click', () => {
    simulator.reset();
    note('Simulator reset: no transactions, messages, scripts, lock-outs or remembered devices. The prompt starts over.');
    // The reset forgot the prompt's login attempt, so the prompt has to begin again.
    prompt.restart();
  });
  wireSecurityKey();
  unlockButton.addEventListener('click', () => {
    simulator.unlock(currentUser);
    note(`Unlocked ${currentUser}. The prompt starts over.`);
    prompt.restart();
  });
  simulator.subscribe((event) => {
    if (event.type === 'reset') lockedUsers.clear();
    if (event.type === 'lock') {
      if (event.locked) lockedUsers.add(event.username);
      else lockedUsers.delete(event.username);
      note(event.locked ? `The simulator locked ${event.username} out after too many failures.` : `${event.username} is unlocked.`);
    }
    updateUnlockButton();
    if (logSimulator.checked) logSimulatorEvent(event);
  });
}

/** "Add a security key": a real key or passkey, registered with the simulator for the current user. */
function wireSecurityKey(): void {
  const button = query<HTMLButtonElement>('#add-security-key');
  const status = query('#security-key-status');
  const unavailable = securityKeysUnavailable();
  if (unavailable) {
    button.disabled = true;
    status.textContent = unavailable;
    return;
  }
  button.addEventListener('click', async () => {
    const username = currentUser;
    button.disabled = true;
    status.textContent = 'Follow your browser: touch your security key or confirm the passkey…';
    try {
      const device = await addSecurityKey(simulator, username);
      status.textContent = `Added “${device.displayName}” for ${username}. Choose it in the prompt to log in with it.`;
      note(`Registered ${device.displayName} (${device.type}) for ${username}. The prompt starts over.`);
      prompt.restart();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      status.textContent =
        name === 'NotAllowedError'
          ? 'No key was added: the request was canceled or timed out.'
          : name === 'InvalidStateError'
            ? 'This key is already registered for this user.'
            : `No key was added: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
  });
}

function updateUnlockButton(): void {
  unlockButton.hidden = !lockedUsers.has(currentUser);
  unlockButton.textContent = `Unlock ${currentUser}`;
}

function initialUser(): string {
  const requested = new URLSearchParams(location.search).get('user');
  const names = simulator.users.map((user) => user.username);
  return requested && names.includes(requested) ? requested : (names[0] ?? 'alice');
}

// ---- Event log ----

function wireLog(): void {
  for (const type of PROMPT_EVENTS) {
    prompt.addEventListener(type, (event) => logEvent(type, (event as CustomEvent).detail));
  }
  // The links point at "#": the host page decides what they open.
  prompt.addEventListener('mfa-link', (event: MfaLinkEvent) => {
    event.preventDefault();
    note(`The host page would open: ${event.detail.link}`);
  });
  query('#clear-log').addEventListener('click', () => logList.replaceChildren());
}

function logEvent(type: string, detail: unknown): void {
  addLogEntry('event', type, describe(detail));
}

function logSimulatorEvent(event: SimulatorEvent): void {
  switch (event.type) {
    case 'transaction':
      addLogEntry('simulator', 'simulator', `${event.username}: ${event.method} → ${event.status} (version ${event.version})`);
      break;
    case 'sms':
      addLogEntry('simulator', 'simulator', `${event.username}: SMS with ${event.message.codes.length} passcodes to ${event.message.deviceName}`);
      break;
    case 'lock':
    case 'reset':
      break; // already noted
  }
}

/** A line from the host page itself (not an event): what it did or would do. */
function note(text: string): void {
  addLogEntry('note', 'page', text);
}

function addLogEntry(kind: 'event' | 'simulator' | 'note', label: string, text: string): void {
  const item = document.createElement('li');
  item.className = `log-entry ${kind}`;
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const name = document.createElement('span');
  name.className = `log-name ${label}`;
  name.textContent = label;
  const body = document.createElement('code');
  body.className = 'log-detail';
  body.textContent = text;
  item.append(time, name, body);
  logList.prepend(item);
}

/** The detail as one line of JSON, with the login token shortened (a demo token, but no need to show it all). */
function describe(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  return JSON.stringify(detail, (key, value) =>
    key === 'token' && typeof value === 'string' && value.length > 12 ? `${value.slice(0, 12)}…` : value,
  );
}

// ---- Helpers ----

function showBootError(message: string, error: unknown): void {
  bootStatus.hidden = false;
  bootStatus.classList.add('error');
  bootStatus.textContent = `${message} (${error instanceof Error ? error.message : String(error)})`;
  console.error(error);
}

function query<K extends keyof HTMLElementTagNameMap>(selector: K): HTMLElementTagNameMap[K];
function query<T extends Element = HTMLElement>(selector: string): T;
function query(selector: string): Element {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`The demo page lacks ${selector}.`);
  return element;
}
