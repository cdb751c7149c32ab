/**
 * Push and phone-call logins end to end: the real HTTP client long-polls the real MSW handlers while the
 * test plays the phone. The simulator runs on a FakeClock, so its long polls and timeouts wait on that clock.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { MESSAGES } from '../../mock-server/core/index.js';
import { MfaError } from '../../src/adapter/errors.js';
import { allowOf, idle, MINUTE, record, rejectsWith, ROUTES, SECOND, useIntegration, waitFor } from './support/integration.js';

const { clock, sim, server, client, pollsWaiting, requestsFor, attempt } = useIntegration();

/** Advances the fake clock in steps no longer than a long poll, letting the client re-poll between them. */
async function advanceWhilePolling(ms: number, step = 10 * SECOND): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    await pollsWaiting(1);
    clock.advance(Math.min(step, left));
  }
}

describe('push', { timeout: 10_000 }, () => {
  test('approved on the phone while the long poll is held open: watch yields allow with a token', async () => {
    const { adapter } = client();
    const { attemptId, devices } = await attempt(adapter, 'bob');
    const push = await adapter.startPush(attemptId, devices[0]!.id);
    assert.equal(push.method, 'push');
    const code = sim.phone('bob').pendingPush()?.verificationCode;
    assert.match(code ?? '', /^\d{3}$/, 'a verified push by default');
    assert.deepEqual(push.status, { status: 'pushed', final: false, message: MESSAGES.pushed, verificationCode: code, expiresInSeconds: 60 });
    assert.equal(sim.phone('bob').pendingPush()?.txid, push.txid);

    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    assert.deepEqual(watching.seen, [], 'nothing yet: the server holds the poll');
    sim.phone('bob').approvePushWithShownCode();

    const [final, ...rest] = await watching.done;
    assert.deepEqual(rest, []);
    const allow = allowOf(final);
    assert.match(allow.token, /^login_\w{32}$/);
    assert.equal(allow.remembered, false);
    assert.equal(allow.message, MESSAGES.success);
    assert.equal(requestsFor(push.txid).length, 1, 'one long poll, answered by the approval');
  });

  test('denied on the phone: watch yields deny', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('alice').denyPush();
    assert.deepEqual(await watching.done, [{ status: 'deny', final: true, message: MESSAGES.pushDenied }]);
  });

  test('reported as fraud on the phone: watch yields fraud', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('alice').reportPush();
    assert.deepEqual(await watching.done, [{ status: 'fraud', final: true, message: MESSAGES.fraud }]);
  });

  test('unanswered: timeout after 60 s of the fake clock, the client long-polling on that clock meanwhile', async () => {
    const { adapter, sleeps } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));

    await advanceWhilePolling(60 * SECOND - 1);
    await pollsWaiting(1);
    assert.equal(watching.ended(), false, 'still waiting at 59.999 s');
    assert.deepEqual(watching.seen, []);
    clock.advance(1);

    assert.deepEqual(await watching.done, [{ status: 'timeout', final: true, message: MESSAGES.timeout }]);
    // Polls of 25 s each (the client's default wait), held by the simulator: at 0, 25 and 50 s.
    assert.equal(requestsFor(push.txid).length, 3);
    assert.deepEqual(sleeps, [], 'each poll was held by the server: no pause between polls');
  });

  test('two watchers of one push share one long poll and both see the approval', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const first = record(adapter.watch(push));
    const second = record(adapter.watch(push));
    await pollsWaiting(1);
    await idle();
    assert.equal(sim.waitingPolls, 1, 'never two polls for one transaction');
    sim.phone('alice').approvePushWithShownCode();
    const [a, b] = await Promise.all([first.done, second.done]);
    assert.deepEqual(a, b);
    assert.equal(allowOf(a[0]).token, allowOf(b[0]).token);
  });
});

