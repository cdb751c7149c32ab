import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import { MfaError } from '../../src/adapter/errors.js';
import type { MfaLinkEvent, MfaStateChangeEvent, MfaSuccessEvent } from '../../src/elements/events.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { startMockBackend, type MockBackend } from '../../mock-server/browser.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import {
  allowed,
  authResult,
  iphone,
  landline,
  pushed,
  token,
  verified,
} from '../node/support/flow-fixtures.js';

// ---- Helpers ----------------------------------------------------------------------------------------------

/** Waits until the flow has reacted and the prompt and every part have rendered it. */
async function flush(el: MfaPrompt): Promise<void> {
  await settle();
  await el.updateComplete;
  const parts = [...el.shadowRoot!.querySelectorAll('*'), ...el.querySelectorAll('*')].filter(
    (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
  );
  await Promise.all(parts.map((part) => part.updateComplete));
  await settle();
}

/** A prompt over the fake adapter, past preauth. */
async function mount(adapter: FakeAdapter, template = html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`) {
  const el = await fixture<MfaPrompt>(template);
  await flush(el);
  return el;
}

const auth = (): FakeAdapter => new FakeAdapter().reply('preauth', authResult());

const $ = <T extends Element = HTMLElement>(el: MfaPrompt, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);
const heading = (el: MfaPrompt): string => text($(el, '[part="heading"]'));
const chooser = (el: MfaPrompt) => $(el, 'mfa-method-chooser') as (HTMLElement & { shadowRoot: ShadowRoot }) | null;
const methodButton = (el: MfaPrompt, method: string): HTMLButtonElement =>
  chooser(el)!.shadowRoot.querySelector<HTMLButtonElement>(`button[data-method="${method}"]`)!;
const statusBar = (el: MfaPrompt) => $(el, 'mfa-status-bar')!;
const statusText = (el: MfaPrompt): string => text(statusBar(el).shadowRoot!.querySelector('[part="message"]'));
const statusButton = (el: MfaPrompt, action: string): HTMLButtonElement | null =>
  statusBar(el).shadowRoot!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
const links = (el: MfaPrompt): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="link"]')];
const link = (el: MfaPrompt, name: string): HTMLElement => $(el, `[part~="link-${name}"]`)!;
/** How page autofill and password managers find the field. */
const otpInput = (): HTMLInputElement | null =>
  document.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');
const logIn = (el: MfaPrompt): HTMLButtonElement =>
  el.querySelector('mfa-passcode-input')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!;

function text(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The innermost focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Asserts where focus is; compares identities so a failure prints a short description, not a whole element. */
function expectFocusOn(expected: Element | null, message: string): void {
  const active = deepActive();
  const describe = (node: Element | null): string =>
    node ? `<${node.localName}${node.getAttribute('part') ? ` part="${node.getAttribute('part')}"` : ''}>` : 'nothing';
  expect(active === expected, `${message}: focus is on ${describe(active)}, not ${describe(expected)}`).to.equal(true);
}

/** Every attribute value in the prompt's light and shadow trees, parts included. */
function allAttributeValues(root: Element): string[] {
  const values: string[] = [];
  const visit = (node: Element): void => {
    for (const attribute of node.attributes) values.push(attribute.value);
    if (node.shadowRoot) for (const child of node.shadowRoot.querySelectorAll('*')) visit(child);
  };
  visit(root);
  for (const child of root.querySelectorAll('*')) visit(child);
  return values;
}

// ---- Specifications ---------------------------------------------------------------------------------------

describe('<mfa-prompt> configuration', () => {
  it('without an adapter or base-url, tells the developer in the card and warns once, without crashing', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<MfaPrompt>(html`<mfa-prompt username="alice"></mfa-prompt>`);
      await settle();
      el.helpUrl = 'https://help.example/';
      await el.updateComplete;
      await settle();
      expect(text($(el, '[part="setup"]'))).to.contain('not configured');
      expect(el.state).to.equal(undefined);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('base-url');
      expect(links(el)).to.have.length(4, 'the links are there all the same');
    } finally {
      console.warn = warn;
    }
  });

  it('asks the backend with username and ticket, showing a calm "Checking your account..." meanwhile', async () => {
    const adapter = new FakeAdapter();
    const el = await fixture<MfaPrompt>(
      html`<mfa-prompt .adapter=${adapter} username="alice" ticket="first-factor-1"></mfa-prompt>`,
    );
    await flush(el);
    expect(adapter.count('preauth')).to.equal(1);
    expect(adapter.call('preauth').args[0]).to.deep.equal({ username: 'alice', ticket: 'first-factor-1' });
    expect(el.state?.phase).to.equal('loading');
    expect(heading(el)).to.equal('Choose an authentication method');
    expect(text($(el, '[part="loading"]'))).to.equal('Checking your account...');
    expect($(el, '[part="main"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('keeps its height when the methods replace the loading placeholder (no layout jump)', async () => {
    const adapter = new FakeAdapter();
    const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`);
    await flush(el);
    const height = (): number => el.getBoundingClientRect().height;
    const loading = height();
    adapter.call('preauth').resolve(authResult());
    await flush(el);
    // The placeholder is shaped like a device select, three method buttons and remember-me.
    expect(Math.abs(height() - loading), `loading ${loading}px, choosing ${height()}px`).to.be.at.most(12);
  });

  it('prefers the adapter property over base-url', async () => {
    const adapter = auth();
    const el = await mount(adapter, html`<mfa-prompt base-url="/nowhere" .adapter=${adapter} username="alice"></mfa-prompt>`);
    expect(adapter.count('preauth')).to.equal(1);
    expect(el.state?.phase).to.equal('choosing');
  });

  it('auto-method="push" sends a push as soon as the devices are known; an unknown value is ignored', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter, html`<mfa-prompt .adapter=${adapter} username="alice" auto-method="push"></mfa-prompt>`);
    expect(adapter.count('startPush')).to.equal(1);
    expect(el.state?.phase).to.equal('pending');

    const other = auth();
    const plain = await mount(other, html`<mfa-prompt .adapter=${other} username="alice" auto-method="bogus"></mfa-prompt>`);
    expect(plain.state?.phase).to.equal('choosing');
    expect(other.count('startPush') + other.count('startCall')).to.equal(0);
  });

  it('restarts when username changes: the old request is dropped and the backend is asked for the new user', async () => {
    const adapter = new FakeAdapter();
    const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`);
    await flush(el);
    const first = adapter.call('preauth');
    el.username = 'bob';
    await flush(el);
    expect(first.signal?.aborted).to.equal(true, 'the old flow was destroyed');
    expect(adapter.count('preauth')).to.equal(2);
    expect(adapter.call('preauth').args[0]).to.deep.equal({ username: 'bob' });
  });

  it('restarts when the adapter changes, and on restart()', async () => {
    const first = auth();
    const el = await mount(first);
    const second = auth().reply('preauth', authResult({ devices: [token] }));
    el.adapter = second;
    await flush(el);
    expect(second.count('preauth')).to.equal(1);
    expect(el.state?.selectedDevice?.id).to.equal(iphone.id);
    el.restart();
    await flush(el);
    expect(second.count('preauth')).to.equal(2);
    expect(el.state?.devices.map((device) => device.id)).to.deep.equal([token.id]);
  });
});

describe('<mfa-prompt> preauth outcomes', () => {
  it('auth: the heading, a device select and the methods of the first device, and remember-me', async () => {
    const el = await mount(auth());
    expect(heading(el)).to.equal('Choose an authentication method');
    expect(chooser(el)!.shadowRoot.querySelector('select')).to.exist;
    expect(['push', 'phone', 'passcode'].map((method) => text(methodButton(el, method)))).to.deep.equal([
      'Send me a Push',
      'Call Me',
      'Enter a Passcode',
    ]);
    const remember = $(el, 'mfa-remember-me')!.shadowRoot!;
    expect(text(remember.querySelector('label'))).to.equal('Remember me for 8 hours');
    expect(statusText(el)).to.equal('');
  });

  it('allow, a remembered device: finishes at once with mfa-success (token, method "remembered", remembered) and says so', async () => {
    const adapter = new FakeAdapter().reply('preauth', {
      result: 'allow',
      reason: 'remembered-device',
      token: 'token-remembered',
      message: 'Your device is remembered. Logging you in...',
    });
    const successes: MfaSuccessEvent[] = [];
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} username="dave" @mfa-success=${(e: MfaSuccessEvent) => successes.push(e)}></mfa-prompt>`,
    );
    expect(successes).to.have.length(1);
    expect(successes[0]!.detail).to.deep.equal({ token: 'token-remembered', method: 'remembered', remembered: true });
    expect(el.state?.phase).to.equal('success');
    expect(statusText(el)).to.equal('Your device is remembered. Logging you in...');
    expect(chooser(el) === null).to.equal(true, 'no methods to choose');
    expect(heading(el)).to.equal('No second step needed');
  });

  it('allow, a user exempt from the second factor: mfa-success method "not-required", not remembered, and no word of a remembered device', async () => {
    const adapter = new FakeAdapter().reply('preauth', { result: 'allow', reason: 'not-required', token: 'token-exempt', message: '' });
    const successes: MfaSuccessEvent[] = [];
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} username="frank" @mfa-success=${(e: MfaSuccessEvent) => successes.push(e)}></mfa-prompt>`,
    );
    expect(successes).to.have.length(1);
    expect(successes[0]!.detail).to.deep.equal({ token: 'token-exempt', method: 'not-required', remembered: false });
    expect(statusText(el)).to.equal('Your account does not need a second step. Logging you in...');
    expect(heading(el)).to.equal('No second step needed');
    expect(/remembered/i.test(el.shadowRoot!.textContent ?? '')).to.equal(false, 'nothing says "remembered"');
    expect(chooser(el) === null).to.equal(true, 'no methods to choose');
  });

  it('allow: the two headings are translated separately (messages.headings)', async () => {
    const adapter = new FakeAdapter().reply('preauth', { result: 'allow', token: 'token-old', message: '' });
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} .messages=${{ headings: { remembered: 'Gerät gemerkt', notRequired: 'Kein zweiter Schritt nötig' } }}></mfa-prompt>`,
    );
    expect(heading(el)).to.equal('Kein zweiter Schritt nötig', 'an allow without a reason is not-required');
  });

  it('deny: the backend message, no methods, "Need help?" still there, and mfa-failure', async () => {
    const adapter = new FakeAdapter().reply('preauth', { result: 'deny', message: 'Your account is disabled.' });
    const failures: Event[] = [];
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} username="erin" @mfa-failure=${(e: Event) => failures.push(e)}></mfa-prompt>`,
    );
    expect(heading(el)).to.equal('Login not allowed');
    expect(statusText(el)).to.equal('Your account is disabled.');
    expect(chooser(el) === null).to.equal(true, 'no methods');
    expect($(el, 'mfa-remember-me') === null).to.equal(true, 'no remember-me');
    expect(text(link(el, 'help'))).to.equal('Need help?');
    expect((failures[0] as CustomEvent).detail).to.deep.equal({ reason: 'denied', message: 'Your account is disabled.' });
    await expect(el).to.be.accessible();
  });

  it('enroll: the message and a prominent "Add a new device" link to the enrollment URL', async () => {
    const adapter = new FakeAdapter().reply('preauth', {
      result: 'enroll',
      enrollUrl: 'https://mfa.example/enroll?user=carol',
      message: 'Add a device to finish logging in.',
    });
    const el = await mount(adapter);
    expect(heading(el)).to.equal('Add a device to continue');
    expect(statusText(el)).to.equal('Add a device to finish logging in.');
    const enroll = $<HTMLAnchorElement>(el, '[part="enroll-link"]')!;
    expect(enroll.localName).to.equal('a');
    expect(enroll.getAttribute('href')).to.equal('https://mfa.example/enroll?user=carol');
    expect(text(enroll)).to.match(/^Add a new device/);
    expect(link(el, 'add-device').getAttribute('href')).to.equal('https://mfa.example/enroll?user=carol');
    await expect(el).to.be.accessible();
    const fired = oneEvent(el, 'mfa-link');
    el.addEventListener('mfa-link', (event) => event.preventDefault(), { once: true });
    enroll.click();
    expect((await fired).detail).to.deep.equal({ link: 'add-device' });
  });

  it('error: the message with Retry in the status bar; Retry asks the backend again', async () => {
    const adapter = new FakeAdapter().reply('preauth', new MfaError('network', 'fetch failed'));
    const el = await mount(adapter);
    expect(el.state?.phase).to.equal('error');
    expect(heading(el)).to.equal('Something went wrong');
    expect(statusText(el)).to.equal('Could not reach the server. Check your connection and try again.');
    await expect(el).to.be.accessible();
    adapter.reply('preauth', authResult());
    statusButton(el, 'retry')!.click();
    await flush(el);
    expect(el.state?.phase).to.equal('choosing');
    expect(methodButton(el, 'push')).to.exist;
  });
});

describe('<mfa-prompt> events', () => {
  it('a push: mfa-state-change at each step, then mfa-success with token, method and remembered only', async () => {
    const adapter = auth().reply('startPush', pushed());
    const steps: string[] = [];
    const el = await mount(
      adapter,
      html`<mfa-prompt
        .adapter=${adapter}
        username="alice"
        @mfa-state-change=${(e: MfaStateChangeEvent) => steps.push(`${e.detail.phase}/${e.detail.step}`)}
      ></mfa-prompt>`,
    );
    $(el, 'mfa-remember-me')!.shadowRoot!.querySelector('input')!.click();
    methodButton(el, 'push').click();
    await flush(el);
    expect(adapter.call('startPush').args[2]).to.include({ rememberMe: true });
    expect(statusText(el)).to.equal('Pushed a login request to your device...');
    expect(methodButton(el, 'push').disabled).to.equal(true, 'methods are disabled while pending');
    expect(methodButton(el, 'push').getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();

    const success = oneEvent(el, 'mfa-success');
    adapter.lastWatch.push(allowed('token-push', true));
    const { detail } = await success;
    expect(detail).to.deep.equal({ token: 'token-push', method: 'push', remembered: true });
    await flush(el);
    expect(steps).to.deep.equal(['loading/preauth', 'choosing/choose', 'pending/starting', 'pending/pushed', 'success/allow']);
    expect(statusText(el)).to.equal('Success. Logging you in...');
    expect(chooser(el) === null).to.equal(true, 'a final state, not dimmed methods');
    expect($(el, 'mfa-remember-me') === null).to.equal(true);
    expect(text($(el, '[part="success"]'))).to.equal('Verification complete');
  });

  it('a passcode login: mfa-success carries no passcode, and no attribute ever held it', async () => {
    const adapter = auth();
    const events: CustomEvent[] = [];
    const el = await mount(
      adapter,
      html`<mfa-prompt
        .adapter=${adapter}
        username="alice"
        @mfa-success=${(e: CustomEvent) => events.push(e)}
        @mfa-state-change=${(e: CustomEvent) => events.push(e)}
      ></mfa-prompt>`,
    );
    const logged: string[] = [];
    const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
    for (const name of Object.keys(originals) as Array<keyof typeof originals>) {
      console[name] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    }
    try {
      methodButton(el, 'passcode').click();
      await flush(el);
      otpInput()!.value = '9876543';
      logIn(el).click();
      await flush(el);
    } finally {
      Object.assign(console, originals);
    }
    expect(logged.join('\n')).not.to.contain('9876543');
    expect(adapter.call('verifyPasscode').args[1]).to.equal('9876543');
    expect(allAttributeValues(el).some((value) => value.includes('9876543'))).to.equal(false);
    adapter.call('verifyPasscode').resolve(verified('tx-code', false));
    await flush(el);
    const success = events.find((event) => event.type === 'mfa-success')!;
    expect(success.detail).to.deep.equal({ token: 'token-passcode', method: 'passcode', remembered: false });
    for (const event of events) expect(JSON.stringify(event.detail)).not.to.contain('9876543');
    expect(JSON.stringify(el.state)).not.to.contain('9876543');
  });

  it('Cancel during a push fires mfa-cancel and cancels the transaction on the server', async () => {
    const adapter = auth().reply('startPush', pushed('tx-1'));
    const el = await mount(adapter);
    methodButton(el, 'push').click();
    await flush(el);
    const canceled = oneEvent(el, 'mfa-cancel');
    statusButton(el, 'cancel')!.click();
    expect((await canceled).detail).to.deep.equal({ method: 'push' });
    await flush(el);
    expect(adapter.call('cancel').args[0]).to.equal('tx-1');
    expect(statusText(el)).to.equal('Authentication request canceled');
    expect(statusButton(el, 'dismiss')).to.exist;
  });

  it('Cancel says "Canceling..." until the backend confirms; only then mfa-cancel', async () => {
    const adapter = auth().reply('startPush', pushed('tx-1'));
    adapter.autoCancel = false;
    const el = await mount(adapter);
    methodButton(el, 'push').click();
    await flush(el);
    let canceled = 0;
    el.addEventListener('mfa-cancel', () => canceled++);
    statusButton(el, 'cancel')!.click();
    await flush(el);
    expect(statusText(el)).to.equal('Canceling...');
    expect(statusButton(el, 'cancel')).to.equal(null);
    expect(canceled).to.equal(0);
    adapter.call('cancel').resolve();
    await flush(el);
    expect(statusText(el)).to.equal('Authentication request canceled');
    expect(canceled).to.equal(1);
  });

  it('a denied push fires mfa-failure with the reason and the message shown', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter);
    methodButton(el, 'push').click();
    await flush(el);
    const failure = oneEvent(el, 'mfa-failure');
    adapter.lastWatch.push({ status: 'deny', final: true, message: 'Login request denied.' });
    expect((await failure).detail).to.deep.equal({ reason: 'deny', message: 'Login request denied.' });
    await flush(el);
    expect(statusText(el)).to.equal('Login request denied.');
    expect(methodButton(el, 'push').disabled).to.equal(false, 'the user can try again');
  });
});

describe('<mfa-prompt> links', () => {
  it('shows all four links; without a URL each is a button that fires mfa-link for the host', async () => {
    const el = await mount(auth());
    expect(links(el).map(text)).to.deep.equal([
      'What is this?',
      'Add a new device',
      'My Settings & Devices',
      'Need help?',
    ]);
    for (const [name, node] of [
      ['about', link(el, 'about')],
      ['settings', link(el, 'settings')],
      ['help', link(el, 'help')],
    ] as const) {
      expect(node.localName).to.equal('button');
      const fired = oneEvent(el, 'mfa-link');
      node.click();
      const event = await fired;
      expect(event.detail).to.deep.equal({ link: name });
      expect(event.cancelable).to.equal(true);
    }
  });

  it('with a URL it is a link (new tab) and mfa-link is cancelable: preventDefault() stops the navigation', async () => {
    const adapter = auth();
    const el = await mount(
      adapter,
      html`<mfa-prompt
        .adapter=${adapter}
        about-url="https://mfa.example/about"
        settings-url="/settings"
        help-url="https://help.example/"
      ></mfa-prompt>`,
    );
    const about = link(el, 'about') as HTMLAnchorElement;
    expect(about.localName).to.equal('a');
    expect(about.getAttribute('href')).to.equal('https://mfa.example/about');
    expect(about.target).to.equal('_blank');
    expect(about.rel).to.contain('noopener');
    expect(text(about)).to.equal('What is this? (opens in a new tab)');
    expect(link(el, 'settings').getAttribute('href')).to.equal('/settings');

    // Record whether the prompt prevented the click, then prevent it anyway so the test opens no tab.
    let prevented: boolean | undefined;
    const observe = (event: Event): void => {
      prevented = event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('click', observe);
    try {
      const cancel = (event: MfaLinkEvent): void => event.preventDefault();
      el.addEventListener('mfa-link', cancel, { once: true });
      about.click();
      expect(prevented).to.equal(true, 'the host canceled mfa-link: no navigation');

      const fired = oneEvent(el, 'mfa-link');
      link(el, 'help').click();
      expect((await fired).detail).to.deep.equal({ link: 'help' });
      expect(prevented).to.equal(false, 'not canceled: the link navigates');
    } finally {
      window.removeEventListener('click', observe);
    }
  });

  it('"Add a new device" goes to add-device-url, else to the backend\'s enrollment URL', async () => {
    const adapter = new FakeAdapter().reply('preauth', authResult({ enrollUrl: 'https://mfa.example/enroll' }));
    const el = await mount(adapter);
    expect(link(el, 'add-device').getAttribute('href')).to.equal('https://mfa.example/enroll');
    el.addDeviceUrl = 'https://site.example/devices/new';
    await el.updateComplete;
    expect(link(el, 'add-device').getAttribute('href')).to.equal('https://site.example/devices/new');
  });

  it('never puts a javascript: URL into an href, from an attribute or the backend', async () => {
    const adapter = new FakeAdapter().reply('preauth', {
      result: 'enroll',
      enrollUrl: 'javascript:alert(1)',
      message: 'Add a device.',
    });
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} help-url="javascript:alert(2)" username="carol"></mfa-prompt>`,
    );
    expect(el.shadowRoot!.querySelectorAll('[href]')).to.have.length(0);
    expect(link(el, 'help').localName).to.equal('button');
    expect($(el, '[part="enroll-link"]')!.localName).to.equal('button');
  });

  it('host links win: in the enroll phase the host\'s add-device-url wins over the backend\'s enrollUrl', async () => {
    const adapter = new FakeAdapter().reply('preauth', {
      result: 'enroll',
      enrollUrl: 'https://mfa.example/enroll?user=carol',
      message: 'Add a device.',
    });
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} add-device-url="https://site.example/devices/new" username="carol"></mfa-prompt>`,
    );
    expect($(el, '[part="enroll-link"]')!.getAttribute('href')).to.equal('https://site.example/devices/new');
    expect(link(el, 'add-device').getAttribute('href')).to.equal('https://site.example/devices/new');
  });

  for (const unsafe of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', ' JavaScript:alert(1)']) {
    it(`host links win: an enrollUrl "${unsafe}" is never a link; the host's https URL is used`, async () => {
      const adapter = new FakeAdapter().reply('preauth', { result: 'enroll', enrollUrl: unsafe, message: 'Add a device.' });
      const el = await mount(
        adapter,
        html`<mfa-prompt .adapter=${adapter} add-device-url="https://site.example/devices/new" username="carol"></mfa-prompt>`,
      );
      expect($(el, '[part="enroll-link"]')!.getAttribute('href')).to.equal('https://site.example/devices/new');
      expect(allAttributeValues(el).some((value) => /^\s*(javascript|data):/i.test(value))).to.equal(false);

      const bare = new FakeAdapter().reply('preauth', { result: 'enroll', enrollUrl: unsafe, message: 'Add a device.' });
      const alone = await mount(bare, html`<mfa-prompt .adapter=${bare} username="carol"></mfa-prompt>`);
      expect($(alone, '[part="enroll-link"]')!.localName).to.equal('button');
      expect(link(alone, 'add-device').localName).to.equal('button');
    });
  }

  it('renders backend texts as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned = true">';
    const adapter = new FakeAdapter().reply('preauth', authResult({ devices: [{ ...iphone, displayName: evil }] }));
    const el = await mount(adapter);
    expect(chooser(el)!.shadowRoot.querySelector('img') === null).to.equal(true);
    expect(text(chooser(el)!.shadowRoot.querySelector('[part="device-name"]'))).to.equal(evil);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });
});

