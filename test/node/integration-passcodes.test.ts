/**
 * Passcode logins end to end through the real HTTP client and the real MSW handlers: SMS batches,
 * authenticator (TOTP) and hardware-token (HOTP) codes, bypass codes, keywords, wrong codes and lock-out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE_BYPASS_CODES, MESSAGES } from '../../mock-server/core/index.js';
import { allowOf, auth, MINUTE, record, rejectsWith, SECOND, useIntegration } from './support/integration.js';

const { clock, sim, client, pollsWaiting, requests, attempt, hostLogin, wrongPasscode } = useIntegration();

/** A batch just sent: the next may go after the 30 s SMS cooldown. */
const sent = { status: 'sent', final: true, message: MESSAGES.smsSent, nextSmsDigit: 1, resendInSeconds: 30 };

describe('SMS passcodes', { timeout: 10_000 }, () => {
  test('a batch is sent (nextSmsDigit 1), a code from the inbox logs in, and the next preauth hints digit 2', async () => {
    const { adapter } = client();
    const { attemptId, devices } = await attempt(adapter);
    assert.equal(devices[0]!.nextSmsDigit, undefined, 'no batch outstanding yet');

    const batch = await adapter.sendSmsPasscodes(attemptId, 'alice-ios');
    assert.equal(batch.method, 'sms');
    assert.deepEqual(batch.status, sent);

    const inbox = sim.phone('alice').smsInbox();
    assert.equal(inbox.length, 1);
    const codes = inbox[0]!.codes;
    assert.equal(codes.length, 5, 'the default batch size');
    codes.forEach((code, i) => assert.match(code, new RegExp(`^${(i + 1) % 10}\\d{6}$`), 'its first digit is its position'));

    const login = await adapter.verifyPasscode(attemptId, codes[0]!);
    assert.equal(login.method, 'passcode');
    assert.match(allowOf(login.status).token, /^login_/);

    const next = await attempt(adapter);
    assert.equal(next.devices.find((d) => d.id === 'alice-ios')?.nextSmsDigit, 2);
    assert.equal(next.devices.find((d) => d.id === 'alice-landline')?.nextSmsDigit, undefined, 'only the device that got the batch');
  });

  test('a new batch invalidates every older code', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    await adapter.sendSmsPasscodes(attemptId, 'alice-ios');
    const old = sim.phone('alice').smsInbox()[0]!.codes;
    clock.advance(30 * SECOND); // the SMS cooldown
    const again = await adapter.sendSmsPasscodes(attemptId, 'alice-ios');
    assert.deepEqual(again.status, sent, 'the new batch starts again at digit 1');
    const fresh = sim.phone('alice').smsInbox()[1]!.codes;
    for (let i = 0; i < old.length; i++) assert.notEqual(old[i], fresh[i]);

    for (const code of old) {
      const error = await wrongPasscode(adapter, attemptId, code);
      assert.equal(error.httpStatus, 401);
    }
    clock.advance(4 * SECOND); // the growing delay after the 5th failure (1, 2, then 4 seconds)
    allowOf((await adapter.verifyPasscode(attemptId, fresh[2]!)).status);
  });

  test('SMS codes expire with their transaction, after 10 minutes, even in a new login attempt', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    await adapter.sendSmsPasscodes(attemptId, 'alice-ios');
    const [code] = sim.phone('alice').smsInbox()[0]!.codes;
    clock.advance(10 * MINUTE);
    await rejectsWith(adapter.verifyPasscode(attemptId, code!), 'expired'); // the attempt lives 10 minutes too
    const later = await attempt(adapter);
    assert.equal(later.devices[0]!.nextSmsDigit, undefined, 'no batch outstanding any more');
    await rejectsWith(adapter.verifyPasscode(later.attemptId, code!), 'invalid_passcode');
  });

  test('an SMS code works once', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    await adapter.sendSmsPasscodes(attemptId, 'alice-ios');
    const [code] = sim.phone('alice').smsInbox()[0]!.codes;
    allowOf((await adapter.verifyPasscode(attemptId, code!)).status);
    await rejectsWith(adapter.verifyPasscode(attemptId, code!), 'invalid_passcode');
  });

  test('sending does not authenticate: "sent" is final, no token, nothing to watch, preauth still asks', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const batch = await adapter.sendSmsPasscodes(attemptId, 'bob-android');
    assert.equal(batch.status.status, 'sent');
    assert.ok(!('token' in batch.status));
    const before = requests.length;
    assert.deepEqual(await record(adapter.watch(batch)).done, []);
    assert.equal(requests.length, before, 'a final status is not polled');
    assert.equal((await adapter.preauth(hostLogin('bob'))).result, 'auth');
  });
});

