/**
 * Use a security key / Use a passkey (WebAuthn): the backend starts a transaction whose `challenge` carries
 * the request options, the browser asks the authenticator (`WebAuthnClient.getAssertion`), and the assertion
 * goes back with `completeWebAuthn`, which answers the final status. Offered only when the adapter has both
 * WebAuthn methods and the page can use WebAuthn at all (`unavailable()` is null: see `MfaFlow`).
 *
 * Cancel, or moving on, aborts the browser's ceremony and cancels the transaction on the server. Each reason
 * the browser gives for a ceremony without an assertion has its own message; the other methods stay usable.
 */
import type { StatusUpdate, Transaction, WebAuthnAssertion } from '../../adapter/types.js';
import { WebAuthnError } from '../../webauthn/types.js';
import { plainText } from '../backend-text.js';
import { IDLE } from '../derive.js';
import { show } from '../follow.js';
import { fail, succeed, transactionFailed, userCanceled } from '../outcomes.js';
import type { FlowRuntime, Operation } from '../runtime.js';
import { newStartKey } from '../start-key.js';
import { statusBar } from '../status.js';
import type { FlowMessages } from '../messages.js';
import { webauthnLabel } from './options.js';

export async function startWebAuthn(flow: FlowRuntime, idempotencyKey: string): Promise<void> {
  const { adapter, webauthn } = flow;
  const device = flow.core.selectedDevice;
  if (!flow.interactive || flow.core.verifying || !device || !flow.usable(device).has('webauthn')) return;
  if (flow.core.pendingMethod === 'webauthn' || !webauthn || !adapter.startWebAuthn || !adapter.completeWebAuthn) return;
  const op = flow.begin();
  const waiting = (message?: string) => statusBar(flow.own(message, (m) => m.status.challenge), 'pending', { canCancel: true });
  flow.set({ ...IDLE, phase: 'pending', step: 'starting', pendingMethod: 'webauthn', passcodeError: null, status: waiting() });
  const again = () => void startWebAuthn(flow, newStartKey());
  let transaction: Transaction;
  try {
    const options = { rememberMe: flow.snapshot.rememberMe.checked, idempotencyKey };
    transaction = await adapter.startWebAuthn(flow.attemptId, device.id, options);
  } catch (error) {
    if (!flow.isCurrent(op)) return;
    if (op.canceling) return userCanceled(flow, op, 'webauthn');
    return fail(flow, op, error, () => void startWebAuthn(flow, idempotencyKey));
  }
  const { txid, status } = transaction;
  // From here the transaction is live on the server until an assertion ends it: whoever drops this
  // operation (Cancel, another method, the prompt closing) cancels it, once.
  let settled = status.final;
  const release = (): void => {
    if (!settled) adapter.cancel(txid).catch(() => {});
    settled = true;
  };
  if (!flow.isCurrent(op) || op.canceling) {
    release();
    return op.canceling && flow.isCurrent(op) ? userCanceled(flow, op, 'webauthn') : undefined;
  }
  op.controller.signal.addEventListener('abort', release);
  if (status.status !== 'challenge') return ended(flow, op, status);
  flow.set({ step: 'challenge', status: waiting(plainText(status.message)) });

  let assertion: WebAuthnAssertion;
  try {
    assertion = await webauthn.getAssertion(status.publicKey, op.controller.signal);
  } catch (error) {
    if (!flow.isCurrent(op)) return;
    release();
    if (op.canceling) return userCanceled(flow, op, 'webauthn');
    if (!(error instanceof WebAuthnError)) return fail(flow, op, error, null);
    flow.finish(op);
    const { reason } = error;
    // Where WebAuthn cannot work at all, trying again is pointless: only the other methods are offered.
    // Elsewhere Retry says "Try the security key again", not the method button's "Use a security key".
    const label = (m: FlowMessages): string => webauthnLabel(m.webauthnAgain, device.type);
    const retry = reason === 'unsupported' || reason === 'insecure-context' ? null : { action: again, label };
    return transactionFailed(flow, `webauthn-${reason}`, (m) => m.webauthnFailed[reason], retry);
  }
  settled = true; // the assertion is on its way: the backend's answer ends the transaction
  let final: StatusUpdate;
  try {
    // No abort signal: the backend checks an assertion once, so its answer is always awaited.
    final = (await adapter.completeWebAuthn(txid, assertion)).status;
  } catch (error) {
    if (flow.isCurrent(op)) fail(flow, op, error, null);
    return;
  }
  if (flow.isCurrent(op)) return ended(flow, op, final);
  // Rule 17, **allow wins**: the user moved on, but the key had already approved the login.
  if (final.status === 'allow' && !flow.destroyed && flow.core.phase !== 'success') {
    flow.stop();
    succeed(flow, 'webauthn', final.token, final.remembered, (m) => m.status.allow, 'allow');
  }
}

/**
 * Cancel while the key is asked: the ceremony is aborted, which cancels the transaction on the server. A
 * challenge is useless without this browser's assertion, so "canceled" shows without waiting for the server.
 */
export function cancelWebAuthn(flow: FlowRuntime, op: Operation): void {
  op.canceling = true;
  flow.set({ step: 'canceling', status: statusBar((m) => m.canceling, 'pending') });
  op.controller.abort();
}

/** The transaction's final status, shown like any other; anything else off the contract. */
function ended(flow: FlowRuntime, op: Operation, status: StatusUpdate): void {
  if (status.final) show(flow, op, 'webauthn', status);
  else fail(flow, op, null, null);
}
