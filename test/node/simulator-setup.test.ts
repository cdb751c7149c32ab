/** The simulator's set-up: its options, its fake clock, the default users and what preauth answers. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { PreauthResultSchema } from './support/valibot-wire.js';
import { DEFAULT_USERS, FakeClock, MfaSimulator, seededRandom, type SimulatedUser } from '../../mock-server/core/index.js';
import { attempt, auth, MINUTE, preauthAs, setup, throwsSimulatorError } from './simulator-helpers.js';

describe('options', () => {
  test('lockoutThreshold must be 1 to 100', () => {
    assert.throws(() => new MfaSimulator({ lockoutThreshold: 0 }), RangeError);
    assert.throws(() => new MfaSimulator({ lockoutThreshold: 101 }), RangeError);
    assert.throws(() => new MfaSimulator({ lockoutThreshold: 2.5 }), RangeError);
    assert.doesNotThrow(() => new MfaSimulator({ lockoutThreshold: 1 }));
    assert.doesNotThrow(() => new MfaSimulator({ lockoutThreshold: 100 }));
  });

  test('smsBatchSize must be 1 to 10', () => {
    assert.throws(() => new MfaSimulator({ smsBatchSize: 0 }), RangeError);
    assert.throws(() => new MfaSimulator({ smsBatchSize: 11 }), RangeError);
    assert.doesNotThrow(() => new MfaSimulator({ smsBatchSize: 10 }));
  });

  test('durations must be positive and the error names the option', () => {
    assert.throws(() => new MfaSimulator({ pushTimeoutMs: 0 }), /pushTimeoutMs/);
    assert.throws(() => new MfaSimulator({ callTimeoutMs: -1 }), /callTimeoutMs/);
    assert.throws(() => new MfaSimulator({ transactionTtlMs: Number.NaN }), /transactionTtlMs/);
    assert.throws(() => new MfaSimulator({ rememberSeconds: 0 }), /rememberSeconds/);
  });

  test('rate limits must be whole counts over positive windows, for preauth, push, phone or sms only', () => {
    assert.throws(() => new MfaSimulator({ rateLimits: { push: { max: 0, windowMs: 1000 } } }), /rateLimits\.push\.max/);
    assert.throws(() => new MfaSimulator({ rateLimits: { sms: { max: 1, windowMs: 0 } } }), /rateLimits\.sms\.windowMs/);
    assert.throws(() => new MfaSimulator({ rateLimits: { passcode: { max: 1, windowMs: 1 } } as never }), /only preauth, push, phone and sms/);
  });

  test('custom users are checked when the simulator is built, with the user and device named', () => {
    const phone = DEFAULT_USERS[1]!.devices[0]!;
    const user = (patch: Partial<SimulatedUser>): SimulatedUser => ({ username: 'zoe', description: 'test', devices: [phone], ...patch });
    assert.throws(() => new MfaSimulator({ users: [user({}), user({})] }), /"zoe" is listed twice/);
    assert.throws(() => new MfaSimulator({ users: [user({ devices: [phone, phone] })] }), /unique/);
    assert.throws(() => new MfaSimulator({ users: [user({ devices: [{ ...phone, authenticatorSecret: 'TOOSHORT' }] })] }), /"zoe", device "bob-android".*Base32/);
    assert.throws(() => new MfaSimulator({ users: [user({ devices: [{ ...phone, authenticatorSecret: undefined }] })] }), /lists "passcode"/);
    assert.throws(() => new MfaSimulator({ users: [user({ bypassCodes: ['12345'] })] }), /9 digits/);
    assert.throws(() => new MfaSimulator({ users: [user({ policy: { smsBatchSize: 12 } })] }), RangeError);
  });
});

describe('the fake clock', () => {
  test('fires due timers in time order, including timers scheduled by timers, and not the others', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => {
      fired.push('a@10');
      clock.setTimeout(() => fired.push('c@15'), 5);
      clock.setTimeout(() => fired.push('late@40'), 30);
    }, 10);
    const canceled = clock.setTimeout(() => fired.push('canceled'), 12);
    clock.clearTimeout(canceled);
    clock.advance(25);
    assert.deepEqual(fired, ['a@10', 'c@15', 'b@20']);
    assert.equal(clock.now(), 25);
    assert.equal(clock.pendingTimers, 1);
  });

  test('a timer sees the time it was due at', () => {
    const clock = new FakeClock(1000);
    let seen = 0;
    clock.setTimeout(() => (seen = clock.now()), 500);
    clock.advance(10_000);
    assert.equal(seen, 1500);
    assert.equal(clock.now(), 11_000);
  });

  test('refuses to go backwards', () => {
    assert.throws(() => new FakeClock().advance(-1), RangeError);
  });
});

describe('the default users', () => {
  test('each has a one-line description for a picker', () => {
    const { sim } = setup();
    assert.deepEqual(
      sim.users.map((u) => u.username),
      ['alice', 'bob', 'carol', 'dave', 'erin'],
    );
    for (const user of sim.users) assert.match(user.description, /^[^\n]{10,140}$/);
  });

  test('alice has a smartphone, a landline and a hardware token, with masked numbers', () => {
    const { sim } = setup();
    const { devices } = auth(preauthAs(sim, 'alice'));
    assert.deepEqual(
      devices.map((d) => [d.displayName, d.type, d.capabilities]),
      [
        ['iOS (XXX-XXX-0105)', 'mobile', ['push', 'phone', 'sms', 'passcode']],
        ['Landline (XXX-XXX-1311)', 'landline', ['phone']],
        ['Hardware token', 'token', ['passcode']],
      ],
    );
    assert.equal(sim.phone('alice').bypassCodes().length, 3);
  });

  test('bob has a single Android phone', () => {
    const { sim } = setup();
    const { devices } = auth(preauthAs(sim, 'bob'));
    assert.deepEqual(devices.map((d) => d.displayName), ['Android (XXX-XXX-4242)']);
    assert.deepEqual(devices[0]!.capabilities, ['push', 'phone', 'sms', 'passcode']);
  });
});

describe('preauth', () => {
  test('answers auth with a fresh attempt id, the devices and the policy', () => {
    const { sim } = setup();
    const first = auth(preauthAs(sim, 'bob'));
    const second = auth(preauthAs(sim, 'bob'));
    assert.notEqual(first.attemptId, second.attemptId);
    assert.deepEqual(first.policy, {
      methods: ['push', 'phone', 'sms', 'passcode', 'webauthn'],
      rememberMe: { allowed: true, durationSeconds: 8 * 3600 },
      smsBatchSize: 5,
      verifiedPush: true,
    });
    v.parse(PreauthResultSchema, first);
  });

  test('a user without a device is asked to enroll, with the enrollment URL', () => {
    const { sim } = setup();
    const result = preauthAs(sim, 'carol');
    assert.equal(result.result, 'enroll');
    assert.equal(result.result === 'enroll' && new URL(result.enrollUrl).searchParams.get('user'), 'carol');
    v.parse(PreauthResultSchema, result);
  });

  test('a remembered user is allowed with a login token, saying it is a remembered device', () => {
    const { sim } = setup();
    const result = preauthAs(sim, 'dave');
    assert.equal(result.result, 'allow');
    assert.ok(result.result === 'allow' && result.token.length > 10);
    assert.equal(result.result === 'allow' && result.reason, 'remembered-device');
    v.parse(PreauthResultSchema, result);
  });

  test('a user the policy lets through without a second factor is allowed as not-required', () => {
    const frank = { username: 'frank', description: 'Exempt from the second factor by policy.', devices: [], preauth: { result: 'allow' as const, message: 'No second factor needed. Logging you in...' } };
    const { sim } = setup({ users: [...DEFAULT_USERS, frank] });
    const result = preauthAs(sim, 'frank');
    assert.equal(result.result === 'allow' && result.reason, 'not-required');
    assert.equal(result.result === 'allow' && result.message, 'No second factor needed. Logging you in...');
    v.parse(PreauthResultSchema, result);
  });

  test('a denied user is denied with the reason', () => {
    const { sim } = setup();
    assert.deepEqual(preauthAs(sim, 'erin'), {
      result: 'deny',
      message: 'Your account is not allowed to use two-factor login. Contact your help desk.',
    });
  });

  test('an unknown user gets the answer of a bad ticket, so nobody learns who is enrolled (first-factor ticket)', () => {
    const { sim } = setup();
    throwsSimulatorError(() => preauthAs(sim, 'mallory'), 'expired');
  });

  test('a login attempt expires after attemptTtlMs', () => {
    const { sim, clock } = setup({ attemptTtlMs: 15 * MINUTE });
    const attemptId = attempt(sim, 'bob');
    clock.advance(15 * MINUTE - 1);
    sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    clock.advance(1);
    throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }), 'expired');
  });

  test('an unknown attempt id is expired', () => {
    const { sim } = setup();
    throwsSimulatorError(() => sim.start({ attemptId: 'att_nope', method: 'push', deviceId: 'bob-android' }), 'expired');
  });

  test('a seeded random source gives the same ids every run', () => {
    const ids = () => {
      const sim = new MfaSimulator({ clock: new FakeClock(), random: seededRandom(7) });
      return [attempt(sim), attempt(sim, 'bob')];
    };
    assert.deepEqual(ids(), ids());
  });
});