describe('authenticator, hardware token and bypass codes', { timeout: 10_000 }, () => {
  test('the authenticator app (TOTP) code logs in; the same code replayed is refused', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const code = sim.phone('alice').authenticatorCode();
    assert.match(code, /^\d{6}$/);
    const login = await adapter.verifyPasscode(attemptId, code);
    assert.equal(login.method, 'passcode');
    allowOf(login.status);

    const replay = await rejectsWith(adapter.verifyPasscode(attemptId, code), 'invalid_passcode');
    assert.equal(replay.message, MESSAGES.incorrectPasscode);
  });

  test('the authenticator code typed with a space logs in (bob)', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const code = sim.phone('bob').authenticatorCode();
    allowOf((await adapter.verifyPasscode(attemptId, `${code.slice(0, 3)} ${code.slice(3)}`)).status);
  });

  test('the next 30-second step gives a new code, which logs in too', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const first = sim.phone('alice').authenticatorCode();
    allowOf((await adapter.verifyPasscode(attemptId, first)).status);
    clock.advance(30_000);
    const second = sim.phone('alice').authenticatorCode();
    assert.notEqual(second, first);
    allowOf((await adapter.verifyPasscode(attemptId, second)).status);
  });

  test('a code works for less than 5 s after its 30-second step ends (clock drift, past only); 6 s after, it is refused', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    clock.advance(30_000 - (clock.now() % 30_000)); // the start of a step
    const late = sim.phone('alice').authenticatorCode();
    clock.advance(30_000 + 6_000);
    await rejectsWith(adapter.verifyPasscode(attemptId, late), 'invalid_passcode');

    clock.advance(30_000 - (clock.now() % 30_000));
    const inGrace = sim.phone('alice').authenticatorCode();
    clock.advance(30_000 + 4_000);
    assert.notEqual(sim.phone('alice').authenticatorCode(), inGrace, 'the app shows the next code already');
    allowOf((await adapter.verifyPasscode(attemptId, inGrace)).status);
  });

  test('the hardware token (HOTP) code logs in, and is then spent', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const code = sim.phone('alice').tokenCode();
    assert.equal(code, '755224', 'RFC 4226 test vector, counter 0');
    allowOf((await adapter.verifyPasscode(attemptId, code)).status);
    await rejectsWith(adapter.verifyPasscode(attemptId, code), 'invalid_passcode');
    assert.equal(sim.phone('alice').tokenCode(), '287082', 'the server now expects counter 1');
    allowOf((await adapter.verifyPasscode(attemptId, '287082')).status);
  });

  test('a token code a few presses ahead logs in (look-ahead)', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    allowOf((await adapter.verifyPasscode(attemptId, '338314')).status); // counter 4
    assert.equal(sim.phone('alice').tokenCode(), '254676', 'counters up to 4 are spent');
  });

  test('a bypass code logs in once; used again it is refused', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const [code] = ALICE_BYPASS_CODES;
    allowOf((await adapter.verifyPasscode(attemptId, code)).status);
    assert.deepEqual(sim.phone('alice').bypassCodes(), ALICE_BYPASS_CODES.slice(1));
    await rejectsWith(adapter.verifyPasscode(attemptId, code), 'invalid_passcode');
    allowOf((await adapter.verifyPasscode(attemptId, ALICE_BYPASS_CODES[1])).status);
  });

  test('an empty passcode is refused by the client without a request', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const before = requests.length;
    await rejectsWith(adapter.verifyPasscode(attemptId, '   '), 'invalid_request');
    assert.equal(requests.length, before);
  });
});

