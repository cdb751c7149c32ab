/**
 * End to end, in Chromium: the real `<mfa-prompt base-url="/mfa">`, its HTTP client, MSW's service worker and
 * the simulated backend. Pushes and calls, driven with the mouse and the keyboard, answered on the simulated phone.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import {
  button,
  buttonNames,
  chooseDevice,
  doubleClick,
  eventsOf,
  flush,
  hasButton,
  hasPasscodeField,
  logInWith,
  nextEvent,
  openPrompt,
  phases,
  press,
  repeatedButtonNames,
  selectedDevice,
  sleep,
  statusText,
  until,
  useSimulatedBackend,
  waitForStatus,
  type Prompt,
  approveWithShownCode,
  shownCode,
} from './support/e2e.js';

const PUSHED = 'Pushed a login request to your device...';
const SUCCESS = 'Success. Logging you in...';
const SWITCHED = 'Push canceled: you chose another device.';
const CANCELED = 'Authentication request canceled';
const CANCELING = 'Canceling...';
const CANCEL_FAILED = 'The request could not be canceled and may still arrive on your phone. If it does, deny it there.';

describe('e2e: push and call', function () {
  const backend = useSimulatedBackend();
  const alice = () => backend.sim.phone('alice');

  /** Sends a push from the prompt and waits until the phone has it and the prompt says so; returns its txid. */
  async function sendPush(prompt: Prompt): Promise<string> {
    await press(prompt.el, 'Send me a Push');
    await until(() => alice().pendingPush() !== undefined, 'no push reached the phone');
    await waitForStatus(prompt.el, PUSHED);
    const push = alice().pendingPush()!;
    expect(shownCode(prompt.el)).to.equal(push.verificationCode ?? '', 'the prompt shows the code the phone asks for');
    return push.txid;
  }

  /** Nothing arrives for a while: time enough for a stale answer (10 ms latency) to show if it could. */
  const quietPeriod = () => sleep(250);

  describe('push', () => {
    it('approved on the phone: "Pushed..." then "Success. Logging you in..." and mfa-success for the host', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Send me a Push');
      await waitForStatus(prompt.el, PUSHED);
      expect(button(prompt.el, 'Send me a Push').disabled).to.equal(true, 'no second push while one is pending');
      expect(hasButton(prompt.el, 'Cancel')).to.equal(true, 'Cancel is offered');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0, 'nothing before the phone answers');

      await approveWithShownCode(prompt.el, alice());
      const detail = await nextEvent<{ token: string; method: string; remembered: boolean }>(prompt, 'mfa-success');
      await waitForStatus(prompt.el, SUCCESS);
      expect(detail.method).to.equal('push');
      expect(detail.remembered).to.equal(false);
      expect(detail.token).to.match(/^login_\w{20,}$/);
      expect(prompt.statuses).to.deep.equal(['', 'Sending a login request to your device...', PUSHED, SUCCESS]);
      expect(hasButton(prompt.el, 'Call Me')).to.equal(false, 'the login is over: a final state, no methods');
    });

    it('a double click on "Send me a Push" sends one push', async () => {
      const prompt = await openPrompt('alice');
      await doubleClick(button(prompt.el, 'Send me a Push'));
      await waitForStatus(prompt.el, PUSHED);
      await flush(prompt.el);
      expect(backend.count('POST', '/mfa/transactions')).to.equal(1);
      await approveWithShownCode(prompt.el, alice());
      await waitForStatus(prompt.el, SUCCESS);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1);
    });

    it('denied on the phone: a clear "denied" text with Dismiss; afterwards the methods work again', async () => {
      const prompt = await openPrompt('alice');
      await sendPush(prompt);
      alice().denyPush();
      await waitForStatus(prompt.el, 'Login request denied on your device.');
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(true);
      expect(button(prompt.el, 'Send me a Push').disabled).to.equal(false);
      expect(button(prompt.el, 'Call Me').disabled).to.equal(false);

      await press(prompt.el, 'Dismiss');
      expect(statusText(prompt.el)).to.equal('', 'Dismiss clears the message');
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(false);

      await sendPush(prompt);
      await approveWithShownCode(prompt.el, alice());
      expect((await nextEvent<{ method: string }>(prompt, 'mfa-success')).method).to.equal('push');
    });

    it('unanswered: times out with a text that says what to do next, and choosing again works', async () => {
      backend.useSimulator({ pushTimeoutMs: 300 });
      const prompt = await openPrompt('alice');
      await sendPush(prompt);
      await waitForStatus(prompt.el, 'Authentication timed out. Choose a method to try again.', 2000);
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(true);
      // The status bar's retry names its own action, apart from the method's "Send me a Push".
      expect(hasButton(prompt.el, 'Send another push')).to.equal(true);
      expect(repeatedButtonNames(prompt.el), buttonNames(prompt.el).join(' | ')).to.deep.equal([]);
      const failure = eventsOf(prompt, 'mfa-failure')[0]?.detail as { reason: string } | undefined;
      expect(failure?.reason).to.equal('timeout');

      await sendPush(prompt);
      await approveWithShownCode(prompt.el, alice());
      await waitForStatus(prompt.el, SUCCESS);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1);
    });

    it('reported as fraud on the phone: says so, and the host gets mfa-failure "fraud"', async () => {
      const prompt = await openPrompt('alice');
      await sendPush(prompt);
      alice().reportPush();
      await waitForStatus(prompt.el, 'Login request reported as fraudulent. Your administrator has been notified.');
      const failure = await nextEvent<{ reason: string; message: string }>(prompt, 'mfa-failure');
      expect(failure.reason).to.equal('fraud');
      expect(failure.message).to.equal(statusText(prompt.el));
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);
    });
  });

  describe('call', () => {
    it('answered, then a key pressed: "Dialing XXX-XXX-1311..." → "Answered. Press any key..." → success', async () => {
      const prompt = await openPrompt('alice');
      await chooseDevice(prompt.el, 'Landline (XXX-XXX-1311)');
      expect(buttonNames(prompt.el).slice(0, 1)).to.deep.equal(['Call Me'], 'a landline can only be called');
      await press(prompt.el, 'Call Me');
      await waitForStatus(prompt.el, 'Dialing XXX-XXX-1311...');
      expect(alice().activeCall()?.deviceId).to.equal('alice-landline');

      alice().answerCall();
      await waitForStatus(prompt.el, 'Answered. Press any key on your phone to log in.');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);

      alice().pressKey('5');
      await waitForStatus(prompt.el, SUCCESS);
      const detail = await nextEvent<{ method: string; token: string }>(prompt, 'mfa-success');
      expect(detail.method).to.equal('phone');
      expect(detail.token).to.be.a('string').and.not.equal('');
    });

    it('unanswered: times out and says how to try again', async () => {
      // Long enough that a loaded machine (three engines side by side on two cores) still sees "Dialing" first.
      backend.useSimulator({ callTimeoutMs: 1500 });
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Call Me');
      await waitForStatus(prompt.el, 'Dialing XXX-XXX-0105...');
      await waitForStatus(prompt.el, 'The call was not answered. Authentication timed out. Choose a method to try again.', 5000);
      expect((eventsOf(prompt, 'mfa-failure')[0]?.detail as { reason: string }).reason).to.equal('timeout');
      expect(button(prompt.el, 'Call Me').disabled).to.equal(false, 'the user can call again');
      expect(hasButton(prompt.el, 'Call again')).to.equal(true);
      expect(repeatedButtonNames(prompt.el), buttonNames(prompt.el).join(' | ')).to.deep.equal([]);
    });
  });

  describe('cancel', () => {
    it('during a push: "Authentication request canceled" with Dismiss, mfa-cancel, canceled on the server, no poll left', async () => {
      const prompt = await openPrompt('alice');
      const txid = await sendPush(prompt);
      await press(prompt.el, 'Cancel');
      await waitForStatus(prompt.el, CANCELED);
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(true);
      expect(hasButton(prompt.el, 'Cancel')).to.equal(false);
      expect(eventsOf(prompt, 'mfa-cancel').map((event) => JSON.stringify(event.detail))).to.deep.equal(['{"method":"push"}']);
      await until(() => backend.statusOf(txid) === 'canceled', 'the push was not canceled on the server', () => backend.statusOf(txid));
      await until(() => backend.sim.waitingPolls === 0, 'a long poll is still waiting', () => String(backend.sim.waitingPolls));
      expect(alice().pendingPush() === undefined).to.equal(true, 'the phone no longer shows the push');
      expect(button(prompt.el, 'Send me a Push').disabled).to.equal(false);
    });

    it('right after "Send me a Push", before the backend answered: the push does not stay on the phone', async () => {
      // The start request takes 150 ms (a slow network): the user presses Cancel while "Sending a login request..."
      // shows. The push the backend then creates must be canceled too, or the phone keeps asking for approval.
      backend.slowDown('POST', '/mfa/transactions', 150);
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Send me a Push');
      expect(statusText(prompt.el)).to.equal('Sending a login request to your device...');
      await press(prompt.el, 'Cancel');
      await waitForStatus(prompt.el, CANCELED);
      expect(eventsOf(prompt, 'mfa-cancel')).to.have.length(1);
      await until(() => backend.count('POST', '/mfa/transactions') === 1, 'the push request never reached the backend');
      await sleep(400);
      const ghost = alice().pendingPush();
      expect(ghost === undefined, `the phone still shows push ${ghost?.txid} for a login the user canceled`).to.equal(true);
    });

    it('during a call: likewise, mfa-cancel "phone" and the call ended on the server', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Call Me');
      await waitForStatus(prompt.el, 'Dialing XXX-XXX-0105...');
      const txid = alice().activeCall()!.txid;
      await press(prompt.el, 'Cancel');
      await waitForStatus(prompt.el, CANCELED);
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(true);
      expect(eventsOf(prompt, 'mfa-cancel').map((event) => JSON.stringify(event.detail))).to.deep.equal(['{"method":"phone"}']);
      await until(() => backend.statusOf(txid) === 'canceled', 'the call was not canceled on the server', () => backend.statusOf(txid));
      await until(() => backend.sim.waitingPolls === 0, 'a long poll is still waiting', () => String(backend.sim.waitingPolls));
      expect(alice().activeCall() === undefined).to.equal(true);
    });
  });

  describe('cancel tells the truth: the prompt waits for the backend', () => {
    it('"Canceling..." until the backend confirms; only then "canceled" and mfa-cancel', async () => {
      const prompt = await openPrompt('alice');
      const txid = await sendPush(prompt);
      backend.slowDown('POST', '/mfa/transactions/:txid/cancel', 400);
      await press(prompt.el, 'Cancel');
      await waitForStatus(prompt.el, CANCELING);
      expect(eventsOf(prompt, 'mfa-cancel')).to.have.length(0, 'nothing is canceled yet');
      expect(alice().pendingPush()?.txid).to.equal(txid, 'the push is still on the phone');
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(false);

      await waitForStatus(prompt.el, CANCELED);
      expect(backend.statusOf(txid)).to.equal('canceled');
      expect(eventsOf(prompt, 'mfa-cancel').map((event) => JSON.stringify(event.detail))).to.deep.equal(['{"method":"push"}']);
      const shown = prompt.statuses.filter((text) => text === PUSHED || text === CANCELING || text === CANCELED);
      expect(shown).to.deep.equal([PUSHED, CANCELING, CANCELED]);
    });

    it('a cancel the backend never confirms: the prompt says the push may still arrive, keeps watching, and an approval then logs in', async () => {
      const prompt = await openPrompt('alice');
      await sendPush(prompt);
      backend.use(
        http.post('*/mfa/transactions/:txid/cancel', () =>
          HttpResponse.json({ error: { code: 'unavailable', message: 'Down.' } }, { status: 503, headers: { 'Retry-After': '0' } }),
        ),
      );
      await press(prompt.el, 'Cancel');
      await waitForStatus(prompt.el, CANCEL_FAILED, 8000);
      expect(backend.count('POST', `/mfa/transactions/${alice().pendingPush()!.txid}/cancel`)).to.equal(3, 'three attempts in all');
      expect(eventsOf(prompt, 'mfa-cancel')).to.have.length(0, 'never told the host it was canceled');
      expect(eventsOf(prompt, 'mfa-failure').map((event) => (event.detail as { reason: string }).reason)).to.deep.equal(['cancel-failed']);
      expect(hasButton(prompt.el, 'Cancel')).to.equal(true, 'Cancel stays available');
      expect(alice().pendingPush() !== undefined).to.equal(true, 'the push is still live on the phone');

      await approveWithShownCode(prompt.el, alice());
      expect((await nextEvent<{ method: string }>(prompt, 'mfa-success')).method).to.equal('push');
      await waitForStatus(prompt.el, SUCCESS);
    });
  });

  describe('allow wins', () => {
    it('a push approved just as the user opens the passcode entry logs the user in', async () => {
      const prompt = await openPrompt('alice');
      const txid = await sendPush(prompt);
      const code = shownCode(prompt.el); // what the user read on the screen before moving on
      // The approval lands on the server the moment the prompt's cancel of the push arrives, before it is handled.
      backend.onRequest(({ method, path }) => {
        if (method === 'POST' && path === `/mfa/transactions/${txid}/cancel`) alice().approvePush(code);
      });
      await press(prompt.el, 'Enter a Passcode');
      const detail = await nextEvent<{ method: string; token: string }>(prompt, 'mfa-success');
      expect(detail.method).to.equal('push');
      await waitForStatus(prompt.el, SUCCESS);
      expect(backend.statusOf(txid)).to.equal('allow');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1);
    });
  });

  describe('switching mid-flow', () => {
    it('Call Me while a push is pending cancels the push on the server and calls; approving the old push changes nothing', async () => {
      const prompt = await openPrompt('alice');
      const txid = await sendPush(prompt);
      const mark = prompt.statuses.length;
      expect(button(prompt.el, 'Call Me').disabled).to.equal(false, 'the other methods stay usable');
      await press(prompt.el, 'Call Me');
      await until(() => backend.statusOf(txid) === 'canceled', 'the push was not canceled on the server', () => backend.statusOf(txid));
      expect(() => alice().approvePush()).to.throw(/no pending push/);
      await waitForStatus(prompt.el, 'Dialing XXX-XXX-0105...');
      alice().answerCall();
      alice().pressKey('1');
      const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success');
      expect(detail.method).to.equal('phone');
      expect(prompt.statuses.slice(mark).includes(PUSHED)).to.equal(false, 'the old push never shows again');
    });

    it('another device in the select cancels the push on the server and says so; approving it afterwards changes nothing', async () => {
      const prompt = await openPrompt('alice');
      const txid = await sendPush(prompt);
      const mark = prompt.statuses.length;
      await chooseDevice(prompt.el, 'Landline (XXX-XXX-1311)');
      await until(() => backend.statusOf(txid) === 'canceled', 'the push was not canceled on the server', () => backend.statusOf(txid));
      expect(() => alice().approvePush()).to.throw(/no pending push/);
      await quietPeriod();
      expect(statusText(prompt.el)).to.equal(SWITCHED, 'the push was canceled, and nothing more from it');
      expect(eventsOf(prompt, 'mfa-cancel').map((event) => event.detail)).to.deep.equal([{ method: 'push' }]);
      expect(button(prompt.el, 'Call Me').disabled).to.equal(false);
      expect(selectedDevice(prompt.el)).to.equal('Landline (XXX-XXX-1311)');

      await press(prompt.el, 'Call Me');
      await waitForStatus(prompt.el, 'Dialing XXX-XXX-1311...');
      alice().answerCall();
      alice().pressKey('1');
      const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success');
      expect(detail.method).to.equal('phone');
      expect(prompt.statuses.slice(mark)).to.deep.equal([SWITCHED, 'Calling your phone...', 'Dialing XXX-XXX-1311...', SUCCESS]);
      expect(prompt.statuses.slice(mark).includes(PUSHED)).to.equal(false, 'the old push never shows again');
    });

    it('the phone approves the old push just as the user switches device: the approval wins and logs the user in', async () => {
      const prompt = await openPrompt('alice');
      const txid = await sendPush(prompt);
      const code = shownCode(prompt.el); // what the user read on the screen before moving on
      // The approval lands on the server the moment the prompt's cancel request arrives, before it is handled:
      // the push ends as "allow" on the server. The user did approve it, so it counts (allow wins).
      backend.onRequest(({ method, path }) => {
        if (method === 'POST' && path === `/mfa/transactions/${txid}/cancel`) alice().approvePush(code);
      });
      await chooseDevice(prompt.el, 'Landline (XXX-XXX-1311)');
      const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success');
      expect(detail.method).to.equal('push');
      await waitForStatus(prompt.el, SUCCESS);
      expect(backend.statusOf(txid)).to.equal('allow');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1);
    });

    it('another device chosen before the push request was answered: the push does not stay on the phone', async () => {
      backend.slowDown('POST', '/mfa/transactions', 150);
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Send me a Push');
      await chooseDevice(prompt.el, 'Landline (XXX-XXX-1311)');
      await until(() => backend.count('POST', '/mfa/transactions') === 1, 'the push request never reached the backend');
      await sleep(400);
      expect(statusText(prompt.el)).to.equal(SWITCHED, 'canceled, and nothing more from the push');
      const ghost = alice().pendingPush();
      expect(ghost === undefined, `the phone still shows push ${ghost?.txid} the user walked away from`).to.equal(true);
    });

    it('typing "phone" in the open passcode field while a push is pending: the push is canceled, the call goes on', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      const txid = await sendPush(prompt);
      expect(hasPasscodeField(prompt.el)).to.equal(true, 'the passcode field stays open during the push');
      const mark = prompt.statuses.length;
      await logInWith(prompt.el, 'phone');
      await waitForStatus(prompt.el, 'Dialing XXX-XXX-0105...');
      await until(() => backend.statusOf(txid) === 'canceled', 'the push was not canceled on the server', () => backend.statusOf(txid));
      expect(() => alice().approvePush()).to.throw(/no pending push/);
      await quietPeriod();
      expect(statusText(prompt.el)).to.equal('Dialing XXX-XXX-0105...');

      alice().answerCall();
      await waitForStatus(prompt.el, 'Answered. Press any key on your phone to log in.');
      alice().pressKey('1');
      expect((await nextEvent<{ method: string }>(prompt, 'mfa-success')).method).to.equal('phone');
      expect(prompt.statuses.slice(mark).includes(PUSHED)).to.equal(false, 'the old push never shows again');
    });

    it('a passcode typed while a push is pending wins even if the phone approves the push at that moment', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      const txid = await sendPush(prompt);
      const code = shownCode(prompt.el); // what the user read on the screen before moving on
      backend.onRequest(({ method, path }) => {
        if (method === 'POST' && path === `/mfa/transactions/${txid}/cancel`) alice().approvePush(code);
      });
      // The passcode's answer comes after the push's approval (as it did now and then in Firefox).
      backend.slowDown('POST', '/mfa/transactions', 300);
      await logInWith(prompt.el, alice().authenticatorCode());
      const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success');
      await waitForStatus(prompt.el, SUCCESS);
      expect(backend.statusOf(txid)).to.equal('allow', 'the server did approve the old push');
      await quietPeriod();
      expect(detail.method).to.equal('passcode', 'the login the user made, not the stale push');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1);
    });
  });

  describe('what the host page receives', () => {
    it('a push login: every mfa-state-change in order, and mfa-success with exactly token, method, remembered', async () => {
      const prompt = await openPrompt('alice');
      await sendPush(prompt);
      await approveWithShownCode(prompt.el, alice());
      const detail = await nextEvent(prompt, 'mfa-success');
      await flush(prompt.el);
      expect(phases(prompt)).to.deep.equal(['loading/preauth', 'choosing/choose', 'pending/starting', 'pending/pushed', 'success/allow']);
      expect(Object.keys(detail).sort()).to.deep.equal(['method', 'remembered', 'token']);
      expect(eventsOf(prompt, 'mfa-failure')).to.have.length(0);
    });

    it('a denied push: mfa-failure with exactly the reason and the message shown', async () => {
      const prompt = await openPrompt('alice');
      await sendPush(prompt);
      alice().denyPush();
      const detail = await nextEvent(prompt, 'mfa-failure');
      await waitForStatus(prompt.el, /denied/);
      expect(JSON.stringify(detail)).to.equal(
        JSON.stringify({ reason: 'deny', message: 'Login request denied on your device.' }),
      );
      expect(detail.message).to.equal(statusText(prompt.el));
      expect(phases(prompt)).to.deep.equal(['loading/preauth', 'choosing/choose', 'pending/starting', 'pending/pushed', 'choosing/deny']);
    });
  });
});
