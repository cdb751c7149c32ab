/** **failure cap** (rule 7): growing delays, temporary locks that do not reset the count, a permanent lock at maxFailures. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE_BYPASS_CODES, MESSAGES, SimulatorError, type MfaSimulator, type SimulatorEvent } from '../../mock-server/core/index.js';
import { attempt, MINUTE, preauthAs, SECOND, setup, statusOf, throwsSimulatorError } from './simulator-helpers.js';

const WRONG = '000000';
const RIGHT = ALICE_BYPASS_CODES[0];

function typed(sim: MfaSimulator, attemptId: string, passcode = WRONG) {
  return () => sim.start({ attemptId, method: 'passcode', passcode });
}

describe('failure cap: growing delays', () => {
  test('from the 3rd failure on, the next code waits 1, 2, 4, ... s after the last failure (429 with retryAfter)', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode'); // the 3rd: delays start
    for (const [failures, seconds] of [[3, 1], [4, 2], [5, 4], [6, 8]] as const) {
      const refused = throwsSimulatorError(typed(sim, attemptId, RIGHT), 'rate_limited');
      assert.equal(refused.retryAfter, seconds, `after ${failures} failures`);
      assert.equal(refused.message, MESSAGES.tooManyFailures(seconds));
      clock.advance(seconds * SECOND - 1);
      assert.equal(throwsSimulatorError(typed(sim, attemptId), 'rate_limited').retryAfter, 1, 'seconds left, rounded up');
      clock.advance(1);
      throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    }
  });

  test('a refused code is not a failure and is not verified: the right code is not used up', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    for (let i = 0; i < 3; i++) throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    for (let i = 0; i < 20; i++) throwsSimulatorError(typed(sim, attemptId), 'rate_limited');
    throwsSimulatorError(typed(sim, attemptId, RIGHT), 'rate_limited');
    clock.advance(SECOND);
    const error = throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    assert.equal(error.attemptsLeft, 6, 'still the 4th failure of 10');
    clock.advance(2 * SECOND);
    assert.equal(statusOf(typed(sim, attemptId, RIGHT)()), 'allow', 'the bypass code was never spent by a refusal');
  });

  test('the delay stops growing at 60 s', () => {
    const { sim, clock } = setup({ lockoutThreshold: 100 });
    for (let failures = 1; failures <= 13; failures++) {
      throwsSimulatorError(typed(sim, attempt(sim)), 'invalid_passcode');
      clock.advance(MINUTE);
    }
    const attemptId = attempt(sim);
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    assert.equal(throwsSimulatorError(typed(sim, attemptId), 'rate_limited').retryAfter, 60, '2^(14-3) s, capped');
  });

  test('pushes and calls are not delayed, and keywords still start them', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    for (let i = 0; i < 4; i++) throwsSimulatorError(typed(sim, attemptId), i < 3 ? 'invalid_passcode' : 'rate_limited');
    assert.equal(statusOf(sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' })), 'pushed');
    assert.equal(statusOf(typed(sim, attemptId, 'phone')()), 'calling');
  });

  test('a success resets the count and the delays', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    for (let i = 0; i < 3; i++) throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    clock.advance(SECOND);
    typed(sim, attemptId, RIGHT)();
    for (let i = 0; i < 3; i++) throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
  });
});

describe('failure cap: locks', () => {
  test('a temporary lock\'s end does not reset the count: the next failure locks again at once', () => {
    const { sim, clock } = setup({ lockoutThreshold: 3, lockoutMs: 15 * MINUTE });
    const attemptId = attempt(sim);
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    throwsSimulatorError(typed(sim, attemptId), 'locked_out');
    clock.advance(15 * MINUTE);
    const again = attempt(sim);
    const error = throwsSimulatorError(typed(sim, again), 'locked_out');
    assert.match(error.message, /Try again in 15 minutes/);
    clock.advance(15 * MINUTE);
    // A denied push counts the same way.
    sim.start({ attemptId: attempt(sim), method: 'push', deviceId: 'alice-ios' });
    sim.phone('alice').denyPush();
    assert.equal(preauthAs(sim, 'alice').result, 'deny', 'locked again by the denied push');
  });

  test('120 wrong codes over 3 hours never let the right code in: maxFailures locks for good', () => {
    // Short temporary locks, so an attacker who waits each one out gets past 100 failures within 3 hours;
    // one long-lived attempt, so the right code can still be typed at the end.
    const { sim, clock } = setup({ lockoutThreshold: 10, lockoutMs: MINUTE, attemptTtlMs: 48 * 60 * MINUTE });
    const events: SimulatorEvent[] = [];
    sim.subscribe((event) => event.type === 'lock' && events.push(event));
    const start = clock.now();
    const attemptId = attempt(sim);
    let sent = 0;
    let lockedForGood = false;
    while (sent < 120 && clock.now() - start < 3 * 60 * MINUTE) {
      try {
        typed(sim, attemptId)();
        assert.fail('a wrong code was accepted');
      } catch (error) {
        assert.ok(error instanceof SimulatorError);
        if (error.code === 'rate_limited') clock.advance(error.retryAfter! * SECOND);
        else {
          sent += 1;
          lockedForGood ||= error.message === MESSAGES.lockedPermanently;
          if (error.code === 'locked_out') clock.advance(MINUTE); // wait the temporary lock out
        }
      }
    }
    assert.equal(sent, 120, 'the attacker got 120 codes answered within 3 hours');
    assert.ok(lockedForGood, 'the account was locked for good on the way');
    // Wait as long as you like: the right code is refused until an administrator unlocks.
    clock.advance(24 * 60 * MINUTE);
    const refused = throwsSimulatorError(typed(sim, attemptId, RIGHT), 'locked_out');
    assert.equal(refused.message, MESSAGES.lockedPermanently);
    const result = preauthAs(sim, 'alice');
    assert.deepEqual(result, { result: 'deny', message: MESSAGES.lockedPermanently });
    sim.unlock('alice');
    assert.equal(statusOf(typed(sim, attempt(sim), RIGHT)()), 'allow');
    assert.deepEqual(events.at(-1), { type: 'lock', username: 'alice', locked: false });
  });

  test('maxFailures is an option from 1 to 100 (default 100)', () => {
    assert.throws(() => setup({ maxFailures: 0 }), /maxFailures/);
    assert.throws(() => setup({ maxFailures: 101 }), /maxFailures/);
    assert.throws(() => setup({ maxFailures: 1.5 }), /maxFailures/);
    const { sim } = setup({ maxFailures: 2, lockoutThreshold: 10 });
    const attemptId = attempt(sim);
    assert.equal(throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode').attemptsLeft, 1);
    assert.equal(throwsSimulatorError(typed(sim, attemptId), 'locked_out').message, MESSAGES.lockedPermanently);
  });

  test('unlock(username) resets the count, not only the lock', () => {
    const { sim } = setup({ lockoutThreshold: 2 });
    const attemptId = attempt(sim);
    throwsSimulatorError(typed(sim, attemptId), 'invalid_passcode');
    throwsSimulatorError(typed(sim, attemptId), 'locked_out');
    sim.unlock('alice');
    assert.equal(throwsSimulatorError(typed(sim, attempt(sim)), 'invalid_passcode').attemptsLeft, 1);
  });

  test('lockOut(username) locks at once, for lockoutMs or for good, and ends pending requests', () => {
    const { sim, clock } = setup({ lockoutMs: 5 * MINUTE });
    const attemptId = attempt(sim);
    const push = sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }).body.txid;
    sim.lockOut('alice');
    assert.equal(sim.statusOf(push), 'locked_out');
    assert.match(throwsSimulatorError(typed(sim, attemptId, RIGHT), 'locked_out').message, /Try again in 5 minutes/);
    clock.advance(5 * MINUTE);
    assert.equal(statusOf(typed(sim, attempt(sim), RIGHT)()), 'allow');
    sim.lockOut('bob', { permanent: true });
    clock.advance(24 * 60 * MINUTE);
    assert.deepEqual(preauthAs(sim, 'bob'), { result: 'deny', message: MESSAGES.lockedPermanently });
  });
});
