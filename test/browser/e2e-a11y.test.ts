/**
 * End to end, accessibility: axe on the prompt in every state a login can reach, each reached against the
 * simulated backend over HTTP the user's way (buttons, typing) or through `auto-method`; then the same states
 * in the dark scheme and at 320 px wide. In every state with a status, its text must be in a live region
 * (`role="status"`, or `role="alert"` for errors) inside the status bar, so screen readers announce it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { http, HttpResponse } from 'msw';
import '../../src/define.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import type { FlowPhase, StatusTone } from '../../src/flow/index.js';
import { startMockBackend, type MockBackend } from '../../mock-server/browser.js';
import { MfaSimulator } from '../../mock-server/core/simulator.js';
import {
  chooser,
  deviceSelect,
  heading,
  liveRegions,
  methodButton,
  passcodeErrorText,
  passcodeField,
  passcodeHint,
  statusButton,
  statusText,
  text,
  until,
  approveWithShownCode,
  shownCode,
  shownText,
} from './support/keyboard.js';

/** Three wrong passcodes lock an account: the lock-out state in three keystrokes' worth of requests. */
const LOCKOUT_THRESHOLD = 3;

let backend: MockBackend;
let sim: MfaSimulator;
/** Opens the gate of a held preauth (the loading state); a no-op otherwise. */
let releasePreauth = (): void => undefined;

before(async () => {
  sim = new MfaSimulator({ lockoutThreshold: LOCKOUT_THRESHOLD });
  backend = await startMockBackend({ simulator: sim, latencyMs: 5, quiet: true });
});
after(() => backend.stop());
beforeEach(() => sim.reset());
afterEach(() => {
  releasePreauth();
  backend.worker.resetHandlers();
});

interface Options {
  username?: string;
  autoMethod?: string;
  colorScheme?: 'light' | 'dark';
}

/** The prompt as a host page mounts it after its first factor: with the ticket its server issued for `username`. */
async function mount({ username = 'alice', autoMethod, colorScheme }: Options): Promise<MfaPrompt> {
  return fixture<MfaPrompt>(html`<mfa-prompt
    base-url="/mfa"
    username=${username}
    ticket=${sim.issueTicket(username)}
    auto-method=${ifDefined(autoMethod)}
    color-scheme=${ifDefined(colorScheme)}
  ></mfa-prompt>`);
}

const phaseIs = (prompt: MfaPrompt, phase: FlowPhase) => () => prompt.state?.phase === phase;

