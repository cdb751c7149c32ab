/**
 * The simulated users. Every secret here is fixed and public on purpose: tests, stories and the demo page
 * compute the same codes the simulator expects. Never reuse them anywhere real.
 */
import type { DeviceCapability, DeviceType, MfaMethod, PreauthAllowReason, RememberPolicy } from '../../src/adapter/types.js';
import type { ConfiguredCredential } from './webauthn.js';

export interface SimulatedDevice {
  /** Opaque id sent to the prompt. */
  id: string;
  type: DeviceType;
  /** What the prompt shows, e.g. `iOS (XXX-XXX-0105)`. */
  displayName: string;
  /** Already masked: the simulator never holds a full number. */
  maskedNumber?: string;
  /** What the device can do; `passcode` on a phone means an authenticator app, on a token its display. */
  capabilities: DeviceCapability[];
  /** Base32 secret of the authenticator app on this phone: TOTP, 30 s steps, 6 digits. */
  authenticatorSecret?: string;
  /** A hardware token: OATH HOTP with this Base32 secret; `counter` is the first one the server expects (default 0). */
  hotp?: { secret: string; digits?: 6 | 8; counter?: number };
  /**
   * A security key or passkey (`type` `security-key` or `passkey`, capability `webauthn`): its registered
   * credential. Keys registered at run time (`registerWebAuthnCredential`) need none here.
   */
  webauthn?: ConfiguredCredential;
}

export interface SimulatedUser {
  username: string;
  /** One line for a user picker: what logging in as this user shows. */
  description: string;
  /** No device means preauth answers `enroll`. */
  devices: SimulatedDevice[];
  /** 9-digit, single-use codes an administrator issued. */
  bypassCodes?: string[];
  /**
   * Forces preauth's answer: `allow` for a user the policy lets through without a second factor (`reason`
   * `not-required`, the default) or, as dave, a device the backend remembers (`remembered-device`); `deny`
   * for a disabled account.
   */
  preauth?: { result: 'allow'; reason?: PreauthAllowReason; message: string } | { result: 'deny'; message: string };
  /** Where preauth's `enroll` (and `auth`) sends the user to add a device. */
  enrollUrl?: string;
  /** Per-user overrides of the simulator-wide policy (`verifiedPush`: the simulator's option of that name). */
  policy?: { methods?: MfaMethod[]; rememberMe?: Partial<RememberPolicy>; smsBatchSize?: number; verifiedPush?: boolean };
}

/** The fixed secrets of the default users (Base32). */
export const FIXTURE_SECRETS = {
  /** Alice's authenticator app (TOTP). */
  aliceAuthenticator: 'ALICE2FAALICE2FAALICE2FAALICE2FA',
  /**
   * Alice's hardware token (HOTP): the RFC 4226 test secret, ASCII "12345678901234567890", so its codes
   * are the RFC's test vectors: 755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, ...
   */
  aliceToken: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  /** Bob's authenticator app (TOTP). */
  bobAuthenticator: 'BOBPHONEBOBPHONEBOBPHONEBOBPHONE',
} as const;

export const ALICE_BYPASS_CODES = ['123456789', '246813579', '975318642'] as const;

const ENROLL_URL = 'https://mfa.example/enroll';

/** The default users, in the order a picker shows them. */
export const DEFAULT_USERS: readonly SimulatedUser[] = [
  {
    username: 'alice',
    description: 'Three devices: an iPhone (push, call, SMS, authenticator), a landline (call) and a hardware token.',
    enrollUrl: `${ENROLL_URL}?user=alice`,
    devices: [
      {
        id: 'alice-ios',
        type: 'mobile',
        displayName: 'iOS (XXX-XXX-0105)',
        maskedNumber: 'XXX-XXX-0105',
        capabilities: ['push', 'phone', 'sms', 'passcode'],
        authenticatorSecret: FIXTURE_SECRETS.aliceAuthenticator,
      },
      {
        id: 'alice-landline',
        type: 'landline',
        displayName: 'Landline (XXX-XXX-1311)',
        maskedNumber: 'XXX-XXX-1311',
        capabilities: ['phone'],
      },
      {
        id: 'alice-token',
        type: 'token',
        displayName: 'Hardware token',
        capabilities: ['passcode'],
        hotp: { secret: FIXTURE_SECRETS.aliceToken, digits: 6, counter: 0 },
      },
    ],
    bypassCodes: [...ALICE_BYPASS_CODES],
  },
  {
    username: 'bob',
    description: 'One Android phone: push, call, SMS and authenticator codes.',
    enrollUrl: `${ENROLL_URL}?user=bob`,
    devices: [
      {
        id: 'bob-android',
        type: 'mobile',
        displayName: 'Android (XXX-XXX-4242)',
        maskedNumber: 'XXX-XXX-4242',
        capabilities: ['push', 'phone', 'sms', 'passcode'],
        authenticatorSecret: FIXTURE_SECRETS.bobAuthenticator,
      },
    ],
  },
  {
    username: 'carol',
    description: 'No device yet: the prompt asks her to enroll one.',
    enrollUrl: `${ENROLL_URL}?user=carol`,
    devices: [],
  },
  {
    username: 'dave',
    description: 'A remembered device: logged in without a second factor.',
    devices: [
      {
        id: 'dave-ios',
        type: 'mobile',
        displayName: 'iOS (XXX-XXX-7070)',
        maskedNumber: 'XXX-XXX-7070',
        capabilities: ['push', 'phone', 'sms'],
      },
    ],
    preauth: { result: 'allow', reason: 'remembered-device', message: 'This device is remembered. Logging you in...' },
  },
  {
    username: 'erin',
    description: 'Denied by the administrator: the prompt shows why and offers no method.',
    devices: [],
    preauth: {
      result: 'deny',
      message: 'Your account is not allowed to use two-factor login. Contact your help desk.',
    },
  },
];
