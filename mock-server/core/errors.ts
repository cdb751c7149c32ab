import type { HTTP_STATUS_FOR_ERROR } from '../../src/adapter/wire.js';

/** The error codes a backend reports (the others, such as `network`, only arise in the client). */
export type SimulatorErrorCode = keyof typeof HTTP_STATUS_FOR_ERROR;

/** What every simulator operation throws for a refused request: plain data the handlers turn into an error body. */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';
  readonly code: SimulatorErrorCode;
  /** Seconds to wait (`rate_limited`). */
  readonly retryAfter?: number;
  /** Passcode attempts left before lock-out (`invalid_passcode`). */
  readonly attemptsLeft?: number;

  constructor(code: SimulatorErrorCode, message: string, details: { retryAfter?: number; attemptsLeft?: number } = {}) {
    super(message);
    this.code = code;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
    if (details.attemptsLeft !== undefined) this.attemptsLeft = details.attemptsLeft;
  }
}
