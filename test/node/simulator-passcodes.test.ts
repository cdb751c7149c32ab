/** Passcodes: SMS batches, keywords, bypass codes, authenticator (TOTP) and hardware-token (HOTP) codes. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALICE_BYPASS_CODES,
  FIXTURE_SECRETS,
  normalisePasscode,
  SimulatorError,
  type FakeClock,
  type MfaSimulator,
  type SimulatedUser,
} from '../../mock-server/core/index.js';
import { attempt, auth, hotpAt, MINUTE, preauthAs, SECOND, setup, statusOf, throwsSimulatorError, totpAt } from './simulator-helpers.js';

function verify(sim: MfaSimulator, passcode: string, username = 'alice') {
  return sim.start({ attemptId: attempt(sim, username), method: 'passcode', passcode });
}

/** A wrong code, typed as a patient user would: once any growing delay (failure cap) has passed. */
function refusedAfterDelay(sim: MfaSimulator, clock: FakeClock, passcode: string): void {
  const attemptId = attempt(sim);
  const typed = () => sim.start({ attemptId, method: 'passcode', passcode });
  try {
    typed();
    assert.fail(`"${passcode}" was accepted`);
  } catch (error) {
    if (!(error instanceof SimulatorError) || error.code !== 'rate_limited') {
      assert.ok(error instanceof SimulatorError && error.code === 'invalid_passcode', String(error));
      return;
    }
    clock.advance(error.retryAfter! * SECOND);
  }
  throwsSimulatorError(typed, 'invalid_passcode');
}

function sendSms(sim: MfaSimulator, username = 'alice', deviceId = 'alice-ios') {
  const sent = sim.start({ attemptId: attempt(sim, username), method: 'sms', deviceId });
  const inbox = sim.phone(username).smsInbox();
  return { sent, codes: inbox.at(-1)!.codes };
}

function nextSmsDigit(sim: MfaSimulator, username = 'alice', deviceId = 'alice-ios') {
  return auth(preauthAs(sim, username)).devices.find((d) => d.id === deviceId)!.nextSmsDigit;
}

describe('SMS passcodes', () => {
  test('a batch is smsBatchSize codes of 7 digits whose first digit is the position, 0 for the tenth', () => {
    const { sim } = setup({ smsBatchSize: 10 });
    const { codes } = sendSms(sim);
    assert.equal(codes.length, 10);
    for (const code of codes) assert.match(code, /^\d{7}$/);
    assert.deepEqual(codes.map((c) => c[0]).join(''), '1234567890');
  });

  test('the batch size comes from the simulator, or the user\'s policy when it overrides it', () => {
    const { sim } = setup();
    assert.equal(sendSms(sim).codes.length, 5);
    const custom: SimulatedUser = {
      username: 'sam',
      description: 'three codes per batch',
      devices: [{ id: 'sam-phone', type: 'mobile', displayName: 'Phone (XXX-XXX-0001)', capabilities: ['sms'] }],
      policy: { smsBatchSize: 3 },
    };
    const other = setup({ users: [custom] }).sim;
    assert.equal(auth(preauthAs(other, 'sam')).policy.smsBatchSize, 3);
    assert.equal(sendSms(other, 'sam', 'sam-phone').codes.length, 3);
  });

  test('sending answers the final status "sent" with nextSmsDigit 1, and delivers to the device\'s inbox', () => {
    const { sim, clock } = setup();
    const { sent, codes } = sendSms(sim);
    assert.deepEqual(sent.body.status, { status: 'sent', final: true, message: 'New SMS passcodes sent', nextSmsDigit: 1, resendInSeconds: 30 });
    const [message] = sim.phone('alice').smsInbox();
    assert.equal(message!.deviceId, 'alice-ios');
    assert.equal(message!.deviceName, 'iOS (XXX-XXX-0105)');
    assert.equal(message!.time, clock.now());
    for (const code of codes) assert.ok(message!.text.includes(code), 'the text shows every code');
  });

  test('sending does not authenticate: a code must be typed', () => {
    const { sim } = setup();
    const { sent, codes } = sendSms(sim);
    assert.notEqual(statusOf(sent), 'allow');
    assert.equal(statusOf(verify(sim, codes[0]!)), 'allow');
  });

  test('each code works once', () => {
    const { sim } = setup();
    const { codes } = sendSms(sim);
    assert.equal(statusOf(verify(sim, codes[2]!)), 'allow');
    throwsSimulatorError(() => verify(sim, codes[2]!), 'invalid_passcode');
  });

  test('a new SMS batch invalidates every older code', () => {
    const { sim, clock } = setup();
    const older = sendSms(sim).codes;
    clock.advance(30 * SECOND); // the SMS cooldown
    const newer = sendSms(sim).codes;
    assert.notEqual(older[0], newer[0], 'the batches differ');
    for (const code of older) refusedAfterDelay(sim, clock, code);
    clock.advance(4 * SECOND); // the growing delay after 5 failures (failure cap)
    assert.equal(statusOf(verify(sim, newer[0]!)), 'allow');
  });

  test('preauth reports the first digit of the lowest unused code, on the device that received the batch', () => {
    const { sim } = setup({ rateLimits: { preauth: { max: 100, windowMs: MINUTE } } });
    assert.equal(nextSmsDigit(sim), undefined, 'no batch yet');
    const { codes } = sendSms(sim);
    assert.equal(nextSmsDigit(sim), 1);
    verify(sim, codes[0]!);
    assert.equal(nextSmsDigit(sim), 2);
    verify(sim, codes[2]!);
    assert.equal(nextSmsDigit(sim), 2, 'code 2 is still unused');
    verify(sim, codes[1]!);
    assert.equal(nextSmsDigit(sim), 4);
    assert.equal(nextSmsDigit(sim, 'alice', 'alice-landline'), undefined);
    verify(sim, codes[3]!);
    verify(sim, codes[4]!);
    assert.equal(nextSmsDigit(sim), undefined, 'every code used');
  });

  test('codes expire with the transaction that sent them (transactionTtlMs)', () => {
    const { sim, clock } = setup();
    const { codes } = sendSms(sim);
    clock.advance(10 * MINUTE);
    throwsSimulatorError(() => verify(sim, codes[0]!), 'invalid_passcode');
    assert.equal(nextSmsDigit(sim), undefined);
  });

  test('a landline cannot receive SMS', () => {
    const { sim } = setup();
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'sms', deviceId: 'alice-landline' }), 'invalid_request');
  });
});

