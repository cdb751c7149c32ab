/**
 * The DOM events the elements dispatch. Each is a small `CustomEvent` subclass registered in
 * `GlobalEventHandlersEventMap`, so `prompt.addEventListener('mfa-success', (e) => e.detail.token)` is typed.
 * No event ever carries a passcode.
 */
import type { FailureReason, FlowPhase, FlowStep, SuccessMethod } from '../flow/index.js';
import type { MethodChoice } from '../flow/index.js';

const PUBLIC: EventInit = { bubbles: true, composed: true };

export interface MfaSuccessDetail {
  /** The backend's opaque token: send it to your server to finish the login. */
  token: string;
  /**
   * How the user passed: a method (`push`, `phone`, `sms`, `passcode`, `webauthn`), or no second factor at all:
   * `remembered` (this device was remembered at an earlier login) or `not-required` (the user is exempt).
   */
  method: SuccessMethod;
  /**
   * The backend remembers this device: "Remember me" was ticked now, or at an earlier login (`method:
   * "remembered"`). False for `not-required`.
   */
  remembered: boolean;
}

/** The login is complete. */
export class MfaSuccessEvent extends CustomEvent<MfaSuccessDetail> {
  constructor(detail: MfaSuccessDetail) {
    super('mfa-success', { ...PUBLIC, detail });
  }
}

export interface MfaFailureDetail {
  /**
   * A transaction's final status (`deny`, `timeout`, `fraud`, ...), an error code (`network`, ...), `denied`
   * (also when no device offers a method the policy allows), or `cancel-failed` (the backend did not confirm a
   * cancel: the request may still reach the phone).
   */
  reason: FailureReason;
  /** The text the prompt shows. */
  message: string;
}

/** A step failed. The prompt already shows why and offers a way on, unless the backend denied the login. */
export class MfaFailureEvent extends CustomEvent<MfaFailureDetail> {
  constructor(detail: MfaFailureDetail) {
    super('mfa-failure', { ...PUBLIC, detail });
  }
}

/**
 * The user canceled a pending push or call, and the backend confirmed it (the status said "Canceling..."
 * meanwhile); or canceled a WebAuthn request (`webauthn`: the browser's request was aborted); or chose another
 * device while one of them was pending (fired at once; the prompt cancels it on the server).
 */
export class MfaCancelEvent extends CustomEvent<{ method: 'push' | 'phone' | 'webauthn' }> {
  constructor(detail: { method: 'push' | 'phone' | 'webauthn' }) {
    super('mfa-cancel', { ...PUBLIC, detail });
  }
}

/** The prompt's phase or step changed (for analytics). */
export class MfaStateChangeEvent extends CustomEvent<{ phase: FlowPhase; step: FlowStep }> {
  constructor(detail: { phase: FlowPhase; step: FlowStep }) {
    super('mfa-state-change', { ...PUBLIC, detail });
  }
}

export type MfaLink = 'about' | 'add-device' | 'settings' | 'help';

/**
 * A help link was activated ("What is this?", "Add a new device", "My Settings & Devices", "Need help?").
 * Cancelable: when the link has a URL, `preventDefault()` stops the navigation.
 */
export class MfaLinkEvent extends CustomEvent<{ link: MfaLink }> {
  constructor(link: MfaLink) {
    super('mfa-link', { ...PUBLIC, cancelable: true, detail: { link } });
  }
}

// Events of the parts used on their own (inside `<mfa-prompt>` the parts call the flow instead).

/** `<mfa-method-chooser>`: a method button was pressed. */
export class MfaMethodChooseEvent extends CustomEvent<{ method: MethodChoice }> {
  constructor(method: MethodChoice) {
    super('mfa-method-choose', { ...PUBLIC, detail: { method } });
  }
}

/** `<mfa-method-chooser>`: another device was selected. */
export class MfaDeviceChangeEvent extends CustomEvent<{ deviceId: string }> {
  constructor(deviceId: string) {
    super('mfa-device-change', { ...PUBLIC, detail: { deviceId } });
  }
}

export type MfaStatusAction = 'cancel' | 'dismiss' | 'retry';

/** `<mfa-status-bar>`: Cancel, Dismiss or Retry was pressed. */
export class MfaStatusActionEvent extends CustomEvent<{ action: MfaStatusAction }> {
  constructor(action: MfaStatusAction) {
    super('mfa-status-action', { ...PUBLIC, detail: { action } });
  }
}

/** `<mfa-passcode-input>`: Log In was pressed. Read the code from the element's `value`: it is not in the event. */
export class MfaPasscodeSubmitEvent extends Event {
  constructor() {
    super('mfa-passcode-submit', PUBLIC);
  }
}

/** `<mfa-passcode-input>`: Send codes was pressed. */
export class MfaSendCodesEvent extends Event {
  constructor() {
    super('mfa-send-codes', PUBLIC);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mfa-success': MfaSuccessEvent;
    'mfa-failure': MfaFailureEvent;
    'mfa-cancel': MfaCancelEvent;
    'mfa-state-change': MfaStateChangeEvent;
    'mfa-link': MfaLinkEvent;
    'mfa-method-choose': MfaMethodChooseEvent;
    'mfa-device-change': MfaDeviceChangeEvent;
    'mfa-status-action': MfaStatusActionEvent;
    'mfa-passcode-submit': MfaPasscodeSubmitEvent;
    'mfa-send-codes': MfaSendCodesEvent;
  }
}