describe('<mfa-prompt> passcode field in the light DOM', () => {
  it('is in the page\'s DOM while the passcode entry is open, focused, and gone once it closes', async () => {
    const el = await mount(auth());
    expect(otpInput() === null).to.equal(true, 'no passcode input');
    methodButton(el, 'passcode').focus();
    await sendKeys({ press: 'Enter' });
    await flush(el);

    const input = otpInput()!;
    expect(input).to.exist;
    expect(el.contains(input)).to.equal(true, 'a light-DOM descendant of the prompt');
    expect(input.closest('mfa-passcode-input')!.slot).to.equal('passcode');
    expectFocusOn(input, 'focus moved into the field');
    expect(el.querySelector('mfa-passcode-input')!.assignedSlot === $(el, 'slot[name="passcode"]')).to.equal(true);
    await expect(el).to.be.accessible();

    // The landline cannot take passcodes: choosing it closes the entry.
    const select = chooser(el)!.shadowRoot.querySelector('select')!;
    select.value = landline.id;
    select.dispatchEvent(new Event('change'));
    await flush(el);
    expect(el.state?.passcodeEntryOpen).to.equal(false);
    expect(otpInput() === null).to.equal(true, 'the input is gone');
    expect(el.querySelector('mfa-passcode-input') === null).to.equal(true);
  });

  it('a wrong code keeps the field, empties it and shows the error; the code never reaches the DOM', async () => {
    const adapter = auth().reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong', { attemptsLeft: 4 }));
    const el = await mount(adapter);
    methodButton(el, 'passcode').click();
    await flush(el);
    otpInput()!.value = '1234567';
    logIn(el).click();
    await flush(el);
    expect(otpInput()!.value).to.equal('');
    expect(el.state?.passcodeError).to.equal('Incorrect passcode. Please try again. 4 attempts left.');
    expect(allAttributeValues(el).some((value) => value.includes('1234567'))).to.equal(false);
  });
});

