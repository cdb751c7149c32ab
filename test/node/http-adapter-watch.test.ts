/** `watch()`: the long poll, what it yields, and how it rides out failures. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { MfaError } from '../../src/adapter/errors.js';
import { createHttpAdapter } from '../../src/adapter/http-adapter.js';
import { retryDelay } from '../../src/adapter/retry.js';
import type { RetryInfo, Transaction } from '../../src/adapter/types.js';
import {
  afterParams,
  allowed,
  answered,
  BASE,
  calling,
  collect,
  errorBody,
  fakeTime,
  POLL,
  script,
  server,
  started,
  testAdapter,
  txBody,
} from './http-adapter-fixtures.js';


function unavailable() {
  return HttpResponse.json(errorBody('unavailable', 'Maintenance'), { status: 503 });
}

describe('what watch yields', { timeout: 5_000 }, () => {
  test('each new update after the start state, ending with the final one', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, answered), txBody(3, allowed));
    server.use(http.get(POLL, resolver));

    assert.deepEqual(await collect(adapter.watch(transaction)), [answered, allowed]);
    assert.deepEqual(afterParams(requests), ['1', '2']);
  });

  test('nothing, and no request, when the start state is already final', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, allowed));
    // No GET handler: a poll would fail the test (onUnhandledRequest: 'error').
    assert.deepEqual(await collect(adapter.watch(transaction)), []);
  });

  test('an answer with the same version (the server stopped waiting) is followed by the next poll at once', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ now: time.now, sleep: time.sleep });
    const transaction = await started(adapter, txBody(1, calling));
    const heldFor25s = () => {
      time.nowMs += 25_000;
      return HttpResponse.json(txBody(1, calling));
    };
    const { requests, resolver } = script(heldFor25s, heldFor25s, txBody(2, allowed));
    server.use(http.get(POLL, resolver));

    assert.deepEqual(await collect(adapter.watch(transaction)), [allowed]);
    assert.deepEqual(afterParams(requests), ['1', '1', '1']);
    assert.deepEqual(time.delays, []);
  });

  test('an answer with nothing new that comes back at once is followed by a pause, so a server that does not hold polls is not stormed', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ now: time.now, sleep: time.sleep });
    const transaction = await started(adapter, txBody(1, calling));
    const after200ms = () => {
      time.nowMs += 200;
      return HttpResponse.json(txBody(1, calling));
    };
    server.use(http.get(POLL, script(after200ms, txBody(2, allowed)).resolver));

    await collect(adapter.watch(transaction));

    assert.deepEqual(time.delays, [800]);
  });

  test('a transaction the adapter did not return is first polled without `after`; its current state is not repeated', async () => {
    const adapter = testAdapter();
    const custom: Transaction = { txid: 'tx-1', method: 'phone', status: calling };
    const { requests, resolver } = script(txBody(5, calling), txBody(6, answered), txBody(7, allowed));
    server.use(http.get(POLL, resolver));

    assert.deepEqual(await collect(adapter.watch(custom)), [answered, allowed]);
    assert.deepEqual(afterParams(requests), [null, '5', '6']);
  });

  test('a transaction the adapter did not return yields the current state when it moved on', async () => {
    const adapter = testAdapter();
    const custom: Transaction = { txid: 'tx-1', method: 'phone', status: calling };
    server.use(http.get(POLL, script(txBody(3, allowed)).resolver));

    assert.deepEqual(await collect(adapter.watch(custom)), [allowed]);
  });

  test('an answer about another transaction is a bad_response', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(txBody(2, allowed, 'tx-other')).resolver));

    await assert.rejects(collect(adapter.watch(transaction)), (error) => error instanceof MfaError && error.code === 'bad_response');
  });
});

describe('versions: an answer that contradicts what the client knows is a bad_response', { timeout: 5_000 }, () => {
  test('a final allow that reuses the known version ends the watch with bad_response, without polling again', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(1, allowed), txBody(1, allowed));
    server.use(http.get(POLL, resolver));

    await assert.rejects(collect(adapter.watch(transaction)), (error) => error instanceof MfaError && error.code === 'bad_response');
    assert.equal(requests.length, 1);
  });

  test('a pending status that changes without a new version is a bad_response too', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(1, answered), txBody(2, allowed));
    server.use(http.get(POLL, resolver));

    await assert.rejects(collect(adapter.watch(transaction)), (error) => error instanceof MfaError && error.code === 'bad_response');
    assert.equal(requests.length, 1);
  });

  test('a version lower than the known one is a bad_response, even with the same status', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(3, calling));
    const { requests, resolver } = script(txBody(2, calling), txBody(4, allowed));
    server.use(http.get(POLL, resolver));
    const updates: unknown[] = [];

    await assert.rejects(
      async () => {
        for await (const update of adapter.watch(transaction)) updates.push(update);
      },
      (error) => error instanceof MfaError && error.code === 'bad_response' && /version/.test(String((error.cause as Error).message)),
    );
    assert.deepEqual(updates, []);
    assert.equal(requests.length, 1);
  });

  test('a version that went back after an update was yielded is a bad_response', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(txBody(2, answered), txBody(1, allowed)).resolver));
    const updates: unknown[] = [];

    await assert.rejects(
      async () => {
        for await (const update of adapter.watch(transaction)) updates.push(update);
      },
      (error) => error instanceof MfaError && error.code === 'bad_response',
    );
    assert.deepEqual(updates, [answered]);
  });

  test('the same version with the same status and another message is still nothing new', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(1, { ...calling, message: 'Still dialing...' }), txBody(2, allowed));
    server.use(http.get(POLL, resolver));

    assert.deepEqual(await collect(adapter.watch(transaction)), [allowed]);
    assert.deepEqual(afterParams(requests), ['1', '1']);
  });
});

describe('retrying transient failures', { timeout: 5_000 }, () => {
  test('a network failure in the middle of polling is retried: the final status still arrives, onRetry is called once', async () => {
    const adapter = testAdapter({ random: () => 0.25 });
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, answered), () => HttpResponse.error(), txBody(3, allowed));
    server.use(http.get(POLL, resolver));
    const retries: RetryInfo[] = [];

    const updates = await collect(adapter.watch(transaction, { onRetry: (info) => retries.push(info) }));

    assert.deepEqual(updates, [answered, allowed]);
    assert.deepEqual(afterParams(requests), ['1', '2', '2']);
    assert.equal(retries.length, 1);
    assert.equal(retries[0]!.error.code, 'network');
    assert.equal(retries[0]!.attempt, 1);
    assert.equal(retries[0]!.delayMs, 250);
  });

  test('a 429 with Retry-After on a poll waits at least that long before retrying', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ sleep: time.sleep, random: () => 0.5 });
    const transaction = await started(adapter, txBody(1, calling));
    const tooMany = () => HttpResponse.json(errorBody('rate_limited', 'Slow down'), { status: 429, headers: { 'Retry-After': '10' } });
    server.use(http.get(POLL, script(tooMany, txBody(2, allowed)).resolver));
    const retries: RetryInfo[] = [];

    await collect(adapter.watch(transaction, { onRetry: (info) => retries.push(info) }));

    assert.equal(time.delays.length, 1);
    assert.ok(time.delays[0]! >= 10_000, `waited ${time.delays[0]} ms`);
    assert.equal(retries[0]!.delayMs, time.delays[0]);
    assert.equal(retries[0]!.error.retryAfter, 10);
  });

  test('timeouts and 5xx are retried too', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(unavailable, () => HttpResponse.text('Bad gateway', { status: 502 }), txBody(2, allowed)).resolver));
    const codes: string[] = [];

    await collect(adapter.watch(transaction, { onRetry: ({ error }) => codes.push(error.code) }));

    assert.deepEqual(codes, ['unavailable', 'unavailable']);
  });

  test('backoff doubles from 1 s up to 32 s, with full jitter below each cap', async () => {
    const time = fakeTime();
    const randoms = [0.999, 0.999, 0.5, 0, 0.999, 0.999, 0.999, 0.25];
    const adapter = testAdapter({ sleep: time.sleep, random: () => randoms.shift()!, maxRetries: 8 });
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(...Array(8).fill(unavailable), txBody(2, allowed)).resolver));
    const delays: number[] = [];

    await collect(adapter.watch(transaction, { onRetry: ({ delayMs }) => delays.push(delayMs) }));

    const caps = [1000, 2000, 4000, 8000, 16_000, 32_000, 32_000, 32_000];
    assert.deepEqual(delays, [999, 1998, 2000, 0, 15_984, 31_968, 31_968, 8000]);
    delays.forEach((delay, i) => assert.ok(delay >= 0 && delay < caps[i]!, `retry ${i + 1}: ${delay} ms`));
    assert.deepEqual(time.delays, [999, 1998, 2000, 15_984, 31_968, 31_968, 8000], 'a 0 ms delay does not sleep');
  });

  test('backoff settings are options', () => {
    const error = new MfaError('network', 'offline');
    assert.equal(retryDelay(3, error, { initialMs: 100, maxMs: 250 }, () => 0.999), 249);
    assert.equal(retryDelay(1, new MfaError('rate_limited', 'slow', { retryAfter: 2 }), { initialMs: 100, maxMs: 250 }, () => 0.5), 2000);
  });

  test('after maxRetries consecutive failures, watch rejects with the last error', async () => {
    const adapter = testAdapter({ maxRetries: 2 });
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(
      () => HttpResponse.error(),
      () => HttpResponse.error(),
      () => HttpResponse.json(errorBody('unavailable', 'Still down'), { status: 503 }),
    );
    server.use(http.get(POLL, resolver));
    let retries = 0;

    await assert.rejects(
      collect(adapter.watch(transaction, { onRetry: () => retries++ })),
      (error) => error instanceof MfaError && error.code === 'unavailable' && error.message === 'Still down',
    );
    assert.equal(requests.length, 3);
    assert.equal(retries, 2);
  });

  test('with the default of 6, the seventh failure in a row ends the watch', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(...Array(7).fill(unavailable));
    server.use(http.get(POLL, resolver));

    await assert.rejects(collect(adapter.watch(transaction)), (error) => error instanceof MfaError && error.code === 'unavailable');
    assert.equal(requests.length, 7);
  });

  test('a success resets the count of consecutive failures', async () => {
    const time = fakeTime();
    const adapter = testAdapter({ maxRetries: 1, sleep: time.sleep, random: () => 0.999 });
    const transaction = await started(adapter, txBody(1, calling));
    const offline = () => HttpResponse.error();
    server.use(http.get(POLL, script(offline, txBody(2, answered), offline, txBody(3, allowed)).resolver));

    assert.deepEqual(await collect(adapter.watch(transaction)), [answered, allowed]);
    assert.deepEqual(time.delays, [999, 999]); // both are first retries
  });

  for (const [code, status] of [
    ['expired', 404],
    ['invalid_request', 400],
    ['locked_out', 403],
  ] as const) {
    test(`${code} ends the watch at once, without retrying`, async () => {
      const adapter = testAdapter();
      const transaction = await started(adapter, txBody(1, calling));
      const { requests, resolver } = script(() => HttpResponse.json(errorBody(code, 'No'), { status }));
      server.use(http.get(POLL, resolver));
      let retries = 0;

      await assert.rejects(
        collect(adapter.watch(transaction, { onRetry: () => retries++ })),
        (error) => error instanceof MfaError && error.code === code,
      );
      assert.equal(requests.length, 1);
      assert.equal(retries, 0);
    });
  }

  test('a malformed answer ends the watch with bad_response, without retrying', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, answered), () => HttpResponse.html('<p>oops</p>'));
    server.use(http.get(POLL, resolver));
    const updates: unknown[] = [];

    await assert.rejects(
      async () => {
        for await (const update of adapter.watch(transaction)) updates.push(update);
      },
      (error) => error instanceof MfaError && error.code === 'bad_response',
    );
    assert.deepEqual(updates, [answered]);
    assert.equal(requests.length, 2);
  });

  test('an onRetry that throws ends that watch with its error', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(unavailable, txBody(2, allowed)).resolver));
    const bug = new Error('bug in onRetry');

    await assert.rejects(
      collect(
        adapter.watch(transaction, {
          onRetry: () => {
            throw bug;
          },
        }),
      ),
      (error) => error === bug,
    );
  });

  test('a long poll gets pollWaitSeconds + 10 s before it times out, then it is retried', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const polls: AbortSignal[] = [];
    const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
      if (init.method === 'POST') return Response.json(txBody(1, calling), { status: 201 });
      polls.push(init.signal!);
      if (polls.length === 2) return Response.json(txBody(2, allowed));
      return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    };
    const time = fakeTime();
    const adapter = createHttpAdapter({ baseUrl: BASE, fetch, pollWaitSeconds: 5, sleep: time.sleep, now: time.now });
    const transaction = await adapter.startCall('attempt-1', 'phone-1');
    const codes: string[] = [];
    const watching = collect(adapter.watch(transaction, { onRetry: ({ error }) => codes.push(error.code) }));
    for (let i = 0; i < 100 && polls.length === 0; i++) await Promise.resolve();

    t.mock.timers.tick(14_999);
    assert.equal(polls[0]!.aborted, false);
    t.mock.timers.tick(1);

    assert.deepEqual(await watching, [allowed]);
    assert.deepEqual(codes, ['timeout']);
  });
});
