/**
 * Every login flow through the whole chain: our HTTP client → the Duo bridge → the simulated Auth API,
 * with the test playing the phone. What the prompt would see is what is asserted.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MfaError } from '../../src/adapter/errors.js';
import * as wire from '../../src/adapter/wire.js';
import * as copied from '../../src/server/duo-contract.js';
import type { PreauthResult, Transaction } from '../../src/adapter/types.js';
import { follow, harness, PHONE, DESK, tick } from './duo-fixtures.js';

type Auth = Extract<PreauthResult, { result: 'auth' }>;

async function login(adapter: ReturnType<ReturnType<typeof harness>['browser']>['adapter'], user = 'alice'): Promise<Auth> {
  const result = await adapter.preauth({ username: user, ticket: 'ignored-by-the-bridge' });
  assert.equal(result.result, 'auth');
  return result as Auth;
}

/** Starts following `tx` and waits until the bridge holds Duo's long poll. */
async function watching(adapter: { watch(t: Transaction): AsyncIterable<unknown> }, tx: Transaction) {
  const watch = follow(adapter.watch(tx));
  await tick(50);
  return watch;
}

test('the bridge\'s copies of the contract\'s header, cookie and limits equal wire.ts\'s', () => {
  for (const [name, value] of Object.entries(copied)) assert.equal(value, wire[name as keyof typeof copied], name);
});

describe('preauth', { timeout: 20_000 }, () => {
  test('devices, capabilities and policy come from Duo, keys and host never reach the browser', async () => {
    const h = harness({ bridge: { rememberMeSeconds: 28_800 } });
    const { send } = h.browser('alice');
    const response = await send('/preauth', { method: 'POST', body: JSON.stringify({ username: 'alice' }), headers: { 'Content-Type': 'application/json' } });
    const text = await response.text();
    for (const secret of [h.sim.secretKey, h.sim.integrationKey, 'api-sim.duo.test']) assert.ok(!text.includes(secret), `${secret} leaked`);
    const body = JSON.parse(text);
    assert.match(body.attemptId, /^att_/);
    assert.deepEqual(body.devices, [
      { id: PHONE.device, displayName: 'iOS (XXX-XXX-0105)', type: 'mobile', maskedNumber: 'XXX-XXX-0105', capabilities: ['push', 'phone', 'sms', 'passcode'] },
      { id: DESK.device, displayName: 'Landline (XXX-XXX-1311)', type: 'landline', maskedNumber: 'XXX-XXX-1311', capabilities: ['phone'] },
    ]);
    assert.deepEqual(body.policy, {
      methods: ['push', 'phone', 'sms', 'passcode'],
      rememberMe: { allowed: true, durationSeconds: 28_800 },
      smsBatchSize: 10,
      verifiedPush: true,
    });
    assert.deepEqual(h.upstream('/auth/v2/preauth')[0], { username: 'alice', client_supports_verified_push: '1' });
  });

  test('without rememberMeSeconds the remember-me box is not offered', async () => {
    const { adapter } = harness().browser('alice');
    assert.deepEqual((await login(adapter)).policy.rememberMe, { allowed: false, durationSeconds: 0 });
  });

  test('a user Duo lets through gets allow, not-required, with a login token for the host', async () => {
    const h = harness();
    const result = await h.browser('exempt').adapter.preauth({});
    assert.equal(result.result, 'allow');
    assert.equal(result.reason, 'not-required');
    assert.equal((await h.bridge.verifyLoginToken(result.token, 'exempt'))?.method, 'not-required');
    assert.equal(await h.bridge.verifyLoginToken(result.token, 'alice'), undefined, 'the token names its user');
  });

  test('a user Duo refuses gets deny; an unknown user gets enroll with the enrollment portal', async () => {
    const h = harness();
    assert.equal((await h.browser('refused').adapter.preauth({})).result, 'deny');
    const enroll = await h.browser('nobody').adapter.preauth({});
    assert.deepEqual(enroll.result === 'enroll' && enroll.enrollUrl, 'https://enroll.duo.test/portal?code=sim');
  });
});

