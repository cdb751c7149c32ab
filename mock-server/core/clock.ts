/**
 * Time, injected: the simulator reads the time and schedules its timeouts only through a {@link Clock},
 * so tests drive a {@link FakeClock} and a minute-long push timeout takes no real time.
 */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real time and the platform's timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = globalThis.setTimeout(fn, ms);
    // A pending push timeout must not keep a Node process (a test run, a script) alive.
    unref(handle);
    return handle;
  },
  clearTimeout(handle) {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
};

interface FakeTimer {
  id: number;
  dueAt: number;
  fn: () => void;
}

/** 2026-01-01T00:00:00Z: a whole number of 30-second TOTP steps, so tests know where a step starts. */
export const FAKE_CLOCK_START = Date.UTC(2026, 0, 1);

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, FakeTimer>();

  constructor(startMs: number = FAKE_CLOCK_START) {
    if (!Number.isFinite(startMs)) throw new RangeError(`FakeClock start must be a finite number of ms, got ${startMs}`);
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.#nextId++;
    // Like the platform: a negative or NaN delay means "as soon as possible".
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.#timers.set(id, { id, dueAt: this.#now + delay, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** How many timers are scheduled and not yet fired or cleared (tests use it to prove clean-up). */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in due order (ties in
   * scheduling order), with `now()` equal to each timer's due time while it runs. Timers scheduled by
   * those timers fire too if they fall due within the same advance.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`FakeClock.advance needs a finite ms >= 0, got ${ms}`);
    const target = this.#now + ms;
    for (let timer = this.#nextDue(target); timer; timer = this.#nextDue(target)) {
      this.#timers.delete(timer.id);
      this.#now = Math.max(this.#now, timer.dueAt);
      timer.fn();
    }
    this.#now = target;
  }

  #nextDue(limit: number): FakeTimer | undefined {
    let next: FakeTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.dueAt > limit) continue;
      // Map iteration follows insertion order, so the first of equal due times is the earliest scheduled.
      if (!next || timer.dueAt < next.dueAt) next = timer;
    }
    return next;
  }
}

interface OffsetTimer {
  dueAt: number;
  fn: () => void;
  handle: ReturnType<typeof globalThis.setTimeout> | undefined;
}

/**
 * The real clock plus an offset that only grows: time passes as usual and {@link advance} jumps ahead
 * (the simulator's HTTP server, whose test-control API moves time on). Timers run on real time and fire
 * early when an advance passes their due time, in due order.
 */
export class OffsetClock implements Clock {
  #offsetMs = 0;
  #nextId = 1;
  readonly #timers = new Map<number, OffsetTimer>();

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** How far ahead of the real clock this clock is, in ms. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.#nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: OffsetTimer = { dueAt: this.now() + delay, fn, handle: undefined };
    this.#timers.set(id, timer);
    this.#arm(id, timer);
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle !== 'number') return;
    const timer = this.#timers.get(handle);
    if (!timer) return;
    globalThis.clearTimeout(timer.handle);
    this.#timers.delete(handle);
  }

  /** Moves time forward by `ms` and fires, in due order, every timer that falls due (including timers they set). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`OffsetClock.advance needs a finite ms >= 0, got ${ms}`);
    const finalOffset = this.#offsetMs + ms;
    const target = this.now() + ms;
    for (let due = this.#nextDue(target); due; due = this.#nextDue(target)) {
      const [id, timer] = due;
      globalThis.clearTimeout(timer.handle);
      this.#timers.delete(id);
      // Like FakeClock: while a timer runs, now() is its due time, so the timers it sets count from there.
      this.#offsetMs = Math.max(this.#offsetMs, Math.min(finalOffset, timer.dueAt - Date.now()));
      timer.fn();
    }
    this.#offsetMs = finalOffset;
    // The others are nearer now: re-arm them with their shorter real delays.
    for (const [id, timer] of this.#timers) {
      globalThis.clearTimeout(timer.handle);
      this.#arm(id, timer);
    }
  }

  #arm(id: number, timer: OffsetTimer): void {
    const handle = globalThis.setTimeout(() => {
      if (this.#timers.get(id) !== timer) return;
      this.#timers.delete(id);
      timer.fn();
    }, Math.max(0, timer.dueAt - this.now()));
    // Like realClock: a pending timeout must not keep a Node process alive.
    unref(handle);
    timer.handle = handle;
  }

  #nextDue(limit: number): [number, OffsetTimer] | undefined {
    let next: [number, OffsetTimer] | undefined;
    for (const entry of this.#timers) {
      if (entry[1].dueAt > limit) continue;
      if (!next || entry[1].dueAt < next[1].dueAt) next = entry;
    }
    return next;
  }
}

/** Node's timers have `unref()`, browsers' are numbers: typed without Node's types, so the build is neutral. */
function unref(handle: unknown): void {
  if (typeof handle === 'object' && handle !== null) (handle as { unref?: () => void }).unref?.();
}
