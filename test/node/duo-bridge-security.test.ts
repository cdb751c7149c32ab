/**
 * The bridge's safety: attempt and transaction ids bound to the session's user and to each other,
 * expiry, cancel, and every upstream failure mapped to one of our typed errors (Duo's 429/42901 to
 * `rate_limited` with a wait, a bad signature or a stale Date to `unavailable`, a timeout likewise).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MfaError } from '../../src/adapter/errors.js';
import type { PreauthResult } from '../../src/adapter/types.js';
import { DuoApiError } from '../../src/server/duo-client.js';
import { fromDuoError } from '../../src/server/duo-errors.js';
import { DuoSimError } from '../../mock-server/duo-auth-api/index.js';
import { harness, PHONE, tick } from './duo-fixtures.js';

type Auth = Extract<PreauthResult, { result: 'auth' }>;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

async function attemptOf(browser: ReturnType<ReturnType<typeof harness>['browser']>): Promise<string> {
  return ((await browser.adapter.preauth({})) as Auth).attemptId;
}

const isError = (code: string, extra: (e: MfaError) => boolean = () => true) => (e: unknown) => e instanceof MfaError && e.code === code && extra(e);

describe('attempt binding', { timeout: 20_000 }, () => {
  test('an attempt id only works in the session of the user it was made for', async () => {
    const h = harness();
    const aliceAttempt = await attemptOf(h.browser('alice'));
    const bob = h.browser('bob');
    await assert.rejects(bob.adapter.startPush(aliceAttempt, PHONE.device), isError('expired'));
    assert.equal(h.upstream('/auth/v2/auth').length, 0, 'nothing reached Duo');
  });

  test('no first-factor session: preauth is 404 expired; a username in the body must be the session\'s', async () => {
    const h = harness();
    const anonymous = await h.bridge.handle(new Request('https://login.example.test/mfa/preauth', { method: 'POST', body: '{}', headers: JSON_HEADERS }));
    assert.equal(anonymous.status, 404);
    assert.equal((await anonymous.json()).error.code, 'expired');
    await assert.rejects(h.browser('alice').adapter.preauth({ username: 'bob' }), isError('expired'));
    assert.equal(h.upstream('/auth/v2/preauth').length, 0);
  });

  test('polls and cancels need the attempt header of the transaction\'s own attempt; a changed txid is unknown', async () => {
    const h = harness();
    const alice = h.browser('alice');
    const attemptId = await attemptOf(alice);
    const otherAttempt = await attemptOf(alice);
    const push = await alice.adapter.startPush(attemptId, PHONE.device);
    const path = `/transactions/${encodeURIComponent(push.txid)}`;
    for (const headers of [{}, { 'Mfa-Attempt-Id': otherAttempt }] as Record<string, string>[]) {
      assert.equal((await alice.send(`${path}?after=1&wait=1`, { headers })).status, 404);
      assert.equal((await alice.send(`${path}/cancel`, { method: 'POST', headers })).status, 404);
    }
    const forged = push.txid.replace(/^tx_p/, 'tx_c');
    assert.equal((await alice.send(`/transactions/${encodeURIComponent(forged)}?wait=1`, { headers: { 'Mfa-Attempt-Id': attemptId } })).status, 404);
    assert.equal((await alice.send(`${path}/cancel`, { method: 'POST', headers: { 'Mfa-Attempt-Id': attemptId } })).status, 204);
  });

  test('an attempt expires after its lifetime', async () => {
    let now = Date.now();
    const h = harness({ bridge: { now: () => now, attemptLifetimeSeconds: 600 }, sim: { now: () => now } });
    const alice = h.browser('alice');
    const attemptId = await attemptOf(alice);
    now += 601_000;
    await assert.rejects(alice.adapter.startPush(attemptId, PHONE.device), isError('expired'));
  });

  test('cancel is confirmed and the prompt stops following (Duo cannot withdraw the push: it times out on the phone)', async () => {
    const h = harness();
    const alice = h.browser('alice');
    const push = await alice.adapter.startPush(await attemptOf(alice), PHONE.device);
    await alice.adapter.cancel(push.txid);
    assert.notEqual(h.sim.phone('alice').pending(), undefined, 'still on the phone: a documented limit');
  });
});

describe('ticket mode (sessionBound: false)', { timeout: 20_000 }, () => {
  // The host verifies its first-factor ticket in getUsername; here a fixed ticket stands for a signed one.
  const ticketed = () => harness({ bridge: { sessionBound: false, getUsername: (_request, body) => (body?.['ticket'] === 'tkt_valid_alice' ? 'alice' : undefined) } });

  test('the ticket proves the user at preauth; later requests need no session, only the signed attempt', async () => {
    const h = ticketed();
    const { adapter, cookies } = h.browser('alice');
    cookies.delete('session');
    const result = (await adapter.preauth({ ticket: 'tkt_valid_alice' })) as Auth;
    const push = await adapter.startPush(result.attemptId, PHONE.device);
    assert.equal(push.status.status, 'pushed');
    assert.equal(h.upstream('/auth/v2/auth')[0]!['username'], 'alice');
  });

  test('no ticket is 400 invalid_request; a forged one is 404 expired; nothing reaches Duo', async () => {
    const h = ticketed();
    const { adapter } = h.browser('alice');
    await assert.rejects(adapter.preauth({}), isError('invalid_request'));
    await assert.rejects(adapter.preauth({ ticket: 'tkt_forged' }), isError('expired'));
    assert.equal(h.upstream('/auth/v2/preauth').length, 0);
  });

  test('a changed attempt id (another username under the same MAC) is refused', async () => {
    const h = ticketed();
    const { adapter } = h.browser('alice');
    const { attemptId } = (await adapter.preauth({ ticket: 'tkt_valid_alice' })) as Auth;
    const parts = attemptId.split('.');
    parts[2] = Buffer.from('bob').toString('base64url');
    await assert.rejects(adapter.startPush(parts.join('.'), PHONE.device), isError('expired'));
    assert.equal(h.upstream('/auth/v2/auth').length, 0);
  });
});

describe('upstream failures become our typed errors', { timeout: 30_000 }, () => {
  test('Duo\'s 429 (42901) is rate_limited with the wait Duo asked for', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const attemptId = await attemptOf(h.browser('alice'));
    h.sim.failNext(new DuoSimError(429, 42901, 'Too Many Requests'));
    await assert.rejects(adapter.startPush(attemptId, PHONE.device), isError('rate_limited', (e) => e.retryAfter === 10));
    assert.equal(h.sim.phone('alice').pending(), undefined, 'no push was sent');
  });

  test('a bridge configured with the wrong secret key answers unavailable and logs Duo\'s 40103 for the operator', async () => {
    const logged: DuoApiError[] = [];
    const h = harness({ bridge: { secretKey: 'wrong-secret-0000000000000000000000000000', onUpstreamError: (e) => logged.push(e) } });
    const response = await h.browser('alice').send('/preauth', { method: 'POST', body: '{}', headers: JSON_HEADERS });
    assert.equal(response.status, 503);
    const body = await response.json();
    assert.equal(body.error.code, 'unavailable');
    assert.ok(!JSON.stringify(body).includes('signature'), 'the browser learns nothing about the integration');
    assert.deepEqual(logged.map((e) => [e.httpStatus, e.code]), [[401, 40103]]);
  });

  test('a bridge whose clock is 10 minutes off is refused by Duo (stale Date): unavailable, 40105 logged', async () => {
    const logged: number[] = [];
    const h = harness({ bridge: { now: () => Date.now() - 600_000, onUpstreamError: (e) => logged.push(e.code) } });
    await assert.rejects(h.browser('alice').adapter.preauth({}), isError('unavailable'));
    assert.deepEqual(logged, [40105]);
  });

  test('Duo not answering a start in time: unavailable after the upstream timeout, and the client does not send it again', async () => {
    const h = harness({ bridge: { upstreamTimeoutMs: 300 } });
    const alice = h.browser('alice');
    const attemptId = await attemptOf(alice);
    h.sim.failNext('hang', '/auth/v2/auth');
    h.sim.failNext('hang', '/auth/v2/auth');
    const began = Date.now();
    await assert.rejects(alice.adapter.startPush(attemptId, PHONE.device), isError('unavailable', (e) => e.httpStatus === 500));
    assert.ok(Date.now() - began < 1500, `answered after ${Date.now() - began} ms`);
    // Duo may have sent the first push: an automatic retry (same Idempotency-Key, no store) would be a second.
    assert.equal(h.sim.takeFault('/auth/v2/auth'), 'hang', 'the second planted hang is unused: one start reached Duo');
  });

  test('Duo not answering a preauth in time: 503 unavailable with Retry-After, which the client may retry', async () => {
    const h = harness({ bridge: { upstreamTimeoutMs: 300 } });
    const alice = h.browser('alice');
    const attemptId = await attemptOf(alice);
    h.sim.failNext('hang', '/auth/v2/preauth');
    const response = await alice.send('/preauth', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ attemptId }) });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('Retry-After'), '5');
  });

  test('Duo holding the first auth_status: the push still starts once and answers pushed', async () => {
    const h = harness({ bridge: { upstreamTimeoutMs: 300 } });
    const alice = h.browser('alice');
    h.sim.failNext('hang', '/auth/v2/auth_status');
    const push = await alice.adapter.startPush(await attemptOf(alice), PHONE.device);
    assert.equal(push.status.status, 'pushed');
    assert.equal(h.upstream('/auth/v2/auth').length, 1);
  });

  test('an unknown device (Duo 40002) is invalid_request; a Duo 500 is unavailable', async () => {
    const h = harness();
    const { adapter } = h.browser('alice');
    const attemptId = await attemptOf(h.browser('alice'));
    await assert.rejects(adapter.startCall(attemptId, 'DPNOTALICESDEVICE001'), isError('invalid_request'));
    h.sim.failNext(new DuoSimError(500, 50000, 'Internal server error'), '/auth/v2/preauth');
    h.sim.failNext(new DuoSimError(500, 50000, 'Internal server error'), '/auth/v2/preauth');
    const response = await h.browser('alice').send('/preauth', { method: 'POST', body: '{}', headers: JSON_HEADERS });
    assert.equal(response.status, 503);
  });

  test('the poll of a pending push held past its wait answers the unchanged version, then the outcome', async () => {
    const h = harness({ sim: { longPollMs: 5000 } });
    const alice = h.browser('alice');
    const attemptId = await attemptOf(alice);
    const push = await alice.adapter.startPush(attemptId, PHONE.device);
    const path = `/transactions/${encodeURIComponent(push.txid)}`;
    const held = await (await alice.send(`${path}?after=1&wait=1`, { headers: { 'Mfa-Attempt-Id': attemptId } })).json();
    assert.deepEqual([held.version, held.status.status], [1, 'pushed']);
    const next = alice.send(`${path}?after=1&wait=3`, { headers: { 'Mfa-Attempt-Id': attemptId } });
    await tick(100);
    h.sim.phone('alice').deny();
    const body = await (await next).json();
    assert.deepEqual([body.version, body.status.status], [2, 'deny']);
  });
});

describe('the error table', () => {
  const map = (httpStatus: number, code: number, detail?: string, retryAfter?: number) => {
    const e = fromDuoError(new DuoApiError(httpStatus, code, 'x', detail, retryAfter), 30);
    return [e.code, e.retryAfter];
  };
  test('each Duo failure maps to one of our codes', () => {
    assert.deepEqual(map(429, 42901), ['rate_limited', 30], 'no Retry-After from Duo: the configured wait');
    assert.deepEqual(map(429, 42901, undefined, 500), ['rate_limited', 120], 'at most 120 s, what the client honours');
    assert.deepEqual(map(400, 40001), ['invalid_request', undefined]);
    assert.deepEqual(map(400, 40002, 'device'), ['invalid_request', undefined]);
    assert.deepEqual(map(400, 40002, 'txid'), ['expired', undefined]);
    assert.deepEqual(map(400, 40003), ['invalid_request', undefined]);
    assert.deepEqual(map(404, 40401), ['expired', undefined]);
    for (const code of [40101, 40102, 40103, 40104, 40105]) assert.deepEqual(map(401, code), ['unavailable', undefined]);
    assert.deepEqual(map(403, 40301), ['unavailable', undefined]);
    assert.deepEqual(map(500, 50000), ['unavailable', 5]);
    assert.deepEqual(map(0, 0), ['unavailable', 5]);
  });
});