describe('typing a passcode', () => {
  test('spaces and dashes are ignored', () => {
    assert.equal(normalisePasscode(' 123 456-789 '), '123456789');
    const { sim } = setup();
    assert.equal(statusOf(verify(sim, '123-456 789')), 'allow');
  });

  test('letters, wrong lengths and other junk are wrong passcodes, not crashes', () => {
    const { sim, clock } = setup();
    for (const junk of ['abcdef', '12345', '12345678901', '１２３４５６', '12.456']) refusedAfterDelay(sim, clock, junk);
  });

  test('an empty or missing passcode is an invalid request', () => {
    const { sim } = setup();
    throwsSimulatorError(() => verify(sim, ' - '), 'invalid_request');
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'passcode' }), 'invalid_request');
  });

  test('a passcode with an unknown deviceId is an invalid request', () => {
    const { sim } = setup();
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: '123456789', deviceId: 'nope' }), 'invalid_request');
  });

  test('the policy can forbid passcodes', () => {
    const { sim } = setup({
      users: [{ username: 'pia', description: 'push only', devices: [{ id: 'p', type: 'mobile', displayName: 'P', capabilities: ['push'] }], policy: { methods: ['push'] } }],
    });
    throwsSimulatorError(() => verify(sim, '123456', 'pia'), 'invalid_request');
  });
});

