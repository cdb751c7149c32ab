/**
 * Every error the client can report, through the real MSW Node handlers: the simulator's own refusals
 * (rate limits, expiry, bad requests) and, with one-off `server.use` handlers in front of the real ones,
 * the failures a network, a proxy or a broken backend produce (dropped connections, 429s, 5xx, HTML pages,
 * bodies off the contract). Polls retry with an injected sleep, so no test waits for real.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { MFA_ERROR_CODES, type MfaErrorCode } from '../../src/adapter/errors.js';
import { IDEMPOTENCY_HEADER } from '../../src/adapter/wire.js';
import { createHandlers, FakeClock, MESSAGES, MfaSimulator, seededRandom } from '../../mock-server/index.js';
import {
  allowOf,
  auth,
  errorJson,
  MINUTE,
  record,
  rejectsWith,
  ROUTES,
  SECOND,
  useIntegration,
  waitFor,
} from './support/integration.js';

const { clock, sim, server, client, pollsWaiting, requests, requestsFor, attempt, hostLogin, wrongPasscode } = useIntegration();

/** The `after` parameter of every poll about `txid`, in order (null: a poll without `after`). */
function afterParams(txid: string): (string | null)[] {
  return requestsFor(txid)
    .filter((r) => r.method === 'GET')
    .map((r) => r.url.searchParams.get('after'));
}

const startRequests = () => requests.filter((r) => r.method === 'POST' && r.url.pathname === '/mfa/transactions').length;

describe('rate limits from the real handler', { timeout: 10_000 }, () => {
  test('a sixth push within a minute: start rejects rate_limited with retryAfter, and is not retried', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    for (let i = 0; i < 5; i++) {
      const push = await adapter.startPush(attemptId, 'alice-ios');
      assert.equal(push.status.status, 'pushed');
      clock.advance(SECOND);
    }
    const before = startRequests();
    const error = await rejectsWith(adapter.startPush(attemptId, 'alice-ios'), 'rate_limited');
    assert.equal(error.httpStatus, 429);
    assert.ok(error.retryAfter !== undefined && error.retryAfter > 0, `retryAfter ${error.retryAfter}`);
    assert.equal(error.retryAfter, 55, 'seconds until the oldest push (5 s ago) leaves the one-minute window');
    assert.equal(error.message, MESSAGES.rateLimited('push', 55));
    assert.equal(startRequests(), before + 1, 'a start is never retried');

    // The keyword counts against the same limit.
    await rejectsWith(adapter.verifyPasscode(attemptId, 'push'), 'rate_limited');
    // Once the window moves on, a push goes out again.
    clock.advance(55 * SECOND);
    assert.equal((await adapter.startPush(attemptId, 'alice-ios')).status.status, 'pushed');
  });

  test('a fourth SMS batch within 5 minutes: rate_limited for 210 s; calls have their own limit', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    for (let i = 0; i < 3; i++) {
      await adapter.sendSmsPasscodes(attemptId, 'alice-ios');
      clock.advance(30 * SECOND); // the SMS cooldown
    }
    const error = await rejectsWith(adapter.sendSmsPasscodes(attemptId, 'alice-ios'), 'rate_limited');
    // The server asks for 300 s, more than MAX_RETRY_AFTER_SECONDS (120): the client gives up on waiting,
    // so the error carries no countdown and the prompt says "Try again later".
    assert.equal(error.retryAfter, undefined);
    assert.equal(error.httpStatus, 429);
    for (let i = 0; i < 3; i++) await adapter.startCall(attemptId, 'alice-landline');
    await rejectsWith(adapter.startCall(attemptId, 'alice-landline'), 'rate_limited');
  });
});

