/** Pushes and calls, played from the user's phone. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attempt, SECOND, setup, statusOf, throwsSimulatorError } from './simulator-helpers.js';

function pushFor(username = 'bob', deviceId = 'bob-android') {
  const { sim, clock } = setup();
  const attemptId = attempt(sim, username);
  const tx = sim.start({ attemptId, method: 'push', deviceId });
  return { sim, clock, attemptId, txid: tx.body.txid, started: tx, phone: sim.phone(username) };
}

function callTo(deviceId = 'alice-landline') {
  const { sim, clock } = setup();
  const attemptId = attempt(sim, 'alice');
  const tx = sim.start({ attemptId, method: 'phone', deviceId });
  return { sim, clock, attemptId, txid: tx.body.txid, started: tx, phone: sim.phone('alice') };
}

describe('push', () => {
  test('starts as "pushed" with Duo\'s text, and the phone shows the request', () => {
    const { started, phone, txid } = pushFor();
    const verificationCode = phone.pendingPush()?.verificationCode;
    assert.match(verificationCode ?? '', /^\d{3}$/, 'Verified Push is on by default');
    assert.deepEqual(started.body.status, {
      status: 'pushed',
      final: false,
      message: 'Pushed a login request to your device...',
      verificationCode,
      expiresInSeconds: 60,
    });
    assert.equal(started.body.method, 'push');
    assert.deepEqual(phone.pendingPush(), {
      txid,
      deviceId: 'bob-android',
      deviceName: 'Android (XXX-XXX-4242)',
      requestedAt: phone.pendingPush()!.requestedAt,
      expiresAt: phone.pendingPush()!.requestedAt + 60 * SECOND,
      verificationCode,
    });
  });

  test('approved on the phone → allow with an opaque login token', () => {
    const { sim, phone, txid, attemptId } = pushFor();
    phone.approvePushWithShownCode();
    const { status } = sim.get(txid, attemptId).body;
    assert.equal(status.status, 'allow');
    assert.equal(status.message, 'Success. Logging you in...');
    assert.ok(status.status === 'allow' && /^login_\w{20,}$/.test(status.token));
    assert.equal(phone.pendingPush(), undefined);
  });

  test('every allow carries a different login token', () => {
    const { sim } = setup();
    const tokens = ['first', 'second'].map(() => {
      const attemptId = attempt(sim, 'bob');
      const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
      sim.phone('bob').approvePushWithShownCode();
      const { status } = sim.get(body.txid, attemptId).body;
      return status.status === 'allow' ? status.token : '';
    });
    assert.notEqual(tokens[0], tokens[1]);
  });

  test('denied on the phone → deny', () => {
    const { sim, phone, txid } = pushFor();
    phone.denyPush();
    assert.equal(sim.statusOf(txid), 'deny');
  });

  test('reported on the phone → fraud', () => {
    const { sim, phone, txid } = pushFor();
    phone.reportPush();
    assert.equal(sim.statusOf(txid), 'fraud');
  });

  test('unanswered → timeout after pushTimeoutMs, not before', () => {
    const { sim, clock, txid, attemptId } = pushFor();
    clock.advance(60 * SECOND - 1);
    assert.equal(sim.statusOf(txid), 'pushed');
    clock.advance(1);
    assert.deepEqual(sim.get(txid, attemptId).body.status, { status: 'timeout', final: true, message: 'Authentication timed out.' });
  });

  test('a custom pushTimeoutMs is honoured', () => {
    const { sim, clock } = setup({ pushTimeoutMs: 5 * SECOND });
    const { body } = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
    clock.advance(5 * SECOND);
    assert.equal(sim.statusOf(body.txid), 'timeout');
  });

  test('with two pushes pending (two logins), the phone answers the newest', () => {
    const { sim } = setup();
    const older = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' }).body.txid;
    const newer = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' }).body.txid;
    assert.equal(sim.phone('bob').pendingPush()?.txid, newer);
    sim.phone('bob').approvePushWithShownCode();
    assert.equal(sim.statusOf(newer), 'allow');
    assert.equal(sim.statusOf(older), 'pushed');
  });

  test('answering when no push is pending throws a clear error', () => {
    const { sim } = setup();
    assert.throws(() => sim.phone('bob').approvePush(), /no pending push for "bob"/);
    assert.throws(() => sim.phone('bob').denyPush(), /no pending push/);
    assert.throws(() => sim.phone('bob').reportPush(), /no pending push/);
  });

  test('the control API refuses an unknown user', () => {
    const { sim } = setup();
    assert.throws(() => sim.phone('mallory'), /No simulated user "mallory"/);
  });
});

describe('phone call', () => {
  test('starts as "calling" with the masked number dialled', () => {
    const { started, phone, txid } = callTo();
    assert.deepEqual(started.body.status, { status: 'calling', final: false, message: 'Dialing XXX-XXX-1311...', expiresInSeconds: 60 });
    assert.deepEqual(phone.activeCall(), {
      txid,
      deviceId: 'alice-landline',
      deviceName: 'Landline (XXX-XXX-1311)',
      maskedNumber: 'XXX-XXX-1311',
      state: 'ringing',
      startedAt: phone.activeCall()!.startedAt,
    });
  });

  test('answered → "answered" with Duo\'s text, then a key press → allow', () => {
    const { sim, phone, txid, attemptId } = callTo();
    phone.answerCall();
    assert.deepEqual(sim.get(txid, attemptId).body.status, {
      status: 'answered',
      final: false,
      message: 'Answered. Press any key on your phone to log in.',
      expiresInSeconds: 30,
    });
    assert.equal(phone.activeCall()?.state, 'answered');
    phone.pressKey();
    assert.equal(sim.statusOf(txid), 'allow');
    assert.equal(phone.activeCall(), undefined);
  });

  test('any key approves, 9 reports fraud', () => {
    const approved = callTo();
    approved.phone.answerCall();
    approved.phone.pressKey('5');
    assert.equal(approved.sim.statusOf(approved.txid), 'allow');

    const reported = callTo();
    reported.phone.answerCall();
    reported.phone.pressKey('9');
    assert.equal(reported.sim.statusOf(reported.txid), 'fraud');
  });

  test('a key must be a phone key, pressed after answering', () => {
    const { phone } = callTo();
    assert.throws(() => phone.pressKey('1'), /Answer the call before pressing a key/);
    phone.answerCall();
    assert.throws(() => phone.pressKey('x'), /not a phone key/);
    assert.throws(() => phone.answerCall(), /already answered/);
  });

  test('unanswered → timeout after callTimeoutMs', () => {
    const { sim, clock, txid } = callTo();
    clock.advance(60 * SECOND - 1);
    assert.equal(sim.statusOf(txid), 'calling');
    clock.advance(1);
    assert.equal(sim.statusOf(txid), 'timeout');
  });

  test('answered but no key within keypressTimeoutMs → timeout, counted from the answer', () => {
    const { sim, clock, txid, phone } = callTo();
    clock.advance(50 * SECOND);
    phone.answerCall();
    clock.advance(29 * SECOND);
    assert.equal(sim.statusOf(txid), 'answered', 'the unanswered-call timeout no longer applies');
    clock.advance(1 * SECOND);
    assert.equal(sim.statusOf(txid), 'timeout');
  });

  test('hung up, ringing or answered → deny', () => {
    const ringing = callTo();
    ringing.phone.hangUp();
    assert.equal(ringing.sim.statusOf(ringing.txid), 'deny');

    const answered = callTo();
    answered.phone.answerCall();
    answered.phone.hangUp();
    assert.equal(answered.sim.statusOf(answered.txid), 'deny');
  });

  test('the smartphone can be called too', () => {
    const { started } = callTo('alice-ios');
    assert.equal(started.body.status.message, 'Dialing XXX-XXX-0105...');
  });

  test('call actions when no call is active throw a clear error', () => {
    const { sim } = setup();
    assert.throws(() => sim.phone('alice').answerCall(), /no call for "alice"/);
    assert.throws(() => sim.phone('alice').hangUp(), /no call/);
    assert.throws(() => sim.phone('alice').pressKey(), /no call/);
  });
});

describe('what a start refuses', () => {
  test('a device the user does not have → invalid_request', () => {
    const { sim } = setup();
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'push', deviceId: 'bob-android' }), 'invalid_request');
  });

  test('a method the device lacks (a push to a landline) → invalid_request', () => {
    const { sim } = setup();
    const error = throwsSimulatorError(
      () => sim.start({ attemptId: attempt(sim), method: 'push', deviceId: 'alice-landline' }),
      'invalid_request',
    );
    assert.match(error.message, /Landline \(XXX-XXX-1311\) cannot receive a push/);
  });

  test('a method the policy forbids → invalid_request', () => {
    const { sim } = setup({
      users: [{ username: 'pat', description: 'passcodes only', devices: [{ id: 'p', type: 'mobile', displayName: 'P', capabilities: ['push', 'phone'] }], policy: { methods: ['phone'] } }],
    });
    const error = throwsSimulatorError(() => sim.start({ attemptId: attempt(sim, 'pat'), method: 'push', deviceId: 'p' }), 'invalid_request');
    assert.match(error.message, /administrator does not allow push/);
    assert.equal(statusOf(sim.start({ attemptId: attempt(sim, 'pat'), method: 'phone', deviceId: 'p' })), 'calling');
  });

  test('a push, call or SMS without a device → invalid_request', () => {
    const { sim } = setup();
    for (const method of ['push', 'phone', 'sms'] as const) {
      throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method }), 'invalid_request');
    }
  });

  test('a missing attempt id → invalid_request', () => {
    const { sim } = setup();
    throwsSimulatorError(() => sim.start({ attemptId: '', method: 'push', deviceId: 'alice-ios' }), 'invalid_request');
  });
});
