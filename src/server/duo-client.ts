/**
 * The upstream client: signed calls to Duo's Auth API v2 with a timeout on every one, and the envelope
 * (`{ stat: "OK", response }` or `{ stat: "FAIL", code, message, message_detail }`) unwrapped into a
 * value or a {@link DuoApiError}. It knows nothing about our contract; `duo-mapping.ts` translates.
 */
import { canonicalParams, canonicalRequest, duoAuthorization, duoDate, type DuoParams } from './duo-signing.js';

export interface DuoClientOptions {
  integrationKey: string;
  secretKey: string;
  /** `api-XXXXXXXX.duosecurity.com`: a host name, no scheme. */
  apiHost: string;
  /** `https:` unless testing against the simulated Auth API over plain http on localhost. */
  protocol?: 'https:' | 'http:';
  /** Defaults to the global `fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Timeout of preauth and auth calls, ms (default 10 000). */
  timeoutMs?: number;
  /** The clock for the `Date` header (default `Date.now`). */
  now?: () => number;
}

/** Duo's device, as preauth lists it. Fields we do not use are left out. */
export interface DuoDevice {
  device: string;
  type?: string;
  name?: string;
  display_name?: string;
  number?: string;
  capabilities?: string[];
  sms_nextcode?: string;
}

export interface DuoPreauth {
  result: 'auth' | 'allow' | 'deny' | 'enroll';
  status_msg?: string;
  devices?: DuoDevice[];
  enroll_portal_url?: string;
}

/** The answer of a synchronous `auth` and of `auth_status`. */
export interface DuoAuthStatus {
  result: 'allow' | 'deny' | 'waiting';
  status?: string;
  status_msg?: string;
  trusted_device_token?: string;
  /** Not in Duo's documented fields; read if present, else the code is taken from `status_msg`. */
  verification_code?: string;
}

/** A failed upstream call: Duo's `FAIL` envelope, or no usable answer at all (`code` 0). */
export class DuoApiError extends Error {
  constructor(
    /** HTTP status of Duo's answer; 0 when there was none (network, timeout, not JSON). */
    readonly httpStatus: number,
    /** Duo's five-digit code (e.g. 40002, 42901); 0 when there was none. */
    readonly code: number,
    message: string,
    readonly detail?: string,
    /** Seconds from a `Retry-After` header on Duo's answer, when it sent one. */
    readonly retryAfter?: number,
    /** True when the call ran out of time (the bridge's own timeout). */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'DuoApiError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class DuoClient {
  readonly #options: DuoClientOptions;

  constructor(options: DuoClientOptions) {
    if (!options.integrationKey || !options.secretKey || !options.apiHost) {
      throw new TypeError('The Duo bridge needs integrationKey, secretKey and apiHost.');
    }
    if (/[/:]/.test(options.apiHost)) throw new TypeError('apiHost is a host name such as api-XXXXXXXX.duosecurity.com, without scheme or path.');
    this.#options = options;
  }

  preauth(params: DuoParams, signal?: AbortSignal): Promise<DuoPreauth> {
    return this.#call<DuoPreauth>('POST', '/auth/v2/preauth', params, this.#timeout(), signal);
  }

  /** With `async: '1'` the answer is `{ txid }`; without it (passcodes, SMS), a status. */
  auth<T = DuoAuthStatus | { txid: string }>(params: DuoParams, signal?: AbortSignal): Promise<T> {
    return this.#call<T>('POST', '/auth/v2/auth', params, this.#timeout(), signal);
  }

  /** Duo's long poll: answers when the status changes. `timeoutMs` bounds how long we wait for it. */
  authStatus(txid: string, timeoutMs: number, signal?: AbortSignal): Promise<DuoAuthStatus> {
    return this.#call<DuoAuthStatus>('GET', '/auth/v2/auth_status', { txid }, timeoutMs, signal);
  }

  #timeout(): number {
    return this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async #call<T>(method: 'GET' | 'POST', path: string, params: DuoParams, timeoutMs: number, signal?: AbortSignal): Promise<T> {
    const { integrationKey, secretKey, apiHost } = this.#options;
    const date = duoDate((this.#options.now ?? Date.now)());
    const authorization = await duoAuthorization(integrationKey, secretKey, canonicalRequest(date, method, apiHost, path, params));
    const query = canonicalParams(params);
    const base = `${this.#options.protocol ?? 'https:'}//${apiHost}${path}`;
    const headers: Record<string, string> = { Authorization: authorization, Date: date };
    if (method === 'POST') headers['Content-Type'] = 'application/x-www-form-urlencoded';
    // A timer of our own rather than AbortSignal.timeout: that one is unref'd in Node, and a process with
    // nothing else to do would exit under a call that Duo never answers.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('Duo did not answer in time', 'TimeoutError')), timeoutMs);
    const request = new Request(method === 'GET' && query ? `${base}?${query}` : base, {
      method,
      headers,
      body: method === 'POST' ? query : null,
      signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
    });
    let response: Response;
    let envelope: { stat?: string; response?: T; code?: number; message?: string; message_detail?: string };
    try {
      response = await (this.#options.fetch ?? fetch)(request);
      envelope = await response.json();
    } catch (error) {
      clearTimeout(timer);
      if (signal?.aborted) throw signal.reason;
      const timedOut = timeout.signal.aborted;
      throw new DuoApiError(0, 0, timedOut ? `Duo did not answer ${path} within ${timeoutMs} ms` : `Duo could not be reached (${path}): ${String(error)}`, undefined, undefined, timedOut);
    }
    clearTimeout(timer);
    if (envelope?.stat === 'OK' && envelope.response !== undefined && response.ok) return envelope.response;
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new DuoApiError(
      response.status,
      typeof envelope?.code === 'number' ? envelope.code : 0,
      typeof envelope?.message === 'string' ? envelope.message : `Duo answered ${response.status} without an error envelope`,
      typeof envelope?.message_detail === 'string' ? envelope.message_detail : undefined,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
}