describe('transient failures while polling, retried', { timeout: 10_000 }, () => {
  test('a dropped connection in the middle of a call: onRetry once, no real wait, and the final status still arrives', async () => {
    const { adapter, sleeps, retries, onRetry } = client();
    const { attemptId } = await attempt(adapter);
    const call = await adapter.startCall(attemptId, 'alice-landline');
    const watching = record(adapter.watch(call, { onRetry }));
    await pollsWaiting(1);
    // The poll held now is already in the real handler; the next one meets a dropped connection.
    server.use(http.get(ROUTES.poll, () => HttpResponse.error(), { once: true }));
    sim.phone('alice').answerCall();
    await waitFor(() => watching.seen.length === 1, 'answered');
    await pollsWaiting(1); // the retry, held by the real handler again
    sim.phone('alice').pressKey('5');

    const updates = await watching.done;
    assert.deepEqual(updates.map((u) => u.status), ['answered', 'allow']);
    allowOf(updates[1]);
    assert.equal(retries.length, 1);
    assert.equal(retries[0]!.error.code, 'network');
    assert.equal(retries[0]!.attempt, 1);
    assert.equal(retries[0]!.delayMs, 500, 'full jitter: random 0.5 of the first 1 s cap');
    assert.deepEqual(sleeps, [500], 'the injected sleep took the wait');
    assert.deepEqual(afterParams(call.txid), ['1', '2', '2']);
  });

  const retryAfterForms: [string, () => string][] = [
    ['in seconds', () => '3'],
    ['as an HTTP date', () => new Date(clock.now() + 3 * SECOND).toUTCString()],
  ];
  for (const [form, retryAfter] of retryAfterForms) {
    test(`a 429 on a poll with Retry-After ${form}: the retry waits at least 3000 ms and the push completes`, async () => {
      const { adapter, sleeps, retries, onRetry } = client();
      const { attemptId } = await attempt(adapter);
      const push = await adapter.startPush(attemptId, 'alice-ios');
      // A gateway's 429: only the header says how long to wait.
      server.use(
        http.get(ROUTES.poll, () => HttpResponse.text('Too Many Requests', { status: 429, headers: { 'Retry-After': retryAfter() } }), {
          once: true,
        }),
      );
      const watching = record(adapter.watch(push, { onRetry }));
      await pollsWaiting(1);
      sim.phone('alice').approvePushWithShownCode();

      allowOf((await watching.done)[0]);
      assert.equal(sleeps.length, 1);
      assert.ok(sleeps[0]! >= 3000, `waited ${sleeps[0]} ms`);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]!.error.code, 'rate_limited');
      assert.equal(retries[0]!.error.retryAfter, 3);
      assert.equal(retries[0]!.delayMs, sleeps[0]);
    });
  }

  test('a 503 maintenance page on a poll is retried as unavailable', async () => {
    const { adapter, retries, onRetry } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    server.use(http.get(ROUTES.poll, () => HttpResponse.html('<h1>Down for maintenance</h1>', { status: 503 }), { once: true }));
    const watching = record(adapter.watch(push, { onRetry }));
    await pollsWaiting(1);
    sim.phone('alice').denyPush();
    assert.deepEqual((await watching.done).map((u) => u.status), ['deny']);
    assert.deepEqual(retries.map((r) => r.error.code), ['unavailable']);
  });

  test('a backend down for good: after maxRetries the watch rejects with the last error', async () => {
    const { adapter, retries, onRetry } = client({ maxRetries: 2 });
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    server.use(http.get(ROUTES.poll, () => errorJson('unavailable', 'Maintenance', 503)));
    const error = await rejectsWith(record(adapter.watch(push, { onRetry })).done, 'unavailable');
    assert.equal(error.message, 'Maintenance');
    assert.equal(retries.length, 2);
    assert.equal(requestsFor(push.txid).length, 3);
  });
});

