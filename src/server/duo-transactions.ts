/**
 * `POST /transactions`, the long poll and cancel, on Duo's `auth` and `auth_status`.
 * - push, phone: `auth` with `async=1` gives Duo's txid; one `auth_status` gives the first status (and
 *   the Verified Push code) for the 201.
 * - sms: `auth` (synchronous) sends a batch, whose next code is the first (digit 1).
 * - passcode: `auth` (synchronous) checks it; keywords (`push`, `phone2`, ...) start that method.
 */
import { ATTEMPT_HEADER, MAX_WAIT_SECONDS, REMEMBER_COOKIE } from './duo-contract.js';
import type { BridgeContext } from './duo-bridge.js';
import { json, readJson } from './duo-http.js';
import { DuoApiError, type DuoAuthStatus } from './duo-client.js';
import { BridgeError, MESSAGES } from './duo-errors.js';
import type { TxClaims } from './duo-ids.js';
import { FINAL_VERSION, mapDevice, mapStatus, TEXT, type FinalOutcome, type PendingUpdate } from './duo-mapping.js';

/** Duo documents 60 s for a push to time out. */
const PUSH_LIFETIME_MS = 60_000;
/** At most one `auth_status` a second per poll, whatever Duo's long poll does. */
const MIN_UPSTREAM_INTERVAL_MS = 1000;
/** How long a start waits for Duo's first status before answering the first pending one itself. */
const FIRST_STATUS_TIMEOUT_MS = 3000;
/** How long a poll without `after` (only the current state) waits on Duo's long poll. */
const CURRENT_STATE_TIMEOUT_MS = 1000;
const KEYWORD = /^(push|phone|sms)([1-9]?)$/;

type Kind = 'push' | 'phone';

/** The attempt's user, when the id checks (and, if `sessionBound`, the session names the same user). */
async function attemptOf(ctx: BridgeContext, request: Request, attemptId: unknown): Promise<{ attemptId: string; username: string }> {
  const username = await ctx.ids.readAttempt(attemptId, ctx.now());
  if (username === undefined) throw new BridgeError('expired', MESSAGES.expired);
  if (ctx.options.sessionBound !== false && (await ctx.options.getUsername(request)) !== username) {
    throw new BridgeError('expired', MESSAGES.expired);
  }
  return { attemptId: attemptId as string, username };
}

export async function start(ctx: BridgeContext, request: Request): Promise<Response> {
  const body = await readJson(request);
  const { attemptId, username } = await attemptOf(ctx, request, body['attemptId']);
  const rememberMe = body['rememberMe'] === true && (ctx.options.rememberMeSeconds ?? 0) > 0;
  const deviceId = body['deviceId'];
  if (deviceId !== undefined && (typeof deviceId !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(deviceId))) {
    throw new BridgeError('invalid_request', 'Unknown device.');
  }
  switch (body['method']) {
    case 'push':
    case 'phone':
    case 'sms':
      if (!deviceId) throw new BridgeError('invalid_request', 'A deviceId is required.');
      return startOn(ctx, attemptId, username, body['method'], deviceId, rememberMe);
    case 'passcode':
      return passcode(ctx, attemptId, username, body['passcode'], rememberMe);
    default:
      throw new BridgeError('invalid_request', 'This method is not offered.');
  }
}

async function startOn(ctx: BridgeContext, attemptId: string, username: string, method: Kind | 'sms', device: string, rememberMe: boolean): Promise<Response> {
  const issuedMs = ctx.now();
  if (method === 'sms') {
    await ctx.upstream(() => ctx.duo.auth<DuoAuthStatus>({ username, factor: 'sms', device }), true);
    // Duo's answer has no next digit, but a new batch starts at position 1 (each code's first digit is
    // its position), and it replaced every older code. Later preauths report `sms_nextcode`.
    const digit = 1;
    const txid = await ctx.ids.newTransaction(attemptId, { kind: 'sms', duoTxid: '', rememberMe: false, smsDigit: digit, issuedMs });
    return json(smsBody(txid, digit), 201);
  }
  const { txid: duoTxid } = await ctx.upstream(() => ctx.duo.auth<{ txid: string }>({ username, factor: method, device, async: '1' }), true);
  if (typeof duoTxid !== 'string' || !/^[\x21-\x7e]{1,90}$/.test(duoTxid)) throw new BridgeError('unavailable', MESSAGES.unavailable);
  const claims: TxClaims = { kind: method, duoTxid, rememberMe, issuedMs };
  const txid = await ctx.ids.newTransaction(attemptId, claims);
  // The first status: Duo answers its long poll at once with it (and the Verified Push code). If it holds
  // the call instead, the start still succeeded: answer the first pending status rather than an error the
  // client would retry (a second push).
  try {
    const first = await ctx.duo.authStatus(duoTxid, Math.min(FIRST_STATUS_TIMEOUT_MS, ctx.options.upstreamTimeoutMs ?? 10_000));
    return answer(ctx, txid, claims, username, first, 201);
  } catch (error) {
    if (!(error instanceof DuoApiError)) throw error;
    ctx.options.onUpstreamError?.(error);
    return json({ txid, method, ...pendingAt(ctx, claims, 1)! }, 201);
  }
}

