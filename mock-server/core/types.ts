/** The simulator's public data shapes: what its operations return and what its control API shows. */
import type { MfaMethod, TransactionStatus } from '../../src/adapter/types.js';
import type { TransactionBody } from '../../src/adapter/wire.js';

/** What `start` and `get` return: the JSON body, and the remember-me token for the handler's cookie (never in the body). */
export interface TransactionSnapshot {
  body: TransactionBody;
  /** Set once the transaction ended in `allow` with "Remember me" ticked and allowed. */
  rememberToken?: string;
  /** Seconds the remember token stays valid, for the cookie's Max-Age. */
  rememberMaxAgeSeconds?: number;
}

export interface PendingPush {
  txid: string;
  deviceId: string;
  deviceName: string;
  requestedAt: number;
  expiresAt: number;
  /** **Verified Push**: the code the login screen shows, which the user must type to approve. */
  verificationCode?: string;
}

export interface ActiveCall {
  txid: string;
  deviceId: string;
  deviceName: string;
  maskedNumber?: string;
  state: 'ringing' | 'answered';
  startedAt: number;
}

export interface SmsMessage {
  id: string;
  /** When it was delivered (ms since the epoch, by the simulator's clock). */
  time: number;
  deviceId: string;
  deviceName: string;
  text: string;
  codes: string[];
}

export type PushScriptAction = 'approve' | 'deny' | 'fraud' | 'ignore';
export type CallScriptAction = 'answer-and-press' | 'answer' | 'hang-up' | 'ignore';

/** What the simulated phone does by itself, e.g. "approve every push after 2 s". */
export interface PhoneScript {
  push?: { action: PushScriptAction; afterMs: number };
  /** `answer-and-press` answers after `afterMs` and presses 1 a second later, so "Answered" shows first. */
  call?: { action: CallScriptAction; afterMs: number };
}

/** Everything that changes what a simulated phone or a prompt shows. */
export type SimulatorEvent =
  | { type: 'transaction'; username: string; txid: string; method: MfaMethod; status: TransactionStatus; version: number }
  | { type: 'sms'; username: string; message: SmsMessage }
  | { type: 'lock'; username: string; locked: boolean }
  | { type: 'reset' };

/** The user's side of the login: the phone in their hand, the token on their keyring, the codes on paper. */
export interface SimulatedPhone {
  pendingPush(): PendingPush | undefined;
  /**
   * Approves the newest pending push. A verified push (one that shows a `verificationCode`) is approved
   * only with that code: a wrong or missing code ends it as `deny` and counts as a failure toward lock-out.
   */
  approvePush(code?: string): void;
  /** Types the code the push shows (none for an unverified push) and approves: the user who reads the screen. */
  approvePushWithShownCode(): void;
  denyPush(): void;
  /** "Deny and report": the push ends as `fraud`. */
  reportPush(): void;
  activeCall(): ActiveCall | undefined;
  answerCall(): void;
  /** Any key approves; 9 reports fraud. */
  pressKey(key?: string): void;
  hangUp(): void;
  /** Every SMS the user's devices received, newest last. */
  smsInbox(): SmsMessage[];
  /** The authenticator app's current code (the first device with one, or `deviceId`). */
  authenticatorCode(deviceId?: string): string;
  /** The hardware token's next code: the one the server expects at its current counter. */
  tokenCode(deviceId?: string): string;
  /** The bypass codes not used yet. */
  bypassCodes(): string[];
}
