/**
 * **token once.** The login tokens of `allow` answers (a transaction's or preauth's): each is redeemed once
 * by the host's server (`sim.redeemLoginToken`), within its short lifetime, and then is gone, and so is the
 * transaction that carried it.
 */
import type { MfaMethod } from '../../src/adapter/types.js';
import type { Clock } from './clock.js';
import { SimulatorError } from './errors.js';
import { MESSAGES } from './messages.js';
import { randomId, type RandomSource } from './random.js';

export const LOGIN_TOKEN_TTL_MS = 2 * 60_000;

/** How the user logged in: a method, or `preauth` (a remembered device, a user the policy lets through). */
export type LoginMethod = MfaMethod | 'preauth';

export interface RedeemedLogin {
  username: string;
  method: LoginMethod;
}

export class LoginTokens {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  #tokens = new Map<string, RedeemedLogin & { expiresAt: number }>();

  constructor(clock: Clock, random: RandomSource) {
    this.#clock = clock;
    this.#random = random;
  }

  issue(username: string, method: LoginMethod): string {
    // 32 characters of 36: 165 bits (identifier entropy).
    const token = randomId(this.#random, 'login', 32);
    this.#tokens.set(token, { username, method, expiresAt: this.#clock.now() + LOGIN_TOKEN_TTL_MS });
    return token;
  }

  /** Whose login the token proves, once; throws `expired` for an unknown, used or expired token. */
  redeem(token: string): RedeemedLogin {
    this.sweep();
    const login = this.#tokens.get(token);
    if (!login) throw new SimulatorError('expired', MESSAGES.loginTokenInvalid);
    this.#tokens.delete(token);
    return { username: login.username, method: login.method };
  }

  /** The token was issued, is not redeemed yet, and has not expired. */
  isLive(token: string): boolean {
    this.sweep();
    return this.#tokens.has(token);
  }

  sweep(): void {
    const now = this.#clock.now();
    for (const [token, login] of this.#tokens) if (login.expiresAt <= now) this.#tokens.delete(token);
  }

  clear(): void {
    this.#tokens = new Map();
  }
}
