/**
 * Devices and users for stories. The `Device`s are what the prompt's parts show on their own; the
 * `SimulatedUser`s are what a story's simulator knows, for the states the fixtures (alice, bob, carol,
 * dave, erin) do not cover.
 */
import type { Device } from '../../src/adapter/types.js';
import type { SimulatedUser } from '../../mock-server/core/users.js';

export const iphone: Device = {
  id: 'iphone',
  type: 'mobile',
  displayName: 'iOS (XXX-XXX-0105)',
  maskedNumber: 'XXX-XXX-0105',
  capabilities: ['push', 'phone', 'sms', 'passcode'],
};
export const landline: Device = {
  id: 'landline',
  type: 'landline',
  displayName: 'Landline (XXX-XXX-1311)',
  maskedNumber: 'XXX-XXX-1311',
  capabilities: ['phone'],
};
export const token: Device = { id: 'token', type: 'token', displayName: 'Hardware token', capabilities: ['passcode'] };

/** A base32 secret for stories' authenticators and tokens (public, like every fixture secret). */
const STORY_SECRET = 'STORYBOOKSTORYBOOKSTORYBOOKSTORY';

/** Frank has only a desk phone: Call Me is his one method. */
export const landlineOnlyUser: SimulatedUser = {
  username: 'frank',
  description: 'A landline only.',
  devices: [
    { id: 'frank-desk', type: 'landline', displayName: 'Desk phone (XXX-XXX-2020)', maskedNumber: 'XXX-XXX-2020', capabilities: ['phone'] },
  ],
};

/** Grace has only a hardware token: Enter a Passcode is her one method, without Send codes. */
export const tokenOnlyUser: SimulatedUser = {
  username: 'grace',
  description: 'A hardware token only.',
  devices: [
    { id: 'grace-token', type: 'token', displayName: 'Hardware token', capabilities: ['passcode'], hotp: { secret: STORY_SECRET } },
  ],
};

/** Heidi has eight devices, some with very long names. */
export const manyDevicesUser: SimulatedUser = {
  username: 'heidi',
  description: 'Many devices with long names.',
  devices: [
    {
      id: 'heidi-work',
      type: 'mobile',
      displayName: 'Work iPhone 15 Pro Max of the Regional Sales Office, Northern Territories (XXX-XXX-0105)',
      maskedNumber: 'XXX-XXX-0105',
      capabilities: ['push', 'phone', 'sms', 'passcode'],
      authenticatorSecret: STORY_SECRET,
    },
    { id: 'heidi-personal', type: 'mobile', displayName: 'Personal Android (XXX-XXX-4242)', maskedNumber: 'XXX-XXX-4242', capabilities: ['push', 'sms'] },
    { id: 'heidi-tablet', type: 'mobile', displayName: 'Samsung Galaxy Tab S9 Ultra used for field inspections and travel', capabilities: ['push'] },
    { id: 'heidi-desk', type: 'landline', displayName: 'Desk phone, building 7, floor 3 (XXX-XXX-7007)', maskedNumber: 'XXX-XXX-7007', capabilities: ['phone'] },
    { id: 'heidi-home', type: 'landline', displayName: 'Home (XXX-XXX-1212)', maskedNumber: 'XXX-XXX-1212', capabilities: ['phone'] },
    { id: 'heidi-yubi', type: 'token', displayName: 'Hardware token #A1B2-C3D4-E5F6', capabilities: ['passcode'], hotp: { secret: STORY_SECRET } },
    { id: 'heidi-spare', type: 'token', displayName: 'Spare hardware token kept in the office safe', capabilities: ['passcode'], hotp: { secret: STORY_SECRET, counter: 100 } },
    { id: 'heidi-old', type: 'mobile', displayName: 'Old iPhone (XXX-XXX-9999)', maskedNumber: 'XXX-XXX-9999', capabilities: ['phone', 'sms'] },
  ],
};

/**
 * The security key of the stories: a P-256 key pair, fixed and public like every fixture secret (never reuse
 * it). The simulator knows its credential (`credentialId`, the COSE `publicKey`); the browser stand-in
 * `keyTouched` in `support/webauthn.ts` signs with `privateKey`, so a story can log in with it for real.
 */
export const STORY_KEY = {
  credentialId: '7vEaTI1GMwEFuvM_3OYNbw',
  publicKey: 'pQECAyYgASFYILBhMN32xrMoQBH3FoAIFwF0VKrNjnVIEZKgifJLvNEuIlggUPhayE2yvPRQ1ShL8FGmb2ptZ29sp8_9iaFLqe1HlME',
  privateKey: {
    kty: 'EC',
    crv: 'P-256',
    x: 'sGEw3fbGsyhAEfcWgAgXAXRUqs2OdUgRkqCJ8ku80S4',
    y: 'UPhayE2yvPRQ1ShL8FGmb2ptZ29sp8_9iaFLqe1HlME',
    d: '94IPMGyQP9FBh5JSuwa4FTbRQKVQrMF_k8SjUp7b1KY',
  } satisfies JsonWebKey,
};

const STORY_KEY_CREDENTIAL = { credentialId: STORY_KEY.credentialId, publicKey: STORY_KEY.publicKey, transports: ['usb' as const] };

/**
 * Kim has a security key (listed first, so it is the selected device: "Use a security key", recommended)
 * and an iPhone for push, calls and passcodes.
 */
export const securityKeyUser: SimulatedUser = {
  username: 'kim',
  description: 'A security key and an iPhone.',
  devices: [
    { id: 'kim-key', type: 'security-key', displayName: 'YubiKey 5C', capabilities: ['webauthn'], webauthn: STORY_KEY_CREDENTIAL },
    {
      id: 'kim-phone',
      type: 'mobile',
      displayName: 'iOS (XXX-XXX-3131)',
      maskedNumber: 'XXX-XXX-3131',
      capabilities: ['push', 'phone', 'sms', 'passcode'],
      authenticatorSecret: STORY_SECRET,
    },
  ],
};

/** Lena has only a security key: on a browser without WebAuthn she has nothing to log in with. */
export const securityKeyOnlyUser: SimulatedUser = {
  username: 'lena',
  description: 'A security key only.',
  devices: [{ id: 'lena-key', type: 'security-key', displayName: 'Security key', capabilities: ['webauthn'], webauthn: STORY_KEY_CREDENTIAL }],
};
