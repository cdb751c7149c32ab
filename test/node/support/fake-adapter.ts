/**
 * A scripted test double of `MfaAdapter`. It records every call; each call waits until the test settles it
 * (`call('startPush').resolve(tx)`), unless an answer was queued beforehand with `reply()`. Watches are fed by
 * hand (`watch().push(update)`). Aborting a call's signal rejects it with the signal's reason, as the contract
 * says; set `honourAbort = false` to let a test answer "late", after the flow has moved on.
 *
 * `cancel()` resolves at once unless an Error was queued or `autoCancel` is false (then the test settles it,
 * to see what the flow shows while the backend has not confirmed yet). Only a cancel that resolves ends the
 * transaction's watches with `canceled`, as a real backend's would.
 */
import { MfaError } from '../../../src/adapter/errors.js';
import type {
  CallOptions,
  MfaAdapter,
  PreauthRequest,
  PreauthResult,
  StartOptions,
  StatusUpdate,
  Transaction,
  WatchOptions,
} from '../../../src/adapter/types.js';

interface Answers {
  preauth: PreauthResult;
  startPush: Transaction;
  startCall: Transaction;
  sendSmsPasscodes: Transaction;
  verifyPasscode: Transaction;
  cancel: void;
}
export type CallName = keyof Answers;

export interface FakeCall<K extends CallName = CallName> {
  readonly name: K;
  readonly args: readonly unknown[];
  readonly signal: AbortSignal | undefined;
  settled: boolean;
  resolve(value: Answers[K]): void;
  reject(error: unknown): void;
}

const END = Symbol('end');
type WatchItem = StatusUpdate | Error | typeof END;

/** One `watch()` iteration, fed by the test. */
export class FakeWatch implements AsyncIterable<StatusUpdate> {
  private readonly queue: WatchItem[] = [];
  private wake: (() => void) | null = null;

  constructor(
    readonly transaction: Transaction,
    readonly options: WatchOptions,
    private readonly honourAbort: () => boolean,
  ) {}

  get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  push(update: StatusUpdate): void {
    this.feed(update);
  }

  fail(error: Error): void {
    this.feed(error);
  }

  end(): void {
    this.feed(END);
  }

  /** Reports a transient failure the way a real client does before retrying. */
  retry(attempt = 1): void {
    this.options.onRetry?.({ error: new MfaError('network', 'Connection lost'), attempt, delayMs: 1000 });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StatusUpdate> {
    const signal = this.options.signal;
    signal?.addEventListener('abort', () => this.wake?.());
    for (;;) {
      if (signal?.aborted && this.honourAbort()) throw signal.reason;
      const item = this.queue.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (item === END) return;
      if (item instanceof Error) throw item;
      yield item;
      if (item.final) return;
    }
  }

  private feed(item: WatchItem): void {
    this.queue.push(item);
    this.wake?.();
  }
}

export class FakeAdapter implements MfaAdapter {
  /** Every call in order, with its arguments. */
  readonly calls: FakeCall[] = [];
  readonly watches: FakeWatch[] = [];
  /** When false, aborting no longer rejects calls or ends watches: the test can then answer late. */
  honourAbort = true;
  /** When false, `cancel()` waits until the test resolves or rejects it. */
  autoCancel = true;
  private readonly queued = new Map<CallName, unknown[]>();

  /** Queues the answer (a value, or an Error to reject with) for the next call of `name`. */
  reply<K extends CallName>(name: K, answer: Answers[K] | Error): this {
    const answers = this.queued.get(name) ?? [];
    answers.push(answer);
    this.queued.set(name, answers);
    return this;
  }

  /** The `index`-th call of `name` (default: the latest). */
  call<K extends CallName>(name: K, index = -1): FakeCall<K> {
    const calls = this.callsOf(name);
    const call = calls.at(index);
    if (!call) throw new Error(`no ${name} call #${index} (there were ${calls.length})`);
    return call;
  }

  callsOf<K extends CallName>(name: K): FakeCall<K>[] {
    return this.calls.filter((call): call is FakeCall<K> => call.name === name);
  }

  count(name: CallName | 'watch'): number {
    return name === 'watch' ? this.watches.length : this.callsOf(name).length;
  }

  get lastWatch(): FakeWatch {
    const latest = this.watches.at(-1);
    if (!latest) throw new Error('no watch was started');
    return latest;
  }

  watch(transaction: Transaction, options: WatchOptions = {}): AsyncIterable<StatusUpdate> {
    const watch = new FakeWatch(transaction, options, () => this.honourAbort);
    this.watches.push(watch);
    return watch;
  }

  preauth(request: PreauthRequest, options?: CallOptions): Promise<PreauthResult> {
    return this.record('preauth', [request, options], options?.signal);
  }

  startPush(attemptId: string, deviceId: string, options?: StartOptions): Promise<Transaction> {
    return this.record('startPush', [attemptId, deviceId, options], options?.signal);
  }

  startCall(attemptId: string, deviceId: string, options?: StartOptions): Promise<Transaction> {
    return this.record('startCall', [attemptId, deviceId, options], options?.signal);
  }

  sendSmsPasscodes(attemptId: string, deviceId: string, options?: CallOptions): Promise<Transaction> {
    return this.record('sendSmsPasscodes', [attemptId, deviceId, options], options?.signal);
  }

  verifyPasscode(attemptId: string, passcode: string, options?: StartOptions & { deviceId?: string }): Promise<Transaction> {
    return this.record('verifyPasscode', [attemptId, passcode, options], options?.signal);
  }

  /**
   * Resolves at once (unless an Error was queued or `autoCancel` is false); once it resolves, like a real
   * backend, the transaction's watchers see `canceled`. A rejected cancel leaves them as they were.
   */
  cancel(txid: string, options?: CallOptions): Promise<void> {
    return this.record('cancel', [txid, options], options?.signal, this.autoCancel).then(() => {
      for (const watch of this.watches) {
        if (watch.transaction.txid === txid) watch.push({ status: 'canceled', final: true, message: 'Canceled by the backend' });
      }
    });
  }

  private record<K extends CallName>(name: K, args: unknown[], signal?: AbortSignal, auto = false): Promise<Answers[K]> {
    return new Promise<Answers[K]>((resolve, reject) => {
      const call: FakeCall<K> = {
        name,
        args,
        signal,
        settled: false,
        resolve: (value) => {
          if (call.settled) return;
          call.settled = true;
          resolve(value);
        },
        reject: (error) => {
          if (call.settled) return;
          call.settled = true;
          reject(error);
        },
      };
      this.calls.push(call as FakeCall);
      if (signal?.aborted && this.honourAbort) return call.reject(signal.reason);
      signal?.addEventListener('abort', () => {
        if (this.honourAbort) call.reject(signal.reason);
      });
      const answers = this.queued.get(name);
      if (answers?.length) {
        const answer = answers.shift();
        if (answer instanceof Error) call.reject(answer);
        else call.resolve(answer as Answers[K]);
      } else if (auto) {
        call.resolve(undefined as Answers[K]);
      }
    });
  }
}

/** Lets every pending promise callback run (the flow's reactions to a settled call or a watch update). */
export function settle(): Promise<void> {
  // A macrotask: every settled promise's reactions have run. setImmediate in Node, setTimeout in the browser.
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
