/**
 * End to end, keyboard only: every method completed with Tab, Shift+Tab, Enter, Space, arrow keys and typing
 * (through the real browser's keyboard), against the simulated backend over HTTP; the simulator plays the
 * phone. No mouse, no `.click()`, no method called on the elements. At each step: where focus is, and that it
 * never falls to `<body>`.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.js';
import type { MfaSuccessEvent } from '../../src/elements/events.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { startMockBackend, type MockBackend } from '../../mock-server/browser.js';
import { MfaSimulator } from '../../mock-server/core/simulator.js';
import {
  deepActive,
  describeNode,
  deviceSelect,
  expectFocusOn,
  focusOnBody,
  logInButton,
  methodButton,
  methodLabels,
  passcodeErrorText,
  passcodeField,
  passcodeHint,
  press,
  rememberCheckbox,
  sendCodesButton,
  statusButton,
  statusRegion,
  statusText,
  type,
  until,
  watchFocus,
  approveWithShownCode,
  sendCodesWait,
} from './support/keyboard.js';

let backend: MockBackend;
let sim: MfaSimulator;
let focusWatch: ReturnType<typeof watchFocus> | undefined;

before(async () => {
  sim = new MfaSimulator();
  backend = await startMockBackend({ simulator: sim, latencyMs: 10, quiet: true });
});
after(() => backend.stop());
beforeEach(() => sim.reset());
afterEach(() => {
  backend.worker.resetHandlers();
  focusWatch?.stop();
  focusWatch = undefined;
});

/** A test whose last check is that focus never fell to `<body>` and stayed there at any time in between. */
function spec(name: string, body: () => Promise<void>): void {
  it(name, async () => {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 80)); // the watcher looks 60 ms after a focusout
    const drops = focusWatch?.drops ?? [];
    expect(drops.length, `focus fell to <body> (and stayed there) after leaving ${drops.join(', ')}`).to.equal(0);
  });
}

interface Page {
  prompt: MfaPrompt;
  before: HTMLButtonElement;
}

/**
 * A page with a button before the prompt. Waits for the methods, puts focus on that button (the page's own
 * control: where a user's focus is after the first factor) and starts watching focus.
 */
async function page(username = 'alice', phase: 'choosing' | 'error' = 'choosing'): Promise<Page> {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button id="before" type="button">Back to the password</button>
    <mfa-prompt base-url="/mfa" username=${username} ticket=${sim.issueTicket(username)}></mfa-prompt>
  </div>`);
  const prompt = wrapper.querySelector('mfa-prompt')!;
  const before = wrapper.querySelector<HTMLButtonElement>('#before')!;
  await until(prompt, () => prompt.state?.phase === phase, `${username}'s prompt never reached ${phase}`);
  before.focus();
  expect(deepActive() === before, 'the test starts with focus on the button before the prompt').to.equal(true);
  focusWatch = watchFocus();
  return { prompt, before };
}

/** Tab from the button before the prompt: the first stop inside is the device select (alice has three devices). */
async function tabIntoPrompt({ prompt }: Page): Promise<void> {
  await press('Tab');
  expectFocusOn(deviceSelect(prompt), 'the first Tab into the prompt lands on the device select');
}

/** Tab into the prompt, Tab to Send me a Push, Enter: the push reaches the phone and focus is on the status. */
async function pushFromTheSelect(p: Page): Promise<void> {
  await tabIntoPrompt(p);
  await press('Tab');
  await press('Enter');
  await until(p.prompt, () => pushShown(p.prompt), 'no push reached the phone');
  expectFocusOn(statusRegion(p.prompt), 'focus on the status');
}

/** The push reached the phone and the prompt shows it as pending (the start call has answered). */
const pushShown = (prompt: MfaPrompt): boolean =>
  sim.phone('alice').pendingPush() !== undefined && prompt.state?.step === 'pushed';

