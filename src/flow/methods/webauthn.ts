/**
 * Use a security key / Use a passkey (WebAuthn): the backend starts a transaction whose `challenge` carries
 * the request options, the browser asks the authenticator (`WebAuthnClient.getAssertion`), and the assertion
 * goes back with `completeWebAuthn`, which answers the final status. Offered only when the adapter has both
 * WebAuthn methods and the page can use WebAuthn at all (`unavailable()` is null).
 *
 * Cancel, or moving on, aborts the browser's ceremony and cancels the transaction on the server. Each reason
 * the browser gives for a ceremony without an assertion has its own message; the other methods stay usable.
 */
import type { Transaction } from '../../adapter/types.js';
import { WebAuthnError } from '../../webauthn/types.js';
import { IDLE } from '../derive.js';
import { fail, succeed, transactionFailed, userCanceled } from '../outcomes.js';
import type { Again } from '../outcomes.js';
import type { FlowRuntime, Operation } from '../runtime.js';
import { newStartKey } from '../start-key.js';
import { statusBar } from '../status.js';
import { webauthnLabel } from './options.js';

export async function startWebAuthn(flow: FlowRuntime, idempotencyKey: string): Promise<void> {
  const { adapter, webauthn } = flow;
  const device = flow.core.selectedDevice;
  if (!flow.interactive || flow.core.verifying || !device || !flow.usable(device).has('webauthn')) return;
  if (flow.core.pendingMethod === 'webauthn' || !webauthn || !adapter.startWebAuthn || !adapter.completeWebAuthn) return;
  const op = flow.begin();
  const status = statusBar(flow.messages.status.challenge, 'pending', { canCancel: true });
  flow.set({ ...IDLE, phase: 'pending', step: 'starting', pendingMethod: 'webauthn', passcodeError: null, status });
  let transaction: Transaction;
  try {
    const options = { rememberMe: flow.snapshot.rememberMe.checked, idempotencyKey };
    transaction = await adapter.startWebAuthn(flow.attemptId, device.id, options);
  } catch (error) {
    if (!flow.isCurrent(op)) return;
    if (op.canceling) return userCanceled(flow, op, 'webauthn');
    return fail(flow, op, error, () => void startWebAuthn(flow, idempotencyKey));
  }
  const { txid, status: challenge } = transaction;
  // From here the transaction is live on the server until an assertion ends it: whoever drops this
  // operation (Cancel, another method, the prompt closing) cancels it too, once.
  let settled = challenge.final;
  const release = (): void => {
    if (!settled) adapter.cancel(txid).catch(() => {});
    settled = true;
  };
  if (!flow.isCurrent(op) || op.canceling) {
    release();
    if (op.canceling && flow.isCurrent(op)) userCanceled(flow, op, 'webauthn');
    return;
  }
  op.controller.signal.addEventListener('abort', release);
  if (challenge.status !== 'challenge') return showFinal(flow, op, transaction);
  flow.set({ step: 'challenge', status: statusBar(challenge.message || flow.messages.status.challenge, 'pending', { canCancel: true }) });

  let assertion;
  try {
    assertion = await webauthn.getAssertion(challenge.publicKey, op.controller.signal);
  } catch (error) {
    if (!flow.isCurrent(op)) return;
    release();
    if (op.canceling) return userCanceled(flow, op, 'webauthn');
    if (!(error instanceof WebAuthnError)) return fail(flow, op, error, null);
    flow.finish(op);
    const { reason } = error;
    const message = flow.messages.webauthnFailed[reason];
    const again = reason === 'unsupported' || reason === 'insecure-context' ? null : tryAgain(flow);
    flow.retryAction = again?.action ?? null;
    const buttons = again ? { canDismiss: true, canRetry: true, retryLabel: again.label } : { canDismiss: true };
    const step = `webauthn-${reason}` as const;
    flow.set({ ...IDLE, phase: 'choosing', step, status: statusBar(message, reason === 'canceled' ? 'info' : 'error', buttons) });
    flow.emit('failure', { reason: step, message });
    return;
  }
  settled = true; // the assertion is on its way: the backend's answer ends the transaction
  let final: Transaction;
  try {
    // No abort signal: the backend checks an assertion once, so its answer is always awaited.
    final = await adapter.completeWebAuthn(txid, assertion);
  } catch (error) {
    if (flow.isCurrent(op)) fail(flow, op, error, null);
    return;
  }
  if (flow.isCurrent(op)) return showFinal(flow, op, final);
  // Rule 17, **allow wins**: the user moved on, but the key had already approved the login.
  if (final.status.status === 'allow' && !flow.destroyed && flow.core.phase !== 'success') {
    flow.stop();
    succeed(flow, 'webauthn', final.status.token, final.status.remembered, flow.messages.status.allow, 'allow');
  }
}

/**
 * Cancel while the key is asked: the ceremony is aborted, which cancels the transaction on the server. A
 * challenge is useless without this browser's assertion, so "canceled" shows without waiting for the server.
 */
export function cancelWebAuthn(flow: FlowRuntime, op: Operation): void {
  op.canceling = true;
  flow.set({ step: 'canceling', status: statusBar(flow.messages.canceling, 'pending') });
  op.controller.abort();
}

function showFinal(flow: FlowRuntime, op: Operation, { status }: Transaction): void {
  flow.finish(op);
  if (status.status === 'allow') return succeed(flow, 'webauthn', status.token, status.remembered, status.message || flow.messages.status.allow, 'allow');
  if (!status.final || status.status === 'sent') return fail(flow, op, new Error('A WebAuthn transaction ended off the contract.'), null);
  transactionFailed(flow, status.status, status.message || flow.messages.status[status.status]);
}

/** After a ceremony without an assertion: a new one (a new transaction), under the method's own label. */
function tryAgain(flow: FlowRuntime): Again {
  const label = webauthnLabel(flow.messages, flow.core.selectedDevice?.type);
  return { action: () => void startWebAuthn(flow, newStartKey()), label };
}
