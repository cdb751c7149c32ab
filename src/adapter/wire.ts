/**
 * The JSON-over-HTTP contract, as runtime schemas. The HTTP client validates every response body with
 * these; the simulated backend produces bodies of these types. `docs/openapi.yaml` documents the same
 * shapes for backend teams: change both together.
 *
 * Routes, relative to the adapter's base URL:
 *   POST /preauth                        PreauthRequestBody        -> 200 PreauthResult
 *   POST /transactions                   StartTransactionBody      -> 201 TransactionBody
 *   GET  /transactions/{txid}?after=N&wait=S                        -> 200 TransactionBody (long poll)
 *   POST /transactions/{txid}/cancel                               -> 204
 *   POST /transactions/{txid}/assertion  WebAuthnAssertionBody     -> 200 TransactionBody (final)
 * Any error: 4xx/5xx with ErrorBody; 429 and 503 may carry `Retry-After` (seconds or an HTTP date).
 */
import * as v from 'valibot';

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

const Method = v.picklist(METHODS);
const Text = v.pipe(v.string(), v.maxLength(1000));
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
/** The login token handed to the host page: room for a signed JWT. */
const Token = v.pipe(v.string(), v.minLength(1), v.maxLength(8192));
/** First digit of an SMS passcode: its position in the batch, 1 to 9, and 0 for the tenth. */
const SmsDigit = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9));
/** A time limit in whole seconds from the answer (a day at most: no overflowing timers). */
const Seconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400));
/** Binary WebAuthn values travel as base64url (no padding). */
const Base64url = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/), v.maxLength(16_384));

export const WebAuthnRequestOptionsSchema = v.object({
  /** 16 random bytes at least (22 base64url characters), as the WebAuthn spec recommends. */
  challenge: v.pipe(Base64url, v.minLength(22)),
  rpId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(253))),
  timeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000))),
  allowCredentials: v.optional(
    v.pipe(
      v.array(
        v.object({
          id: v.pipe(Base64url, v.minLength(1)),
          type: v.literal('public-key'),
          transports: v.optional(v.array(v.pipe(v.string(), v.maxLength(32)))),
        }),
      ),
      v.maxLength(64),
    ),
  ),
  userVerification: v.optional(v.picklist(['required', 'preferred', 'discouraged'])),
});

export const DeviceSchema = v.object({
  id: Id,
  displayName: Text,
  type: v.picklist(DEVICE_TYPES),
  maskedNumber: v.optional(Text),
  capabilities: v.array(Method),
  nextSmsDigit: v.optional(SmsDigit),
});

export const PolicySchema = v.object({
  methods: v.array(Method),
  rememberMe: v.object({
    allowed: v.boolean(),
    durationSeconds: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  smsBatchSize: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
  verifiedPush: v.optional(v.boolean()),
});

export const PreauthResultSchema = v.variant('result', [
  v.object({
    result: v.literal('auth'),
    attemptId: Id,
    devices: v.array(DeviceSchema),
    policy: PolicySchema,
    enrollUrl: v.optional(v.pipe(v.string(), v.url())),
    message: v.optional(Text),
  }),
  v.object({ result: v.literal('allow'), token: Token, message: Text, reason: v.optional(v.picklist(PREAUTH_ALLOW_REASONS)) }),
  v.object({ result: v.literal('deny'), message: Text }),
  v.object({ result: v.literal('enroll'), enrollUrl: v.pipe(v.string(), v.url()), message: Text }),
]);

export const StatusUpdateSchema = v.variant('status', [
  v.object({
    status: v.literal('pushed'),
    final: v.literal(false),
    message: Text,
    verificationCode: v.optional(v.pipe(v.string(), v.regex(VERIFICATION_CODE_PATTERN))),
    expiresInSeconds: v.optional(Seconds),
  }),
  v.object({ status: v.picklist(['calling', 'answered']), final: v.literal(false), message: Text, expiresInSeconds: v.optional(Seconds) }),
  v.object({
    status: v.literal('challenge'),
    final: v.literal(false),
    message: Text,
    publicKey: WebAuthnRequestOptionsSchema,
    expiresInSeconds: v.optional(Seconds),
  }),
  v.object({
    status: v.literal('sent'),
    final: v.literal(true),
    message: Text,
    nextSmsDigit: SmsDigit,
    resendInSeconds: v.optional(Seconds),
  }),
  v.object({ status: v.literal('allow'), final: v.literal(true), message: Text, token: Token, remembered: v.boolean() }),
  v.object({
    status: v.picklist(['deny', 'timeout', 'fraud', 'locked_out', 'canceled']),
    final: v.literal(true),
    message: Text,
  }),
]);

export const TransactionBodySchema = v.object({
  txid: Id,
  method: Method,
  /** Increases by one with every status change; clients long-poll with `after=version`. */
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
  status: StatusUpdateSchema,
});

export const ErrorBodySchema = v.object({
  error: v.object({
    code: v.string(),
    message: Text,
    retryAfter: v.optional(v.pipe(v.number(), v.minValue(0))),
    attemptsLeft: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
});

export type TransactionBody = v.InferOutput<typeof TransactionBodySchema>;
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

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
