/**
 * The bundled HTTP client: an {@link MfaAdapter} over the JSON-over-HTTP contract described in `wire.ts`
 * (and `docs/openapi.yaml`). Browser-safe: only `fetch`, `AbortController` and timers.
 */
import * as v from 'valibot';
import { isMfaError, MfaError, type MfaErrorCode } from './errors.js';
import { PollLoop, Watcher } from './poll-loop.js';
import { DEFAULT_BACKOFF, sleep as realSleep, type BackoffOptions } from './retry.js';
import type {
  CallOptions,
  MfaAdapter,
  MfaMethod,
  PreauthRequest,
  StartOptions,
  StatusUpdate,
  Transaction,
  WatchOptions,
} from './types.js';
import {
  ATTEMPT_HEADER,
  ErrorBodySchema,
  IDEMPOTENCY_HEADER,
  HTTP_STATUS_FOR_ERROR,
  MAX_WAIT_SECONDS,
  PreauthResultSchema,
  TransactionBodySchema,
  type PreauthRequestBody,
  type StartTransactionBody,
} from './wire.js';

export interface HttpAdapterOptions {
  /** Where the routes live: absolute, or relative to the page (`/mfa`). A trailing slash is fine. */
  baseUrl: string;
  /** Defaults to the global `fetch`, looked up at each request (so a mock installed later is seen). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Extra headers for every request, e.g. a CSRF token; a function is called for each request. */
  headers?: HeadersInit | (() => HeadersInit);
  /** Defaults to `'same-origin'`: the remembered-device cookie rides along. */
  credentials?: RequestCredentials;
  /** How long the server may hold a long poll, in seconds: default 25, clamped to 1..MAX_WAIT_SECONDS. */
  pollWaitSeconds?: number;
  /** Timeout of an ordinary request, in ms (default 15 000). A long poll gets its wait plus 10 s. */
  requestTimeoutMs?: number;
  /** How many retries in a row a failing poll gets (default 6); the next failure ends the watch with that error. */
  maxRetries?: number;
  /** Exponential backoff between poll retries: `{ initialMs: 1000, maxMs: 32000 }` by default. */
  backoff?: Partial<BackoffOptions>;
  /** For tests: a value in [0, 1), as `Math.random`. */
  random?: () => number;
  /** For tests: waits `ms`; must reject with `signal.reason` when it aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** For tests: the clock, in ms, as `Date.now`. */
  now?: () => number;
}

const DEFAULT_POLL_WAIT_SECONDS = 25;
const DEFAULT_TIMEOUT_MS = 15_000;
const POLL_TIMEOUT_MARGIN_MS = 10_000;
const DEFAULT_MAX_RETRIES = 6;

/** Client-side texts, safe to show; a backend's own `message` takes precedence where it sends one. */
const MESSAGES: Record<MfaErrorCode, string> = {
  network: 'Could not reach the server. Check your connection and try again.',
  timeout: 'The server took too long to answer. Please try again.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  invalid_passcode: 'Incorrect passcode. Please try again.',
  locked_out: 'Your account is locked after too many failed attempts.',
  bad_response: 'The server sent an unexpected response. Please try again later.',
  unavailable: 'The service is unavailable right now. Please try again later.',
  invalid_request: 'The request was not accepted.',
  expired: 'This login request has expired. Please start again.',
};

type ServerCode = keyof typeof HTTP_STATUS_FOR_ERROR;
const CODE_FOR_STATUS = new Map<number, ServerCode>(
  Object.entries(HTTP_STATUS_FOR_ERROR).map(([code, status]) => [status, code as ServerCode]),
);

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: PreauthRequestBody | StartTransactionBody;
  /** Headers of this request alone (the attempt binding, the idempotency key). */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Creates the HTTP adapter.
 *
 * - Every response is validated; anything off-contract rejects with `bad_response`, never a `TypeError`.
 * - Start calls never retry: a 429 rejects with `rate_limited` and `retryAfter` (seconds).
 * - `watch()` long-polls `GET /transactions/{txid}?after=version&wait=S`. All watchers of one transaction
 *   share one poll loop (never two polls in flight); the loop stops when the last watcher stops. Transient
 *   failures (`network`, `timeout`, `unavailable`, `rate_limited`) are retried up to `maxRetries` times in a
 *   row, with exponential backoff, full jitter and at least the server's `Retry-After`; then the watch
 *   rejects with the last error. Other errors end the watch at once. A hidden page does not poll.
 * - `cancel(txid)` first aborts that transaction's poll and any backoff wait, then POSTs the cancel. Once
 *   the backend confirms it (a 404 `expired` counts: already gone), the loop reads the state once more,
 *   without waiting: watchers yield that final status (`canceled`, or `allow`/`deny` if the transaction
 *   ended first) and return. If that read fails, they return without yielding more. If the cancel itself
 *   fails, `cancel` rejects and polling resumes, since the transaction still runs.
 * - The passcode travels only in the body of `POST /transactions`, never in a URL, header or message.
 */
