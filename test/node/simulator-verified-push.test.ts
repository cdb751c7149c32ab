/** Verified Push (number matching) and the push rate limit: what stops push bombing. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGES, MfaSimulator, type SimulatedUser } from '../../mock-server/core/index.js';
import { VERIFICATION_CODE_PATTERN } from '../../src/adapter/wire.js';
import { attempt, auth, preauthAs, SECOND, setup, throwsSimulatorError } from './simulator-helpers.js';
import type { SimulatorOptions } from '../../mock-server/core/index.js';

function pushFor(options: SimulatorOptions = {}, username = 'bob', deviceId = 'bob-android') {
  const { sim, clock } = setup(options);
  const attemptId = attempt(sim, username);
  const started = sim.start({ attemptId, method: 'push', deviceId });
  return { sim, clock, attemptId, txid: started.body.txid, started, phone: sim.phone(username) };
}

function shownCode(status: { status: string; verificationCode?: string }): string | undefined {
  return status.status === 'pushed' ? status.verificationCode : undefined;
}

/** A code that is not `code`: the user typed something else. */
function otherThan(code: string): string {
  return code === '000' ? '111' : '000';
}

const gina: SimulatedUser = {
  username: 'gina',
  description: 'Classic pushes by her policy.',
  devices: [{ id: 'gina-ios', type: 'mobile', displayName: 'iOS', capabilities: ['push'] }],
  policy: { verifiedPush: false },
};

