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
 * listened to until it is final (see `transaction-release.ts`). If it turns out approved, the login succeeds
 * with its token (rule 17, **allow wins**), except after `destroy()`.
 */
import { MfaError, type MfaErrorCode } from '../adapter/errors.js';
import type {
  Device,
  FailureStatus,
  MfaAdapter,
  MfaMethod,
  Policy,
  PreauthRequest,
  PreauthResult,
  StatusUpdate,
  Transaction,
} from '../adapter/types.js';
import { plainDevice, plainPreauth, plainUpdate } from './backend-text.js';
import { FlowEmitter } from './emitter.js';
import type { Listener } from './emitter.js';
import { defaultMessages } from './messages.js';
import type { FlowMessages } from './messages.js';
import { deriveState, IDLE, INITIAL } from './derive.js';
import type { CoreState } from './derive.js';
import { usableMethods } from './methods.js';
import { nextSmsDigitAfter, parsePasscode, withoutSecret } from './passcode.js';
import type { PasscodeInput } from './passcode.js';
import { newStartKey } from './start-key.js';
import type { FlowEvents, FlowState, FlowStep } from './state.js';
import { describeError, statusBar } from './status.js';
import { FollowedTransaction } from './transaction-release.js';
import type { ReleaseOutcome } from './transaction-release.js';

/** A method the flow starts by itself once the backend asks for a second factor. */
export type AutoMethod = 'push' | 'phone' | 'passcode' | 'sms';

export interface MfaFlowOptions extends PreauthRequest {
  /** Texts to use instead of the English defaults. */
  messages?: Partial<FlowMessages>;
  /**
   * Start this method on the first device as soon as the devices are known ("automatically send me a
   * push"): one step fewer for users who always do the same. Ignored when the first device lacks it.
   */
  autoMethod?: AutoMethod;
}

/** One piece of async work: a preauth, a push or call and its watch, a verification, an SMS batch. */
interface Operation {
  readonly controller: AbortController;
  /** Its transaction once the backend answered the start, and the device it runs on. */
  followed: FollowedTransaction | null;
  deviceId: string;
  /** The user pressed Cancel: the status says "Canceling..." until the backend confirms. */
  canceling: boolean;
  /** A release of `followed` is under way; its outcome is handled once. */
  releasing: boolean;
}

/** Why the flow releases the transaction of the current operation; `null`: the user moved on. */
type ReleaseCause = { kind: 'cancel' } | { kind: 'lost'; error: unknown } | null;

type Allow = Extract<StatusUpdate, { status: 'allow' }>;

/** Errors worth retrying as they are: the same request may well work a moment later. */
const RETRYABLE = new Set<MfaErrorCode>(['network', 'timeout', 'unavailable', 'bad_response']);

export class MfaFlow {
  private readonly adapter: MfaAdapter;
  private readonly request: PreauthRequest;
  private readonly autoMethod: AutoMethod | undefined;
  /** Every text, the defaults merged with `options.messages`: the views read their labels from here. */
  readonly messages: FlowMessages;

  private core: CoreState = INITIAL;
  private snapshot: FlowState;
  private attemptId = '';
  private policy: Policy | null = null;
  private rememberChecked = false;
  /** Next SMS digit per device id. */
  private readonly smsDigits = new Map<string, number | null>();
  private op: Operation | null = null;
  /** Transactions being released, closed by `destroy()`. */
  private readonly releases = new Set<FollowedTransaction>();
  /** What Retry repeats while the status offers it (outside phase `error`, where Retry restarts). */
  private retryAction: (() => void) | null = null;
  private destroyed = false;
  private readonly listeners = new FlowEmitter();

  constructor(adapter: MfaAdapter, options: MfaFlowOptions = {}) {
    this.adapter = adapter;
    const { username, ticket } = options;
    this.request = { ...(username === undefined ? {} : { username }), ...(ticket === undefined ? {} : { ticket }) };
    this.messages = { ...defaultMessages, ...options.messages };
    this.autoMethod = options.autoMethod;
    this.snapshot = this.derive();
  }

