/**
 * The bundled HTTP client: an {@link MfaAdapter} over the JSON-over-HTTP contract described in `wire.ts`
 * (and `docs/openapi.yaml`). Browser-safe: only `fetch`, `AbortController` and timers.
 */
import { isMfaError, MfaError, type MfaErrorCode } from './errors.js';
import { CLIENT_MESSAGES as MESSAGES, contractViolation } from './messages.js';
import { PollLoop, Watcher } from './poll-loop.js';
import {
  clampDelay,
  DEFAULT_BACKOFF,
  giveUpOn,
  isTransient,
  retryAfterOf,
  sleep as realSleep,
  withRetries,
  type BackoffOptions,
  type RetryPolicy,
} from './retry.js';
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
import { validate, type Schema } from './validate.js';
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
  type WebAuthnAssertionBody,
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
  /**
   * Exponential backoff between poll retries, and between the attempts of a cancel or an in-doubt start:
   * `{ initialMs: 1000, maxMs: 32000 }` by default. A server's `Retry-After` (at most 120 s) is waited for at least.
   */
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
/** Rule **cancel tells the truth**: attempts in all before `cancel()` rejects. */
const CANCEL_ATTEMPTS = 3;
/** Rule **in-doubt starts**: attempts in all (the first and 2 retries) of a start whose outcome is unknown. */
const START_ATTEMPTS = 3;
/** Gateway statuses after which a start may or may not have happened. */
const IN_DOUBT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

type ServerCode = keyof typeof HTTP_STATUS_FOR_ERROR;
const CODE_FOR_STATUS = new Map<number, ServerCode>(
  Object.entries(HTTP_STATUS_FOR_ERROR).map(([code, status]) => [status, code as ServerCode]),
);

/** @internal */
interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: PreauthRequestBody | StartTransactionBody | WebAuthnAssertionBody;
  /** Headers of this request alone (the attempt binding, the idempotency key). */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/** @internal */
interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Creates the HTTP adapter.
 *
 * - Every response is validated; anything off-contract rejects with `bad_response`, never a `TypeError`.
 * - Rule **Retry-After**: read on 429 and 503 (`retryAfter`, seconds) and honoured by every retry, up to
 *   `MAX_RETRY_AFTER_SECONDS`; an error whose server asks for longer is never retried (and has no
 *   `retryAfter`: the user is told to try again later). No delay overflows `setTimeout`.
 * - Rule **in-doubt starts**: a start whose outcome is unknown (network, timeout, 502/503/504, a 2xx with a
 *   malformed or cut body) is sent again with the same `Idempotency-Key`, up to 2 retries with backoff, so
 *   the server answers with the transaction it may already have started. A 429 or another 4xx is final.
 * - `watch()` long-polls `GET /transactions/{txid}?after=version&wait=S`. All watchers of one transaction
 *   share one poll loop (never two polls in flight); the loop stops when the last watcher stops. Transient
 *   failures (`network`, `timeout`, `unavailable`, `rate_limited`) are retried up to `maxRetries` times in a
 *   row, with exponential backoff, full jitter and at least the server's `Retry-After`; then the watch
 *   rejects with the last error. Other errors end the watch at once, and so does an answer that breaks rule
 *   **versions** (`bad_response`). A hidden page does not poll.
 * - `cancel(txid)` (rule **cancel tells the truth**) first aborts that transaction's poll and any backoff
 *   wait, then POSTs the cancel, up to 3 attempts in all while it fails transiently, with backoff. Once the
 *   backend confirms it (a 404 `expired` counts: already gone), the loop reads the state once more,
 *   without waiting: watchers yield that final status (`canceled`, or `allow`/`deny` if the transaction
 *   ended first) and return. If that read fails, they return without yielding more. If the last attempt
 *   fails, `cancel` rejects with its error and polling resumes, since the transaction still runs.
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
  const retries = (attempts: number, retryIf: RetryPolicy['retryIf']): RetryPolicy => ({ ...loopOptions, attempts, retryIf });
  const cancelPolicy = retries(CANCEL_ATTEMPTS, isTransient);
  const startPolicy = retries(START_ATTEMPTS, isInDoubt);
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
    }, clampDelay(timeoutMs));
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

  async function expectJson<T>(call: Call, schema: Schema<T>): Promise<T> {
    const answer = await send(call);
    if (!isSuccess(answer.status)) throw errorFrom(answer);
    const issues: string[] = [];
    const output = validate(schema, parseJson(answer.text), issues);
    if (output === undefined) throw badResponse(call, answer.status, describeIssues(issues, answer.text));
    return output;
  }

  async function expectNoContent(call: Call): Promise<void> {
    const answer = await send(call);
    if (!isSuccess(answer.status)) throw errorFrom(answer);
  }

  function errorFrom({ status, headers, text }: Answer): MfaError {
    const body = validate(ErrorBodySchema, parseJson(text))?.error;
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
    // Rule Retry-After: the codes that mean "wait" (429, 503) carry it, unless it is beyond the cap.
    const wait =
      code === 'rate_limited' || code === 'unavailable'
        ? retryAfterOf(body?.retryAfter, headers.get('retry-after'), now())
        : { tooLong: false };
    const error = new MfaError(code, body?.message || MESSAGES[code], {
      httpStatus: status,
      ...(wait.seconds !== undefined && { retryAfter: wait.seconds }),
      ...(code === 'invalid_passcode' && { attemptsLeft: body?.attemptsLeft }),
    });
    return wait.tooLong ? giveUpOn(error) : error;
  }

  async function start(
    body: StartTransactionBody,
    { signal, idempotencyKey = newIdempotencyKey() }: Pick<StartOptions, 'signal' | 'idempotencyKey'>,
  ): Promise<Transaction> {
    // The same key on every attempt: a repeated start gets the transaction the first one may have made.
    const call: Call = { method: 'POST', path: '/transactions', body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey }, signal };
    const { txid, method, version, status } = await withRetries(() => expectJson(call, TransactionBodySchema), startPolicy, signal);
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

    /** Rule **cancel tells the truth**: resolves only once the backend confirmed; the loop waits until then. */
    async cancel(txid, { signal }: CallOptions = {}) {
      const settle = loops.get(txid)?.interrupt();
      const call: Call = { method: 'POST', path: `${transactionPath(txid)}/cancel`, headers: attemptHeaders(txid), signal };
      let confirmed = false;
      try {
        await withRetries(
          () => expectNoContent(call).catch((error: unknown) => {
            // Already gone (404 expired, as the contract says): as good as canceled.
            if (!isMfaError(error, 'expired') || error.httpStatus !== 404) throw error;
          }),
          cancelPolicy,
          signal,
        );
        confirmed = true;
      } finally {
        settle?.(confirmed);
      }
    },

    startWebAuthn: startWithDevice('webauthn'),

    /** In doubt like a start: the server answers the same assertion again with the final status, not a second check. */
    async completeWebAuthn(txid, assertion, { signal }: CallOptions = {}) {
      const path = `${transactionPath(txid)}/assertion`;
      const call: Call = { method: 'POST', path, body: { credential: assertion }, headers: attemptHeaders(txid), signal };
      const body = await withRetries(() => expectJson(call, TransactionBodySchema), startPolicy, signal);
      if (body.txid !== txid) throw badResponse(call, 200, 'answer for another transaction');
      if (!body.status.final) throw badResponse(call, 200, 'an assertion must end the transaction');
      return { txid, method: body.method, status: body.status };
    },
  };
}

/** Rule **in-doubt starts**: the start may or may not have happened on the server. */
function isInDoubt(error: MfaError): boolean {
  const status = error.httpStatus;
  if (status === undefined) return error.code === 'network' || error.code === 'timeout';
  return (IN_DOUBT_STATUSES.has(status) && isTransient(error)) || (error.code === 'bad_response' && isSuccess(status));
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
  return contractViolation(`${call.method} ${call.path.split('?')[0]} (HTTP ${status})`, problem, status);
}

function describeIssues(issues: string[], text: string): string {
  if (text.trim() === '') return 'empty body';
  if (parseJson(text) === undefined) return 'body is not JSON';
  return issues.join('; ');
}