describe('keywords in the passcode field', () => {
  test('"push" starts a push on the first push-capable device, case-insensitively', () => {
    const { sim } = setup();
    const { body } = verify(sim, ' PUSH ');
    assert.equal(body.method, 'push');
    assert.equal(body.status.status, 'pushed');
    assert.equal(sim.phone('alice').pendingPush()?.deviceId, 'alice-ios');
  });

  test('"phone" calls the first phone-capable device, "phone2" the second', () => {
    const { sim } = setup();
    assert.equal(verify(sim, 'phone').body.status.message, 'Dialing XXX-XXX-0105...');
    assert.equal(verify(sim, 'phone2').body.status.message, 'Dialing XXX-XXX-1311...');
  });

  test('"push2" pushes to the second push-capable device', () => {
    const twoPhones: SimulatedUser = {
      username: 'max',
      description: 'two smartphones',
      devices: [
        { id: 'max-1', type: 'mobile', displayName: 'iOS (XXX-XXX-0001)', capabilities: ['push'] },
        { id: 'max-landline', type: 'landline', displayName: 'Landline', capabilities: ['phone'] },
        { id: 'max-2', type: 'mobile', displayName: 'Android (XXX-XXX-0002)', capabilities: ['push'] },
      ],
    };
    const { sim } = setup({ users: [twoPhones] });
    verify(sim, 'push2', 'max');
    assert.equal(sim.phone('max').pendingPush()?.deviceId, 'max-2');
  });

  test('"sms" sends a batch and answers "sent"', () => {
    const { sim } = setup();
    const { body } = verify(sim, 'sms');
    assert.equal(body.method, 'sms');
    assert.equal(body.status.status, 'sent');
    assert.equal(sim.phone('alice').smsInbox().length, 1);
  });

  test('a device number that does not exist is an invalid request, not a failed passcode', () => {
    const { sim } = setup({ lockoutThreshold: 1 });
    throwsSimulatorError(() => verify(sim, 'push2'), 'invalid_request');
    throwsSimulatorError(() => verify(sim, 'phone3'), 'invalid_request');
    assert.equal(auth(preauthAs(sim, 'alice')).result, 'auth', 'not counted toward lock-out');
  });
});

describe('bypass codes', () => {
  test('each of the user\'s 9-digit codes works once', () => {
    const { sim } = setup();
    const [first, second] = ALICE_BYPASS_CODES;
    assert.equal(statusOf(verify(sim, first)), 'allow');
    throwsSimulatorError(() => verify(sim, first), 'invalid_passcode');
    assert.deepEqual(sim.phone('alice').bypassCodes(), ALICE_BYPASS_CODES.slice(1));
    assert.equal(statusOf(verify(sim, second)), 'allow');
  });

  test('another user\'s bypass code does not work', () => {
    const { sim } = setup();
    throwsSimulatorError(() => verify(sim, ALICE_BYPASS_CODES[0], 'bob'), 'invalid_passcode');
  });
});

describe('authenticator codes (TOTP, 30 s)', () => {
  test('the current code works, and the phone shows the same one', () => {
    const { sim, clock } = setup();
    const code = totpAt(FIXTURE_SECRETS.aliceAuthenticator, clock.now());
    assert.equal(sim.phone('alice').authenticatorCode(), code);
    assert.equal(statusOf(verify(sim, code)), 'allow');
  });

  test('a code used once is refused, even within its 30 seconds', () => {
    const { sim, clock } = setup();
    const code = sim.phone('alice').authenticatorCode();
    verify(sim, code);
    clock.advance(5 * SECOND);
    throwsSimulatorError(() => verify(sim, code), 'invalid_passcode');
  });

  test('TOTP window: a code is accepted through its own step and 5 s into the next, so 34 s after it appeared', () => {
    const { sim, clock } = setup();
    const code = sim.phone('alice').authenticatorCode(); // the clock starts at a step boundary
    clock.advance(34 * SECOND + 999);
    assert.equal(statusOf(verify(sim, code)), 'allow');
  });

  test('TOTP window: a code 35 s or 36 s old is refused', () => {
    for (const ageSeconds of [35, 36]) {
      const { sim, clock } = setup();
      const code = sim.phone('alice').authenticatorCode();
      clock.advance(ageSeconds * SECOND);
      throwsSimulatorError(() => verify(sim, code), 'invalid_passcode');
    }
  });

  test('TOTP window: a future step\'s code is never accepted, not even a second before its step begins', () => {
    const { sim, clock } = setup();
    clock.advance(29 * SECOND);
    const next = totpAt(FIXTURE_SECRETS.aliceAuthenticator, clock.now() + SECOND);
    throwsSimulatorError(() => verify(sim, next), 'invalid_passcode');
    clock.advance(SECOND);
    assert.equal(statusOf(verify(sim, next)), 'allow', 'once its step has begun');
  });

  test('TOTP window: totpGraceSeconds sets the grace (0 to 30); with 0 a code dies with its step', () => {
    const strict = setup({ totpGraceSeconds: 0 });
    const code = strict.sim.phone('alice').authenticatorCode();
    strict.clock.advance(29 * SECOND + 999);
    assert.equal(statusOf(verify(strict.sim, code)), 'allow');
    const late = setup({ totpGraceSeconds: 0 });
    const lateCode = late.sim.phone('alice').authenticatorCode();
    late.clock.advance(30 * SECOND);
    throwsSimulatorError(() => verify(late.sim, lateCode), 'invalid_passcode');
    const generous = setup({ totpGraceSeconds: 30 });
    const old = generous.sim.phone('alice').authenticatorCode();
    generous.clock.advance(59 * SECOND);
    assert.equal(statusOf(verify(generous.sim, old)), 'allow');
    assert.throws(() => setup({ totpGraceSeconds: 31 }), /totpGraceSeconds/);
    assert.throws(() => setup({ totpGraceSeconds: -1 }), /totpGraceSeconds/);
    assert.throws(() => setup({ totpGraceSeconds: 2.5 }), /totpGraceSeconds/);
  });

  test('once a code is accepted, codes from earlier steps are refused', () => {
    const { sim, clock } = setup();
    clock.advance(30 * SECOND);
    const previous = totpAt(FIXTURE_SECRETS.aliceAuthenticator, clock.now() - 30 * SECOND);
    verify(sim, sim.phone('alice').authenticatorCode());
    throwsSimulatorError(() => verify(sim, previous), 'invalid_passcode');
    clock.advance(30 * SECOND);
    assert.equal(statusOf(verify(sim, sim.phone('alice').authenticatorCode())), 'allow', 'the next step\'s code works');
  });

  test('a user\'s authenticator accepts only their own codes', () => {
    const { sim } = setup();
    throwsSimulatorError(() => verify(sim, sim.phone('alice').authenticatorCode(), 'bob'), 'invalid_passcode');
    assert.equal(statusOf(verify(sim, sim.phone('bob').authenticatorCode(), 'bob')), 'allow');
  });
});