  get state(): FlowState {
    return this.snapshot;
  }

  /** Calls `listener` after every state change (not immediately). Returns the unsubscribe function. */
  subscribe(listener: Listener<FlowState>): () => void {
    return this.listeners.subscribe(listener);
  }

  /** Listens to an outcome notification. Returns the unsubscribe function. */
  on<K extends keyof FlowEvents>(type: K, listener: Listener<FlowEvents[K]>): () => void {
    return this.listeners.on(type, listener);
  }

  // ---- Commands -------------------------------------------------------------------------------------------

  /** Asks the backend what this login needs. Also restarts after an error. */
  start(): void {
    const { phase } = this.core;
    if (this.destroyed || phase === 'success' || (phase === 'loading' && this.op)) return;
    void this.preauth();
  }

  /**
   * The status bar's Retry: restarts in phase `error`, otherwise repeats the step that failed. A start whose
   * answer was lost is repeated with the same idempotency key (rule 18, **Retry repeats the same start**); after
   * a watch that failed, the push or call was canceled and Retry sends a new one.
   */
  retry(): void {
    if (this.destroyed || !this.core.status?.canRetry) return;
    if (this.core.phase === 'error') return this.start();
    const action = this.retryAction;
    this.retryAction = null;
    action?.();
  }

  /** Picks another device; whatever was under way on the previous one is canceled. */
  selectDevice(id: string): void {
    const device = this.core.devices.find((candidate) => candidate.id === id);
    if (!this.interactive || this.core.verifying || !device || device === this.core.selectedDevice) return;
    this.stop();
    this.set({
      ...IDLE,
      phase: 'choosing',
      step: 'choose',
      selectedDevice: device,
      passcodeEntryOpen: this.core.passcodeEntryOpen && this.canEnterPasscode(device),
      passcodeError: null,
      status: null,
    });
  }

  /** Send me a Push. */
  push(): void {
    void this.startTransaction('push', newStartKey());
  }

  /** Call Me. */
  call(): void {
    void this.startTransaction('phone', newStartKey());
  }

  /** Enter a Passcode: shows the passcode entry, canceling a pending push or call. */
  openPasscodeEntry(): void {
    const device = this.core.selectedDevice;
    if (!this.interactive || this.core.verifying || !device || !this.canEnterPasscode(device)) return;
    if (this.core.passcodeEntryOpen && this.core.phase === 'choosing') return;
    this.stop();
    this.set({
      ...IDLE,
      phase: 'choosing',
      step: 'passcode-entry',
      passcodeEntryOpen: true,
      passcodeError: null,
      status: null,
    });
  }

  /** Send codes: texts a new batch of passcodes to the selected device. */
  sendSmsCodes(): void {
    void this.sendCodes(newStartKey());
  }

  /**
   * Log In: verifies a passcode or starts the method a keyword names (`push`, `phone`, `sms`, `push2`...).
   * Input that cannot be a passcode gets an inline error and sends nothing (the field keeps it, to be fixed).
   * Whatever the answer to a code that was sent, `clearPasscode` asks the view to empty the field (rule 19,
   * **passcode cleared**). The passcode is not kept.
   */
  submitPasscode(raw: string): void {
    const device = this.core.selectedDevice;
    if (!this.interactive || !device || this.core.verifying) return;
    const input = parsePasscode(raw);
    if (input.kind === 'invalid') {
      const passcodeError = input.reason === 'empty' ? this.messages.passcodeEmpty : this.messages.passcodeFormat;
      this.set({ step: 'invalid-input', passcodeEntryOpen: true, passcodeError });
      return;
    }
    void this.verify(input, device);
  }

  /** The "Remember me" checkbox. Ignored while it is disabled or not offered. */
  setRememberMe(checked: boolean): void {
    const { offered, disabled } = this.snapshot.rememberMe;
    if (this.destroyed || !offered || disabled || this.rememberChecked === checked) return;
    this.rememberChecked = checked;
    this.set({});
  }

