/**
 * The second-factor step as a controller: no DOM, no framework. An element creates one `MfaFlow`, renders
 * `state` (a frozen snapshot replaced on every change), calls the commands from its handlers and re-dispatches
 * the events (`success`, `failure`, `cancel`, `statechange`) as DOM events.
 *
 * Commands never throw and never return promises: one that does not apply to the current state (a second
 * click on Log In, a push on a device without push, anything after success or `destroy()`) is ignored.
 *
 * Every piece of async work is an {@link Operation}; starting another one drops the previous one, and results
 * that arrive for an operation that is no longer current never show. A push or call the flow stops following
 * while it may still be pending is released (rule 16, **nothing left live**): canceled on the server and
 * listened to until it is final (see `releasing.ts`). If it turns out approved, the login succeeds with its
 * token (rule 17, **allow wins**), except after `destroy()`.
 *
 * This class is the coordinator: the work is in the modules beside it. `preauth.ts` asks what the login
 * needs; `methods/` starts each method (push and call, SMS codes, passcode entry, WebAuthn); `follow.ts` shows
 * a transaction's updates; `time-limits.ts` counts down a pending push or call and the SMS cooldown on the
 * injectable `clock.ts`; `releasing.ts` stops following a transaction; `outcomes.ts` ends a step;
 * `runtime.ts` holds what they share.
 */
import type { MfaAdapter, PreauthRequest } from '../adapter/types.js';
import { systemClock } from './clock.js';
import type { FlowClock } from './clock.js';
import { IDLE } from './derive.js';
import type { Listener } from './emitter.js';
import { defaultMessages } from './messages.js';
import type { FlowMessages } from './messages.js';
import { closePasscodeEntry, openPasscodeEntry, submitPasscode } from './methods/passcode-entry.js';
import { startTransaction } from './methods/push-call.js';
import { sendCodes } from './methods/sms.js';
import { cancelWebAuthn, startWebAuthn } from './methods/webauthn.js';
import type { WebAuthnClient } from '../webauthn/types.js';
import { preauth } from './preauth.js';
import { release } from './releasing.js';
import { FlowRuntime } from './runtime.js';
import type { AutoMethod } from './runtime.js';
import { newStartKey } from './start-key.js';
import type { FlowEvents, FlowState } from './state.js';
import { statusBar } from './status.js';

export type { AutoMethod } from './runtime.js';

export interface MfaFlowOptions extends PreauthRequest {
  /** Texts to use instead of the English defaults. */
  messages?: Partial<FlowMessages>;
  /**
   * Start this method on the first device as soon as the devices are known ("automatically send me a
   * push"): one step fewer for users who always do the same. Ignored when the first device lacks it.
   */
  autoMethod?: AutoMethod;
  /** The clock deadlines and cooldowns are measured on (tests pass a manual one). `performance.now()` by default. */
  clock?: FlowClock;
  /**
   * The browser's WebAuthn (`browserWebAuthn` from `webauthn/browser-client.ts` in a page). Without it, or
   * when the adapter lacks `startWebAuthn`/`completeWebAuthn`, or `unavailable()` says it cannot work here,
   * security keys and passkeys are not offered.
   */
  webauthn?: WebAuthnClient;
}

export class MfaFlow {
  /** Every text, the defaults merged with `options.messages`: the views read their labels from here. */
  readonly messages: FlowMessages;
  /** The clock of `state.expiresAt` and `state.sendCodesAvailableAt`: views count down with `clock.now()`. */
  readonly clock: FlowClock;
  private readonly flow: FlowRuntime;

  constructor(adapter: MfaAdapter, options: MfaFlowOptions = {}) {
    const { username, ticket } = options;
    const request = { ...(username === undefined ? {} : { username }), ...(ticket === undefined ? {} : { ticket }) };
    this.messages = { ...defaultMessages, ...options.messages };
    this.clock = options.clock ?? systemClock;
    const { webauthn } = options;
    const blocked = webauthn && adapter.startWebAuthn && adapter.completeWebAuthn ? webauthn.unavailable() : null;
    const webauthnReady = !!webauthn && !!adapter.startWebAuthn && !!adapter.completeWebAuthn && blocked === null;
    this.flow = new FlowRuntime(adapter, request, this.messages, options.autoMethod, this.clock, webauthnReady ? webauthn : null, blocked);
  }

  get state(): FlowState {
    return this.flow.snapshot;
  }

  /** Calls `listener` after every state change (not immediately). Returns the unsubscribe function. */
  subscribe(listener: Listener<FlowState>): () => void {
    return this.flow.listeners.subscribe(listener);
  }

  /** Listens to an outcome notification. Returns the unsubscribe function. */
  on<K extends keyof FlowEvents>(type: K, listener: Listener<FlowEvents[K]>): () => void {
    return this.flow.listeners.on(type, listener);
  }

  // ---- Commands -------------------------------------------------------------------------------------------

  /** Asks the backend what this login needs. Also restarts after an error. */
  start(): void {
    const flow = this.flow;
    const { phase } = flow.core;
    if (flow.destroyed || phase === 'success' || (phase === 'loading' && flow.op)) return;
    void preauth(flow);
  }

