/**
 * `mfa-prompt/mock`: the simulated MFA backend for host apps' own tests and Storybooks. The simulator
 * (users, pushes, calls, passcodes, the "play the phone" control API) and its MSW handlers, environment
 * neutral. Start it with `mfa-prompt/mock/node` (Node tests) or `mfa-prompt/mock/browser` (a page, Storybook).
 *
 * msw and otplib are optional peer dependencies of mfa-prompt: they are checked before the simulator is
 * loaded, so a missing one is a sentence with the install command, not a bare ERR_MODULE_NOT_FOUND.
 */
import { loadPeer, PEERS } from '../core/peers.js';

await loadPeer(PEERS.msw, () => import('msw'));
await loadPeer(PEERS.otplib, () => import('otplib'));
const mock = await import('../index.js');

export const {
  MfaSimulator,
  SimulatorError,
  FakeClock,
  FAKE_CLOCK_START,
  realClock,
  seededRandom,
  createHandlers,
  DEFAULT_USERS,
  FIXTURE_SECRETS,
  ALICE_BYPASS_CODES,
  DEFAULT_RATE_LIMITS,
  MESSAGES,
  WEBAUTHN_MESSAGES,
  WEBAUTHN_TIMEOUT_MS,
} = mock;
// The classes as types too (`let sim: MfaSimulator`): the destructured constants above are values only.
export type MfaSimulator = InstanceType<typeof MfaSimulator>;
export type SimulatorError = InstanceType<typeof SimulatorError>;
export type FakeClock = InstanceType<typeof FakeClock>;

export type {
  ActiveCall,
  CallScriptAction,
  Clock,
  ConfiguredCredential,
  HandlerOptions,
  LoginMethod,
  PendingPush,
  PhoneScript,
  PushScriptAction,
  RandomSource,
  RateLimit,
  RateLimitedAction,
  RateLimitedMethod,
  RedeemedLogin,
  SimulatedDevice,
  SimulatedPhone,
  SimulatedUser,
  SimulatorErrorCode,
  SimulatorEvent,
  SimulatorOptions,
  SmsMessage,
  TransactionSnapshot,
  WebAuthnOptions,
} from '../index.js';
