/**
 * A server-side bridge from mfa-prompt's HTTP contract (`docs/openapi.yaml`) to Duo's Auth API v2.
 *
 * One request handler on the web-standard Fetch API, so it runs in Node 20, in Fetch-style frameworks
 * (Hono, Next.js route handlers, Express through an adapter) and on edge runtimes:
 * ```ts
 * const bridge = createDuoBridge({ integrationKey, secretKey, apiHost, basePath: '/mfa',
 *   getUsername: (request) => sessionUserOf(request) });
 * // route every request under /mfa to bridge.handle
 * ```
 * Stateless: attempt and transaction ids are signed and expiring (`duo-ids.ts`); the keys and the API
 * host never reach the browser; the username comes from the host's `getUsername` at preauth, then from
 * the signed attempt id (checked against the session again when `sessionBound`).
 * The guide, the mapping tables and what it does not do: `docs/duo-bridge.md`.
 */
import { REMEMBER_COOKIE } from './duo-contract.js';
import { DuoApiError, DuoClient, type DuoClientOptions } from './duo-client.js';
import { BridgeError, errorResponse, fromDuoError, MESSAGES, startInDoubt } from './duo-errors.js';
import { DuoIds } from './duo-ids.js';
import { mapDevice, methodsOf, TEXT } from './duo-mapping.js';
import { cookieOf, json, readJson } from './duo-http.js';
import { cancel, poll, start } from './duo-transactions.js';
import { Sealer } from './sealed-ids.js';

export interface DuoBridgeOptions {
  /** From the Auth API application in Duo's Admin Panel. Server-side only. */
  integrationKey: string;
  secretKey: string;
  /** `api-XXXXXXXX.duosecurity.com` */
  apiHost: string;
  /**
   * The user who passed the host's first factor, from the host's own session (a cookie, a ticket it
   * verifies): never from the browser's word. `undefined` or `null` refuses the request (404 `expired`).
   * At preauth it also gets the JSON body (to verify a `ticket`); see `sessionBound` for other requests.
   */
  getUsername: (request: Request, preauthBody?: Record<string, unknown>) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * True (default): the host's session is on every request (a same-site cookie), and every start, poll
   * and cancel must come from the session of the attempt's user. False: only preauth proves the user
   * (a first-factor `ticket` in its body, which `getUsername` verifies); later requests rely on the
   * signed attempt id alone, and a preauth without `ticket` is 400 `invalid_request`.
   */
  sessionBound?: boolean;
  /** Where the routes are mounted (`/mfa`): the paths below it are matched, and the cookie's `Path`. */
  basePath?: string;
  /** Key for the bridge's signed ids (any length ≥ 32 characters). Default: derived from `secretKey`. */
  signingKey?: string;
  /**
   * Offer "remember me" for this many seconds. Set it to the "Remembered devices" duration of the Duo
   * policy: Duo's preauth does not say whether that policy is on. Leave it out and the box is not offered.
   */
  rememberMeSeconds?: number;
  /** The SMS batch size set in Duo's Admin Panel (default 10): the API does not report it. */
  smsBatchSize?: number;
  /** Ask Duo for Verified Push codes and show them in the prompt (default true). */
  verifiedPush?: boolean;
  /** Timeout of each preauth and auth call to Duo, ms (default 10 000). */
  upstreamTimeoutMs?: number;
  /** Wait before trying again after Duo's 429, when Duo sends no `Retry-After` (seconds, default 30). */
  rateLimitRetryAfterSeconds?: number;
  /** How long an attempt (and its transactions) lives, seconds (default 600). */
  attemptLifetimeSeconds?: number;
  /** How long a login token may wait for redemption, seconds (default 120). */
  loginTokenLifetimeSeconds?: number;
  /** Logs of upstream failures (they reach the browser only as `unavailable`, `invalid_request`...). */
  onUpstreamError?: (error: DuoApiError) => void;
  /** For tests and other runtimes: `fetch`, the protocol of `apiHost`, the clock. */
  fetch?: DuoClientOptions['fetch'];
  protocol?: DuoClientOptions['protocol'];
  now?: () => number;
}

export interface DuoBridge {
  /** Serves `POST {base}/preauth`, `POST {base}/transactions`, `GET {base}/transactions/{txid}`, `POST .../cancel`. */
  handle(request: Request): Promise<Response>;
  /**
   * For the host's server, after `mfa-success`: the token's facts when it was issued by this bridge for
   * `username` and has not expired. Redeem each `jti` once (keep it until `expiresAtMs`).
   */
  verifyLoginToken(token: string, username: string): Promise<{ jti: string; method: string; expiresAtMs: number } | undefined>;
}

/** Everything the route handlers share. */
export interface BridgeContext {
  options: DuoBridgeOptions;
  duo: DuoClient;
  ids: DuoIds;
  now: () => number;
  attemptLifetimeMs: number;
  tokenLifetimeMs: number;
  basePath: string;
  /** Runs a Duo call; its failure becomes our typed error (`inDoubt`: a start Duo may have carried out). */
  upstream: <T>(call: () => Promise<T>, inDoubt?: boolean) => Promise<T>;
}