/** Types into the passcode field (focused first, as a click would) and presses Enter. */
async function submitPasscode(prompt: MfaPrompt, code: string): Promise<void> {
  const field = passcodeField(prompt)!;
  if (!field.matches(':focus')) field.focus();
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

interface Reached {
  prompt: MfaPrompt;
  /** The status text expected in a live region; omitted when the state has none. */
  status?: string | RegExp;
  tone?: StatusTone;
}

/** Every state, reached the user's way against the simulated backend. */
const STATES: Record<string, (options: Options) => Promise<Reached>> = {
  async loading(options) {
    // The backend holds preauth until the test is over.
    const gate = new Promise<void>((resolve) => (releasePreauth = resolve));
    backend.worker.use(
      http.post('*/mfa/preauth', async () => {
        await gate;
        return HttpResponse.error();
      }),
    );
    const prompt = await mount(options);
    await until(prompt, () => text(prompt.shadowRoot!.querySelector('[part="loading"]')) !== '', 'no loading text');
    expect(prompt.state?.phase).to.equal('loading');
    expect(prompt.shadowRoot!.querySelector('[part="main"]')!.getAttribute('aria-busy')).to.equal('true');
    return { prompt };
  },

  async 'chooser with several devices'(options) {
    const prompt = await mount(options);
    await until(prompt, phaseIs(prompt, 'choosing'), 'no methods');
    expect(deviceSelect(prompt)!.options.length).to.equal(3);
    return { prompt };
  },

  async 'chooser with one device'(options) {
    const prompt = await mount({ ...options, username: 'bob' });
    await until(prompt, phaseIs(prompt, 'choosing'), 'no methods');
    expect(deviceSelect(prompt) === null, 'one device: no select').to.equal(true);
    expect(text(chooser(prompt)!.shadowRoot.querySelector('[part="device-name"]'))).to.equal('Android (XXX-XXX-4242)');
    return { prompt };
  },

  async 'passcode entry'(options) {
    const prompt = await mount({ ...options, autoMethod: 'passcode' });
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode entry never opened');
    expect(passcodeHint(prompt)).not.to.equal('');
    return { prompt };
  },

  async 'passcode entry with an error'(options) {
    const prompt = await mount(options);
    await until(prompt, phaseIs(prompt, 'choosing'), 'no methods');
    methodButton(prompt, 'passcode')!.click();
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode entry never opened');
    await submitPasscode(prompt, '000000');
    await until(prompt, () => passcodeErrorText(prompt) !== '', 'no passcode error');
    expect(passcodeErrorText(prompt)).to.equal(`Incorrect passcode. Please try again. ${LOCKOUT_THRESHOLD - 1} attempts left.`);
    const field = passcodeField(prompt)!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = field.getAttribute('aria-describedby')!.split(' ');
    const error = prompt.querySelector('mfa-passcode-input > [slot="error"]')!;
    expect(describedBy).to.include(error.id, 'the error describes the field');
    expect(error.getAttribute('aria-live')).to.equal('assertive');
    return { prompt };
  },

  async 'SMS sent, with the hint'(options) {
    const prompt = await mount({ ...options, autoMethod: 'sms' });
    await until(prompt, () => prompt.state?.step === 'sent', 'the codes were never sent');
    expect(passcodeHint(prompt)).to.equal('Next SMS passcode starts with 1.');
    const hint = prompt.querySelector('mfa-passcode-input > [slot="hint"]')!;
    expect(passcodeField(prompt)!.getAttribute('aria-describedby')!.split(' ')).to.include(hint.id, 'the hint describes the field');
    expect(statusButton(prompt, 'dismiss') !== null, 'Dismiss').to.equal(true);
    return { prompt, status: 'New SMS passcodes sent', tone: 'info' };
  },

  async 'push pending'(options) {
    const prompt = await mount({ ...options, autoMethod: 'push' });
    await until(prompt, () => prompt.state?.step === 'pushed', 'no push pending');
    expect(sim.phone('alice').pendingPush()).not.to.equal(undefined);
    expect(statusButton(prompt, 'cancel') !== null, 'Cancel').to.equal(true);
    expect(methodButton(prompt, 'push')!.getAttribute('aria-busy')).to.equal('true');
    // Verified Push (the simulator's default): the code the phone asks for, large, and said digit by digit.
    const code = sim.phone('alice').pendingPush()!.verificationCode!;
    expect(code).to.match(/^\d{3,6}$/);
    expect(shownCode(prompt)).to.equal(code);
    const polite = liveRegions(prompt).find((region) => region.getAttribute('role') === 'status')!;
    expect(text(polite)).to.equal(`Pushed a login request to your device... Enter this code in your app: ${[...code].join(' ')}.`);
    return { prompt, status: 'Pushed a login request to your device...', tone: 'pending' };
  },

  async 'call answered'(options) {
    const prompt = await mount({ ...options, autoMethod: 'phone' });
    await until(prompt, () => sim.phone('alice').activeCall() !== undefined, 'the phone never rang');
    sim.phone('alice').answerCall();
    await until(prompt, () => prompt.state?.step === 'answered', 'the answered call never showed');
    return { prompt, status: /^Answered/, tone: 'pending' };
  },

  async success(options) {
    const prompt = await mount({ ...options, autoMethod: 'push' });
    await until(prompt, () => sim.phone('alice').pendingPush() !== undefined, 'no push pending');
    await approveWithShownCode(prompt, sim.phone('alice'));
    await until(prompt, phaseIs(prompt, 'success'), 'no success');
    return { prompt, status: 'Success. Logging you in...', tone: 'success' };
  },

  async 'remembered (dave)'(options) {
    const prompt = await mount({ ...options, username: 'dave' });
    await until(prompt, phaseIs(prompt, 'success'), 'dave was not let in');
    expect(prompt.state?.result?.method).to.equal('remembered');
    return { prompt, status: 'This device is remembered. Logging you in...', tone: 'success' };
  },

  async 'denied (erin)'(options) {
    const prompt = await mount({ ...options, username: 'erin' });
    await until(prompt, phaseIs(prompt, 'denied'), 'erin was not denied');
    expect(text(heading(prompt))).to.equal('Login not allowed');
    return { prompt, status: /not allowed to use two-factor login/, tone: 'error' };
  },

  async 'enroll (carol)'(options) {
    const prompt = await mount({ ...options, username: 'carol' });
    await until(prompt, phaseIs(prompt, 'enroll'), 'carol was not asked to enroll');
    expect(prompt.shadowRoot!.querySelector('[part="enroll-link"]')!.getAttribute('href')).to.equal(
      'https://mfa.example/enroll?user=carol',
    );
    return { prompt, status: /./, tone: 'info' };
  },

  async 'locked out'(options) {
    const prompt = await mount({ ...options, autoMethod: 'passcode' });
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode entry never opened');
    for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt += 1) {
      await submitPasscode(prompt, '000000');
      await until(prompt, () => prompt.state?.step === (attempt < LOCKOUT_THRESHOLD ? 'invalid_passcode' : 'locked_out') && !prompt.state.verifying, `attempt ${attempt} never answered`);
    }
    return { prompt, status: /locked/i, tone: 'error' };
  },

  async 'locked out, on the next login'(options) {
    // Alice denies pushes on her phone until the account locks; each denial counts as a failure.
    for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt += 1) {
      const earlier = await mount({ ...options, autoMethod: 'push' });
      await until(earlier, () => sim.phone('alice').pendingPush() !== undefined, `push ${attempt} never arrived`);
      sim.phone('alice').denyPush();
      const ended = attempt < LOCKOUT_THRESHOLD ? 'deny' : 'locked_out';
      await until(earlier, () => earlier.state?.step === ended, `push ${attempt} did not end as ${ended}`);
      earlier.remove();
    }
    const prompt = await mount(options);
    await until(prompt, phaseIs(prompt, 'denied'), 'preauth did not deny the locked account');
    return { prompt, status: /locked/i, tone: 'error' };
  },

  async canceled(options) {
    const prompt = await mount({ ...options, autoMethod: 'push' });
    await until(prompt, () => prompt.state?.step === 'pushed', 'no push pending');
    statusButton(prompt, 'cancel')!.click();
    await until(prompt, () => prompt.state?.step === 'user-canceled', 'Cancel did nothing');
    expect(statusButton(prompt, 'dismiss') !== null, 'Dismiss').to.equal(true);
    return { prompt, status: 'Authentication request canceled', tone: 'info' };
  },

  async 'network error'(options) {
    backend.worker.use(http.post('*/mfa/preauth', () => HttpResponse.error()));
    const prompt = await mount(options);
    await until(prompt, phaseIs(prompt, 'error'), 'no error state');
    expect(text(heading(prompt))).to.equal('Something went wrong');
    expect(statusButton(prompt, 'retry') !== null, 'Retry').to.equal(true);
    return { prompt, status: 'Could not reach the server. Check your connection and try again.', tone: 'error' };
  },
};