describe('<mfa-prompt> focus', () => {
  it('after "Send me a Push" by keyboard, focus is on the status message, with Cancel next', async () => {
    const el = await mount(auth().reply('startPush', pushed()));
    methodButton(el, 'push').focus();
    await sendKeys({ press: 'Enter' });
    await flush(el);
    expect(deepActive()?.getAttribute('part')).to.equal('message');
    expect(statusBar(el).shadowRoot!.contains(deepActive())).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(statusButton(el, 'cancel'), 'Tab goes to Cancel');
  });

  it('completes a push login with the keyboard only', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter);
    chooser(el)!.shadowRoot.querySelector('select')!.focus();
    await sendKeys({ press: 'Tab' });
    expectFocusOn(methodButton(el, 'push'), 'Tab goes from the select to the push button');
    await sendKeys({ press: 'Space' });
    await flush(el);
    const success = oneEvent(el, 'mfa-success');
    adapter.lastWatch.push(allowed('token-keyboard'));
    expect((await success).detail.token).to.equal('token-keyboard');
    await flush(el);
    expect(document.activeElement === document.body, 'focus fell to <body>').to.equal(false);
  });

  it('does not lose focus to <body> when the focused control disappears', async () => {
    const adapter = auth().reply('verifyPasscode', new MfaError('expired', 'gone'));
    const el = await mount(adapter);
    methodButton(el, 'passcode').click();
    await flush(el);
    otpInput()!.value = '123456';
    otpInput()!.focus();
    await sendKeys({ press: 'Enter' });
    await flush(el);
    // The attempt expired: the flow stops, the field goes away with the methods.
    expect(el.state?.phase).to.equal('error');
    expect(otpInput() === null).to.equal(true, 'no passcode input');
    expect(document.activeElement === document.body, 'focus fell to <body>').to.equal(false);
    expect(statusBar(el).shadowRoot!.contains(deepActive())).to.equal(true);
  });

  it('does not take focus from the rest of the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><input id="elsewhere" aria-label="Elsewhere" /></div>`);
    const adapter = auth().reply('startPush', pushed());
    const el = document.createElement('mfa-prompt');
    el.adapter = adapter;
    wrapper.append(el);
    await flush(el);
    const elsewhere = wrapper.querySelector<HTMLInputElement>('#elsewhere')!;
    elsewhere.focus();
    el.flow!.push();
    await flush(el);
    el.flow!.openPasscodeEntry();
    await flush(el);
    expectFocusOn(elsewhere, 'focus stays where the user put it');
  });
});