describe('hardware-token codes (HOTP)', () => {
  test('alice\'s token shows the RFC 4226 test vectors, and its next code works once', () => {
    const { sim } = setup();
    assert.equal(sim.phone('alice').tokenCode(), '755224');
    assert.equal(statusOf(verify(sim, '755224')), 'allow');
    throwsSimulatorError(() => verify(sim, '755224'), 'invalid_passcode');
    assert.equal(sim.phone('alice').tokenCode(), '287082');
  });

  test('a code up to hotpLookAhead presses ahead works, and every skipped counter is then refused', () => {
    const { sim, clock } = setup();
    const secret = FIXTURE_SECRETS.aliceToken;
    assert.equal(statusOf(verify(sim, hotpAt(secret, 10))), 'allow', 'counter 10 is within 0 + 10');
    for (const skipped of [0, 5, 9, 10]) refusedAfterDelay(sim, clock, hotpAt(secret, skipped));
    assert.equal(sim.phone('alice').tokenCode(), hotpAt(secret, 11));
  });

  test('a code beyond the look-ahead window is refused', () => {
    const { sim } = setup({ hotpLookAhead: 3 });
    throwsSimulatorError(() => verify(sim, hotpAt(FIXTURE_SECRETS.aliceToken, 4)), 'invalid_passcode');
    assert.equal(statusOf(verify(sim, hotpAt(FIXTURE_SECRETS.aliceToken, 3))), 'allow');
  });

  test('an 8-digit token works with 8-digit codes', () => {
    const token: SimulatedUser = {
      username: 'tom',
      description: 'token only',
      devices: [{ id: 'tom-token', type: 'token', displayName: 'Token', capabilities: ['passcode'], hotp: { secret: FIXTURE_SECRETS.aliceToken, digits: 8, counter: 7 } }],
    };
    const { sim } = setup({ users: [token] });
    const code = sim.phone('tom').tokenCode();
    assert.equal(code, hotpAt(FIXTURE_SECRETS.aliceToken, 7, 8));
    assert.equal(statusOf(verify(sim, code, 'tom')), 'allow');
  });

  test('asking for a code the user has no device for throws a clear error', () => {
    const { sim } = setup();
    assert.throws(() => sim.phone('bob').tokenCode(), /"bob" has no hardware token\./);
    assert.throws(() => sim.phone('alice').authenticatorCode('alice-landline'), /with id "alice-landline"/);
  });
});
