/**
 * The simulated Auth API over the Fetch API: `(request: Request) => Promise<Response>`. Checks Duo's
 * request signature (HTTP Basic `ikey:hex HMAC-SHA512` over the canonical request, with the `Date` or
 * `X-Duo-Date` header within `dateSkewMs` of the clock), then answers in Duo's envelope:
 * `{ stat: "OK", response }` or `{ stat: "FAIL", code, message, message_detail }`.
 *
 * Signature failures use the 401xx codes Duo documents for its APIs (40101 missing credentials, 40102
 * unknown integration key, 40103 bad signature); a missing or stale date uses 40104 and 40105, our
 * choice where Duo's Auth API page lists no code for it.
 */
import { canonicalParams, canonicalRequest, signDuoRequest } from '../../src/server/duo-signing.js';
import { DuoSimError, type DuoAuthApiSimulator } from './simulator.js';

const envelope = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const fail = (error: DuoSimError) =>
  envelope(
    error.httpStatus,
    { stat: 'FAIL', code: error.code, message: error.message, ...(error.detail ? { message_detail: error.detail } : {}) },
    error.httpStatus === 429 ? { 'Retry-After': '10' } : {},
  );

function paramsOf(search: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of search) params[key] = value;
  return params;
}

/** Constant-time enough for a simulator, and never short-circuits on the first differing byte. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

async function checkSignature(sim: DuoAuthApiSimulator, request: Request, url: URL, params: Record<string, string>): Promise<void> {
  const auth = request.headers.get('Authorization') ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(auth);
  const [ikey, signature] = match ? atob(match[1]!).split(':') : [];
  if (!ikey || !signature) throw new DuoSimError(401, 40101, 'Missing request credentials');
  if (ikey !== sim.integrationKey) throw new DuoSimError(401, 40102, 'Invalid integration key in request credentials');
  const date = request.headers.get('X-Duo-Date') ?? request.headers.get('Date');
  if (!date) throw new DuoSimError(401, 40104, 'Missing request date');
  const sent = Date.parse(date);
  if (!Number.isFinite(sent) || Math.abs(sent - sim.options.now()) > sim.options.dateSkewMs) {
    throw new DuoSimError(401, 40105, 'Request date is not within the allowed window');
  }
  const expected = await signDuoRequest(sim.secretKey, canonicalRequest(date, request.method, url.host, url.pathname, params));
  if (!sameText(expected, signature.toLowerCase())) throw new DuoSimError(401, 40103, 'Invalid signature in request credentials');
}

export function createDuoAuthApiHandler(sim: DuoAuthApiSimulator): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    try {
      if (url.pathname === '/auth/v2/ping' && request.method === 'GET') return envelope(200, { stat: 'OK', response: { time: Math.floor(sim.options.now() / 1000) } });
      const params =
        request.method === 'POST'
          ? paramsOf(new URLSearchParams(await request.text()))
          : paramsOf(url.searchParams);
      // Parameters must arrive exactly in canonical form, as Duo's clients send them.
      const sentForm = request.method === 'POST' ? undefined : url.search.slice(1);
      if (sentForm !== undefined && sentForm !== canonicalParams(params)) throw new DuoSimError(400, 40002, 'Invalid request parameters', 'query');
      await checkSignature(sim, request, url, params);
      const fault = sim.takeFault(url.pathname);
      if (fault === 'hang') {
        await new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
      } else if (fault) {
        throw fault;
      }
      sim.requests.push({ path: url.pathname, params });
      const route = `${request.method} ${url.pathname}`;
      const ok = (response: unknown) => envelope(200, { stat: 'OK', response });
      if (route === 'GET /auth/v2/check') return ok({ time: Math.floor(sim.options.now() / 1000) });
      if (route === 'POST /auth/v2/preauth') return ok(sim.preauth(params));
      if (route === 'POST /auth/v2/auth') return ok(sim.auth(params));
      if (route === 'GET /auth/v2/auth_status') return ok(await sim.authStatus(params, request.signal));
      throw new DuoSimError(404, 40401, 'Resource not found');
    } catch (error) {
      if (error instanceof DuoSimError) return fail(error);
      throw error;
    }
  };
}
