/**
 * How a login ends, whichever method: success (a login token, the failure count back to zero, a remember
 * token if asked and allowed), a refusal (a failure toward lock-out), fraud, and a call's steps. The phone,
 * the scripts, passcodes and WebAuthn all end transactions through here.
 */
import type { MfaMethod, StatusUpdate } from '../../src/adapter/types.js';
import type { LoginTokens } from './login-tokens.js';
import type { Lockouts } from './lockouts.js';
import { MESSAGES } from './messages.js';
import type { RememberTokens } from './remember-tokens.js';
import type { TransactionRecord, TransactionStore } from './transactions.js';
import type { UserState } from './user-state.js';

/** What the outcomes need from the simulator. */
export interface OutcomeHost {
  readonly keypressTimeoutMs: number;
  readonly transactions: TransactionStore;
  readonly loginTokens: LoginTokens;
  readonly rememberTokens: RememberTokens;
  readonly lockouts: Lockouts;
  /** The user's state as it is now (a reset replaces it); throws for an unknown user. */
  state(username: string): UserState;
}

export class Outcomes {
  readonly #host: OutcomeHost;

  constructor(host: OutcomeHost) {
    this.#host = host;
  }

  approve(tx: TransactionRecord): void {
    const { status, remember } = this.succeed(this.#host.state(tx.username), tx.rememberMe, tx.method);
    if (remember) tx.remember = remember;
    this.#host.transactions.setStatus(tx, status);
  }

  /** Success: a fresh login token, the failure count back to zero, and a remember token if asked and allowed. */
  succeed(state: UserState, rememberMe: boolean, method: MfaMethod): { status: StatusUpdate; remember?: { token: string; expiresAt: number } } {
    state.failures.reset();
    const token = this.#host.loginTokens.issue(state.user.username, method);
    const policy = state.policy.rememberMe;
    if (!rememberMe || !policy.allowed || policy.durationSeconds <= 0) {
      return { status: { status: 'allow', final: true, message: MESSAGES.success, token, remembered: false } };
    }
    const remember = this.#host.rememberTokens.issue(state.user.username, policy.durationSeconds);
    return { status: { status: 'allow', final: true, message: MESSAGES.success, token, remembered: true }, remember };
  }

  /** A refusal on the phone counts toward lock-out; the one that locks the account ends as `locked_out`. */
  deny(tx: TransactionRecord, message: string): void {
    if (this.#host.lockouts.recordFailure(this.#host.state(tx.username))) return; // locking ended every pending transaction, this one too
    this.#host.transactions.setStatus(tx, { status: 'deny', final: true, message });
  }

  fraud(tx: TransactionRecord, message: string): void {
    this.#host.transactions.setStatus(tx, { status: 'fraud', final: true, message });
  }

  answer(tx: TransactionRecord): void {
    if (tx.status.status === 'answered') throw new Error('The call is already answered.');
    this.#host.transactions.setStatus(tx, { status: 'answered', final: false, message: MESSAGES.answered });
    this.#host.transactions.setTimeout(tx, this.#host.keypressTimeoutMs, MESSAGES.noKeyPressed);
  }
}
