/**
 * The flow's time: a monotonic clock and its timers, injectable so tests (and stories) control time. Deadlines
 * are "now + the backend's relative time" on this clock, taken when the answer arrived: the user's wall clock,
 * which may be wrong, never matters.
 */
export interface FlowClock {
  /** Milliseconds on a monotonic clock (`performance.now()` by default). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: FlowClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
