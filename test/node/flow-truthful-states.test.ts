/**
 * States that tell the truth (issue 11): what the prompt shows after a lock-out, a keyword that moves to another
 * device, a device switch during a push, and a second press of Enter a Passcode.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import { settle } from './support/fake-adapter.js';
import { authResult, calling, choosingFlow, iphone, landline, pushingFlow } from './support/flow-fixtures.js';

async function passcodeEntry() {
  const started = await choosingFlow();
  started.flow.openPasscodeEntry();
  return started;
}

async function lockedOutByPasscode() {
  const started = await passcodeEntry();
  started.adapter.reply('verifyPasscode', new MfaError('locked_out', 'locked'));
  started.flow.submitPasscode('111111');
  await settle();
  return started;
}

describe('a lock-out', () => {
  it('closes the passcode entry, disables every method and remember-me, and says so', async () => {
    const { flow, recording } = await lockedOutByPasscode();
    assert.equal(flow.state.lockedOut, true);
    assert.equal(flow.state.passcodeEntryOpen, false, 'no passcode can be accepted while locked');
    assert.equal(flow.state.rememberMe.disabled, true);
    assert.equal(flow.state.status?.tone, 'error');
    assert.match(flow.state.status?.message ?? '', /locked out.*help desk/);
    assert.deepEqual(recording.of('failure').map((failure) => failure.reason), ['locked_out']);
  });

  it('keeps saying so: Dismiss is not offered and does nothing', async () => {
    const { flow } = await lockedOutByPasscode();
    assert.equal(flow.state.status?.canDismiss, false);
    const before = flow.state;
    flow.dismiss();
    assert.equal(flow.state, before);
    assert.match(flow.state.status?.message ?? '', /locked out/);
  });

  it('ignores every method, device change and the passcode entry while locked', async () => {
    const { flow, adapter } = await lockedOutByPasscode();
    const before = flow.state;
    flow.push();
    flow.call();
    flow.sendSmsCodes();
    flow.openPasscodeEntry();
    flow.selectDevice(landline.id);
    flow.setRememberMe(true);
    await settle();
    assert.equal(flow.state, before);
    assert.equal(adapter.count('startPush') + adapter.count('startCall') + adapter.count('sendSmsPasscodes'), 0);
  });

  it('offers Try again, which asks the backend afresh (the lock may have run out)', async () => {
    const { flow, adapter } = await lockedOutByPasscode();
    assert.equal(flow.state.status?.canRetry, true);
    assert.equal(flow.state.status?.retryLabel, 'Try again');
    adapter.reply('preauth', authResult());
    flow.retry();
    await settle();
    assert.equal(adapter.count('preauth'), 2);
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.lockedOut, false);
    assert.equal(flow.state.status, null);
  });

  it('a push ended by the lock, or a start the backend refuses as locked, locks the prompt', async () => {
    const pushing = await pushingFlow();
    pushing.adapter.lastWatch.push({ status: 'locked_out', final: true, message: 'Your account is locked.' });
    await settle();
    assert.equal(pushing.flow.state.lockedOut, true);
    assert.equal(pushing.flow.state.status?.message, 'Your account is locked. Contact your help desk to unlock it.');

    const refused = await choosingFlow();
    refused.adapter.reply('startCall', new MfaError('locked_out', 'locked'));
    refused.flow.call();
    await settle();
    assert.equal(refused.flow.state.lockedOut, true);
    assert.equal(refused.flow.state.phase, 'choosing');
  });
});

describe('a keyword that moves to another device', () => {
  it('"phone2" closes the passcode entry when the landline it selects takes no passcodes', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', calling('tx-call-2'));
    const clearedBefore = flow.state.clearPasscode;
    flow.submitPasscode('phone2');
    assert.equal(flow.state.selectedDevice?.id, landline.id);
    await settle();
    assert.equal(flow.state.pendingMethod, 'phone');
    assert.equal(flow.state.passcodeEntryOpen, false, 'a landline has no passcode entry');
    assert.ok(flow.state.clearPasscode > clearedBefore, 'the keyword does not stay in the field');
  });

  it('"push" on the selected device empties the field once the push starts', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('startPush', { txid: 'tx', method: 'push', status: { status: 'pushed', final: false, message: '' } });
    const clearedBefore = flow.state.clearPasscode;
    flow.submitPasscode('push');
    await settle();
    assert.equal(flow.state.pendingMethod, 'push');
    assert.ok(flow.state.clearPasscode > clearedBefore);
  });
});

describe('a device switch during a push or call', () => {
  it('says the push was canceled and emits cancel', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    flow.selectDevice(landline.id);
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.message, 'Push canceled: you chose another device.');
    assert.equal(flow.state.status?.tone, 'info');
    assert.equal(flow.state.status?.canDismiss, true);
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
    await settle();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push', 'the push is canceled on the server too');
  });

  it('says so for a call as well; a switch with nothing pending says nothing', async () => {
    const { flow, adapter, recording } = await choosingFlow(authResult({ devices: [iphone, landline] }));
    flow.selectDevice(landline.id);
    assert.equal(flow.state.status?.message, undefined);
    adapter.reply('startCall', calling());
    flow.call();
    await settle();
    flow.selectDevice(iphone.id);
    assert.equal(flow.state.status?.message, 'Call canceled: you chose another device.');
    assert.deepEqual(recording.of('cancel'), [{ method: 'phone' }]);
  });
});

describe('Enter a Passcode during a push', () => {
  it('says the request was canceled and emits cancel, as a device switch does', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    flow.openPasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, true);
    assert.equal(flow.state.status?.message, 'Authentication request canceled');
    assert.equal(flow.state.status?.tone, 'info');
    assert.equal(flow.state.status?.canDismiss, true);
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
    await settle();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push', 'the push is canceled on the server too');
  });

  it('with nothing pending, opens quietly', async () => {
    const { flow, recording } = await passcodeEntry();
    assert.equal(flow.state.status, null);
    assert.deepEqual(recording.of('cancel'), []);
  });
});

describe('Enter a Passcode is a toggle', () => {
  it('a second press closes the entry and clears its error', async () => {
    const { flow } = await passcodeEntry();
    flow.submitPasscode('12');
    assert.notEqual(flow.state.passcodeError, null);
    flow.closePasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, false);
    assert.equal(flow.state.passcodeError, null);
    assert.equal(flow.state.step, 'choose');
    flow.openPasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, true);
  });

  it('does not close while a passcode is being verified', async () => {
    const { flow } = await passcodeEntry();
    flow.submitPasscode('123456');
    flow.closePasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, true);
  });
});
