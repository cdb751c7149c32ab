/**
 * Starting a transaction, one function per method: a push, a call, an SMS batch, a WebAuthn challenge, or a
 * passcode (or keyword) checked on the spot. The checks every start shares (lock, policy, device, rate
 * limits, **SMS cooldown**, **one live request per attempt**) come first; the outcomes are `outcomes.ts`'s.
 */
import type { MfaMethod, StatusUpdate } from '../../src/adapter/types.js';
import type { StartTransactionBody } from '../../src/adapter/wire.js';
import type { Attempt } from './attempts.js';
import { SimulatorError } from './errors.js';
import type { Lockouts } from './lockouts.js';
import { MESSAGES, METHOD_NOUNS } from './messages.js';
import type { ResolvedOptions } from './options.js';
import type { Outcomes } from './outcomes.js';
import { normalisePasscode, parseKeyword, smsDigitForPosition } from './passcodes.js';
import { randomDigits, randomId } from './random.js';
import { takeOrRefuse, type RateLimiter } from './rate-limit.js';
import { deliverSmsBatch, smsCooldownSeconds } from './sms.js';
import type { TransactionRecord, TransactionStore } from './transactions.js';
import type { SimulatorEvent } from './types.js';
import type { UserState } from './user-state.js';
import type { SimulatedDevice } from './users.js';
import type { WebAuthnLogins } from './webauthn-logins.js';

const SCRIPTED_KEY_DELAY_MS = 1000;
/** Duo's Verified Push shows 3 digits; the contract allows 3 to 6. */
const VERIFICATION_CODE_DIGITS = 3;
type OutOfBandMethod = 'push' | 'phone' | 'sms';
/** Methods started on a chosen device. */
type DeviceMethod = OutOfBandMethod | 'webauthn';

/** The methods whose transactions wait for the user elsewhere (the phone, the key): one live per attempt. */
const LIVE_METHODS: ReadonlySet<MfaMethod> = new Set(['push', 'phone', 'webauthn']);

/** Who a start is for: the user, and the attempt every transaction it creates belongs to. */
export interface StartContext {
  state: UserState;
  attempt: Attempt;
}

/** What starting transactions needs from the simulator. */
export interface StartHost {
  readonly options: ResolvedOptions;
  readonly transactions: TransactionStore;
  readonly limiter: RateLimiter;
  readonly webauthn: WebAuthnLogins;
  readonly outcomes: Outcomes;
  readonly lockouts: Lockouts;
  emit(event: SimulatorEvent): void;
}

export class TransactionStarts {
  readonly #host: StartHost;

  constructor(host: StartHost) {
    this.#host = host;
  }

  /** A new transaction for `request`, or throws {@link SimulatorError} having started nothing. */
  start(context: StartContext, request: StartTransactionBody): TransactionRecord {
    const { state } = context;
    const { lockouts } = this.#host;
    if (lockouts.lockOf(state)) throw new SimulatorError('locked_out', lockouts.lockedMessage(state));
    const rememberMe = request.rememberMe === true;
    switch (request.method) {
      case 'push':
      case 'phone':
      case 'sms':
        return this.#startOutOfBand(context, request.method, this.#deviceFor(state, request.method, request.deviceId), rememberMe);
      case 'passcode':
        return this.#startPasscode(context, request, rememberMe);
      case 'webauthn':
        return this.#startWebAuthn(context, this.#deviceFor(state, 'webauthn', request.deviceId), rememberMe);
      default:
        throw new SimulatorError('invalid_request', `Unknown method "${String(request.method)}".`);
    }
  }

