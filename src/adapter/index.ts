/**
 * The adapter layer's public entry: the contract `<mfa-prompt>` talks to, and the bundled HTTP client.
 */
export type {
  CallOptions,
  Device,
  DeviceCapability,
  DeviceType,
  FailureStatus,
  MfaAdapter,
  MfaMethod,
  PendingStatus,
  Policy,
  PreauthAllowReason,
  PreauthRequest,
  PreauthResult,
  RememberPolicy,
  RetryInfo,
  StartOptions,
  StatusUpdate,
  Transaction,
  TransactionStatus,
  WatchOptions,
  WebAuthnAssertion,
  WebAuthnRequestOptions,
} from './types.js';
export { MFA_ERROR_CODES, MfaError, isMfaError, type MfaErrorCode, type MfaErrorDetails } from './errors.js';
// For teams implementing the HTTP contract: the response schemas, status codes and limits.
export {
  DeviceSchema,
  ErrorBodySchema,
  HTTP_STATUS_FOR_ERROR,
  MAX_RETRY_AFTER_SECONDS,
  MAX_WAIT_SECONDS,
  PolicySchema,
  PreauthResultSchema,
  REMEMBER_COOKIE,
  StatusUpdateSchema,
  TransactionBodySchema,
  VERIFICATION_CODE_PATTERN,
  WebAuthnRequestOptionsSchema,
  type ErrorBody,
  type PreauthRequestBody,
  type StartTransactionBody,
  type TransactionBody,
  type WebAuthnAssertionBody,
} from './wire.js';
export { createHttpAdapter, type HttpAdapterOptions } from './http-adapter.js';
export type { BackoffOptions } from './retry.js';