  /**
   * The status bar's Cancel: cancels a pending push or call on the server. The status says "Canceling..."
   * (step `canceling`) until the backend confirms; only then "Authentication request canceled" (step
   * `user-canceled`) and the `cancel` event. If the cancel fails, the push or call stays pending and may still
   * reach the phone: step `cancel-failed`, an error status, Cancel offered again, and a `failure` event.
   */
  cancel(): void {
    const op = this.op;
    if (!this.interactive || this.core.phase !== 'pending' || !this.core.pendingMethod) return;
    if (!op || op.canceling || op.releasing) return;
    op.canceling = true;
    this.retryAction = null;
    this.set({ step: 'canceling', status: statusBar(this.messages.canceling, 'pending') });
    // Before the start answered there is nothing to cancel yet: `follow` releases its answer.
    if (op.followed) this.release(op, { kind: 'cancel' });
  }

  /** The status bar's Dismiss: clears the message; the methods stay available. */
  dismiss(): void {
    if (!this.interactive || !this.core.status?.canDismiss) return;
    this.retryAction = null;
    this.set({ status: null, step: this.core.passcodeEntryOpen ? 'passcode-entry' : 'choose' });
  }

  /** The element left the page: stops everything and still cancels a pending transaction. Nothing is emitted after this. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stop();
    for (const followed of this.releases) followed.close();
    this.listeners.clear();
  }

  // ---- Steps ----------------------------------------------------------------------------------------------

  private async preauth(): Promise<void> {
    const op = this.begin();
    this.set({ ...IDLE, phase: 'loading', step: 'preauth', passcodeError: null, status: null }, { announce: true });
    let result: PreauthResult;
    try {
      result = plainPreauth(await this.adapter.preauth(this.request, { signal: op.controller.signal }));
    } catch (error) {
      if (this.isCurrent(op)) this.halt(error);
      return;
    }
    if (!this.isCurrent(op)) return;
    this.finish(op);
    const m = this.messages;
    switch (result.result) {
      case 'allow':
        return this.succeed('remembered', result.token, false, result.message || m.rememberedDevice, 'remembered');
      case 'deny':
        return this.deny(result.message || m.loginDenied, 'denied');
      case 'enroll':
        return this.enroll(result.enrollUrl, result.message || m.enrollNeeded);
      case 'auth':
        return this.choose(result);
    }
  }

  private choose(result: Extract<PreauthResult, { result: 'auth' }>): void {
    if (result.devices.length === 0) {
      if (result.enrollUrl) return this.enroll(result.enrollUrl, this.messages.enrollNeeded);
      return this.deny(this.messages.noDevices, 'no-devices');
    }
    // Rule 20, **no usable method**: a device the policy leaves nothing to do with is not listed.
    const usable = result.devices.filter((device) => usableMethods(device, result.policy).size > 0);
    if (usable.length === 0) return this.deny(this.messages.noMethods, 'no-methods');
    const devices = Object.freeze(usable.map(plainDevice));
    this.attemptId = result.attemptId;
    this.policy = result.policy;
    this.smsDigits.clear();
    for (const device of devices) this.smsDigits.set(device.id, device.nextSmsDigit ?? null);
    this.set({
      phase: 'choosing',
      step: 'choose',
      devices,
      selectedDevice: devices[0]!,
      passcodeEntryOpen: false,
      enrollUrl: result.enrollUrl ?? null,
      status: result.message ? statusBar(result.message, 'info', { canDismiss: true }) : null,
    });
    if (this.autoMethod) this.startMethod(this.autoMethod);
  }

  /**
   * Starts a method by name, for `autoMethod` and for keywords typed in the passcode field. Each command
   * already ignores a method the selected device cannot do, which leaves the user choosing.
   */
  private startMethod(method: AutoMethod): void {
    switch (method) {
      case 'push':
        return this.push();
      case 'phone':
        return this.call();
      case 'passcode':
        return this.openPasscodeEntry();
      case 'sms':
        return this.sendSmsCodes();
    }
  }