describe('keywords typed as a passcode', { timeout: 10_000 }, () => {
  test('"push" starts a push: a pending push transaction the client can watch to allow', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.verifyPasscode(attemptId, 'push');
    assert.equal(push.method, 'push');
    const code = sim.phone('alice').pendingPush()?.verificationCode;
    assert.match(code ?? '', /^\d{3}$/);
    assert.deepEqual(push.status, { status: 'pushed', final: false, message: MESSAGES.pushed, verificationCode: code, expiresInSeconds: 60 });
    assert.equal(sim.phone('alice').pendingPush()?.deviceId, 'alice-ios');

    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('alice').approvePushWithShownCode();
    allowOf((await watching.done)[0]);
  });

  test('"phone2" calls the second phone-capable device (the landline)', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.verifyPasscode(attemptId, 'Phone 2');
    assert.equal(call.method, 'phone');
    assert.deepEqual(call.status, { status: 'calling', final: false, message: 'Dialing XXX-XXX-1311...', expiresInSeconds: 60 });
    assert.equal(sim.phone('alice').activeCall()?.deviceId, 'alice-landline');
    await adapter.cancel(call.txid);
    assert.equal(sim.phone('alice').activeCall(), undefined);
  });

  test('"sms" sends a batch', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const batch = await adapter.verifyPasscode(attemptId, 'SMS');
    assert.equal(batch.method, 'sms');
    assert.deepEqual(batch.status, sent);
    const inbox = sim.phone('alice').smsInbox();
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]!.deviceId, 'alice-ios');
    allowOf((await adapter.verifyPasscode(attemptId, inbox[0]!.codes[0]!)).status);
  });

  test('a keyword counts only devices capable of the method: "push2" and "phone3" do not exist for alice', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    await rejectsWith(adapter.verifyPasscode(attemptId, 'push2'), 'invalid_request'); // only the iPhone takes pushes
    await rejectsWith(adapter.verifyPasscode(attemptId, 'phone3'), 'invalid_request'); // the token cannot be called
    assert.equal(sim.phone('alice').pendingPush(), undefined);
    assert.equal(sim.phone('alice').activeCall(), undefined);
    const { attemptId: bobs } = await attempt(adapter, 'bob');
    await rejectsWith(adapter.verifyPasscode(bobs, 'phone2'), 'invalid_request');
  });
});

describe('wrong passcodes and lock-out', { timeout: 10_000 }, () => {
  test('a wrong passcode is invalid_passcode with attemptsLeft counting down; the 10th locks the account', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const left: (number | undefined)[] = [];
    for (let i = 0; i < 9; i++) {
      const error = await wrongPasscode(adapter, attemptId, '000000');
      assert.equal(error.httpStatus, 401);
      left.push(error.attemptsLeft);
    }
    assert.deepEqual(left, [9, 8, 7, 6, 5, 4, 3, 2, 1]);

    const locked = await wrongPasscode(adapter, attemptId, '000000', 'locked_out');
    assert.equal(locked.httpStatus, 403);
    assert.match(locked.message, /locked/);

    // Even a right code, and any other method, is refused now; preauth denies.
    await rejectsWith(adapter.verifyPasscode(attemptId, sim.phone('alice').authenticatorCode()), 'locked_out');
    await rejectsWith(adapter.startPush(attemptId, 'alice-ios'), 'locked_out');
    const preauth = await adapter.preauth(hostLogin('alice'));
    assert.equal(preauth.result, 'deny');
    assert.match(preauth.result === 'deny' ? preauth.message : '', /locked.*15 minutes/);

    // After the lock-out period (15 min of the fake clock), preauth asks again.
    clock.advance(15 * MINUTE);
    auth(await adapter.preauth(hostLogin('alice')));
  });

  test('a push denied on the phone counts too: the denial that reaches the threshold ends the push as locked_out', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    for (let i = 0; i < 9; i++) await wrongPasscode(adapter, attemptId, '000000');
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('alice').denyPush();
    assert.deepEqual((await watching.done).map((u) => u.status), ['locked_out']);
    assert.equal((await adapter.preauth(hostLogin('alice'))).result, 'deny');
  });

  test('a success resets the count', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    await rejectsWith(adapter.verifyPasscode(attemptId, '000000'), 'invalid_passcode');
    await rejectsWith(adapter.verifyPasscode(attemptId, '000000'), 'invalid_passcode');
    allowOf((await adapter.verifyPasscode(attemptId, ALICE_BYPASS_CODES[0])).status);
    const error = await rejectsWith(adapter.verifyPasscode(attemptId, '000000'), 'invalid_passcode');
    assert.equal(error.attemptsLeft, 9);
  });

  test('a push being watched when the account locks ends as locked_out', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    // Nine failures, each after the delay the server asks for (2 minutes in all: longer than a push lives).
    for (let i = 0; i < 9; i++) await wrongPasscode(adapter, attemptId, '0000000');
    const wait = await rejectsWith(adapter.verifyPasscode(attemptId, '0000000'), 'rate_limited');
    clock.advance(wait.retryAfter! * SECOND);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    assert.equal(watching.ended(), false);
    await rejectsWith(adapter.verifyPasscode(attemptId, '0000000'), 'locked_out');
    const updates = await watching.done;
    assert.deepEqual(updates.map((u) => u.status), ['locked_out']);
    assert.equal(updates[0]!.final, true);
  });
});
