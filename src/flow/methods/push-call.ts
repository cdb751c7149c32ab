/** Send me a Push and Call Me: start the transaction, then follow it until the phone answers. */
import { isMfaError } from '../../adapter/errors.js';
import type { Transaction } from '../../adapter/types.js';
import { IDLE } from '../derive.js';
import { follow } from '../follow.js';
import { fail, userCanceled } from '../outcomes.js';
import type { Again } from '../outcomes.js';
import type { FlowRuntime } from '../runtime.js';
import { newStartKey } from '../start-key.js';
import { statusBar } from '../status.js';
import type { FlowMessages } from '../messages.js';

export async function startTransaction(flow: FlowRuntime, method: 'push' | 'phone', idempotencyKey: string): Promise<void> {
  const device = flow.core.selectedDevice;
  if (!flow.interactive || flow.core.verifying || !device || !flow.usable(device).has(method)) return;
  // A second click on the button while its request is under way must not send a second one.
  if (flow.core.pendingMethod === method) return;
  const op = flow.begin();
  flow.set({
    ...IDLE,
    phase: 'pending',
    step: 'starting',
    pendingMethod: method,
    passcodeError: null,
    status: statusBar((m) => m.starting[method], 'pending', { canCancel: true }),
  });
  // No abort signal: the backend may already have pushed or dialled. If the user moves on first, `follow`
  // cancels the transaction as soon as its id is known.
  const options = { rememberMe: flow.snapshot.rememberMe.checked, idempotencyKey };
  let transaction: Transaction;
  try {
    transaction =
      method === 'push'
        ? await flow.adapter.startPush(flow.attemptId, device.id, options)
        : await flow.adapter.startCall(flow.attemptId, device.id, options);
  } catch (error) {
    if (!flow.isCurrent(op)) return;
    // Canceled before the backend answered, and nothing was started.
    if (op.canceling) return userCanceled(flow, op, method);
    // The push rate limit (rule against push bombing): say how long to wait, not "too many attempts".
    const wait = isMfaError(error, 'rate_limited') ? { seconds: error.retryAfter } : undefined;
    const refused = wait && ((m: FlowMessages) => m.tooManyRequests(method, wait.seconds));
    return fail(flow, op, error, () => void startTransaction(flow, method, idempotencyKey), '', refused);
  }
  follow(flow, op, transaction, device.id);
}

/** After a push or call timed out: a new one (a new start, not a repeat), under "Send another push" or "Call again". */
export function sendAgain(flow: FlowRuntime, method: 'push' | 'phone'): Again {
  return { action: () => void startTransaction(flow, method, newStartKey()), label: (m) => m.sendAgain[method] };
}
