/**
 * Time limits the user can see and extend (WCAG 2.2.1): the deadline of a pending push or call from the
 * backend's `expiresInSeconds`, one announcement about 20 s before the end, "Send another push" at the end,
 * and the cooldown after Send codes. Time is the flow's injected clock: no real timer runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import type { StatusUpdate, Transaction } from '../../src/adapter/types.js';
import type { FlowClock } from '../../src/flow/clock.js';
import type { FlowStatus } from '../../src/flow/index.js';
import { settle } from './support/fake-adapter.js';
import { allowed, authResult, calling, choosingFlow, iphone, landline, pushed, sent } from './support/flow-fixtures.js';

/** A clock the test moves by hand; timers run in order of their due time. */
class ManualClock implements FlowClock {
  time = 1_000;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private lastId = 0;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    this.timers.set(++this.lastId, { at: this.time + ms, callback });
    return this.lastId;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers not yet run or cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time on by `ms`, running each timer that falls due at its own time, then lets promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const expiring = (transaction: Transaction, expiresInSeconds: number): Transaction => ({
  ...transaction,
  status: { ...transaction.status, expiresInSeconds } as StatusUpdate,
});

async function timedFlow() {
  const clock = new ManualClock();
  const started = await choosingFlow(authResult(), { username: 'alice', clock });
  return { ...started, clock };
}

/** A flow whose push is pending with `seconds` left, answered after `latencyMs` on the clock. */
async function pushPending(seconds: number, latencyMs = 0) {
  const started = await timedFlow();
  started.flow.push();
  await started.clock.advance(latencyMs);
  started.adapter.call('startPush').resolve(expiring(pushed(), seconds));
  await settle();
  return started;
}

describe('the time left on a pending push or call', () => {
  it('is measured from when the answer arrived, on the flow clock', async () => {
    const { flow, clock } = await pushPending(60, 3_000);
    assert.equal(clock.now(), 4_000);
    assert.equal(flow.state.expiresAt, 64_000, 'now + 60 s, taken when the answer arrived (not when the push was asked)');
    assert.equal(flow.state.phase, 'pending');
  });

  it('does not depend on the wall clock of the computer', async () => {
    const realNow = Date.now;
    Date.now = () => 0; // a computer whose clock is decades wrong
    try {
      const { flow } = await pushPending(60);
      assert.equal(flow.state.expiresAt, 61_000);
    } finally {
      Date.now = realNow;
    }
  });

  it('is absent when the backend gives no limit, and no timer runs', async () => {
    const { flow, adapter, clock } = await timedFlow();
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    assert.equal(flow.state.expiresAt, null);
    assert.equal(clock.pending, 0);
  });

  it('follows the newest answer: a call that was answered gets the new limit', async () => {
    const { flow, adapter, clock } = await timedFlow();
    adapter.reply('startCall', expiring(calling(), 60));
    flow.call();
    await settle();
    await clock.advance(10_000);
    adapter.lastWatch.push({ status: 'answered', final: false, message: 'Answered.', expiresInSeconds: 30 });
    await settle();
    assert.equal(flow.state.step, 'answered');
    assert.equal(flow.state.expiresAt, 11_000 + 30_000);
  });

  it('is announced once, 20 s before the end, and Cancel stays', async () => {
    const { flow, adapter, clock, recording } = await pushPending(60);
    await clock.advance(39_000);
    assert.equal(flow.state.step, 'pushed');
    assert.equal(flow.state.status?.message, 'Pushed a login request to your device...');
    await clock.advance(1_000);
    assert.equal(flow.state.step, 'expiring');
    assert.equal(flow.state.status?.message, 'About 20 seconds left to approve.');
    assert.equal(flow.state.status?.tone, 'pending');
    assert.equal(flow.state.status?.canCancel, true);
    // The backend repeating its pending status does not announce it again.
    adapter.lastWatch.push({ status: 'pushed', final: false, message: 'Pushed a login request to your device...', expiresInSeconds: 15 });
    await clock.advance(5_000);
    assert.equal(recording.of('statechange').filter((change) => change.step === 'expiring').length, 1, 'one announcement');
  });

  it('is not announced for a push that had 20 s or less to begin with (the time left shows)', async () => {
    const { flow, clock, recording } = await pushPending(12);
    await clock.advance(11_000);
    assert.equal(flow.state.step, 'pushed');
    assert.equal(recording.of('statechange').filter((change) => change.step === 'expiring').length, 0);
  });

  it("at the local deadline (plus a grace second for the backend's timeout): the push is canceled on the server, and one button sends another", async () => {
    const { flow, adapter, clock, recording } = await pushPending(60);
    await clock.advance(60_000);
    assert.equal(flow.state.phase, 'pending', "the backend's timeout may still be on its way");
    await clock.advance(1_000);
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.step, 'timeout');
    assert.equal(flow.state.expiresAt, null);
    assert.equal(flow.state.status?.message, 'Authentication timed out. Choose a method to try again.');
    assert.equal(flow.state.status?.canRetry, true);
    assert.equal(flow.state.status?.retryLabel, 'Send another push');
    assert.equal(adapter.count('cancel'), 1, 'nothing left live');
    assert.deepEqual(recording.of('failure').at(-1), { reason: 'timeout', message: flow.state.status?.message });

    flow.retry();
    await settle();
    assert.equal(adapter.count('startPush'), 2);
    const keys = adapter.callsOf('startPush').map((call) => (call.args[2] as { idempotencyKey: string }).idempotencyKey);
    assert.notEqual(keys[0], keys[1], 'another push, not a repeat of the first');
    assert.equal(flow.state.phase, 'pending');
  });

  it('a push approved while it was being canceled at the deadline still logs the user in (allow wins)', async () => {
    const { flow, adapter, clock, recording } = await pushPending(30);
    adapter.autoCancel = false;
    await clock.advance(31_000);
    assert.equal(flow.state.step, 'timeout');
    adapter.lastWatch.push(allowed());
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(recording.of('success').length, 1);
  });

  it("the backend's timeout status offers the same button: Send another push, or Call again", async () => {
    for (const [start, transaction, label] of [
      ['push', pushed(), 'Send another push'],
      ['call', calling(), 'Call again'],
    ] as const) {
      const { flow, adapter } = await timedFlow();
      adapter.reply(start === 'push' ? 'startPush' : 'startCall', transaction);
      flow[start]();
      await settle();
      adapter.lastWatch.push({ status: 'timeout', final: true, message: 'Authentication timed out.' });
      await settle();
      assert.equal(flow.state.status?.retryLabel, label);
      adapter.reply(start === 'push' ? 'startPush' : 'startCall', transaction);
      flow.retry();
      await settle();
      assert.equal(adapter.count(start === 'push' ? 'startPush' : 'startCall'), 2);
      assert.equal(flow.state.phase, 'pending');
    }
  });

  it('Dismiss clears the button; other failures keep plain Retry', async () => {
    const { flow, adapter } = await timedFlow();
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    adapter.lastWatch.push({ status: 'timeout', final: true, message: 'Authentication timed out.' });
    await settle();
    flow.dismiss();
    assert.equal(flow.state.status, null);
    flow.retry();
    await settle();
    assert.equal(adapter.count('startPush'), 1);

    adapter.reply('startPush', new MfaError('network', 'offline'));
    flow.push();
    await settle();
    const status = flow.state.status as FlowStatus | null; // the assertion above narrowed it to null
    assert.equal(status?.canRetry, true);
    assert.equal(status?.retryLabel, undefined);
  });

  it('nothing is left scheduled once the push ends, is canceled, or the prompt closes', async () => {
    const approved = await pushPending(60);
    approved.adapter.lastWatch.push(allowed());
    await settle();
    assert.equal(approved.clock.pending, 0);

    const canceled = await pushPending(60);
    canceled.flow.cancel();
    await settle();
    assert.equal(canceled.flow.state.step, 'user-canceled');
    assert.equal(canceled.clock.pending, 0);
    await canceled.clock.advance(120_000);
    assert.equal(canceled.flow.state.step, 'user-canceled', 'no announcement or expiry after a cancel');

    const closed = await pushPending(60);
    closed.flow.destroy();
    assert.equal(closed.clock.pending, 0);
  });

  it('a deadline passing while the user cancels leaves the cancel to finish', async () => {
    const { flow, adapter, clock } = await pushPending(30);
    adapter.autoCancel = false;
    flow.cancel();
    await clock.advance(30_000);
    assert.equal(flow.state.step, 'canceling');
    adapter.call('cancel').resolve();
    await settle();
    assert.equal(flow.state.step, 'user-canceled');
  });
});

