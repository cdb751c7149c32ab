/**
 * The flow's state and events: everything a view renders and every notification it re-dispatches.
 * A state is a frozen snapshot, replaced (never mutated) on every change, so views can compare by identity.
 * Nothing here ever holds a passcode.
 */
import type { MfaErrorCode } from '../adapter/errors.js';
import type { Device, FailureStatus, MfaMethod, TransactionStatus } from '../adapter/types.js';
import type { MethodOption } from './methods/options.js';
import type { WebAuthnFailureReason } from '../webauthn/types.js';

/**
 * Where the login stands. The view picks its layout from this alone:
 * - `loading`: asking the backend what this login needs (before and during `start()`).
 * - `choosing`: devices and methods are shown; a status may describe the last step (sent codes, a failure).
 * - `pending`: a push or call is under way: wait for the phone; Cancel is available; remember-me is greyed out.
 * - `success`: done; the `success` event carried the token.
 * - `denied`: the backend refuses this login, or none of the user's devices offers a method the policy allows
 *   (final); `status` says why.
 * - `enroll`: the user has no device yet; link to `enrollUrl`.
 * - `error`: the flow cannot go on (backend unreachable, attempt expired); `status.canRetry` restarts it.
 */
export type FlowPhase = 'loading' | 'choosing' | 'pending' | 'success' | 'denied' | 'enroll' | 'error';

/**
 * What just happened, as a stable code for analytics and tests (views need not read it). Transaction
 * statuses and error codes keep the contract's names. Among the others:
 * - `expiring`: a pending push or call has about 20 seconds left (announced once);
 * - `canceling`: a push or call is being canceled and the backend has not confirmed yet (after the user's
 *   Cancel, or after a watch that failed, before its error shows);
 * - `user-canceled`: the backend confirmed the user's Cancel;
 * - `cancel-failed`: the backend did not confirm a cancel; the request may still reach the phone;
 * - `no-devices`, `no-methods`: the user has no device, or none that the policy allows a method on.
 */
export type FlowStep =
  | 'preauth'
  | 'choose'
  | 'passcode-entry'
  | 'invalid-input'
  | 'verifying'
  | 'sending-codes'
  | 'starting'
  | 'reconnecting'
  | 'canceling'
  | 'expiring'
  | 'user-canceled'
  | 'cancel-failed'
  | 'remembered'
  | 'not-required'
  | 'denied'
  | 'enroll'
  | 'no-devices'
  | 'no-methods'
  | TransactionStatus
  | MfaErrorCode
  | WebAuthnStep;

/**
 * A WebAuthn request ended without an assertion, by the browser's reason: the user canceled, it timed out, no
 * registered key or passkey was there, the browser cannot do WebAuthn, or the page is not secure.
 */
export type WebAuthnStep = `webauthn-${WebAuthnFailureReason}`;

/** `pending` shows progress (a spinner); `error` should be announced assertively. */
export type StatusTone = 'info' | 'pending' | 'success' | 'error';

/** The status bar. Its buttons call `cancel()`, `dismiss()` and `retry()`. */
export interface FlowStatus {
  /** Plain text (backend texts included): render as text, never as HTML. */
  readonly message: string;
  readonly tone: StatusTone;
  readonly canCancel: boolean;
  readonly canDismiss: boolean;
  readonly canRetry: boolean;
  /** Retry's text when it does something more specific ("Send another push"); Retry when absent. */
  readonly retryLabel?: string;
}

export interface RememberMeState {
  /** Show the checkbox at all: the policy allows remembering for a positive duration. */
  readonly offered: boolean;
  readonly checked: boolean;
  /** Greyed out while a push or call is pending (the choice was already sent), and once the login is over. */
  readonly disabled: boolean;
  /** "Remember me for 8 hours"; empty when not offered. */
  readonly label: string;
}

/**
 * How the user passed: a method, or no second factor at all because preauth allowed the login: `remembered`
 * (this device was remembered at an earlier login) or `not-required` (the user is exempt from the second factor).
 */
export type SuccessMethod = MfaMethod | 'remembered' | 'not-required';

/** How the login finished. The token is not kept here: it travels only in the `success` event. */
export interface FlowResult {
  readonly method: SuccessMethod;
  /** The backend remembers this device: "Remember me" was ticked now, or at an earlier login (`remembered`). */
  readonly remembered: boolean;
}

