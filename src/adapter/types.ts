/**
 * The adapter contract: everything `<mfa-prompt>` needs from a backend.
 *
 * Implement {@link MfaAdapter} in TypeScript for a custom backend, or implement the HTTP contract
 * (`docs/openapi.yaml`) and use the bundled HTTP client (`createHttpAdapter`). Every method rejects
 * with an {@link MfaError} (see `errors.ts`) or, when its `signal` aborts, with the signal's reason.
 */

/**
 * A way to complete the second factor. `passcode` covers authenticator apps, hardware tokens, SMS and bypass
 * codes; `webauthn` a security key or a passkey (phishing-resistant).
 */
export type MfaMethod = 'push' | 'phone' | 'sms' | 'passcode' | 'webauthn';

/** What a device can do. */
export type DeviceCapability = MfaMethod;

/**
 * `mobile`: a smartphone or cell phone; `landline`: calls only; `token`: a hardware token showing codes;
 * `security-key`: a roaming WebAuthn authenticator (USB, NFC); `passkey`: a WebAuthn credential on this
 * computer or synced to the user's account.
 */
export type DeviceType = 'mobile' | 'landline' | 'token' | 'security-key' | 'passkey';

export interface Device {
  /** Opaque, stable id chosen by the backend. */
  id: string;
  /** Text shown to the user, e.g. `iOS (XXX-XXX-0105)`. Rendered as text, never as HTML. */
  displayName: string;
  type: DeviceType;
  /** The phone number, already masked by the backend, e.g. `XXX-XXX-0105`. Never a full number. */
  maskedNumber?: string;
  /** Methods this device supports, in the order the prompt offers them. */
  capabilities: DeviceCapability[];
  /**
   * The first digit of the next unused SMS passcode, when a batch is outstanding. A code's first digit is
   * its position in the batch (1 to 9, and 0 for the tenth), which is what makes the hint possible.
   */
  nextSmsDigit?: number;
}

export interface RememberPolicy {
  /** Whether the user may tick "Remember me". */
  allowed: boolean;
  /** How long a remembered device skips the second factor, in seconds (28800 = 8 hours). */
  durationSeconds: number;
}

export interface Policy {
  /** Methods the administrator allows; the prompt offers the intersection with each device's capabilities. */
  methods: MfaMethod[];
  rememberMe: RememberPolicy;
  /** How many passcodes one SMS batch carries (1 to 10). */
  smsBatchSize: number;
  /**
   * Pushes are verified (number matching): a pending push carries a `verificationCode` the user types on
   * the phone. Informative: the prompt shows a code whenever a `pushed` status carries one.
   */
  verifiedPush?: boolean;
}

/** What identifies the login attempt. Backends use what they need; unknown fields are ignored. */
export interface PreauthRequest {
  /** The user who passed the first factor. */
  username?: string;
  /** An opaque value the host page got from its first-factor step (a session or state token). */
  ticket?: string;
}

/**
 * Why preauth let the user in without a second factor: `remembered-device`, the request carried a valid
 * remembered-device cookie ("Remember me" was ticked at an earlier login); `not-required`, the user is exempt
 * (the administrator's policy lets this user through). Older servers send no reason: read it as `not-required`.
 */
export type PreauthAllowReason = 'remembered-device' | 'not-required';

/** The backend's decision before any second factor (the well-known "preauth" step). */
export type PreauthResult =
  | {
      result: 'auth';
      /** Binds the following calls to this login attempt. */
      attemptId: string;
      devices: Device[];
      policy: Policy;
      /** Where the user can add a device, if the backend offers it. */
      enrollUrl?: string;
      message?: string;
    }
  /** No second factor needed: finish the login with `token`. `reason` says why (absent: `not-required`). */
  | { result: 'allow'; token: string; message: string; reason?: PreauthAllowReason }
  | { result: 'deny'; message: string }
  /** The user has no device yet. */
  | { result: 'enroll'; enrollUrl: string; message: string };

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface StartOptions extends CallOptions {
  /** The user ticked "Remember me": on success the backend remembers this device for the policy's duration. */
  rememberMe?: boolean;
  /**
   * Identifies one start the user asked for. Repeating a start with the same key (a Retry after a lost
   * answer) gets the same transaction back instead of a second push, call or SMS batch. The HTTP adapter
   * makes one when none is given.
   */
  idempotencyKey?: string;
}

/** `challenge`: a WebAuthn transaction waiting for the browser's assertion. */
export type PendingStatus = 'pushed' | 'calling' | 'answered' | 'challenge';
export type FailureStatus = 'deny' | 'timeout' | 'fraud' | 'locked_out' | 'canceled';
export type TransactionStatus = PendingStatus | 'sent' | 'allow' | FailureStatus;

/**
 * The WebAuthn request options in their standard JSON form (`PublicKeyCredentialRequestOptionsJSON`):
 * binary values are base64url strings. The backend makes the challenge: single use, bound to the login
 * attempt, short-lived.
 */