describe('push', { timeout: 20_000 }, () => {
  test('a Verified Push shows Duo\'s code; typing it on the phone logs in with a token for that user', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const push = await adapter.startPush(attemptId, PHONE.device);
    assert.equal(push.status.status, 'pushed');
    const code = push.status.status === 'pushed' ? push.status.verificationCode : undefined;
    assert.match(code ?? '', /^\d{3}$/);
    const left = push.status.status === 'pushed' ? push.status.expiresInSeconds : undefined;
    assert.ok(left !== undefined && left >= 58 && left <= 59, `Duo's 60 s push lifetime, rounded down (${left})`);
    assert.deepEqual(h.upstream('/auth/v2/auth')[0], { username: 'alice', factor: 'push', device: PHONE.device, async: '1' });

    const watch = await watching(adapter, push);
    assert.deepEqual(watch.seen, [], 'held: nothing happened on the phone yet');
    h.sim.phone('alice').approvePush(code);
    const [final] = (await watch.done) as { status: string; token: string; remembered: boolean }[];
    assert.equal(final!.status, 'allow');
    assert.equal(final!.remembered, false);
    assert.equal((await h.bridge.verifyLoginToken(final!.token, 'alice'))?.method, 'push');
  });

  test('a wrong code typed on the phone, a denied push, a timeout and fraud each end as the prompt expects', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const endings: [string, () => void][] = [
      ['deny', () => h.sim.phone('alice').approvePush('000')],
      ['deny', () => h.sim.phone('alice').deny()],
      ['timeout', () => h.sim.phone('alice').timeOut()],
      ['fraud', () => h.sim.phone('alice').reportFraud()],
    ];
    for (const [expected, act] of endings) {
      const push = await adapter.startPush(attemptId, PHONE.device);
      const watch = await watching(adapter, push);
      act();
      const seen = (await watch.done) as { status: string; final: boolean; message: string }[];
      assert.deepEqual(seen.map((s) => [s.status, s.final]), [[expected, true]]);
      assert.ok(!seen[0]!.message.includes('Duo'), 'messages stay vendor-neutral');
    }
  });

  test('without Verified Push the push carries no code', async () => {
    const h = harness({ bridge: { verifiedPush: false } });
    const { adapter } = h.browser('alice');
    const push = await adapter.startPush((await login(adapter)).attemptId, PHONE.device);
    assert.equal(push.status.status === 'pushed' && push.status.verificationCode, undefined);
    assert.equal(h.upstream('/auth/v2/preauth')[0]!['client_supports_verified_push'], undefined);
  });
});

describe('phone call', { timeout: 20_000 }, () => {
  test('calling, then answered, then allow, with versions 1, 2, 3', async () => {
    const h = harness();
    const { adapter, send } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const call = await adapter.startCall(attemptId, DESK.device);
    assert.equal(call.status.status, 'calling');
    const watch = await watching(adapter, call);
    h.sim.phone('alice').answerCall();
    await tick(100);
    h.sim.phone('alice').pressKey();
    const seen = (await watch.done) as { status: string }[];
    assert.deepEqual(seen.map((s) => s.status), ['answered', 'allow']);
    // The same transaction read again (a lost answer): the final version, and the same login (same jti).
    const again = await send(`/transactions/${encodeURIComponent(call.txid)}?after=2&wait=1`, { headers: { 'Mfa-Attempt-Id': attemptId } });
    const body = await again.json();
    assert.equal(body.version, 3);
    const first = await h.bridge.verifyLoginToken((seen[1] as unknown as { token: string }).token, 'alice');
    assert.equal((await h.bridge.verifyLoginToken(body.status.token, 'alice'))?.jti, first?.jti, 'one login, one jti to redeem once');
  });
});

