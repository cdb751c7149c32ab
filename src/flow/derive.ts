/** The flow's state: what it keeps (`CoreState`) and what every snapshot derives from it. */
import type { MfaMethod, Policy } from '../adapter/types.js';
import type { FlowMessages } from './messages.js';
import { methodOptions, usableMethods } from './methods/options.js';
import { rememberMeLabel } from './remember.js';
import type { FlowState } from './state.js';

/** The state minus what {@link deriveState} computes from it. */
export type CoreState = Omit<
  FlowState,
  'methods' | 'mostMethods' | 'canSendCodes' | 'sendCodesAvailableAt' | 'nextSmsDigit' | 'passcodeHint' | 'rememberMe'
>;

/** Nothing in flight: spread into every state that ends or replaces what was going on. */
export const IDLE = {
  verifying: false,
  sendingCodes: false,
  pendingMethod: null,
  verificationCode: null,
  expiresAt: null,
} as const;

export const INITIAL: CoreState = {
  ...IDLE,
  phase: 'loading',
  step: 'preauth',
  devices: [],
  selectedDevice: null,
  passcodeEntryOpen: false,
  passcodeError: null,
  clearPasscode: 0,
  lockedOut: false,
  status: null,
  enrollUrl: null,
  result: null,
};

/**
 * What the derived fields depend on besides the core state.
 * @internal
 */
export interface DeriveContext {
  policy: Policy | null;
  /** Next SMS digit per device id. */
  smsDigits: ReadonlyMap<string, number | null>;
  /** When Send codes returns, per device id (the backend's cooldown). */
  smsCooldowns: ReadonlyMap<string, number>;
  rememberChecked: boolean;
  messages: FlowMessages;
  /** WebAuthn can be offered (the adapter and the page can do it). */
  webauthn: boolean;
}

/** A frozen snapshot: the core state plus the selected device's methods, the SMS hint and remember-me. */
export function deriveState(core: CoreState, context: DeriveContext): FlowState {
  const { policy, smsDigits, smsCooldowns, rememberChecked, messages: m, webauthn } = context;
  const { selectedDevice: device, phase, devices } = core;
  const usable = device && policy ? usableMethods(device, policy, webauthn) : new Set<MfaMethod>();
  const canSendCodes = usable.has('sms');
  const nextSmsDigit = (device && smsDigits.get(device.id)) ?? null;
  const remember = policy?.rememberMe;
  const offered = !!remember?.allowed && remember.durationSeconds > 0;
  return Object.freeze({
    ...core,
    methods: Object.freeze(methodOptions(usable, m, device?.type)),
    mostMethods: policy
      ? Math.max(0, ...devices.map((each) => methodOptions(usableMethods(each, policy, webauthn), m).length))
      : 0,
    canSendCodes,
    sendCodesAvailableAt: (device && smsCooldowns.get(device.id)) ?? null,
    nextSmsDigit,
    passcodeHint: nextSmsDigit !== null ? m.nextSmsDigit(nextSmsDigit) : m.passcodeHelp[canSendCodes ? 'withSms' : 'withoutSms'],
    rememberMe: Object.freeze({
      offered,
      checked: offered && rememberChecked,
      disabled: phase !== 'choosing' || core.lockedOut,
      label: offered ? rememberMeLabel(remember.durationSeconds, m) : '',
    }),
  });
}
