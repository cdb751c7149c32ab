/**
 * The long-poll loop behind `watch()`: one per transaction, however many watchers it has, so that a
 * transaction never has more than one poll in flight. Transport-agnostic: it is given a `poll` function.
 */
import { contractViolation } from './messages.js';
import { isRetryable, retryDelay, untilAborted, type BackoffOptions } from './retry.js';
import type { RetryInfo, StatusUpdate } from './types.js';
import type { TransactionBody } from './wire.js';

/** An answer that brings nothing new sooner than this is followed by a pause, so a server that does not hold polls is not stormed. */
export const MIN_POLL_INTERVAL_MS = 1000;

/** @internal */
export interface PollLoopOptions {
  /** One long poll; `after` omitted asks for the current state at once. Rejects with an `MfaError`. */
  poll(after: number | undefined, signal: AbortSignal): Promise<TransactionBody>;
  maxRetries: number;
  backoff: BackoffOptions;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  /** Called once when the loop ends, however it ends. */
  onEnd: () => void;
}

/** @internal */
interface Entry {
  version: number;
  update: StatusUpdate;
}

/**
 * One `watch()` iteration's view of the loop: the updates it has not consumed yet, then how it ends.
 * @internal
 */
export class Watcher {
  /** The newest version this watcher knows of; undefined until the first answer when the start version is unknown. */
  seen: number | undefined;
  private readonly queue: StatusUpdate[] = [];
  private end: { error?: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly initial: StatusUpdate,
    version: number | undefined,
    readonly onRetry: ((info: RetryInfo) => void) | undefined,
  ) {
    this.seen = version;
  }

  push(update: StatusUpdate): void {
    this.queue.push(update);
    this.wake?.();
  }

  close(error?: unknown): void {
    this.end ??= error === undefined ? {} : { error };
    this.wake?.();
  }

  /** The next update; `done` once the loop ended; rejects with the loop's error, or with `signal.reason`. */
  async next(signal: AbortSignal | undefined): Promise<IteratorResult<StatusUpdate, undefined>> {
    for (;;) {
      const update = this.queue.shift();
      if (update) return { done: false, value: update };
      if (this.end) {
        if ('error' in this.end) throw this.end.error;
        return { done: true, value: undefined };
      }
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      await (signal ? untilAborted(woken, signal) : woken);
    }
  }
}

/** @internal */
export class PollLoop {
  private readonly watchers = new Set<Watcher>();
  /** Every state seen, oldest first, so that a watcher joining late catches up. */
  private readonly history: Entry[] = [];
  private step: AbortController | undefined;
  private cancelling: Promise<boolean> | undefined;
  private started = false;
  private stopped = false;

  constructor(
    start: Entry | undefined,
    private readonly options: PollLoopOptions,
  ) {
    if (start) this.history.push(start);
  }

  /** Joins the loop; the first watcher starts it. */
  add(watcher: Watcher): void {
    this.watchers.add(watcher);
    // A watcher that does not know its version only wants the current state, like a poll without `after`.
    const replay = watcher.seen === undefined ? this.history.slice(-1) : this.history;
    for (const entry of replay) this.offer(watcher, entry);
    if (!this.started) {
      this.started = true;
      this.run().catch((error: unknown) => this.end(error));
    }
  }

  /** The last watcher leaving stops the loop and aborts its request. */
  remove(watcher: Watcher): void {
    this.watchers.delete(watcher);
    if (this.watchers.size === 0) this.end();
  }

  /**
   * Aborts the poll in flight or the backoff wait, and holds the loop until the returned function says
   * whether the backend confirmed the cancel: if it did, one last poll fetches the final state and the
   * loop ends; if not, polling resumes, since the transaction still runs.
   */
  interrupt(): (confirmed: boolean) => void {
    let settle!: (confirmed: boolean) => void;
    this.cancelling = new Promise((resolve) => (settle = resolve));
    this.step?.abort();
    return settle;
  }

  private get version(): number | undefined {
    return this.history.at(-1)?.version;
  }

