/**
 * The simulator as a real HTTP server (issue 9, part 1): started in this process on a free port and driven
 * over real sockets with plain fetch and with the bundled HTTP client. The test plays the phone through
 * the test-control API (docs/test-control.md), moves the simulated clock, and sets fault switches. The
 * CLI is spawned for real.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getResponse, http } from 'msw';
import * as v from 'valibot';
import { createHttpAdapter } from '../../src/adapter/http-adapter.js';
import { MfaError } from '../../src/adapter/errors.js';
import type { StatusUpdate, Transaction } from '../../src/adapter/types.js';
import {
  ATTEMPT_HEADER,
  REMEMBER_COOKIE,
} from '../../src/adapter/wire.js';
import { ErrorBodySchema, PreauthResultSchema, TransactionBodySchema } from './support/valibot-wire.js';
import { createHandlers, MESSAGES, OffsetClock } from '../../mock-server/index.js';
import { MALFORMED_BODY } from '../../mock-server/faults.js';
import { startMockHttpServer, writeResponse, type MockHttpServer } from '../../mock-server/http-server.js';
import { parseCliArgs, runCli, type CliConfig } from '../../mock-server/cli.js';
import { SoftwareAuthenticator } from './simulator-authenticator.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/mock-server.mjs', import.meta.url));

let server: MockHttpServer;
let base: string;

before(async () => {
  server = await startMockHttpServer({ port: 0 });
  base = server.baseUrl;
});
beforeEach(async () => {
  assert.equal((await control('POST', '/reset')).status, 204);
});
afterEach(async () => {
  await until(() => server.simulator.waitingPolls === 0, 'no long poll left waiting');
});
after(() => server.close());

// ---- helpers ----

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const control = (method: string, path: string, body?: unknown) => call(method, `${base}/_test${path}`, body);
const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>, signal?: AbortSignal) =>
  call(method, `${base}${path}`, body, headers, signal);

/** Waits (in small real steps) until `condition` holds; fails with `what` after 5 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function ticket(username: string): Promise<string> {
  const { status, json } = await control('POST', '/tickets', { username });
  assert.equal(status, 200);
  return (json as { ticket: string }).ticket;
}

/** Preauth over plain fetch with a ticket from the control API: the attempt id. */
async function attemptFor(username = 'alice'): Promise<string> {
  const { status, json, headers } = await api('POST', '/preauth', { ticket: await ticket(username) });
  assert.equal(status, 200);
  assert.equal(headers.get('Cache-Control'), 'no-store');
  const result = v.parse(PreauthResultSchema, json);
  assert.equal(result.result, 'auth');
  return result.result === 'auth' ? result.attemptId : '';
}

async function startPush(attemptId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { status, json } = await api('POST', '/transactions', { attemptId, method: 'push', deviceId: 'alice-ios', ...extra });
  assert.equal(status, 201);
  return v.parse(TransactionBodySchema, json).txid;
}

const poll = (txid: string, attemptId: string, query = '', signal?: AbortSignal) =>
  api('GET', `/transactions/${txid}${query}`, undefined, { [ATTEMPT_HEADER]: attemptId }, signal);

function statusOf(answer: Answer): StatusUpdate {
  return v.parse(TransactionBodySchema, answer.json).status as StatusUpdate;
}

async function pendingPushCode(username = 'alice'): Promise<string> {
  const { status, json } = await control('GET', `/users/${username}/push`);
  assert.equal(status, 200);
  const push = json as { txid: string; verificationCode?: string };
  assert.match(push.verificationCode ?? '', /^\d{3}$/);
  return push.verificationCode!;
}

function errorOf(answer: Answer): { code: string; message: string; retryAfter?: number } {
  return v.parse(ErrorBodySchema, answer.json).error;
}

function adapter(options: Partial<Parameters<typeof createHttpAdapter>[0]> = {}) {
  return createHttpAdapter({ baseUrl: base, backoff: { initialMs: 1, maxMs: 5 }, ...options });
}

async function collect(iterable: AsyncIterable<StatusUpdate>): Promise<StatusUpdate[]> {
  const seen: StatusUpdate[] = [];
  for await (const update of iterable) seen.push(update);
  return seen;
}

// ---- tests ----

