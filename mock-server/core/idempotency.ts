/**
 * **idempotent starts.** Per attempt, what each `Idempotency-Key` got: the transaction it started, or the
 * error it was refused with. A repeated start with the same key gets the same answer, with no second push,
 * call, SMS batch or verification, and no second failure counted.
 */
import type { StartTransactionBody } from '../../src/adapter/wire.js';
import { SimulatorError } from './errors.js';

/** 1 to 200 visible ASCII characters. */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function assertIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new SimulatorError('invalid_request', 'Idempotency-Key must be 1 to 200 visible ASCII characters.');
  }
}

export type StartOutcome = { txid: string } | { error: SimulatorError };

interface Recorded {
  method: StartTransactionBody['method'];
  deviceId: string | undefined;
  outcome: StartOutcome;
}

/** The keys of one attempt: they live as long as it does. */
export class IdempotentStarts {
  readonly #starts = new Map<string, Recorded>();

  /**
   * What an earlier start with `key` got, or undefined for a new key. The same key with another method or
   * device is `invalid_request`: a client bug, never a replay.
   */
  earlier(key: string, request: Pick<StartTransactionBody, 'method' | 'deviceId'>): StartOutcome | undefined {
    const recorded = this.#starts.get(key);
    if (!recorded) return undefined;
    if (recorded.method !== request.method || recorded.deviceId !== request.deviceId) {
      throw new SimulatorError('invalid_request', 'This Idempotency-Key was used for another method or device.');
    }
    return recorded.outcome;
  }

  remember(key: string, request: Pick<StartTransactionBody, 'method' | 'deviceId'>, outcome: StartOutcome): void {
    this.#starts.set(key, { method: request.method, deviceId: request.deviceId, outcome });
  }
}
