/**
 * Transaction bookkeeping: ids, versions, timers, long-poll waiters and expiry. The rules (who may do what,
 * which status follows which) live in the simulator; this only guarantees that every status change bumps
 * the version, wakes the waiters and, once final, stops the timers.
 */
import type { MfaMethod, StatusUpdate } from '../../src/adapter/types.js';
import type { Clock } from './clock.js';
import { SimulatorError } from './errors.js';
import { MESSAGES } from './messages.js';
import type { SimulatedDevice } from './users.js';

export interface TransactionRecord {
  readonly txid: string;
  /** The attempt that started it: polls, cancels and assertions must name it (**attempt binding**). */
  readonly attemptId: string;
  readonly username: string;
  readonly method: MfaMethod;
  readonly device?: SimulatedDevice;
  readonly createdAt: number;
  /** Increases by one at every status change; long polls wait for it to pass a value. */
  version: number;
  status: StatusUpdate;
  readonly rememberMe: boolean;
  remember?: { token: string; expiresAt: number };
  /** The running push, ring or keypress timeout, and when it falls due (for `expiresInSeconds`). */
  timeout?: unknown;
  expiresAt?: number;
  /** A WebAuthn login: its challenge (used once), and the check of the first assertion while it runs. */
  webauthn?: { challenge: string; checking?: Promise<void> };
  /** Every timer (timeouts and scripted actions), cleared when the transaction ends. */
  readonly timers: Set<unknown>;
}

export type NewTransaction = Pick<TransactionRecord, 'txid' | 'attemptId' | 'username' | 'method' | 'device' | 'status' | 'rememberMe' | 'remember'>;

/** A held long poll: `changed` on every change of its transaction, `settle` to answer it now. */
interface Waiter {
  changed(): void;
  settle(): void;
}

export class TransactionStore {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #onChange: (tx: TransactionRecord) => void;
  #transactions = new Map<string, TransactionRecord>();
  readonly #waiters = new Map<string, Set<Waiter>>();

  /** `onChange` hears about every new transaction and every status change. */
  constructor(clock: Clock, ttlMs: number, onChange: (tx: TransactionRecord) => void) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#onChange = onChange;
  }

  create(fields: NewTransaction): TransactionRecord {
    // Versions start at 1, as in the HTTP guide's examples, so `after=0` means "anything new".
    const tx: TransactionRecord = { ...fields, createdAt: this.#clock.now(), version: 1, timers: new Set() };
    this.#transactions.set(tx.txid, tx);
    this.#onChange(tx);
    return tx;
  }

  /** Throws `expired` for an unknown transaction or one older than the TTL. */
  get(txid: string): TransactionRecord {
    this.sweep();
    const tx = this.#transactions.get(txid);
    if (!tx) throw new SimulatorError('expired', MESSAGES.transactionExpired);
    return tx;
  }

  /** Live transactions, oldest first. */
  all(): TransactionRecord[] {
    this.sweep();
    return [...this.#transactions.values()];
  }

  setStatus(tx: TransactionRecord, status: StatusUpdate): void {
    tx.status = status;
    tx.version += 1;
    if (status.final) this.#clearTimers(tx);
    this.#onChange(tx);
    this.#wake(tx.txid);
  }

  /** Runs `action` after `ms` unless the transaction has ended (or expired) by then. */
  schedule(tx: TransactionRecord, ms: number, action: () => void): unknown {
    const handle = this.#clock.setTimeout(() => {
      tx.timers.delete(handle);
      if (!tx.status.final && this.#transactions.get(tx.txid) === tx) action();
    }, ms);
    tx.timers.add(handle);
    return handle;
  }

  /** Replaces the running timeout: after `ms` without another change the transaction ends as `timeout`. */
  setTimeout(tx: TransactionRecord, ms: number, message: string): void {
    if (tx.timeout !== undefined) {
      this.#clock.clearTimeout(tx.timeout);
      tx.timers.delete(tx.timeout);
    }
    tx.timeout = this.schedule(tx, ms, () => this.setStatus(tx, { status: 'timeout', final: true, message }));
    tx.expiresAt = this.#clock.now() + ms;
  }

  /**
   * Resolves as soon as the version passes `afterVersion`, or with the unchanged transaction after
   * `timeoutMs`; rejects with `expired`, or with the signal's reason on abort. Leaves no timer or listener behind.
   *
   * **one poll per transaction**: a new long poll on a transaction settles the ones already held on it with
   * the unchanged transaction. A client holds one poll per transaction, so an older one is a poll it gave up
   * on but whose abort the server never heard of (a service worker does not forward aborts): it would
   * otherwise stay held, for nobody, until its wait runs out.
   */
  waitForChange(txid: string, afterVersion: number, timeoutMs: number, signal?: AbortSignal): Promise<TransactionRecord> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const current = this.get(txid);
      if (current.version > afterVersion) return resolve(current);
      const waiters = this.#waiters.get(txid) ?? new Set();
      this.#waiters.set(txid, waiters);
      const cleanUp = () => {
        waiters.delete(waiter);
        if (waiters.size === 0 && this.#waiters.get(txid) === waiters) this.#waiters.delete(txid);
        this.#clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const settle = () => {
        cleanUp();
        try {
          resolve(this.get(txid));
        } catch (error) {
          reject(error);
        }
      };
      const onChange = () => {
        const tx = this.#transactions.get(txid);
        if (!tx || tx.version > afterVersion) settle();
      };
      const onAbort = () => {
        cleanUp();
        reject(signal?.reason);
      };
      const timer = this.#clock.setTimeout(settle, Math.max(0, timeoutMs));
      const waiter: Waiter = { changed: onChange, settle };
      const older = [...waiters];
      waiters.add(waiter);
      for (const poll of older) poll.settle();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** How many long polls are waiting (tests use it to prove clean-up). */
  get waitingPolls(): number {
    let count = 0;
    for (const waiters of this.#waiters.values()) count += waiters.size;
    return count;
  }

  /** Forgets transactions older than the TTL; their pending long polls reject with `expired`. */
  sweep(): void {
    const now = this.#clock.now();
    for (const [txid, tx] of this.#transactions) {
      if (tx.createdAt + this.#ttlMs > now) continue;
      this.#clearTimers(tx);
      this.#transactions.delete(txid);
      this.#wake(txid);
    }
  }

  /** Forgets every transaction; pending long polls reject with `expired`. */
  clear(): void {
    for (const tx of this.#transactions.values()) this.#clearTimers(tx);
    this.#transactions = new Map();
    for (const txid of [...this.#waiters.keys()]) this.#wake(txid);
  }

  #wake(txid: string): void {
    for (const waiter of [...(this.#waiters.get(txid) ?? [])]) waiter.changed();
  }

  #clearTimers(tx: TransactionRecord): void {
    for (const handle of tx.timers) this.#clock.clearTimeout(handle);
    tx.timers.clear();
    delete tx.timeout;
    delete tx.expiresAt;
  }
}
