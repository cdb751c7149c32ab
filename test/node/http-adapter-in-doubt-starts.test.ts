/** Rule 15, **in-doubt starts**: a start whose outcome is unknown is sent again with the same Idempotency-Key. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { IDEMPOTENCY_HEADER } from '../../src/adapter/wire.js';
import {
  allowed,
  calling,
  collect,
  endlessSleep,
  failing,
  fakeTime,
  heldOpen,
  pushed,
  rejection,
  script,
  server,
  START,
  testAdapter,
  txBody,
  until,
} from './http-adapter-fixtures.js';

const created = () => HttpResponse.json(txBody(1, pushed), { status: 201 });
/** A body the connection dropped half way. */
const cutOff = () => new HttpResponse('{"txid":"tx-1","method":"push","vers', { status: 201, headers: { 'content-type': 'application/json' } });

describe('in-doubt starts: retried with the same key', { timeout: 5_000 }, () => {
  const inDoubt: Array<[string, () => Response]> = [
    ['a dropped connection', () => HttpResponse.error()],
    ['a 502 from a gateway', () => HttpResponse.html('<h1>502 Bad Gateway</h1>', { status: 502 })],
    ['a 503', failing(503, 'unavailable')],
    ['a 504', () => new HttpResponse('Gateway Timeout', { status: 504 })],
    ['a 201 whose body was cut off', cutOff],
    ['a 201 with a malformed body', () => HttpResponse.json({ txid: 'tx-1' }, { status: 201 })],
    ['an empty 200', () => new HttpResponse(null, { status: 200 })],
  ];
  for (const [what, failure] of inDoubt) {
    test(`after ${what}, the start is sent again with the same Idempotency-Key and its transaction returned`, async () => {
      const { requests, resolver } = script(failure, created);
      server.use(http.post(START, resolver));

      const transaction = await testAdapter().startPush('attempt-1', 'phone-1', { idempotencyKey: 'start-key-1' });

      assert.deepEqual(transaction, { txid: 'tx-1', method: 'phone', status: pushed });
      assert.deepEqual(
        requests.map((request) => request.headers.get(IDEMPOTENCY_HEADER)),
        ['start-key-1', 'start-key-1'],
      );
    });
  }

  test('a start that timed out is sent again', async () => {
    const { requests, resolver } = script(heldOpen, created);
    server.use(http.post(START, resolver));

    await testAdapter({ requestTimeoutMs: 20 }).startCall('attempt-1', 'phone-1');
    assert.equal(requests.length, 2);
  });

  test('a key the adapter made is the same on every attempt, and the body too', async () => {
    const { requests, resolver } = script(() => HttpResponse.error(), failing(503, 'unavailable'), created);
    server.use(http.post(START, resolver));

    await testAdapter().startPush('attempt-1', 'phone-1', { rememberMe: true });

    const keys = requests.map((request) => request.headers.get(IDEMPOTENCY_HEADER));
    assert.match(keys[0]!, /^[0-9a-f]{32}$/);
    assert.deepEqual(keys, [keys[0], keys[0], keys[0]]);
    const bodies = await Promise.all(requests.map((request) => request.text()));
    assert.deepEqual(bodies, [bodies[0], bodies[0], bodies[0]]);
  });

  test('at most 2 retries, with full-jitter backoff; then it rejects with the last error', async () => {
    const time = fakeTime();
    const { requests, resolver } = script(() => HttpResponse.error(), failing(503, 'unavailable'), cutOff, created);
    server.use(http.post(START, resolver));

    await rejection(testAdapter({ sleep: time.sleep, random: () => 0.5 }).startPush('attempt-1', 'phone-1'), 'bad_response');

    assert.equal(requests.length, 3);
    assert.deepEqual(time.delays, [500, 1000]);
  });

  test('a passcode verification in doubt is sent again too (the server answers a replay without verifying twice)', async () => {
    const { requests, resolver } = script(() => HttpResponse.error(), () => HttpResponse.json(txBody(1, allowed), { status: 201 }));
    server.use(http.post(START, resolver));

    const transaction = await testAdapter().verifyPasscode('attempt-1', '123456');

    assert.equal(transaction.status.status, 'allow');
    assert.equal(requests.length, 2);
  });

  test("a 503's Retry-After is honoured; one beyond MAX_RETRY_AFTER_SECONDS gives up at once", async () => {
    const time = fakeTime();
    server.use(http.post(START, script(failing(503, 'unavailable', '8'), created).resolver));
    await testAdapter({ sleep: time.sleep }).startPush('attempt-1', 'phone-1');
    assert.deepEqual(time.delays, [8000]);

    const { requests, resolver } = script(failing(503, 'unavailable', '86400'), created);
    server.use(http.post(START, resolver));
    await rejection(testAdapter({ sleep: time.sleep }).startPush('attempt-1', 'phone-1'), 'unavailable');
    assert.equal(requests.length, 1);
  });

  test('the transaction of a retried start keeps its attempt binding', async () => {
    const adapter = testAdapter();
    server.use(http.post(START, script(() => HttpResponse.error(), () => HttpResponse.json(txBody(1, calling), { status: 201 })).resolver));
    const transaction = await adapter.startCall('attempt-7', 'phone-1');
    const polls = script(txBody(2, allowed));
    server.use(http.get(`${START}/:txid`, polls.resolver));

    await collect(adapter.watch(transaction));
    assert.equal(polls.requests[0]!.headers.get('Mfa-Attempt-Id'), 'attempt-7');
  });

  test("aborting the caller's signal during the backoff wait rejects with its reason and sends nothing more", async () => {
    const { delays, sleep } = endlessSleep();
    const { requests, resolver } = script(() => HttpResponse.error(), created);
    server.use(http.post(START, resolver));
    const controller = new AbortController();
    const reason = new Error('user chose another method');

    const starting = testAdapter({ sleep }).startPush('attempt-1', 'phone-1', { signal: controller.signal });
    await until(() => delays.length === 1, 'the backoff wait');
    controller.abort(reason);

    await assert.rejects(starting, (error) => error === reason);
    assert.equal(requests.length, 1);
  });
});

describe('in-doubt starts: a definite answer is not retried', { timeout: 5_000 }, () => {
  for (const [what, failure, code] of [
    ['a 429', failing(429, 'rate_limited', '5'), 'rate_limited'],
    ['a 400', failing(400, 'invalid_request'), 'invalid_request'],
    ['a 401 wrong passcode', failing(401, 'invalid_passcode'), 'invalid_passcode'],
    ['a 403', failing(403, 'locked_out'), 'locked_out'],
    ['a 404', failing(404, 'expired'), 'expired'],
    ['a 500 (the server says it failed)', failing(500, 'internal'), 'unavailable'],
  ] as const) {
    test(`${what} rejects with ${code} after one request`, async () => {
      const { requests, resolver } = script(failure, created);
      server.use(http.post(START, resolver));
      await rejection(testAdapter().startPush('attempt-1', 'phone-1'), code);
      assert.equal(requests.length, 1);
    });
  }
});