describe('malformed responses through the real server set-up: bad_response, never a TypeError', { timeout: 10_000 }, () => {
  test('preauth answered with an HTML page (a login portal, a proxy)', async () => {
    const { adapter } = client();
    server.use(http.post(ROUTES.preauth, () => HttpResponse.html('<html><body>Sign in to the Wi-Fi</body></html>'), { once: true }));
    const error = await rejectsWith(adapter.preauth(hostLogin('alice')), 'bad_response');
    assert.equal(error.httpStatus, 200);
    assert.match(String((error.cause as Error).message), /not JSON/);
    assert.ok(!error.message.includes('Wi-Fi'), 'the page is not echoed to the user');
  });

  test('preauth answered with an empty body', async () => {
    const { adapter } = client();
    server.use(http.post(ROUTES.preauth, () => new HttpResponse(null, { status: 200 }), { once: true }));
    await rejectsWith(adapter.preauth(hostLogin('alice')), 'bad_response');
  });

  test('a started push whose body lacks fields, every time: bad_response after 3 attempts with one key', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const keys: (string | null)[] = [];
    server.use(
      http.post(ROUTES.start, ({ request }) => {
        keys.push(request.headers.get(IDEMPOTENCY_HEADER));
        return HttpResponse.json({ txid: 'tx_1', method: 'push' }, { status: 201 });
      }),
    );
    const error = await rejectsWith(adapter.startPush(attemptId, 'alice-ios'), 'bad_response');
    assert.match(String((error.cause as Error).message), /version.*status|status.*version/);
    assert.equal(keys.length, 3, 'a 2xx that does not parse is in doubt: retried twice');
    assert.equal(new Set(keys).size, 1, 'every attempt carries the same Idempotency-Key');
    assert.ok(keys[0]);
  });

  test('a started push whose body lacks fields once: the retry with the same key gets the one real push', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    server.use(
      http.post(ROUTES.start, () => HttpResponse.json({ txid: 'tx_1', method: 'push' }, { status: 201 }), { once: true }),
    );
    const push = await adapter.startPush(attemptId, 'alice-ios');
    assert.equal(push.status.status, 'pushed');
    assert.equal(sim.statusOf(push.txid), 'pushed');
  });

  test('a preauth "auth" whose devices lack fields', async () => {
    const { adapter } = client();
    server.use(
      http.post(ROUTES.preauth, () => HttpResponse.json({ result: 'auth', attemptId: 'att_1', devices: [{ id: 'd' }], policy: {} }), {
        once: true,
      }),
    );
    await rejectsWith(adapter.preauth(hostLogin('alice')), 'bad_response');
  });

  test('a poll answering an unknown status ends the watch at once, without retrying', async () => {
    const { adapter, retries, onRetry } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    server.use(
      http.get(
        ROUTES.poll,
        ({ params }) =>
          HttpResponse.json({ txid: params.txid, method: 'push', version: 2, status: { status: 'approved', final: true, message: 'OK' } }),
        { once: true },
      ),
    );
    await rejectsWith(record(adapter.watch(push, { onRetry })).done, 'bad_response');
    assert.equal(retries.length, 0);
    assert.equal(requestsFor(push.txid).length, 1);
    assert.equal(sim.statusOf(push.txid), 'pushed', 'the push itself still runs on the server');
  });

  test('a poll answering an HTML page with 200', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    server.use(http.get(ROUTES.poll, () => HttpResponse.html('<p>Gateway says hi</p>'), { once: true }));
    await rejectsWith(record(adapter.watch(push)).done, 'bad_response');
  });

  test('an HTTP status the contract does not define (418 with an unknown error code)', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    server.use(http.post(ROUTES.start, () => errorJson('teapot', 'I am a teapot', 418), { once: true }));
    const error = await rejectsWith(adapter.verifyPasscode(attemptId, '123456'), 'bad_response');
    assert.equal(error.httpStatus, 418);
  });

  test('a 401 HTML page from a proxy is bad_response, not invalid_passcode', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    server.use(http.post(ROUTES.start, () => HttpResponse.html('<h1>Unauthorized</h1>', { status: 401 }), { once: true }));
    await rejectsWith(adapter.verifyPasscode(attemptId, '123456'), 'bad_response');
  });
});

describe('expiry', { timeout: 10_000 }, () => {
  test('a watch still polling when the transaction passes its 10-minute lifetime rejects with expired', async () => {
    // A push that never times out by itself, so the watch is still polling at 10 minutes.
    const longClock = new FakeClock(clock.now());
    const longSim = new MfaSimulator({ clock: longClock, random: seededRandom(9), pushTimeoutMs: 20 * MINUTE });
    server.use(...createHandlers(longSim, { baseUrl: '*/mfa' }));
    const { adapter, retries, onRetry } = client({ now: () => longClock.now() });
    const { attemptId } = auth(await adapter.preauth({ ticket: longSim.issueTicket('alice') }));
    const push = await adapter.startPush(attemptId, 'alice-ios');
    const watching = record(adapter.watch(push, { onRetry }));

    // 24 long polls of 25 s each, every one held by the simulator on its fake clock.
    for (let poll = 1; poll <= 24; poll++) {
      await waitFor(() => longSim.waitingPolls === 1, `poll ${poll} waiting`);
      assert.equal(watching.ended(), false, `still watching before poll ${poll} ends`);
      longClock.advance(25 * SECOND);
    }
    const error = await rejectsWith(watching.done, 'expired');
    assert.equal(error.httpStatus, 404);
    assert.equal(error.message, MESSAGES.transactionExpired);
    assert.equal(retries.length, 0, 'expired is not retried');
    assert.equal(requestsFor(push.txid).length, 24, 'the 24th poll ran out at exactly 10 minutes and was answered 404 expired');
    assert.equal(longSim.waitingPolls, 0);
  });

  test('coming back after 10 minutes: watching the old push gives expired; cancel still resolves', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    const push = await adapter.startPush(attemptId, 'alice-ios');
    clock.advance(10 * MINUTE);

    await rejectsWith(record(adapter.watch(push)).done, 'expired');
    assert.deepEqual(afterParams(push.txid), ['1']);
    await adapter.cancel(push.txid); // already gone counts as cancelled
  });

  test('a login attempt older than 15 minutes: starting anything is expired', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    clock.advance(15 * MINUTE);
    const error = await rejectsWith(adapter.startPush(attemptId, 'alice-ios'), 'expired');
    assert.equal(error.message, MESSAGES.attemptExpired);
    await rejectsWith(adapter.verifyPasscode(attemptId, 'sms'), 'expired');
  });

  test('an unknown attempt id is expired', async () => {
    const { adapter } = client();
    await rejectsWith(adapter.startCall('att_never_issued', 'alice-landline'), 'expired');
  });
});

