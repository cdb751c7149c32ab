/**
 * End to end, in Chromium: passcodes typed into the real `<mfa-prompt base-url="/mfa">` and checked by the
 * simulated backend behind MSW's service worker: SMS batches, authenticator (TOTP), hardware token (HOTP), bypass
 * codes, wrong codes and lock-out, and the keywords `push` and `sms`.
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
  get,
  hasButton,
  hasPasscodeField,
  logInWith,
  nextEvent,
  openPrompt,
  passcodeError,
  passcodeField,
  passcodeHint,
  phases,
  press,
  selectedDevice,
  statusText,
  typePasscode,
  until,
  useSimulatedBackend,
  waitForStatus,
  type Prompt,
  approveWithShownCode,
  sendCodesWait,
} from './support/e2e.js';
import { FIXTURE_SECRETS } from '../../mock-server/core/users.js';

const SUCCESS = 'Success. Logging you in...';
const SMS_SENT = 'New SMS passcodes sent';
const LOCKED = 'Your account is locked out. Contact your help desk to unlock it.';
/** 7 digits with no SMS batch outstanding: never a valid code (bypass codes have 9, TOTP and HOTP 6). */
const WRONG = '1234567';

describe('e2e: passcodes', function () {
  const backend = useSimulatedBackend();
  const alice = () => backend.sim.phone('alice');

  /** Opens the passcode entry and clicks "Send codes"; resolves with the batch the phone received. */
  async function sendCodes(prompt: Prompt): Promise<string[]> {
    if (!hasPasscodeField(prompt.el)) await press(prompt.el, 'Enter a Passcode');
    const before = alice().smsInbox().length;
    await press(prompt.el, 'Send codes');
    await until(() => alice().smsInbox().length === before + 1, 'no SMS reached the phone');
    await waitForStatus(prompt.el, SMS_SENT);
    return alice().smsInbox().at(-1)!.codes;
  }

  async function loggedIn(prompt: Prompt): Promise<{ token: string; method: string; remembered: boolean }> {
    const detail = await nextEvent<{ token: string; method: string; remembered: boolean }>(prompt, 'mfa-success');
    await waitForStatus(prompt.el, SUCCESS);
    return detail;
  }

  describe('SMS', () => {
    it('Send codes: "New SMS passcodes sent", "Next SMS passcode starts with 1.", and the first code logs in', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      expect(passcodeHint(prompt.el)).to.equal('Create passcodes in your authenticator app or have them texted to you.');
      const codes = await sendCodes(prompt);
      expect(codes).to.have.length(5);
      expect(codes.map((code) => code[0])).to.deep.equal(['1', '2', '3', '4', '5'], 'each code starts with its position');
      expect(passcodeHint(prompt.el)).to.equal('Next SMS passcode starts with 1.');
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(true);

      await logInWith(prompt.el, codes[0]!);
      const detail = await loggedIn(prompt);
      expect(detail.method).to.equal('passcode');
    });

    it('a fresh login after using the first code says the next one starts with 2, and that one works', async () => {
      const prompt = await openPrompt('alice');
      const codes = await sendCodes(prompt);
      await logInWith(prompt.el, codes[0]!);
      await loggedIn(prompt);

      prompt.el.restart();
      await until(() => prompt.el.state?.phase === 'choosing', 'the new login never got its devices');
      await flush(prompt.el);
      await press(prompt.el, 'Enter a Passcode');
      expect(passcodeHint(prompt.el)).to.equal('Next SMS passcode starts with 2.');
      await logInWith(prompt.el, codes[1]!);
      await waitForStatus(prompt.el, SUCCESS);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(2);
    });

    it('a new batch invalidates the old codes: an old one is an incorrect passcode and the field is emptied', async () => {
      backend.useSimulator({ smsCooldownMs: 1000 });
      const prompt = await openPrompt('alice');
      const first = await sendCodes(prompt);
      // The backend's cooldown: Send codes waits, then comes back by itself.
      expect(hasButton(prompt.el, 'Send codes')).to.equal(false);
      expect(sendCodesWait(prompt.el)).to.equal('You can send new codes in 1 s');
      await until(() => hasButton(prompt.el, 'Send codes'), 'Send codes never came back', () => sendCodesWait(prompt.el), 3000);
      const second = await sendCodes(prompt);
      expect(second[0]).not.to.equal(first[0]);
      expect(passcodeHint(prompt.el)).to.equal('Next SMS passcode starts with 1.');

      await logInWith(prompt.el, first[0]!);
      await until(() => passcodeError(prompt.el) !== '', 'no error under the field');
      expect(passcodeError(prompt.el)).to.equal('Incorrect passcode. Please try again. 9 attempts left.');
      expect(passcodeField(prompt.el).value).to.equal('', 'the field is emptied for the next try');
      expect(passcodeField(prompt.el).getAttribute('aria-invalid')).to.equal('true');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);

      await logInWith(prompt.el, second[0]!);
      expect((await loggedIn(prompt)).method).to.equal('passcode');
      expect(passcodeError(prompt.el)).to.equal('');
    });
  });

  describe('codes the user has', () => {
    it('the authenticator app\'s current code (TOTP) logs in', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, alice().authenticatorCode());
      expect((await loggedIn(prompt)).method).to.equal('passcode');
    });

    it('the hardware token\'s code (HOTP) logs in, with the token chosen in the device select', async () => {
      const prompt = await openPrompt('alice');
      await chooseDevice(prompt.el, 'Hardware token');
      expect(buttonNames(prompt.el)[0]).to.equal('Enter a Passcode', 'a token only takes passcodes');
      expect(hasButton(prompt.el, 'Send me a Push')).to.equal(false);
      await press(prompt.el, 'Enter a Passcode');
      expect(passcodeHint(prompt.el)).to.equal('Enter a passcode from your authenticator app or token.');
      expect(hasButton(prompt.el, 'Send codes')).to.equal(false, 'a token cannot receive SMS');
      const code = alice().tokenCode();
      expect(code).to.equal('755224', 'RFC 4226 test vector, counter 0');
      await logInWith(prompt.el, code);
      expect((await loggedIn(prompt)).method).to.equal('passcode');
      expect(alice().tokenCode()).to.equal('287082', 'the counter moved on');
    });

    it('a bypass code works once: used again in a new login, it is rejected', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, '123-456-789');
      expect((await loggedIn(prompt)).method).to.equal('passcode');
      expect(alice().bypassCodes()).to.deep.equal(['246813579', '975318642']);

      prompt.el.restart();
      await until(() => prompt.el.state?.phase === 'choosing', 'the new login never got its devices');
      await flush(prompt.el);
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, '123456789');
      await until(() => passcodeError(prompt.el) !== '', 'no error under the field');
      expect(passcodeError(prompt.el)).to.equal('Incorrect passcode. Please try again. 9 attempts left.');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1, 'only the first login');
    });

    it('while a bypass code is being verified the device select waits, so the single-use code is never spent for nothing', async () => {
      // The verification takes 150 ms (a slow network).
      backend.slowDown('POST', '/mfa/transactions', 150);
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, '123456789');
      expect(statusText(prompt.el)).to.equal('Verifying your passcode...');
      expect(get<HTMLSelectElement>(prompt.el, 'combobox', 'Device').disabled).to.equal(true, 'no device switch while the code is checked');
      await nextEvent(prompt, 'mfa-success');
      expect(alice().bypassCodes().includes('123456789')).to.equal(false, 'the code was spent on this login');
    });
  });

  describe('wrong codes and lock-out', () => {
    it('a wrong passcode: "Incorrect passcode..." with the attempts left, the field emptied, nothing else changes', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, WRONG);
      await until(() => passcodeError(prompt.el) !== '', 'no error under the field');
      expect(passcodeError(prompt.el)).to.equal('Incorrect passcode. Please try again. 9 attempts left.');
      expect(passcodeField(prompt.el).value).to.equal('');
      expect(statusText(prompt.el)).to.equal('');
      expect((eventsOf(prompt, 'mfa-failure')[0]?.detail as { reason: string }).reason).to.equal('invalid_passcode');

      await logInWith(prompt.el, WRONG);
      await until(() => passcodeError(prompt.el).endsWith('8 attempts left.'), 'the count did not go down', () => passcodeError(prompt.el));
    });

    it('something that cannot be a passcode is refused under the field, without asking the backend', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, '12345');
      expect(passcodeError(prompt.el)).to.equal('A passcode is 6 to 10 digits.');
      await logInWith(prompt.el, '');
      expect(passcodeError(prompt.el)).to.equal('Enter a passcode.');
      expect(backend.count('POST', '/mfa/transactions')).to.equal(0);
    });

    it('lock-out after the threshold: the locked text says what to do and stays, the methods are disabled, Try again asks again', async () => {
      backend.useSimulator({ lockoutThreshold: 3 });
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      for (const left of ['2 attempts left.', '1 attempt left.']) {
        await logInWith(prompt.el, WRONG);
        await until(() => passcodeError(prompt.el).endsWith(left), `no "${left}"`, () => passcodeError(prompt.el));
      }
      await logInWith(prompt.el, WRONG);
      await waitForStatus(prompt.el, LOCKED);
      expect(hasPasscodeField(prompt.el)).to.equal(false, 'the lock is about the account: the entry closes, its code gone');
      expect(hasButton(prompt.el, 'Dismiss')).to.equal(false, 'the lock stays shown');
      for (const method of ['Send me a Push', 'Call Me', 'Enter a Passcode']) {
        expect(button(prompt.el, method).disabled).to.equal(true, `${method}: every method would be refused`);
      }
      const reasons = eventsOf(prompt, 'mfa-failure').map((event) => (event.detail as { reason: string }).reason);
      expect(reasons).to.deep.equal(['invalid_passcode', 'invalid_passcode', 'locked_out']);

      // Try again asks the backend afresh: still locked, and it says for how long.
      await press(prompt.el, 'Try again');
      await until(() => prompt.el.state?.phase === 'denied', 'preauth did not deny the locked account');
      expect(statusText(prompt.el)).to.match(/locked.*Try again in 15 minutes/);
      expect(alice().pendingPush() === undefined).to.equal(true, 'no push was sent');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);
    });
  });

  describe('passcode cleared: a code that was sent never stays readable in the page', () => {
    /** Every verification answered 503, as a backend in maintenance does (the client retries, then gives up). */
    const unavailable = () =>
      backend.use(
        http.post('*/mfa/transactions', () =>
          HttpResponse.json(
            { error: { code: 'unavailable', message: 'Down for maintenance.' } },
            { status: 503, headers: { 'Retry-After': '0' } },
          ),
        ),
      );

    it('after a success the field is empty', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, alice().authenticatorCode());
      await loggedIn(prompt);
      await flush(prompt.el);
      expect(hasPasscodeField(prompt.el)).to.equal(false, 'the final state replaces the entry');
      expect(document.querySelector('input[autocomplete="one-time-code"]')).to.equal(null, 'the code that logged in is gone from the page');
    });

    it('after a 503 the field is empty, and the error says the service is unavailable', async () => {
      unavailable();
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, alice().authenticatorCode());
      await until(() => passcodeError(prompt.el) !== '', 'no error under the field', () => statusText(prompt.el), 8000);
      expect(passcodeError(prompt.el)).to.equal('The service is unavailable right now. Please try again in a moment.');
      expect(passcodeField(prompt.el).value).to.equal('', 'the code was sent: it is cleared even though it was not checked');
      expect(backend.count('POST', '/mfa/transactions')).to.equal(3, 'in doubt: the start was sent, then retried twice');
      expect(eventsOf(prompt, 'mfa-failure').map((event) => (event.detail as { reason: string }).reason)).to.deep.equal(['unavailable']);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0);
    });

    it('after a local input error nothing was sent, so the text stays for the user to fix', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, '12345');
      expect(passcodeError(prompt.el)).to.equal('A passcode is 6 to 10 digits.');
      expect(passcodeField(prompt.el).value).to.equal('12345');
      expect(backend.count('POST', '/mfa/transactions')).to.equal(0);
    });
  });

  describe('keywords in the passcode field', () => {
    it('"push" sends a push, which the phone approves', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, 'push');
      await waitForStatus(prompt.el, 'Pushed a login request to your device...');
      expect(alice().pendingPush()?.deviceId).to.equal('alice-ios');
      await approveWithShownCode(prompt.el, alice());
      expect((await loggedIn(prompt)).method).to.equal('push');
    });

    it('"push1" pushes to the first push-capable device, and the prompt shows that device', async () => {
      // The contract (docs/backend-guide.md, docs/openapi.yaml): `push2`, `phone2`, `sms2` start the method on the
      // second *capable* device. Gina's first device is a token, so "push1" is her phone.
      backend.useSimulator({
        users: [
          {
            username: 'gina',
            description: 'A token listed before her phone.',
            devices: [
              { id: 'gina-token', type: 'token', displayName: 'Hardware token', capabilities: ['passcode'], hotp: { secret: FIXTURE_SECRETS.aliceToken } },
              {
                id: 'gina-phone',
                type: 'mobile',
                displayName: 'Android (XXX-XXX-7777)',
                maskedNumber: 'XXX-XXX-7777',
                capabilities: ['push', 'phone', 'sms', 'passcode'],
                authenticatorSecret: FIXTURE_SECRETS.bobAuthenticator,
              },
            ],
          },
        ],
      });
      const gina = () => backend.sim.phone('gina');
      const prompt = await openPrompt('gina');
      await chooseDevice(prompt.el, 'Android (XXX-XXX-7777)');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, 'push1');
      await waitForStatus(prompt.el, 'Pushed a login request to your device...');
      expect(gina().pendingPush()?.deviceId).to.equal('gina-phone', 'the backend pushed to the phone');
      expect(selectedDevice(prompt.el)).to.equal('Android (XXX-XXX-7777)', 'the prompt shows where the push went');
      expect(button(prompt.el, 'Send me a Push').getAttribute('aria-busy')).to.equal('true', 'and marks its push busy');
      await approveWithShownCode(prompt.el, gina());
      expect((await loggedIn(prompt)).method).to.equal('push');
    });

    it('"sms" sends a batch of codes, with the hint for the first one', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, 'sms');
      await waitForStatus(prompt.el, SMS_SENT);
      expect(alice().smsInbox()).to.have.length(1);
      expect(passcodeHint(prompt.el)).to.equal('Next SMS passcode starts with 1.');
      expect(passcodeError(prompt.el)).to.equal('');
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(0, 'sending codes does not log in');
    });
  });

  describe('what the host page receives', () => {
    it('no event ever carries a typed code, right or wrong; mfa-success has exactly token, method, remembered', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, WRONG);
      await until(() => passcodeError(prompt.el) !== '', 'no error under the field');
      const code = alice().authenticatorCode();
      await logInWith(prompt.el, code);
      const detail = await loggedIn(prompt);
      expect(Object.keys(detail).sort()).to.deep.equal(['method', 'remembered', 'token']);
      expect(detail.method).to.equal('passcode');
      expect(detail.remembered).to.equal(false);
      expect(phases(prompt)).to.deep.equal([
        'loading/preauth',
        'choosing/choose',
        'choosing/passcode-entry',
        'choosing/verifying',
        'choosing/invalid_passcode',
        'choosing/verifying',
        'success/allow',
      ]);
      for (const event of prompt.events) {
        const json = JSON.stringify(event.detail);
        expect(json.includes(code), `${event.type} carries the code: ${json}`).to.equal(false);
        expect(json.includes(WRONG), `${event.type} carries the wrong code: ${json}`).to.equal(false);
      }
    });

    it('a double click on Log In sends one verification', async () => {
      // Held 150 ms on the way, so the second click surely lands while the first verification is in flight.
      backend.slowDown('POST', '/mfa/transactions', 150);
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await typePasscode(prompt.el, alice().authenticatorCode());
      const verifyingAtClick: boolean[] = [];
      prompt.el.addEventListener('click', () => verifyingAtClick.push(prompt.el.state?.verifying === true), { capture: true });
      await doubleClick(button(prompt.el, 'Log In'));
      await loggedIn(prompt);
      expect(verifyingAtClick).to.deep.equal([false, true], 'the second click came while the first was being verified');
      expect(backend.count('POST', '/mfa/transactions')).to.equal(1);
      expect(eventsOf(prompt, 'mfa-success')).to.have.length(1);
      expect(eventsOf(prompt, 'mfa-failure')).to.have.length(0, 'no second, rejected, verification');
    });

    it('a double click on "Send codes" sends one batch', async () => {
      backend.slowDown('POST', '/mfa/transactions', 150);
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await doubleClick(button(prompt.el, 'Send codes'));
      await waitForStatus(prompt.el, SMS_SENT);
      expect(backend.count('POST', '/mfa/transactions')).to.equal(1);
      expect(alice().smsInbox()).to.have.length(1);
    });

    it('after success there is no Log In left to press, and nothing more is sent', async () => {
      const prompt = await openPrompt('alice');
      await press(prompt.el, 'Enter a Passcode');
      await logInWith(prompt.el, alice().authenticatorCode());
      await loggedIn(prompt);
      const posts = backend.count('POST', '/mfa/transactions');
      await flush(prompt.el);
      expect(hasButton(prompt.el, 'Log In')).to.equal(false);
      expect(backend.count('POST', '/mfa/transactions')).to.equal(posts);
      expect(statusText(prompt.el)).to.equal(SUCCESS);
    });
  });
});
