/**
 * Rules 16 (**nothing left live**) and 17 (**allow wins**): whenever the flow stops following a push or call
 * that may still be pending, it cancels it and keeps listening until the backend says how it ended.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import { defaultMessages } from '../../src/flow/index.js';
import { settle } from './support/fake-adapter.js';
import { allowed, answered, choosingFlow, landline, pushed, pushingFlow, verified } from './support/flow-fixtures.js';

const m = defaultMessages;

describe('nothing left live: the user presses Cancel', () => {
  it('says "Canceling..." until the backend confirms; only then "Authentication request canceled" and cancel', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.autoCancel = false;
    flow.cancel();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.step, 'canceling');
    assert.equal(flow.state.status?.message, 'Canceling...');
    assert.equal(flow.state.status?.tone, 'pending');
    assert.equal(flow.state.status?.canCancel, false, 'one cancel at a time');
    await settle();
    assert.equal(flow.state.step, 'canceling', 'still waiting for the backend');
    assert.equal(recording.of('cancel').length, 0);

    flow.cancel();
    assert.equal(adapter.count('cancel'), 1, 'a second click sends no second cancel');
    adapter.call('cancel').resolve();
    await settle();
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.step, 'user-canceled');
    assert.equal(flow.state.status?.message, 'Authentication request canceled');
    assert.equal(flow.state.status?.canDismiss, true);
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
    assert.equal(recording.of('failure').length, 0, 'a cancel by the user is not a failure');
  });

  it('a cancel that fails leaves the push pending and says it may still reach the phone; watching goes on, Cancel stays', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    const watch = adapter.lastWatch;
    adapter.reply('cancel', new MfaError('unavailable', 'HTTP 503'));
    flow.cancel();
    await settle();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.pendingMethod, 'push');
    assert.equal(flow.state.step, 'cancel-failed');
    assert.equal(flow.state.status?.message, m.cancelFailed);
    assert.match(m.cancelFailed, /could not be canceled/);
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.status?.canCancel, true);
    assert.equal(recording.of('cancel').length, 0, 'nothing was canceled');
    assert.deepEqual(recording.of('failure'), [{ reason: 'cancel-failed', message: m.cancelFailed }]);
    assert.equal(watch.aborted, false, 'still watching');

    watch.push(answered);
    await settle();
    assert.equal(flow.state.step, 'answered', 'updates show again');

    flow.cancel();
    assert.equal(flow.state.step, 'canceling');
    await settle();
    assert.equal(adapter.count('cancel'), 2);
    assert.equal(flow.state.step, 'user-canceled');
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
  });

  it('Cancel while the push is still being requested waits for its answer, cancels it, then says canceled', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    adapter.autoCancel = false;
    flow.push();
    flow.cancel();
    assert.equal(flow.state.step, 'canceling');
    adapter.call('startPush').resolve(pushed('tx-late'));
    await settle();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-late');
    assert.equal(flow.state.step, 'canceling');
    adapter.call('cancel').resolve();
    await settle();
    assert.equal(flow.state.step, 'user-canceled');
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
  });

  it('Cancel while the push is being requested, and the request fails: nothing reached the phone, canceled', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    flow.push();
    flow.cancel();
    adapter.call('startPush').reject(new MfaError('network', 'fetch failed'));
    await settle();
    assert.equal(adapter.count('cancel'), 0, 'no transaction to cancel');
    assert.equal(flow.state.step, 'user-canceled');
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
  });
});

describe('allow wins', () => {
  it('a push approved while the cancel is on its way logs the user in', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.autoCancel = false;
    flow.cancel();
    adapter.lastWatch.push(allowed('token-approved'));
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.deepEqual(recording.of('success'), [{ token: 'token-approved', method: 'push', remembered: false }]);
    assert.equal(recording.of('cancel').length, 0);
  });

  it('a push approved just as the user opened the passcode entry logs the user in with its token', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.autoCancel = false;
    const watch = adapter.lastWatch;
    flow.openPasscodeEntry();
    assert.equal(flow.state.step, 'passcode-entry', 'the UI moves on at once');
    assert.equal(flow.state.passcodeEntryOpen, true);
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');

    watch.push(allowed('token-push'));
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.step, 'allow');
    assert.deepEqual(flow.state.result, { method: 'push', remembered: false });
    assert.deepEqual(recording.of('success'), [{ token: 'token-push', method: 'push', remembered: false }]);
  });

  // Found by the browser tests in Firefox, whose timing let the push's answer overtake the passcode's.
  it('a passcode the user sent is checked first: a push approved meanwhile does not log in over it', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.autoCancel = false;
    const watch = adapter.lastWatch;
    flow.submitPasscode('123456');
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');

    watch.push(allowed('token-push'));
    await settle();
    assert.equal(flow.state.step, 'verifying', 'the passcode is still being checked');
    assert.equal(recording.of('success').length, 0);

    adapter.call('verifyPasscode').resolve(verified());
    await settle();
    assert.deepEqual(flow.state.result, { method: 'passcode', remembered: false });
    assert.deepEqual(recording.of('success'), [{ token: 'token-passcode', method: 'passcode', remembered: false }]);
  });

  it('a push approved while a passcode was being checked logs in once the passcode is refused', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.autoCancel = false;
    const watch = adapter.lastWatch;
    flow.submitPasscode('123456');
    watch.push(allowed('token-push'));
    await settle();

    adapter.call('verifyPasscode').reject(new MfaError('invalid_passcode', 'wrong'));
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.deepEqual(recording.of('success'), [{ token: 'token-push', method: 'push', remembered: false }]);
  });

  it('a push the backend confirms as canceled never shows anything after the user moved on', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    flow.selectDevice(landline.id);
    const settled = flow.state;
    await settle();
    assert.equal(flow.state, settled);
    assert.equal(recording.of('failure').length + recording.of('success').length, 0);
    assert.equal(adapter.lastWatch.aborted, true, 'and the watch is closed once the push is final');
  });
});

describe('nothing left live: the user moved on', () => {
  it('a cancel that fails says the earlier request could not be canceled; the passcode entry stays open', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.reply('cancel', new MfaError('network', 'fetch failed'));
    flow.openPasscodeEntry();
    assert.equal(flow.state.step, 'passcode-entry', 'the UI moves on at once');
    assert.equal(flow.state.status?.tone, 'info', '"Authentication request canceled", until the server says otherwise');
    await settle();
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.passcodeEntryOpen, true);
    assert.equal(flow.state.step, 'cancel-failed');
    assert.equal(flow.state.status?.message, m.earlierNotCanceled);
    assert.match(m.earlierNotCanceled, /earlier request could not be canceled/);
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.status?.canDismiss, true);
    assert.deepEqual(recording.of('failure'), [{ reason: 'cancel-failed', message: m.earlierNotCanceled }]);
  });

  it('destroy() still cancels, and nothing is emitted afterwards, not even an approval (allow does not win then)', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.honourAbort = false;
    adapter.autoCancel = false;
    const watch = adapter.lastWatch;
    const before = recording.states.length + recording.events.length;
    flow.destroy();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
    assert.equal(watch.aborted, true);
    watch.push(allowed('token-too-late'));
    adapter.call('cancel').reject(new MfaError('network', 'fetch failed'));
    await settle();
    assert.equal(recording.states.length + recording.events.length, before);
  });
});

describe('nothing left live: the watch ends with an error', () => {
  for (const [what, end] of [
    ['the client gave up', (watch: { fail(error: Error): void }) => watch.fail(new MfaError('unavailable', 'HTTP 503'))],
    ['a malformed answer', (watch: { fail(error: Error): void }) => watch.fail(new MfaError('bad_response', 'bad JSON'))],
    ['no final status', (watch: { end(): void }) => watch.end()],
  ] as const) {
    it(`(${what}) cancels the push before the error shows; Retry then sends a new push`, async () => {
      const { flow, adapter, recording } = await pushingFlow();
      adapter.autoCancel = false;
      end(adapter.lastWatch);
      await settle();
      assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
      assert.equal(flow.state.step, 'canceling');
      assert.equal(recording.of('failure').length, 0, 'no error before the cancel is confirmed');

      adapter.call('cancel').resolve();
      await settle();
      assert.equal(flow.state.phase, 'choosing');
      assert.equal(flow.state.status?.tone, 'error');
      assert.equal(flow.state.status?.canRetry, true);
      assert.equal(recording.of('failure').length, 1);

      adapter.reply('startPush', pushed('tx-push-2'));
      flow.retry();
      await settle();
      assert.equal(adapter.count('startPush'), 2, 'afresh: a new push, not the canceled one watched again');
      const keys = adapter.callsOf('startPush').map((call) => (call.args[2] as { idempotencyKey?: string }).idempotencyKey);
      assert.notEqual(keys[0], keys[1], 'a new start, so a new idempotency key');
      assert.equal(adapter.lastWatch.transaction.txid, 'tx-push-2');
    });
  }

  it('if that cancel fails too, the error says the request may still reach the phone', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.reply('cancel', new MfaError('network', 'fetch failed'));
    adapter.lastWatch.fail(new MfaError('network', 'fetch failed'));
    await settle();
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.message, `${m.errors.network} ${m.earlierNotCanceled}`);
    assert.equal(flow.state.status?.canRetry, true);
    assert.deepEqual(recording.of('failure').map((failure) => failure.reason), ['network']);
  });
});