describe('<mfa-prompt> texts', () => {
  it('takes localised texts through messages: the frame\'s at once, the flow\'s from the start', async () => {
    const adapter = auth();
    const messages = {
      chooseMethod: 'Choisissez une méthode',
      methods: { push: 'Envoyer une notification', phone: 'M\'appeler', passcode: 'Saisir un code' },
      links: { help: 'Besoin d\'aide ?' },
    };
    const el = await mount(adapter, html`<mfa-prompt .adapter=${adapter} .messages=${messages}></mfa-prompt>`);
    expect(heading(el)).to.equal('Choisissez une méthode');
    expect(text(methodButton(el, 'phone'))).to.equal('M\'appeler');
    expect(links(el).map(text)).to.deep.equal(['What is this?', 'Add a new device', 'My Settings & Devices', 'Besoin d\'aide ?']);
  });
});

describe('<mfa-prompt> accessibility', () => {
  it('is axe-clean at every step of a login: choosing, passcode entry, pending, success', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter);
    await expect(el).to.be.accessible();
    methodButton(el, 'passcode').click();
    await flush(el);
    await expect(el).to.be.accessible();
    methodButton(el, 'push').click();
    await flush(el);
    expect(el.state?.phase).to.equal('pending');
    await expect(el).to.be.accessible();
    adapter.lastWatch.push(allowed());
    await flush(el);
    expect(el.state?.phase).to.equal('success');
    await expect(el).to.be.accessible();
  });

  it('labels every control and link', async () => {
    const el = await mount(auth());
    const nav = $(el, 'nav')!;
    expect(nav.getAttribute('aria-label')).to.equal('Help and settings');
    for (const node of links(el)) expect(text(node)).not.to.equal('');
  });
});