describe('the contract over real HTTP', { timeout: 20_000 }, () => {
  test('a full push login over plain fetch: the control API reads the push and approves with its code; the token is redeemed once', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    const { json: pushJson } = await control('GET', '/users/alice/push');
    assert.equal((pushJson as { txid: string }).txid, txid);
    const code = await pendingPushCode();

    assert.equal((await control('POST', '/users/alice/push/approve', { code })).status, 204);
    const final = statusOf(await poll(txid, attemptId, '?after=1'));
    assert.equal(final.status, 'allow');
    const token = (final as { token: string }).token;

    const redeemed = await control('POST', '/login-tokens/redeem', { token });
    assert.deepEqual([redeemed.status, redeemed.json], [200, { username: 'alice', method: 'push' }]);
    const again = await control('POST', '/login-tokens/redeem', { token });
    assert.equal(again.status, 404);
    assert.equal(errorOf(again).code, 'not_found');
    assert.equal((await control('GET', '/users/alice/push')).status, 404, 'no push pending any more');
  });

  test('a wrong verification code denies the push (still 204)', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    const code = await pendingPushCode();
    const wrong = code === '999' ? '998' : '999';
    assert.equal((await control('POST', '/users/alice/push/approve', { code: wrong })).status, 204);
    assert.deepEqual(statusOf(await poll(txid, attemptId)), { status: 'deny', final: true, message: MESSAGES.wrongVerificationCode });
    // And without a code at all (an empty body is fine).
    const second = await startPush(attemptId);
    assert.equal((await control('POST', '/users/alice/push/approve')).status, 204);
    assert.equal(statusOf(await poll(second, attemptId)).status, 'deny');
  });

  test('the real HTTP client: a long poll held until the phone approves, over a real socket', async () => {
    const client = adapter();
    const preauth = await client.preauth({ ticket: await ticket('bob'), username: 'bob' });
    assert.equal(preauth.result, 'auth');
    if (preauth.result !== 'auth') return;
    const push = await client.startPush(preauth.attemptId, 'bob-android');
    const watching = collect(client.watch(push));
    await until(() => server.simulator.waitingPolls === 1, 'the client long-polls');
    assert.equal((await control('POST', '/users/bob/push/approve', { code: await pendingPushCode('bob') })).status, 204);
    const [final, ...rest] = await watching;
    assert.deepEqual(rest, []);
    assert.equal(final?.status, 'allow');
    const token = (final as { token: string }).token;
    assert.equal((await control('POST', '/login-tokens/redeem', { token })).status, 200);
  });

  test('a long poll is held until the approval, and an aborted poll is released on the server', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);

    // Aborted by the client: the handler's request.signal aborts and nothing is left waiting.
    const controller = new AbortController();
    const abandoned = poll(txid, attemptId, '?after=1&wait=30', controller.signal);
    await until(() => server.simulator.waitingPolls === 1, 'the poll is held');
    controller.abort();
    await assert.rejects(abandoned, { name: 'AbortError' });
    await until(() => server.simulator.waitingPolls === 0, 'the aborted poll is released');

    // Held until the approval.
    let answered = false;
    const held = poll(txid, attemptId, '?after=1&wait=30').then((answer) => {
      answered = true;
      return answer;
    });
    await until(() => server.simulator.waitingPolls === 1, 'the poll is held');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(answered, false, 'still held');
    await control('POST', '/users/alice/push/approve', { code: await pendingPushCode() });
    const answer = await held;
    assert.equal(statusOf(answer).status, 'allow');
    assert.equal(answer.headers.get('Cache-Control'), 'no-store');
  });

  test('the real HTTP client: cancel ends the held poll with canceled', async () => {
    const client = adapter();
    const preauth = await client.preauth({ ticket: await ticket('alice') });
    if (preauth.result !== 'auth') return assert.fail('auth expected');
    const push = await client.startPush(preauth.attemptId, 'alice-ios');
    const watching = collect(client.watch(push));
    await until(() => server.simulator.waitingPolls === 1, 'the client long-polls');
    await client.cancel(push.txid);
    assert.equal((await watching).at(-1)?.status, 'canceled');
  });

  test('remember me: the Set-Cookie arrives with its attributes, and preauth honours it when sent back', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId, { rememberMe: true });
    await control('POST', '/users/alice/push/approve', { code: await pendingPushCode() });
    const answer = await poll(txid, attemptId);
    assert.equal(statusOf(answer).status, 'allow');
    const cookies = answer.headers.getSetCookie();
    assert.equal(cookies.length, 1);
    assert.match(cookies[0]!, new RegExp(`^${REMEMBER_COOKIE}=rem_\\w+; HttpOnly; Secure; SameSite=Strict; Path=/mfa; Max-Age=\\d+$`));
    assert.equal(JSON.stringify(answer.json).includes('rem_'), false, 'never in the body');

    const pair = cookies[0]!.split(';')[0]!;
    const again = await api('POST', '/preauth', { ticket: await ticket('alice') }, { Cookie: pair });
    assert.equal(v.parse(PreauthResultSchema, again.json).result, 'allow');
  });

  test('several Set-Cookie headers are written one by one', async () => {
    const plain = createServer((_req, res) => {
      const headers = new Headers({ 'Content-Type': 'text/plain' });
      headers.append('Set-Cookie', 'a=1; Path=/');
      headers.append('Set-Cookie', 'b=2; Path=/; HttpOnly');
      writeResponse(res, new Response('hello', { status: 201, headers }));
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/`);
      assert.equal(response.status, 201);
      assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
      assert.equal(await response.text(), 'hello');
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  test('handlers given to startMockHttpServer come first: a planted Secure-less cookie', async () => {
    const planted = await startMockHttpServer({
      port: 0,
      handlers: [
        http.get('/mfa/transactions/:txid', async ({ request }) => {
          const original = await getResponse(createHandlers(planted.simulator, { baseUrl: '/mfa' }), request.clone(), { baseUrl: new URL(request.url).origin });
          if (!original) return undefined;
          const headers = new Headers(original.headers);
          headers.delete('Set-Cookie');
          for (const cookie of original.headers.getSetCookie()) headers.append('Set-Cookie', cookie.replace('; Secure', ''));
          return new Response(original.body, { status: original.status, headers });
        }),
        // Returns nothing: the simulator answers.
        http.post('/mfa/preauth', () => undefined),
      ],
    });
    try {
      const ticketOf = await call('POST', `${planted.baseUrl}/_test/tickets`, { username: 'alice' });
      const preauth = v.parse(PreauthResultSchema, (await call('POST', `${planted.baseUrl}/preauth`, { ticket: (ticketOf.json as { ticket: string }).ticket })).json);
      if (preauth.result !== 'auth') return assert.fail('auth expected');
      const started = await call('POST', `${planted.baseUrl}/transactions`, { attemptId: preauth.attemptId, method: 'push', deviceId: 'alice-ios', rememberMe: true });
      const txid = v.parse(TransactionBodySchema, started.json).txid;
      planted.simulator.phone('alice').approvePushWithShownCode();
      const answer = await call('GET', `${planted.baseUrl}/transactions/${txid}`, undefined, { [ATTEMPT_HEADER]: preauth.attemptId });
      assert.equal(statusOf(answer).status, 'allow');
      assert.doesNotMatch(answer.headers.getSetCookie()[0]!, /Secure/);
    } finally {
      await planted.close();
    }
  });

  test('close() ends a held long poll: the client sees the connection end, nothing is left waiting', async () => {
    const other = await startMockHttpServer({ port: 0 });
    const { json } = await call('POST', `${other.baseUrl}/_test/tickets`, { username: 'alice' });
    const preauth = v.parse(PreauthResultSchema, (await call('POST', `${other.baseUrl}/preauth`, { ticket: (json as { ticket: string }).ticket })).json);
    if (preauth.result !== 'auth') return assert.fail('auth expected');
    const started = await call('POST', `${other.baseUrl}/transactions`, { attemptId: preauth.attemptId, method: 'push', deviceId: 'alice-ios' });
    const txid = v.parse(TransactionBodySchema, started.json).txid;
    const held = call('GET', `${other.baseUrl}/transactions/${txid}?after=1&wait=30`, undefined, { [ATTEMPT_HEADER]: preauth.attemptId });
    await until(() => other.simulator.waitingPolls === 1, 'the poll is held');
    await other.close();
    await assert.rejects(held, TypeError);
    await until(() => other.simulator.waitingPolls === 0, 'released');
  });

  test('an unknown route gets the contract error body (404 not_found)', async () => {
    const answer = await api('GET', '/nothing-here');
    assert.equal(answer.status, 404);
    assert.equal(errorOf(answer).code, 'not_found');
    const outside = await call('GET', `${server.url}/other`);
    assert.equal(outside.status, 404);
  });

  test('POST /transactions/{txid}/fraud is not in the contract: 404 not_found like any unknown route, the push stays pending', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    const answer = await api('POST', `/transactions/${txid}/fraud`, undefined, { [ATTEMPT_HEADER]: attemptId });
    assert.deepEqual([answer.status, errorOf(answer).code], [404, 'not_found']);
    assert.equal(statusOf(await poll(txid, attemptId)).status, 'pushed');
    await control('POST', '/users/alice/push/deny');
  });
});

describe('the test-control API', { timeout: 20_000 }, () => {
  test('a phone call: answer, press 1 → allow; hang up → deny', async () => {
    const attemptId = await attemptFor();
    const started = await api('POST', '/transactions', { attemptId, method: 'phone', deviceId: 'alice-landline' });
    const txid = v.parse(TransactionBodySchema, started.json).txid;
    assert.equal((await control('POST', '/users/alice/call/press', { key: '1' })).status, 409, 'not answered yet');
    assert.equal((await control('POST', '/users/alice/call/answer')).status, 204);
    assert.equal(statusOf(await poll(txid, attemptId)).status, 'answered');
    assert.equal((await control('POST', '/users/alice/call/press', { key: 'x' })).status, 400);
    assert.equal((await control('POST', '/users/alice/call/press')).status, 204);
    assert.equal(statusOf(await poll(txid, attemptId)).status, 'allow');

    const second = v.parse(TransactionBodySchema, (await api('POST', '/transactions', { attemptId, method: 'phone', deviceId: 'alice-landline' })).json).txid;
    assert.equal((await control('POST', '/users/alice/call/hang-up')).status, 204);
    assert.equal(statusOf(await poll(second, attemptId)).status, 'deny');
    const nothing = await control('POST', '/users/alice/call/hang-up');
    assert.deepEqual([nothing.status, errorOf(nothing).code], [409, 'conflict']);
  });

  test('push deny and report-fraud', async () => {
    const attemptId = await attemptFor();
    const first = await startPush(attemptId);
    assert.equal((await control('POST', '/users/alice/push/deny')).status, 204);
    assert.equal(statusOf(await poll(first, attemptId)).status, 'deny');
    const second = await startPush(attemptId);
    assert.equal((await control('POST', '/users/alice/push/report-fraud')).status, 204);
    assert.equal(statusOf(await poll(second, attemptId)).status, 'fraud');
    assert.equal((await control('POST', '/users/alice/push/deny')).status, 409, 'nothing pending');
  });

  test('SMS inbox (oldest first), then a passcode login with its code', async () => {
    const attemptId = await attemptFor();
    assert.equal((await api('POST', '/transactions', { attemptId, method: 'sms', deviceId: 'alice-ios' })).status, 201);
    const inbox = await control('GET', '/users/alice/sms');
    assert.equal(inbox.status, 200);
    const { messages } = inbox.json as { messages: { deviceId: string; codes: string[] }[] };
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.deviceId, 'alice-ios');
    assert.match(messages[0]!.codes[0]!, /^1\d{6}$/);
    assert.match(messages[0]!.codes[1]!, /^2\d{6}$/);
    const login = await api('POST', '/transactions', { attemptId, method: 'passcode', passcode: messages[0]!.codes[0] });
    assert.equal(statusOf(login).status, 'allow');
  });

  test('authenticator, token and bypass codes log in; a user without a token is 404', async () => {
    const attemptId = await attemptFor();
    const totp = await control('GET', '/users/alice/authenticator-code');
    assert.match((totp.json as { code: string }).code, /^\d{6}$/);
    assert.equal(statusOf(await api('POST', '/transactions', { attemptId, method: 'passcode', passcode: (totp.json as { code: string }).code })).status, 'allow');

    const token = await control('GET', '/users/alice/token-code');
    assert.deepEqual(token.json, { code: '755224' }, 'RFC 4226, counter 0');
    assert.equal(statusOf(await api('POST', '/transactions', { attemptId, method: 'passcode', passcode: '755224' })).status, 'allow');
    assert.deepEqual((await control('GET', '/users/alice/token-code')).json, { code: '287082' });

    const bypass = (await control('GET', '/users/alice/bypass-codes')).json as { codes: string[] };
    assert.equal(bypass.codes.length, 3);
    assert.equal(statusOf(await api('POST', '/transactions', { attemptId, method: 'passcode', passcode: bypass.codes[0] })).status, 'allow');
    assert.equal(((await control('GET', '/users/alice/bypass-codes')).json as { codes: string[] }).codes.length, 2);

    const none = await control('GET', '/users/bob/token-code');
    assert.deepEqual([none.status, errorOf(none).code], [404, 'not_found']);
  });

  test('unknown users are 404 not_found; bad bodies are 400 invalid_request naming the field', async () => {
    for (const [method, path] of [
      ['GET', '/users/zed/push'],
      ['POST', '/users/zed/push/approve'],
      ['GET', '/users/zed/sms'],
      ['POST', '/users/zed/unlock'],
      ['POST', '/users/zed/webauthn/registration-options'],
    ] as const) {
      const answer = await control(method, path);
      assert.deepEqual([answer.status, errorOf(answer).code], [404, 'not_found'], `${method} ${path}`);
    }
    const notJson = await control('POST', '/tickets', '{nope');
    assert.deepEqual([notJson.status, errorOf(notJson).code], [400, 'invalid_request']);
    const noUser = await control('POST', '/tickets', { ttlSeconds: 5 });
    assert.equal(noUser.status, 400);
    assert.match(errorOf(noUser).message, /"username"/);
    assert.equal((await control('POST', '/clock', { advanceMs: -1 })).status, 400);
    assert.equal((await control('POST', '/login-tokens/redeem', {})).status, 400);
    const unknownRoute = await control('GET', '/nope');
    assert.deepEqual([unknownRoute.status, errorOf(unknownRoute).code], [404, 'not_found']);
  });

  test('tickets: for any username (preauth does not reveal who exists), with a ttl', async () => {
    const unknown = await api('POST', '/preauth', { ticket: await ticket('zed') });
    assert.equal(unknown.status, 404);
    assert.equal(errorOf(unknown).code, 'expired');

    const short = (await control('POST', '/tickets', { username: 'alice', ttlSeconds: 5 })).json as { ticket: string };
    assert.equal((await api('POST', '/preauth', { ticket: short.ticket })).status, 200);
    await control('POST', '/clock', { advanceMs: 6000 });
    assert.equal((await api('POST', '/preauth', { ticket: short.ticket })).status, 404, 'expired on the simulated clock');
  });

  test('lock-out and unlock', async () => {
    server.simulator.lockOut('alice');
    const locked = v.parse(PreauthResultSchema, (await api('POST', '/preauth', { ticket: await ticket('alice') })).json);
    assert.equal(locked.result, 'deny');
    assert.equal((await control('POST', '/users/alice/unlock')).status, 204);
    assert.equal(v.parse(PreauthResultSchema, (await api('POST', '/preauth', { ticket: await ticket('alice') })).json).result, 'auth');
  });

  test('WebAuthn: registration through the control API, then a login with the real client', async () => {
    const key = await SoftwareAuthenticator.create({ origin: 'http://localhost', rpId: 'localhost' });
    const options = await control('POST', '/users/bob/webauthn/registration-options');
    assert.equal(options.status, 200);
    const registered = await control('POST', '/users/bob/webauthn/credentials', {
      response: key.register(options.json as never),
      type: 'security-key',
      displayName: 'YubiKey',
    });
    assert.equal(registered.status, 201);
    const device = registered.json as { id: string; type: string; displayName: string; capabilities: string[] };
    assert.deepEqual([device.type, device.displayName, device.capabilities], ['security-key', 'YubiKey', ['webauthn']]);
    const replay = await control('POST', '/users/bob/webauthn/credentials', { response: key.register(options.json as never) });
    assert.equal(replay.status, 404, 'the options were used: expired');

    const client = adapter();
    const preauth = await client.preauth({ ticket: await ticket('bob') });
    if (preauth.result !== 'auth') return assert.fail('auth expected');
    const tx = await client.startWebAuthn!(preauth.attemptId, device.id);
    assert.equal(tx.status.status, 'challenge');
    const done = await client.completeWebAuthn!(tx.txid, await key.assert((tx.status as Extract<StatusUpdate, { status: 'challenge' }>).publicKey));
    assert.equal(done.status.status, 'allow');
  });

  test('WebAuthn with another relying party (simulatorOptions, as --rp-id / --origin give)', async () => {
    const page = { origin: 'http://localhost:5173', rpId: 'localhost' };
    const other = await startMockHttpServer({ port: 0, simulatorOptions: { webauthn: { rpId: page.rpId, origins: [page.origin] } } });
    try {
      const key = await SoftwareAuthenticator.create(page);
      const options = await call('POST', `${other.baseUrl}/_test/users/bob/webauthn/registration-options`);
      assert.equal((options.json as { rp: { id: string } }).rp.id, 'localhost');
      const registered = await call('POST', `${other.baseUrl}/_test/users/bob/webauthn/credentials`, { response: key.register(options.json as never) });
      assert.equal(registered.status, 201);
      const refused = await SoftwareAuthenticator.create({ origin: 'http://localhost', rpId: 'localhost' });
      const again = await call('POST', `${other.baseUrl}/_test/users/bob/webauthn/registration-options`);
      const wrongOrigin = await call('POST', `${other.baseUrl}/_test/users/bob/webauthn/credentials`, { response: refused.register(again.json as never) });
      assert.deepEqual([wrongOrigin.status, errorOf(wrongOrigin).code], [400, 'invalid_request']);
    } finally {
      await other.close();
    }
  });

  test('the clock: advancing it times a push out, releasing the held poll', async () => {
    const before = ((await control('GET', '/clock')).json as { now: number }).now;
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    const held = poll(txid, attemptId, '?after=1&wait=30');
    await until(() => server.simulator.waitingPolls === 1, 'the poll is held');
    const moved = await control('POST', '/clock', { advanceMs: 60_000 });
    assert.equal(moved.status, 200);
    assert.ok((moved.json as { now: number }).now >= before + 60_000);
    assert.equal(statusOf(await held).status, 'timeout');
    assert.equal((await control('GET', '/users/alice/push')).status, 404);
  });

  test('the clock moves TOTP on: the authenticator code of 30 s later differs', async () => {
    const first = ((await control('GET', '/users/alice/authenticator-code')).json as { code: string }).code;
    await control('POST', '/clock', { advanceMs: 90_000 });
    const later = ((await control('GET', '/users/alice/authenticator-code')).json as { code: string }).code;
    assert.notEqual(later, first);
  });

  test('--no-test-control: no /_test routes (404), the contract still served', async () => {
    const plain = await startMockHttpServer({ port: 0, testControl: false });
    try {
      const reset = await call('POST', `${plain.baseUrl}/_test/reset`);
      assert.equal(reset.status, 404);
      const preauth = await call('POST', `${plain.baseUrl}/preauth`, { ticket: plain.simulator.issueTicket('erin') });
      assert.equal(v.parse(PreauthResultSchema, preauth.json).result, 'deny');
    } finally {
      await plain.close();
    }
  });

  test('a custom base path, and a simulator given without a clock cannot be moved on (501)', async () => {
    const { MfaSimulator } = await import('../../mock-server/index.js');
    const other = await startMockHttpServer({ port: 0, basePath: '/auth/mfa/', simulator: new MfaSimulator() });
    try {
      assert.match(other.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/auth\/mfa$/);
      assert.equal((await call('POST', `${other.baseUrl}/_test/reset`)).status, 204);
      const clock = await call('POST', `${other.baseUrl}/_test/clock`, { advanceMs: 1 });
      assert.deepEqual([clock.status, errorOf(clock).code], [501, 'not_supported']);
    } finally {
      await other.close();
    }
  });
});

describe('fault switches', { timeout: 20_000 }, () => {
  test('status + Retry-After, for `times` requests; the faulted request never reaches the simulator', async () => {
    const set = await control('POST', '/faults', { route: 'preauth', status: 503, retryAfter: '5', times: 2 });
    assert.equal(set.status, 201);
    assert.match((set.json as { id: string }).id, /\S/);
    for (let i = 0; i < 2; i++) {
      const answer = await api('POST', '/preauth', { ticket: await ticket('alice') });
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('Retry-After'), '5');
      assert.deepEqual(errorOf(answer), { code: 'unavailable', message: errorOf(answer).message, retryAfter: 5 });
    }
    assert.equal((await api('POST', '/preauth', { ticket: await ticket('alice') })).status, 200, 'used up after two');
  });

  test('a 429 with an HTTP-date Retry-After; the real client reports rate_limited', async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    await control('POST', '/faults', { route: 'start', status: 429, retryAfter: date, times: 1 });
    const attemptId = await attemptFor();
    const answer = await api('POST', '/transactions', { attemptId, method: 'push', deviceId: 'alice-ios' });
    assert.equal(answer.status, 429);
    assert.equal(answer.headers.get('Retry-After'), date);
    assert.equal(errorOf(answer).code, 'rate_limited');
    assert.equal(server.simulator.phone('alice').pendingPush(), undefined, 'nothing was started');

    await control('POST', '/faults', { route: 'start', status: 429, retryAfter: '7', times: 1 });
    const client = adapter();
    await assert.rejects(client.startPush(attemptId, 'alice-ios'), (error: unknown) => error instanceof MfaError && error.code === 'rate_limited' && error.retryAfter === 7);
  });

  test('malformed body: the real client retries an in-doubt start and gets the transaction', async () => {
    await control('POST', '/faults', { route: 'start', malformed: true, times: 1 });
    const attemptId = await attemptFor();
    const raw = await api('POST', '/transactions', { attemptId, method: 'push', deviceId: 'alice-ios' });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('Content-Type'), 'application/json');
    assert.equal(raw.text, MALFORMED_BODY);
    assert.throws(() => JSON.parse(raw.text) as unknown);

    await control('POST', '/faults', { route: 'start', malformed: true, times: 1 });
    const push: Transaction = await adapter().startPush(attemptId, 'alice-ios');
    assert.equal(push.status.status, 'pushed');
    assert.equal((await control('GET', '/users/alice/push')).status, 200);
  });

  test('a raw body with a status', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    await control('POST', '/faults', { route: 'poll', status: 502, body: '<html>Bad gateway</html>', times: 1 });
    const answer = await poll(txid, attemptId);
    assert.deepEqual([answer.status, answer.text], [502, '<html>Bad gateway</html>']);
    assert.equal(statusOf(await poll(txid, attemptId)).status, 'pushed');
  });

  test('delay alone: the simulator answers, later', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    await control('POST', '/faults', { route: 'poll', delayMs: 120, times: 1 });
    const startedAt = performance.now();
    const answer = await poll(txid, attemptId);
    assert.ok(performance.now() - startedAt >= 110, 'waited about delayMs');
    assert.equal(statusOf(answer).status, 'pushed');
  });

  test('drop: the connection is destroyed without an answer; until removed, every request is faulted', async () => {
    const attemptId = await attemptFor();
    const txid = await startPush(attemptId);
    await control('POST', '/faults', { route: 'cancel', drop: true });
    for (let i = 0; i < 2; i++) {
      await assert.rejects(api('POST', `/transactions/${txid}/cancel`, undefined, { [ATTEMPT_HEADER]: attemptId }), TypeError);
    }
    assert.equal(statusOf(await poll(txid, attemptId)).status, 'pushed', 'the simulator never saw the cancels');
    assert.equal((await control('DELETE', '/faults')).status, 204);
    assert.equal((await api('POST', `/transactions/${txid}/cancel`, undefined, { [ATTEMPT_HEADER]: attemptId })).status, 204);
    assert.equal(statusOf(await poll(txid, attemptId)).status, 'canceled');
  });

  test('the real client retries a dropped poll and still sees the approval', async () => {
    const client = adapter();
    const preauth = await client.preauth({ ticket: await ticket('alice') });
    if (preauth.result !== 'auth') return assert.fail('auth expected');
    const push = await client.startPush(preauth.attemptId, 'alice-ios');
    await control('POST', '/faults', { route: 'poll', drop: true, times: 2 });
    const watching = collect(client.watch(push));
    await until(() => server.simulator.waitingPolls === 1, 'the third poll is held');
    await control('POST', '/users/alice/push/approve', { code: await pendingPushCode() });
    assert.equal((await watching).at(-1)?.status, 'allow');
  });

  test('faults per route, oldest first, removed one by one, by DELETE, or by reset; a bad fault is 400', async () => {
    const first = ((await control('POST', '/faults', { route: 'preauth', status: 500, times: 1 })).json as { id: string }).id;
    await control('POST', '/faults', { route: 'preauth', status: 403, times: 1 });
    const third = ((await control('POST', '/faults', { route: 'preauth', status: 401 })).json as { id: string }).id;
    assert.equal((await api('POST', '/preauth', { ticket: await ticket('alice') })).status, 500);
    assert.equal(first.length > 0, true);
    const locked = await api('POST', '/preauth', { ticket: await ticket('alice') });
    assert.deepEqual([locked.status, errorOf(locked).code], [403, 'locked_out']);
    assert.equal((await api('POST', '/preauth', { ticket: await ticket('alice') })).status, 401);
    assert.equal((await control('DELETE', `/faults/${third}`)).status, 204);
    assert.equal((await control('DELETE', `/faults/${third}`)).status, 404);
    assert.equal((await api('POST', '/preauth', { ticket: await ticket('alice') })).status, 200);

    await control('POST', '/faults', { route: 'preauth', status: 503 });
    assert.equal((await control('POST', '/reset')).status, 204);
    assert.equal((await api('POST', '/preauth', { ticket: await ticket('alice') })).status, 200, 'reset removed it');

    for (const bad of [{}, { route: 'fraud', status: 503 }, { route: 'poll' }, { route: 'poll', status: 99 }, { route: 'poll', drop: true, times: 0 }]) {
      const answer = await control('POST', '/faults', bad);
      assert.deepEqual([answer.status, errorOf(answer).code], [400, 'invalid_request'], JSON.stringify(bad));
    }
  });

  test('the assertion route can be faulted too', async () => {
    await control('POST', '/faults', { route: 'assertion', status: 503, times: 1 });
    const answer = await api('POST', '/transactions/tx_x/assertion', { credential: {} }, { [ATTEMPT_HEADER]: 'a' });
    assert.equal(answer.status, 503);
    assert.equal((await api('POST', '/transactions/tx_x/assertion', { credential: {} }, { [ATTEMPT_HEADER]: 'a' })).status, 400);
  });
});

describe('OffsetClock', () => {
  test('real time plus an offset; advance fires due timers in order, re-arms the others', async () => {
    const clock = new OffsetClock();
    const fired: string[] = [];
    const startedAt = clock.now();
    clock.setTimeout(() => fired.push('b'), 2000);
    clock.setTimeout(() => {
      fired.push('a');
      clock.setTimeout(() => fired.push('a2'), 500);
    }, 1000);
    const late = clock.setTimeout(() => fired.push('never'), 5000);
    clock.setTimeout(() => fired.push('soon'), 3030);
    clock.clearTimeout(late);
    clock.advance(3000);
    assert.deepEqual(fired, ['a', 'a2', 'b']);
    assert.ok(clock.now() - startedAt >= 3000);
    assert.equal(clock.offsetMs, 3000);
    await until(() => fired.includes('soon'), 'the re-armed timer fires in real time');
    assert.equal(clock.pendingTimers, 0);
    assert.throws(() => clock.advance(-1), RangeError);
  });
});

describe('the CLI', { timeout: 60_000, concurrency: true }, () => {
  function run(args: string[], { untilOutput }: { untilOutput?: RegExp } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (untilOutput?.test(stdout)) child.kill('SIGTERM');
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  test('a port already in use: one clear line, exit code 2', async () => {
    const { code, stdout, stderr } = await run(['--port', String(server.port)]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, new RegExp(`^mock-server: port ${server.port} on 127\\.0\\.0\\.1 is already in use`));
    assert.doesNotMatch(stderr, /\bat \S+:\d+/, 'no stack trace');
  });

  test('bad flags: one clear line, exit code 2', async () => {
    for (const args of [['--port', 'abc'], ['--bogus']]) {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, /^mock-server: [^\n]+\(see --help\)\n$/);
    }
    // The rest in this process (each spawn costs a second): the same runCli the script calls.
    for (const args of [['--port', '70000'], ['--port', '-1'], ['--latency-ms', '-5'], ['--latency-ms', '1.5'], ['--base-path', 'mfa'], ['--host', ''], ['extra'], ['--port']]) {
      const lines: string[] = [];
      const result = await runCli(args, { out: (line) => lines.push(`out: ${line}`), err: (line) => lines.push(line) });
      assert.equal(result, 2, args.join(' '));
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, /^mock-server: [^\n]+\(see --help\)$/, args.join(' '));
    }
  });

  test('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    for (const flag of ['--port', '--host', '--base-path', '--latency-ms', '--no-test-control', '--help']) assert.ok(stdout.includes(flag), flag);
  });

  test('starts on a free port, serves the contract and the control API, and stops on SIGTERM with code 0', async () => {
    const child = spawn(process.execPath, [SCRIPT, '--port', '0', '--base-path', '/api/mfa'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('close', () => reject(new Error(`exited early: ${stdout}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/mfa$/);
    assert.equal((await call('POST', `${url}/_test/reset`)).status, 204);
    const { json } = await call('POST', `${url}/_test/tickets`, { username: 'erin' });
    const preauth = await call('POST', `${url}/preauth`, { ticket: (json as { ticket: string }).ticket });
    assert.equal(v.parse(PreauthResultSchema, preauth.json).result, 'deny');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  test('a host that is not an address of this machine: one line, exit code 2', async () => {
    const lines: string[] = [];
    const result = await runCli(['--host', '192.0.2.1', '--port', '0'], { out: (line) => lines.push(`out: ${line}`), err: (line) => lines.push(line) });
    assert.equal(result, 2);
    assert.deepEqual(lines, ['mock-server: cannot listen on host "192.0.2.1": not an address of this machine']);
  });

  test('parseCliArgs: defaults and values', () => {
    assert.deepEqual(parseCliArgs([]), { port: 8787, host: '127.0.0.1', basePath: '/mfa', latencyMs: 0, testControl: true });
    assert.deepEqual(parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--base-path', '/x/', '--latency-ms', '250', '--no-test-control']), {
      port: 0,
      host: '0.0.0.0',
      basePath: '/x',
      latencyMs: 250,
      testControl: false,
    });
    assert.equal(parseCliArgs(['-h']), 'help');
    assert.deepEqual((parseCliArgs(['--origin', 'http://localhost:5173', '--origin', 'http://127.0.0.1:5173']) as CliConfig).webauthn, {
      rpId: 'localhost',
      origins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
    });
    assert.deepEqual((parseCliArgs(['--rp-id', 'example.test']) as CliConfig).webauthn, { rpId: 'example.test', origins: ['http://localhost', 'https://localhost'] });
    assert.throws(() => parseCliArgs(['--origin', 'http://localhost/path']), /--origin must be an origin/);
    assert.throws(() => parseCliArgs(['--rp-id', 'https://x']), /--rp-id must be a domain/);
  });
});