export function createHttpAdapter(options: HttpAdapterOptions): MfaAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
  const credentials = options.credentials ?? 'same-origin';
  const waitSeconds = clampWait(options.pollWaitSeconds ?? DEFAULT_POLL_WAIT_SECONDS);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const loopOptions = {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    random: options.random ?? Math.random,
    sleep: options.sleep ?? realSleep,
    now,
  };
  /** The server's version of each transaction this adapter returned: `Transaction` has no field for it. */
  const versions = new WeakMap<Transaction, number>();
  const loops = new Map<string, PollLoop>();
  /** The login attempt of each transaction this adapter started: polls and cancels are bound to it. */
  const attempts = new Map<string, string>();

  async function send({ method, path, body, headers: own, signal, timeoutMs = requestTimeoutMs }: Call): Promise<Answer> {
    signal?.throwIfAborted();
    const headers = new Headers(typeof options.headers === 'function' ? options.headers() : options.headers);
    for (const [name, value] of Object.entries(own ?? {})) headers.set(name, value);
    headers.set('accept', 'application/json');
    if (body) headers.set('content-type', 'application/json');

    // One controller for both the caller's abort and the timeout, told apart afterwards.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await fetchFn(baseUrl + path, {
        method,
        headers,
        credentials,
        signal: controller.signal,
        ...(body && { body: JSON.stringify(body) }),
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw new MfaError('timeout', MESSAGES.timeout, { cause: error });
      throw new MfaError('network', MESSAGES.network, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function expectJson<S extends v.GenericSchema>(call: Call, schema: S): Promise<v.InferOutput<S>> {
    const answer = await send(call);
    if (!isSuccess(answer.status)) throw errorFrom(answer);
    const result = v.safeParse(schema, parseJson(answer.text));
    if (!result.success) throw badResponse(call, answer.status, describeIssues(result.issues, answer.text));
    return result.output;
  }

  async function expectNoContent(call: Call): Promise<void> {
    const answer = await send(call);
    if (!isSuccess(answer.status)) throw errorFrom(answer);
  }

  function errorFrom({ status, headers, text }: Answer): MfaError {
    const parsed = v.safeParse(ErrorBodySchema, parseJson(text));
    const body = parsed.success ? parsed.output.error : undefined;
    // The body's code when it is one the contract defines; else the status, which alone suffices for
    // 429 and 5xx (proxies and gateways send those without our body) but not for other statuses. An unknown
    // code on 401 or 403 is not guessed: session and CSRF layers answer with those, and "Incorrect passcode"
    // or "locked out" would mislead the user.
    const guessable = status !== 401 && status !== 403;
    const code: MfaErrorCode | undefined =
      body && Object.hasOwn(HTTP_STATUS_FOR_ERROR, body.code)
        ? (body.code as ServerCode)
        : status === 429
          ? 'rate_limited'
          : status >= 500 && status <= 599
            ? 'unavailable'
            : body && guessable ? CODE_FOR_STATUS.get(status) : undefined;
    if (!code) {
      return new MfaError('bad_response', MESSAGES.bad_response, {
        httpStatus: status,
        cause: new Error(`HTTP ${status} is not in the contract${body ? ` (error code "${body.code}")` : ''}`),
      });
    }
    return new MfaError(code, body?.message || MESSAGES[code], {
      httpStatus: status,
      ...(code === 'rate_limited' && { retryAfter: body?.retryAfter ?? parseRetryAfter(headers.get('retry-after')) }),
      ...(code === 'invalid_passcode' && { attemptsLeft: body?.attemptsLeft }),
    });
  }

  function parseRetryAfter(value: string | null): number | undefined {
    const text = value?.trim() ?? '';
    if (/^\d+$/.test(text)) return Number(text);
    const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN; // an HTTP date
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now()) / 1000));
  }

  async function start(
    body: StartTransactionBody,
    { signal, idempotencyKey = newIdempotencyKey() }: Pick<StartOptions, 'signal' | 'idempotencyKey'>,
  ): Promise<Transaction> {
    const call: Call = { method: 'POST', path: '/transactions', body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey }, signal };
    const { txid, method, version, status } = await expectJson(call, TransactionBodySchema);
    const transaction: Transaction = { txid, method, status };
    versions.set(transaction, version);
    attempts.set(txid, body.attemptId);
    return transaction;
  }

  function startWithDevice(method: MfaMethod) {
    return (attemptId: string, deviceId: string, { rememberMe, ...options }: StartOptions = {}) =>
      start({ attemptId, method, deviceId, rememberMe }, options);
  }

  function transactionPath(txid: string): string {
    return `/transactions/${encodeURIComponent(txid)}`;
  }

  /** The attempt binding for requests about `txid`; none for a transaction this adapter did not start. */
  function attemptHeaders(txid: string): Record<string, string> {
    const attemptId = attempts.get(txid);
    return attemptId === undefined ? {} : { [ATTEMPT_HEADER]: attemptId };
  }

  function loopFor(txid: string, transaction: Transaction): PollLoop {
    const running = loops.get(txid);
    if (running) return running;
    const version = versions.get(transaction);
    const loop: PollLoop = new PollLoop(version === undefined ? undefined : { version, update: transaction.status }, {
      ...loopOptions,
      poll: async (after, signal) => {
        const query = after === undefined ? `wait=${waitSeconds}` : `after=${after}&wait=${waitSeconds}`;
        const call: Call = {
          method: 'GET',
          path: `${transactionPath(txid)}?${query}`,
          headers: attemptHeaders(txid),
          signal,
          timeoutMs: waitSeconds * 1000 + POLL_TIMEOUT_MARGIN_MS,
        };
        const body = await expectJson(call, TransactionBodySchema);
        if (body.txid !== txid) throw badResponse(call, 200, `answer for another transaction`);
        return body;
      },
      onEnd: () => {
        if (loops.get(txid) === loop) loops.delete(txid);
      },
    });
    loops.set(txid, loop);
    return loop;
  }

  async function* watch(transaction: Transaction, { signal, onRetry }: WatchOptions): AsyncGenerator<StatusUpdate> {
    signal?.throwIfAborted();
    if (transaction.status.final) return;
    const loop = loopFor(transaction.txid, transaction);
    const watcher = new Watcher(transaction.status, versions.get(transaction), onRetry);
    loop.add(watcher);
    try {
      for (;;) {
        const next = await watcher.next(signal);
        if (next.done) return;
        yield next.value;
      }
    } finally {
      loop.remove(watcher);
    }
  }

  return {
    preauth({ username, ticket }: PreauthRequest, { signal }: CallOptions = {}) {
      return expectJson({ method: 'POST', path: '/preauth', body: { username, ticket }, signal }, PreauthResultSchema);
    },

    startPush: startWithDevice('push'),
    startCall: startWithDevice('phone'),

    sendSmsPasscodes(attemptId, deviceId, options = {}) {
      return start({ attemptId, method: 'sms', deviceId }, options);
    },

    async verifyPasscode(attemptId, passcode, { rememberMe, deviceId, ...options } = {}) {
      if (typeof passcode !== 'string' || passcode.trim() === '') {
        throw new MfaError('invalid_request', 'Enter a passcode.');
      }
      return start({ attemptId, method: 'passcode', deviceId, passcode, rememberMe }, options);
    },

    /** Each iteration is a new watcher; see {@link createHttpAdapter} for the shared loop. */
    watch(transaction, watchOptions = {}) {
      return { [Symbol.asyncIterator]: () => watch(transaction, watchOptions) };
    },

    async cancel(txid, { signal }: CallOptions = {}) {
      const settle = loops.get(txid)?.interrupt();
      try {
        await expectNoContent({ method: 'POST', path: `${transactionPath(txid)}/cancel`, headers: attemptHeaders(txid), signal });
      } catch (error) {
        if (!isMfaError(error, 'expired')) {
          settle?.(false);
          throw error;
        }
      }
      settle?.(true);
    },

    reportFraud(txid, { signal }: CallOptions = {}) {
      return expectNoContent({ method: 'POST', path: `${transactionPath(txid)}/fraud`, headers: attemptHeaders(txid), signal });
    },
  };
}

/** 128 random bits in hex. Not `randomUUID()`: browsers offer that only in secure contexts. */
function newIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

function clampWait(seconds: number): number {
  if (!Number.isFinite(seconds)) return DEFAULT_POLL_WAIT_SECONDS;
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.round(seconds)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The user sees a generic text; `cause` tells a developer what was wrong, without echoing the data. */
function badResponse(call: Call, status: number, problem: string): MfaError {
  const route = `${call.method} ${call.path.split('?')[0]}`;
  return new MfaError('bad_response', MESSAGES.bad_response, {
    httpStatus: status,
    cause: new Error(`${route} (HTTP ${status}): ${problem}`),
  });
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[], text: string): string {
  if (text.trim() === '') return 'empty body';
  if (parseJson(text) === undefined) return 'body is not JSON';
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(body)'}: expected ${issue.expected ?? issue.kind}`).join('; ');
}