  /**
   * The status bar's Retry: restarts in phase `error` and after a lock-out (Try again), otherwise repeats the
   * step that failed. A start whose
   * answer was lost is repeated with the same idempotency key (rule 18, **Retry repeats the same start**); after
   * a watch that failed, the push or call was canceled and Retry sends a new one.
   */
  retry(): void {
    const flow = this.flow;
    if (flow.destroyed || !flow.core.status?.canRetry) return;
    if (flow.core.phase === 'error' || flow.core.lockedOut) return this.start();
    const action = flow.retryAction;
    flow.retryAction = null;
    action?.();
  }

  /**
   * Picks another device; whatever was under way on the previous one is canceled. A pending push, call or
   * security key request says so ("Push canceled: you chose another device.") and emits `cancel` at once,
   * while the flow cancels it on the server.
   */
  selectDevice(id: string): void {
    const flow = this.flow;
    const device = flow.core.devices.find((candidate) => candidate.id === id);
    if (!flow.interactive || flow.core.verifying || !device || device === flow.core.selectedDevice) return;
    const left = flow.core.phase === 'pending' ? flow.core.pendingMethod : null;
    flow.stop();
    flow.set({
      ...IDLE,
      phase: 'choosing',
      step: left ? 'user-canceled' : 'choose',
      selectedDevice: device,
      passcodeEntryOpen: flow.core.passcodeEntryOpen && flow.canEnterPasscode(device),
      passcodeError: null,
      status: left ? statusBar(flow.messages.switchedDevice[left], 'info', { canDismiss: true }) : null,
    });
    if (left) flow.emit('cancel', { method: left });
  }

  /** Send me a Push. */
  push(): void {
    void startTransaction(this.flow, 'push', newStartKey());
  }

  /** Call Me. */
  call(): void {
    void startTransaction(this.flow, 'phone', newStartKey());
  }

  /**
   * Use a security key / Use a passkey: the browser asks the selected WebAuthn device for an assertion and the
   * backend checks it. Cancel aborts the browser's request.
   */
  useWebAuthn(): void {
    void startWebAuthn(this.flow, newStartKey());
  }

  /** Enter a Passcode: shows the passcode entry, canceling a pending push or call. */
  openPasscodeEntry(): void {
    openPasscodeEntry(this.flow);
  }

  /** Enter a Passcode pressed again: hides the passcode entry (ignored while a passcode is being verified). */
  closePasscodeEntry(): void {
    closePasscodeEntry(this.flow);
  }

  /** Send codes: texts a new batch of passcodes to the selected device. */
  sendSmsCodes(): void {
    void sendCodes(this.flow, newStartKey());
  }

  /**
   * Log In: verifies a passcode or starts the method a keyword names (`push`, `phone`, `sms`, `push2`...).
   * Input that cannot be a passcode gets an inline error and sends nothing (the field keeps it, to be fixed).
   * Whatever the answer to a code that was sent, `clearPasscode` asks the view to empty the field (rule 19,
   * **passcode cleared**). The passcode is not kept.
   */
  submitPasscode(raw: string): void {
    submitPasscode(this.flow, raw);
  }

  /** The "Remember me" checkbox. Ignored while it is disabled or not offered. */
  setRememberMe(checked: boolean): void {
    const flow = this.flow;
    const { offered, disabled } = flow.snapshot.rememberMe;
    if (flow.destroyed || !offered || disabled || flow.rememberChecked === checked) return;
    flow.rememberChecked = checked;
    flow.set({});
  }

  /**
   * The status bar's Cancel: cancels a pending push or call on the server. The status says "Canceling..."
   * (step `canceling`) until the backend confirms; only then "Authentication request canceled" (step
   * `user-canceled`) and the `cancel` event. If the cancel fails, the push or call stays pending and may still
   * reach the phone: step `cancel-failed`, an error status, Cancel offered again, and a `failure` event.
   */
  cancel(): void {
    const flow = this.flow;
    const op = flow.op;
    if (!flow.interactive || flow.core.phase !== 'pending' || !flow.core.pendingMethod) return;
    if (!op || op.canceling || op.releasing) return;
    if (flow.core.pendingMethod === 'webauthn') return cancelWebAuthn(flow, op);
    op.canceling = true;
    flow.retryAction = null;
    flow.set({ step: 'canceling', status: statusBar(flow.messages.canceling, 'pending') });
    // Before the start answered there is nothing to cancel yet: `follow` releases its answer.
    if (op.followed) release(flow, op, { kind: 'cancel' });
  }

  /** The status bar's Dismiss: clears the message; the methods stay available. */
  dismiss(): void {
    const flow = this.flow;
    if (!flow.interactive || !flow.core.status?.canDismiss) return;
    flow.retryAction = null;
    flow.set({ status: null, step: flow.core.passcodeEntryOpen ? 'passcode-entry' : 'choose' });
  }

  /** The element left the page: stops everything and still cancels a pending transaction. Nothing is emitted after this. */
  destroy(): void {
    const flow = this.flow;
    if (flow.destroyed) return;
    flow.destroyed = true;
    flow.stop();
    for (const purpose of [...flow.timers.keys()]) flow.cancelTimer(purpose);
    for (const followed of flow.releases) followed.close();
    flow.listeners.clear();
  }
}
