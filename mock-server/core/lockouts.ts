/**
 * The **failure cap** over the simulator's users and transactions: a failure that locks the account ends the
 * user's pending transactions as `locked_out`, and every lock or unlock is announced. The counting itself
 * (growing delays, thresholds) is `failures.ts`.
 */
import type { LockState } from './failures.js';
import { MESSAGES } from './messages.js';
import type { TransactionStore } from './transactions.js';
import type { SimulatorEvent } from './types.js';
import type { UserState } from './user-state.js';

/** What lock-outs need from the simulator. */
export interface LockoutHost {
  now(): number;
  readonly transactions: TransactionStore;
  emit(event: SimulatorEvent): void;
}

export class Lockouts {
  readonly #host: LockoutHost;

  constructor(host: LockoutHost) {
    this.#host = host;
  }

  /** Counts a failure; returns true when it locked the account (and ended the user's pending transactions). */
  recordFailure(state: UserState): boolean {
    if (!state.failures.record(this.#host.now())) return false;
    this.#locked(state);
    return true;
  }

  /** Locks the user now, for `lockoutMs` or (`permanent`) until {@link unlock}. */
  lockNow(state: UserState, permanent: boolean): void {
    state.failures.lockNow(this.#host.now(), permanent);
    this.#locked(state);
  }

  /** No lock, and the failure count back to zero; announced if there was anything to undo. */
  unlock(state: UserState): void {
    if (state.failures.reset()) this.#host.emit({ type: 'lock', username: state.user.username, locked: false });
  }

  /** The lock in force, if any; announces a temporary one that ran out (its failures still count). */
  lockOf(state: UserState): LockState | undefined {
    if (state.failures.lockRanOut(this.#host.now())) this.#host.emit({ type: 'lock', username: state.user.username, locked: false });
    return state.failures.lock(this.#host.now());
  }

  lockedMessage(state: UserState): string {
    const lock = state.failures.lock(this.#host.now());
    if (lock?.permanent) return MESSAGES.lockedPermanently;
    const msLeft = (lock?.until ?? this.#host.now()) - this.#host.now();
    return MESSAGES.locked(Math.max(1, Math.ceil(msLeft / 60_000)));
  }

  /** The user was just locked: every pending transaction of theirs ends as `locked_out`. */
  #locked(state: UserState): void {
    const message = this.lockedMessage(state);
    const { transactions } = this.#host;
    for (const tx of transactions.all()) {
      if (tx.username === state.user.username && !tx.status.final) {
        transactions.setStatus(tx, { status: 'locked_out', final: true, message });
      }
    }
    this.#host.emit({ type: 'lock', username: state.user.username, locked: true });
  }
}