  #now(): number {
    return this.#host.options.clock.now();
  }

  #deviceFor(state: UserState, method: DeviceMethod, deviceId: string | undefined): SimulatedDevice {
    if (typeof deviceId !== 'string' || deviceId === '') throw new SimulatorError('invalid_request', `deviceId is required for ${method}.`);
    const device = state.devices.find((d) => d.id === deviceId);
    if (!device) throw new SimulatorError('invalid_request', 'Unknown device.');
    this.#assertAllowed(state, method);
    if (!device.capabilities.includes(method)) {
      throw new SimulatorError('invalid_request', `${device.displayName} cannot ${method === 'webauthn' ? 'be used for a' : 'receive a'} ${METHOD_NOUNS[method]}.`);
    }
    return device;
  }

  #assertAllowed(state: UserState, method: MfaMethod): void {
    if (!state.policy.methods.includes(method)) {
      throw new SimulatorError('invalid_request', `Your administrator does not allow ${method === 'passcode' ? 'passcodes' : METHOD_NOUNS[method]} here.`);
    }
  }

  #startOutOfBand(context: StartContext, method: OutOfBandMethod, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    if (method === 'sms') this.#assertSmsCooldown(context.state);
    takeOrRefuse(this.#host.limiter, context.state.user.username, method, this.#now(), METHOD_NOUNS[method]);
    if (method === 'sms') return this.#sendSms(context, device);
    this.#endLiveRequests(context);
    return method === 'push' ? this.#push(context, device, rememberMe) : this.#call(context, device, rememberMe);
  }

  /**
   * **one live request per attempt**: a new push, call or key login ends the pending ones of the same
   * attempt as `canceled`, so the phone never shows two requests of one login and no old challenge stays open.
   */
  #endLiveRequests(context: StartContext): void {
    const { transactions } = this.#host;
    for (const tx of transactions.all()) {
      if (tx.attemptId === context.attempt.id && LIVE_METHODS.has(tx.method) && !tx.status.final) {
        transactions.setStatus(tx, { status: 'canceled', final: true, message: MESSAGES.canceled });
      }
    }
  }

  #push(context: StartContext, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const { options, transactions, outcomes } = this.#host;
    // **Verified Push**: a fresh code per push, shown on the login screen and typed on the phone.
    const code = context.state.policy.verifiedPush ? { verificationCode: randomDigits(options.random, VERIFICATION_CODE_DIGITS) } : {};
    const tx = this.#create(context, 'push', device, rememberMe, { status: 'pushed', final: false, message: MESSAGES.pushed, ...code });
    transactions.setTimeout(tx, options.pushTimeoutMs, MESSAGES.timeout);
    const step = context.state.script.push;
    if (step && step.action !== 'ignore') {
      transactions.schedule(tx, step.afterMs, () => {
        if (step.action === 'approve') outcomes.approve(tx); // the scripted user types the code the screen shows
        else if (step.action === 'deny') outcomes.deny(tx, MESSAGES.pushDenied);
        else outcomes.fraud(tx, MESSAGES.fraud);
      });
    }
    return tx;
  }

  #call(context: StartContext, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const { options, transactions, outcomes } = this.#host;
    const dialing = MESSAGES.calling(device.maskedNumber ?? device.displayName);
    const tx = this.#create(context, 'phone', device, rememberMe, { status: 'calling', final: false, message: dialing });
    transactions.setTimeout(tx, options.callTimeoutMs, MESSAGES.callNotAnswered);
    const step = context.state.script.call;
    if (step && step.action !== 'ignore') {
      transactions.schedule(tx, step.afterMs, () => {
        if (step.action === 'hang-up') return outcomes.deny(tx, MESSAGES.callEnded);
        outcomes.answer(tx);
        if (step.action === 'answer-and-press') transactions.schedule(tx, SCRIPTED_KEY_DELAY_MS, () => outcomes.approve(tx));
      });
    }
    return tx;
  }

  /** **SMS cooldown**: a batch within `smsCooldownMs` of the last one is refused, before it counts toward the window. */
  #assertSmsCooldown(state: UserState): void {
    const waitSeconds = smsCooldownSeconds(state, this.#now(), this.#host.options.smsCooldownMs);
    if (waitSeconds > 0) throw new SimulatorError('rate_limited', MESSAGES.smsCooldown(waitSeconds), { retryAfter: waitSeconds });
  }

  #sendSms(context: StartContext, device: SimulatedDevice): TransactionRecord {
    const { state } = context;
    const { random, transactionTtlMs } = this.#host.options;
    const message = deliverSmsBatch(state, device, { now: this.#now(), random, expiresAt: this.#now() + transactionTtlMs });
    this.#host.emit({ type: 'sms', username: state.user.username, message: structuredClone(message) });
    const sent: StatusUpdate = { status: 'sent', final: true, message: MESSAGES.smsSent, nextSmsDigit: smsDigitForPosition(0) };
    return this.#create(context, 'sms', device, false, sent);
  }

  /** **WebAuthn**: a `challenge` with fresh request options for this device's credential, for 2 minutes. */
  #startWebAuthn(context: StartContext, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const { webauthn } = this.#host;
    this.#endLiveRequests(context);
    const tx = this.#create(context, 'webauthn', device, rememberMe, webauthn.challengeFor(context.state, device));
    webauthn.begin(tx);
    return tx;
  }

  #startPasscode(context: StartContext, request: StartTransactionBody, rememberMe: boolean): TransactionRecord {
    const { state } = context;
    const { lockouts, outcomes } = this.#host;
    this.#assertAllowed(state, 'passcode');
    if (request.deviceId !== undefined && !state.devices.some((d) => d.id === request.deviceId)) {
      throw new SimulatorError('invalid_request', 'Unknown device.');
    }
    const passcode = typeof request.passcode === 'string' ? normalisePasscode(request.passcode) : '';
    if (passcode === '') throw new SimulatorError('invalid_request', 'Enter a passcode.');
    const keyword = parseKeyword(passcode);
    if (keyword) {
      const { method, deviceNumber } = keyword;
      this.#assertAllowed(state, method);
      const device = state.devices.filter((d) => d.capabilities.includes(method))[deviceNumber - 1];
      if (!device) throw new SimulatorError('invalid_request', `There is no device number ${deviceNumber} for ${METHOD_NOUNS[method]}.`);
      return this.#startOutOfBand(context, method, device, rememberMe);
    }
    // **failure cap**, growing delays: a code too soon after the last failures is refused unverified.
    const waitSeconds = state.failures.delaySeconds(this.#now());
    if (waitSeconds > 0) {
      throw new SimulatorError('rate_limited', MESSAGES.tooManyFailures(waitSeconds), { retryAfter: waitSeconds });
    }
    if (!state.passcodes.accept(passcode, this.#now())) {
      if (lockouts.recordFailure(state)) throw new SimulatorError('locked_out', lockouts.lockedMessage(state));
      throw new SimulatorError('invalid_passcode', MESSAGES.incorrectPasscode, { attemptsLeft: state.failures.attemptsLeft });
    }
    const { status, remember } = outcomes.succeed(state, rememberMe, 'passcode');
    return this.#create(context, 'passcode', undefined, rememberMe, status, remember);
  }

  #create(
    context: StartContext,
    method: MfaMethod,
    device: SimulatedDevice | undefined,
    rememberMe: boolean,
    status: StatusUpdate,
    remember?: TransactionRecord['remember'],
  ): TransactionRecord {
    const txid = randomId(this.#host.options.random, 'tx');
    const { attempt, state } = context;
    return this.#host.transactions.create({ txid, attemptId: attempt.id, username: state.user.username, method, device, status, rememberMe, remember });
  }
}