describe('<mfa-prompt> lifecycle', () => {
  it('disconnecting cancels a pending push', async () => {
    const adapter = auth().reply('startPush', pushed('tx-pending'));
    const el = await mount(adapter);
    methodButton(el, 'push').click();
    await flush(el);
    el.remove();
    await settle();
    expect(adapter.callsOf('cancel').map((call) => call.args[0])).to.deep.equal(['tx-pending']);
    expect(el.state).to.equal(undefined);
  });

  it('moving the element in the page keeps the login going', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter);
    methodButton(el, 'push').click();
    await flush(el);
    const other = document.createElement('div');
    el.parentElement!.after(other);
    other.append(el);
    await flush(el);
    expect(adapter.count('cancel')).to.equal(0);
    expect(el.state?.phase).to.equal('pending');
    other.remove();
  });
});

describe('<mfa-prompt> layout', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  const withSlots = (adapter: FakeAdapter) => html`<mfa-prompt .adapter=${adapter} username="alice">
    <img
      slot="branding"
      alt="Example Corp"
      width="400"
      height="80"
      src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='400' height='80'/%3E"
    />
    <span slot="footer">Powered by Example Security</span>
  </mfa-prompt>`;

  it('at 320 px wide: no horizontal overflow, the side column below the main one', async () => {
    await setViewport({ width: 320, height: 800 });
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter, withSlots(adapter));
    methodButton(el, 'passcode').click();
    await flush(el);
    methodButton(el, 'push').click();
    await flush(el);
    const root = document.documentElement;
    expect(root.scrollWidth).to.be.at.most(root.clientWidth);
    for (const part of ['card', 'main', 'side']) {
      const node = $(el, `[part="${part}"]`)!;
      expect(node.scrollWidth, part).to.be.at.most(node.clientWidth);
    }
    expect(el.getBoundingClientRect().right).to.be.at.most(320);
    const main = $(el, '[part="main"]')!.getBoundingClientRect();
    const side = $(el, '[part="side"]')!.getBoundingClientRect();
    expect(side.top).to.be.at.least(main.bottom);
  });

  it('wide: the side column at the inline start, mirrored with dir="rtl"', async () => {
    await setViewport({ width: 900, height: 700 });
    const adapter = auth();
    const wrapper = await fixture<HTMLDivElement>(html`<div>${withSlots(adapter)}</div>`);
    const el = wrapper.querySelector('mfa-prompt')!;
    await flush(el);
    const box = (part: string) => $(el, `[part="${part}"]`)!.getBoundingClientRect();
    expect(box('side').right).to.be.at.most(box('main').left + 1);
    expect(box('brand').right).to.be.at.most(box('main').left + 1);
    expect(box('brand').top).to.equal(box('main').top, 'the logo at the top of the side column');
    expect(box('side').top).to.be.at.least(box('brand').bottom);

    wrapper.dir = 'rtl';
    await flush(el);
    expect(box('side').left).to.be.at.least(box('main').right - 1);
    expect(box('brand').left).to.be.at.least(box('main').right - 1);
    await expect(el).to.be.accessible();
  });
});