describe('the cooldown after Send codes', () => {
  async function codesSent(resendInSeconds?: number) {
    const started = await timedFlow();
    const batch = sent(1);
    if (resendInSeconds !== undefined) (batch.status as { resendInSeconds?: number }).resendInSeconds = resendInSeconds;
    started.adapter.reply('sendSmsPasscodes', batch);
    started.flow.openPasscodeEntry();
    started.flow.sendSmsCodes();
    await settle();
    return started;
  }

  it('says when Send codes returns, as information, and returns it by itself', async () => {
    const { flow, adapter, clock } = await codesSent(25);
    assert.equal(flow.state.step, 'sent');
    assert.equal(flow.state.status?.tone, 'info', 'not an error');
    assert.equal(flow.state.canSendCodes, true);
    assert.equal(flow.state.sendCodesAvailableAt, clock.now() + 25_000);
    flow.sendSmsCodes();
    await settle();
    assert.equal(adapter.count('sendSmsPasscodes'), 1, 'no second batch during the cooldown');

    await clock.advance(25_000);
    assert.equal(flow.state.sendCodesAvailableAt, null);
    adapter.reply('sendSmsPasscodes', sent(1, 'tx-sms-2'));
    flow.sendSmsCodes();
    await settle();
    assert.equal(adapter.count('sendSmsPasscodes'), 2);
  });

  it('the sms keyword typed meanwhile sends nothing and says when, as information', async () => {
    const { flow, adapter, clock } = await codesSent(25);
    await clock.advance(10_000);
    flow.submitPasscode('sms');
    await settle();
    assert.equal(adapter.count('sendSmsPasscodes'), 1);
    assert.equal(flow.state.status?.message, 'You can send new codes in 15 s');
    assert.equal(flow.state.status?.tone, 'info');
    assert.equal(flow.state.passcodeError, null);
  });

  it('belongs to the device that got the codes', async () => {
    const { flow, clock } = await codesSent(25);
    flow.selectDevice(landline.id);
    assert.equal(flow.state.sendCodesAvailableAt, null);
    flow.selectDevice(iphone.id);
    assert.equal(flow.state.sendCodesAvailableAt, clock.now() + 25_000);
  });

  it('is absent when the backend gives none', async () => {
    const { flow, clock } = await codesSent();
    assert.equal(flow.state.sendCodesAvailableAt, null);
    assert.equal(clock.pending, 0);
  });
});