export interface FlowState {
  readonly phase: FlowPhase;
  readonly step: FlowStep;

  /** The user's devices, in the backend's order; a device select is worth showing when there are two or more. */
  readonly devices: readonly Device[];
  /** The device the methods apply to; the first one until the user picks another. */
  readonly selectedDevice: Device | null;
  /** The method buttons for the selected device, push first. */
  readonly methods: readonly MethodOption[];
  /**
   * The most methods any of the user's devices offers: a view reserves that many rows, so the card keeps its
   * height when the user picks another device.
   */
  readonly mostMethods: number;
  /** The push, call or WebAuthn request in progress (phase `pending`), to mark its button busy. */
  readonly pendingMethod: 'push' | 'phone' | 'webauthn' | null;
  /**
   * Verified Push: the code (3 to 6 digits) the user must type in the phone's app while the push is pending.
   * Show it large, with `messages.enterCodeInApp`; have it read digit by digit.
   */
  readonly verificationCode: string | null;
  /**
   * When the pending push or call expires, on the flow's clock (`flow.clock.now()`): show the time left. Set
   * from the backend's `expiresInSeconds` when its answer arrived; null when the backend gave no limit.
   */
  readonly expiresAt: number | null;

  /** The passcode field, Log In and (for SMS) Send codes are shown. The view focuses the field when this turns true. */
  readonly passcodeEntryOpen: boolean;
  /** A passcode is being verified: disable Log In. A second submit meanwhile is ignored anyway. */
  readonly verifying: boolean;
  /** An SMS batch is being requested: disable Send codes. */
  readonly sendingCodes: boolean;
  /** The selected device can receive SMS passcodes: show Send codes. */
  readonly canSendCodes: boolean;
  /**
   * The backend's cooldown after Send codes, for the selected device: until this time on the flow's clock,
   * show `messages.sendCodesIn(seconds)` instead of Send codes. It returns by itself (the flow sets null).
   */
  readonly sendCodesAvailableAt: number | null;
  /** Inline error under the passcode field (wrong code, bad format, too many attempts), or null. */
  readonly passcodeError: string | null;
  /**
   * Increases each time the view must empty the passcode field: after every answer to a code that was sent
   * (success included), so no spent or pending code stays in the page. Not after input that was not sent.
   */
  readonly clearPasscode: number;
  /** First digit of the next unused SMS passcode of the selected device, when a batch is outstanding. */
  readonly nextSmsDigit: number | null;
  /** The line under the passcode field: "Next SMS passcode starts with 2." or a short help text. */
  readonly passcodeHint: string;

  readonly rememberMe: RememberMeState;
  /**
   * The backend locked the account (too many failures): every method would be refused, so the methods, the
   * device select, the passcode entry and remember-me are disabled, and the status keeps saying so (no
   * Dismiss) until its Try again asks the backend afresh.
   */
  readonly lockedOut: boolean;
  /** The status bar, or null when there is nothing to say. */
  readonly status: FlowStatus | null;
  /** Where the user can add a device (phase `enroll`, or the "Add a new device" link), when known. */
  readonly enrollUrl: string | null;
  /** Set in phase `success`. */
  readonly result: FlowResult | null;
}

/**
 * Why a login step failed: a transaction's final status, an adapter error code, `denied` (preauth's `deny`,
 * or no device or method to use), or `cancel-failed` (the backend did not confirm a cancel).
 */
export type FailureReason = FailureStatus | MfaErrorCode | WebAuthnStep | 'denied' | 'cancel-failed';

/** Outcome notifications, which the element re-dispatches as DOM events. None carries a passcode. */
export interface FlowEvents {
  /** The login is complete: hand `token` to the host's server. */
  success: { token: string; method: SuccessMethod; remembered: boolean };
  /** A step failed; the state already shows `message`. The user may still try again unless the phase is final. */
  failure: { reason: FailureReason; message: string };
  /**
   * The user canceled a pending push or call, and the backend confirmed it; or a WebAuthn request; or the user
   * chose another device while one was pending (emitted at once: the flow cancels it on the server meanwhile).
   */
  cancel: { method: 'push' | 'phone' | 'webauthn' };
  /** The phase or step changed: for analytics. */
  statechange: { phase: FlowPhase; step: FlowStep };
}
