/**
 * The simulated backend over HTTP (MSW in Node, plain fetch): every route of `src/adapter/wire.ts`, every
 * error status, the long poll and the remember-me cookie. Every body asserted on is parsed with the
 * contract's valibot schemas, proving the mock follows the contract.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getResponse } from 'msw';
import * as v from 'valibot';
import {
  ATTEMPT_HEADER,
  HTTP_STATUS_FOR_ERROR,
  IDEMPOTENCY_HEADER,
  MAX_WAIT_SECONDS,
  REMEMBER_COOKIE,
} from '../../src/adapter/wire.js';
import { ErrorBodySchema, PreauthResultSchema, TransactionBodySchema } from './support/valibot-wire.js';
import { ALICE_BYPASS_CODES, createHandlers, FakeClock, MfaSimulator, seededRandom } from '../../mock-server/index.js';
import { createMockServer } from '../../mock-server/node.js';

const BASE = 'http://mfa.test/mfa';
const clock = new FakeClock();
const sim = new MfaSimulator({ clock, random: seededRandom(1), lockoutThreshold: 3 });
const { server } = createMockServer({ simulator: sim });

before(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sim.reset();
  attemptOfTx.clear();
});
afterEach(() => {
  server.resetHandlers();
  assert.equal(sim.waitingPolls, 0, 'no long poll left waiting');
});
after(() => server.close());

type Sent = string | object | undefined;

async function send(method: 'GET' | 'POST', path: string, body?: Sent, init: RequestInit = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    ...init,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(init.headers as Record<string, string>) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { response, status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined, text };
}

/** txid → the attempt that started it, as the real client keeps it (**attempt binding**). */
const attemptOfTx = new Map<string, string>();

/** Like the real client: a request about a transaction this test started carries its `Mfa-Attempt-Id`. */
function bound(path: string, init: RequestInit = {}): RequestInit {
  const txid = /^\/transactions\/([^/?]+)/.exec(path)?.[1];
  const attemptId = txid === undefined ? undefined : attemptOfTx.get(txid);
  if (attemptId === undefined || new Headers(init.headers).has(ATTEMPT_HEADER)) return init;
  return { ...init, headers: { [ATTEMPT_HEADER]: attemptId, ...(init.headers as Record<string, string>) } };
}

/** A request sent as given: no attempt header added. */
const fetchRaw = (method: 'GET' | 'POST', path: string, init: RequestInit) => send(method, path, undefined, init);
const post = (path: string, body?: Sent, init?: RequestInit) => send('POST', path, body, bound(path, init));
const get = (path: string, init?: RequestInit) => send('GET', path, undefined, bound(path, init));

/** Preauth as the prompt sends it: the ticket the host's server issued, and the username as a hint. */
async function preauth(username: string, init?: RequestInit) {
  const { status, json, response } = await post('/preauth', { ticket: sim.issueTicket(username), username }, init);
  assert.equal(status, 200);
  assert.equal(response.headers.get('Cache-Control'), 'no-store');
  return v.parse(PreauthResultSchema, json);
}

async function attemptFor(username = 'alice'): Promise<string> {
  const result = await preauth(username);
  assert.equal(result.result, 'auth');
  return result.result === 'auth' ? result.attemptId : '';
}

async function startTransaction(body: { attemptId: string; [field: string]: unknown }, init?: RequestInit) {
  const { status, json, response } = await post('/transactions', body, init);
  assert.equal(status, 201, JSON.stringify(json));
  const parsed = v.parse(TransactionBodySchema, json);
  attemptOfTx.set(parsed.txid, body.attemptId);
  return { body: parsed, response };
}

/** Asserts an error response: the contract's status for the code, and a body that parses as an ErrorBody. */
function assertError(result: { status: number; json: unknown }, code: keyof typeof HTTP_STATUS_FOR_ERROR) {
  assert.equal(result.status, HTTP_STATUS_FOR_ERROR[code], JSON.stringify(result.json));
  const { error } = v.parse(ErrorBodySchema, result.json);
  assert.equal(error.code, code);
  assert.ok(error.message.length > 0);
  return error;
}

