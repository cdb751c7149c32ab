/**
 * Duo's preauth: who the first-factor ticket says the user is, and what the prompt does next (`auth` with a
 * fresh attempt, or `allow`, `deny`, `enroll`). The **preauth rate limit** and the **failure cap** apply
 * before any `allow`.
 */
import type { PreauthAllowReason, PreauthRequest, PreauthResult } from '../../src/adapter/types.js';
import type { AttemptStore } from './attempts.js';
import { SimulatorError } from './errors.js';
import type { Lockouts } from './lockouts.js';
import type { LoginMethod, LoginTokens } from './login-tokens.js';
import { MESSAGES, PREAUTH_NOUN } from './messages.js';
import { takeOrRefuse, type RateLimiter } from './rate-limit.js';
import type { RememberTokens } from './remember-tokens.js';
import type { TicketIssuer } from './tickets.js';
import { publicDevice, type UserState } from './user-state.js';
import type { SimulatedUser } from './users.js';

/** What preauth needs from the simulator. */
export interface PreauthHost {
  now(): number;
  /** The user's state, or undefined for a user the simulator does not know. */
  findState(username: string): UserState | undefined;
  readonly tickets: TicketIssuer;
  readonly limiter: RateLimiter;
  readonly lockouts: Lockouts;
  readonly rememberTokens: RememberTokens;
  readonly attempts: AttemptStore;
  readonly loginTokens: LoginTokens;
}

/** See `MfaSimulator.preauth`; expired attempts and tokens are swept before. */
export function preauth(host: PreauthHost, request: PreauthRequest, rememberToken: string | undefined): PreauthResult {
  if (typeof request.ticket !== 'string' || request.ticket === '') {
    // The handler answers HTTP clients with MESSAGES.ticketRequired; callers in this realm (stories,
    // scripts written before tickets) read this one, which says what to do.
    throw new SimulatorError('invalid_request', `${MESSAGES.ticketRequired} ${MESSAGES.ticketHowTo}`);
  }
  const subject = host.tickets.verify(request.ticket)?.sub;
  const state = subject === undefined ? undefined : host.findState(subject);
  if (!state || (request.username !== undefined && request.username !== subject)) {
    throw new SimulatorError('expired', MESSAGES.attemptExpired);
  }
  const { user } = state;
  const { lockouts } = host;
  takeOrRefuse(host.limiter, user.username, 'preauth', host.now(), PREAUTH_NOUN);
  if (user.preauth?.result === 'deny') return { result: 'deny', message: user.preauth.message };
  // **failure cap**: a lock is the user's, so it denies before any allow (a remembered device, a user exempt).
  if (lockouts.lockOf(state)) return { result: 'deny', message: lockouts.lockedMessage(state) };
  if (user.preauth?.result === 'allow') {
    return preauthAllow(host, user.username, user.preauth.reason ?? 'not-required', user.preauth.message);
  }
  const remembered = rememberToken === undefined ? undefined : host.rememberTokens.usernameOf(rememberToken);
  if (remembered === user.username) return preauthAllow(host, user.username, 'remembered-device', MESSAGES.remembered);
  if (state.devices.length === 0) return { result: 'enroll', enrollUrl: enrollUrl(user), message: MESSAGES.enroll };
  return {
    result: 'auth',
    attemptId: host.attempts.create(user.username).id,
    devices: state.devices.map((device) => publicDevice(state, device, host.now())),
    policy: structuredClone(state.policy),
    enrollUrl: enrollUrl(user),
  };
}

function enrollUrl(user: SimulatedUser): string {
  return user.enrollUrl ?? `https://mfa.example/enroll?user=${encodeURIComponent(user.username)}`;
}

/** Always says why (`reason`), which the contract leaves optional only for older servers. */
function preauthAllow(host: PreauthHost, username: string, reason: PreauthAllowReason, message: string): PreauthResult {
  const method: LoginMethod = 'preauth';
  return { result: 'allow', token: host.loginTokens.issue(username, method), message, reason };
}
