/** The simulator's options, their defaults, and the checks that turn a typo into a clear error at construction. */
import { METHODS } from '../../src/adapter/wire.js';
import { realClock, type Clock } from './clock.js';
import { assertUsableSecret } from './passcodes.js';
import { secureRandom, type RandomSource } from './random.js';
import { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitedAction } from './rate-limit.js';
import { DEFAULT_USERS, type SimulatedUser } from './users.js';
import { resolveWebAuthnOptions, type ResolvedWebAuthnOptions, type WebAuthnOptions } from './webauthn.js';

const MINUTE = 60_000;

export interface SimulatorOptions {
  /** Default {@link realClock}; tests pass a `FakeClock`. */
  clock?: Clock;
  /** Default the fixtures in `users.ts`. */
  users?: readonly SimulatedUser[];
  /** Source of ids, tokens and SMS codes; default cryptographic. Pass `seededRandom(n)` for repeatable ids. */
  random?: RandomSource;
  /**
   * **failure cap**: consecutive failures that lock an account for `lockoutMs` (1 to 100). Default 10. The
   * count survives the lock: after it ends, every further failure locks again.
   */
  lockoutThreshold?: number;
  /** How long a temporary lock-out lasts. Default 15 minutes. */
  lockoutMs?: number;
  /**
   * **failure cap**: consecutive failures that lock an account until `unlock(username)` (1 to 100, NIST
   * SP 800-63B-4's ceiling). Default 100.
   */
  maxFailures?: number;
  /**
   * **TOTP window**: seconds into the next 30 s step during which the previous step's code is still
   * accepted (0 to 30); a future step never is. Default 5, so a code lives at most 35 s.
   */
  totpGraceSeconds?: number;
  /**
   * **SMS cooldown**: the least time between two SMS batches of one user; a batch sooner is refused with
   * `rate_limited` and `retryAfter`, and the `sent` status says when the next one may go (`resendInSeconds`).
   * Default 30 s; 0 turns it off (the batches-per-window limit of `rateLimits.sms` still holds).
   */
  smsCooldownMs?: number;
  /** Passcodes per SMS batch, 1 to 10; a user's policy may override it. Default 5. */
  smsBatchSize?: number;
  /**
   * **Verified Push** (number matching): a push shows a 3-digit code on the login screen, which the user
   * must type on the phone; a wrong or missing code denies the push and counts as a failure. Default true;
   * a user's `policy.verifiedPush` overrides it.
   */
  verifiedPush?: boolean;
  /** An unanswered push ends as `timeout` after this. Default 60 s. */
  pushTimeoutMs?: number;
  /** An unanswered call ends as `timeout` after this. Default 60 s. */
  callTimeoutMs?: number;
  /** An answered call with no key pressed ends as `timeout` after this. Default 30 s. */
  keypressTimeoutMs?: number;
  /** A transaction (and the SMS codes it sent) expires this long after it started. Default 10 minutes. */
  transactionTtlMs?: number;
  /** **attempt lifetime**: a login attempt (preauth's `attemptId`) expires this long after preauth. Default 10 minutes. */
  attemptTtlMs?: number;
  /** How long "Remember me" lasts unless a user's policy says otherwise. Default 8 hours. */
  rememberSeconds?: number;
  /** How many presses ahead of the server's counter a hardware-token code may be (0 to 50). Default 10. */
  hotpLookAhead?: number;
  /**
   * Per-user limits on preauth (**preauth rate limit**, default 10 a minute) and on starting pushes, calls
   * and SMS batches; each one given replaces its default.
   */
  rateLimits?: Partial<Record<RateLimitedAction, RateLimit>>;
  /**
   * **WebAuthn**: the relying party. Default: the page's hostname and origin in a browser; `localhost`
   * (`http://localhost`, `https://localhost`) in Node.
   */
  webauthn?: WebAuthnOptions;
}