/** Waits (in real time, briefly) until the handler's long poll is registered with the simulator. */
async function pollIsWaiting(count = 1): Promise<void> {
  for (let i = 0; i < 1000 && sim.waitingPolls < count; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sim.waitingPolls, count, 'the long poll is waiting in the handler');
}

describe('a full push flow', () => {
  test('preauth, start, and a long poll that answers when the phone approves', async () => {
    const attemptId = await attemptFor('bob');
    const { body: started, response } = await startTransaction({ attemptId, method: 'push', deviceId: 'bob-android' });
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    const verificationCode = sim.phone('bob').pendingPush()?.verificationCode;
    assert.match(verificationCode ?? '', /^\d{3}$/);
    assert.deepEqual(started.status, {
      status: 'pushed',
      final: false,
      message: 'Pushed a login request to your device...',
      verificationCode,
      expiresInSeconds: 60,
    });

    const poll = get(`/transactions/${started.txid}?after=${started.version}&wait=25`);
    await pollIsWaiting();
    sim.phone('bob').approvePushWithShownCode();
    const answered = await poll;

    assert.equal(answered.status, 200);
    const body = v.parse(TransactionBodySchema, answered.json);
    assert.equal(body.version, started.version + 1);
    assert.equal(body.status.status, 'allow');
    assert.equal(answered.response.headers.getSetCookie().length, 0, 'no cookie without rememberMe');
  });

  test('without `after`, GET answers at once with the current body', async () => {
    const { body: started } = await startTransaction({ attemptId: await attemptFor(), method: 'phone', deviceId: 'alice-landline' });
    sim.phone('alice').answerCall();
    const { status, json } = await get(`/transactions/${started.txid}`);
    assert.equal(status, 200);
    assert.equal(v.parse(TransactionBodySchema, json).status.status, 'answered');
  });

  test('the long poll answers with the unchanged body when `wait` runs out, capped at MAX_WAIT_SECONDS', async () => {
    const { body: started } = await startTransaction({ attemptId: await attemptFor(), method: 'push', deviceId: 'alice-ios' });
    const poll = get(`/transactions/${started.txid}?after=${started.version}&wait=3600`);
    await pollIsWaiting();
    clock.advance(MAX_WAIT_SECONDS * 1000);
    const { status, json } = await poll;
    assert.equal(status, 200);
    const expiresInSeconds = 60 - MAX_WAIT_SECONDS;
    assert.deepEqual(v.parse(TransactionBodySchema, json), { ...started, status: { ...started.status, expiresInSeconds } }, 'only the time left changed');
  });

  test('a client that aborts its long poll leaves nothing waiting', async () => {
    const { body: started } = await startTransaction({ attemptId: await attemptFor(), method: 'push', deviceId: 'alice-ios' });
    const controller = new AbortController();
    const path = `/transactions/${started.txid}?after=1&wait=30`;
    const poll = fetch(`${BASE}${path}`, bound(path, { signal: controller.signal }));
    await pollIsWaiting();
    controller.abort();
    await assert.rejects(poll, { name: 'AbortError' });
    await pollIsWaiting(0);
  });

  test('cancel answers 204 and the waiting poll sees "canceled"', async () => {
    const attemptId = await attemptFor();
    const { body: push } = await startTransaction({ attemptId, method: 'push', deviceId: 'alice-ios' });
    const poll = get(`/transactions/${push.txid}?after=1&wait=30`);
    await pollIsWaiting();
    const canceled = await post(`/transactions/${push.txid}/cancel`);
    assert.equal(canceled.status, 204);
    assert.equal(canceled.text, '');
    assert.equal(v.parse(TransactionBodySchema, (await poll).json).status.status, 'canceled');
    assert.equal((await post(`/transactions/${push.txid}/cancel`)).status, 204, 'already final: still 204');
  });

  test('a passcode answers 201 with the final allow', async () => {
    const { body } = await startTransaction({ attemptId: await attemptFor(), method: 'passcode', passcode: '123 456 789' });
    assert.equal(body.method, 'passcode');
    assert.equal(body.status.status, 'allow');
  });

  test('an SMS answers 201 with "sent" and the next digit, and preauth then reports it', async () => {
    const attemptId = await attemptFor();
    const { body } = await startTransaction({ attemptId, method: 'sms', deviceId: 'alice-ios' });
    assert.deepEqual(body.status, { status: 'sent', final: true, message: 'New SMS passcodes sent', nextSmsDigit: 1, resendInSeconds: 30 });
    const again = await preauth('alice');
    assert.equal(again.result === 'auth' && again.devices[0]!.nextSmsDigit, 1);
  });
});

