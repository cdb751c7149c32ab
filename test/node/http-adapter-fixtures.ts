/** Shared pieces of the HTTP adapter's Node tests: an MSW server, response bodies, and deterministic time. */
import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MfaError, type MfaErrorCode } from '../../src/adapter/errors.js';
import { createHttpAdapter, type HttpAdapterOptions } from '../../src/adapter/http-adapter.js';
import type { MfaAdapter, StatusUpdate, Transaction } from '../../src/adapter/types.js';
import type { TransactionBody } from '../../src/adapter/wire.js';

export const BASE = 'https://backend.test/mfa';
/** The routes as MSW patterns, for the handlers of a test. */
export const START = `${BASE}/transactions`;
export const POLL = `${BASE}/transactions/:txid`;
export const CANCEL = `${BASE}/transactions/:txid/cancel`;

/** Each test file runs in its own process: one server per file, no request left unhandled. */
export const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

export const calling = { status: 'calling', final: false, message: 'Dialing XXX-XXX-1311...' } satisfies StatusUpdate;
export const answered = {
  status: 'answered',
  final: false,
  message: 'Answered. Press any key on your phone to log in.',
} satisfies StatusUpdate;
export const pushed = { status: 'pushed', final: false, message: 'Pushed a login request to your device...' } satisfies StatusUpdate;
export const allowed = {
  status: 'allow',
  final: true,
  message: 'Success. Logging you in...',
  token: 'login-token-1',
  remembered: false,
} satisfies StatusUpdate;
export const canceled = { status: 'canceled', final: true, message: 'Authentication request canceled' } satisfies StatusUpdate;
export const denied = { status: 'deny', final: true, message: 'Login request denied.' } satisfies StatusUpdate;

export function txBody(version: number, status: StatusUpdate, txid = 'tx-1'): TransactionBody {
  return { txid, method: 'phone', version, status };
}

export function errorBody(code: string, message: string, extra: { retryAfter?: number; attemptsLeft?: number } = {}) {
  return { error: { code, message, ...extra } };
}

/** Time that passes only when a test says so: sleeps are recorded and return at once (unless aborted). */
export function fakeTime() {
  const delays: number[] = [];
  const time = {
    nowMs: 1_700_000_000_000,
    delays,
    now: () => time.nowMs,
    sleep: (ms: number, signal: AbortSignal): Promise<void> => {
      delays.push(ms);
      return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
  return time;
}

/** A sleep that lasts until aborted: for catching the client in the middle of a backoff wait. */
export function endlessSleep() {
  const delays: number[] = [];
  const sleep = (ms: number, signal: AbortSignal) => {
    delays.push(ms);
    return new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  };
  return { delays, sleep };
}

/** An adapter on {@link BASE} whose time is fake unless the test overrides it. */
export function testAdapter(overrides: Partial<HttpAdapterOptions> = {}): MfaAdapter {
  const time = fakeTime();
  return createHttpAdapter({ baseUrl: BASE, sleep: time.sleep, now: time.now, random: () => 0.5, ...overrides });
}

/**
 * A resolver that answers with `steps` in order, recording each request. A step is a body (sent as JSON
 * with 200) or a function. Running out answers 400 `invalid_request`, which ends a watch visibly.
 */
type Step = Record<string, unknown> | ((request: Request) => Response | Promise<Response>);

export function script(...steps: Step[]) {
  const requests: Request[] = [];
  const resolver = async ({ request }: { request: Request }) => {
    requests.push(request);
    const step = steps[requests.length - 1];
    if (step === undefined) return HttpResponse.json(errorBody('invalid_request', 'script exhausted'), { status: 400 });
    return typeof step === 'function' ? step(request) : HttpResponse.json(step);
  };
  return { requests, resolver };
}

/** A long poll the server holds until the client aborts it; `aborted` resolves then. */
export function heldOpen(request: Request): Promise<Response> {
  return new Promise((resolve) => {
    request.signal.addEventListener('abort', () => resolve(HttpResponse.json(txBody(99, allowed))), { once: true });
  });
}

/** Resolves when `condition` holds, polling the event loop (for waiting on requests to arrive). */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export function afterParams(requests: Request[]): Array<string | null> {
  return requests.map((request) => new URL(request.url).searchParams.get('after'));
}

/** A transaction as `startCall` returns it when the server answers `body` (so the adapter knows its version). */
export async function started(adapter: MfaAdapter, body: TransactionBody): Promise<Transaction> {
  server.use(http.post(`${BASE}/transactions`, () => HttpResponse.json(body, { status: 201 }), { once: true }));
  return adapter.startCall('attempt-1', 'phone-1');
}

/** Asserts that `promise` rejects with an MfaError of `code`, and returns that error. */
export async function rejection(promise: Promise<unknown>, code: MfaErrorCode): Promise<MfaError> {
  const error = await promise.then(
    () => assert.fail(`resolved, expected ${code}`),
    (error: unknown) => error,
  );
  assert.ok(error instanceof MfaError, `not an MfaError: ${String(error)}`);
  assert.equal(error.code, code, `${error.code}: ${error.message}`);
  return error;
}

/** A response that answers `status` with an error body of `code`, and `Retry-After` when given. */
export function failing(status: number, code: string, retryAfter?: string) {
  return () =>
    HttpResponse.json(errorBody(code, `server says ${code}`), {
      status,
      ...(retryAfter !== undefined && { headers: { 'Retry-After': retryAfter } }),
    });
}
