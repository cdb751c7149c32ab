/**
 * Verified Push, time limits and the Send codes cooldown as the user sees and hears them (issue 8): the code
 * large with its digit-by-digit text, the time left that is shown but not announced, the one announcement,
 * "Send another push", and Send codes that returns by itself.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { StatusUpdate, Transaction } from '../../src/adapter/types.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import type { MfaStatusBar } from '../../src/elements/mfa-status-bar.js';
import type { FlowClock } from '../../src/flow/index.js';
import { MfaFlow } from '../../src/flow/index.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, pushed, sent } from '../node/support/flow-fixtures.js';

async function flush(el: MfaPrompt): Promise<void> {
  await settle();
  await el.updateComplete;
  const parts = [...el.shadowRoot!.querySelectorAll('*'), ...el.querySelectorAll('*')].filter(
    (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
  );
  await Promise.all(parts.map((part) => part.updateComplete));
  await settle();
}

const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const bar = (el: MfaPrompt): ShadowRoot => el.shadowRoot!.querySelector('mfa-status-bar')!.shadowRoot!;
const politeRegion = (el: MfaPrompt): Element => bar(el).querySelector('[role="status"]')!;
const part = (el: MfaPrompt, name: string): HTMLElement | null => bar(el).querySelector(`[part="${name}"]`);
const retryButton = (el: MfaPrompt): HTMLButtonElement | null => bar(el).querySelector('button[data-action="retry"]');
const pushButton = (el: MfaPrompt): HTMLButtonElement =>
  el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!.querySelector('button[data-method="push"]')!;
const passcode = (el: MfaPrompt) => el.querySelector('mfa-passcode-input')!;

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const withStatus = (transaction: Transaction, extra: Partial<StatusUpdate>): Transaction =>
  ({ ...transaction, status: { ...transaction.status, ...extra } }) as Transaction;

/** A prompt whose push is pending with `extra` on its `pushed` status. */
async function pushPending(extra: Partial<StatusUpdate>) {
  const adapter = new FakeAdapter().reply('preauth', authResult());
  const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`);
  await flush(el);
  adapter.reply('startPush', withStatus(pushed(), extra));
  pushButton(el).focus();
  pushButton(el).click();
  await flush(el);
  return { el, adapter };
}

/** Every text the polite region showed, recorded as it changes. */
function recordAnnouncements(region: Element): string[] {
  const seen: string[] = [];
  new MutationObserver(() => {
    const now = text(region);
    if (now && now !== seen.at(-1)) seen.push(now);
  }).observe(region, { childList: true, subtree: true, characterData: true });
  return seen;
}

describe('Verified Push in <mfa-prompt>', () => {
  it('shows the code large under "Enter this code in your app", heard once digit by digit, with Cancel', async () => {
    const { el } = await pushPending({ verificationCode: '708' });
    const code = part(el, 'verification-code')!;
    expect(text(code)).to.equal('708');
    expect(parseFloat(getComputedStyle(code).fontSize)).to.be.greaterThan(
      parseFloat(getComputedStyle(politeRegion(el)).fontSize) * 1.5,
      'large',
    );
    expect(text(part(el, 'verification'))).to.equal('Enter this code in your app 708');
    // The large digits are hidden from screen readers; the live region says them one by one, once.
    expect(part(el, 'verification')!.getAttribute('aria-hidden')).to.equal('true');
    expect(text(politeRegion(el))).to.equal('Pushed a login request to your device... Enter this code in your app: 7 0 8.');
    expect(text(bar(el).querySelector('[role="alert"]'))).to.equal('');
    expect(bar(el).querySelector('button[data-action="cancel"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a push without a code shows no code box', async () => {
    const { el } = await pushPending({});
    expect(part(el, 'verification')).to.equal(null);
    expect(text(politeRegion(el))).to.equal('Pushed a login request to your device...');
  });

  it("a wrong code typed on the phone: the backend's deny text, and the code is gone", async () => {
    const { el, adapter } = await pushPending({ verificationCode: '708' });
    adapter.lastWatch.push({ status: 'deny', final: true, message: 'Wrong code entered on the phone. Login denied.' });
    await flush(el);
    expect(part(el, 'verification')).to.equal(null);
    expect(text(bar(el).querySelector('[role="alert"]'))).to.equal('Wrong code entered on the phone. Login denied.');
  });
});

describe('time limits in <mfa-prompt>', () => {
  it('shows the time left as a timer outside the live regions, and it counts down without announcing', async () => {
    const { el } = await pushPending({ expiresInSeconds: 90 });
    const timer = part(el, 'time-left')!;
    expect(timer.getAttribute('role')).to.equal('timer');
    expect(timer.closest('[role="status"], [role="alert"], [aria-live]')).to.equal(null);
    expect(text(timer)).to.match(/^1:(30|29) left$/);
    const announcements = recordAnnouncements(politeRegion(el));
    const before = text(timer);
    await waitUntil(() => text(part(el, 'time-left')) !== before, 'the time left never changed', { timeout: 2500 });
    expect(announcements).to.deep.equal([], 'the live region did not tick');
    el.remove();
  });

  it('announces once, about 20 seconds before the end', async () => {
    const { el } = await pushPending({ expiresInSeconds: 21, verificationCode: '4321' });
    const announcements = recordAnnouncements(politeRegion(el));
    await waitUntil(() => el.state?.step === 'expiring', 'no announcement', { timeout: 2500 });
    await flush(el);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await flush(el);
    expect(announcements).to.deep.equal(['About 20 seconds left to approve. Enter this code in your app: 4 3 2 1.']);
    expect(text(part(el, 'verification-code'))).to.equal('4321');
    el.remove();
  });

  it('at expiry, "Send another push" sends another with the keyboard alone', async () => {
    const { el, adapter } = await pushPending({ expiresInSeconds: 1 });
    await waitUntil(() => retryButton(el) !== null, 'no button at expiry', { timeout: 3500 });
    await flush(el);
    expect(text(retryButton(el))).to.equal('Send another push');
    expect(text(bar(el).querySelector('[role="alert"]'))).to.equal('Authentication timed out. Choose a method to try again.');
    expect(part(el, 'time-left')).to.equal(null);
    expect(adapter.count('cancel')).to.equal(1, 'the expired push was canceled on the server');
    // Focus was on the status (moved there when the push started): one Tab reaches the button.
    const focused = deepActive();
    expect(focused?.getAttribute('part')).to.equal('message');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // Dismiss comes first
    expect(deepActive()).to.equal(retryButton(el));
    adapter.reply('startPush', pushed('tx-push-2'));
    await sendKeys({ press: 'Enter' });
    await flush(el);
    expect(adapter.count('startPush')).to.equal(2);
    expect(el.state?.phase).to.equal('pending');
    await expect(el).to.be.accessible();
  });
});

describe('the Send codes cooldown in <mfa-prompt>', () => {
  it('says when new codes can be sent (not as an error), keeps focus in the field, and returns Send codes', async () => {
    const adapter = new FakeAdapter().reply('preauth', authResult());
    const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`);
    await flush(el);
    el.flow!.openPasscodeEntry();
    await flush(el);
    const sendCodes = (): HTMLButtonElement | null => passcode(el).shadowRoot!.querySelector('[part="send-codes-button"]');
    const batch = sent(2);
    (batch.status as { resendInSeconds?: number }).resendInSeconds = 2;
    adapter.reply('sendSmsPasscodes', batch);
    sendCodes()!.focus();
    await sendKeys({ press: 'Enter' });
    await flush(el);
    const wait = passcode(el).shadowRoot!.querySelector('[part="send-codes-wait"]');
    expect(text(wait)).to.equal('You can send new codes in 2 s');
    expect(sendCodes()).to.equal(null);
    expect(wait!.closest('[aria-live], [role="alert"], [role="status"]')).to.equal(null);
    expect(text(bar(el).querySelector('[role="alert"]'))).to.equal('', 'not an error');
    expect(deepActive()).to.equal(el.querySelector('input'), 'focus moved to the field, not lost');
    await expect(el).to.be.accessible();
    await waitUntil(() => sendCodes() !== null, 'Send codes never came back', { timeout: 3500 });
    expect(passcode(el).shadowRoot!.querySelector('[part="send-codes-wait"]')).to.equal(null);
  });
});