describe('preauth over HTTP', () => {
  test('answers allow, deny and enroll as bodies that follow the contract', async () => {
    assert.equal((await preauth('dave')).result, 'allow');
    assert.equal((await preauth('erin')).result, 'deny');
    assert.equal((await preauth('carol')).result, 'enroll');
  });

  test('first-factor ticket: none is 400; a bad one, a foreign subject or an unknown user is 404 with one message', async () => {
    const missing = assertError(await post('/preauth', { username: 'alice' }), 'invalid_request');
    assert.equal(missing.message, 'A first-factor ticket is required.');
    const ticket = sim.issueTicket('alice');
    const refused = [
      { ticket: `${ticket.slice(0, -2)}xx` },
      { ticket, username: 'bob' },
      { ticket: sim.issueTicket('mallory') },
      { ticket: 'tkt_bm9wZQ.bm9wZQ' },
    ];
    const messages = new Set<string>();
    for (const body of refused) messages.add(assertError(await post('/preauth', body), 'expired').message);
    assert.equal(messages.size, 1, 'the same answer whatever was wrong');
  });
});

describe('error responses', () => {
  test('400 invalid_request: an unknown device', async () => {
    assertError(await post('/transactions', { attemptId: await attemptFor(), method: 'push', deviceId: 'nope' }), 'invalid_request');
  });

  test('400 invalid_request: a keyword for a device that does not exist (push2, one push device), not counted as a failure', async () => {
    const attemptId = await attemptFor();
    assertError(await post('/transactions', { attemptId, method: 'passcode', passcode: 'push2' }), 'invalid_request');
    assertError(await post('/transactions', { attemptId, method: 'passcode', passcode: 'push2' }), 'invalid_request');
    const error = assertError(await post('/transactions', { attemptId, method: 'passcode', passcode: '000000' }), 'invalid_passcode');
    assert.equal(error.attemptsLeft, 2, 'the keywords were not failures');
  });

  test('401 invalid_passcode with attemptsLeft', async () => {
    const error = assertError(await post('/transactions', { attemptId: await attemptFor(), method: 'passcode', passcode: '000000' }), 'invalid_passcode');
    assert.equal(error.attemptsLeft, 2);
  });

  test('403 locked_out, then preauth denies', async () => {
    const attemptId = await attemptFor();
    for (let i = 0; i < 2; i++) await post('/transactions', { attemptId, method: 'passcode', passcode: '000000' });
    assertError(await post('/transactions', { attemptId, method: 'passcode', passcode: '000000' }), 'locked_out');
    assertError(await post('/transactions', { attemptId, method: 'push', deviceId: 'alice-ios' }), 'locked_out');
    assert.equal((await preauth('alice')).result, 'deny');
  });

  test('404 expired: an unknown attempt, transaction or cancel', async () => {
    assertError(await post('/transactions', { attemptId: 'att_unknown', method: 'push', deviceId: 'alice-ios' }), 'expired');
    assertError(await get('/transactions/tx_unknown'), 'expired');
    assertError(await get('/transactions/tx_unknown?after=1&wait=5'), 'expired');
    assertError(await post('/transactions/tx_unknown/cancel'), 'expired');
  });

  test('404 expired: a transaction past its lifetime', async () => {
    const { body } = await startTransaction({ attemptId: await attemptFor(), method: 'sms', deviceId: 'alice-ios' });
    clock.advance(10 * 60_000);
    assertError(await get(`/transactions/${body.txid}`), 'expired');
  });

  test('429 rate_limited with retryAfter in the body and a Retry-After header', async () => {
    const attemptId = await attemptFor();
    for (let i = 0; i < 3; i++) {
      await startTransaction({ attemptId, method: 'sms', deviceId: 'alice-ios' });
      clock.advance(30_000); // the SMS cooldown
    }
    const refused = await post('/transactions', { attemptId, method: 'sms', deviceId: 'alice-ios' });
    const error = assertError(refused, 'rate_limited');
    assert.equal(error.retryAfter, 210, '3 batches per 5 minutes: the first leaves the window in 300 - 90 s');
    assert.equal(refused.response.headers.get('Retry-After'), '210');
  });

  test('SMS cooldown: a second batch within 30 s is 429 rate_limited with Retry-After; the sent status says when', async () => {
    clock.advance(5 * 60_000); // out of every earlier test's windows
    const attemptId = await attemptFor();
    const { body } = await startTransaction({ attemptId, method: 'sms', deviceId: 'alice-ios' });
    assert.equal(body.status.status === 'sent' && body.status.resendInSeconds, 30);
    clock.advance(12_000);
    const refused = await post('/transactions', { attemptId, method: 'sms', deviceId: 'alice-ios' });
    assert.equal(refused.status, 429);
    assert.equal(assertError(refused, 'rate_limited').retryAfter, 18);
    assert.equal(refused.response.headers.get('Retry-After'), '18');
  });
});

