/** Rule 14, **cancel tells the truth**: transient failures are retried; cancel resolves only once the backend confirmed. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import type { StatusUpdate } from '../../src/adapter/types.js';
import {
  afterParams,
  allowed,
  calling,
  CANCEL,
  canceled,
  collect,
  endlessSleep,
  errorBody,
  failing,
  fakeTime,
  heldOpen,
  POLL,
  rejection,
  script,
  server,
  started,
  testAdapter,
  txBody,
  until,
} from './http-adapter-fixtures.js';

const confirmed = () => new HttpResponse(null, { status: 204 });

describe('cancel tells the truth: retries', { timeout: 5_000 }, () => {
  const transient: Array<[string, () => Response]> = [
    ['a dropped connection', () => HttpResponse.error()],
    ['a 500', failing(500, 'internal')],
    ['a 503', failing(503, 'unavailable')],
    ['a 429', failing(429, 'rate_limited')],
    ['a gateway page', () => HttpResponse.html('<h1>502 Bad Gateway</h1>', { status: 502 })],
  ];
  for (const [what, failure] of transient) {
    test(`after ${what}, the cancel is sent again and resolves when the backend confirms`, async () => {
      const cancels = script(failure, confirmed);
      server.use(http.post(CANCEL, cancels.resolver));

      assert.equal(await testAdapter().cancel('tx-1'), undefined);
      assert.equal(cancels.requests.length, 2);
    });
  }

  test('a timeout is retried too', async () => {
    const cancels = script(heldOpen, confirmed);
    server.use(http.post(CANCEL, cancels.resolver));

    await testAdapter({ requestTimeoutMs: 20 }).cancel('tx-1');
    assert.equal(cancels.requests.length, 2);
  });

  test('3 attempts in all, with full-jitter backoff between them; then it rejects with the last error', async () => {
    const time = fakeTime();
    const cancels = script(failing(503, 'unavailable'), () => HttpResponse.error(), failing(500, 'boom'), confirmed);
    server.use(http.post(CANCEL, cancels.resolver));

    const error = await rejection(testAdapter({ sleep: time.sleep, random: () => 0.5 }).cancel('tx-1'), 'unavailable');

    assert.equal(error.httpStatus, 500, 'the last error');
    assert.equal(cancels.requests.length, 3);
    assert.deepEqual(time.delays, [500, 1000]);
  });

  test('every attempt carries the attempt binding', async () => {
    const adapter = testAdapter();
    await started(adapter, txBody(1, calling));
    const cancels = script(() => HttpResponse.error(), confirmed);
    server.use(http.post(CANCEL, cancels.resolver));

    await adapter.cancel('tx-1');
    assert.deepEqual(
      cancels.requests.map((request) => request.headers.get('Mfa-Attempt-Id')),
      ['attempt-1', 'attempt-1'],
    );
  });

  test('a 404 expired on a retry counts as confirmed (already gone)', async () => {
    const cancels = script(() => HttpResponse.error(), () => HttpResponse.json(errorBody('expired', 'Gone'), { status: 404 }));
    server.use(http.post(CANCEL, cancels.resolver));
    assert.equal(await testAdapter().cancel('tx-1'), undefined);
  });

  test('only a 404 expired counts as gone: a body saying expired with another status is no confirmation', async () => {
    server.use(http.post(CANCEL, failing(400, 'expired')));
    const error = await rejection(testAdapter().cancel('tx-1'), 'expired');
    assert.equal(error.httpStatus, 400);
  });

  test("a 429's Retry-After is honoured between attempts", async () => {
    const time = fakeTime();
    server.use(http.post(CANCEL, script(failing(429, 'rate_limited', '5'), confirmed).resolver));
    await testAdapter({ sleep: time.sleep, random: () => 0.5 }).cancel('tx-1');
    assert.deepEqual(time.delays, [5000]);
  });

  test('a Retry-After beyond MAX_RETRY_AFTER_SECONDS rejects at once', async () => {
    const time = fakeTime();
    const cancels = script(failing(503, 'unavailable', '3600'), confirmed);
    server.use(http.post(CANCEL, cancels.resolver));

    await rejection(testAdapter({ sleep: time.sleep }).cancel('tx-1'), 'unavailable');
    assert.equal(cancels.requests.length, 1);
    assert.deepEqual(time.delays, []);
  });

  for (const [what, failure, code] of [
    ['400 invalid_request', failing(400, 'invalid_request'), 'invalid_request'],
    ['403 locked_out', failing(403, 'locked_out'), 'locked_out'],
    ['a malformed answer', () => HttpResponse.html('<p>Sign in</p>', { status: 401 }), 'bad_response'],
  ] as const) {
    test(`${what} is not retried`, async () => {
      const cancels = script(failure, confirmed);
      server.use(http.post(CANCEL, cancels.resolver));
      await rejection(testAdapter().cancel('tx-1'), code);
      assert.equal(cancels.requests.length, 1);
    });
  }

  test("aborting the caller's signal during the backoff wait rejects with its reason and sends nothing more", async () => {
    const { delays, sleep } = endlessSleep();
    const cancels = script(() => HttpResponse.error(), confirmed);
    server.use(http.post(CANCEL, cancels.resolver));
    const controller = new AbortController();
    const reason = new Error('page closed');

    const canceling = testAdapter({ sleep }).cancel('tx-1', { signal: controller.signal });
    await until(() => delays.length === 1, 'the backoff wait');
    controller.abort(reason);

    await assert.rejects(canceling, (error) => error === reason);
    assert.equal(cancels.requests.length, 1);
  });
});

describe('cancel tells the truth: the watch', { timeout: 5_000 }, () => {
  test('does not poll while the cancel is retried, then yields the final status once the cancel went through', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const polls = script(heldOpen, txBody(2, canceled));
    const cancels = script(() => HttpResponse.error(), failing(503, 'unavailable'), confirmed);
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, cancels.resolver));

    const watching = collect(adapter.watch(transaction));
    await until(() => polls.requests.length === 1, 'the poll');
    await adapter.cancel('tx-1');

    assert.deepEqual(await watching, [canceled]);
    assert.equal(cancels.requests.length, 3);
    assert.deepEqual(afterParams(polls.requests), ['1', null]);
  });

  test('resumes polling only after the last attempt failed, and the push can still be approved', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const events: string[] = [];
    const polls = script(heldOpen, (request) => {
      events.push('poll');
      return HttpResponse.json(txBody(2, allowed), { headers: { 'x-url': request.url } });
    });
    const cancels = script(
      ...Array.from({ length: 3 }, () => () => {
        events.push('cancel');
        return HttpResponse.error();
      }),
    );
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, cancels.resolver));
    const updates: StatusUpdate[] = [];

    const watching = (async () => {
      for await (const update of adapter.watch(transaction)) updates.push(update);
    })();
    await until(() => polls.requests.length === 1, 'the poll');
    await rejection(adapter.cancel('tx-1'), 'network');
    await watching;

    assert.deepEqual(events, ['cancel', 'cancel', 'cancel', 'poll']);
    assert.deepEqual(updates, [allowed]);
    assert.deepEqual(afterParams(polls.requests), ['1', '1']);
  });
});