async function expectSuccess(prompt: MfaPrompt, success: Promise<MfaSuccessEvent>, method: string): Promise<MfaSuccessEvent['detail']> {
  const { detail } = await success;
  expect(detail.method).to.equal(method);
  expect(detail.token).to.be.a('string').and.not.equal('');
  await until(prompt, () => prompt.state?.phase === 'success', 'the prompt never showed success');
  expect(statusText(prompt)).to.equal('Success. Logging you in...');
  expect(focusOnBody(), `after success focus fell to <body> (it was on ${describeNode(deepActive())})`).to.equal(false);
  return detail;
}

describe('keyboard only: Tab order into the prompt', () => {
  spec('Tab from the page goes through select, methods, remember-me and links, and Shift+Tab comes back', async () => {
    const p = await page();
    const { prompt, before } = p;
    await tabIntoPrompt(p);
    await press('Tab');
    expectFocusOn(methodButton(prompt, 'push'), 'Tab 2: Send me a Push');
    await press('Tab');
    expectFocusOn(methodButton(prompt, 'phone'), 'Tab 3: Call Me');
    await press('Tab');
    expectFocusOn(methodButton(prompt, 'passcode'), 'Tab 4: Enter a Passcode');
    await press('Tab');
    expectFocusOn(rememberCheckbox(prompt), 'Tab 5: Remember me');
    await press('Tab');
    expectFocusOn(prompt.shadowRoot!.querySelector('[part~="link-about"]'), 'Tab 6: the first side link');
    await press('Shift+Tab', 6);
    expectFocusOn(before, 'six Shift+Tabs lead back out to the button before the prompt');
  });
});

describe('keyboard only: Send me a Push', () => {
  spec('Tab to the push button, Enter: focus on the status, the phone approves, success', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('Tab');
    expectFocusOn(methodButton(prompt, 'push'), 'Tab goes from the select to Send me a Push');

    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await press('Enter');
    await until(prompt, () => pushShown(prompt), 'no push reached the phone');
    expect(statusText(prompt)).to.equal('Pushed a login request to your device...');
    expectFocusOn(statusRegion(prompt), 'after Enter, focus is on the status message');

    await approveWithShownCode(prompt, sim.phone('alice'));
    const detail = await expectSuccess(prompt, success, 'push');
    expect(detail.remembered).to.equal(false);
    expectFocusOn(statusRegion(prompt), 'focus stays on the status, which now says success');
  });
});

describe('keyboard only: Call Me', () => {
  spec('Tab to Call Me, Enter: focus on the status; the phone answers and presses a key; success', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('Tab', 2);
    expectFocusOn(methodButton(prompt, 'phone'), 'two Tabs from the select: Call Me');

    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await press('Enter');
    await until(prompt, () => sim.phone('alice').activeCall() !== undefined, 'the phone never rang');
    expect(sim.phone('alice').activeCall()!.deviceId).to.equal('alice-ios');
    await until(prompt, () => statusText(prompt).startsWith('Dialing'), 'the status never said "Dialing"');
    expectFocusOn(statusRegion(prompt), 'after Enter, focus is on the status message');

    sim.phone('alice').answerCall();
    await until(prompt, () => prompt.state?.step === 'answered', 'the prompt never showed the answered call');
    expect(statusText(prompt)).to.contain('Answered');
    expectFocusOn(statusRegion(prompt), 'focus stays on the status while the call is answered');

    sim.phone('alice').pressKey('1');
    await expectSuccess(prompt, success, 'phone');
    expectFocusOn(statusRegion(prompt), 'focus stays on the status');
  });
});