const smsBody = (txid: string, digit: number) => ({
  txid,
  method: 'sms',
  version: 1,
  status: { status: 'sent', final: true, message: TEXT.sent, nextSmsDigit: digit },
});

async function passcode(ctx: BridgeContext, attemptId: string, username: string, raw: unknown, rememberMe: boolean): Promise<Response> {
  const code = typeof raw === 'string' ? raw.replace(/[\s-]/g, '').toLowerCase() : '';
  const keyword = KEYWORD.exec(code);
  if (keyword) {
    // "push2": the second device that can push, as in the prompt's keyword rules.
    const method = keyword[1] as Kind | 'sms';
    const index = Number(keyword[2] || '1') - 1;
    const pre = await ctx.upstream(() => ctx.duo.preauth({ username }));
    const device = (pre.devices ?? []).map(mapDevice).filter((d) => d.capabilities.includes(method))[index];
    if (!device) throw new BridgeError('invalid_request', `There is no device number ${index + 1} for ${method}`);
    return startOn(ctx, attemptId, username, method, device.id, rememberMe);
  }
  if (!/^\d{6,10}$/.test(code)) throw new BridgeError('invalid_passcode', MESSAGES.invalidPasscode);
  const result = await ctx.upstream(() => ctx.duo.auth<DuoAuthStatus>({ username, factor: 'passcode', passcode: code }));
  if (result.result === 'allow') {
    const txid = await ctx.ids.newTransaction(attemptId, { kind: 'passcode', duoTxid: '', rememberMe, issuedMs: ctx.now() });
    return allow(ctx, txid, 'passcode', 1, username, rememberMe ? result.trusted_device_token : undefined, 201);
  }
  if (result.status === 'locked_out') throw new BridgeError('locked_out', MESSAGES.lockedOut);
  throw new BridgeError('invalid_passcode', MESSAGES.invalidPasscode);
}

async function allow(ctx: BridgeContext, txid: string, method: string, version: number, username: string, trusted: string | undefined, status: number, jtiSeed?: string): Promise<Response> {
  const token = await ctx.ids.newLoginToken(username, method, ctx.now(), ctx.tokenLifetimeMs, jtiSeed);
  const headers: Record<string, string> = {};
  const seconds = ctx.options.rememberMeSeconds ?? 0;
  if (trusted && seconds > 0) {
    const cookie = await ctx.ids.newRememberCookie(username, trusted, ctx.now(), seconds * 1000);
    headers['Set-Cookie'] = `${REMEMBER_COOKIE}=${cookie}; Max-Age=${seconds}; Path=${ctx.basePath || '/'}; HttpOnly; Secure; SameSite=Strict`;
  }
  const update = { status: 'allow', final: true, message: TEXT.allow, token, remembered: headers['Set-Cookie'] !== undefined };
  return json({ txid, method, version, status: update }, status, headers);
}

/** Whole seconds left of Duo's 60 s push lifetime, rounded down (rule **time limits**). */
const pushSecondsLeft = (ctx: BridgeContext, claims: TxClaims) => Math.max(0, Math.floor((claims.issuedMs + PUSH_LIFETIME_MS - ctx.now()) / 1000));

function mapped(ctx: BridgeContext, claims: TxClaims, status: DuoAuthStatus): PendingUpdate | FinalOutcome {
  return mapStatus(claims.kind as Kind, status, claims.kind === 'push' ? pushSecondsLeft(ctx, claims) : undefined);
}

