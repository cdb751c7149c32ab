/** `watch()` over time: shared polling, stopping, aborting, cancelling, hidden pages. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { delay, http, HttpResponse } from 'msw';
import { MfaError } from '../../src/adapter/errors.js';
import type { StatusUpdate } from '../../src/adapter/types.js';
import type { TransactionBody } from '../../src/adapter/wire.js';
import {
  afterParams,
  allowed,
  answered,
  calling,
  CANCEL,
  canceled,
  collect,
  endlessSleep,
  errorBody,
  heldOpen,
  POLL,
  script,
  server,
  started,
  testAdapter,
  txBody,
  until,
} from './http-adapter-fixtures.js';


describe('one poll loop per transaction', { timeout: 5_000 }, () => {
  test('two watchers of one transaction share the polls: never two in flight, both see every update', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    let inFlight = 0;
    let mostInFlight = 0;
    const slowly = (body: TransactionBody) => async () => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await delay(5);
      inFlight--;
      return HttpResponse.json(body);
    };
    const { requests, resolver } = script(slowly(txBody(2, answered)), slowly(txBody(3, allowed)));
    server.use(http.get(POLL, resolver));

    const [first, second] = await Promise.all([collect(adapter.watch(transaction)), collect(adapter.watch(transaction))]);

    assert.deepEqual(first, [answered, allowed]);
    assert.deepEqual(second, [answered, allowed]);
    assert.equal(requests.length, 2);
    assert.equal(mostInFlight, 1);
  });

  test('a watcher that joins late first catches up on the updates it missed', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, answered), heldOpen);
    server.use(http.get(POLL, resolver));
    const early = adapter.watch(transaction)[Symbol.asyncIterator]();
    assert.deepEqual(await early.next(), { done: false, value: answered });

    const late = adapter.watch(transaction)[Symbol.asyncIterator]();
    assert.deepEqual(await late.next(), { done: false, value: answered });

    await early.return!();
    await late.return!();
    assert.equal(requests.length, 2);
  });

  test('when every watcher stops, the poll in flight is aborted and polling stops', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, answered), heldOpen);
    server.use(http.get(POLL, resolver));

    const seen = await Promise.all(
      [1, 2].map(async () => {
        for await (const update of adapter.watch(transaction)) return update; // break after the first
        return undefined;
      }),
    );
    assert.deepEqual(seen, [answered, answered]);
    await until(() => requests[1]?.signal.aborted === true, 'the held poll to be aborted');
    await delay(20);
    assert.equal(requests.length, 2);
  });

  test('one watcher stopping does not stop the other', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(txBody(2, answered), txBody(3, allowed)).resolver));

    const [quitter, stayer] = await Promise.all([
      (async () => {
        for await (const update of adapter.watch(transaction)) return [update];
        return [];
      })(),
      collect(adapter.watch(transaction)),
    ]);

    assert.deepEqual(quitter, [answered]);
    assert.deepEqual(stayer, [answered, allowed]);
  });

  test('a watch after the loop ended starts a new one', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, allowed), txBody(2, allowed));
    server.use(http.get(POLL, resolver));

    assert.deepEqual(await collect(adapter.watch(transaction)), [allowed]);
    assert.deepEqual(await collect(adapter.watch(transaction)), [allowed]);
    assert.deepEqual(afterParams(requests), ['1', '1']);
  });
});

describe("the caller's signal", { timeout: 5_000 }, () => {
  test('aborting rejects the watch with the reason and aborts the poll in flight', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(heldOpen);
    server.use(http.get(POLL, resolver));
    const controller = new AbortController();
    const reason = new Error('prompt closed');

    const watching = collect(adapter.watch(transaction, { signal: controller.signal }));
    await until(() => requests.length === 1, 'the poll');
    controller.abort(reason);

    await assert.rejects(watching, (error) => error === reason);
    await until(() => requests[0]!.signal.aborted, 'the poll to be aborted');
  });

  test('an already aborted signal rejects with its reason before any request', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const reason = new Error('already closed');
    await assert.rejects(collect(adapter.watch(transaction, { signal: AbortSignal.abort(reason) })), (error) => error === reason);
  });

  test('aborting during a backoff wait ends the watch at once', async () => {
    const { delays, sleep } = endlessSleep();
    const adapter = testAdapter({ sleep });
    const transaction = await started(adapter, txBody(1, calling));
    server.use(http.get(POLL, script(() => HttpResponse.error()).resolver));
    const controller = new AbortController();

    const watching = collect(adapter.watch(transaction, { signal: controller.signal }));
    await until(() => delays.length === 1, 'the backoff wait');
    controller.abort(new Error('closed'));

    await assert.rejects(watching, /closed/);
  });
});

describe('cancel', { timeout: 5_000 }, () => {
  test('in the middle of a poll: aborts the poll, POSTs the cancel, then watchers get the final status and end', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const events: string[] = [];
    const polls = script(
      (request) => {
        request.signal.addEventListener('abort', () => events.push('poll aborted'));
        return heldOpen(request);
      },
      txBody(2, canceled),
    );
    const cancels = script(() => {
      events.push('cancel sent');
      return new HttpResponse(null, { status: 204 });
    });
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, cancels.resolver));

    const watching = collect(adapter.watch(transaction));
    await until(() => polls.requests.length === 1, 'the poll');
    await adapter.cancel('tx-1');

    assert.deepEqual(await watching, [canceled]);
    assert.equal(polls.requests[0]!.signal.aborted, true);
    assert.deepEqual(events, ['poll aborted', 'cancel sent']);
    assert.equal(cancels.requests.length, 1);
    assert.deepEqual(afterParams(polls.requests), ['1', null], 'the last read does not wait');
  });

  test('the status that won a race with the cancel is what watchers see', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const polls = script(heldOpen, txBody(2, allowed));
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, () => new HttpResponse(null, { status: 204 })));

    const watching = collect(adapter.watch(transaction));
    await until(() => polls.requests.length === 1, 'the poll');
    await adapter.cancel('tx-1');

    assert.deepEqual(await watching, [allowed]);
  });

  test('during a backoff wait: the wait is cut short and watchers end', async () => {
    const { delays, sleep } = endlessSleep();
    const adapter = testAdapter({ sleep });
    const transaction = await started(adapter, txBody(1, calling));
    const polls = script(() => HttpResponse.error(), txBody(2, canceled));
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, () => new HttpResponse(null, { status: 204 })));

    const watching = collect(adapter.watch(transaction));
    await until(() => delays.length === 1, 'the backoff wait');
    await adapter.cancel('tx-1');

    assert.deepEqual(await watching, [canceled]);
  });

  test('watchers end without more updates when the final status cannot be read after the cancel', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const polls = script(heldOpen, () => HttpResponse.error());
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, () => HttpResponse.json(errorBody('expired', 'Gone'), { status: 404 })));

    const watching = collect(adapter.watch(transaction));
    await until(() => polls.requests.length === 1, 'the poll');
    await adapter.cancel('tx-1'); // 404 expired: resolves

    assert.deepEqual(await watching, []);
    assert.equal(polls.requests.length, 2);
  });

  test('when the cancel fails, cancel rejects and polling resumes where it was', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const polls = script(heldOpen, txBody(2, allowed));
    server.use(http.get(POLL, polls.resolver), http.post(CANCEL, () => HttpResponse.json(errorBody('unavailable', 'Down'), { status: 503 })));
    const updates: StatusUpdate[] = [];

    const watching = (async () => {
      for await (const update of adapter.watch(transaction)) updates.push(update);
    })();
    await until(() => polls.requests.length === 1, 'the poll');
    await assert.rejects(adapter.cancel('tx-1'), (error) => error instanceof MfaError && error.code === 'unavailable');
    await watching;

    assert.deepEqual(updates, [allowed]);
    assert.deepEqual(afterParams(polls.requests), ['1', '1']);
  });

  test('without watchers, cancel just POSTs', async () => {
    const cancels = script(() => new HttpResponse(null, { status: 204 }));
    server.use(http.post(CANCEL, cancels.resolver));
    await testAdapter().cancel('tx-1');
    assert.equal(cancels.requests.length, 1);
  });
});

describe('a hidden page', { timeout: 5_000 }, () => {
  test('does not poll until it is visible again', async (t) => {
    const page = Object.assign(new EventTarget(), { hidden: true });
    Object.defineProperty(globalThis, 'document', { value: page, configurable: true });
    t.after(() => Reflect.deleteProperty(globalThis, 'document'));
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(1, calling));
    const { requests, resolver } = script(txBody(2, allowed));
    server.use(http.get(POLL, resolver));

    const watching = collect(adapter.watch(transaction));
    await delay(20);
    assert.equal(requests.length, 0, 'polled while hidden');

    page.hidden = false;
    page.dispatchEvent(new Event('visibilitychange'));

    assert.deepEqual(await watching, [allowed]);
    assert.equal(requests.length, 1);
  });
});