describe('every error code of the contract, through the real handlers', { timeout: 10_000 }, () => {
  const covered = new Set<MfaErrorCode>();
  const expectError = async (promise: Promise<unknown>, code: MfaErrorCode) => {
    const error = await rejectsWith(promise, code);
    covered.add(code);
    return error;
  };

  test('network: the connection drops; preauth is not retried, a start is retried twice (in doubt) and then fails', async () => {
    const { adapter } = client();
    server.use(http.post(ROUTES.preauth, () => HttpResponse.error(), { once: true }));
    await expectError(adapter.preauth(hostLogin('alice')), 'network');
    const { attemptId } = await attempt(adapter);
    server.use(http.post(ROUTES.start, () => HttpResponse.error()));
    const before = startRequests();
    await expectError(adapter.startPush(attemptId, 'alice-ios'), 'network');
    assert.equal(startRequests(), before + 3);
    assert.equal(sim.phone('alice').pendingPush(), undefined, 'nothing was started');
  });

  test('timeout: the server does not answer within requestTimeoutMs', async () => {
    const { adapter } = client({ requestTimeoutMs: 30 });
    const held = ({ request }: { request: Request }) =>
      new Promise<Response>((resolve) => request.signal.addEventListener('abort', () => resolve(new HttpResponse(null, { status: 499 }))));
    server.use(http.post(ROUTES.preauth, held, { once: true }));
    await expectError(adapter.preauth(hostLogin('alice')), 'timeout');
  });

  test('rate_limited, invalid_passcode, locked_out, expired, invalid_request: from the simulator itself', async () => {
    const { adapter } = client();
    const { attemptId } = await attempt(adapter);
    for (let i = 0; i < 5; i++) await adapter.startPush(attemptId, 'alice-ios');
    await expectError(adapter.startPush(attemptId, 'alice-ios'), 'rate_limited');
    await expectError(adapter.startPush(attemptId, 'no-such-device'), 'invalid_request');
    await expectError(adapter.startPush(attemptId, 'alice-landline'), 'invalid_request'); // a landline gets no push
    await expectError(adapter.sendSmsPasscodes(attemptId, 'alice-token'), 'invalid_request');
    await expectError(adapter.startPush('att_unknown', 'alice-ios'), 'expired');
    for (let i = 0; i < 9; i++) covered.add((await wrongPasscode(adapter, attemptId, '999999999')).code);
    covered.add((await wrongPasscode(adapter, attemptId, '999999999', 'locked_out')).code);
  });

  test('unavailable: a 503 from the backend, with or without an error body', async () => {
    const { adapter } = client();
    server.use(http.post(ROUTES.preauth, () => errorJson('unavailable', 'Back at 10:00', 503), { once: true }));
    const error = await expectError(adapter.preauth(hostLogin('alice')), 'unavailable');
    assert.equal(error.message, 'Back at 10:00');
    server.use(http.post(ROUTES.preauth, () => HttpResponse.text('Bad Gateway', { status: 502 }), { once: true }));
    await expectError(adapter.preauth(hostLogin('alice')), 'unavailable');
  });

  test('bad_response: a body off the contract', async () => {
    const { adapter } = client();
    server.use(http.post(ROUTES.preauth, () => HttpResponse.json({ result: 'maybe' }), { once: true }));
    await expectError(adapter.preauth(hostLogin('alice')), 'bad_response');
  });

  test('all nine codes were met', () => {
    assert.deepEqual([...covered].sort(), [...MFA_ERROR_CODES].sort());
  });
});
