import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import type { FailureStatus } from '../../src/adapter/types.js';
import { settle } from './support/fake-adapter.js';
import { allowed, answered, authResult, calling, choosingFlow, iphone, pushed, pushingFlow } from './support/flow-fixtures.js';

describe('Send me a Push', () => {
  it('shows each step the backend reports, then logs in with the token', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    flow.push();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.pendingMethod, 'push');
    assert.equal(flow.state.status?.tone, 'pending');
    assert.equal(flow.state.status?.canCancel, true, 'Cancel is available as soon as the push is requested');
    assert.deepEqual(adapter.call('startPush').args.slice(0, 2), ['attempt-1', iphone.id]);

    adapter.call('startPush').resolve(pushed());
    await settle();
    assert.equal(flow.state.status?.message, 'Pushed a login request to your device...');
    assert.equal(flow.state.status?.canCancel, true);
    assert.equal(adapter.lastWatch.transaction.txid, 'tx-push');

    adapter.lastWatch.push(allowed('token-push', true));
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.status?.message, 'Success. Logging you in...');
    assert.equal(flow.state.status?.tone, 'success');
    assert.equal(flow.state.status?.canCancel, false);
    assert.deepEqual(flow.state.result, { method: 'push', remembered: true });
    assert.deepEqual(recording.of('success'), [{ token: 'token-push', method: 'push', remembered: true }]);

    flow.push();
    flow.openPasscodeEntry();
    flow.destroy();
    assert.equal(adapter.count('startPush'), 1, 'nothing starts after success');
    assert.equal(adapter.count('cancel'), 0, 'and the finished push is not canceled');
  });

  it('a double click on Send me a Push sends one push', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', pushed());
    flow.push();
    flow.push();
    await settle();
    flow.push();
    await settle();
    assert.equal(adapter.count('startPush'), 1);
    assert.equal(adapter.count('watch'), 1);
    assert.equal(adapter.count('cancel'), 0);
  });

  it('uses its own text when the backend sends an empty one', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', { ...pushed(), status: { status: 'pushed', final: false, message: '' } });
    flow.push();
    await settle();
    assert.equal(flow.state.status?.message, 'Pushed a login request to your device...');
  });

  for (const [status, message] of [
    ['deny', 'Login request denied.'],
    ['fraud', 'Login request reported as fraud.'],
    ['canceled', 'This request was canceled.'],
  ] as const satisfies ReadonlyArray<readonly [FailureStatus, string]>) {
    it(`a push that ends as "${status}" shows why, with Dismiss, and the user can choose again`, async () => {
      const { flow, adapter, recording } = await pushingFlow();
      adapter.lastWatch.push({ status, final: true, message });
      await settle();
      assert.equal(flow.state.phase, 'choosing');
      assert.equal(flow.state.step, status);
      assert.equal(flow.state.status?.message, message);
      assert.equal(flow.state.status?.canDismiss, true);
      assert.equal(flow.state.status?.canCancel, false);
      assert.equal(flow.state.pendingMethod, null);
      assert.equal(flow.state.methods.length, 3, 'no dead end');
      assert.deepEqual(recording.of('failure'), [{ reason: status, message }]);

      flow.dismiss();
      assert.equal(flow.state.status, null);
      assert.equal(flow.state.phase, 'choosing');
      adapter.reply('startPush', pushed('tx-push-2'));
      flow.push();
      await settle();
      assert.equal(flow.state.phase, 'pending', 'a new push can be sent');
      assert.equal(adapter.count('startPush'), 2);
    });
  }

  it('a timed-out push says to try again', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.lastWatch.push({ status: 'timeout', final: true, message: 'Authentication timed out.' });
    await settle();
    assert.equal(flow.state.status?.message, 'Authentication timed out. Choose a method to try again.');
    assert.equal(flow.state.status?.tone, 'error');
  });

  it('a timeout text that already says what to do is kept as it is', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.lastWatch.push({ status: 'timeout', final: true, message: 'Timed out. Please try again.' });
    await settle();
    assert.equal(flow.state.status?.message, 'Timed out. Please try again.');
  });

  it('a locked-out account says to contact the help desk', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.lastWatch.push({ status: 'locked_out', final: true, message: 'Your account is locked.' });
    await settle();
    assert.equal(flow.state.status?.message, 'Your account is locked. Contact your help desk to unlock it.');
    assert.equal(flow.state.lockedOut, true);
  });

  it('Cancel cancels the push on the server and, once the backend confirms, says so, with Dismiss', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    const watch = adapter.lastWatch;
    flow.cancel();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
    assert.equal(flow.state.status?.message, 'Canceling...');
    await settle();
    assert.equal(watch.aborted, true, 'no longer watched once canceled');
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.message, 'Authentication request canceled');
    assert.equal(flow.state.status?.canDismiss, true);
    assert.equal(flow.state.status?.canCancel, false);
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
    assert.equal(recording.of('failure').length, 0, 'a cancel by the user is not a failure');

    flow.dismiss();
    assert.equal(flow.state.status, null);
  });

  it('Cancel while the push is still being requested cancels it on the server as soon as the backend answers', async () => {
    const { flow, adapter } = await choosingFlow();
    flow.push();
    flow.cancel();
    assert.equal(flow.state.status?.message, 'Canceling...');
    assert.notEqual(adapter.call('startPush').signal?.aborted, true, 'the backend may already have pushed: its answer is awaited');

    adapter.call('startPush').resolve(pushed('tx-late'));
    await settle();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-late', 'the push on the phone is canceled');
    assert.equal(flow.state.status?.message, 'Authentication request canceled');
  });

  it('Cancel and Dismiss do nothing when they are not offered', async () => {
    const { flow, adapter } = await choosingFlow();
    const before = flow.state;
    flow.cancel();
    flow.dismiss();
    assert.equal(flow.state, before);
    assert.equal(adapter.count('cancel'), 0);
  });

  it('a connection problem while waiting says it is retrying, still pending and cancelable', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.lastWatch.retry();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.step, 'reconnecting');
    assert.equal(flow.state.status?.message, 'Connection problem. Retrying...');
    assert.equal(flow.state.status?.tone, 'pending');
    assert.equal(flow.state.status?.canCancel, true);

    adapter.lastWatch.push(allowed());
    await settle();
    assert.equal(flow.state.phase, 'success');
  });

  it('a connection that is finally lost cancels the push, then offers Retry, which sends a new one', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.lastWatch.fail(new MfaError('network', 'fetch failed'));
    await settle();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push', 'nothing left live');
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.status?.canRetry, true);
    assert.deepEqual(recording.of('failure').map((failure) => failure.reason), ['network']);

    adapter.reply('startPush', pushed('tx-push-2'));
    flow.retry();
    await settle();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(adapter.count('startPush'), 2);
    assert.equal(adapter.lastWatch.transaction.txid, 'tx-push-2');
    adapter.lastWatch.push(allowed());
    await settle();
    assert.equal(flow.state.phase, 'success');
  });

  it('after a lost connection the push is already canceled: choosing another method cancels nothing more', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.lastWatch.fail(new MfaError('unavailable', 'HTTP 503'));
    await settle();
    assert.deepEqual(adapter.callsOf('cancel').map((call) => call.args[0]), ['tx-push']);
    flow.call();
    assert.equal(adapter.count('cancel'), 1);
    assert.equal(flow.state.status?.canRetry, false);
  });

  it('a status stream that ends without a final update is treated as a lost connection', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.lastWatch.end();
    await settle();
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.status?.canRetry, true);
  });

  it('a push that cannot be sent offers Retry, which sends it again', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', new MfaError('network', 'fetch failed'));
    flow.push();
    await settle();
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.canRetry, true);
    assert.equal(flow.state.status?.canDismiss, true);

    adapter.reply('startPush', pushed());
    flow.retry();
    await settle();
    assert.equal(adapter.count('startPush'), 2);
    assert.equal(flow.state.phase, 'pending');
  });

  it('too many pushes (the push rate limit): says how long until another push, without Retry', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', new MfaError('rate_limited', 'slow down', { retryAfter: 30 }));
    flow.push();
    await settle();
    assert.equal(flow.state.status?.message, 'Too many login requests. You can send another push in 30 seconds.');
    assert.equal(flow.state.status?.canRetry, false);
    assert.equal(flow.state.status?.canDismiss, true);
  });

  it('an expired login attempt ends in an error whose Retry starts again from preauth', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', new MfaError('expired', 'unknown attempt'));
    flow.push();
    await settle();
    assert.equal(flow.state.phase, 'error');
    assert.equal(flow.state.status?.canRetry, true);

    adapter.reply('preauth', authResult({ attemptId: 'attempt-2' }));
    flow.retry();
    await settle();
    assert.equal(adapter.count('preauth'), 2);
    assert.equal(flow.state.phase, 'choosing');
    adapter.reply('startPush', pushed());
    flow.push();
    assert.equal(adapter.call('startPush').args[0], 'attempt-2');
  });
});

describe('Call Me', () => {
  it('shows dialing, then how to approve, then logs in', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    adapter.reply('startCall', calling());
    flow.call();
    assert.equal(flow.state.pendingMethod, 'phone');
    await settle();
    assert.deepEqual(adapter.call('startCall').args.slice(0, 2), ['attempt-1', iphone.id]);
    assert.equal(flow.state.status?.message, 'Dialing XXX-XXX-0105...');
    assert.equal(flow.state.rememberMe.disabled, true);

    adapter.lastWatch.push(answered);
    await settle();
    assert.equal(flow.state.step, 'answered');
    assert.equal(flow.state.status?.message, 'Answered. Press any key on your phone to log in.');
    assert.equal(flow.state.status?.canCancel, true);

    adapter.lastWatch.push(allowed('token-call'));
    await settle();
    assert.deepEqual(recording.of('success'), [{ token: 'token-call', method: 'phone', remembered: false }]);
  });

  it('Cancel during a call cancels the call', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    adapter.reply('startCall', calling());
    flow.call();
    await settle();
    flow.cancel();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-call');
    await settle();
    assert.deepEqual(recording.of('cancel'), [{ method: 'phone' }]);
  });
});