describe('security rules over HTTP', () => {
  test('attempt binding: without Mfa-Attempt-Id, or with another attempt\'s, every route about a txid is 404 expired', async () => {
    const { body } = await startTransaction({ attemptId: await attemptFor(), method: 'push', deviceId: 'alice-ios' });
    const other = await attemptFor();
    const unknown = assertError(await get('/transactions/tx_unknown'), 'expired');
    const variants: Record<string, string>[] = [{}, { [ATTEMPT_HEADER]: other }, { [ATTEMPT_HEADER]: '' }];
    for (const headers of variants) {
      const init = { headers };
      const send = (method: 'GET' | 'POST', path: string) => fetchRaw(method, path, init);
      for (const [method, path] of [
        ['GET', `/transactions/${body.txid}`],
        ['GET', `/transactions/${body.txid}?after=1&wait=5`],
        ['POST', `/transactions/${body.txid}/cancel`],
      ] as const) {
        const error = assertError(await send(method, path), 'expired');
        assert.equal(error.message, unknown.message, `${method} ${path}: the answer of an unknown txid`);
      }
    }
    assert.equal(sim.statusOf(body.txid), 'pushed', 'nothing canceled');
    assert.equal(sim.waitingPolls, 0);
  });

  test('token once: redeemed by the host, the token is spent and its transaction answers 404 expired', async () => {
    const { body: started } = await startTransaction({ attemptId: await attemptFor('bob'), method: 'push', deviceId: 'bob-android' });
    const poll = get(`/transactions/${started.txid}?after=1&wait=25`);
    await pollIsWaiting();
    sim.phone('bob').approvePushWithShownCode();
    const answered = v.parse(TransactionBodySchema, (await poll).json);
    assert.ok(answered.status.status === 'allow');
    const { token } = answered.status;
    assert.deepEqual(sim.redeemLoginToken(token), { username: 'bob', method: 'push' });
    assertError(await get(`/transactions/${started.txid}`), 'expired');
    assertError(await get(`/transactions/${started.txid}?after=1&wait=5`), 'expired');
    assert.throws(() => sim.redeemLoginToken(token), { code: 'expired' });
  });

  test('token once: a poll the client aborted does not take the token', async () => {
    const { body: started } = await startTransaction({ attemptId: await attemptFor('bob'), method: 'push', deviceId: 'bob-android' });
    const controller = new AbortController();
    const path = `/transactions/${started.txid}?after=1&wait=30`;
    const poll = fetch(`${BASE}${path}`, bound(path, { signal: controller.signal }));
    await pollIsWaiting();
    controller.abort();
    await assert.rejects(poll, { name: 'AbortError' });
    sim.phone('bob').approvePushWithShownCode();
    assert.equal(v.parse(TransactionBodySchema, (await get(`/transactions/${started.txid}`)).json).status.status, 'allow');
  });

  test('idempotent starts: the same Idempotency-Key answers 201 with the same transaction and sends one push', async () => {
    const attemptId = await attemptFor('bob');
    const start = { attemptId, method: 'push', deviceId: 'bob-android' };
    const init = { headers: { [IDEMPOTENCY_HEADER]: 'e3b0c44298fc1c149afbf4c8996fb924' } };
    const first = await startTransaction(start, init);
    const again = await startTransaction(start, init);
    assert.deepEqual(again.body, first.body);
    assert.equal(sim.phone('bob').pendingPush()?.txid, first.body.txid);
    const other = await startTransaction(start);
    assert.notEqual(other.body.txid, first.body.txid, 'without the header a start is not idempotent');
    assert.equal(sim.statusOf(first.body.txid), 'canceled', 'one live request per attempt');
  });

  test('idempotent starts: a malformed key, or a key reused for another method, is 400', async () => {
    const attemptId = await attemptFor();
    const push = { attemptId, method: 'push', deviceId: 'alice-ios' };
    for (const key of ['x'.repeat(201), 'two words']) {
      assertError(await post('/transactions', push, { headers: { [IDEMPOTENCY_HEADER]: key } }), 'invalid_request');
    }
    const init = { headers: { [IDEMPOTENCY_HEADER]: 'k1' } };
    await startTransaction(push, init);
    assertError(await post('/transactions', { attemptId, method: 'phone', deviceId: 'alice-ios' }, init), 'invalid_request');
  });

  test('idempotent starts: a replayed wrong passcode repeats its 401 and counts once', async () => {
    const attemptId = await attemptFor();
    const init = { headers: { [IDEMPOTENCY_HEADER]: 'k2' } };
    const wrong = { attemptId, method: 'passcode', passcode: '000000' };
    for (let i = 0; i < 3; i++) assert.equal(assertError(await post('/transactions', wrong, init), 'invalid_passcode').attemptsLeft, 2);
  });

  test('preauth rate limit: the 11th preauth within a minute is 429 with Retry-After', async () => {
    for (let i = 0; i < 10; i++) await preauth('bob');
    const refused = await post('/preauth', { ticket: sim.issueTicket('bob') });
    const error = assertError(refused, 'rate_limited');
    assert.equal(error.retryAfter, 60);
    assert.equal(refused.response.headers.get('Retry-After'), '60');
  });

  test('failure cap: after 3 failures a further code is 429 until the delay has passed', async () => {
    const lenient = new MfaSimulator({ clock, random: seededRandom(3) });
    server.use(...createHandlers(lenient, { baseUrl: BASE }));
    const { json } = await post('/preauth', { ticket: lenient.issueTicket('alice') });
    const { attemptId } = v.parse(PreauthResultSchema, json) as { attemptId: string };
    const wrong = { attemptId, method: 'passcode', passcode: '000000' };
    for (let i = 0; i < 3; i++) assertError(await post('/transactions', wrong), 'invalid_passcode');
    const refused = await post('/transactions', wrong);
    assert.equal(assertError(refused, 'rate_limited').retryAfter, 1);
    assert.equal(refused.response.headers.get('Retry-After'), '1');
    clock.advance(1000);
    assertError(await post('/transactions', wrong), 'invalid_passcode');
  });
});

