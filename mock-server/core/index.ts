export { FakeClock, FAKE_CLOCK_START, OffsetClock, realClock, type Clock } from './clock.js';
export { SimulatorError, type SimulatorErrorCode } from './errors.js';
export { MESSAGES } from './messages.js';
export type { SimulatorOptions } from './options.js';
export { normalisePasscode, parseKeyword, type PasscodeKeyword } from './passcodes.js';
export { seededRandom, secureRandom, type RandomSource } from './random.js';
export type { LoginMethod, RedeemedLogin } from './login-tokens.js';
export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitedAction, type RateLimitedMethod } from './rate-limit.js';
export { MfaSimulator } from './simulator.js';
export type {
  ActiveCall,
  CallScriptAction,
  PendingPush,
  PhoneScript,
  PushScriptAction,
  SimulatedPhone,
  SimulatorEvent,
  SmsMessage,
  TransactionSnapshot,
} from './types.js';
export { ALICE_BYPASS_CODES, DEFAULT_USERS, FIXTURE_SECRETS, type SimulatedDevice, type SimulatedUser } from './users.js';
export { WEBAUTHN_MESSAGES, WEBAUTHN_TIMEOUT_MS, type ConfiguredCredential, type WebAuthnOptions } from './webauthn.js';