  private async startTransaction(method: 'push' | 'phone', idempotencyKey: string): Promise<void> {
    const device = this.core.selectedDevice;
    if (!this.interactive || this.core.verifying || !device || !this.usable(device).has(method)) return;
    // A second click on the button while its request is under way must not send a second one.
    if (this.core.pendingMethod === method) return;
    const op = this.begin();
    this.set({
      ...IDLE,
      phase: 'pending',
      step: 'starting',
      pendingMethod: method,
      passcodeError: null,
      status: statusBar(this.messages.starting[method], 'pending', { canCancel: true }),
    });
    // No abort signal: the backend may already have pushed or dialled. If the user moves on first, `follow`
    // cancels the transaction as soon as its id is known.
    const options = { rememberMe: this.snapshot.rememberMe.checked, idempotencyKey };
    let transaction: Transaction;
    try {
      transaction =
        method === 'push'
          ? await this.adapter.startPush(this.attemptId, device.id, options)
          : await this.adapter.startCall(this.attemptId, device.id, options);
    } catch (error) {
      if (!this.isCurrent(op)) return;
      // Canceled before the backend answered, and nothing was started.
      if (op.canceling) return this.userCanceled(op, method);
      return this.fail(op, error, () => void this.startTransaction(method, idempotencyKey));
    }
    this.follow(op, transaction, device.id);
  }

  private async sendCodes(idempotencyKey: string): Promise<void> {
    const device = this.core.selectedDevice;
    if (!this.interactive || !device || !this.usable(device).has('sms')) return;
    if (this.core.sendingCodes || this.core.verifying) return;
    const op = this.begin();
    this.set({
      ...IDLE,
      phase: 'choosing',
      step: 'sending-codes',
      sendingCodes: true,
      passcodeEntryOpen: true,
      passcodeError: null,
      status: statusBar(this.messages.sendingCodes, 'pending'),
    });
    let transaction: Transaction;
    try {
      // No abort signal either: codes the backend already texted stay valid; a late answer is simply ignored.
      transaction = await this.adapter.sendSmsPasscodes(this.attemptId, device.id, { idempotencyKey });
    } catch (error) {
      if (this.isCurrent(op)) this.fail(op, error, () => void this.sendCodes(idempotencyKey));
      return;
    }
    this.follow(op, transaction, device.id);
  }

  private async verify(input: Exclude<PasscodeInput, { kind: 'invalid' }>, selected: Device): Promise<void> {
    const deviceNumber = input.kind === 'keyword' ? input.deviceNumber : undefined;
    let device = selected;
    if (input.kind === 'keyword') {
      const method: MfaMethod = input.keyword;
      // A plain keyword on a device that can do it is the button's shortcut: same device, same request.
      if (deviceNumber === undefined && this.usable(selected).has(method)) return this.startMethod(input.keyword);
      // Otherwise the backend starts it on the N-th device able to (the first without a number, as the
      // contract says); the prompt shows that device so its progress makes sense.
      const capable = this.core.devices.filter((candidate) => this.usable(candidate).has(method));
      device = capable[(deviceNumber ?? 1) - 1] ?? selected;
    }
    const op = this.begin();
    this.set({
      ...IDLE,
      phase: 'choosing',
      step: 'verifying',
      selectedDevice: device,
      verifying: true,
      passcodeEntryOpen: true,
      passcodeError: null,
      status: statusBar(this.messages.verifying, 'pending'),
    });
    // No abort signal: a code the backend has checked is used up, so its answer is always awaited (other
    // commands wait for it too, see `verifying`). No Retry either: the code is not kept to be sent again.
    const options = {
      rememberMe: this.snapshot.rememberMe.checked,
      idempotencyKey: newStartKey(),
      ...(input.kind === 'keyword' ? {} : { deviceId: device.id }),
    };
    let transaction: Transaction | undefined;
    let failure: unknown;
    try {
      transaction = await this.adapter.verifyPasscode(this.attemptId, input.value, options);
    } catch (error) {
      failure = error;
    }
    // Rule 19, **passcode cleared**: the code was sent; whatever came of it, the field must not keep it.
    this.set({ clearPasscode: this.core.clearPasscode + 1 });
    if (!transaction) {
      if (this.isCurrent(op)) this.passcodeFailed(op, failure);
      return;
    }
    if (input.kind === 'code') {
      transaction = withoutSecret(transaction, input.value);
      if (this.isCurrent(op) && transaction.status.status === 'allow') this.useSmsCode(device.id, input.value);
    }
    this.follow(op, transaction, device.id);
  }

