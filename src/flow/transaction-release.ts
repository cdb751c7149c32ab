/**
 * Rules 16 (**nothing left live**) and 17 (**allow wins**): one transaction the flow started, from the
 * backend's answer to its start until it is final. It is the only reader of the transaction's watch, so the
 * flow can stop following it (the user pressed Cancel or moved on, the watch failed, the prompt closed)
 * without missing what the backend says next: {@link FollowedTransaction.release} cancels it with
 * `adapter.cancel()` and keeps listening until the backend confirmed, the transaction turned final, or the
 * cancel failed. The adapter retries transient cancel failures itself; a rejection is its last word.
 */
import { MfaError } from '../adapter/errors.js';
import type { MfaAdapter, RetryInfo, StatusUpdate, Transaction } from '../adapter/types.js';

type Allow = Extract<StatusUpdate, { status: 'allow' }>;

/** How a release ended. */
export type ReleaseOutcome =
  /** It can no longer be approved: the cancel was confirmed, or the transaction ended without success (`final`). */
  | { kind: 'released'; final: StatusUpdate | null }
  /** It was approved first (**allow wins**): the login succeeds with this token. */
  | { kind: 'allow'; update: Allow }
  /** The backend did not confirm the cancel: the request may still reach the phone. Listening goes on. */
  | { kind: 'cancel-failed'; error: unknown };

/**
 * What the flow hears while it follows the transaction; nothing is passed on while a release runs.
 * @internal
 */
export interface TransactionListener {
  update(update: StatusUpdate): void;
  /** The watch ended without a final status: the client gave up, an answer was malformed, the stream ended. */
  lost(error: unknown): void;
  retrying(info: RetryInfo): void;
}

/**
 * Once the backend confirmed a cancel, the watch reads the final status (`canceled`, or `allow` if the user
 * approved first). A watch that says nothing within this time is taken as canceled.
 */
export const FINAL_STATUS_GRACE_MS = 5000;

/** @internal */
export class FollowedTransaction {
  private final: StatusUpdate | null;
  private watchEnded: boolean;
  private readonly controller = new AbortController();
  private releasing: Promise<ReleaseOutcome> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly adapter: MfaAdapter,
    readonly transaction: Transaction,
    private listener: TransactionListener | null,
  ) {
    this.final = transaction.status.final ? transaction.status : null;
    this.watchEnded = this.final !== null;
    if (!this.watchEnded) void this.pump();
  }

  /** Updates may still come: the watch has not ended. */
  get watching(): boolean {
    return !this.watchEnded;
  }

  /** Cancels the transaction unless it is final, and says how it ended. Calls during a release share it. */
  release(): Promise<ReleaseOutcome> {
    this.releasing ??= this.cancelAndListen();
    return this.releasing;
  }

  /** Stops listening for good (the prompt closed): nothing more reaches the listener. */
  close(): void {
    this.listener = null;
    this.controller.abort();
  }

  private async cancelAndListen(): Promise<ReleaseOutcome> {
    if (!this.final) {
      const cancel: { answer: 'none' | 'confirmed' | 'failed'; error?: unknown } = { answer: 'none' };
      this.request(this.transaction.txid).then(
        () => this.answer(cancel, 'confirmed'),
        (error: unknown) => this.answer(cancel, 'failed', error),
      );
      let grace: ReturnType<typeof setTimeout> | undefined;
      let graceOver = false;
      try {
        while (!this.final && !(cancel.answer === 'confirmed' && (this.watchEnded || graceOver))) {
          if (cancel.answer === 'failed') {
            this.releasing = null;
            return { kind: 'cancel-failed', error: cancel.error };
          }
          if (cancel.answer === 'confirmed' && grace === undefined) {
            grace = setTimeout(() => {
              graceOver = true;
              this.notify();
            }, FINAL_STATUS_GRACE_MS);
          }
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      } finally {
        clearTimeout(grace);
      }
    }
    this.close();
    const final = this.final;
    return final?.status === 'allow' ? { kind: 'allow', update: final } : { kind: 'released', final };
  }

  /** `adapter.cancel()`, turning a synchronous throw of a hand-written adapter into a rejection. */
  private request(txid: string): Promise<void> {
    try {
      return this.adapter.cancel(txid);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private answer(cancel: { answer: string; error?: unknown }, answer: 'confirmed' | 'failed', error?: unknown): void {
    cancel.answer = answer;
    cancel.error = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Reads the watch to its end, passing updates on to the listener unless a release is under way. */
  private async pump(): Promise<void> {
    const { signal } = this.controller;
    let lost: unknown = new MfaError('bad_response', 'The status updates ended before a final one.');
    try {
      const onRetry = (info: RetryInfo): void => {
        if (!this.releasing) this.listener?.retrying(info);
      };
      for await (const update of this.adapter.watch(this.transaction, { signal, onRetry })) {
        if (update.final) this.final = update;
        if (!this.releasing) this.listener?.update(update);
        if (update.final) break;
      }
    } catch (error) {
      lost = error;
    }
    this.watchEnded = true;
    this.notify();
    if (!this.final && !signal.aborted && !this.releasing) this.listener?.lost(lost);
  }
}
