/**
 * End to end, in Chromium: how a login ends before or without a method, through the real `<mfa-prompt
 * base-url="/mfa">` and the simulated backend: a remembered device (the remember-me cookie lives in MSW's
 * cookie jar), a remembered user, a user exempt from the second factor, enrollment, an administrator's denial, an unknown user or a bad or missing
 * first-factor ticket, a locked account.
 */
import { expect } from '@open-wc/testing';
import {
  click,
  controls,
  eventsOf,
  flush,
  get,
  headingText,
  logInWith,
  nextEvent,
  openPrompt,
  press,
  query,
  statusText,
  ticketFor,
  until,
  useSimulatedBackend,
  waitForStatus,
  type Prompt,
  approveWithShownCode,
} from './support/e2e.js';
import { DEFAULT_USERS } from '../../mock-server/core/users.js';

const SUCCESS = 'Success. Logging you in...';
const REMEMBERED = 'This device is remembered. Logging you in...';
/** The buttons in the card, not counting the side column's links ("Need help?"...), which are always there. */
const cardButtons = (prompt: Prompt): string[] =>
  controls(prompt.el, 'button')
    .filter(({ node }) => node.closest('[part~="side"]') === null)
    .map(({ name }) => name);

describe('e2e: outcomes', function () {
  const backend = useSimulatedBackend();
  const alice = () => backend.sim.phone('alice');

  const rememberMe = (prompt: Prompt) => get<HTMLInputElement>(prompt.el, 'checkbox', 'Remember me for 8 hours');

  /** Logs alice in with a push approved on the phone, ticking "Remember me" first if asked. */
  async function pushLogin(prompt: Prompt, { remember }: { remember: boolean }): Promise<{ method: string; remembered: boolean }> {
    if (remember) {
      await click(rememberMe(prompt));
      await flush(prompt.el);
      expect(rememberMe(prompt).checked).to.equal(true);
    }
    await press(prompt.el, 'Send me a Push');
    await until(() => alice().pendingPush() !== undefined, 'no push reached the phone');
    await approveWithShownCode(prompt.el, alice());
    const detail = await nextEvent<{ method: string; remembered: boolean }>(prompt, 'mfa-success');
    await waitForStatus(prompt.el, SUCCESS);
    return detail;
  }

  /** A prompt that finished without a second factor: the host got mfa-success "remembered" (remembered: true) and no methods show. */
  async function expectRememberedLogin(prompt: Prompt): Promise<void> {
    const detail = await nextEvent<{ token: string; method: string; remembered: boolean }>(prompt, 'mfa-success');
    expect(detail.method).to.equal('remembered');
    expect(detail.remembered).to.equal(true, 'the device is remembered');
    expect(detail.token).to.match(/^login_\w{20,}$/);
    expect(Object.keys(detail).sort()).to.deep.equal(['method', 'remembered', 'token']);
    await waitForStatus(prompt.el, REMEMBERED);
    expect(headingText(prompt.el)).to.equal('No second step needed');
    expect(cardButtons(prompt)).to.deep.equal([], 'no method to choose');
    expect(eventsOf(prompt, 'mfa-state-change').at(-1)?.detail).to.deep.equal({ phase: 'success', step: 'remembered' });
  }

  describe('remembered device', () => {
    it('"Remember me for 8 hours" ticked: the next prompt for the same user finishes at once (cookie in MSW\'s jar)', async () => {
      const first = await openPrompt('alice');
      expect(first.el.state?.phase).to.equal('choosing', 'not remembered yet');
      const login = await pushLogin(first, { remember: true });
      expect(login.method).to.equal('push');
      expect(login.remembered).to.equal(true, 'the backend now remembers this device');
      first.el.remove();

      const second = await openPrompt('alice');
      await expectRememberedLogin(second);
      expect(backend.count('POST', '/mfa/transactions')).to.equal(1, 'the second login started nothing');
    });

    it('restart() after a remembered login finishes at once too; another user is still asked', async () => {
      const prompt = await openPrompt('alice');
      await pushLogin(prompt, { remember: true });
      prompt.events.length = 0;
      prompt.el.restart();
      await flush(prompt.el);
      await expectRememberedLogin(prompt);

      const bob = await openPrompt('bob');
      expect(bob.el.state?.phase).to.equal('choosing', 'the cookie remembers alice only');
      expect(eventsOf(bob, 'mfa-success')).to.have.length(0);
    });

    it('without ticking "Remember me", the next prompt asks for a second factor again', async () => {
      const first = await openPrompt('alice');
      expect((await pushLogin(first, { remember: false })).remembered).to.equal(false);
      first.el.remove();

      const second = await openPrompt('alice');
      expect(second.el.state?.phase).to.equal('choosing');
      expect(headingText(second.el)).to.equal('Choose an authentication method');
      expect(eventsOf(second, 'mfa-success')).to.have.length(0);
    });

    it('dave, remembered by the backend, finishes at once', async () => {
      const prompt = await openPrompt('dave');
      await expectRememberedLogin(prompt);
      expect(backend.count('POST', '/mfa/preauth')).to.equal(1);
    });
  });

  describe('a user exempt from the second factor', () => {
    it('finishes at once: mfa-success method "not-required", not remembered, and nothing says "remembered"', async () => {
      const frank = { username: 'frank', description: 'Exempt from the second factor by policy.', devices: [], preauth: { result: 'allow' as const, message: 'No second factor needed. Logging you in...' } };
      backend.useSimulator({ users: [...DEFAULT_USERS, frank] });
      const prompt = await openPrompt('frank');
      const detail = await nextEvent<{ token: string; method: string; remembered: boolean }>(prompt, 'mfa-success');
      expect(detail.method).to.equal('not-required');
      expect(detail.remembered).to.equal(false);
      expect(detail.token).to.match(/^login_\w{20,}$/);
      await waitForStatus(prompt.el, 'No second factor needed. Logging you in...');
      expect(headingText(prompt.el)).to.equal('No second step needed');
      expect(/remembered/i.test(prompt.el.shadowRoot!.textContent ?? '')).to.equal(false, 'an exempt user does not read "remembered"');
      expect(cardButtons(prompt)).to.deep.equal([], 'no method to choose');
      expect(eventsOf(prompt, 'mfa-state-change').at(-1)?.detail).to.deep.equal({ phase: 'success', step: 'not-required' });
    });
  });

  describe('no method to offer', () => {
    it('carol has no device: the enrollment link to her URL, and no methods', async () => {
      const prompt = await openPrompt('carol');
      expect(headingText(prompt.el)).to.equal('Add a device to continue');
      expect(statusText(prompt.el)).to.equal('Two-factor authentication is required: add a device to continue.');
      // The prominent one in the card, and the side link: both go to the backend's enrollment URL, in a new tab.
      const links = controls(prompt.el, 'link').filter(({ name }) => name === 'Add a new device (opens in a new tab)');
      expect(links.map(({ node }) => node.getAttribute('href'))).to.deep.equal([
        'https://mfa.example/enroll?user=carol',
        'https://mfa.example/enroll?user=carol',
      ]);
      expect(links.every(({ node }) => node.getAttribute('target') === '_blank')).to.equal(true);
      expect(cardButtons(prompt)).to.deep.equal([], 'no method to choose');
      expect(query(prompt.el, 'checkbox', /Remember me/) === null).to.equal(true);

      // The host may take the user there itself: mfa-link, cancelable.
      prompt.el.addEventListener('mfa-link', (event) => event.preventDefault(), { once: true });
      await click(links[0]!.node);
      expect(eventsOf(prompt, 'mfa-link').map((event) => JSON.stringify(event.detail))).to.deep.equal(['{"link":"add-device"}']);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);
    });

    it('erin is denied by her administrator: the message, no methods, and mfa-failure "denied"', async () => {
      const prompt = await openPrompt('erin');
      const message = 'Your account is not allowed to use two-factor login. Contact your help desk.';
      expect(headingText(prompt.el)).to.equal('Login not allowed');
      expect(statusText(prompt.el)).to.equal(message);
      expect(cardButtons(prompt)).to.deep.equal([], 'no method, no Dismiss');
      expect(query(prompt.el, 'checkbox', /Remember me/) === null).to.equal(true);
      expect(eventsOf(prompt, 'mfa-failure').map((event) => JSON.stringify(event.detail))).to.deep.equal([
        JSON.stringify({ reason: 'denied', message }),
      ]);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);
    });

    /** What the user sees and the host page hears when preauth refused the ticket. */
    const refusal = (prompt: Prompt) =>
      JSON.stringify({
        heading: headingText(prompt.el),
        status: statusText(prompt.el),
        buttons: cardButtons(prompt),
        phase: prompt.el.state?.phase,
        failures: eventsOf(prompt, 'mfa-failure').map((event) => event.detail),
      });

    it('first-factor ticket: an unknown user gets the answer a bad ticket gets, so nobody learns who exists', async () => {
      const mallory = await openPrompt('mallory');
      expect(headingText(mallory.el)).to.equal('Something went wrong');
      expect(statusText(mallory.el)).to.equal('This login attempt has expired. Please start again.');
      expect(cardButtons(mallory)).to.deep.equal(['Retry'], 'no method; Retry asks again');
      expect(eventsOf(mallory, 'mfa-failure').map((event) => JSON.stringify(event.detail))).to.deep.equal([
        JSON.stringify({ reason: 'expired', message: 'This login attempt has expired. Please start again.' }),
      ]);
      const unknownUser = refusal(mallory);
      mallory.el.remove();

      // alice exists, but her ticket's signature was tampered with: the very same answer.
      const valid = ticketFor('alice');
      const forged = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`;
      const alice = await openPrompt('alice', { ticket: forged });
      expect(refusal(alice)).to.equal(unknownUser);
      alice.el.remove();

      // And alice's valid ticket sent with bob's name.
      const bob = await openPrompt('bob', { ticket: valid });
      expect(refusal(bob)).to.equal(unknownUser);
      expect(backend.count('POST', '/mfa/transactions')).to.equal(0, 'nothing reached a phone');
    });

    it('first-factor ticket: a page that sets no ticket gets no methods, whatever the username', async () => {
      const prompt = await openPrompt('alice', { ticket: '' });
      expect(prompt.el.state?.phase).to.equal('error');
      expect(cardButtons(prompt)).to.deep.equal(['Retry']);
      expect(eventsOf(prompt, 'mfa-failure').map((event) => (event.detail as { reason: string }).reason)).to.deep.equal(['invalid_request']);
      expect(backend.sim.phone('alice').pendingPush() === undefined).to.equal(true);
      expect(backend.count('POST', '/mfa/preauth')).to.equal(1);
      expect(backend.count('POST', '/mfa/transactions')).to.equal(0);
    });

    it('a locked account: a new login is denied, saying for how long and whom to ask', async () => {
      backend.useSimulator({ lockoutThreshold: 1 });
      const first = await openPrompt('alice');
      await press(first.el, 'Enter a Passcode');
      await logInWith(first.el, '1234567');
      await waitForStatus(first.el, 'Your account is locked out. Contact your help desk to unlock it.');
      first.el.remove();

      const second = await openPrompt('alice');
      expect(headingText(second.el)).to.equal('Login not allowed');
      expect(statusText(second.el)).to.equal(
        'Your account is locked after too many failed attempts. Try again in 15 minutes or ask your help desk to unlock it.',
      );
      expect(cardButtons(second)).to.deep.equal([]);
    });
  });
});
