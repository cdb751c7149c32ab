/**
 * The prompt's flow logic: framework-free TypeScript that the elements render.
 *
 * ```ts
 * const flow = new MfaFlow(adapter, { username });
 * const off = flow.subscribe((state) => render(state)); // or requestUpdate() in a ReactiveController
 * flow.on('success', ({ token }) => host.dispatchEvent(new MfaSuccessEvent(token)));
 * flow.start();
 * // handlers: flow.push(), flow.call(), flow.openPasscodeEntry(), flow.submitPasscode(input.value), ...
 * // disconnectedCallback: off(); flow.destroy();
 * ```
 */
export { MfaFlow } from './mfa-flow.js';
export type { AutoMethod, BackendTexts, MfaFlowOptions } from './mfa-flow.js';
export type {
  FailureReason,
  FlowEvents,
  FlowPhase,
  FlowResult,
  FlowState,
  FlowStatus,
  FlowStep,
  RememberMeState,
  StatusTone,
  SuccessMethod,
  WebAuthnStep,
} from './state.js';
export type { MethodChoice, MethodOption } from './methods/options.js';
export type { FlowClock } from './clock.js';
export { defaultMessages } from './messages.js';
export type { DurationUnit, FlowMessages } from './messages.js';
export { parsePasscode } from './passcode.js';
export type { PasscodeInput, PasscodeKeyword } from './passcode.js';
export { formatDuration, rememberMeLabel } from './remember.js';
