/**
 * Countdowns on the element side: a `ReactiveController` fed by the flow's state (a deadline on the flow's
 * clock). It re-renders its host when the number of seconds left changes, and never announces anything: the
 * flow makes the one announcement a time limit needs.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowClock } from '../flow/index.js';

/** What to count down to: a time on `clock`, or null for nothing. */
export type Deadline = { clock: FlowClock; at: number | null } | undefined;

export class CountdownController implements ReactiveController {
  private timer: { clock: FlowClock; handle: unknown } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deadline: () => Deadline,
  ) {
    host.addController(this);
  }

  /** Whole seconds left, rounded up (0 once the time is up); null without a deadline. */
  get secondsLeft(): number | null {
    const deadline = this.deadline();
    if (!deadline || deadline.at === null) return null;
    return Math.max(0, Math.ceil((deadline.at - deadline.clock.now()) / 1000));
  }

  hostUpdated(): void {
    this.stop();
    const deadline = this.deadline();
    if (!deadline || deadline.at === null) return;
    const left = deadline.at - deadline.clock.now();
    if (left <= 0) return;
    // Just past the next whole second, when the number shown changes.
    const handle = deadline.clock.setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, (left % 1000 || 1000) + 1);
    this.timer = { clock: deadline.clock, handle };
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    this.timer?.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }
}

/** "708" → "7 0 8": screen readers read the digits one by one, not "seven hundred and eight". */
export const digitByDigit = (code: string): string => [...code].join(' ');