describe('<mfa-status-bar> countdown on the flow clock', () => {
  it('renders the time left from the flow state and its clock', async () => {
    let now = 0;
    const clock: FlowClock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const adapter = new FakeAdapter().reply('preauth', authResult());
    const flow = new MfaFlow(adapter, { username: 'alice', clock });
    flow.start();
    await settle();
    adapter.reply('startPush', withStatus(pushed(), { expiresInSeconds: 125 }));
    flow.push();
    await settle();
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar .flow=${flow}></mfa-status-bar>`);
    expect(text(el.shadowRoot!.querySelector('[part="time-left"]'))).to.equal('2:05 left');
    now = 65_500;
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part="time-left"]'))).to.equal('1:00 left');
    flow.destroy();
  });
});

describe('<mfa-status-bar> countdown on a right-to-left page', () => {
  it('keeps the English time left in its own direction, so it reads "1:05 left", not "left 1:05"', async () => {
    const clock: FlowClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };
    const adapter = new FakeAdapter().reply('preauth', authResult());
    const flow = new MfaFlow(adapter, { username: 'alice', clock });
    flow.start();
    await settle();
    adapter.reply('startPush', withStatus(pushed(), { expiresInSeconds: 65 }));
    flow.push();
    await settle();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><mfa-status-bar .flow=${flow}></mfa-status-bar></div>`);
    const bar = wrapper.querySelector('mfa-status-bar')!;
    await bar.updateComplete;
    const timer = bar.shadowRoot!.querySelector('[part="time-left"]')!;
    expect(timer.matches(':dir(ltr)')).to.equal(true, 'English text is laid out left to right');
    flow.destroy();
  });
});
