import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import type { StartOptions } from '../../src/adapter/types.js';
import { parsePasscode } from '../../src/flow/index.js';
import { nextSmsDigitAfter } from '../../src/flow/passcode.js';
import { settle } from './support/fake-adapter.js';
import { allowed, authResult, calling, choosingFlow, iphone, landline, pushed, sent, token, verified } from './support/flow-fixtures.js';

type VerifyOptions = StartOptions & { deviceId?: string };

async function passcodeEntry(...args: Parameters<typeof choosingFlow>) {
  const started = await choosingFlow(...args);
  started.flow.openPasscodeEntry();
  return started;
}

describe('reading what the user typed', () => {
  it('accepts 6 to 10 digits, ignoring spaces, dashes and dots', () => {
    assert.deepEqual(parsePasscode('123456'), { kind: 'code', value: '123456' });
    assert.deepEqual(parsePasscode(' 123 456 '), { kind: 'code', value: '123456' });
    assert.deepEqual(parsePasscode('123-456-78'), { kind: 'code', value: '12345678' });
    assert.deepEqual(parsePasscode('12.34.56.789'), { kind: 'code', value: '123456789' });
    assert.deepEqual(parsePasscode('1234567890'), { kind: 'code', value: '1234567890' });
  });

  it('rejects too short, too long and non-digit input', () => {
    for (const raw of ['12345', '12345678901', '12345a', '１２３４５６', 'pushy', 'push0', 'sms 2x']) {
      assert.deepEqual(parsePasscode(raw), { kind: 'invalid', reason: 'format' }, raw);
    }
    assert.deepEqual(parsePasscode(''), { kind: 'invalid', reason: 'empty' });
    assert.deepEqual(parsePasscode(' - '), { kind: 'invalid', reason: 'empty' });
  });

  it('recognises the keywords push, phone and sms, in any case, with an optional device number', () => {
    assert.deepEqual(parsePasscode('push'), { kind: 'keyword', value: 'push', keyword: 'push' });
    assert.deepEqual(parsePasscode('PHONE'), { kind: 'keyword', value: 'phone', keyword: 'phone' });
    assert.deepEqual(parsePasscode(' Sms '), { kind: 'keyword', value: 'sms', keyword: 'sms' });
    assert.deepEqual(parsePasscode('Push2'), { kind: 'keyword', value: 'push2', keyword: 'push', deviceNumber: 2 });
    assert.deepEqual(parsePasscode('phone 12'), { kind: 'keyword', value: 'phone12', keyword: 'phone', deviceNumber: 12 });
  });

  it('knows which SMS code of a batch comes next: 1 to 9, then 0 for the tenth', () => {
    assert.equal(nextSmsDigitAfter(1, 10), 2);
    assert.equal(nextSmsDigitAfter(9, 10), 0);
    assert.equal(nextSmsDigitAfter(0, 10), null);
    assert.equal(nextSmsDigitAfter(5, 5), null);
  });
});

