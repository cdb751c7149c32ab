/**
 * The HTTP contract (`src/adapter/wire.ts`) on top of the simulator, as MSW 2 handlers: request bodies
 * validated, errors as `{ "error": {...} }` with the contract's statuses, the long poll, and the
 * remember-me cookie. Nothing here logs a request body: it may carry a passcode.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import {
  ATTEMPT_HEADER,
  HTTP_STATUS_FOR_ERROR,
  IDEMPOTENCY_HEADER,
  MAX_WAIT_SECONDS,
  REMEMBER_COOKIE,
  type ErrorBody,
} from '../src/adapter/wire.js';
import { SimulatorError } from './core/errors.js';
import { MESSAGES } from './core/messages.js';
import type { MfaSimulator } from './core/simulator.js';
import type { TransactionSnapshot } from './core/types.js';
import { assertionBody, preauthBody, readJson, startBody } from './request-bodies.js';

export interface HandlerOptions {
  /** Where the routes live: a path (`/mfa`, resolved against the page in the browser) or an absolute URL. Default `/mfa`. */
  baseUrl?: string;
  /** Added before every answer, in ms; 0 (the default) adds none. */
  latencyMs?: number;
}

/** Responses are per user and change at every poll: never cache them. */
const NO_STORE = { 'Cache-Control': 'no-store' };

export function createHandlers(sim: MfaSimulator, { baseUrl = '/mfa', latencyMs = 0 }: HandlerOptions = {}): HttpHandler[] {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`latencyMs must be a number >= 0, got ${latencyMs}`);
  const base = baseUrl.replace(/\/+$/, '');
  const answer = async (respond: () => Response | Promise<Response>): Promise<Response> => {
    // An explicit number: MSW's delay() without one is random in the browser.
    if (latencyMs > 0) await delay(latencyMs);
    try {
      return await respond();
    } catch (error) {
      if (error instanceof SimulatorError) return errorResponse(error);
      throw error;
    }
  };

  return [
    http.post(`${base}/preauth`, ({ request, cookies }) =>
      answer(async () => {
        const body = preauthBody(await readJson(request));
        // **first-factor ticket**: the contract's words (the core's own error adds a hint for developers).
        if (!body.ticket) throw new SimulatorError('invalid_request', MESSAGES.ticketRequired);
        const rememberToken = cookies[REMEMBER_COOKIE];
        const result = sim.preauth(body, rememberToken ? { rememberToken } : {});
        return HttpResponse.json(result, { headers: NO_STORE });
      }),
    ),

    http.post(`${base}/transactions`, ({ request }) =>
      answer(async () => {
        const body = startBody(await readJson(request));
        // **idempotent starts**: without the header a start is not idempotent (older clients).
        const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER);
        return transactionResponse(request, sim.start(body, idempotencyKey === null ? {} : { idempotencyKey }), 201);
      }),
    ),

    http.get<{ txid: string }>(`${base}/transactions/:txid`, ({ request, params }) =>
      answer(async () => {
        const attemptId = attemptOf(request);
        const query = new URL(request.url).searchParams;
        const after = query.get('after');
        if (after === null) return transactionResponse(request, sim.get(params.txid, attemptId));
        if (!/^\d{1,15}$/.test(after)) throw new SimulatorError('invalid_request', '"after" must be a version number (an integer >= 0).');
        const wait = query.get('wait');
        const waitSeconds = wait === null ? MAX_WAIT_SECONDS : Number(wait);
        if (wait === '' || !Number.isFinite(waitSeconds) || waitSeconds < 0) {
          throw new SimulatorError('invalid_request', '"wait" must be a number of seconds >= 0.');
        }
        const timeoutMs = Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000;
        try {
          return transactionResponse(request, await sim.waitForChange(params.txid, attemptId, Number(after), timeoutMs, request.signal));
        } catch (error) {
          // The client went away (closed the tab, aborted the poll): nobody reads this answer.
          if (request.signal.aborted) return new HttpResponse(null, { status: 499, headers: NO_STORE });
          throw error;
        }
      }),
    ),

    http.post<{ txid: string }>(`${base}/transactions/:txid/cancel`, ({ request, params }) =>
      answer(() => {
        sim.cancel(params.txid, attemptOf(request));
        return new HttpResponse(null, { status: 204, headers: NO_STORE });
      }),
    ),

    // **WebAuthn**: 200 with the final status; the same assertion again gets the same answer, unchecked.
    http.post<{ txid: string }>(`${base}/transactions/:txid/assertion`, ({ request, params }) =>
      answer(async () => {
        const attemptId = attemptOf(request);
        const { credential } = assertionBody(await readJson(request));
        return transactionResponse(request, await sim.completeWebAuthn(params.txid, attemptId, credential));
      }),
    ),
  ];
}

/** **attempt binding**: the `Mfa-Attempt-Id` header; missing, it matches no transaction (404 `expired`). */
function attemptOf(request: Request): string {
  return request.headers.get(ATTEMPT_HEADER) ?? '';
}

function transactionResponse(request: Request, snapshot: TransactionSnapshot, status = 200): Response {
  const { rememberToken, rememberMaxAgeSeconds } = snapshot;
  const cookie = rememberToken && rememberMaxAgeSeconds ? rememberCookie(rememberToken, rememberMaxAgeSeconds, basePathOf(request)) : undefined;
  if (!cookie) return HttpResponse.json(snapshot.body, { status, headers: NO_STORE });
  if (isSecureOrigin(new URL(request.url))) {
    // In the init headers, MSW records the cookie in its jar: in the browser, the only place a mocked
    // HttpOnly cookie can live (the page cannot write one, and the browser drops Set-Cookie from a
    // constructed Response). See mock-server/README.md.
    return HttpResponse.json(snapshot.body, { status, headers: { ...NO_STORE, 'Set-Cookie': cookie } });
  }
  // Over plain http to another host, MSW's jar throws on a Secure cookie and the answer becomes a 500.
  // Added afterwards, the header skips the jar: a Node client still sees it; a browser would drop a
  // Secure cookie on such an origin anyway.
  const response = HttpResponse.json(snapshot.body, { status, headers: NO_STORE });
  response.headers.append('Set-Cookie', cookie);
  return response;
}

/** Where a Secure cookie may be stored: https, or a loopback host (as browsers and tough-cookie treat localhost). */
function isSecureOrigin(url: URL): boolean {
  const host = url.hostname;
  return url.protocol === 'https:' || host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);
}

/**
 * The remember-me cookie. `Path` is the routes' base path (`/mfa`): the narrowest path that still reaches
 * preauth, so the rest of the site never receives it. Always `Secure`: browsers store it on https and on
 * http://localhost, which they count as secure; a plain-http development host on another name drops it.
 */
export function rememberCookie(token: string, maxAgeSeconds: number, path = '/'): string {
  return `${REMEMBER_COOKIE}=${token}; HttpOnly; Secure; SameSite=Strict; Path=${path}; Max-Age=${maxAgeSeconds}`;
}

/** The routes' base path, from a request to `{base}/transactions...`. */
function basePathOf(request: Request): string {
  return new URL(request.url).pathname.replace(/\/transactions(\/.*)?$/, '') || '/';
}

function errorResponse(error: SimulatorError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
      ...(error.attemptsLeft === undefined ? {} : { attemptsLeft: error.attemptsLeft }),
    },
  };
  const headers = new Headers(NO_STORE);
  if (error.retryAfter !== undefined) headers.set('Retry-After', String(Math.ceil(error.retryAfter)));
  return HttpResponse.json(body, { status: HTTP_STATUS_FOR_ERROR[error.code], headers });
}
