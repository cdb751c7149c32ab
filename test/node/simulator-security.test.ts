/** Security rules: lock-out after consecutive failures, rate limits, and remember-me tokens. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MfaSimulator, SimulatorEvent } from '../../mock-server/core/index.js';
import { ALICE_BYPASS_CODES, DEFAULT_USERS } from '../../mock-server/core/index.js';
import { attempt, auth, MINUTE, preauthAs, SECOND, setup, statusOf, throwsSimulatorError } from './simulator-helpers.js';

const WRONG = '000000';

function wrongPasscode(sim: MfaSimulator, attemptId: string) {
  return throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: WRONG }), 'invalid_passcode');
}

function pushAndDeny(sim: MfaSimulator, attemptId: string) {
  const { body } = sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' });
  sim.phone('alice').denyPush();
  return body.txid;
}

describe('lock-out', () => {
  test('each wrong passcode says how many attempts are left', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    assert.equal(wrongPasscode(sim, attemptId).attemptsLeft, 9);
    assert.equal(wrongPasscode(sim, attemptId).attemptsLeft, 8);
  });

  test('the failure that reaches lockoutThreshold throws locked_out, not invalid_passcode', () => {
    const { sim } = setup({ lockoutThreshold: 3 });
    const attemptId = attempt(sim);
    wrongPasscode(sim, attemptId);
    wrongPasscode(sim, attemptId);
    const error = throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: WRONG }), 'locked_out');
    assert.match(error.message, /locked.*Try again in 15 minutes.*help desk/);
  });

  test('once locked, every start throws locked_out, even a right passcode, and preauth denies', () => {
    const { sim } = setup({ lockoutThreshold: 2 });
    const attemptId = attempt(sim);
    wrongPasscode(sim, attemptId);
    throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: WRONG }), 'locked_out');
    throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: ALICE_BYPASS_CODES[0] }), 'locked_out');
    throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }), 'locked_out');
    const result = preauthAs(sim, 'alice');
    assert.equal(result.result, 'deny');
    assert.match(result.result === 'deny' ? result.message : '', /account is locked/);
    assert.equal(auth(preauthAs(sim, 'bob')).result, 'auth', 'other users are not affected');
  });

  test('a success resets the count', () => {
    const { sim } = setup({ lockoutThreshold: 3 });
    const attemptId = attempt(sim);
    wrongPasscode(sim, attemptId);
    wrongPasscode(sim, attemptId);
    sim.start({ attemptId, method: 'passcode', passcode: ALICE_BYPASS_CODES[0] });
    assert.equal(wrongPasscode(sim, attemptId).attemptsLeft, 2);
    assert.equal(wrongPasscode(sim, attemptId).attemptsLeft, 1);
  });

  test('denied pushes and hung-up calls count as failures; the one that locks ends as locked_out', () => {
    const { sim } = setup({ lockoutThreshold: 3 });
    const attemptId = attempt(sim);
    pushAndDeny(sim, attemptId);
    sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' });
    sim.phone('alice').hangUp();
    const locking = pushAndDeny(sim, attemptId);
    assert.equal(sim.statusOf(locking), 'locked_out');
    assert.match(sim.get(locking, attemptId).body.status.message, /locked/);
    throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }), 'locked_out');
  });

  test('timeouts, cancels and fraud reports do not count', () => {
    const { sim, clock } = setup({ lockoutThreshold: 1 });
    const attemptId = attempt(sim);
    sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' });
    clock.advance(MINUTE);
    sim.cancel(sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }).body.txid, attemptId);
    sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' });
    sim.phone('alice').reportPush();
    assert.equal(statusOf(sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' })), 'pushed', 'not locked');
  });

  test('locking ends the user\'s other pending transactions as locked_out', async () => {
    const { sim } = setup({ lockoutThreshold: 1 });
    const attemptId = attempt(sim);
    const call = sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' }).body.txid;
    const poll = sim.waitForChange(call, attemptId, 1, 30 * SECOND);
    throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: WRONG }), 'locked_out');
    assert.equal(statusOf(await poll), 'locked_out');
  });

  test('the lock-out lasts lockoutMs; the count survives it, so the next failure locks again (failure cap)', () => {
    const { sim, clock } = setup({ lockoutThreshold: 2, lockoutMs: 5 * MINUTE });
    const attemptId = attempt(sim);
    wrongPasscode(sim, attemptId);
    throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: WRONG }), 'locked_out');
    clock.advance(5 * MINUTE - 1);
    assert.equal(preauthAs(sim, 'alice').result, 'deny');
    clock.advance(1);
    const fresh = attempt(sim);
    const error = throwsSimulatorError(() => sim.start({ attemptId: fresh, method: 'passcode', passcode: WRONG }), 'locked_out');
    assert.match(error.message, /Try again in 5 minutes/);
    clock.advance(5 * MINUTE);
    assert.equal(statusOf(sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: ALICE_BYPASS_CODES[0] })), 'allow');
    assert.equal(wrongPasscode(sim, attempt(sim)).attemptsLeft, 1, 'a success resets the count');
  });

  test('the defaults the guide states: per user across attempts, 10 consecutive failures lock for 15 minutes', () => {
    const { sim, clock } = setup();
    for (let i = 0; i < 9; i++) {
      // A new attempt every third failure, each past the growing delay: the count is the user's, not the attempt's.
      const left = wrongPasscode(sim, attempt(sim)).attemptsLeft;
      assert.equal(left, 9 - i);
      clock.advance(MINUTE);
    }
    const error = throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: WRONG }), 'locked_out');
    assert.match(error.message, /Try again in 15 minutes/);
    clock.advance(15 * MINUTE - 1);
    const denied = preauthAs(sim, 'alice');
    assert.equal(denied.result, 'deny', 'preauth denies during the lock');
    assert.match(denied.result === 'deny' ? denied.message : '', /locked/);
    clock.advance(1);
    assert.equal(auth(preauthAs(sim, 'alice')).result, 'auth', 'the temporary lock ends after 15 minutes');
  });

  test('during a lock, preauth denies even a user the policy lets through without a second factor', () => {
    const frank = { username: 'frank', description: 'Exempt from the second factor by policy.', devices: [], preauth: { result: 'allow' as const, message: 'No second factor needed.' } };
    const { sim } = setup({ users: [...DEFAULT_USERS, frank] });
    assert.equal(preauthAs(sim, 'frank').result, 'allow');
    sim.lockOut('frank');
    const locked = preauthAs(sim, 'frank');
    assert.equal(locked.result, 'deny');
    assert.match(locked.result === 'deny' ? locked.message : '', /locked/);
    sim.lockOut('dave', { permanent: true });
    assert.equal(preauthAs(sim, 'dave').result, 'deny', 'a remembered device too');
  });

  test('unlock(username) lifts it at once, and listeners hear lock and unlock', () => {
    const { sim } = setup({ lockoutThreshold: 1 });
    const events: SimulatorEvent[] = [];
    sim.subscribe((event) => event.type === 'lock' && events.push(event));
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: WRONG }), 'locked_out');
    sim.unlock('alice');
    assert.equal(statusOf(sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: ALICE_BYPASS_CODES[0] })), 'allow');
    assert.deepEqual(events, [
      { type: 'lock', username: 'alice', locked: true },
      { type: 'lock', username: 'alice', locked: false },
    ]);
  });
});

describe('rate limits', () => {
  test('at most 5 pushes a minute per user; the 6th is rate_limited with retryAfter', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    for (let i = 0; i < 5; i++) {
      sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' });
      clock.advance(10 * SECOND);
    }
    const error = throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }), 'rate_limited');
    assert.equal(error.retryAfter, 10, 'the first push leaves the window 60 s after it was sent');
    assert.match(error.message, /Too many push requests\. Try again in 10 seconds\./);
    clock.advance(10 * SECOND);
    assert.equal(statusOf(sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' })), 'pushed');
  });

  test('at most 3 calls a minute and 3 SMS batches per 5 minutes', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    for (let i = 0; i < 3; i++) sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' });
    assert.equal(throwsSimulatorError(() => sim.start({ attemptId, method: 'phone', deviceId: 'alice-ios' }), 'rate_limited').retryAfter, 60);
    for (let i = 0; i < 3; i++) {
      sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' });
      clock.advance(30 * SECOND); // the SMS cooldown
    }
    clock.advance(2 * MINUTE);
    assert.equal(throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' }), 'rate_limited').retryAfter, 90);
  });

  test('keywords count toward the same limits', () => {
    const { sim } = setup({ rateLimits: { push: { max: 1, windowMs: MINUTE } } });
    const attemptId = attempt(sim);
    sim.start({ attemptId, method: 'passcode', passcode: 'push' });
    throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: 'push' }), 'rate_limited');
  });

  test('limits are per user and per method, and configurable', () => {
    const { sim } = setup({ rateLimits: { push: { max: 1, windowMs: MINUTE } } });
    sim.start({ attemptId: attempt(sim), method: 'push', deviceId: 'alice-ios' });
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'push', deviceId: 'alice-ios' }), 'rate_limited');
    assert.equal(statusOf(sim.start({ attemptId: attempt(sim), method: 'phone', deviceId: 'alice-ios' })), 'calling');
    assert.equal(statusOf(sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' })), 'pushed');
  });

  test('a refused request is not counted, so waiting retryAfter is always enough', () => {
    const { sim, clock } = setup({ rateLimits: { push: { max: 1, windowMs: MINUTE } } });
    const attemptId = attempt(sim);
    sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' });
    clock.advance(30 * SECOND);
    const { retryAfter } = throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }), 'rate_limited');
    clock.advance(retryAfter! * SECOND);
    assert.equal(statusOf(sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' })), 'pushed');
  });
});

describe('remember me', () => {
  function approvedPush(sim: MfaSimulator, rememberMe: boolean, username = 'bob') {
    const attemptId = attempt(sim, username);
    const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android', rememberMe });
    sim.phone(username).approvePushWithShownCode();
    return sim.get(body.txid, attemptId);
  }

  test('an allow with rememberMe is "remembered" and exposes a token for the cookie, never in the body', () => {
    const { sim } = setup();
    const snapshot = approvedPush(sim, true);
    assert.equal(snapshot.body.status.status === 'allow' && snapshot.body.status.remembered, true);
    assert.match(snapshot.rememberToken ?? '', /^rem_\w{20,}$/);
    assert.equal(snapshot.rememberMaxAgeSeconds, 8 * 3600);
    assert.ok(!JSON.stringify(snapshot.body).includes(snapshot.rememberToken!));
  });

  test('the token makes the next preauth for that user answer allow with a login token', () => {
    const { sim } = setup();
    const { rememberToken } = approvedPush(sim, true);
    const result = preauthAs(sim, 'bob', { rememberToken: rememberToken! });
    assert.equal(result.result, 'allow');
    assert.match(result.result === 'allow' ? result.token : '', /^login_/);
    assert.equal(result.result === 'allow' && result.reason, 'remembered-device');
  });

  test('the token is bound to its user', () => {
    const { sim } = setup();
    const { rememberToken } = approvedPush(sim, true);
    assert.equal(preauthAs(sim, 'alice', { rememberToken: rememberToken! }).result, 'auth');
    assert.equal(preauthAs(sim, 'bob', { rememberToken: 'rem_forged' }).result, 'auth');
  });

  test('the token expires after the policy\'s duration', () => {
    const { sim, clock } = setup({ rememberSeconds: 3600 });
    const { rememberToken } = approvedPush(sim, true);
    clock.advance(3600 * SECOND - 1);
    assert.equal(preauthAs(sim, 'bob', { rememberToken: rememberToken! }).result, 'allow');
    clock.advance(1);
    assert.equal(preauthAs(sim, 'bob', { rememberToken: rememberToken! }).result, 'auth');
  });

  test('without rememberMe, or when the policy forbids it, nothing is remembered', () => {
    const { sim } = setup();
    const notAsked = approvedPush(sim, false);
    assert.equal(notAsked.rememberToken, undefined);
    assert.equal(notAsked.body.status.status === 'allow' && notAsked.body.status.remembered, false);

    const forbidding = setup({
      users: [{ username: 'bob', description: 'no remembering', devices: [{ id: 'bob-android', type: 'mobile', displayName: 'B', capabilities: ['push'] }], policy: { rememberMe: { allowed: false } } }],
    });
    assert.equal(auth(preauthAs(forbidding.sim, 'bob')).policy.rememberMe.allowed, false);
    const forbidden = approvedPush(forbidding.sim, true);
    assert.equal(forbidden.rememberToken, undefined);
    assert.equal(forbidden.body.status.status === 'allow' && forbidden.body.status.remembered, false);
  });

  test('a passcode can remember the device too', () => {
    const { sim } = setup();
    const snapshot = sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: ALICE_BYPASS_CODES[0], rememberMe: true });
    assert.ok(snapshot.rememberToken);
    assert.equal(preauthAs(sim, 'alice', { rememberToken: snapshot.rememberToken }).result, 'allow');
  });

  test('a locked user is denied even with a valid token', () => {
    const { sim } = setup({ lockoutThreshold: 1 });
    const { rememberToken } = approvedPush(sim, true);
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim, 'bob'), method: 'passcode', passcode: WRONG }), 'locked_out');
    assert.equal(preauthAs(sim, 'bob', { rememberToken: rememberToken! }).result, 'deny');
  });
});
