/**
 * What belongs to a login attempt: **attempt binding** (rule 3), **token once** (4), **identifier entropy**
 * (5), **attempt lifetime** (6), **idempotent starts** (10), **one live request per attempt** (11).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE_BYPASS_CODES, MESSAGES, secureRandom, type SimulatorEvent } from '../../mock-server/core/index.js';
import { attempt, auth, MINUTE, preauthAs, SECOND, setup, statusOf, throwsSimulatorError } from './simulator-helpers.js';

describe('attempt binding', () => {
  test('a txid alone reads nothing: get, waitForChange and cancel need the attempt that started it', async () => {
    const { sim } = setup();
    const own = attempt(sim, 'bob');
    const other = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId: own, method: 'push', deviceId: 'bob-android' }).body;
    sim.phone('bob').approvePushWithShownCode();
    for (const wrong of ['', other, 'att_guess']) {
      const error = throwsSimulatorError(() => sim.get(txid, wrong), 'expired');
      assert.equal(error.message, MESSAGES.transactionExpired, 'the answer of an unknown txid');
      await assert.rejects(sim.waitForChange(txid, wrong, 0, 1000), { code: 'expired' });
      throwsSimulatorError(() => sim.cancel(txid, wrong), 'expired');
    }
    assert.equal(statusOf(sim.get(txid, own)), 'allow', 'the token is still there for its own attempt');
  });

  test('another attempt cannot cancel a pending push, not even one of the same user', () => {
    const { sim } = setup();
    const own = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId: own, method: 'push', deviceId: 'bob-android' }).body;
    throwsSimulatorError(() => sim.cancel(txid, attempt(sim, 'alice')), 'expired');
    throwsSimulatorError(() => sim.cancel(txid, attempt(sim, 'bob')), 'expired');
    assert.equal(sim.statusOf(txid), 'pushed');
  });
});

describe('token once', () => {
  test('once the host redeemed the token, every read of its transaction is expired', async () => {
    const { sim } = setup();
    const attemptId = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    const poll = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    sim.phone('bob').approvePushWithShownCode();
    const answer = (await poll).body.status;
    assert.ok(answer.status === 'allow');
    // Until then the allow is answered again to its own attempt: an answer may have been lost on the way.
    assert.equal(statusOf(sim.get(txid, attemptId)), 'allow');
    sim.redeemLoginToken(answer.token);
    throwsSimulatorError(() => sim.get(txid, attemptId), 'expired');
    await assert.rejects(sim.waitForChange(txid, attemptId, 0, 1000), { code: 'expired' });
    assert.equal(sim.statusOf(txid), 'allow', 'the record is still there for the operator');
  });

  test('an unredeemed token dies with its 2-minute lifetime, and so does its transaction', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    sim.phone('bob').approvePushWithShownCode();
    assert.equal(statusOf(sim.get(txid, attemptId)), 'allow');
    clock.advance(2 * MINUTE);
    throwsSimulatorError(() => sim.get(txid, attemptId), 'expired');
  });

  test('a poll its client gave up on, whose abort never reached the server (a service worker), does not take the token', async () => {
    const { sim } = setup();
    const attemptId = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    const abandoned = sim.waitForChange(txid, attemptId, 1, 30 * SECOND); // no signal: the server cannot tell
    const current = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    assert.equal(statusOf(await abandoned), 'pushed', 'answered, unchanged, when the new poll arrived');
    sim.phone('bob').approvePushWithShownCode();
    const answer = await current;
    assert.equal(statusOf(answer), 'allow');
    assert.match(answer.body.status.status === 'allow' ? answer.body.status.token : '', /^login_/);
  });

  test('a poll aborted by its client does not take the token: the next poll gets it', async () => {
    const { sim } = setup();
    const attemptId = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    const controller = new AbortController();
    const aborted = sim.waitForChange(txid, attemptId, 1, 30 * SECOND, controller.signal);
    controller.abort(new Error('tab closed'));
    await assert.rejects(aborted, /tab closed/);
    sim.phone('bob').approvePushWithShownCode();
    assert.equal(statusOf(sim.get(txid, attemptId)), 'allow');
  });

  test('a passcode\'s 201 carries the token; once redeemed, nothing reads it again', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    const { body } = sim.start({ attemptId, method: 'passcode', passcode: ALICE_BYPASS_CODES[0] });
    assert.ok(body.status.status === 'allow');
    sim.redeemLoginToken(body.status.token);
    throwsSimulatorError(() => sim.get(body.txid, attemptId), 'expired');
  });

  test('redeemLoginToken: the host\'s server learns whose login it is, once', () => {
    const { sim } = setup();
    const attemptId = attempt(sim, 'bob');
    const { txid } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    sim.phone('bob').approvePushWithShownCode();
    const { status } = sim.get(txid, attemptId).body;
    assert.ok(status.status === 'allow');
    assert.deepEqual(sim.redeemLoginToken(status.token), { username: 'bob', method: 'push' });
    const again = throwsSimulatorError(() => sim.redeemLoginToken(status.token), 'expired');
    assert.equal(again.message, MESSAGES.loginTokenInvalid);
    throwsSimulatorError(() => sim.redeemLoginToken('login_forged'), 'expired');
  });

  test('a login token lives 2 minutes', () => {
    const { sim, clock } = setup();
    const passcode = (code: string) => sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: code }).body.status;
    const first = passcode(ALICE_BYPASS_CODES[0]);
    const second = passcode(ALICE_BYPASS_CODES[1]);
    assert.ok(first.status === 'allow' && second.status === 'allow');
    clock.advance(2 * MINUTE - 1);
    assert.deepEqual(sim.redeemLoginToken(first.token), { username: 'alice', method: 'passcode' });
    clock.advance(1);
    throwsSimulatorError(() => sim.redeemLoginToken(second.token), 'expired');
  });

  test('preauth\'s allow token follows the same rule', () => {
    const { sim } = setup();
    const result = preauthAs(sim, 'dave');
    assert.ok(result.result === 'allow');
    assert.deepEqual(sim.redeemLoginToken(result.token), { username: 'dave', method: 'preauth' });
    throwsSimulatorError(() => sim.redeemLoginToken(result.token), 'expired');
  });
});

describe('identifier entropy', () => {
  test('attempt ids, txids, login and remember tokens carry at least 128 random bits (26+ of 36 characters)', () => {
    const { sim } = setup({ random: secureRandom });
    const attemptId = attempt(sim, 'bob');
    const started = sim.start({ attemptId, method: 'push', deviceId: 'bob-android', rememberMe: true });
    sim.phone('bob').approvePushWithShownCode();
    const snapshot = sim.get(started.body.txid, attemptId);
    const { status } = snapshot.body;
    assert.ok(status.status === 'allow');
    const bits = (id: string) => id.slice(id.indexOf('_') + 1).length * Math.log2(36);
    for (const id of [attemptId, started.body.txid, status.token, snapshot.rememberToken!]) {
      assert.match(id, /^[a-z]+_[a-z0-9]+$/);
      assert.ok(bits(id) >= 128, `${id}: ${bits(id).toFixed(0)} bits`);
    }
  });
});

describe('attempt lifetime', () => {
  test('an attempt lives 10 minutes by default', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim, 'bob');
    clock.advance(10 * MINUTE - 1);
    sim.start({ attemptId, method: 'sms', deviceId: 'bob-android' });
    clock.advance(1);
    const error = throwsSimulatorError(() => sim.start({ attemptId, method: 'sms', deviceId: 'bob-android' }), 'expired');
    assert.equal(error.message, MESSAGES.attemptExpired);
  });
});

describe('idempotent starts', () => {
  test('a repeated start with the same key sends one push and answers with the same transaction', () => {
    const { sim } = setup();
    const events: SimulatorEvent[] = [];
    sim.subscribe((event) => events.push(event));
    const attemptId = attempt(sim, 'bob');
    const request = { attemptId, method: 'push', deviceId: 'bob-android' } as const;
    const first = sim.start(request, { idempotencyKey: 'key-1' });
    const again = sim.start(request, { idempotencyKey: 'key-1' });
    assert.deepEqual(again, first);
    assert.equal(events.filter((e) => e.type === 'transaction' && e.status === 'pushed').length, 1, 'one push on the phone');
    // The replay shows the transaction as it is now.
    sim.phone('bob').denyPush();
    assert.equal(statusOf(sim.start(request, { idempotencyKey: 'key-1' })), 'deny');
    assert.notEqual(sim.start(request, { idempotencyKey: 'key-2' }).body.txid, first.body.txid, 'a new key is a new start');
  });

  test('the same key repeats the same error without counting a second failure or verifying again', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    const wrong = { attemptId, method: 'passcode', passcode: '000000' } as const;
    const first = throwsSimulatorError(() => sim.start(wrong, { idempotencyKey: 'k' }), 'invalid_passcode');
    for (let i = 0; i < 5; i++) assert.equal(throwsSimulatorError(() => sim.start(wrong, { idempotencyKey: 'k' }), 'invalid_passcode'), first);
    assert.equal(throwsSimulatorError(() => sim.start(wrong), 'invalid_passcode').attemptsLeft, 8, 'the replays counted nothing');
  });

  test('a passcode start whose answer was lost, replayed with its key, gets the same login without spending a second code; once redeemed, expired', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    const request = { attemptId, method: 'passcode', passcode: ALICE_BYPASS_CODES[0] } as const;
    const first = sim.start(request, { idempotencyKey: 'k' }).body;
    const replay = sim.start(request, { idempotencyKey: 'k' }).body;
    assert.deepEqual(replay, first);
    assert.equal(sim.phone('alice').bypassCodes().length, 2);
    assert.ok(first.status.status === 'allow');
    sim.redeemLoginToken(first.status.token);
    throwsSimulatorError(() => sim.start(request, { idempotencyKey: 'k' }), 'expired');
  });

  test('the same key with another method or device is invalid_request', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }, { idempotencyKey: 'k' });
    throwsSimulatorError(() => sim.start({ attemptId, method: 'phone', deviceId: 'alice-ios' }, { idempotencyKey: 'k' }), 'invalid_request');
    throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'alice-landline' }, { idempotencyKey: 'k' }), 'invalid_request');
  });

  test('keys belong to their attempt: the same key in another attempt is a new start', () => {
    const { sim, clock } = setup();
    const first = sim.start({ attemptId: attempt(sim, 'bob'), method: 'sms', deviceId: 'bob-android' }, { idempotencyKey: 'k' });
    clock.advance(30 * SECOND); // the SMS cooldown
    const second = sim.start({ attemptId: attempt(sim, 'bob'), method: 'sms', deviceId: 'bob-android' }, { idempotencyKey: 'k' });
    assert.notEqual(first.body.txid, second.body.txid);
    assert.equal(sim.phone('bob').smsInbox().length, 2);
  });

  test('a key is 1 to 200 visible ASCII characters', () => {
    const { sim } = setup();
    const attemptId = attempt(sim, 'bob');
    const request = { attemptId, method: 'sms', deviceId: 'bob-android' } as const;
    for (const bad of ['', 'a'.repeat(201), 'has space', 'tab\t', 'é']) {
      throwsSimulatorError(() => sim.start(request, { idempotencyKey: bad }), 'invalid_request');
    }
    sim.start(request, { idempotencyKey: '~'.repeat(200) });
  });

  test('a rate-limited start is not stored: the same key goes through once the wait is over', () => {
    const { sim, clock } = setup({ rateLimits: { push: { max: 1, windowMs: MINUTE } } });
    const attemptId = attempt(sim, 'bob');
    sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    const request = { attemptId, method: 'push', deviceId: 'bob-android' } as const;
    const { retryAfter } = throwsSimulatorError(() => sim.start(request, { idempotencyKey: 'k' }), 'rate_limited');
    clock.advance(retryAfter! * SECOND);
    assert.equal(statusOf(sim.start(request, { idempotencyKey: 'k' })), 'pushed');
  });
});

describe('one live request per attempt', () => {
  test('starting a push or call cancels the pending push or call of the same attempt', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    const push = sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }).body.txid;
    const call = sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' }).body.txid;
    assert.equal(sim.statusOf(push), 'canceled');
    assert.equal(sim.statusOf(call), 'calling');
    const again = sim.start({ attemptId, method: 'passcode', passcode: 'push' }).body.txid;
    assert.equal(sim.statusOf(call), 'canceled', 'a keyword starts a push too');
    assert.equal(sim.phone('alice').pendingPush()?.txid, again);
  });

  test('an SMS, a passcode or another attempt leaves it live; a refused start cancels nothing', () => {
    const { sim } = setup({ rateLimits: { push: { max: 1, windowMs: MINUTE } } });
    const attemptId = attempt(sim);
    const push = sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }).body.txid;
    sim.start({ attemptId, method: 'sms', deviceId: 'alice-ios' });
    throwsSimulatorError(() => sim.start({ attemptId, method: 'passcode', passcode: '000000' }), 'invalid_passcode');
    throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'alice-ios' }), 'rate_limited');
    sim.start({ attemptId: attempt(sim), method: 'phone', deviceId: 'alice-landline' });
    assert.equal(sim.statusOf(push), 'pushed');
  });
});

describe('preauth rate limit', () => {
  test('preauth past 10 per minute is rate limited, per ticket subject, and counts again after the window', () => {
    const { sim, clock } = setup();
    const ticket = sim.issueTicket('alice');
    for (let i = 0; i < 10; i++) {
      auth(sim.preauth({ ticket }));
      clock.advance(SECOND);
    }
    const error = throwsSimulatorError(() => sim.preauth({ ticket }), 'rate_limited');
    assert.equal(error.retryAfter, 50);
    assert.equal(error.message, MESSAGES.rateLimited('login', 50));
    throwsSimulatorError(() => sim.preauth({ ticket: sim.issueTicket('alice') }), 'rate_limited');
    auth(preauthAs(sim, 'bob'));
    clock.advance(50 * SECOND);
    auth(sim.preauth({ ticket }));
  });

  test('every answer counts (allow, deny, enroll), and rateLimits.preauth changes the limit', () => {
    const { sim } = setup({ rateLimits: { preauth: { max: 2, windowMs: MINUTE } } });
    for (const user of ['dave', 'erin', 'carol']) {
      preauthAs(sim, user);
      preauthAs(sim, user);
      throwsSimulatorError(() => preauthAs(sim, user), 'rate_limited');
    }
  });
});
