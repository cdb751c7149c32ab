/**
 * Rules 16 (**nothing left live**) and 17 (**allow wins**), the flow's side: when it stops following a push or
 * call (the user's Cancel, the user moved on, the watch failed), its transaction is released
 * (`FollowedTransaction.release()` in `transaction-release.ts`) and the outcome handled once, as things stand
 * when it comes. If the transaction turns out approved, the login succeeds with its token.
 */
import type { MfaMethod, StatusUpdate } from '../adapter/types.js';
import { plainUpdate } from './backend-text.js';
import { show } from './follow.js';
import { startTransaction } from './methods/push-call.js';
import { fail, succeed, userCanceled } from './outcomes.js';
import type { FlowRuntime, Operation } from './runtime.js';
import { newStartKey } from './start-key.js';
import { statusBar } from './status.js';
import type { FlowMessages } from './messages.js';
import type { ReleaseOutcome } from './transaction-release.js';

/** Why the flow releases the transaction of the current operation; `null`: the user moved on. */
export type ReleaseCause = { kind: 'cancel' } | { kind: 'lost'; error: unknown } | null;

type Allow = Extract<StatusUpdate, { status: 'allow' }>;

/** The watch ended without a final status: cancel the push or call first, then show the error. */
export function lost(flow: FlowRuntime, op: Operation, error: unknown): void {
  flow.retryAction = null;
  flow.set({ step: 'canceling', status: statusBar((m) => m.canceling, 'pending') });
  release(flow, op, { kind: 'lost', error });
}

/** Cancels `op`'s transaction and handles the outcome once, as things stand when it comes. */
export function release(flow: FlowRuntime, op: Operation, cause: ReleaseCause): void {
  const followed = op.followed;
  if (!followed || op.releasing) return;
  op.releasing = true;
  flow.releases.add(followed);
  void followed.release().then((outcome) => {
    op.releasing = false;
    flow.releases.delete(followed);
    released(flow, op, cause, outcome);
  });
  // Closing: the cancel goes out, but nobody listens to the outcome.
  if (flow.destroyed) followed.close();
}

function released(flow: FlowRuntime, op: Operation, cause: ReleaseCause, outcome: ReleaseOutcome): void {
  if (flow.destroyed) return;
  const method = op.followed!.transaction.method;
  const current = flow.isCurrent(op) && cause !== null;
  if (outcome.kind === 'allow') {
    if (flow.isCurrent(op)) flow.finish(op);
    return allowWins(flow, method, outcome.update);
  }
  if (!current) {
    if (outcome.kind === 'cancel-failed') earlierNotCanceled(flow);
    return;
  }
  if (cause.kind === 'lost') return lostAndReleased(flow, op, cause.error, outcome);
  // The user's Cancel.
  if (outcome.kind === 'released') {
    if (outcome.final && outcome.final.status !== 'canceled') return show(flow, op, method, outcome.final);
    return userCanceled(flow, op, method === 'phone' ? 'phone' : 'push');
  }
  op.canceling = false;
  if (!op.followed!.watching) return lostAndReleased(flow, op, outcome.error, outcome);
  const message = (m: FlowMessages) => m.cancelFailed;
  flow.set({ phase: 'pending', step: 'cancel-failed', status: statusBar(message, 'error', { canCancel: true }) });
  flow.failed('cancel-failed', message);
}

/** The error of a watch that failed, once its transaction was released: Retry sends a new push or call. */
function lostAndReleased(flow: FlowRuntime, op: Operation, error: unknown, outcome: ReleaseOutcome): void {
  flow.finish(op);
  const method = op.followed!.transaction.method;
  const retry =
    method === 'push' || method === 'phone' ? () => void startTransaction(flow, method, newStartKey()) : null;
  fail(flow, op, error, retry, outcome.kind === 'cancel-failed' ? (m) => m.earlierNotCanceled : '');
}

/** A transaction the flow had stopped following was approved: the login succeeds with its token. */
function allowWins(flow: FlowRuntime, method: MfaMethod, raw: Allow): void {
  if (flow.core.phase === 'success') return;
  // The user's latest choice is the passcode being checked: its answer comes first, the approval only if it fails.
  if (flow.core.verifying) {
    flow.afterVerifying = () => allowWins(flow, method, raw);
    return;
  }
  flow.stop();
  const update = plainUpdate(raw);
  succeed(flow, method, update.token, update.remembered, flow.own(update.message, (m) => m.status.allow), 'allow');
}

/** The user moved on and the backend did not confirm the cancel of what they left: say so while choosing. */
function earlierNotCanceled(flow: FlowRuntime): void {
  // A new push or call replaces the earlier one on the server (one live request per attempt).
  if (flow.core.phase !== 'choosing') return;
  const message = (m: FlowMessages) => m.earlierNotCanceled;
  flow.set({ step: 'cancel-failed', status: statusBar(message, 'error', { canDismiss: true }) });
  flow.failed('cancel-failed', message);
}
