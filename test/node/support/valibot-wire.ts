/**
 * The contract's response schemas as valibot schemas, exactly as src/adapter/wire.ts defined them before the
 * bundle dropped valibot (issue 10). They are the oracle: test/node/wire-equivalence.test.ts proves that
 * the hand-written checks in wire.ts decide and output exactly as these do, and test/node/openapi.test.ts
 * compares these with docs/openapi.yaml field for field. Change a rule in wire.ts, here and in the
 * document together.
 */
import * as v from 'valibot';
import { DEVICE_TYPES, METHODS, PREAUTH_ALLOW_REASONS, VERIFICATION_CODE_PATTERN } from '../../../src/adapter/wire.js';

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

