/**
 * What every part of the flow shares: the state and its listeners, the policy and attempt of this login, and
 * the current {@link Operation}. `MfaFlow` (the public class) owns one; the modules beside it (preauth, the
 * methods, following and releasing transactions, outcomes) are functions over it.
 */
import type { Device, MfaAdapter, MfaMethod, Policy, PreauthRequest } from '../adapter/types.js';
import { deriveState, INITIAL } from './derive.js';
import type { CoreState } from './derive.js';
import type { FlowClock } from './clock.js';
import type { WebAuthnClient } from '../webauthn/types.js';
import { FlowEmitter } from './emitter.js';
import { defaultMessages } from './messages.js';
import type { FlowMessages } from './messages.js';
import { textOf } from './status.js';
import type { Text } from './status.js';
import { usableMethods } from './methods/options.js';
import type { FlowEvents, FlowState } from './state.js';
import { release } from './releasing.js';
import type { FollowedTransaction } from './transaction-release.js';

/**
 * Whose text to show for a status or outcome the prompt has its own words for, when the backend sends one:
 * `auto` the backend's while the prompt speaks its English defaults, else the prompt's own; `always` the
 * backend's; `never` the prompt's own.
 */
export type BackendTexts = 'auto' | 'always' | 'never';

/** A method the flow starts by itself once the backend asks for a second factor. */
export type AutoMethod = 'push' | 'phone' | 'passcode' | 'sms';

/**
 * One piece of async work: a preauth, a push or call and its watch, a verification, an SMS batch.
 * @internal
 */
export interface Operation {
  readonly controller: AbortController;
  /** Its transaction once the backend answered the start, and the device it runs on. */
  followed: FollowedTransaction | null;
  deviceId: string;
  /** The user pressed Cancel: the status says "Canceling..." until the backend confirms. */
  canceling: boolean;
  /** A release of `followed` is under way; its outcome is handled once. */
  releasing: boolean;
  /** The "time almost up" announcement was made for this push or call: it comes once. */
  warned: boolean;
}

/** @internal: the modules of the flow share it, the public class is `MfaFlow`. */
export class FlowRuntime {
  core: CoreState = INITIAL;
  snapshot: FlowState;
  attemptId = '';
  policy: Policy | null = null;
  rememberChecked = false;
  /** Next SMS digit per device id. */
  readonly smsDigits = new Map<string, number | null>();
  /** When Send codes returns, per device id, on the clock. */
  readonly smsCooldowns = new Map<string, number>();
  /** The flow's timers by purpose (`warning`, `expiry`, `sms:<device id>`), cleared by `destroy()`. */
  readonly timers = new Map<string, unknown>();
  op: Operation | null = null;
  /** Transactions being released, closed by `destroy()`. */
  readonly releases = new Set<FollowedTransaction>();
  /** A released push or call approved while a passcode was being checked: it logs in if the passcode does not. */
  afterVerifying: (() => void) | null = null;
  /** What Retry repeats while the status offers it (outside phase `error`, where Retry restarts). */
  retryAction: (() => void) | null = null;
  destroyed = false;
  readonly listeners = new FlowEmitter();

  constructor(
    readonly adapter: MfaAdapter,
    readonly request: PreauthRequest,
    /** Replaced by `MfaFlow.setMessages` (a language or `messages` set later): every text follows. */
    public messages: FlowMessages,
    readonly autoMethod: AutoMethod | undefined,
    readonly clock: FlowClock,
    /** The browser's WebAuthn when the adapter and the page can both do it; null: WebAuthn is not offered. */
    readonly webauthn: WebAuthnClient | null,
    /** Why this page cannot use WebAuthn although the adapter can: told to a user whose only devices are keys. */
    readonly webauthnBlocked: 'unsupported' | 'insecure-context' | null = null,
    /** Whose text to show where the backend sends one and the prompt has its own: see {@link own}. */
    readonly backendTexts: BackendTexts = 'auto',
  ) {
    this.snapshot = this.derive();
  }

  // ---- Operations -----------------------------------------------------------------------------------------

