/** Which methods the prompt offers for a device, given the administrator's policy. */
import type { Device, DeviceType, MfaMethod, Policy } from '../../adapter/types.js';
import type { FlowMessages } from '../messages.js';

/**
 * A top-level method button. `passcode` opens the passcode entry; SMS is offered inside it (Send codes).
 * `webauthn`: "Use a security key", or "Use a passkey" for a passkey device.
 */
export type MethodChoice = 'push' | 'phone' | 'passcode' | 'webauthn';

export interface MethodOption {
  readonly method: MethodChoice;
  /** The button's text, e.g. "Send me a Push". */
  readonly label: string;
  /** Shown with a "Recommended" badge: push, or WebAuthn (phishing-resistant), whenever offered. */
  readonly recommended: boolean;
}

/** What each kind of device can physically do, whatever its capabilities claim. */
const POSSIBLE: Record<DeviceType, readonly MfaMethod[]> = {
  mobile: ['push', 'phone', 'sms', 'passcode'],
  landline: ['phone'],
  token: ['passcode'],
  'security-key': ['webauthn'],
  passkey: ['webauthn'],
};

/**
 * The device's capabilities ∩ the policy's methods ∩ what its type allows; WebAuthn only where the adapter and
 * the page can do it (`webauthn`).
 */
export function usableMethods(device: Device, policy: Policy, webauthn = false): Set<MfaMethod> {
  return new Set(
    device.capabilities.filter(
      (method) =>
        policy.methods.includes(method) && POSSIBLE[device.type].includes(method) && (webauthn || method !== 'webauthn'),
    ),
  );
}

/**
 * WebAuthn first (a security key or passkey device has nothing else), push (recommended), then Call Me, then
 * Enter a Passcode, which an SMS-capable device also gets.
 */
export function methodOptions(usable: Set<MfaMethod>, messages: FlowMessages, type?: DeviceType): MethodOption[] {
  const choices: MethodChoice[] = [];
  if (usable.has('webauthn')) choices.push('webauthn');
  if (usable.has('push')) choices.push('push');
  if (usable.has('phone')) choices.push('phone');
  if (usable.has('passcode') || usable.has('sms')) choices.push('passcode');
  return choices.map((method) =>
    Object.freeze({
      method,
      label: method === 'webauthn' ? webauthnLabel(messages.webauthnMethod, type) : messages.methods[method],
      recommended: method === 'push' || method === 'webauthn',
    }),
  );
}

/** The passkey's text of a pair ("Use a passkey") for a passkey, the security key's otherwise. */
export function webauthnLabel(labels: FlowMessages['webauthnMethod'], type?: DeviceType): string {
  return labels[type === 'passkey' ? 'passkey' : 'securityKey'];
}