describe('watching: late, twice, and stopping', { timeout: 10_000 }, () => {
  test('approved before the watch begins: the first poll answers at once with allow', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    sim.phone('alice').approvePushWithShownCode();
    allowOf((await record(adapter.watch(push)).done)[0]);
    assert.equal(requestsFor(push.txid).length, 1);
  });

  test('another client (another tab, or someone who learned the txid) cannot watch a push it did not start', async () => {
    const tab1 = client();
    const tab2 = client();
    const { attemptId } = await attempt(tab1.adapter);
    const push = await tab1.adapter.startPush(attemptId, 'alice-ios');
    const first = record(tab1.adapter.watch(push));
    await pollsWaiting(1);
    // tab2 sends no Mfa-Attempt-Id for this txid: the server answers 404 expired, as for an unknown txid.
    await assert.rejects(record(tab2.adapter.watch(push)).done, (error) => error instanceof MfaError && error.code === 'expired');
    assert.equal(sim.statusOf(push.txid), 'pushed', 'the push itself is untouched');
    sim.phone('alice').approvePushWithShownCode();
    allowOf((await first.done)[0]);
  });

  test('aborting the watch (the prompt closed) drops the held poll but leaves the push running; a new watch picks it up', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const controller = new AbortController();
    const watching = record(adapter.watch(push, { signal: controller.signal }));
    await pollsWaiting(1);
    const reason = new Error('prompt closed');
    controller.abort(reason);
    await assert.rejects(watching.done, (error) => error === reason);
    await pollsWaiting(0);
    assert.equal(sim.statusOf(push.txid), 'pushed', 'not canceled: only the watch stopped');

    const again = record(adapter.watch(push));
    await pollsWaiting(1);
    sim.phone('alice').approvePushWithShownCode();
    allowOf((await again.done)[0]);
  });
});

describe('phone call', { timeout: 10_000 }, () => {
  // Time limits: 60 s to answer, then 30 s to press a key (each answered at once on the fake clock).
  const dialing = { status: 'calling', final: false, message: 'Dialing XXX-XXX-1311...', expiresInSeconds: 60 };
  const answered = { status: 'answered', final: false, message: MESSAGES.answered, expiresInSeconds: 30 };

  test('calling → answered → a key pressed → allow, each step yielded in order', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.startCall(attemptId, 'alice-landline');
    assert.equal(call.method, 'phone');
    assert.deepEqual(call.status, dialing);
    assert.equal(sim.phone('alice').activeCall()?.state, 'ringing');

    const watching = record(adapter.watch(call));
    await pollsWaiting(1);
    sim.phone('alice').answerCall();
    await waitFor(() => watching.seen.length === 1, 'the client sees the call answered');
    assert.deepEqual(watching.seen, [answered]);
    await pollsWaiting(1);
    assert.equal(sim.phone('alice').activeCall()?.state, 'answered');
    sim.phone('alice').pressKey('1');

    const updates = await watching.done;
    assert.deepEqual(updates.map((u) => u.status), ['answered', 'allow']);
    assert.match(allowOf(updates[1]).token, /^login_/);
  });

  test('key 9 on the call: fraud', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.startCall(attemptId, 'alice-ios');
    assert.equal(call.status.message, 'Dialing XXX-XXX-0105...');
    const watching = record(adapter.watch(call));
    await pollsWaiting(1);
    sim.phone('alice').answerCall();
    await waitFor(() => watching.seen.length === 1, 'answered');
    await pollsWaiting(1);
    sim.phone('alice').pressKey('9');
    assert.deepEqual(await watching.done, [answered, { status: 'fraud', final: true, message: MESSAGES.callFraud }]);
  });

  test('unanswered: timeout after 60 s', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.startCall(attemptId, 'alice-landline');
    const watching = record(adapter.watch(call));
    await advanceWhilePolling(60 * SECOND - 1);
    await pollsWaiting(1);
    assert.equal(watching.ended(), false);
    clock.advance(1);
    assert.deepEqual(await watching.done, [{ status: 'timeout', final: true, message: MESSAGES.callNotAnswered }]);
  });

  test('answered but no key pressed: timeout 30 s after answering', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.startCall(attemptId, 'alice-landline');
    const watching = record(adapter.watch(call));
    await advanceWhilePolling(50 * SECOND);
    await pollsWaiting(1);
    sim.phone('alice').answerCall();
    await waitFor(() => watching.seen.length === 1, 'answered');
    await advanceWhilePolling(30 * SECOND - 1);
    await pollsWaiting(1);
    assert.equal(watching.ended(), false, 'the 60 s ring timeout no longer applies once answered');
    clock.advance(1);
    assert.deepEqual(await watching.done, [answered, { status: 'timeout', final: true, message: MESSAGES.noKeyPressed }]);
  });

  test('hung up: deny', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.startCall(attemptId, 'alice-landline');
    const watching = record(adapter.watch(call));
    await pollsWaiting(1);
    sim.phone('alice').answerCall();
    await waitFor(() => watching.seen.length === 1, 'answered');
    await pollsWaiting(1);
    sim.phone('alice').hangUp();
    assert.deepEqual(await watching.done, [answered, { status: 'deny', final: true, message: MESSAGES.callEnded }]);
  });

  test('hung up while still ringing: deny', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const call = await adapter.startCall(attemptId, 'bob-android');
    const watching = record(adapter.watch(call));
    await pollsWaiting(1);
    sim.phone('bob').hangUp();
    assert.deepEqual(await watching.done, [{ status: 'deny', final: true, message: MESSAGES.callEnded }]);
  });
});

