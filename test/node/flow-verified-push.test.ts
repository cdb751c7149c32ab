/**
 * Verified Push (number matching): while a push that carries a code is pending, the state holds the code the
 * user types on the phone; a wrong code ends the push as denied with the backend's text. And the push rate
 * limit: a refused push says how long until another.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import type { Transaction } from '../../src/adapter/types.js';
import { settle } from './support/fake-adapter.js';
import { allowed, choosingFlow, pushed } from './support/flow-fixtures.js';

const verifiedPush = (verificationCode: string): Transaction => ({
  txid: 'tx-verified',
  method: 'push',
  status: { status: 'pushed', final: false, message: 'Pushed a login request to your device...', verificationCode },
});

async function verifiedPushing(code = '708') {
  const started = await choosingFlow();
  started.adapter.reply('startPush', verifiedPush(code));
  started.flow.push();
  await settle();
  return started;
}

describe('Verified Push', () => {
  it('shows the code to type in the app while the push is pending, with Cancel', async () => {
    const { flow } = await verifiedPushing('708');
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.step, 'pushed');
    assert.equal(flow.state.verificationCode, '708');
    assert.equal(flow.state.status?.message, 'Pushed a login request to your device...');
    assert.equal(flow.state.status?.canCancel, true);
    assert.equal(flow.messages.enterCodeInApp, 'Enter this code in your app');
  });

  it('a push without a code looks as it always did', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    assert.equal(flow.state.step, 'pushed');
    assert.equal(flow.state.verificationCode, null);
  });

  it('the code goes once the push is approved, canceled or denied', async () => {
    const approved = await verifiedPushing();
    approved.adapter.lastWatch.push(allowed());
    await settle();
    assert.equal(approved.flow.state.phase, 'success');
    assert.equal(approved.flow.state.verificationCode, null);
    assert.equal(approved.recording.of('success')[0]?.method, 'push');

    const canceled = await verifiedPushing();
    canceled.flow.cancel();
    assert.equal(canceled.flow.state.step, 'canceling');
    await settle();
    assert.equal(canceled.flow.state.step, 'user-canceled');
    assert.equal(canceled.flow.state.verificationCode, null);
  });

  it("a push denied because the wrong code was typed shows the backend's text", async () => {
    const { flow, adapter, recording } = await verifiedPushing();
    const message = 'The code you entered on your phone did not match. Login request denied.';
    adapter.lastWatch.push({ status: 'deny', final: true, message });
    await settle();
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.step, 'deny');
    assert.equal(flow.state.verificationCode, null);
    assert.equal(flow.state.status?.message, message);
    assert.equal(flow.state.status?.tone, 'error');
    assert.deepEqual(recording.of('failure'), [{ reason: 'deny', message }]);
  });

  it('the code stays while the time warning replaces the status text', async () => {
    const { flow, adapter } = await verifiedPushing('4321');
    adapter.lastWatch.push({
      status: 'pushed',
      final: false,
      message: 'Pushed a login request to your device...',
      verificationCode: '4321',
      expiresInSeconds: 20.01,
    });
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(flow.state.step, 'expiring');
    assert.equal(flow.state.verificationCode, '4321');
    flow.destroy();
  });

  it('the code is text: bidi controls a backend put in it are dropped', async () => {
    const { flow } = await verifiedPushing('7\u202E08');
    assert.equal(flow.state.verificationCode, '708');
  });
});

describe('the push rate limit', () => {
  it('a refused call says when the user can call again', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    adapter.reply('startCall', new MfaError('rate_limited', 'slow down', { retryAfter: 55 }));
    flow.call();
    await settle();
    assert.equal(flow.state.status?.message, 'Too many login requests. You can call again in 55 seconds.');
    assert.equal(flow.state.step, 'rate_limited');
    assert.equal(recording.of('failure')[0]?.reason, 'rate_limited');
  });

  it('without a time from the backend, says to wait a moment', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', new MfaError('rate_limited', 'slow down'));
    flow.push();
    await settle();
    assert.equal(flow.state.status?.message, 'Too many login requests. Wait a moment, then try again.');
    assert.equal(flow.state.status?.canRetry, false);
  });

  it('the methods stay usable: a push after the wait goes out', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', new MfaError('rate_limited', 'slow down', { retryAfter: 1 }));
    flow.push();
    await settle();
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    assert.equal(flow.state.phase, 'pending');
  });
});
