/**
 * A client for the raw HTTP contract. Unlike the prompt's adapter it hides nothing: every answer comes back
 * with its status, headers and body as sent, and every exchange is recorded so the contract checks can look
 * at all of them at the end (schemas, `Cache-Control`, `Retry-After`).
 */
import { ATTEMPT_HEADER, IDEMPOTENCY_HEADER, type StartTransactionBody } from '../src/adapter/wire.js';

/** Which contract route an exchange went to (`control` for the test-control interface). */
export type Route = 'preauth' | 'start' | 'poll' | 'cancel' | 'assertion' | 'control' | 'other';

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined for an empty or non-JSON body (see `text`). */
  json: unknown;
  text: string;
  /** Real time from sending to the whole body read. */
  ms: number;
}

export interface Exchange extends Answer {
  route: Route;
  method: string;
  /** Path and query, relative to the base URL (no passcodes: they only travel in bodies). */
  path: string;
  /** The check that sent it. */
  check: string;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Real-time limit for the whole exchange. */
  timeoutMs?: number;
}

export class TimeoutError extends Error {}

export class ContractClient {
  readonly baseUrl: string;
  /** Every exchange, in order. */
  readonly log: Exchange[] = [];
  /** Set by the runner: the check whose exchanges are being recorded. */
  currentCheck = '';
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;
  readonly #pollWaitSeconds: number;

  constructor(baseUrl: string, { fetch, timeoutMs = 15_000, pollWaitSeconds = 2 }: { fetch?: Fetch; timeoutMs?: number; pollWaitSeconds?: number } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    // Looked up at call time: a test may install an interceptor (MSW) after the client was made.
    this.#fetch = fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = timeoutMs;
    this.#pollWaitSeconds = pollWaitSeconds;
  }

  /** How long a poll asks the server to hold (`wait`), in seconds. */
  get pollWaitSeconds(): number {
    return this.#pollWaitSeconds;
  }

  preauth(body: Record<string, unknown>, { cookie }: { cookie?: string } = {}): Promise<Answer> {
    return this.send('POST', '/preauth', 'preauth', { body, headers: cookie ? { Cookie: cookie } : {} });
  }

  /** `idempotencyKey`: a fresh random key unless given; `null` sends none. */
  start(body: StartTransactionBody | Record<string, unknown>, { idempotencyKey }: { idempotencyKey?: string | null } = {}): Promise<Answer> {
    const key = idempotencyKey === undefined ? newIdempotencyKey() : idempotencyKey;
    return this.send('POST', '/transactions', 'start', { body, headers: key === null ? {} : { [IDEMPOTENCY_HEADER]: key } });
  }

  /** A long poll. `attemptId: null` sends no `Mfa-Attempt-Id`; `after: null` sends no `after`. */
  poll(
    txid: string,
    { attemptId, after, wait = this.#pollWaitSeconds, timeoutMs }: { attemptId: string | null; after: number | null; wait?: number; timeoutMs?: number },
  ): Promise<Answer> {
    const query = after === null ? '' : `?after=${after}&wait=${wait}`;
    return this.send('GET', `/transactions/${encodeURIComponent(txid)}${query}`, 'poll', {
      headers: attemptHeader(attemptId),
      timeoutMs: timeoutMs ?? (after === null ? this.#timeoutMs : wait * 1000 + this.#timeoutMs),
    });
  }

  cancel(txid: string, attemptId: string | null): Promise<Answer> {
    return this.send('POST', `/transactions/${encodeURIComponent(txid)}/cancel`, 'cancel', { headers: attemptHeader(attemptId) });
  }

  assertion(txid: string, attemptId: string | null, body: unknown): Promise<Answer> {
    return this.send('POST', `/transactions/${encodeURIComponent(txid)}/assertion`, 'assertion', { body, headers: attemptHeader(attemptId) });
  }

  /** Any request under the base URL, recorded like the others. */
  async send(method: string, path: string, route: Route, { body, headers = {}, timeoutMs = this.#timeoutMs }: RequestOptions = {}): Promise<Answer> {
    const started = performance.now();
    const init: RequestInit = {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))),
      redirect: 'manual',
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, init);
      text = await response.text();
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new TimeoutError(`${method} ${path} got no answer within ${(timeoutMs / 1000).toFixed(1)} s`);
      }
      throw new Error(`${method} ${path} failed: ${(error as Error)?.message ?? String(error)}${causeOf(error)}`);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const answer: Answer = { status: response.status, headers: response.headers, json, text, ms: performance.now() - started };
    this.log.push({ ...answer, route, method, path, check: this.currentCheck });
    return answer;
  }
}

function attemptHeader(attemptId: string | null): Record<string, string> {
  return attemptId === null ? {} : { [ATTEMPT_HEADER]: attemptId };
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause ? ` (${cause.code ?? cause.message ?? 'no detail'})` : '';
}

/** 32 hex digits from the platform's cryptographic generator. */
export function newIdempotencyKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `Retry-After` in seconds from now: an integer of seconds or an HTTP date. Undefined when absent,
 * NaN when unreadable.
 */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? Number.NaN : Math.max(0, Math.ceil((date - now) / 1000));
}