describe('cancel in the middle of a long poll', { timeout: 10_000 }, () => {
  test('the watch yields canceled and returns; the simulator shows it canceled; nothing left waiting; no more requests', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);

    await adapter.cancel(push.txid);
    const updates = await watching.done;

    assert.deepEqual(updates, [{ status: 'canceled', final: true, message: MESSAGES.canceled }]);
    assert.equal(sim.waitingPolls, 0, 'the held poll was aborted, and the simulator dropped it');
    assert.equal(sim.phone('alice').pendingPush(), undefined, 'the phone no longer shows the push');
    assert.equal(sim.statusOf(push.txid), 'canceled');
    const seen = requestsFor(push.txid).map((r) => `${r.method} ${r.url.pathname.replace(push.txid, ':txid')}${r.url.search}`);
    assert.deepEqual(seen, [
      'GET /mfa/transactions/:txid?after=1&wait=25', // the long poll, aborted by cancel
      'POST /mfa/transactions/:txid/cancel',
      'GET /mfa/transactions/:txid?wait=25', // one read of the final state: without `after`, the server answers at once
    ]);

    // Time passes, on both clocks: no further request about this transaction.
    clock.advance(2 * MINUTE);
    await idle(200);
    assert.equal(requestsFor(push.txid).length, 3);
  });

  test('cancel racing the approval: the push ended first, so the watch yields allow', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    const canceling = adapter.cancel(push.txid);
    sim.phone('alice').approvePushWithShownCode(); // before the cancel reaches the server
    await canceling;
    allowOf((await watching.done)[0]);
    assert.equal(sim.statusOf(push.txid), 'allow');
  });

  test('cancel while the client waits to retry after a dropped poll: canceled, no retry made', async () => {
    const sleeps: number[] = [];
    const { adapter } = client({
      // A backoff wait that lasts until the client aborts it.
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      },
    });
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    server.use(http.get(ROUTES.poll, () => HttpResponse.error(), { once: true }));
    const watching = record(adapter.watch(push));
    await waitFor(() => sleeps.length === 1, 'the client waiting to retry');
    await adapter.cancel(push.txid);
    assert.deepEqual(await watching.done, [{ status: 'canceled', final: true, message: MESSAGES.canceled }]);
    assert.deepEqual(
      requestsFor(push.txid).map((r) => `${r.method} ${r.url.searchParams.get('after')}`),
      ['GET 1', 'POST null', 'GET null'],
    );
  });

  test('the cancel request fails 3 times: cancel rejects, polling resumes, and the push can still be approved', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    server.use(http.post(ROUTES.cancel, () => HttpResponse.error()));
    await rejectsWith(adapter.cancel(push.txid), 'network');
    assert.equal(requestsFor(push.txid).filter((r) => r.method === 'POST').length, 3, 'the cancel was sent 3 times');
    assert.equal(sim.statusOf(push.txid), 'pushed', 'the transaction still runs');
    server.resetHandlers();
    await pollsWaiting(1); // a new long poll, since the transaction still runs
    assert.equal(watching.ended(), false);
    sim.phone('alice').approvePushWithShownCode();
    allowOf((await watching.done)[0]);
  });

  test('the read after a confirmed cancel fails: the watch returns without yielding more', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push));
    await pollsWaiting(1);
    // The held poll is already in the real handler; the next GET is the read after the cancel.
    server.use(http.get(ROUTES.poll, () => HttpResponse.error(), { once: true }));
    await adapter.cancel(push.txid);
    assert.deepEqual(await watching.done, []);
    assert.equal(sim.statusOf(push.txid), 'canceled');
    assert.equal(requestsFor(push.txid).length, 3, 'poll, cancel, one failed read: no retry');
  });

  test('cancel of a transaction that already ended, or is unknown, still resolves', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    sim.phone('alice').approvePushWithShownCode();
    await adapter.cancel(push.txid);
    assert.equal(sim.statusOf(push.txid), 'allow', 'an ended transaction stays as it was');
    await adapter.cancel('tx_unknown');
  });
});