describe('SMS batch and passcodes', { timeout: 20_000 }, () => {
  test('sending a batch answers sent with the next digit; a code from it logs in; the next preauth hints the next digit', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const sent = await adapter.sendSmsPasscodes(attemptId, PHONE.device);
    assert.deepEqual(sent.status, { status: 'sent', final: true, message: 'New SMS passcodes sent', nextSmsDigit: 1 });
    const codes = h.sim.phone('alice').smsCodes();
    assert.equal(codes.length, 10);
    const ok = await adapter.verifyPasscode(attemptId, `${codes[0]!.slice(0, 3)} ${codes[0]!.slice(3)}`);
    assert.equal(ok.status.status, 'allow');
    const next = await login(adapter);
    assert.equal(next.devices[0]!.nextSmsDigit, 2);
  });

  test('an authenticator-app code and a bypass code log in; a used or wrong code is invalid_passcode', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const app = h.sim.phone('alice').appCode();
    assert.equal((await adapter.verifyPasscode(attemptId, app)).status.status, 'allow');
    await assert.rejects(adapter.verifyPasscode(attemptId, app), (e: unknown) => e instanceof MfaError && e.code === 'invalid_passcode');
    const bypass = await adapter.verifyPasscode(attemptId, '123456789');
    assert.equal(bypass.status.status, 'allow');
    assert.equal(h.upstream('/auth/v2/auth').every((p) => p['factor'] === 'passcode'), true);
  });

  test('ten wrong codes lock the account: the tenth and every later start are locked_out', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const { attemptId } = await login(adapter);
    for (let i = 0; i < 9; i++) {
      await assert.rejects(adapter.verifyPasscode(attemptId, '000000'), (e: unknown) => e instanceof MfaError && e.code === 'invalid_passcode');
    }
    await assert.rejects(adapter.verifyPasscode(attemptId, '000000'), (e: unknown) => e instanceof MfaError && e.code === 'locked_out');
    await assert.rejects(adapter.verifyPasscode(attemptId, h.sim.phone('alice').appCode()), (e: unknown) => e instanceof MfaError && e.code === 'locked_out');
    assert.equal((await adapter.preauth({})).result, 'deny');
  });

  test('a keyword starts that method on that device; one for a device that does not exist is invalid_request', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const call = await adapter.verifyPasscode(attemptId, 'phone2');
    assert.equal(call.method, 'phone');
    assert.equal(h.sim.phone('alice').pending() !== undefined, true);
    assert.equal(h.upstream('/auth/v2/auth').at(-1)!['device'], DESK.device);
    await assert.rejects(adapter.verifyPasscode(attemptId, 'push2'), (e: unknown) => e instanceof MfaError && e.code === 'invalid_request');
  });
});

describe('remember me through Duo\'s trusted-device token', { timeout: 20_000 }, () => {
  test('a push approved with remember me sets an HttpOnly cookie; the next preauth is allow, remembered-device', async () => {
    const h = harness({ sim: { rememberedDevices: true }, bridge: { rememberMeSeconds: 3600 } });
    const { adapter, cookies } = h.browser('alice');
    const { attemptId } = await login(adapter);
    const push = await adapter.startPush(attemptId, PHONE.device, { rememberMe: true });
    const watch = await watching(adapter, push);
    h.sim.phone('alice').approvePush(push.status.status === 'pushed' ? push.status.verificationCode : undefined);
    const [final] = (await watch.done) as { status: string; remembered: boolean }[];
    assert.deepEqual([final!.status, final!.remembered], ['allow', true]);
    assert.match(cookies.get('mfa_remembered_device') ?? '', /^rd_/);

    const again = await adapter.preauth({});
    assert.deepEqual([again.result, again.result === 'allow' && again.reason], ['allow', 'remembered-device']);
    assert.match(h.upstream('/auth/v2/preauth').at(-1)!['trusted_device_token'] ?? '', /^tdt_/);
  });

  test('the cookie does not work in another user\'s session', async () => {
    const h = harness({ sim: { rememberedDevices: true }, bridge: { rememberMeSeconds: 3600 } });
    const alice = h.browser('alice');
    const { attemptId } = await login(alice.adapter);
    const app = h.sim.phone('alice').appCode();
    const ok = await alice.adapter.verifyPasscode(attemptId, app, { rememberMe: true });
    assert.equal(ok.status.status === 'allow' && ok.status.remembered, true);
    const bob = h.browser('bob');
    bob.cookies.set('mfa_remembered_device', alice.cookies.get('mfa_remembered_device')!);
    assert.equal((await bob.adapter.preauth({})).result, 'auth');
    assert.equal(h.upstream('/auth/v2/preauth').at(-1)!['trusted_device_token'], undefined);
  });

  test('without the box ticked no cookie is set, even when Duo offers a token', async () => {
    const h = harness({ sim: { rememberedDevices: true }, bridge: { rememberMeSeconds: 3600 } });
    const { adapter, cookies } = h.browser('alice');
    const ok = await adapter.verifyPasscode((await login(adapter)).attemptId, h.sim.phone('alice').appCode());
    assert.equal(ok.status.status === 'allow' && ok.status.remembered, false);
    assert.equal(cookies.has('mfa_remembered_device'), false);
  });
});
