/**
 * Time limits the user can see and extend (WCAG 2.2.1). A pending push or call that the backend gives an
 * `expiresInSeconds` gets a deadline on the flow's clock (`state.expiresAt`, which the view counts down
 * without announcing it), one announcement 20 seconds before the end (step `expiring`), and at the end, if
 * the backend has not said `timeout` first (within a grace second), the same outcome as its `timeout`: the
 * push or call is released (nothing left live) and one button sends another. The SMS cooldown after Send
 * codes is here too.
 */
import { transactionFailed } from './outcomes.js';
import { sendAgain } from './methods/push-call.js';
import type { FlowRuntime, Operation } from './runtime.js';
import { statusBar } from './status.js';
import type { FlowStep } from './state.js';

/** The announcement comes this long before the end (not at all for a push or call that had less to begin with). */
export const WARNING_SECONDS = 20;

/**
 * The backend's own `timeout` normally ends it first: the local end waits this much longer, for a backend that
 * rounds its seconds down and for the `timeout` still on its way.
 */
export const EXPIRY_GRACE_MS = 1000;

/** Steps whose status the announcement may replace: not a cancel under way or failed. */
const WARNABLE = new Set<FlowStep>(['pushed', 'calling', 'answered', 'reconnecting']);

/**
 * The deadline of a pending status that just arrived (`expiresInSeconds` from now), with its announcement and
 * its end scheduled; null, and nothing scheduled, when the backend gave no limit.
 */
export function limitTime(
  flow: FlowRuntime,
  op: Operation,
  method: 'push' | 'phone',
  expiresInSeconds: number | undefined,
): number | null {
  flow.clearDeadline();
  if (expiresInSeconds === undefined) return null;
  const ms = expiresInSeconds * 1000;
  const expiresAt = flow.clock.now() + ms;
  const warnIn = ms - WARNING_SECONDS * 1000;
  if (!op.warned && warnIn > 0) flow.schedule('warning', warnIn, () => warn(flow, op));
  flow.schedule('expiry', ms + EXPIRY_GRACE_MS, () => expire(flow, op, method));
  return expiresAt;
}

function warn(flow: FlowRuntime, op: Operation): void {
  if (!flow.isCurrent(op) || op.canceling || op.releasing || !WARNABLE.has(flow.core.step)) return;
  op.warned = true;
  const status = statusBar((m) => m.timeWarning(WARNING_SECONDS), 'pending', { canCancel: true });
  flow.set({ step: 'expiring', status });
}

/** The local deadline passed before the backend's `timeout` arrived: end it the same way. */
function expire(flow: FlowRuntime, op: Operation, method: 'push' | 'phone'): void {
  if (!flow.isCurrent(op) || op.canceling || op.releasing || flow.core.phase !== 'pending') return;
  // Released like a push the user moved away from: canceled on the server, and if it was approved after
  // all, the login succeeds (allow wins).
  flow.stop();
  transactionFailed(flow, 'timeout', (m) => m.status.timeout, sendAgain(flow, method));
}

/** After Send codes: the device's Send codes waits `seconds` (the backend's cooldown), then returns by itself. */
export function holdSendCodes(flow: FlowRuntime, deviceId: string, seconds: number): void {
  const purpose = `sms:${deviceId}`;
  if (seconds <= 0) {
    flow.smsCooldowns.delete(deviceId);
    flow.cancelTimer(purpose);
    return;
  }
  flow.smsCooldowns.set(deviceId, flow.clock.now() + seconds * 1000);
  flow.schedule(purpose, seconds * 1000, () => {
    flow.smsCooldowns.delete(deviceId);
    flow.set({});
  });
}
