/**
 * The JSON-over-HTTP contract, as runtime checks (validate.ts). The HTTP client validates every response
 * body with these; the simulated backend produces bodies of these types. `docs/openapi.yaml` documents the
 * same shapes for backend teams, and test/node/support/valibot-wire.ts keeps the same rules as the valibot
 * oracle the checks are proven against: change all three together.
 *
 * Routes, relative to the adapter's base URL:
 *   POST /preauth                        PreauthRequestBody        -> 200 PreauthResult
 *   POST /transactions                   StartTransactionBody      -> 201 TransactionBody
 *   GET  /transactions/{txid}?after=N&wait=S                        -> 200 TransactionBody (long poll)
 *   POST /transactions/{txid}/cancel                               -> 204
 *   POST /transactions/{txid}/assertion  WebAuthnAssertionBody     -> 200 TransactionBody (final)
 * Any error: 4xx/5xx with ErrorBody; 429 and 503 may carry `Retry-After` (seconds or an HTTP date).
 */
import { array, boolean, number, object, oneOf, optional, string, url, variant, type Output } from './validate.js';

export const METHODS = ['push', 'phone', 'sms', 'passcode', 'webauthn'] as const;
/** Why a preauth `allow` needs no second factor; optional, absent means `not-required` (older servers). */
export const PREAUTH_ALLOW_REASONS = ['remembered-device', 'not-required'] as const;
export const DEVICE_TYPES = ['mobile', 'landline', 'token', 'security-key', 'passkey'] as const;

/** **Verified Push**: a verification code is 3 to 6 digits, chosen by the backend. */
export const VERIFICATION_CODE_PATTERN = /^\d{3,6}$/;

/** The longest wait a client asks for in one long poll, and the most a server must honour. */
export const MAX_WAIT_SECONDS = 30;

/**
 * The longest `Retry-After` a client honours, in seconds (rule **Retry-After**). A server that asks for
 * longer makes the client give up at once with that error: the user is told to try again later.
 */
export const MAX_RETRY_AFTER_SECONDS = 120;

const Method = oneOf(METHODS);
const Text = string(1000);
const Id = string(200, 1);
/** The login token handed to the host page: room for a signed JWT. */
const Token = string(8192, 1);
/** First digit of an SMS passcode: its position in the batch, 1 to 9, and 0 for the tenth. */
const SmsDigit = number(0, 9);
/** A time limit in whole seconds from the answer (a day at most: no overflowing timers). */
const Seconds = number(0, 86_400);
/** Binary WebAuthn values travel as base64url (no padding), at most 16,384 characters. */
const base64url = (min: number) => string(16_384, min, /^[A-Za-z0-9_-]*$/);

export const WebAuthnRequestOptionsSchema = object({
  /** 16 random bytes at least (22 base64url characters), as the WebAuthn spec recommends. */
  challenge: base64url(22),
  rpId: optional(string(253, 1)),
  timeout: optional(number(0, 600_000)),
  allowCredentials: optional(
    array(
      object({
        id: base64url(1),
        type: oneOf(['public-key']),
        transports: optional(array(string(32))),
      }),
      64,
    ),
  ),
  userVerification: optional(oneOf(['required', 'preferred', 'discouraged'])),
});

export const DeviceSchema = object({
  id: Id,
  displayName: Text,
  type: oneOf(DEVICE_TYPES),
  maskedNumber: optional(Text),
  capabilities: array(Method),
  nextSmsDigit: optional(SmsDigit),
});

export const PolicySchema = object({
  methods: array(Method),
  rememberMe: object({
    allowed: boolean,
    durationSeconds: number(0),
  }),
  smsBatchSize: number(1, 10),
  verifiedPush: optional(boolean),
});

export const PreauthResultSchema = variant('result', [
  object({
    result: oneOf(['auth']),
    attemptId: Id,
    devices: array(DeviceSchema),
    policy: PolicySchema,
    enrollUrl: optional(url),
    message: optional(Text),
  }),
  object({ result: oneOf(['allow']), token: Token, message: Text, reason: optional(oneOf(PREAUTH_ALLOW_REASONS)) }),
  object({ result: oneOf(['deny']), message: Text }),
  object({ result: oneOf(['enroll']), enrollUrl: url, message: Text }),
]);

export const StatusUpdateSchema = variant('status', [
  object({
    status: oneOf(['pushed']),
    final: oneOf([false]),
    message: Text,
    verificationCode: optional(string(Infinity, 0, VERIFICATION_CODE_PATTERN)),
    expiresInSeconds: optional(Seconds),
  }),
  object({ status: oneOf(['calling', 'answered']), final: oneOf([false]), message: Text, expiresInSeconds: optional(Seconds) }),
  object({
    status: oneOf(['challenge']),
    final: oneOf([false]),
    message: Text,
    publicKey: WebAuthnRequestOptionsSchema,
    expiresInSeconds: optional(Seconds),
  }),
  object({
    status: oneOf(['sent']),
    final: oneOf([true]),
    message: Text,
    nextSmsDigit: SmsDigit,
    resendInSeconds: optional(Seconds),
  }),
  object({ status: oneOf(['allow']), final: oneOf([true]), message: Text, token: Token, remembered: boolean }),
  object({
    status: oneOf(['deny', 'timeout', 'fraud', 'locked_out', 'canceled']),
    final: oneOf([true]),
    message: Text,
  }),
]);

export const TransactionBodySchema = object({
  txid: Id,
  method: Method,
  /** Increases by one with every status change; clients long-poll with `after=version`. */
  version: number(0),
  status: StatusUpdateSchema,
});

export const ErrorBodySchema = object({
  error: object({
    code: string(),
    message: Text,
    retryAfter: optional(number(0, Infinity, false)),
    attemptsLeft: optional(number(0)),
  }),
});

export type TransactionBody = Output<typeof TransactionBodySchema>;
export type ErrorBody = Output<typeof ErrorBodySchema>;

/** Request bodies (the server validates these; the client builds them). */
export interface PreauthRequestBody {
  username?: string;
  ticket?: string;
}

export interface StartTransactionBody {
  attemptId: string;
  method: (typeof METHODS)[number];
  /** Required for push, phone and sms; optional for passcode. */
  deviceId?: string;
  /** Only for method `passcode`: digits, or a keyword such as `push` or `phone2`. */
  passcode?: string;
  rememberMe?: boolean;
}

/** `POST /transactions/{txid}/assertion`: the browser's WebAuthn assertion, in its standard JSON form. */
export interface WebAuthnAssertionBody {
  credential: import('./types.js').WebAuthnAssertion;
}

/** HTTP status for each error code, as the contract fixes them. */
export const HTTP_STATUS_FOR_ERROR = {
  invalid_request: 400,
  invalid_passcode: 401,
  locked_out: 403,
  expired: 404,
  rate_limited: 429,
  unavailable: 503,
} as const;

/**
 * The header that binds a request to its login attempt: polls, cancels and assertions carry the
 * `attemptId` that preauth returned, so a transaction id alone reaches nothing.
 */
export const ATTEMPT_HEADER = 'Mfa-Attempt-Id';

/** The header that makes a start idempotent: the same key in the same attempt gets the same transaction. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The cookie that carries a remembered device. Set by the backend (HttpOnly); the browser sends it back. */
export const REMEMBER_COOKIE = 'mfa_remembered_device';