describe('malformed requests → 400 invalid_request', () => {
  const attemptId = 'att_whatever';
  const cases: [string, string, Sent][] = [
    ['preauth: not JSON', '/preauth', '{"username":'],
    ['preauth: no body', '/preauth', undefined],
    ['preauth: an array', '/preauth', '[]'],
    ['preauth: username not a string', '/preauth', { username: 42 }],
    ['preauth: no ticket', '/preauth', { username: 'alice' }],
    ['preauth: ticket not a string', '/preauth', { ticket: 42 }],
    ['start: not JSON', '/transactions', 'method=push'],
    ['start: no attemptId', '/transactions', { method: 'push', deviceId: 'alice-ios' }],
    ['start: unknown method', '/transactions', { attemptId, method: 'carrier-pigeon' }],
    ['start: rememberMe not a boolean', '/transactions', { attemptId, method: 'push', deviceId: 'd', rememberMe: 'yes' }],
    ['start: passcode not a string', '/transactions', { attemptId, method: 'passcode', passcode: 1234567 }],
  ];
  for (const [name, path, body] of cases) {
    test(name, async () => {
      const error = assertError(await post(path, body), 'invalid_request');
      assert.ok(!error.message.includes('1234567'), 'the message never echoes a passcode');
    });
  }

  test('long poll: `after` or `wait` that are not numbers', async () => {
    const { body } = await startTransaction({ attemptId: await attemptFor(), method: 'push', deviceId: 'alice-ios' });
    assertError(await get(`/transactions/${body.txid}?after=abc`), 'invalid_request');
    assertError(await get(`/transactions/${body.txid}?after=-1`), 'invalid_request');
    assertError(await get(`/transactions/${body.txid}?after=1&wait=soon`), 'invalid_request');
    assertError(await get(`/transactions/${body.txid}?after=1&wait=-5`), 'invalid_request');
  });
});

