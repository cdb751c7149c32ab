/**
 * Preauth for every fixture user, and "Remember me", end to end through the real HTTP client and the real
 * MSW handlers. Each client has its own cookie jar (see `support/integration.ts`): MSW's own jar stays empty
 * on `http://mfa.test`, so an `allow` here proves that preauth read the cookie the client sent.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REMEMBER_COOKIE } from '../../src/adapter/wire.js';
import { ALICE_BYPASS_CODES, MESSAGES } from '../../mock-server/core/index.js';
import { allowOf, auth, cookieAttributes, record, rejectsWith, useIntegration } from './support/integration.js';

const { clock, sim, client, pollsWaiting, attempt, hostLogin } = useIntegration();

describe('preauth for each fixture user', { timeout: 10_000 }, () => {
  test('alice: auth with her three devices, masked numbers only, the policy and an enroll URL', async () => {
    const { adapter } = client();
    const result = auth(await adapter.preauth(hostLogin('alice')));
    assert.match(result.attemptId, /^att_\w+$/);
    assert.deepEqual(result.devices, [
      {
        id: 'alice-ios',
        displayName: 'iOS (XXX-XXX-0105)',
        type: 'mobile',
        maskedNumber: 'XXX-XXX-0105',
        capabilities: ['push', 'phone', 'sms', 'passcode'],
      },
      {
        id: 'alice-landline',
        displayName: 'Landline (XXX-XXX-1311)',
        type: 'landline',
        maskedNumber: 'XXX-XXX-1311',
        capabilities: ['phone'],
      },
      { id: 'alice-token', displayName: 'Hardware token', type: 'token', capabilities: ['passcode'] },
    ]);
    assert.deepEqual(result.policy, {
      methods: ['push', 'phone', 'sms', 'passcode', 'webauthn'],
      rememberMe: { allowed: true, durationSeconds: 8 * 3600 },
      smsBatchSize: 5,
      verifiedPush: true,
    });
    assert.equal(result.enrollUrl, 'https://mfa.example/enroll?user=alice');
    assert.ok(!JSON.stringify(result).includes('ALICE2FA'), 'no secret leaves the server');
  });

  test('bob: auth with one device', async () => {
    const { adapter } = client();
    const result = auth(await adapter.preauth(hostLogin('bob')));
    assert.deepEqual(result.devices, [
      {
        id: 'bob-android',
        displayName: 'Android (XXX-XXX-4242)',
        type: 'mobile',
        maskedNumber: 'XXX-XXX-4242',
        capabilities: ['push', 'phone', 'sms', 'passcode'],
      },
    ]);
  });

  test('each preauth starts a new attempt', async () => {
    const { adapter } = client();
    const first = await attempt(adapter);
    const second = await attempt(adapter);
    assert.notEqual(first.attemptId, second.attemptId);
  });

  test('carol: enroll, with the URL to add a device', async () => {
    const { adapter } = client();
    assert.deepEqual(await adapter.preauth(hostLogin('carol')), {
      result: 'enroll',
      enrollUrl: 'https://mfa.example/enroll?user=carol',
      message: MESSAGES.enroll,
    });
  });

  test('dave: allow, with a login token and no second factor', async () => {
    const { adapter } = client();
    const result = await adapter.preauth(hostLogin('dave'));
    assert.equal(result.result, 'allow');
    assert.match(result.result === 'allow' ? result.token : '', /^login_\w{32}$/);
    assert.equal(result.result === 'allow' && result.message, 'This device is remembered. Logging you in...');
    assert.equal(result.result === 'allow' && result.reason, 'remembered-device');
  });

  test('erin: deny, with the administrator\'s message', async () => {
    const { adapter } = client();
    assert.deepEqual(await adapter.preauth(hostLogin('erin')), {
      result: 'deny',
      message: 'Your account is not allowed to use two-factor login. Contact your help desk.',
    });
  });

  test('an unknown user: expired, the answer of a bad ticket (never one that reveals who exists)', async () => {
    const { adapter } = client();
    const unknown = await rejectsWith(adapter.preauth(hostLogin('mallory')), 'expired');
    const forged = await rejectsWith(adapter.preauth({ username: 'alice', ticket: `${hostLogin('alice').ticket}x` }), 'expired');
    assert.equal(unknown.message, forged.message);
    assert.equal(unknown.httpStatus, 404);
  });

  test('first-factor ticket: a username alone is invalid_request, and starts nothing', async () => {
    const { adapter } = client();
    const error = await rejectsWith(adapter.preauth({ username: 'alice' }), 'invalid_request');
    assert.equal(error.httpStatus, 400);
    await rejectsWith(adapter.preauth({}), 'invalid_request');
    assert.equal(sim.phone('alice').pendingPush(), undefined);
  });

  test('first-factor ticket: the ticket decides the user; another username beside it is refused', async () => {
    const { adapter } = client();
    await rejectsWith(adapter.preauth({ username: 'bob', ticket: hostLogin('alice').ticket }), 'expired');
    const { ticket } = hostLogin('bob');
    assert.equal(auth(await adapter.preauth({ ticket })).devices[0]!.id, 'bob-android', 'username is only a hint');
  });

  test('first-factor ticket: an expired ticket is refused', async () => {
    const { adapter } = client();
    const login = hostLogin('alice', { ttlMs: 60_000 });
    auth(await adapter.preauth(login));
    clock.advance(60_000);
    await rejectsWith(adapter.preauth(login), 'expired');
  });
});

describe('remember me', { timeout: 10_000 }, () => {
  test('a push approved with rememberMe: allow remembered, an HttpOnly cookie, and the next preauth with it is allow', async () => {
    const { adapter, jar } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const push = await adapter.startPush(attemptId, 'bob-android', { rememberMe: true });
    assert.equal(jar.received.length, 0, 'no cookie before the approval');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('bob').approvePushWithShownCode();
    const allow = allowOf((await watching.done)[0]);
    assert.equal(allow.remembered, true);

    assert.equal(jar.received.length, 1, 'the poll that answered allow set the cookie');
    const line = jar.received[0]!;
    assert.ok(line.startsWith(`${REMEMBER_COOKIE}=rem_`), line);
    const attributes = cookieAttributes(line);
    assert.ok(attributes.has('httponly'), `HttpOnly: ${line}`);
    assert.ok(attributes.has('secure'), `Secure: ${line}`);
    assert.equal(attributes.get('samesite'), 'Strict');
    assert.equal(attributes.get('max-age'), String(8 * 3600));
    const value = jar.cookies.get(REMEMBER_COOKIE)!;
    assert.ok(!JSON.stringify(allow).includes(value), 'the remember token is never in a body the page can read');

    const again = await adapter.preauth(hostLogin('bob'));
    assert.equal(again.result, 'allow', 'the cookie skips the second factor');
    assert.equal(again.result === 'allow' && again.message, MESSAGES.remembered);

    const { adapter: elsewhere } = client();
    auth(await elsewhere.preauth(hostLogin('bob'))); // another browser, no cookie: a second factor again
    auth(await adapter.preauth(hostLogin('alice'))); // bob's cookie does not remember alice
  });

  test('without rememberMe: allow not remembered, no cookie, the next preauth asks again', async () => {
    const { adapter, jar } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const push = await adapter.startPush(attemptId, 'bob-android');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('bob').approvePushWithShownCode();
    assert.equal(allowOf((await watching.done)[0]).remembered, false);
    assert.deepEqual(jar.received, []);
    auth(await adapter.preauth(hostLogin('bob')));
  });

  test('a passcode with rememberMe sets the cookie on the start response itself', async () => {
    const { adapter, jar } = client();
    const { attemptId } = await attempt(adapter);
    const login = await adapter.verifyPasscode(attemptId, ALICE_BYPASS_CODES[0], { rememberMe: true });
    assert.equal(allowOf(login.status).remembered, true);
    assert.ok(jar.cookies.has(REMEMBER_COOKIE));
    assert.equal((await adapter.preauth(hostLogin('alice'))).result, 'allow');
  });

  test('the remembered device lasts 8 hours', async () => {
    const { adapter, jar } = client();
    const { attemptId } = await attempt(adapter);
    await adapter.verifyPasscode(attemptId, ALICE_BYPASS_CODES[0], { rememberMe: true });
    assert.ok(jar.cookies.has(REMEMBER_COOKIE));
    clock.advance(8 * 3600 * 1000 - 1000);
    assert.equal((await adapter.preauth(hostLogin('alice'))).result, 'allow', 'one second before the end');
    clock.advance(1000);
    auth(await adapter.preauth(hostLogin('alice'))); // the browser would have dropped it too (Max-Age)
  });

  test('a forged cookie value is not honoured', async () => {
    const { adapter, jar } = client();
    jar.cookies.set(REMEMBER_COOKIE, 'rem_forged');
    auth(await adapter.preauth(hostLogin('bob')));
  });
});