  /** Starts an operation, dropping the current one. */
  begin(): Operation {
    this.stop();
    this.op = {
      controller: new AbortController(),
      followed: null,
      deviceId: '',
      canceling: false,
      releasing: false,
      warned: false,
    };
    return this.op;
  }

  /** Drops the current operation: aborts its requests and releases its transaction (rule 16). */
  stop(): void {
    const op = this.op;
    this.op = null;
    this.retryAction = null;
    this.clearDeadline();
    if (!op) return;
    op.controller.abort();
    // A start still under way has no transaction yet: `follow` releases it when the backend answers.
    release(this, op, null);
  }

  /** The current operation completed: nothing left to abort or cancel. */
  finish(op: Operation): void {
    if (this.op !== op) return;
    this.op = null;
    this.clearDeadline();
  }

  isCurrent(op: Operation): boolean {
    return op === this.op && !this.destroyed;
  }

  // ---- Timers -------------------------------------------------------------------------------------------

  /** Calls `callback` in `ms` on the flow's clock, replacing the timer of the same purpose. */
  schedule(purpose: string, ms: number, callback: () => void): void {
    this.cancelTimer(purpose);
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(purpose);
      if (!this.destroyed) callback();
    }, Math.max(0, ms));
    this.timers.set(purpose, handle);
  }

  cancelTimer(purpose: string): void {
    if (!this.timers.has(purpose)) return;
    this.clock.clearTimeout(this.timers.get(purpose));
    this.timers.delete(purpose);
  }

  /** The pending push or call's time limit no longer applies. */
  clearDeadline(): void {
    this.cancelTimer('warning');
    this.cancelTimer('expiry');
  }

  // ---- State ----------------------------------------------------------------------------------------------

  /** The user can act: not over, not destroyed, and not locked out (the backend would refuse every method). */
  get interactive(): boolean {
    if (this.destroyed || this.core.lockedOut) return false;
    return this.core.phase === 'choosing' || this.core.phase === 'pending';
  }

  usable(device: Device, policy = this.policy): Set<MfaMethod> {
    return policy ? usableMethods(device, policy, !!this.webauthn) : new Set();
  }

  canEnterPasscode(device: Device): boolean {
    const usable = this.usable(device);
    return usable.has('passcode') || usable.has('sms');
  }

  /** `announce`: emit `statechange` even if phase and step stay the same (a start from the initial state). */
  set(patch: Partial<CoreState>, { announce = false } = {}): void {
    if (this.destroyed) return;
    const previous = this.snapshot;
    this.core = { ...this.core, ...patch };
    const state = (this.snapshot = this.derive());
    this.listeners.state(state);
    if (announce || state.phase !== previous.phase || state.step !== previous.step) {
      this.emit('statechange', { phase: state.phase, step: state.step });
    }
  }

  emit<K extends keyof FlowEvents>(type: K, detail: FlowEvents[K]): void {
    this.listeners.emit(type, detail);
  }

  /** A failure, with its text as shown now (the event's `message`). */
  failed(reason: FlowEvents['failure']['reason'], message: Text): void {
    this.emit('failure', { reason, message: textOf(message, this.messages) });
  }

  /**
   * The text to show for something the prompt has its own words for (`mine`) when the backend sent one too.
   * `auto`: the backend's (often more specific: "Dialing XXX-XXX-0105...") only while the prompt's own text is
   * the English default; in another language, or replaced by the host's `messages`, the prompt's own.
   */
  own(backend: string | undefined, mine: (m: FlowMessages) => string): Text {
    const mode = this.backendTexts;
    if (!backend || mode === 'never') return mine;
    if (mode === 'always') return backend;
    return (m) => {
      const text = mine(m);
      return text === mine(defaultMessages) ? backend : text;
    };
  }

  private derive(): FlowState {
    const { policy, smsDigits, smsCooldowns, rememberChecked, messages } = this;
    return deriveState(this.core, { policy, smsDigits, smsCooldowns, rememberChecked, messages, webauthn: !!this.webauthn });
  }
}