describe('the remember-me cookie', () => {
  const cookiePattern = new RegExp(
    // Path: the routes' base path, the narrowest that still reaches preauth.
    `^${REMEMBER_COOKIE}=(rem_\\w+); HttpOnly; Secure; SameSite=Strict; Path=/mfa; Max-Age=${8 * 3600}$`,
  );

  test('an approved push with rememberMe sets an HttpOnly cookie that the next preauth honours', async () => {
    const { body: started } = await startTransaction({ attemptId: await attemptFor('bob'), method: 'push', deviceId: 'bob-android', rememberMe: true });
    const poll = get(`/transactions/${started.txid}?after=1&wait=25`);
    await pollIsWaiting();
    sim.phone('bob').approvePushWithShownCode();
    const { response, json, text } = await poll;
    const body = v.parse(TransactionBodySchema, json);
    assert.equal(body.status.status === 'allow' && body.status.remembered, true);

    const [cookie] = response.headers.getSetCookie();
    const token = cookiePattern.exec(cookie ?? '')?.[1];
    assert.ok(token, `Set-Cookie was ${cookie}`);
    assert.ok(!text.includes(token), 'the token never appears in the JSON body');

    const remembered = await preauth('bob', { headers: { Cookie: `${REMEMBER_COOKIE}=${token}` } });
    assert.equal(remembered.result, 'allow');
    assert.equal((await preauth('bob')).result, 'auth', 'without the cookie, a second factor is needed');
    assert.equal((await preauth('alice', { headers: { Cookie: `${REMEMBER_COOKIE}=${token}` } })).result, 'auth', 'bound to bob');
  });

  test('a passcode with rememberMe sets the cookie on the 201', async () => {
    const { response, body } = await startTransaction({
      attemptId: await attemptFor(),
      method: 'passcode',
      passcode: ALICE_BYPASS_CODES[0],
      rememberMe: true,
    });
    assert.equal(body.status.status === 'allow' && body.status.remembered, true);
    assert.match(response.headers.getSetCookie()[0] ?? '', cookiePattern);
  });
});

describe('handler options', () => {
  test('latencyMs delays every answer; a negative one is refused', async () => {
    const handlers = createHandlers(sim, { baseUrl: BASE, latencyMs: 60 });
    const startedAt = performance.now();
    const body = JSON.stringify({ ticket: sim.issueTicket('erin') });
    const response = await getResponse(handlers, new Request(`${BASE}/preauth`, { method: 'POST', body }));
    assert.ok(performance.now() - startedAt >= 55, 'waited about latencyMs');
    assert.equal(v.parse(PreauthResultSchema, await response!.json()).result, 'deny');
    assert.throws(() => createHandlers(sim, { latencyMs: -1 }), RangeError);
  });

  test('nothing is logged, so no passcode reaches a console', async () => {
    const logged: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((name) => console[name]);
    for (const name of methods) console[name] = (...args: unknown[]) => void logged.push(...args);
    try {
      const attemptId = await attemptFor();
      await post('/transactions', { attemptId, method: 'passcode', passcode: '4815162' });
      await post('/transactions', { attemptId, method: 'passcode', passcode: 4815162 });
      await post('/transactions', { attemptId, method: 'passcode', passcode: ALICE_BYPASS_CODES[1] });
    } finally {
      methods.forEach((name, i) => (console[name] = originals[i]!));
    }
    assert.deepEqual(logged, []);
  });
});
