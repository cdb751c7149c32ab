/** Rule 12, **Retry-After**: honoured on 429 and 503, up to MAX_RETRY_AFTER_SECONDS; longer makes the client give up. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { delay, http, HttpResponse } from 'msw';
import { MfaError } from '../../src/adapter/errors.js';
import { createHttpAdapter } from '../../src/adapter/http-adapter.js';
import * as publicEntry from '../../src/adapter/index.js';
import { MAX_TIMER_MS, retryDelay, sleep } from '../../src/adapter/retry.js';
import type { RetryInfo } from '../../src/adapter/types.js';
import { MAX_RETRY_AFTER_SECONDS } from '../../src/adapter/wire.js';
import {
  allowed,
  BASE,
  calling,
  collect,
  errorBody,
  failing,
  fakeTime,
  POLL,
  rejection,
  script,
  server,
  started,
  testAdapter,
  txBody,
} from './http-adapter-fixtures.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const DAY_S = 24 * 3600;

/** Retry-After values a server might send that ask for longer than the client waits. */
const TOO_LONG: Array<[string, string]> = [
  ['30 days in seconds', String(30 * DAY_S)],
  ['99999999999 seconds', '99999999999'],
  ['an HTTP date 60 days ahead', new Date(NOW + 60 * DAY_S * 1000).toUTCString()],
  ['400 digits', '9'.repeat(400)],
];

test('Retry-After: MAX_RETRY_AFTER_SECONDS is 120, exported from wire.ts and the public entry', () => {
  assert.equal(MAX_RETRY_AFTER_SECONDS, 120);
  assert.equal(publicEntry.MAX_RETRY_AFTER_SECONDS, 120);
});

describe('Retry-After: read on 429 and 503', { timeout: 5_000 }, () => {
  test('a 503 with Retry-After carries retryAfter, like a 429', async () => {
    server.use(http.post(`${BASE}/preauth`, failing(503, 'unavailable', '30')));
    assert.equal((await rejection(testAdapter().preauth({}), 'unavailable')).retryAfter, 30);
  });

  test("a 503 with retryAfter in the body carries it; the body wins over the header", async () => {
    server.use(
      http.post(`${BASE}/preauth`, () =>
        HttpResponse.json(errorBody('unavailable', 'Maintenance', { retryAfter: 7 }), { status: 503, headers: { 'Retry-After': '99' } }),
      ),
    );
    assert.equal((await rejection(testAdapter().preauth({}), 'unavailable')).retryAfter, 7);
  });

  test('a 503 with Retry-After as an HTTP date becomes seconds from now', async () => {
    server.use(http.post(`${BASE}/preauth`, failing(503, 'unavailable', 'Sun, 22 Nov 2026 10:00:45 GMT')));
    const error = await rejection(testAdapter({ now: () => NOW }).preauth({}), 'unavailable');
    assert.equal(error.retryAfter, 45);
  });

  test('a poll answered 503 with Retry-After: 10 waits at least 10 s before polling again (it re-polled after 0.3 s)', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ sleep: time.sleep, random: () => 0.3 });
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(failing(503, 'unavailable', '10'), txBody(2, allowed)).resolver));
    const retries: RetryInfo[] = [];

    assert.deepEqual(await collect(adapter.watch(transaction, { onRetry: (info) => retries.push(info) })), [allowed]);

    assert.deepEqual(time.delays, [10_000]);
    assert.equal(retries[0]!.delayMs, 10_000);
  });

  test('Retry-After of exactly MAX_RETRY_AFTER_SECONDS is still honoured', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ sleep: time.sleep });
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(failing(429, 'rate_limited', '120'), txBody(2, allowed)).resolver));

    assert.deepEqual(await collect(adapter.watch(transaction)), [allowed]);
    assert.deepEqual(time.delays, [120_000]);
  });
});

describe('Retry-After: longer than MAX_RETRY_AFTER_SECONDS gives up at once', { timeout: 5_000 }, () => {
  for (const [status, code] of [
    [429, 'rate_limited'],
    [503, 'unavailable'],
  ] as const) {
    for (const [what, value] of TOO_LONG) {
      test(`a poll answered ${status} with ${what} ends the watch with ${code}, without waiting or polling again`, async () => {
        const time = fakeTime();
        time.nowMs = NOW;
        const adapter = testAdapter({ sleep: time.sleep, now: time.now });
        const transaction = await started(adapter, txBody(1, calling));
        const { requests, resolver } = script(failing(status, code, value), txBody(2, allowed));
        server.use(http.get(POLL, resolver));
        let retries = 0;

        const error = await rejection(collect(adapter.watch(transaction, { onRetry: () => retries++ })), code);

        assert.equal(requests.length, 1);
        assert.deepEqual(time.delays, []);
        assert.equal(retries, 0);
        assert.equal(error.retryAfter, undefined, 'the user is told "try again later", not a number of days');
      });
    }
  }

  test('a retryAfter in the body beyond the cap gives up too', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ sleep: time.sleep });
    const transaction = await started(adapter, txBody(1, calling));
    const tooLong = () => HttpResponse.json(errorBody('rate_limited', 'Come back tomorrow', { retryAfter: DAY_S }), { status: 429 });
    const { requests, resolver } = script(tooLong, txBody(2, allowed));
    server.use(http.get(POLL, resolver));

    await rejection(collect(adapter.watch(transaction)), 'rate_limited');
    assert.equal(requests.length, 1);
    assert.deepEqual(time.delays, []);
  });
});

describe('Retry-After: no delay overflows setTimeout', { timeout: 5_000 }, () => {
  test('retryDelay stays within the 32-bit timer limit, whatever the backoff settings', () => {
    const error = new MfaError('network', 'offline');
    const delay = retryDelay(60, error, { initialMs: 1000, maxMs: Number.POSITIVE_INFINITY }, () => 0.999);
    assert.ok(delay >= 0 && delay <= MAX_TIMER_MS, `${delay} ms`);
    assert.equal(retryDelay(1, error, { initialMs: 1000, maxMs: 32_000 }, () => Number.NaN), 0, 'a broken random() waits nothing, not NaN');
  });

  test('the default sleep does not fire at once when asked for more than the timer limit', async () => {
    const controller = new AbortController();
    let woke = false;
    const sleeping = sleep(1e12, controller.signal).then(() => (woke = true), () => undefined);
    await delay(30);
    assert.equal(woke, false, 'a 1e12 ms sleep returned at once (setTimeout overflow)');
    controller.abort();
    await sleeping;
  });

  test('a huge requestTimeoutMs does not time every request out at once', async () => {
    const fetch = async (_url: string, init: RequestInit) => {
      await delay(30);
      init.signal!.throwIfAborted();
      return Response.json({ result: 'deny', message: 'No' });
    };
    const adapter = createHttpAdapter({ baseUrl: BASE, fetch, requestTimeoutMs: 1e12 });
    assert.deepEqual(await adapter.preauth({}), { result: 'deny', message: 'No' });
  });
});