describe('Verified Push', () => {
  test('on by default: preauth says so, and the push carries a fresh 3-digit code that the phone shows too', () => {
    const { sim, started, phone } = pushFor();
    assert.equal(auth(preauthAs(sim, 'bob')).policy.verifiedPush, true);
    const code = shownCode(started.body.status);
    assert.match(code ?? '', /^\d{3}$/);
    assert.match(code ?? '', VERIFICATION_CODE_PATTERN);
    assert.equal(phone.pendingPush()?.verificationCode, code);
  });

  test('every push gets its own code, from the injected random source', () => {
    const codes = new Set<string>();
    const { sim, clock } = setup({ rateLimits: { push: { max: 100, windowMs: 60 * SECOND } } });
    const attemptId = attempt(sim, 'bob');
    for (let i = 0; i < 20; i++) {
      const started = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
      codes.add(shownCode(started.body.status) ?? '');
      clock.advance(SECOND);
    }
    assert.ok(codes.size >= 15, `20 pushes, only ${codes.size} different codes`);
    // The same seed gives the same codes: the code comes from the simulator's random source.
    const again = [pushFor(), pushFor()].map(({ started }) => shownCode(started.body.status));
    assert.equal(again[0], again[1]);
  });

  test('the right code approves: allow', () => {
    const { sim, phone, txid, attemptId, started } = pushFor();
    phone.approvePush(shownCode(started.body.status));
    assert.equal(sim.get(txid, attemptId).body.status.status, 'allow');
  });

  test('approvePushWithShownCode types the code the screen shows', () => {
    const { sim, phone, txid, attemptId } = pushFor();
    phone.approvePushWithShownCode();
    assert.equal(sim.get(txid, attemptId).body.status.status, 'allow');
  });

  for (const [what, typed] of [
    ['a wrong code', (code: string) => otherThan(code)],
    ['no code at all', () => undefined],
    ['the code with a space', (code: string) => ` ${code}`],
  ] as const) {
    test(`${what} ends the push as deny, with a message that says why`, () => {
      const { sim, phone, txid, attemptId, started } = pushFor();
      phone.approvePush(typed(shownCode(started.body.status) as string));
      const { status } = sim.get(txid, attemptId).body;
      assert.equal(status.status, 'deny');
      assert.equal(status.message, MESSAGES.wrongVerificationCode);
      assert.match(status.message, /wrong verification code/i);
      assert.equal(phone.pendingPush(), undefined);
    });
  }

  test('a wrong code counts as a failure toward lock-out: the one that reaches the threshold locks the user', () => {
    const { sim, clock } = setup({ lockoutThreshold: 2 });
    const wrongly = () => {
      const attemptId = attempt(sim, 'bob');
      const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
      sim.phone('bob').approvePush(otherThan(shownCode(body.status) as string));
      clock.advance(SECOND);
      return sim.statusOf(body.txid);
    };
    assert.equal(wrongly(), 'deny');
    assert.equal(wrongly(), 'locked_out');
    assert.equal(preauthAs(sim, 'bob').result, 'deny');
  });

  test('a success resets the count: wrong, right, wrong does not lock at a threshold of 2', () => {
    const { sim } = setup({ lockoutThreshold: 2 });
    for (const right of [false, true, false]) {
      const attemptId = attempt(sim, 'bob');
      const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
      const code = shownCode(body.status) as string;
      sim.phone('bob').approvePush(right ? code : otherThan(code));
      assert.equal(sim.statusOf(body.txid), right ? 'allow' : 'deny');
    }
    assert.equal(preauthAs(sim, 'bob').result, 'auth');
  });

  test('a scripted phone that approves types the shown code', () => {
    const { sim, clock } = setup();
    sim.script('bob', { push: { action: 'approve', afterMs: 2 * SECOND } });
    const attemptId = attempt(sim, 'bob');
    const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    clock.advance(2 * SECOND);
    assert.equal(sim.get(body.txid, attemptId).body.status.status, 'allow');
  });

  test('verifiedPush: false keeps the classic push: no code, and approvePush() approves', () => {
    const { sim, phone, txid, attemptId, started } = pushFor({ verifiedPush: false });
    assert.equal(auth(preauthAs(sim, 'bob')).policy.verifiedPush, false);
    assert.equal('verificationCode' in started.body.status, false);
    assert.equal(phone.pendingPush()?.verificationCode, undefined);
    assert.equal('verificationCode' in (phone.pendingPush() ?? {}), false);
    phone.approvePush();
    assert.equal(sim.get(txid, attemptId).body.status.status, 'allow');
  });

  test('a user\'s policy overrides the option, either way', () => {
    const bobClassic = { username: 'bob', description: '', devices: [{ id: 'bob-android', type: 'mobile' as const, displayName: 'Android', capabilities: ['push' as const] }], policy: { verifiedPush: false } };
    const ginaVerified = { ...gina, policy: { verifiedPush: true } };
    const sim = new MfaSimulator({ users: [bobClassic, ginaVerified], verifiedPush: true });
    const simOff = new MfaSimulator({ users: [gina, ginaVerified].map((u, i) => ({ ...u, username: `u${i}` })), verifiedPush: true });
    assert.equal(auth(preauthAs(sim, 'bob')).policy.verifiedPush, false);
    assert.equal(auth(preauthAs(sim, 'gina')).policy.verifiedPush, true);
    assert.equal(auth(preauthAs(simOff, 'u0')).policy.verifiedPush, false);
    const optionOff = new MfaSimulator({ users: [ginaVerified], verifiedPush: false });
    assert.equal(auth(preauthAs(optionOff, 'gina')).policy.verifiedPush, true);
    const started = optionOff.start({ attemptId: auth(preauthAs(optionOff, 'gina')).attemptId, method: 'push', deviceId: 'gina-ios' });
    assert.match(shownCode(started.body.status) ?? '', /^\d{3}$/);
  });

  test('options are checked: verifiedPush must be a boolean, here and in a user\'s policy', () => {
    assert.throws(() => new MfaSimulator({ verifiedPush: 'yes' as never }), TypeError);
    assert.throws(() => new MfaSimulator({ users: [{ ...gina, policy: { verifiedPush: 1 as never } }] }), /policy\.verifiedPush/);
  });
});

describe('push rate limit', () => {
  test('the 6th push within a minute is refused with rate_limited and retryAfter, and nothing reaches the phone', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim, 'bob');
    for (let i = 0; i < 5; i++) {
      sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
      clock.advance(SECOND);
    }
    const newest = sim.phone('bob').pendingPush()?.txid;
    const refused = throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }), 'rate_limited');
    assert.equal(refused.retryAfter, 55, 'the first push leaves the one-minute window 55 s from now');
    assert.match(refused.message, /Too many push requests\. Try again in 55 seconds\./);
    assert.equal(sim.phone('bob').pendingPush()?.txid, newest, 'no new push on the phone');
    clock.advance(55 * SECOND);
    sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
  });
});