  /**
   * Shows a started transaction and its updates until the final one, as long as `op` is current. An answer
   * for an operation the user has left, or canceled, is released at once.
   */
  private follow(op: Operation, transaction: Transaction, deviceId: string): void {
    const { method } = transaction;
    op.deviceId = deviceId;
    op.followed = new FollowedTransaction(this.adapter, transaction, {
      update: (update) => {
        if (this.isCurrent(op)) this.show(op, method, update);
      },
      lost: (error) => {
        if (this.isCurrent(op)) this.lost(op, error);
      },
      retrying: () => {
        if (!this.isCurrent(op)) return;
        this.set({ step: 'reconnecting', status: statusBar(this.messages.reconnecting, 'pending', { canCancel: true }) });
      },
    });
    if (!this.isCurrent(op)) return this.release(op, null);
    if (op.canceling) return this.release(op, { kind: 'cancel' });
    this.show(op, method, transaction.status);
  }

  /** Renders one status update, its texts stripped of bidi controls (rule 21). */
  private show(op: Operation, method: MfaMethod, raw: StatusUpdate): void {
    const update = plainUpdate(raw);
    const message = update.message || this.messages.status[update.status];
    switch (update.status) {
      case 'pushed':
      case 'calling':
      case 'answered':
        this.set({
          ...IDLE,
          phase: 'pending',
          step: update.status,
          pendingMethod: method === 'phone' ? 'phone' : 'push',
          status: statusBar(message, 'pending', { canCancel: true }),
        });
        return;
      case 'sent':
        this.finish(op);
        this.smsDigits.set(op.deviceId, update.nextSmsDigit);
        this.set({
          ...IDLE,
          phase: 'choosing',
          step: 'sent',
          passcodeEntryOpen: true,
          status: statusBar(message, 'info', { canDismiss: true }),
        });
        return;
      case 'allow':
        this.finish(op);
        return this.succeed(method, update.token, update.remembered, message, 'allow');
      case 'challenge':
        // Only a WebAuthn start is answered with a challenge: for a push or a call it is off the contract.
        return this.fail(op, new MfaError('bad_response', 'A challenge answered a push or a call.'), null);
      default:
        this.finish(op);
        return this.transactionFailed(update.status, message);
    }
  }

  // ---- Releasing a transaction (rules 16 and 17) ------------------------------------------------------------

  /** The watch ended without a final status: cancel the push or call first, then show the error. */
  private lost(op: Operation, error: unknown): void {
    this.retryAction = null;
    this.set({ step: 'canceling', status: statusBar(this.messages.canceling, 'pending') });
    this.release(op, { kind: 'lost', error });
  }

  /** Cancels `op`'s transaction and handles the outcome once, as things stand when it comes. */
  private release(op: Operation, cause: ReleaseCause): void {
    const followed = op.followed;
    if (!followed || op.releasing) return;
    op.releasing = true;
    this.releases.add(followed);
    void followed.release().then((outcome) => {
      op.releasing = false;
      this.releases.delete(followed);
      this.released(op, cause, outcome);
    });
    // Closing: the cancel goes out, but nobody listens to the outcome.
    if (this.destroyed) followed.close();
  }

