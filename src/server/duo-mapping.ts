/**
 * Duo's answers in our contract's shapes: devices and policy from preauth, and Duo's statuses as our
 * status updates with versions. Messages are our own neutral texts: Duo's `status_msg` names its app.
 */
import type { DuoAuthStatus, DuoDevice } from './duo-client.js';

type Method = 'push' | 'phone' | 'sms' | 'passcode';

export interface BridgeDevice {
  id: string;
  displayName: string;
  type: 'mobile' | 'landline' | 'token';
  maskedNumber?: string;
  capabilities: Method[];
  nextSmsDigit?: number;
}

/** Duo capability → our method. `auto` has no counterpart: the prompt chooses (its own auto method). */
const CAPABILITY: Record<string, Method> = { push: 'push', phone: 'phone', sms: 'sms', mobile_otp: 'passcode' };
const METHOD_ORDER: Method[] = ['push', 'phone', 'sms', 'passcode'];

/** `sms_nextcode` is the first digit of the next SMS passcode ("1"); anything else is left out. */
export function smsDigit(nextcode: unknown): number | undefined {
  return typeof nextcode === 'string' && /^\d/.test(nextcode) ? Number(nextcode[0]) : undefined;
}

export function mapDevice(device: DuoDevice): BridgeDevice {
  const token = device.type === 'token';
  const capabilities = token
    ? (['passcode'] as Method[])
    : METHOD_ORDER.filter((m) => (device.capabilities ?? []).some((c) => CAPABILITY[c] === m));
  const digit = capabilities.includes('sms') ? smsDigit(device.sms_nextcode) : undefined;
  return {
    id: device.device,
    displayName: String(device.display_name || device.name || (token ? 'Hardware token' : 'Phone')).slice(0, 1000),
    type: token ? 'token' : capabilities.includes('push') || capabilities.includes('sms') ? 'mobile' : 'landline',
    ...(device.number ? { maskedNumber: device.number } : {}),
    capabilities,
    ...(digit !== undefined ? { nextSmsDigit: digit } : {}),
  };
}

/** Methods offered: what the devices can do, plus passcode always (bypass codes need no device). */
export function methodsOf(devices: BridgeDevice[]): Method[] {
  return METHOD_ORDER.filter((m) => m === 'passcode' || devices.some((d) => d.capabilities.includes(m)));
}

/**
 * Versions without a store: each pending status has a fixed rank (push: `pushed` 1; call: `calling` 1,
 * `answered` 2) and the final status comes last (push 2, call 3). A call that Duo reports straight from
 * `calling` to its end skips 2, which the contract's client accepts (versions only grow).
 */
export const FINAL_VERSION = { push: 2, phone: 3 } as const;

export const TEXT = {
  pushed: 'Pushed a login request to your device...',
  calling: 'Calling your phone...',
  answered: 'Answered. Press any key on your phone to log in.',
  allow: 'Success. Logging you in...',
  deny: 'Login request denied.',
  pushFailed: 'The login request could not be delivered to your device.',
  timeout: 'Authentication timed out.',
  fraud: 'Login request reported as fraudulent.',
  lockedOut: 'Your account is locked after too many failed attempts. Ask your help desk to unlock it.',
  sent: 'New SMS passcodes sent',
  remembered: 'This device is remembered. Logging you in...',
  notRequired: 'No second factor needed. Logging you in...',
  enroll: 'You have no device for a second factor yet. Enroll one to continue.',
  deniedPreauth: 'Login is not permitted for this account. Contact your help desk.',
} as const;

/**
 * Duo documents no separate field for the Verified Push code; its `status_msg` carries it ("... enter
 * verification code 708 ..."). A `verification_code` field is read first in case one appears.
 */
export function verificationCodeOf(status: DuoAuthStatus): string | undefined {
  if (typeof status.verification_code === 'string' && /^\d{3,6}$/.test(status.verification_code)) return status.verification_code;
  const match = /verification code[^0-9]{0,20}(\d{3,6})\b/i.exec(status.status_msg ?? '');
  return match?.[1];
}

export type PendingUpdate =
  | { version: number; status: { status: 'pushed'; final: false; message: string; verificationCode?: string; expiresInSeconds?: number } }
  | { version: number; status: { status: 'calling' | 'answered'; final: false; message: string } };

export type FinalOutcome = { outcome: 'allow'; trustedDeviceToken?: string } | { outcome: 'deny' | 'timeout' | 'fraud' | 'locked_out'; message: string };

/** Duo's push or call status → a pending update, or the final outcome (the caller adds token and cookie). */
export function mapStatus(kind: 'push' | 'phone', status: DuoAuthStatus, pushExpiresIn: number | undefined): PendingUpdate | FinalOutcome {
  if (status.result === 'allow') return { outcome: 'allow', ...(status.trusted_device_token ? { trustedDeviceToken: status.trusted_device_token } : {}) };
  if (status.result === 'waiting') {
    if (status.status === 'answered') return { version: 2, status: { status: 'answered', final: false, message: TEXT.answered } };
    if (kind === 'phone') return { version: 1, status: { status: 'calling', final: false, message: TEXT.calling } };
    const code = verificationCodeOf(status);
    return {
      version: 1,
      status: {
        status: 'pushed',
        final: false,
        message: TEXT.pushed,
        ...(code ? { verificationCode: code } : {}),
        ...(pushExpiresIn !== undefined ? { expiresInSeconds: pushExpiresIn } : {}),
      },
    };
  }
  switch (status.status) {
    case 'timeout':
      return { outcome: 'timeout', message: TEXT.timeout };
    case 'fraud':
      return { outcome: 'fraud', message: TEXT.fraud };
    case 'locked_out':
      return { outcome: 'locked_out', message: TEXT.lockedOut };
    case 'push_failed':
      return { outcome: 'deny', message: TEXT.pushFailed };
    default:
      return { outcome: 'deny', message: TEXT.deny };
  }
}