describe('keyboard only: Enter a Passcode', () => {
  spec('authenticator: Enter a Passcode, focus is in the field, type the code, Enter: success', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('Tab', 3);
    expectFocusOn(methodButton(prompt, 'passcode'), 'three Tabs from the select: Enter a Passcode');

    await press('Enter');
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode field never opened');
    expectFocusOn(passcodeField(prompt), 'Enter a Passcode puts focus in the field');

    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await type(sim.phone('alice').authenticatorCode());
    await press('Enter');
    await expectSuccess(prompt, success, 'passcode');
  });

  spec('SMS: Tab to Send codes, Space, the hint says 1; focus moves to the field while Send codes waits, type the code, Enter', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('Tab', 3);
    await press('Enter');
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode field never opened');
    expectFocusOn(passcodeField(prompt), 'focus is in the field');

    await press('Tab');
    expectFocusOn(logInButton(prompt), 'Tab from the field: Log In');
    await press('Tab');
    expectFocusOn(sendCodesButton(prompt), 'Tab again: Send codes');
    await press('Space');
    await until(prompt, () => sim.phone('alice').smsInbox().length === 1, 'no SMS arrived');
    await until(prompt, () => prompt.state?.step === 'sent', 'the prompt never said the codes were sent');
    expect(passcodeHint(prompt)).to.equal('Next SMS passcode starts with 1.');
    expect(statusText(prompt)).to.equal('New SMS passcodes sent');
    // The backend's cooldown replaces Send codes with "You can send new codes in 30 s": focus goes to the
    // field, where the code is typed next, instead of being lost with the button.
    expect(sendCodesButton(prompt)).to.equal(null);
    expect(sendCodesWait(prompt)).to.match(/^You can send new codes in (30|29) s$/);
    expectFocusOn(passcodeField(prompt), 'focus moved to the field');
    const [message] = sim.phone('alice').smsInbox();
    const code = message!.codes[0]!;
    expect(code.startsWith('1')).to.equal(true);
    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await type(code);
    await press('Enter');
    await expectSuccess(prompt, success, 'passcode');
  });
});

describe('keyboard only: a wrong passcode, then the right one', () => {
  spec('Enter with a wrong code: the error, the field emptied and still focused; type the right one, Enter', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('Tab', 3);
    await press('Enter');
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode field never opened');
    expectFocusOn(passcodeField(prompt), 'focus is in the field');

    await type('000000');
    await press('Enter');
    await until(prompt, () => passcodeErrorText(prompt) !== '', 'no error for the wrong code');
    expect(passcodeErrorText(prompt)).to.match(/^Incorrect passcode\. Please try again\. \d+ attempts left\.$/);
    expect(passcodeField(prompt)!.value, 'the field is emptied').to.equal('');
    expectFocusOn(passcodeField(prompt), 'focus stays in the field for the next try');

    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await type(sim.phone('alice').bypassCodes()[0]!);
    await press('Enter');
    await expectSuccess(prompt, success, 'passcode');
  });
});