  private released(op: Operation, cause: ReleaseCause, outcome: ReleaseOutcome): void {
    if (this.destroyed) return;
    const method = op.followed!.transaction.method;
    const current = this.isCurrent(op) && cause !== null;
    if (outcome.kind === 'allow') {
      if (this.isCurrent(op)) this.finish(op);
      return this.allowWins(method, outcome.update);
    }
    if (!current) {
      if (outcome.kind === 'cancel-failed') this.earlierNotCanceled();
      return;
    }
    if (cause.kind === 'lost') return this.lostAndReleased(op, cause.error, outcome);
    // The user's Cancel.
    if (outcome.kind === 'released') {
      if (outcome.final && outcome.final.status !== 'canceled') return this.show(op, method, outcome.final);
      return this.userCanceled(op, method === 'phone' ? 'phone' : 'push');
    }
    op.canceling = false;
    if (!op.followed!.watching) return this.lostAndReleased(op, outcome.error, outcome);
    const message = this.messages.cancelFailed;
    this.set({ phase: 'pending', step: 'cancel-failed', status: statusBar(message, 'error', { canCancel: true }) });
    this.emit('failure', { reason: 'cancel-failed', message });
  }

  /** The error of a watch that failed, once its transaction was released: Retry sends a new push or call. */
  private lostAndReleased(op: Operation, error: unknown, outcome: ReleaseOutcome): void {
    this.finish(op);
    const method = op.followed!.transaction.method;
    const retry = method === 'push' || method === 'phone' ? () => void this.startTransaction(method, newStartKey()) : null;
    this.fail(op, error, retry, outcome.kind === 'cancel-failed' ? this.messages.earlierNotCanceled : '');
  }

  /** A transaction the flow had stopped following was approved: the login succeeds with its token. */
  private allowWins(method: MfaMethod, raw: Allow): void {
    if (this.core.phase === 'success') return;
    this.stop();
    const update = plainUpdate(raw);
    this.succeed(method, update.token, update.remembered, update.message || this.messages.status.allow, 'allow');
  }

  /** The user moved on and the backend did not confirm the cancel of what they left: say so while choosing. */
  private earlierNotCanceled(): void {
    // A new push or call replaces the earlier one on the server (one live request per attempt).
    if (this.core.phase !== 'choosing') return;
    const message = this.messages.earlierNotCanceled;
    this.set({ step: 'cancel-failed', status: statusBar(message, 'error', { canDismiss: true }) });
    this.emit('failure', { reason: 'cancel-failed', message });
  }

  // ---- Outcomes -------------------------------------------------------------------------------------------

  private succeed(
    method: MfaMethod | 'remembered',
    token: string,
    remembered: boolean,
    message: string,
    step: FlowStep,
  ): void {
    const status = statusBar(message, 'success');
    this.set({ ...IDLE, phase: 'success', step, passcodeError: null, status, result: { method, remembered } });
    this.emit('success', { token, method, remembered });
  }

  private deny(message: string, step: FlowStep): void {
    this.set({ ...IDLE, phase: 'denied', step, status: statusBar(message, 'error') });
    this.emit('failure', { reason: 'denied', message });
  }

  private enroll(enrollUrl: string, message: string): void {
    this.set({ ...IDLE, phase: 'enroll', step: 'enroll', enrollUrl, status: statusBar(message, 'info') });
  }

  private userCanceled(op: Operation, method: 'push' | 'phone'): void {
    this.finish(op);
    const status = statusBar(this.messages.userCanceled, 'info', { canDismiss: true });
    this.set({ ...IDLE, phase: 'choosing', step: 'user-canceled', status });
    this.emit('cancel', { method });
  }

  /** A push or call ended without success: say so, with what to do next; the methods stay available. */
  private transactionFailed(reason: FailureStatus, backendMessage: string): void {
    let message = backendMessage;
    if ((reason === 'timeout' || reason === 'locked_out') && !this.messages.mentionsNextStep[reason].test(message)) {
      message = `${message} ${this.messages.nextStep[reason]}`;
    }
    const tone = reason === 'canceled' ? 'info' : 'error';
    this.set({ ...IDLE, phase: 'choosing', step: reason, status: statusBar(message, tone, { canDismiss: true }) });
    this.emit('failure', { reason, message });
  }

