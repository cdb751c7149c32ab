/**
 * Following a started transaction: every status update it brings, as the user sees it, until the final one.
 * Texts lose their bidi controls first (rule 21).
 */
import { MfaError } from '../adapter/errors.js';
import type { MfaMethod, StatusUpdate, Transaction } from '../adapter/types.js';
import { plainText, plainUpdate } from './backend-text.js';
import { IDLE } from './derive.js';
import { sendAgain } from './methods/push-call.js';
import { fail, succeed, transactionFailed } from './outcomes.js';
import { lost, release } from './releasing.js';
import type { FlowRuntime, Operation } from './runtime.js';
import { statusBar } from './status.js';
import { holdSendCodes, limitTime } from './time-limits.js';
import { FollowedTransaction } from './transaction-release.js';

/**
 * Shows a started transaction and its updates until the final one, as long as `op` is current. An answer
 * for an operation the user has left, or canceled, is released at once.
 */
export function follow(flow: FlowRuntime, op: Operation, transaction: Transaction, deviceId: string): void {
  const { method } = transaction;
  op.deviceId = deviceId;
  op.followed = new FollowedTransaction(flow.adapter, transaction, {
    update: (update) => {
      if (flow.isCurrent(op)) show(flow, op, method, update);
    },
    lost: (error) => {
      if (flow.isCurrent(op)) lost(flow, op, error);
    },
    retrying: () => {
      if (!flow.isCurrent(op)) return;
      flow.set({ step: 'reconnecting', status: statusBar((m) => m.reconnecting, 'pending', { canCancel: true }) });
    },
  });
  if (!flow.isCurrent(op)) return release(flow, op, null);
  if (op.canceling) return release(flow, op, { kind: 'cancel' });
  show(flow, op, method, transaction.status);
}

/** Renders one status update. */
export function show(flow: FlowRuntime, op: Operation, method: MfaMethod, raw: StatusUpdate): void {
  const update = plainUpdate(raw);
  const { status } = update;
  const message = flow.own(update.message, (m) => m.status[status]);
  switch (update.status) {
    case 'pushed':
    case 'calling':
    case 'answered': {
      const pendingMethod = method === 'phone' ? 'phone' : 'push';
      const code = update.status === 'pushed' ? update.verificationCode : undefined;
      flow.set({
        ...IDLE,
        phase: 'pending',
        step: update.status,
        pendingMethod,
        verificationCode: code ? plainText(code) : null,
        expiresAt: limitTime(flow, op, pendingMethod, update.expiresInSeconds),
        status: statusBar(message, 'pending', { canCancel: true }),
      });
      return;
    }
    case 'sent':
      flow.finish(op);
      flow.smsDigits.set(op.deviceId, update.nextSmsDigit);
      holdSendCodes(flow, op.deviceId, update.resendInSeconds ?? 0);
      flow.set({
        ...IDLE,
        phase: 'choosing',
        step: 'sent',
        passcodeEntryOpen: true,
        status: statusBar(message, 'info', { canDismiss: true }),
      });
      return;
    case 'allow':
      flow.finish(op);
      return succeed(flow, method, update.token, update.remembered, message, 'allow');
    case 'challenge':
      // Only a WebAuthn start is answered with a challenge: for a push or a call it is off the contract.
      return fail(flow, op, new MfaError('bad_response', 'A challenge answered a push or a call.'), null);
    default: {
      flow.finish(op);
      const again = update.status === 'timeout' && (method === 'push' || method === 'phone');
      return transactionFailed(flow, update.status, message, again ? sendAgain(flow, method) : null);
    }
  }
}