describe('keyboard only: choosing another device', () => {
  spec('ArrowDown in the device select picks the landline: only Call Me, which a Tab reaches; answered, success', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('ArrowDown');
    await until(prompt, () => prompt.state?.selectedDevice?.id === 'alice-landline', 'ArrowDown did not select the landline');
    expect(deviceSelect(prompt)!.value).to.equal('alice-landline');
    expect(methodLabels(prompt)).to.deep.equal(['phone']);
    expectFocusOn(deviceSelect(prompt), 'focus stays on the select');

    await press('Tab');
    expectFocusOn(methodButton(prompt, 'phone'), 'Tab: the landline\'s only method, Call Me');
    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await press('Enter');
    await until(prompt, () => sim.phone('alice').activeCall() !== undefined, 'the landline never rang');
    expect(sim.phone('alice').activeCall()!.deviceId).to.equal('alice-landline');
    expectFocusOn(statusRegion(prompt), 'after Enter, focus is on the status message');
    sim.phone('alice').answerCall();
    await until(prompt, () => prompt.state?.step === 'answered', 'the prompt never showed the answered call');
    sim.phone('alice').pressKey('5');
    await expectSuccess(prompt, success, 'phone');
  });

  spec('ArrowDown twice picks the hardware token: Enter a Passcode, type the token\'s code, Enter', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('ArrowDown', 2);
    await until(prompt, () => prompt.state?.selectedDevice?.id === 'alice-token', 'ArrowDown twice did not select the token');
    expect(methodLabels(prompt)).to.deep.equal(['passcode']);
    expectFocusOn(deviceSelect(prompt), 'focus stays on the select');

    await press('Tab');
    expectFocusOn(methodButton(prompt, 'passcode'), 'Tab: the token\'s only method, Enter a Passcode');
    await press('Enter');
    await until(prompt, () => passcodeField(prompt) !== null, 'the passcode field never opened');
    expectFocusOn(passcodeField(prompt), 'focus is in the field');
    expect(sendCodesButton(prompt) === null, 'a token cannot receive SMS: no Send codes').to.equal(true);

    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await type(sim.phone('alice').tokenCode());
    await press('Enter');
    await expectSuccess(prompt, success, 'passcode');
  });

  spec('during a pending push, Shift+Tab from the status reaches the select; ArrowDown cancels the push', async () => {
    const p = await page();
    const { prompt } = p;
    await pushFromTheSelect(p);

    // The pending push and remember-me are disabled; the other methods and the select stay usable.
    await press('Shift+Tab');
    expectFocusOn(methodButton(prompt, 'passcode'), 'Shift+Tab from the status: Enter a Passcode, still usable');
    await press('Shift+Tab');
    expectFocusOn(methodButton(prompt, 'phone'), 'then Call Me');
    await press('Shift+Tab');
    expectFocusOn(deviceSelect(prompt), 'then the device select (Send me a Push, pending, is skipped)');
    await press('ArrowDown');
    await until(prompt, () => prompt.state?.selectedDevice?.id === 'alice-landline', 'ArrowDown did not select the landline');
    await until(prompt, () => sim.phone('alice').pendingPush() === undefined, 'the push was not canceled on the server');
    expect(prompt.state?.phase).to.equal('choosing');
    expectFocusOn(deviceSelect(prompt), 'focus stays on the select');
    await press('Tab');
    expectFocusOn(methodButton(prompt, 'phone'), 'Tab: the landline\'s Call Me, enabled again');
  });

  spec('during a pending push, Shift+Tab to Call Me and Enter cancels the push and calls instead', async () => {
    const p = await page();
    const { prompt } = p;
    await pushFromTheSelect(p);
    await press('Shift+Tab');
    await press('Shift+Tab');
    expectFocusOn(methodButton(prompt, 'phone'), 'Call Me, usable while the push is pending');
    await press('Enter');
    await until(prompt, () => sim.phone('alice').activeCall() !== undefined, 'Call Me did not call');
    await until(prompt, () => sim.phone('alice').pendingPush() === undefined, 'the push was not canceled on the server');
    expect(prompt.state?.pendingMethod).to.equal('phone');
  });

  spec('ArrowUp goes back to the phone and its three methods', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('ArrowDown');
    await until(prompt, () => prompt.state?.selectedDevice?.id === 'alice-landline', 'ArrowDown did not select the landline');
    await press('ArrowUp');
    await until(prompt, () => prompt.state?.selectedDevice?.id === 'alice-ios', 'ArrowUp did not go back to the phone');
    expect(methodLabels(prompt)).to.deep.equal(['push', 'phone', 'passcode']);
    expectFocusOn(deviceSelect(prompt), 'focus stays on the select');
  });
});

describe('keyboard only: Remember me', () => {
  spec('Space ticks Remember me; Shift+Tab back to the push; Enter; approved: remembered', async () => {
    const p = await page();
    const { prompt } = p;
    await tabIntoPrompt(p);
    await press('Tab', 4);
    const checkbox = rememberCheckbox(prompt)!;
    expectFocusOn(checkbox, 'four Tabs from the select: Remember me');
    expect(checkbox.checked).to.equal(false);
    await press('Space');
    await until(prompt, () => prompt.state?.rememberMe.checked === true, 'Space did not tick Remember me');
    expect(rememberCheckbox(prompt)!.checked).to.equal(true);
    expectFocusOn(rememberCheckbox(prompt), 'focus stays on the checkbox');

    await press('Shift+Tab', 3);
    expectFocusOn(methodButton(prompt, 'push'), 'Shift+Tab three times: Send me a Push');
    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await press('Enter');
    await until(prompt, () => pushShown(prompt), 'no push reached the phone');
    expectFocusOn(statusRegion(prompt), 'focus on the status');
    expect(rememberCheckbox(prompt)!.disabled, 'remember-me is greyed out while the push is pending').to.equal(true);
    await approveWithShownCode(prompt, sim.phone('alice'));
    const detail = await expectSuccess(prompt, success, 'push');
    expect(detail.remembered, 'the backend remembers the device').to.equal(true);
  });
});