async function answer(ctx: BridgeContext, txid: string, claims: TxClaims, username: string, status: DuoAuthStatus, httpStatus: number): Promise<Response> {
  const update = mapped(ctx, claims, status);
  if ('version' in update) return json({ txid, method: claims.kind, ...update }, httpStatus);
  const version = FINAL_VERSION[claims.kind as Kind];
  if (update.outcome === 'allow') {
    const trusted = claims.rememberMe ? update.trustedDeviceToken : undefined;
    return allow(ctx, txid, claims.kind, version, username, trusted, httpStatus, claims.duoTxid);
  }
  return json({ txid, method: claims.kind, version, status: { status: update.outcome, final: true, message: update.message } }, httpStatus);
}

async function transactionOf(ctx: BridgeContext, request: Request, txid: string): Promise<{ claims: TxClaims; username: string }> {
  const { attemptId, username } = await attemptOf(ctx, request, request.headers.get(ATTEMPT_HEADER));
  const claims = await ctx.ids.readTransaction(txid, attemptId, ctx.now(), ctx.attemptLifetimeMs);
  if (!claims) throw new BridgeError('expired', MESSAGES.expired);
  return { claims, username };
}

/**
 * The long poll: Duo's `auth_status` is itself a long poll ("waits until there is an update"), so we
 * call it until its status maps to a version above `after` or our `wait` runs out, each call bounded by
 * the time left. Then the current body, changed or not.
 */
export async function poll(ctx: BridgeContext, request: Request, txid: string): Promise<Response> {
  const { claims, username } = await transactionOf(ctx, request, txid);
  if (claims.kind === 'sms') return json(smsBody(txid, claims.smsDigit ?? 1));
  // A passcode's allow was in its 201; its token cannot be issued again without a store.
  if (claims.kind === 'passcode') throw new BridgeError('expired', MESSAGES.expired);
  const url = new URL(request.url);
  const after = url.searchParams.has('after') ? Number(url.searchParams.get('after')) : undefined;
  const waitSeconds = Math.min(MAX_WAIT_SECONDS, Math.max(0, Number(url.searchParams.get('wait') ?? 25) || 0));
  const deadline = ctx.now() + (after === undefined ? Math.min(CURRENT_STATE_TIMEOUT_MS, waitSeconds * 1000) : waitSeconds * 1000);
  for (;;) {
    const began = Date.now();
    const left = Math.max(1000, deadline - ctx.now());
    let status: DuoAuthStatus;
    try {
      status = await ctx.duo.authStatus(claims.duoTxid, left, request.signal);
    } catch (error) {
      // Duo held its long poll past our wait: nothing changed, so answer the version the client has.
      // Without `after` only a push's state is certain (a call may be at `calling` or `answered`).
      const known = after ?? (claims.kind === 'push' ? 1 : 0);
      const unchanged = error instanceof DuoApiError && error.timedOut ? pendingAt(ctx, claims, known) : undefined;
      if (unchanged) return json({ txid, method: claims.kind, ...unchanged });
      return ctx.upstream(() => Promise.reject(error));
    }
    const update = mapped(ctx, claims, status);
    const fresh = !('version' in update) || after === undefined || update.version > after;
    if (fresh || ctx.now() >= deadline - MIN_UPSTREAM_INTERVAL_MS) return answer(ctx, txid, claims, username, status, 200);
    // Duo answered with what the client already has: wait out the rest of a second before asking again.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, MIN_UPSTREAM_INTERVAL_MS - (Date.now() - began))));
  }
}

/** The pending body of version `after`, for a poll that saw no change (no Verified Push code: the client keeps the one it has). */
function pendingAt(ctx: BridgeContext, claims: TxClaims, after: number): PendingUpdate | undefined {
  if (claims.kind === 'push' && after === 1) {
    return { version: 1, status: { status: 'pushed', final: false, message: TEXT.pushed, expiresInSeconds: pushSecondsLeft(ctx, claims) } };
  }
  if (claims.kind === 'phone' && after === 1) return { version: 1, status: { status: 'calling', final: false, message: TEXT.calling } };
  if (claims.kind === 'phone' && after === 2) return { version: 2, status: { status: 'answered', final: false, message: TEXT.answered } };
  return undefined;
}

/**
 * Duo's Auth API has no way to withdraw a push or hang up a call: the request stays on the phone until
 * Duo times it out. So cancel only checks the ids and confirms (204); the prompt stops following.
 */
export async function cancel(ctx: BridgeContext, request: Request, txid: string): Promise<Response> {
  await transactionOf(ctx, request, txid);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