export interface WebAuthnRequestOptions {
  challenge: string;
  rpId?: string;
  /** Milliseconds the browser may wait for the user. */
  timeout?: number;
  allowCredentials?: { id: string; type: 'public-key'; transports?: string[] }[];
  userVerification?: 'required' | 'preferred' | 'discouraged';
}

/** The browser's assertion in its standard JSON form (`AuthenticationResponseJSON`), base64url strings. */
export interface WebAuthnAssertion {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  clientExtensionResults: Record<string, unknown>;
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

/**
 * Time limits (WCAG 2.2.1): `expiresInSeconds` on a pending status is how long the backend keeps it open
 * from the moment it answered. A relative time, so a wrong clock on the user's computer does not matter.
 */
interface Expiring {
  expiresInSeconds?: number;
}

/** One step of a transaction. `message` is human text from the backend, rendered as text. */
export type StatusUpdate =
  /**
   * A push is on the phone. With `verificationCode` (3 to 6 digits, **Verified Push**) the user must type
   * that code in the app to approve; without it, the phone only asks to approve (older backends).
   */
  | ({ status: 'pushed'; final: false; message: string; verificationCode?: string } & Expiring)
  | ({ status: 'calling' | 'answered'; final: false; message: string } & Expiring)
  /** A WebAuthn transaction: the prompt calls `navigator.credentials.get()` with `publicKey`. */
  | ({ status: 'challenge'; final: false; message: string; publicKey: WebAuthnRequestOptions } & Expiring)
  /**
   * An SMS batch went out. Final: sending codes does not authenticate; the user types one next.
   * `resendInSeconds`: how long before another batch may be sent (the backend's cooldown).
   */
  | { status: 'sent'; final: true; message: string; nextSmsDigit: number; resendInSeconds?: number }
  /** Success. `token` is opaque: the host page hands it to its own server to finish the login. */
  | { status: 'allow'; final: true; message: string; token: string; remembered: boolean }
  | { status: FailureStatus; final: true; message: string };

export interface Transaction {
  /** Opaque id chosen by the backend. */
  txid: string;
  method: MfaMethod;
  /** The state right after starting; a passcode transaction is usually final at once. */
  status: StatusUpdate;
}

export interface WatchOptions extends CallOptions {
  /** Called before each retry after a transient failure (network, timeout, 429, 5xx), e.g. to show "Reconnecting...". */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  error: import('./errors.js').MfaError;
  /** 1 for the first retry. */
  attempt: number;
  /** How long the client waits before retrying. */
  delayMs: number;
}

/** The contract. One instance serves one prompt; it may be shared. */
export interface MfaAdapter {
  preauth(request: PreauthRequest, options?: CallOptions): Promise<PreauthResult>;
  /** Send a push to `deviceId`. */
  startPush(attemptId: string, deviceId: string, options?: StartOptions): Promise<Transaction>;
  /** Call `deviceId`. */
  startCall(attemptId: string, deviceId: string, options?: StartOptions): Promise<Transaction>;
  /** Text a new batch of passcodes to `deviceId`; every older code stops working. */
  sendSmsPasscodes(attemptId: string, deviceId: string, options?: Omit<StartOptions, 'rememberMe'>): Promise<Transaction>;
  /**
   * Verify a passcode (authenticator, hardware token, SMS or bypass code), or a keyword (`push`, `phone`,
   * `sms`, `push2`, ...) that starts that method. Rejects with `invalid_passcode` for a wrong code.
   */
  verifyPasscode(attemptId: string, passcode: string, options?: StartOptions & { deviceId?: string }): Promise<Transaction>;
  /**
   * The transaction's updates after `transaction.status`, ending with the final one. Aborting the signal
   * ends the iteration (rejecting with the signal's reason) and stops every request in flight.
   */
  watch(transaction: Transaction, options?: WatchOptions): AsyncIterable<StatusUpdate>;
  /**
   * Cancel a pending transaction; watchers then see `canceled`. Resolves only once the backend confirmed
   * (also when it was already final or gone); rejects when it could not, and the transaction may still be
   * live (rule **cancel tells the truth**: the HTTP client retries transient failures first).
   */
  cancel(txid: string, options?: CallOptions): Promise<void>;
  /**
   * Start a WebAuthn login with `deviceId` (a security key or passkey): resolves with a pending
   * `challenge` status carrying the request options. Optional: without it (and {@link completeWebAuthn})
   * the prompt does not offer WebAuthn.
   */
  startWebAuthn?(attemptId: string, deviceId: string, options?: StartOptions): Promise<Transaction>;
  /**
   * Send the browser's assertion for the `challenge` of `txid`. Resolves with the transaction's final
   * status: `allow` with its token, or `deny` when the assertion is refused (wrong origin, replayed, an
   * unknown credential). Sent again for a transaction already final, it answers that final status.
   */
  completeWebAuthn?(txid: string, assertion: WebAuthnAssertion, options?: CallOptions): Promise<Transaction>;
}
