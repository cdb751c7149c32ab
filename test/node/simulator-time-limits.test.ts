/** Time limits the user can see (WCAG 2.2.1): `expiresInSeconds` on pending statuses, and the SMS cooldown. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { MfaSimulator } from '../../mock-server/core/index.js';
import { TransactionBodySchema } from './support/valibot-wire.js';
import { attempt, MINUTE, SECOND, setup, throwsSimulatorError } from './simulator-helpers.js';

function expiresIn(status: object): number | undefined {
  return (status as { expiresInSeconds?: number }).expiresInSeconds;
}

function resendIn(status: object): number | undefined {
  return (status as { resendInSeconds?: number }).resendInSeconds;
}

describe('expiresInSeconds on pending statuses', () => {
  test('a push: 60 s at the start, and less at each later answer (whole seconds, rounded down)', async () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim, 'bob');
    const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    assert.equal(expiresIn(body.status), 60);
    clock.advance(10_400);
    assert.equal(expiresIn(sim.get(body.txid, attemptId).body.status), 49, '49.6 s left: 49');
    const poll = sim.waitForChange(body.txid, attemptId, body.version, 20 * SECOND);
    clock.advance(20 * SECOND);
    const unchanged = await poll;
    assert.equal(expiresIn(unchanged.body.status), 29, 'a long poll that ran out says how much is left then');
    v.parse(TransactionBodySchema, unchanged.body);
    clock.advance(29 * SECOND);
    assert.equal(expiresIn(sim.get(body.txid, attemptId).body.status), 0, '0.6 s left');
    clock.advance(600);
    assert.equal(sim.statusOf(body.txid), 'timeout');
  });

  test('the push timeout option sets it', () => {
    const { sim } = setup({ pushTimeoutMs: 90 * SECOND });
    const { body } = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
    assert.equal(expiresIn(body.status), 90);
  });

  test('a call: 60 s to answer, then the keypress timeout (30 s) from the answer', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    const { body } = sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' });
    assert.equal(expiresIn(body.status), 60);
    clock.advance(45 * SECOND);
    assert.equal(expiresIn(sim.get(body.txid, attemptId).body.status), 15);
    sim.phone('alice').answerCall();
    const answered = sim.get(body.txid, attemptId).body.status;
    assert.equal(answered.status, 'answered');
    assert.equal(expiresIn(answered), 30, 'the ring timeout no longer applies');
    clock.advance(5 * SECOND);
    assert.equal(expiresIn(sim.get(body.txid, attemptId).body.status), 25);
  });

  test('final statuses carry none', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim, 'bob');
    const approved = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    sim.phone('bob').approvePushWithShownCode();
    const timedOut = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    clock.advance(60 * SECOND);
    for (const txid of [approved.txid, timedOut.txid]) {
      const { status } = sim.get(txid, attemptId).body;
      assert.ok(status.final);
      assert.equal('expiresInSeconds' in status, false, `${status.status} has no time limit`);
    }
  });
});

describe('SMS cooldown', () => {
  test('the sent status says when the next batch may go, counting down (rounded up)', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    const { body } = sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' });
    assert.equal(resendIn(body.status), 30);
    clock.advance(12_500);
    assert.equal(resendIn(sim.get(body.txid, attemptId).body.status), 18, '17.5 s left: 18');
    clock.advance(20 * SECOND);
    assert.equal(resendIn(sim.get(body.txid, attemptId).body.status), 0);
  });

  test('a batch within the cooldown is 429 rate_limited with retryAfter, and nothing is sent', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' });
    clock.advance(29 * SECOND);
    const refused = throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }), 'rate_limited');
    assert.equal(refused.retryAfter, 1);
    assert.equal(refused.message, 'You can send new codes in 1 second.');
    // The keyword is the same request.
    assert.equal(throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: 'sms' }), 'rate_limited').retryAfter, 1);
    assert.equal(sim.phone('alice').smsInbox().length, 1, 'no second batch');
    clock.advance(SECOND);
    assert.equal(sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }).body.status.status, 'sent');
    assert.equal(sim.phone('alice').smsInbox().length, 2);
  });

  test('per user: another user\'s batch is not held back', () => {
    const { sim } = setup();
    sim.start({ attemptId: attempt(sim), method: 'sms', deviceId: 'alice-ios' });
    assert.equal(sim.start({ attemptId: attempt(sim, 'bob'), method: 'sms', deviceId: 'bob-android' }).body.status.status, 'sent');
  });

  test('a refusal does not count toward the batches-per-window limit, which still holds', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    for (let i = 0; i < 3; i++) {
      sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' });
      clock.advance(10 * SECOND);
      throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }), 'rate_limited');
      clock.advance(20 * SECOND);
    }
    const windowFull = throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }), 'rate_limited');
    assert.equal(windowFull.retryAfter, 5 * 60 - 90, '3 batches per 5 minutes');
    assert.match(windowFull.message, /Too many SMS requests/);
  });

  test('a start repeated with its idempotency key inside the cooldown gets the same batch, not a refusal', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    const first = sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }, { idempotencyKey: 'send-1' });
    clock.advance(5 * SECOND);
    const again = sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }, { idempotencyKey: 'send-1' });
    assert.equal(again.body.txid, first.body.txid);
    assert.equal(resendIn(again.body.status), 25);
  });

  test('smsCooldownMs sets it; 0 turns it off (no resendInSeconds); it is checked', () => {
    const { sim, clock } = setup({ smsCooldownMs: 2 * MINUTE });
    const attemptId = attempt(sim);
    assert.equal(resendIn(sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }).body.status), 120);
    clock.advance(MINUTE);
    assert.equal(throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }), 'rate_limited').retryAfter, 60);

    const off = setup({ smsCooldownMs: 0 }).sim;
    const offAttempt = attempt(off);
    const first = off.start({ attemptId: offAttempt, method: 'sms', deviceId: 'alice-ios' }).body.status;
    assert.equal('resendInSeconds' in first, false);
    assert.equal(off.start({ attemptId: offAttempt, method: 'sms', deviceId: 'alice-ios' }).body.status.status, 'sent');

    assert.throws(() => new MfaSimulator({ smsCooldownMs: -1 }), /smsCooldownMs/);
    assert.throws(() => new MfaSimulator({ smsCooldownMs: 1.5 }), RangeError);
  });
});