export function createDuoBridge(options: DuoBridgeOptions): DuoBridge {
  if (typeof options.getUsername !== 'function') throw new TypeError('The Duo bridge needs getUsername(request) from the host session.');
  if (options.signingKey !== undefined && options.signingKey.length < 32) throw new TypeError('signingKey must be at least 32 characters.');
  const now = options.now ?? Date.now;
  const duo = new DuoClient({
    integrationKey: options.integrationKey,
    secretKey: options.secretKey,
    apiHost: options.apiHost,
    now,
    ...(options.protocol ? { protocol: options.protocol } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.upstreamTimeoutMs ? { timeoutMs: options.upstreamTimeoutMs } : {}),
  });
  const attemptLifetimeMs = (options.attemptLifetimeSeconds ?? 600) * 1000;
  const ctx: BridgeContext = {
    options,
    duo,
    ids: new DuoIds(new Sealer(options.signingKey ?? options.secretKey, options.signingKey === undefined), attemptLifetimeMs),
    now,
    attemptLifetimeMs,
    tokenLifetimeMs: (options.loginTokenLifetimeSeconds ?? 120) * 1000,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    async upstream(call, inDoubt = false) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof DuoApiError)) throw error;
        options.onUpstreamError?.(error);
        const mapped = fromDuoError(error, options.rateLimitRetryAfterSeconds ?? 30);
        throw inDoubt ? startInDoubt(mapped, error) : mapped;
      }
    },
  };

  return {
    async handle(request) {
      try {
        return await route(ctx, request);
      } catch (error) {
        if (error instanceof BridgeError) return errorResponse(error);
        throw error;
      }
    },
    verifyLoginToken: (token, username) => ctx.ids.readLoginToken(token, username, now()),
  };
}

async function route(ctx: BridgeContext, request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const relative = path.startsWith(`${ctx.basePath}/`) ? path.slice(ctx.basePath.length) : undefined;
  if (request.method === 'POST' && relative === '/preauth') return preauth(ctx, request);
  if (request.method === 'POST' && relative === '/transactions') return start(ctx, request);
  const tx = /^\/transactions\/([^/]{1,200})(\/cancel)?$/.exec(relative ?? '');
  if (tx && request.method === 'GET' && !tx[2]) return poll(ctx, request, decodeURIComponent(tx[1]!));
  if (tx && request.method === 'POST' && tx[2]) return cancel(ctx, request, decodeURIComponent(tx[1]!));
  throw new BridgeError('expired', MESSAGES.expired);
}

async function preauth(ctx: BridgeContext, request: Request): Promise<Response> {
  const body = await readJson(request);
  if (ctx.options.sessionBound === false && typeof body['ticket'] !== 'string') {
    throw new BridgeError('invalid_request', 'A first-factor ticket is required.');
  }
  const username = await ctx.options.getUsername(request, body);
  // `username` in the body is a display hint; when sent it must name the proven user.
  if (!username || (body['username'] !== undefined && body['username'] !== username)) throw new BridgeError('expired', MESSAGES.expired);
  if (new TextEncoder().encode(username).length > DuoIds.MAX_USERNAME_BYTES) {
    throw new BridgeError('invalid_request', `Usernames longer than ${DuoIds.MAX_USERNAME_BYTES} bytes are not supported.`);
  }
  const trusted = ctx.options.rememberMeSeconds
    ? await ctx.ids.readRememberCookie(cookieOf(request, REMEMBER_COOKIE), username, ctx.now())
    : undefined;
  const answer = await ctx.upstream(() =>
    ctx.duo.preauth({
      username,
      ...(trusted ? { trusted_device_token: trusted } : {}),
      ...(ctx.options.verifiedPush !== false ? { client_supports_verified_push: '1' } : {}),
    }),
  );
  switch (answer.result) {
    case 'auth': {
      const devices = (answer.devices ?? []).filter((d) => typeof d?.device === 'string' && d.device.length <= 200).map(mapDevice);
      const remember = ctx.options.rememberMeSeconds ?? 0;
      return json({
        result: 'auth',
        attemptId: await ctx.ids.newAttempt(username, ctx.now()),
        devices,
        policy: {
          methods: methodsOf(devices),
          rememberMe: { allowed: remember > 0, durationSeconds: remember },
          smsBatchSize: ctx.options.smsBatchSize ?? 10,
          ...(ctx.options.verifiedPush !== false ? { verifiedPush: true } : {}),
        },
      });
    }
    case 'allow': {
      // Duo does not say why it allows; a trusted-device token we sent is the likely reason.
      const token = await ctx.ids.newLoginToken(username, trusted ? 'remembered' : 'not-required', ctx.now(), ctx.tokenLifetimeMs);
      return trusted
        ? json({ result: 'allow', reason: 'remembered-device', token, message: TEXT.remembered })
        : json({ result: 'allow', reason: 'not-required', token, message: TEXT.notRequired });
    }
    case 'enroll':
      return URL.canParse(answer.enroll_portal_url ?? '')
        ? json({ result: 'enroll', enrollUrl: answer.enroll_portal_url, message: TEXT.enroll })
        : json({ result: 'deny', message: TEXT.enroll });
    default:
      return json({ result: 'deny', message: TEXT.deniedPreauth });
  }
}
