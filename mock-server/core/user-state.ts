/**
 * What the simulator keeps per user: the effective policy, the failure count, passcode state, the SMS
 * inbox, the phone's script, and the devices, including security keys and passkeys registered at run time
 * with their WebAuthn credentials.
 */
import type { Device, MfaMethod, Policy } from '../../src/adapter/types.js';
import { FailureCount } from './failures.js';
import type { ResolvedOptions } from './options.js';
import { UserPasscodes } from './passcodes.js';
import type { PhoneScript, SmsMessage } from './types.js';
import type { SimulatedDevice, SimulatedUser } from './users.js';
import { credentialOf, type StoredCredential } from './webauthn.js';

/** Every method, in the order the prompt offers them, unless a user's policy says otherwise. */
export const ALL_METHODS: readonly MfaMethod[] = ['push', 'phone', 'sms', 'passcode', 'webauthn'];

export interface UserState {
  user: SimulatedUser;
  policy: Policy;
  failures: FailureCount;
  passcodes: UserPasscodes;
  inbox: SmsMessage[];
  script: PhoneScript;
  /** The user's devices: the configured ones, then those registered through the control API. */
  devices: SimulatedDevice[];
  /** The WebAuthn credential of each security key or passkey, by device id (counters move). */
  credentials: Map<string, StoredCredential>;
  /** When the user's last SMS batch went out (**SMS cooldown**). */
  lastSmsAt?: number;
}

export function createUserState(user: SimulatedUser, options: ResolvedOptions): UserState {
  const { hotpLookAhead, totpGraceSeconds, lockoutThreshold, lockoutMs, maxFailures } = options;
  const policy: Policy = {
    methods: [...(user.policy?.methods ?? ALL_METHODS)],
    rememberMe: {
      allowed: user.policy?.rememberMe?.allowed ?? true,
      durationSeconds: user.policy?.rememberMe?.durationSeconds ?? options.rememberSeconds,
    },
    smsBatchSize: user.policy?.smsBatchSize ?? options.smsBatchSize,
    verifiedPush: user.policy?.verifiedPush ?? options.verifiedPush,
  };
  const credentials = new Map<string, StoredCredential>();
  for (const device of user.devices) if (device.webauthn) credentials.set(device.id, credentialOf(device.webauthn));
  return {
    user,
    policy,
    failures: new FailureCount({ lockoutThreshold, lockoutMs, maxFailures }),
    passcodes: new UserPasscodes(user, { hotpLookAhead, totpGraceSeconds }),
    inbox: [],
    script: {},
    devices: [...user.devices],
    credentials,
  };
}

/** A device as preauth lists it: no secrets, and the next SMS digit while a batch is outstanding. */
export function publicDevice(state: UserState, device: SimulatedDevice, now: number): Device {
  const nextSmsDigit = state.passcodes.nextSmsDigit(device.id, now);
  return {
    id: device.id,
    displayName: device.displayName,
    type: device.type,
    ...(device.maskedNumber ? { maskedNumber: device.maskedNumber } : {}),
    capabilities: [...device.capabilities],
    ...(nextSmsDigit === undefined ? {} : { nextSmsDigit }),
  };
}