describe('keyboard only: Retry after a network error', () => {
  spec('preauth fails: Tab reaches Retry, Enter asks again; focus stays in the status bar; then a push', async () => {
    backend.worker.use(http.post('*/mfa/preauth', () => HttpResponse.error(), { once: true }));
    const p = await page('alice', 'error');
    const { prompt } = p;
    expect(statusText(prompt)).to.equal('Could not reach the server. Check your connection and try again.');
    await press('Tab');
    expectFocusOn(statusButton(prompt, 'retry'), 'the first Tab into the failed prompt: Retry');
    await press('Enter');
    await until(prompt, () => prompt.state?.phase === 'choosing', 'Retry did not bring the methods');
    expectFocusOn(statusRegion(prompt), 'Retry went away with the error: focus is on the status message');

    await press('Shift+Tab', 4);
    expectFocusOn(methodButton(prompt, 'push'), 'Shift+Tab four times: Send me a Push');
    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await press('Enter');
    await until(prompt, () => pushShown(prompt), 'no push reached the phone');
    await approveWithShownCode(prompt, sim.phone('alice'));
    await expectSuccess(prompt, success, 'push');
  });
});

describe('keyboard only: Cancel and Dismiss', () => {
  spec('during a push, Tab to Cancel, Enter: canceled on the server; Tab to Dismiss, Enter; then push again', async () => {
    const p = await page();
    const { prompt } = p;
    await pushFromTheSelect(p);

    await press('Tab');
    expectFocusOn(statusButton(prompt, 'cancel'), 'Tab from the status: Cancel');
    const canceled = oneEvent(prompt, 'mfa-cancel');
    await press('Enter');
    expect((await canceled).detail).to.deep.equal({ method: 'push' });
    await until(prompt, () => sim.phone('alice').pendingPush() === undefined, 'the push was not canceled on the server');
    await until(prompt, () => statusButton(prompt, 'dismiss') !== null, 'no Dismiss after Cancel');
    expect(statusText(prompt)).to.equal('Authentication request canceled');
    expect(statusButton(prompt, 'cancel') === null, 'Cancel is gone').to.equal(true);
    expectFocusOn(statusRegion(prompt), 'Cancel disappeared: focus is back on the status message');

    await press('Tab');
    expectFocusOn(statusButton(prompt, 'dismiss'), 'Tab from the status: Dismiss');
    await press('Enter');
    await until(prompt, () => prompt.state?.status === null, 'Dismiss did not clear the status');
    expect(statusText(prompt)).to.equal('');
    expect(statusButton(prompt, 'dismiss') === null, 'Dismiss is gone').to.equal(true);
    expectFocusOn(statusRegion(prompt), 'Dismiss disappeared: focus is on the (now empty) status message');

    // The user can carry on from there: back to the methods and push again.
    await press('Shift+Tab', 4);
    expectFocusOn(methodButton(prompt, 'push'), 'Shift+Tab four times: Send me a Push');
    const success = oneEvent(prompt, 'mfa-success') as Promise<MfaSuccessEvent>;
    await press('Enter');
    await until(prompt, () => pushShown(prompt), 'no second push reached the phone');
    await approveWithShownCode(prompt, sim.phone('alice'));
    await expectSuccess(prompt, success, 'push');
  });
});