describe('Enter a Passcode', () => {
  it('Log In verifies the normalised passcode for the selected device, with remember-me', async () => {
    const { flow, adapter, recording } = await passcodeEntry();
    flow.setRememberMe(true);
    flow.submitPasscode('123 456');
    assert.equal(flow.state.verifying, true);
    assert.equal(flow.state.status?.message, 'Verifying your passcode...');
    const [attemptId, passcode, options] = adapter.call('verifyPasscode').args as [string, string, VerifyOptions];
    assert.equal(attemptId, 'attempt-1');
    assert.equal(passcode, '123456');
    assert.equal(options.deviceId, iphone.id);
    assert.equal(options.rememberMe, true);

    adapter.call('verifyPasscode').resolve(verified('tx-code', true));
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.verifying, false);
    assert.deepEqual(recording.of('success'), [{ token: 'token-passcode', method: 'passcode', remembered: true }]);
  });

  it('input that cannot be a passcode gets an inline error and sends nothing', async () => {
    const { flow, adapter } = await passcodeEntry();
    flow.submitPasscode('12345');
    assert.equal(flow.state.passcodeError, 'A passcode is 6 to 10 digits.');
    flow.submitPasscode('   ');
    assert.equal(flow.state.passcodeError, 'Enter a passcode.');
    assert.equal(flow.state.clearPasscode, 0, 'the field keeps the text so the user can fix it');
    assert.equal(adapter.count('verifyPasscode'), 0);
    assert.equal(flow.state.verifying, false);
  });

  it('a double click on Log In sends one verification', async () => {
    const { flow, adapter } = await passcodeEntry();
    flow.submitPasscode('123456');
    flow.submitPasscode('123456');
    await settle();
    flow.submitPasscode('123456');
    assert.equal(adapter.count('verifyPasscode'), 1);
  });

  it('a wrong passcode clears the field and says how many attempts are left', async () => {
    const { flow, adapter, recording } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong', { attemptsLeft: 2 }));
    flow.submitPasscode('111111');
    await settle();
    assert.equal(flow.state.passcodeError, 'Incorrect passcode. Please try again. 2 attempts left.');
    assert.equal(flow.state.clearPasscode, 1);
    assert.equal(flow.state.verifying, false);
    assert.equal(flow.state.phase, 'choosing');
    assert.deepEqual(recording.of('failure').map((failure) => failure.reason), ['invalid_passcode']);

    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong', { attemptsLeft: 1 }));
    flow.submitPasscode('222222');
    await settle();
    assert.equal(flow.state.passcodeError, 'Incorrect passcode. Please try again. 1 attempt left.');
    assert.equal(flow.state.clearPasscode, 2);
  });

  it('a wrong passcode without a known count just asks to try again', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong'));
    flow.submitPasscode('111111');
    await settle();
    assert.equal(flow.state.passcodeError, 'Incorrect passcode. Please try again.');
  });

  it('typing again after an error clears it once the next passcode is sent', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong'));
    flow.submitPasscode('111111');
    await settle();
    flow.submitPasscode('222222');
    assert.equal(flow.state.passcodeError, null);
  });

  it('a locked-out account clears the field and says to contact the help desk, with Try again', async () => {
    const { flow, adapter, recording } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('locked_out', 'locked'));
    flow.submitPasscode('111111');
    await settle();
    assert.equal(flow.state.step, 'locked_out');
    assert.equal(flow.state.clearPasscode, 1);
    assert.equal(flow.state.status?.tone, 'error');
    assert.match(flow.state.status?.message ?? '', /locked out.*help desk/);
    assert.equal(flow.state.status?.retryLabel, 'Try again');
    assert.deepEqual(recording.of('failure').map((failure) => failure.reason), ['locked_out']);
  });

  it('too many attempts says how long to wait', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('rate_limited', 'slow down', { retryAfter: 42 }));
    flow.submitPasscode('111111');
    await settle();
    assert.equal(flow.state.passcodeError, 'Too many attempts. Try again in 42 seconds.');

    adapter.reply('verifyPasscode', new MfaError('rate_limited', 'slow down'));
    flow.submitPasscode('111111');
    await settle();
    assert.equal(flow.state.passcodeError, 'Too many attempts. Try again later.');
  });

  it('a connection problem says so and empties the field too: the code was sent (passcode cleared)', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('network', 'fetch failed'));
    flow.submitPasscode('123456');
    await settle();
    assert.match(flow.state.passcodeError ?? '', /connection/);
    assert.equal(flow.state.clearPasscode, 1);
    assert.equal(flow.state.verifying, false);
  });

  it('a token user enters the code shown on the token', async () => {
    const { flow, adapter } = await choosingFlow(authResult({ devices: [token] }));
    flow.openPasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, true);
    assert.equal(flow.state.canSendCodes, false);
    flow.submitPasscode('12345678');
    assert.equal((adapter.call('verifyPasscode').args[2] as VerifyOptions).deviceId, token.id);
  });
});

describe('keywords typed in the passcode field', () => {
  it('"push" on a device that can push is the button\'s shortcut: a push to the selected device', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('startPush', pushed('tx-keyword'));
    flow.submitPasscode('PUSH');
    await settle();
    assert.deepEqual(adapter.call('startPush').args.slice(0, 2), ['attempt-1', iphone.id]);
    assert.equal(adapter.count('verifyPasscode'), 0);
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.pendingMethod, 'push');
    assert.equal(flow.state.status?.canCancel, true);
    assert.equal(adapter.lastWatch.transaction.txid, 'tx-keyword');

    flow.cancel();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-keyword');
  });

  it('"push" with a token selected goes to the backend, which pushes to the first device able to; the prompt shows that one', async () => {
    const { flow, adapter } = await choosingFlow(authResult({ devices: [token, iphone] }));
    flow.openPasscodeEntry();
    adapter.reply('verifyPasscode', pushed('tx-keyword'));
    flow.submitPasscode('push');
    assert.equal(adapter.call('verifyPasscode').args[1], 'push');
    assert.equal((adapter.call('verifyPasscode').args[2] as VerifyOptions).deviceId, undefined);
    assert.equal(flow.state.selectedDevice?.id, iphone.id);
    await settle();
    assert.equal(flow.state.pendingMethod, 'push');
  });

  it('"push1" names the first device able to push, as the contract counts, not the first device', async () => {
    const { flow, adapter } = await choosingFlow(authResult({ devices: [token, iphone] }));
    flow.openPasscodeEntry();
    adapter.reply('verifyPasscode', pushed('tx-keyword'));
    flow.submitPasscode('push1');
    assert.equal(adapter.call('verifyPasscode').args[1], 'push1');
    assert.equal(flow.state.selectedDevice?.id, iphone.id);
  });

  it('"phone2" calls the second device and shows it as selected', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', calling('tx-call-2'));
    flow.submitPasscode('phone2');
    assert.equal((adapter.call('verifyPasscode').args[2] as VerifyOptions).deviceId, undefined, 'the backend resolves the number');
    assert.equal(flow.state.selectedDevice?.id, landline.id);
    await settle();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.pendingMethod, 'phone');
    adapter.lastWatch.push(allowed('token-call'));
    await settle();
    assert.equal(flow.state.phase, 'success');
  });

  it('"sms" sends a batch of codes, like Send codes', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('sendSmsPasscodes', sent(1));
    flow.submitPasscode('sms');
    await settle();
    assert.deepEqual(adapter.call('sendSmsPasscodes').args.slice(0, 2), ['attempt-1', iphone.id]);
    assert.equal(flow.state.status?.message, 'New SMS passcodes sent');
    assert.equal(flow.state.passcodeHint, 'Next SMS passcode starts with 1.');
    assert.equal(flow.state.verifying, false);
    assert.equal(flow.state.phase, 'choosing');
  });
});