/** The status text is in the status bar's live region: `role="alert"` for errors, `role="status"` otherwise. */
function expectAnnounced(prompt: MfaPrompt, { status, tone }: Reached): void {
  const regions = liveRegions(prompt);
  expect(regions.length, 'live regions in the status bar').to.be.at.least(1);
  if (status === undefined) return;
  const shown = statusText(prompt);
  if (typeof status === 'string') expect(shown).to.equal(status);
  else expect(shown).to.match(status);
  const holding = regions.filter((region) => shownText(region) === shown);
  expect(holding.length, `the status "${shown}" is in exactly one live region`).to.equal(1);
  const role = holding[0]!.getAttribute('role');
  expect(role, `tone ${tone}`).to.equal(tone === 'error' ? 'alert' : 'status');
  if (role === 'status') expect(holding[0]!.getAttribute('aria-live') ?? 'polite').to.equal('polite');
  expect(prompt.state?.status?.tone).to.equal(tone);
}

function specify(variant: string, options: Options = {}): void {
  for (const [name, reach] of Object.entries(STATES)) {
    it(`${name}${variant}`, async () => {
      const reached = await reach(options);
      await expect(reached.prompt).to.be.accessible();
      expectAnnounced(reached.prompt, reached);
    });
  }
}

describe('axe in every state', () => {
  specify('');
});

describe('axe in every state, dark scheme (color-scheme="dark", prefers-color-scheme: dark)', () => {
  before(() => emulateMedia({ colorScheme: 'dark' }));
  after(() => emulateMedia({ colorScheme: 'light' }));
  it('the dark scheme is really on', async () => {
    const prompt = await mount({ colorScheme: 'dark' });
    await until(prompt, phaseIs(prompt, 'choosing'), 'no methods');
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    const card = prompt.shadowRoot!.querySelector('[part="card"]')!;
    expect(getComputedStyle(card).colorScheme).to.equal('dark');
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(22, 27, 34)');
  });
  it('prefers-color-scheme: dark alone (no attribute) turns the prompt dark too, axe-clean', async () => {
    const prompt = await mount({ autoMethod: 'push' });
    await until(prompt, () => prompt.state?.step === 'pushed', 'no push pending');
    const card = prompt.shadowRoot!.querySelector('[part="card"]')!;
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(22, 27, 34)');
    await expect(prompt).to.be.accessible();
  });
  specify(' (dark)', { colorScheme: 'dark' });
});

describe('axe in every state, 320 px wide', () => {
  before(() => setViewport({ width: 320, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));
  specify(' (320 px)');
});
