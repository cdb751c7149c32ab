/** How the HTTP adapter turns failures into `MfaError`s: error bodies, malformed answers, the network, time. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { MfaError, type MfaErrorCode } from '../../src/adapter/errors.js';
import { BASE, calling, errorBody, heldOpen, rejection, script, server, testAdapter, txBody } from './http-adapter-fixtures.js';

function answerPreauth(response: () => Response) {
  server.use(http.post(`${BASE}/preauth`, response));
}

describe('error bodies map to their code', { timeout: 5_000 }, () => {
  const cases: Array<[MfaErrorCode, number]> = [
    ['invalid_request', 400],
    ['invalid_passcode', 401],
    ['locked_out', 403],
    ['expired', 404],
    ['rate_limited', 429],
    ['unavailable', 503],
  ];
  for (const [code, status] of cases) {
    test(`HTTP ${status} with code ${code} → ${code}, with the server's message`, async () => {
      answerPreauth(() => HttpResponse.json(errorBody(code, `server says ${code}`), { status }));
      const error = await rejection(testAdapter().preauth({}), code);
      assert.equal(error.message, `server says ${code}`);
      assert.equal(error.httpStatus, status);
    });
  }

  test('invalid_passcode carries attemptsLeft', async () => {
    server.use(
      http.post(`${BASE}/transactions`, () =>
        HttpResponse.json(errorBody('invalid_passcode', 'Incorrect passcode. Please try again.', { attemptsLeft: 4 }), { status: 401 }),
      ),
    );
    const error = await rejection(testAdapter().verifyPasscode('attempt-1', '123456'), 'invalid_passcode');
    assert.equal(error.attemptsLeft, 4);
  });

  test('an empty message in the body falls back to a text of the client', async () => {
    answerPreauth(() => HttpResponse.json(errorBody('locked_out', ''), { status: 403 }));
    const error = await rejection(testAdapter().preauth({}), 'locked_out');
    assert.equal(error.message, 'Locked out');
  });

  test('an unknown code in a well-formed body maps by HTTP status', async () => {
    answerPreauth(() => HttpResponse.json(errorBody('device_unknown', 'No such device'), { status: 400 }));
    await rejection(testAdapter().preauth({}), 'invalid_request');
    answerPreauth(() => HttpResponse.json(errorBody('database_down', 'Try later'), { status: 500 }));
    await rejection(testAdapter().preauth({}), 'unavailable');
  });

  test('an unknown code on 401 or 403 (a session or CSRF layer) is a bad_response, never "incorrect passcode" or "locked out"', async () => {
    answerPreauth(() => HttpResponse.json(errorBody('unauthenticated', 'Session expired'), { status: 401 }));
    await rejection(testAdapter().preauth({}), 'bad_response');
    answerPreauth(() => HttpResponse.json(errorBody('csrf_failed', 'Bad token'), { status: 403 }));
    await rejection(testAdapter().preauth({}), 'bad_response');
  });

  test('a status the contract does not list, with an unknown code, is a bad_response', async () => {
    answerPreauth(() => HttpResponse.json(errorBody('conflict', 'Conflict'), { status: 409 }));
    const error = await rejection(testAdapter().preauth({}), 'bad_response');
    assert.equal(error.httpStatus, 409);
  });

  test('a listed 4xx without an error body is a bad_response (e.g. a proxy login page)', async () => {
    answerPreauth(() => HttpResponse.html('<h1>Please sign in</h1>', { status: 401 }));
    await rejection(testAdapter().preauth({}), 'bad_response');
  });

  test('any 5xx is unavailable, even an HTML page from a gateway', async () => {
    answerPreauth(() => HttpResponse.html('<h1>502 Bad Gateway</h1>', { status: 502 }));
    const error = await rejection(testAdapter().preauth({}), 'unavailable');
    assert.equal(error.httpStatus, 502);
  });
});

describe('rate limiting on calls that are not polls', { timeout: 5_000 }, () => {
  test('a 429 on a start rejects at once with rate_limited and retryAfter, without retrying', async () => {
    const { requests, resolver } = script(() =>
      HttpResponse.json(errorBody('rate_limited', 'Too many pushes'), { status: 429, headers: { 'Retry-After': '30' } }),
    );
    server.use(http.post(`${BASE}/transactions`, resolver));

    const error = await rejection(testAdapter().startPush('attempt-1', 'phone-1'), 'rate_limited');

    assert.equal(error.retryAfter, 30);
    assert.equal(requests.length, 1);
  });

  test('retryAfter in the body wins over the header', async () => {
    answerPreauth(() =>
      HttpResponse.json(errorBody('rate_limited', 'Slow down', { retryAfter: 12 }), { status: 429, headers: { 'Retry-After': '99' } }),
    );
    assert.equal((await rejection(testAdapter().preauth({}), 'rate_limited')).retryAfter, 12);
  });

  test('Retry-After as an HTTP date becomes seconds from now', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    answerPreauth(() => new HttpResponse(null, { status: 429, headers: { 'Retry-After': 'Sun, 22 Nov 2026 10:00:45 GMT' } }));
    const error = await rejection(testAdapter({ now: () => now }).preauth({}), 'rate_limited');
    assert.equal(error.retryAfter, 45);
  });

  test('a bare 429 (no body, no header) is still rate_limited, without retryAfter', async () => {
    answerPreauth(() => new HttpResponse('Too Many Requests', { status: 429 }));
    const error = await rejection(testAdapter().preauth({}), 'rate_limited');
    assert.equal(error.retryAfter, undefined);
  });
});

describe('answers that break the contract are bad_response', { timeout: 5_000 }, () => {
  const malformed: Array<[string, () => Response]> = [
    ['an HTML page', () => HttpResponse.html('<!doctype html><title>Login</title>')],
    ['an empty 200', () => new HttpResponse(null, { status: 200 })],
    ['JSON null', () => HttpResponse.json(null)],
    ['JSON missing fields', () => HttpResponse.json({ txid: 'tx-1', method: 'phone', version: 1 })],
    ['an unknown status value', () => HttpResponse.json(txBody(1, { ...calling, status: 'ringing' as 'calling' }))],
    ['a field of the wrong type', () => HttpResponse.json({ ...txBody(1, calling), version: '1' })],
    ['a status whose final flag is wrong', () => HttpResponse.json(txBody(1, { ...calling, final: true } as never))],
    ['an unknown method', () => HttpResponse.json({ ...txBody(1, calling), method: 'email' })],
    ['truncated JSON', () => new HttpResponse('{"txid":"tx-1","method":', { headers: { 'content-type': 'application/json' } })],
  ];
  for (const [what, response] of malformed) {
    test(`${what} → bad_response with a generic message`, async () => {
      server.use(http.post(`${BASE}/transactions`, response));
      const error = await rejection(testAdapter().startCall('attempt-1', 'phone-1'), 'bad_response');
      assert.equal(error.message, 'Unexpected response');
      assert.ok(error.cause instanceof Error, 'a cause for developers');
    });
  }

  test('a preauth result of an unknown kind → bad_response', async () => {
    answerPreauth(() => HttpResponse.json({ result: 'maybe', message: '?' }));
    await rejection(testAdapter().preauth({}), 'bad_response');
  });
});

describe('the network, time and the caller', { timeout: 5_000 }, () => {
  test('fetch failing → network', async () => {
    answerPreauth(() => HttpResponse.error());
    const error = await rejection(testAdapter().preauth({}), 'network');
    assert.ok(error.cause, 'keeps the underlying failure as cause');
  });

  test('a request slower than requestTimeoutMs → timeout, and the request is aborted', async () => {
    const { requests, resolver } = script(heldOpen);
    server.use(http.post(`${BASE}/preauth`, resolver));

    await rejection(testAdapter({ requestTimeoutMs: 20 }).preauth({}), 'timeout');

    assert.equal(requests[0]!.signal.aborted, true);
  });

  test("aborting the caller's signal rejects with its reason, unwrapped, and aborts the request", async () => {
    const { requests, resolver } = script(heldOpen);
    server.use(http.post(`${BASE}/transactions`, resolver));
    const controller = new AbortController();
    const reason = new Error('user left the page');

    const starting = testAdapter().startPush('attempt-1', 'phone-1', { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(reason);

    await assert.rejects(starting, (error) => error === reason);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(requests[0]!.signal.aborted, true);
  });

  test('an already aborted signal rejects with its reason and sends nothing', async () => {
    const reason = new Error('too late');
    await assert.rejects(testAdapter().preauth({}, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
    await assert.rejects(testAdapter().cancel('tx-1', { signal: AbortSignal.abort(reason) }), (error) => error === reason);
  });
});

describe('the passcode never leaks', { timeout: 5_000 }, () => {
  const passcode = '8675309';
  const failures: Array<[string, () => Response]> = [
    ['a network failure', () => HttpResponse.error()],
    ['a malformed answer', () => HttpResponse.json({ unexpected: true })],
    ['an unlisted status', () => HttpResponse.text('nope', { status: 418 })],
    ['a wrong passcode', () => HttpResponse.json(errorBody('invalid_passcode', 'Incorrect passcode. Please try again.'), { status: 401 })],
  ];
  for (const [what, response] of failures) {
    test(`not in the error or its cause after ${what}, and nothing is logged`, async (t) => {
      server.use(http.post(`${BASE}/transactions`, response));
      const logged: unknown[] = [];
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        t.mock.method(console, method, (...args: unknown[]) => logged.push(...args));
      }

      const error = await testAdapter().verifyPasscode('attempt-1', passcode).catch((error: unknown) => error);

      assert.ok(error instanceof MfaError);
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? '');
      assert.ok(!`${error.message} ${cause}`.includes(passcode));
      assert.deepEqual(logged, []);
    });
  }
});

describe('cancel errors', { timeout: 5_000 }, () => {
  test('cancel resolves when the transaction is already gone (404 expired)', async () => {
    server.use(http.post(`${BASE}/transactions/:txid/cancel`, () => HttpResponse.json(errorBody('expired', 'Gone'), { status: 404 })));
    assert.equal(await testAdapter().cancel('tx-1'), undefined);
  });

  test('cancel rejects with other errors', async () => {
    server.use(http.post(`${BASE}/transactions/:txid/cancel`, () => HttpResponse.json(errorBody('unavailable', 'Down'), { status: 503 })));
    await rejection(testAdapter().cancel('tx-1'), 'unavailable');
  });
});
