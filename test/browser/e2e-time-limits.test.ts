/**
 * End to end with the keyboard alone, against the simulated backend: Verified Push (the code on the screen,
 * typed on the phone, right or wrong), the time a push has left, its one announcement, and "Send another
 * push" at the end (issue 8).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  approveWithShownCode,
  button,
  nextEvent,
  shownCode,
  spokenStatus,
  statusText,
  timeLeftText,
  until,
  useSimulatedBackend,
  openPrompt,
  waitForStatus,
  type Prompt,
} from './support/e2e.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';

const PUSHED = 'Pushed a login request to your device...';

/** The innermost focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const statusButton = (el: MfaPrompt, action: string): HTMLButtonElement | null =>
  el.shadowRoot!.querySelector('mfa-status-bar')!.shadowRoot!.querySelector(`button[data-action="${action}"]`);

/** Focus on Send me a Push (where Tab from the device select puts it), then Enter: the push is on the phone. */
async function pushWithEnter(prompt: Prompt, phone: { pendingPush(): unknown }): Promise<void> {
  button(prompt.el, 'Send me a Push').focus();
  await sendKeys({ press: 'Enter' });
  await until(() => phone.pendingPush() !== undefined, 'no push reached the phone');
  await waitForStatus(prompt.el, PUSHED);
}

/** Tab from where focus is (the status message) until `target` has focus; at most `limit` presses. */
async function tabTo(target: () => Element | null, what: string, limit = 4): Promise<void> {
  for (let presses = 0; presses < limit && deepActive() !== target(); presses += 1) await sendKeys({ press: 'Tab' });
  expect(deepActive() === target(), `Tab never reached ${what}`).to.equal(true);
}

describe('e2e: Verified Push and time limits, keyboard only', function () {
  const backend = useSimulatedBackend();
  const alice = () => backend.sim.phone('alice');

  it('the screen shows the code the phone asks for, said digit by digit; typed on the phone, it logs in', async () => {
    const prompt = await openPrompt('alice');
    await pushWithEnter(prompt, alice());
    const code = alice().pendingPush()!.verificationCode!;
    expect(code).to.match(/^\d{3,6}$/);
    expect(shownCode(prompt.el)).to.equal(code);
    expect(spokenStatus(prompt.el)).to.equal(`${PUSHED} Enter this code in your app: ${[...code].join(' ')}.`);
    await approveWithShownCode(prompt.el, alice());
    const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success');
    expect(detail.method).to.equal('push');
  });

  it("a wrong code typed on the phone: the backend's text, and Enter on Send me a Push tries again", async () => {
    const prompt = await openPrompt('alice');
    await pushWithEnter(prompt, alice());
    const wrong = shownCode(prompt.el) === '111' ? '222' : '111';
    alice().approvePush(wrong);
    await waitForStatus(prompt.el, 'Wrong verification code: login request denied.');
    expect(shownCode(prompt.el)).to.equal('', 'the code is gone with the push');
    const failure = await nextEvent<{ reason: string }>(prompt, 'mfa-failure');
    expect(failure.reason).to.equal('deny');

    await pushWithEnter(prompt, alice());
    await approveWithShownCode(prompt.el, alice());
    await nextEvent(prompt, 'mfa-success');
  });

  it('the time left shows without being announced, and one announcement comes 20 s before the end', async () => {
    backend.useSimulator({ pushTimeoutMs: 22_000 });
    const prompt = await openPrompt('alice');
    await pushWithEnter(prompt, alice());
    expect(timeLeftText(prompt.el)).to.match(/^0:2[0-2] left$/);
    await until(() => prompt.el.state?.step === 'expiring', 'no announcement 20 s before the end', () => statusText(prompt.el), 4000);
    await waitForStatus(prompt.el, 'About 20 seconds left to approve.');
    expect(spokenStatus(prompt.el)).to.match(/^About 20 seconds left to approve\. Enter this code in your app: (\d )+\d\.$/);
    const announced = prompt.statuses.filter((text) => text.startsWith('About'));
    expect(announced).to.deep.equal(['About 20 seconds left to approve.']);
    expect(prompt.statuses.some((text) => / left$/.test(text)), 'the time left is never in a live region').to.equal(false);

    // Cancel stays a Tab away from the status.
    await tabTo(() => statusButton(prompt.el, 'cancel'), 'Cancel');
    await sendKeys({ press: 'Enter' });
    await waitForStatus(prompt.el, 'Authentication request canceled');
  });

  it('at the end, Tab to "Send another push", Enter: a new push, approved with its code', async () => {
    backend.useSimulator({ pushTimeoutMs: 1500 });
    const prompt = await openPrompt('alice');
    await pushWithEnter(prompt, alice());
    const first = alice().pendingPush()!.txid;
    await waitForStatus(prompt.el, 'Authentication timed out. Choose a method to try again.', 4000);
    expect(timeLeftText(prompt.el)).to.equal('');
    await tabTo(() => statusButton(prompt.el, 'retry'), 'Send another push');
    expect((deepActive()?.textContent ?? '').trim()).to.equal('Send another push');
    await sendKeys({ press: 'Enter' });
    await until(() => alice().pendingPush() !== undefined && alice().pendingPush()!.txid !== first, 'no second push');
    await waitForStatus(prompt.el, PUSHED);
    await approveWithShownCode(prompt.el, alice());
    const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success');
    expect(detail.method).to.equal('push');
  });
});