  /** A request failed but the login can go on: back to choosing, the error (and `addendum`) in the status bar. */
  private fail(op: Operation, error: unknown, retry: (() => void) | null, addendum = ''): void {
    const described = describeError(error, this.messages);
    if (described.code === 'expired') return this.halt(error);
    this.finish(op);
    const { code } = described;
    const message = addendum ? `${described.message} ${addendum}` : described.message;
    const canRetry = retry !== null && RETRYABLE.has(code);
    this.retryAction = canRetry ? retry : null;
    const status = statusBar(message, 'error', { canDismiss: true, canRetry });
    this.set({ ...IDLE, phase: 'choosing', step: code, status });
    this.emit('failure', { reason: code, message });
  }

  /** Passcode errors show under the field; a lock-out, which is about the account, in the status bar. */
  private passcodeFailed(op: Operation, error: unknown): void {
    const { code, message } = describeError(error, this.messages);
    if (code === 'expired') return this.halt(error);
    this.finish(op);
    if (code === 'locked_out') {
      const status = statusBar(message, 'error', { canDismiss: true });
      this.set({ ...IDLE, step: code, passcodeError: null, status });
    } else {
      this.set({ ...IDLE, step: code, passcodeError: message, status: null });
    }
    this.emit('failure', { reason: code, message });
  }

  /** The login cannot go on from here (preauth failed, the attempt expired): Retry starts again. */
  private halt(error: unknown): void {
    const { code, message } = describeError(error, this.messages);
    this.stop();
    const status = statusBar(message, 'error', { canRetry: true });
    this.set({ ...IDLE, phase: 'error', step: code, passcodeError: null, status });
    this.emit('failure', { reason: code, message });
  }

  /** An accepted SMS code moves the hint on to the next code of the batch. */
  private useSmsCode(deviceId: string, code: string): void {
    const digit = this.smsDigits.get(deviceId);
    if (digit == null || !this.policy || code[0] !== String(digit)) return;
    this.smsDigits.set(deviceId, nextSmsDigitAfter(digit, this.policy.smsBatchSize));
  }

  // ---- Operations -----------------------------------------------------------------------------------------

  private begin(): Operation {
    this.stop();
    this.op = { controller: new AbortController(), followed: null, deviceId: '', canceling: false, releasing: false };
    return this.op;
  }

  /** Drops the current operation: aborts its requests and releases its transaction (rule 16). */
  private stop(): void {
    const op = this.op;
    this.op = null;
    this.retryAction = null;
    if (!op) return;
    op.controller.abort();
    // A start still under way has no transaction yet: `follow` releases it when the backend answers.
    this.release(op, null);
  }

  /** The current operation completed: nothing left to abort or cancel. */
  private finish(op: Operation): void {
    if (this.op === op) this.op = null;
  }

  private isCurrent(op: Operation): boolean {
    return op === this.op && !this.destroyed;
  }

  // ---- State ----------------------------------------------------------------------------------------------

  private get interactive(): boolean {
    return !this.destroyed && (this.core.phase === 'choosing' || this.core.phase === 'pending');
  }

  private usable(device: Device): Set<MfaMethod> {
    return this.policy ? usableMethods(device, this.policy) : new Set();
  }

  private canEnterPasscode(device: Device): boolean {
    const usable = this.usable(device);
    return usable.has('passcode') || usable.has('sms');
  }

  /** `announce`: emit `statechange` even if phase and step stay the same (a start from the initial state). */
  private set(patch: Partial<CoreState>, { announce = false } = {}): void {
    if (this.destroyed) return;
    const previous = this.snapshot;
    this.core = { ...this.core, ...patch };
    const state = (this.snapshot = this.derive());
    this.listeners.state(state);
    if (announce || state.phase !== previous.phase || state.step !== previous.step) {
      this.emit('statechange', { phase: state.phase, step: state.step });
    }
  }

  private derive(): FlowState {
    const { policy, smsDigits, rememberChecked, messages } = this;
    return deriveState(this.core, { policy, smsDigits, rememberChecked, messages });
  }

  private emit<K extends keyof FlowEvents>(type: K, detail: FlowEvents[K]): void {
    this.listeners.emit(type, detail);
  }
}
