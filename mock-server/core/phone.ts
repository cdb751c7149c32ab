/** The user's phone in the control API: what it shows and the buttons it has, over the simulator's outcomes. */
import { MESSAGES } from './messages.js';
import type { TransactionRecord } from './transactions.js';
import type { PhoneScript, SimulatedPhone, SmsMessage } from './types.js';

/** What the phone needs from the simulator: the newest pending request and the outcomes of each button. */
export interface PhoneBackend {
  readonly username: string;
  readonly pushTimeoutMs: number;
  /** The newest pending transaction of that method: what the phone's screen shows on top. */
  pending(method: 'push' | 'phone'): TransactionRecord | undefined;
  approve(tx: TransactionRecord): void;
  deny(tx: TransactionRecord, message: string): void;
  fraud(tx: TransactionRecord, message: string): void;
  answer(tx: TransactionRecord): void;
  inbox(): SmsMessage[];
  authenticatorCode(deviceId?: string): string;
  tokenCode(deviceId?: string): string;
  bypassCodes(): string[];
}

export function simulatedPhone(backend: PhoneBackend): SimulatedPhone {
  const { username } = backend;
  const required = (method: 'push' | 'phone', nothingPending: string) => {
    const tx = backend.pending(method);
    if (!tx) throw new Error(`${nothingPending} for "${username}".`);
    return tx;
  };
  const push = () => required('push', 'There is no pending push');
  const call = () => required('phone', 'There is no call');
  const shownCode = (tx: TransactionRecord) => (tx.status.status === 'pushed' ? tx.status.verificationCode : undefined);
  /** **Verified Push**: approves only with the code the login screen shows; anything else denies (a failure). */
  const approvePush = (code: unknown) => {
    const tx = push();
    const expected = shownCode(tx);
    if (expected !== undefined && code !== expected) backend.deny(tx, MESSAGES.wrongVerificationCode);
    else backend.approve(tx);
  };
  return {
    pendingPush: () => {
      const tx = backend.pending('push');
      if (!tx?.device) return undefined;
      const expiresAt = tx.createdAt + backend.pushTimeoutMs;
      const verificationCode = shownCode(tx);
      return {
        txid: tx.txid,
        deviceId: tx.device.id,
        deviceName: tx.device.displayName,
        requestedAt: tx.createdAt,
        expiresAt,
        ...(verificationCode === undefined ? {} : { verificationCode }),
      };
    },
    approvePush: (code) => approvePush(code),
    approvePushWithShownCode: () => approvePush(shownCode(push())),
    denyPush: () => backend.deny(push(), MESSAGES.pushDenied),
    reportPush: () => backend.fraud(push(), MESSAGES.fraud),
    activeCall: () => {
      const tx = backend.pending('phone');
      if (!tx?.device) return undefined;
      const { device } = tx;
      return {
        txid: tx.txid,
        deviceId: device.id,
        deviceName: device.displayName,
        ...(device.maskedNumber ? { maskedNumber: device.maskedNumber } : {}),
        state: tx.status.status === 'answered' ? 'answered' : 'ringing',
        startedAt: tx.createdAt,
      };
    },
    answerCall: () => backend.answer(call()),
    pressKey: (key = '1') => {
      if (!/^[0-9*#]$/.test(key)) throw new Error(`"${key}" is not a phone key: use 0-9, * or #.`);
      const tx = call();
      if (tx.status.status !== 'answered') throw new Error('Answer the call before pressing a key.');
      // Duo's calls say "press 9 to deny and report fraud".
      if (key === '9') backend.fraud(tx, MESSAGES.callFraud);
      else backend.approve(tx);
    },
    hangUp: () => backend.deny(call(), MESSAGES.callEnded),
    smsInbox: () => backend.inbox(),
    authenticatorCode: (deviceId) => backend.authenticatorCode(deviceId),
    tokenCode: (deviceId) => backend.tokenCode(deviceId),
    bypassCodes: () => backend.bypassCodes(),
  };
}

/** Throws a clear error for a script the phone could not follow (a typo in a story or a test). */
export function assertScript(script: PhoneScript): void {
  const check = (what: string, step: { action: string; afterMs: number } | undefined, actions: readonly string[]) => {
    if (!step) return;
    if (!actions.includes(step.action)) throw new TypeError(`script ${what}.action must be one of ${actions.join(', ')}`);
    if (!Number.isFinite(step.afterMs) || step.afterMs < 0) throw new RangeError(`script ${what}.afterMs must be >= 0`);
  };
  check('push', script.push, ['approve', 'deny', 'fraud', 'ignore']);
  check('call', script.call, ['answer-and-press', 'answer', 'hang-up', 'ignore']);
}
