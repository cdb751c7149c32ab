/** Send codes: a new batch of SMS passcodes to the selected device; the user then types one. */
import type { Transaction } from '../../adapter/types.js';
import { IDLE } from '../derive.js';
import { follow } from '../follow.js';
import { fail } from '../outcomes.js';
import type { FlowRuntime } from '../runtime.js';
import { statusBar } from '../status.js';

export async function sendCodes(flow: FlowRuntime, idempotencyKey: string): Promise<void> {
  const device = flow.core.selectedDevice;
  if (!flow.interactive || !device || !flow.usable(device).has('sms')) return;
  if (flow.core.sendingCodes || flow.core.verifying) return;
  // The backend's cooldown after the last batch: Send codes is not offered until it returns. Typed as the
  // `sms` keyword meanwhile, the wait is said in the status (information, not an error).
  const until = flow.smsCooldowns.get(device.id);
  if (until !== undefined) {
    const seconds = Math.max(1, Math.ceil((until - flow.clock.now()) / 1000));
    flow.set({ status: statusBar((m) => m.sendCodesIn(seconds), 'info', { canDismiss: true }) });
    return;
  }
  const op = flow.begin();
  flow.set({
    ...IDLE,
    phase: 'choosing',
    step: 'sending-codes',
    sendingCodes: true,
    passcodeEntryOpen: true,
    passcodeError: null,
    status: statusBar((m) => m.sendingCodes, 'pending'),
  });
  let transaction: Transaction;
  try {
    // No abort signal either: codes the backend already texted stay valid; a late answer is simply ignored.
    transaction = await flow.adapter.sendSmsPasscodes(flow.attemptId, device.id, { idempotencyKey });
  } catch (error) {
    if (flow.isCurrent(op)) fail(flow, op, error, () => void sendCodes(flow, idempotencyKey));
    return;
  }
  follow(flow, op, transaction, device.id);
}