describe('<mfa-prompt> with the simulated backend over HTTP', () => {
  let backend: MockBackend;

  before(async () => {
    backend = await startMockBackend({ quiet: true });
  });
  after(() => backend.stop());
  beforeEach(() => backend.simulator.reset());

  it('base-url: a push approved on the phone logs alice in', async () => {
    const ticket = backend.simulator.issueTicket('alice');
    const el = await fixture<MfaPrompt>(html`<mfa-prompt base-url="/mfa" username="alice" ticket=${ticket}></mfa-prompt>`);
    await waitUntil(() => el.state?.phase === 'choosing', 'preauth never answered');
    await flush(el);
    const success = oneEvent(el, 'mfa-success');
    methodButton(el, 'push').click();
    await waitUntil(() => backend.simulator.phone('alice').pendingPush() !== undefined, 'no push arrived');
    // Alice types on her phone the code the prompt shows (Verified Push).
    const shownCode = (): string =>
      text(statusBar(el).shadowRoot!.querySelector('[part="verification-code"]'));
    await waitUntil(() => shownCode() === backend.simulator.phone('alice').pendingPush()?.verificationCode, 'the code never showed');
    backend.simulator.phone('alice').approvePush(shownCode());
    const { detail } = await success;
    expect(detail.method).to.equal('push');
    expect(detail.token).to.be.a('string').and.not.empty;
    await flush(el);
    expect(statusText(el)).to.equal('Success. Logging you in...');
  });
});