describe('SMS passcodes', () => {
  it('Send codes texts a batch, says so, and tells which code comes next', async () => {
    const { flow, adapter } = await passcodeEntry(authResult({ devices: [{ ...iphone, nextSmsDigit: undefined }] }));
    flow.sendSmsCodes();
    assert.equal(flow.state.sendingCodes, true);
    assert.equal(flow.state.status?.tone, 'pending');
    assert.deepEqual(adapter.call('sendSmsPasscodes').args.slice(0, 2), ['attempt-1', iphone.id]);

    adapter.call('sendSmsPasscodes').resolve(sent(1));
    await settle();
    assert.equal(flow.state.sendingCodes, false);
    assert.equal(flow.state.status?.message, 'New SMS passcodes sent');
    assert.equal(flow.state.status?.canDismiss, true);
    assert.equal(flow.state.nextSmsDigit, 1);
    assert.equal(flow.state.passcodeHint, 'Next SMS passcode starts with 1.');
  });

  it('a double click on Send codes sends one batch', async () => {
    const { flow, adapter } = await passcodeEntry();
    flow.sendSmsCodes();
    flow.sendSmsCodes();
    assert.equal(adapter.count('sendSmsPasscodes'), 1);
  });

  it('a device that cannot receive SMS has no Send codes', async () => {
    const { flow, adapter } = await choosingFlow(authResult({ devices: [token] }));
    flow.sendSmsCodes();
    assert.equal(adapter.count('sendSmsPasscodes'), 0);
    assert.equal(flow.state.sendingCodes, false);
  });

  it('the hint starts from what preauth knows and moves on when a code is used', async () => {
    const { flow, adapter } = await passcodeEntry(authResult({ devices: [{ ...iphone, nextSmsDigit: 3 }] }));
    assert.equal(flow.state.passcodeHint, 'Next SMS passcode starts with 3.');
    adapter.reply('verifyPasscode', verified());
    flow.submitPasscode('3141592');
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.passcodeHint, 'Next SMS passcode starts with 4.');
  });

  it('the hint does not move on for a wrong code or for a code from the app', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong'));
    flow.submitPasscode('1999999');
    await settle();
    assert.equal(flow.state.nextSmsDigit, 1);

    adapter.reply('verifyPasscode', verified());
    flow.submitPasscode('654321');
    await settle();
    assert.equal(flow.state.nextSmsDigit, 1);
  });

  it('a new batch replaces the hint', async () => {
    const { flow, adapter } = await passcodeEntry(authResult({ devices: [{ ...iphone, nextSmsDigit: 4 }] }));
    adapter.reply('sendSmsPasscodes', sent(1));
    flow.sendSmsCodes();
    await settle();
    assert.equal(flow.state.passcodeHint, 'Next SMS passcode starts with 1.');
  });

  it('codes that cannot be sent say why, with Retry that sends again', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('sendSmsPasscodes', new MfaError('unavailable', '503'));
    flow.sendSmsCodes();
    await settle();
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.sendingCodes, false);
    adapter.reply('sendSmsPasscodes', sent(1));
    flow.retry();
    await settle();
    assert.equal(adapter.count('sendSmsPasscodes'), 2);
    assert.equal(flow.state.status?.message, 'New SMS passcodes sent');
  });
});
