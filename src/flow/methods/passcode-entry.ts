/**
 * Enter a Passcode: the entry opens, Log In verifies what was typed (a code, or a keyword that starts a
 * method), and the answer shows under the field. The passcode itself is never kept (rule 19, **passcode
 * cleared**).
 */
import type { Device, MfaMethod, Transaction } from '../../adapter/types.js';
import { IDLE } from '../derive.js';
import { follow } from '../follow.js';
import { halt, lockOut } from '../outcomes.js';
import { nextSmsDigitAfter, parsePasscode, withoutSecret } from '../passcode.js';
import type { PasscodeInput } from '../passcode.js';
import type { FlowRuntime, Operation } from '../runtime.js';
import { newStartKey } from '../start-key.js';
import { describeError, statusBar } from '../status.js';
import type { FlowMessages } from '../messages.js';
import { startMethod } from './start.js';

/**
 * Shows the passcode entry, canceling a pending push, call or security key request: like a device switch, it
 * says so ("Authentication request canceled") and emits `cancel` at once, while the flow cancels it on the
 * server.
 */
export function openPasscodeEntry(flow: FlowRuntime): void {
  const device = flow.core.selectedDevice;
  if (!flow.interactive || flow.core.verifying || !device || !flow.canEnterPasscode(device)) return;
  if (flow.core.passcodeEntryOpen && flow.core.phase === 'choosing') return;
  const left = flow.core.phase === 'pending' ? flow.core.pendingMethod : null;
  flow.stop();
  flow.set({
    ...IDLE,
    phase: 'choosing',
    step: 'passcode-entry',
    passcodeEntryOpen: true,
    passcodeError: null,
    status: left ? statusBar((m) => m.userCanceled, 'info', { canDismiss: true }) : null,
  });
  if (left) flow.emit('cancel', { method: left });
}

/** Enter a Passcode pressed again: hides the entry (and so empties the field), unless a code is being verified. */
export function closePasscodeEntry(flow: FlowRuntime): void {
  if (!flow.interactive || flow.core.verifying || !flow.core.passcodeEntryOpen) return;
  const step = flow.core.phase === 'pending' ? flow.core.step : 'choose';
  flow.set({ step, passcodeEntryOpen: false, passcodeError: null });
}

/** Log In: input that cannot be a passcode gets an inline error and sends nothing (the field keeps it). */
export function submitPasscode(flow: FlowRuntime, raw: string): void {
  const device = flow.core.selectedDevice;
  if (!flow.interactive || !device || flow.core.verifying) return;
  const input = parsePasscode(raw);
  if (input.kind === 'invalid') {
    const passcodeError = input.reason === 'empty' ? (m: FlowMessages) => m.passcodeEmpty : (m: FlowMessages) => m.passcodeFormat;
    flow.set({ step: 'invalid-input', passcodeEntryOpen: true, passcodeError });
    return;
  }
  void verify(flow, input, device);
}

async function verify(flow: FlowRuntime, input: Exclude<PasscodeInput, { kind: 'invalid' }>, selected: Device): Promise<void> {
  const deviceNumber = input.kind === 'keyword' ? input.deviceNumber : undefined;
  let device = selected;
  if (input.kind === 'keyword') {
    const method: MfaMethod = input.keyword;
    // A plain keyword on a device that can do it is the button's shortcut: same device, same request.
    // The keyword is acted on: it does not stay in the field.
    if (deviceNumber === undefined && flow.usable(selected).has(method)) {
      flow.set({ clearPasscode: flow.core.clearPasscode + 1 });
      return startMethod(flow, input.keyword);
    }
    // Otherwise the backend starts it on the N-th device able to (the first without a number, as the
    // contract says); the prompt shows that device so its progress makes sense.
    const capable = flow.core.devices.filter((candidate) => flow.usable(candidate).has(method));
    device = capable[(deviceNumber ?? 1) - 1] ?? selected;
  }
  const op = flow.begin();
  flow.set({
    ...IDLE,
    phase: 'choosing',
    step: 'verifying',
    selectedDevice: device,
    verifying: true,
    // A keyword may move to a device that takes no passcodes (`phone2`: a landline): no entry to show there.
    passcodeEntryOpen: input.kind === 'code' || flow.canEnterPasscode(device),
    passcodeError: null,
    status: statusBar((m) => m.verifying, 'pending'),
  });
  // No abort signal: a code the backend has checked is used up, so its answer is always awaited (other
  // commands wait for it too, see `verifying`). No Retry either: the code is not kept to be sent again.
  const options = {
    rememberMe: flow.snapshot.rememberMe.checked,
    idempotencyKey: newStartKey(),
    ...(input.kind === 'keyword' ? {} : { deviceId: device.id }),
  };
  let transaction: Transaction | undefined;
  let failure: unknown;
  try {
    transaction = await flow.adapter.verifyPasscode(flow.attemptId, input.value, options);
  } catch (error) {
    failure = error;
  }
  // Rule 19, **passcode cleared**: the code was sent; whatever came of it, the field must not keep it.
  flow.set({ clearPasscode: flow.core.clearPasscode + 1 });
  if (!transaction) {
    if (flow.isCurrent(op)) passcodeFailed(flow, op, failure);
  } else {
    if (input.kind === 'code') {
      transaction = withoutSecret(transaction, input.value);
      if (flow.isCurrent(op) && transaction.status.status === 'allow') useSmsCode(flow, device.id, input.value);
    }
    follow(flow, op, transaction, device.id);
  }
  // A push or call approved meanwhile (rule 17) logs in now, unless this passcode did.
  const approved = flow.afterVerifying;
  flow.afterVerifying = null;
  approved?.();
}

/** Passcode errors show under the field; a lock-out, which is about the account, in the status bar. */
function passcodeFailed(flow: FlowRuntime, op: Operation, error: unknown): void {
  const { code, message } = describeError(error);
  if (code === 'expired') return halt(flow, error);
  flow.finish(op);
  if (code === 'locked_out') return lockOut(flow, message);
  flow.set({ ...IDLE, step: code, passcodeError: message, status: null });
  flow.failed(code, message);
}

/** An accepted SMS code moves the hint on to the next code of the batch. */
function useSmsCode(flow: FlowRuntime, deviceId: string, code: string): void {
  const digit = flow.smsDigits.get(deviceId);
  if (digit == null || !flow.policy || code[0] !== String(digit)) return;
  flow.smsDigits.set(deviceId, nextSmsDigitAfter(digit, flow.policy.smsBatchSize));
}