  private async run(): Promise<void> {
    const { poll, sleep, now, maxRetries, backoff, random } = this.options;
    let failures = 0;
    let delayMs = 0;
    while (!this.stopped) {
      if (this.cancelling) {
        await this.settleCancel(this.cancelling);
        continue;
      }
      const signal = this.nextStep();
      try {
        if (delayMs > 0) await untilAborted(sleep(delayMs, signal), signal);
        delayMs = 0;
        await untilVisible(signal);
        const startedAt = now();
        const body = await poll(this.version, signal);
        failures = 0;
        if (!this.accept(body)) delayMs = Math.min(MIN_POLL_INTERVAL_MS, Math.max(0, MIN_POLL_INTERVAL_MS - (now() - startedAt)));
      } catch (error) {
        if (this.stopped || this.cancelling) continue;
        if (!isRetryable(error) || failures >= maxRetries) return this.end(error);
        failures += 1;
        delayMs = retryDelay(failures, error, backoff, random);
        this.notifyRetry({ error, attempt: failures, delayMs });
      }
    }
  }

  private async settleCancel(cancelling: Promise<boolean>): Promise<void> {
    const confirmed = await cancelling;
    if (this.cancelling !== cancelling) return; // cancelled again meanwhile: wait for that one
    this.cancelling = undefined;
    if (!confirmed || this.stopped) return;
    try {
      this.accept(await this.options.poll(undefined, this.nextStep()));
    } catch {
      // The cancel went through; if its outcome cannot be read, the watchers simply end.
    }
    this.end();
  }

  private nextStep(): AbortSignal {
    this.step = new AbortController();
    return this.step.signal;
  }

  /**
   * Records a new state and hands it to every watcher; false when the answer holds nothing new. Rule
   * **versions**: an older version, or the known version with another status, throws `bad_response`.
   */
  private accept(body: TransactionBody): boolean {
    const known = this.history.at(-1);
    if (known && body.version <= known.version) {
      const problem =
        body.version < known.version
          ? `version ${body.version} is lower than the known version ${known.version}`
          : body.status.status !== known.update.status
            ? `version ${body.version} changed status from "${known.update.status}" to "${body.status.status}"`
            : undefined;
      if (problem) throw contractViolation('poll answer', problem);
      return false;
    }
    const entry = { version: body.version, update: body.status };
    this.history.push(entry);
    for (const watcher of this.watchers) this.offer(watcher, entry);
    if (body.status.final) this.end();
    return true;
  }

  private offer(watcher: Watcher, entry: Entry): void {
    const isNew =
      watcher.seen === undefined ? !sameUpdate(entry.update, watcher.initial) : entry.version > watcher.seen;
    watcher.seen = Math.max(watcher.seen ?? entry.version, entry.version);
    if (isNew) watcher.push(entry.update);
  }

  private notifyRetry(info: RetryInfo): void {
    for (const watcher of this.watchers) {
      try {
        watcher.onRetry?.(info);
      } catch (error) {
        // A failing callback ends its own watch with its error, not everyone else's.
        watcher.close(error);
        this.remove(watcher);
      }
    }
  }

  /** Ends the loop once: watchers finish (or reject with `error`), the request in flight is aborted. */
  private end(error?: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.step?.abort();
    for (const watcher of this.watchers) watcher.close(error);
    this.options.onEnd();
  }
}

/** Resolves at once, or when a hidden page becomes visible again: a background tab does not poll. */
function untilVisible(signal: AbortSignal): Promise<void> {
  const doc = typeof document === 'undefined' ? undefined : document;
  if (!doc?.hidden) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onChange = () => {
      if (doc.hidden) return;
      cleanUp();
      resolve();
    };
    const onAbort = () => {
      cleanUp();
      reject(signal.reason);
    };
    const cleanUp = () => {
      doc.removeEventListener('visibilitychange', onChange);
      signal.removeEventListener('abort', onAbort);
    };
    doc.addEventListener('visibilitychange', onChange);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function sameUpdate(a: StatusUpdate, b: StatusUpdate): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => left[key] === right[key]);
}