export interface ResolvedOptions extends Required<Omit<SimulatorOptions, 'rateLimits' | 'webauthn'>> {
  rateLimits: Readonly<Record<RateLimitedAction, RateLimit>>;
  webauthn: ResolvedWebAuthnOptions;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    clock: options.clock ?? realClock,
    users: options.users ?? DEFAULT_USERS,
    random: options.random ?? secureRandom,
    lockoutThreshold: integerIn('lockoutThreshold', options.lockoutThreshold ?? 10, 1, 100),
    lockoutMs: duration('lockoutMs', options.lockoutMs ?? 15 * MINUTE),
    maxFailures: integerIn('maxFailures', options.maxFailures ?? 100, 1, 100),
    totpGraceSeconds: integerIn('totpGraceSeconds', options.totpGraceSeconds ?? 5, 0, 30),
    smsCooldownMs: integerIn('smsCooldownMs', options.smsCooldownMs ?? 30_000, 0, 3_600_000),
    smsBatchSize: integerIn('smsBatchSize', options.smsBatchSize ?? 5, 1, 10),
    verifiedPush: boolean('verifiedPush', options.verifiedPush ?? true),
    pushTimeoutMs: duration('pushTimeoutMs', options.pushTimeoutMs ?? 60_000),
    callTimeoutMs: duration('callTimeoutMs', options.callTimeoutMs ?? 60_000),
    keypressTimeoutMs: duration('keypressTimeoutMs', options.keypressTimeoutMs ?? 30_000),
    transactionTtlMs: duration('transactionTtlMs', options.transactionTtlMs ?? 10 * MINUTE),
    attemptTtlMs: duration('attemptTtlMs', options.attemptTtlMs ?? 10 * MINUTE),
    rememberSeconds: integerIn('rememberSeconds', options.rememberSeconds ?? 8 * 3600, 1, 366 * 86_400),
    hotpLookAhead: integerIn('hotpLookAhead', options.hotpLookAhead ?? 10, 0, 50),
    rateLimits: { ...DEFAULT_RATE_LIMITS },
    webauthn: resolveWebAuthnOptions(options.webauthn),
  };
  for (const [method, limit] of Object.entries(options.rateLimits ?? {})) {
    if (!(method in DEFAULT_RATE_LIMITS)) throw new TypeError(`rateLimits.${method}: only preauth, push, phone and sms are rate-limited`);
    if (!limit) continue;
    resolved.rateLimits = {
      ...resolved.rateLimits,
      [method]: {
        max: integerIn(`rateLimits.${method}.max`, limit.max, 1, 10_000),
        windowMs: duration(`rateLimits.${method}.windowMs`, limit.windowMs),
      },
    };
  }
  validateUsers(resolved.users);
  return resolved;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function boolean(name: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false, got ${String(value)}`);
  return value;
}

function duration(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
  return value;
}

/** Custom users come from stories and tests: check what would otherwise fail later, mid-login. */
function validateUsers(users: readonly SimulatedUser[]): void {
  const usernames = new Set<string>();
  for (const user of users) {
    const where = `users: "${user.username}"`;
    if (typeof user.username !== 'string' || user.username === '') throw new TypeError('users: every user needs a non-empty username');
    if (usernames.has(user.username)) throw new TypeError(`${where} is listed twice`);
    usernames.add(user.username);
    const deviceIds = new Set<string>();
    for (const device of user.devices) {
      const at = `${where}, device "${device.id}"`;
      if (!device.id || deviceIds.has(device.id)) throw new TypeError(`${at}: device ids must be non-empty and unique per user`);
      deviceIds.add(device.id);
      for (const capability of device.capabilities) {
        if (!METHODS.includes(capability)) throw new TypeError(`${at}: unknown capability "${capability}"`);
      }
      if (device.authenticatorSecret !== undefined) assertUsableSecret(device.authenticatorSecret, at);
      if (device.hotp) {
        assertUsableSecret(device.hotp.secret, at);
        if (device.hotp.digits !== undefined && device.hotp.digits !== 6 && device.hotp.digits !== 8) {
          throw new TypeError(`${at}: a hardware token shows 6 or 8 digits`);
        }
        integerIn(`${at}: hotp.counter`, device.hotp.counter ?? 0, 0, Number.MAX_SAFE_INTEGER);
      }
      const isKey = device.type === 'security-key' || device.type === 'passkey';
      if (isKey !== device.capabilities.includes('webauthn') || isKey !== (device.webauthn !== undefined)) {
        throw new TypeError(`${at}: a security key or passkey has type security-key or passkey, capability "webauthn" and a webauthn credential, and only such a device does`);
      }
      if (device.webauthn && !/^[A-Za-z0-9_-]+$/.test(device.webauthn.credentialId + device.webauthn.publicKey)) {
        throw new TypeError(`${at}: webauthn.credentialId and publicKey are base64url`);
      }
      if (device.capabilities.includes('passcode') && !device.authenticatorSecret && !device.hotp) {
        throw new TypeError(`${at}: lists "passcode" but has neither authenticatorSecret nor hotp`);
      }
    }
    for (const code of user.bypassCodes ?? []) {
      if (!/^\d{9}$/.test(code)) throw new TypeError(`${where}: bypass codes are 9 digits`);
    }
    for (const method of user.policy?.methods ?? []) {
      if (!METHODS.includes(method)) throw new TypeError(`${where}: unknown policy method "${method}"`);
    }
    if (user.policy?.verifiedPush !== undefined) boolean(`${where}: policy.verifiedPush`, user.policy.verifiedPush);
    if (user.policy?.smsBatchSize !== undefined) integerIn(`${where}: policy.smsBatchSize`, user.policy.smsBatchSize, 1, 10);
    const rememberFor = user.policy?.rememberMe?.durationSeconds;
    if (rememberFor !== undefined) integerIn(`${where}: policy.rememberMe.durationSeconds`, rememberFor, 0, 366 * 86_400);
    if (user.enrollUrl !== undefined && !URL.canParse(user.enrollUrl)) throw new TypeError(`${where}: enrollUrl is not a URL`);
  }
}
