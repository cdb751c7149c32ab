/**
 * The simulated MFA backend, without any transport: the HTTP handlers call the server-side operations
 * (`preauth`, `start`, `get`, `waitForChange`, `cancel`, `reportFraud`), and demos, stories and tests "play
 * the phone" through `phone(username)` in the same JavaScript realm. All time goes through the injected clock.
 */
import type { Device, MfaMethod, Policy, PreauthRequest, PreauthResult, StatusUpdate } from '../../src/adapter/types.js';
import type { StartTransactionBody } from '../../src/adapter/wire.js';
import { SimulatorError } from './errors.js';
import { MESSAGES, METHOD_NOUNS } from './messages.js';
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from './options.js';
import { newSmsBatch, normalisePasscode, parseKeyword, smsDigitForPosition, totpCode, UserPasscodes } from './passcodes.js';
import { randomId } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { TicketIssuer } from './tickets.js';
import { TransactionStore, type TransactionRecord } from './transactions.js';
import type { PhoneScript, SimulatedPhone, SimulatorEvent, SmsMessage, TransactionSnapshot } from './types.js';
import type { SimulatedDevice, SimulatedUser } from './users.js';

const SCRIPTED_KEY_DELAY_MS = 1000;
const ALL_METHODS: MfaMethod[] = ['push', 'phone', 'sms', 'passcode'];
type OutOfBandMethod = 'push' | 'phone' | 'sms';

interface UserState {
  user: SimulatedUser;
  policy: Policy;
  /** Consecutive failures since the last success. */
  failures: number;
  lockedUntil?: number;
  passcodes: UserPasscodes;
  inbox: SmsMessage[];
  script: PhoneScript;
}

export class MfaSimulator {
  readonly #options: ResolvedOptions;
  readonly #limiter: RateLimiter;
  readonly #transactions: TransactionStore;
  readonly #tickets: TicketIssuer;
  readonly #listeners = new Set<(event: SimulatorEvent) => void>();
  #users = new Map<string, UserState>();
  #attempts = new Map<string, { username: string; expiresAt: number }>();
  #rememberTokens = new Map<string, { username: string; expiresAt: number }>();

  constructor(options: SimulatorOptions = {}) {
    this.#options = resolveOptions(options);
    this.#limiter = new RateLimiter(this.#options.rateLimits);
    this.#tickets = new TicketIssuer(this.#options.clock, this.#options.random);
    this.#transactions = new TransactionStore(this.#options.clock, this.#options.transactionTtlMs, (tx) =>
      this.#emit({ type: 'transaction', username: tx.username, txid: tx.txid, method: tx.method, status: tx.status.status, version: tx.version }),
    );
    this.#initUsers();
  }

  /** The simulated users, for a picker. */
  get users(): { username: string; description: string }[] {
    return [...this.#users.values()].map(({ user }) => ({ username: user.username, description: user.description }));
  }

  /** How many long polls are waiting right now. */
  get waitingPolls(): number {
    return this.#transactions.waitingPolls;
  }

  // ---- Server-side operations (what the HTTP handlers call) ----

  /**
   * Duo's preauth: `auth` with a fresh attempt, or `allow`, `deny`, `enroll`. **first-factor ticket**: the
   * user is the subject of `request.ticket`, which {@link issueTicket} issued; without one it throws
   * `invalid_request`, and a bad, expired or foreign ticket, an unknown user or a `username` other than the
   * subject throws `expired` (one answer for all: nobody learns which users exist).
   */
  preauth(request: PreauthRequest, { rememberToken }: { rememberToken?: string } = {}): PreauthResult {
    this.#sweep();
    if (typeof request.ticket !== 'string' || request.ticket === '') {
      throw new SimulatorError('invalid_request', MESSAGES.ticketRequired);
    }
    const subject = this.#tickets.verify(request.ticket)?.sub;
    const state = subject === undefined ? undefined : this.#users.get(subject);
    if (!state || (request.username !== undefined && request.username !== subject)) {
      throw new SimulatorError('expired', MESSAGES.attemptExpired);
    }
    const username = state.user.username;
    const { user } = state;
    if (user.preauth?.result === 'allow') return this.#preauthAllow(user.preauth.message);
    if (user.preauth?.result === 'deny') return { result: 'deny', message: user.preauth.message };
    if (this.#isLocked(state)) return { result: 'deny', message: this.#lockedMessage(state) };
    const remembered = rememberToken === undefined ? undefined : this.#rememberTokens.get(rememberToken);
    if (remembered?.username === username) return this.#preauthAllow(MESSAGES.remembered);
    if (user.devices.length === 0) return { result: 'enroll', enrollUrl: this.#enrollUrl(user), message: MESSAGES.enroll };
    const attemptId = randomId(this.#options.random, 'att');
    this.#attempts.set(attemptId, { username, expiresAt: this.#now() + this.#options.attemptTtlMs });
    return {
      result: 'auth',
      attemptId,
      devices: user.devices.map((device) => this.#publicDevice(state, device)),
      policy: structuredClone(state.policy),
      enrollUrl: this.#enrollUrl(user),
    };
  }

  /** Starts a push, call or SMS batch, or verifies a passcode (or keyword). Throws {@link SimulatorError}. */
  start(request: StartTransactionBody): TransactionSnapshot {
    this.#sweep();
    if (typeof request.attemptId !== 'string' || request.attemptId === '') {
      throw new SimulatorError('invalid_request', 'attemptId is required.');
    }
    const attempt = this.#attempts.get(request.attemptId);
    if (!attempt) throw new SimulatorError('expired', MESSAGES.attemptExpired);
    const state = this.#state(attempt.username);
    if (this.#isLocked(state)) throw new SimulatorError('locked_out', this.#lockedMessage(state));
    const rememberMe = request.rememberMe === true;
    switch (request.method) {
      case 'push':
      case 'phone':
      case 'sms': {
        const device = this.#deviceFor(state, request.method, request.deviceId);
        return this.#snapshot(this.#startOutOfBand(state, request.method, device, rememberMe));
      }
      case 'passcode':
        return this.#snapshot(this.#startPasscode(state, request, rememberMe));
      default:
        throw new SimulatorError('invalid_request', `Unknown method "${String(request.method)}".`);
    }
  }

  /** The transaction now; throws `expired` for an unknown one or one past `transactionTtlMs`. */
  get(txid: string): TransactionSnapshot {
    return this.#snapshot(this.#transactions.get(txid));
  }

  /**
   * The long poll: resolves as soon as the version passes `afterVersion`, or with the unchanged snapshot
   * after `timeoutMs` (by the injected clock); rejects with `expired`, or with the signal's reason on abort.
   */
  async waitForChange(txid: string, afterVersion: number, timeoutMs: number, signal?: AbortSignal): Promise<TransactionSnapshot> {
    return this.#snapshot(await this.#transactions.waitForChange(txid, afterVersion, timeoutMs, signal));
  }

  /** A pending transaction ends as `canceled`; an ended one stays as it is. */
  cancel(txid: string): void {
    const tx = this.#transactions.get(txid);
    if (!tx.status.final) this.#transactions.setStatus(tx, { status: 'canceled', final: true, message: MESSAGES.canceled });
  }

  /** A pending push or call ends as `fraud`; an ended transaction stays as it is. */
  reportFraud(txid: string): void {
    const tx = this.#transactions.get(txid);
    if (!tx.status.final) this.#transactions.setStatus(tx, { status: 'fraud', final: true, message: MESSAGES.fraud });
  }

  // ---- Control API: the host's server ----

  /**
   * **first-factor ticket**: what the host's server issues once the user passed its first factor (the
   * password), and the page passes to the prompt (`ticket` attribute). Valid for `ttlMs` [10 minutes], for
   * any number of preauths. Any username may get one (the host knows nothing of MFA enrolment): preauth
   * refuses it for a user the simulator does not know.
   */
  issueTicket(username: string, { ttlMs }: { ttlMs?: number } = {}): string {
    return this.#tickets.issue(username, ttlMs);
  }

  // ---- Control API: the user's side ----

  /** The user's phone, token and codes. Throws for an unknown user; each action throws when nothing is pending. */
  phone(username: string): SimulatedPhone {
    this.#state(username);
    const push = () => this.#pending(username, 'push', 'There is no pending push');
    const call = () => this.#pending(username, 'phone', 'There is no call');
    return {
      pendingPush: () => {
        const tx = this.#findPending(username, 'push');
        if (!tx?.device) return undefined;
        const expiresAt = tx.createdAt + this.#options.pushTimeoutMs;
        return { txid: tx.txid, deviceId: tx.device.id, deviceName: tx.device.displayName, requestedAt: tx.createdAt, expiresAt };
      },
      approvePush: () => this.#approve(push()),
      denyPush: () => this.#deny(push(), MESSAGES.pushDenied),
      reportPush: () => this.#transactions.setStatus(push(), { status: 'fraud', final: true, message: MESSAGES.fraud }),
      activeCall: () => {
        const tx = this.#findPending(username, 'phone');
        if (!tx?.device) return undefined;
        const { device } = tx;
        return {
          txid: tx.txid,
          deviceId: device.id,
          deviceName: device.displayName,
          ...(device.maskedNumber ? { maskedNumber: device.maskedNumber } : {}),
          state: tx.status.status === 'answered' ? 'answered' : 'ringing',
          startedAt: tx.createdAt,
        };
      },
      answerCall: () => this.#answer(call()),
      pressKey: (key = '1') => {
        if (!/^[0-9*#]$/.test(key)) throw new Error(`"${key}" is not a phone key: use 0-9, * or #.`);
        const tx = call();
        if (tx.status.status !== 'answered') throw new Error('Answer the call before pressing a key.');
        // Duo's calls say "press 9 to deny and report fraud".
        if (key === '9') this.#transactions.setStatus(tx, { status: 'fraud', final: true, message: MESSAGES.callFraud });
        else this.#approve(tx);
      },
      hangUp: () => this.#deny(call(), MESSAGES.callEnded),
      smsInbox: () => structuredClone(this.#state(username).inbox),
      authenticatorCode: (deviceId) => {
        const device = this.#ownDevice(username, deviceId, (d) => d.authenticatorSecret !== undefined, 'authenticator app');
        return totpCode(device.authenticatorSecret as string, this.#now());
      },
      tokenCode: (deviceId) => {
        const device = this.#ownDevice(username, deviceId, (d) => d.hotp !== undefined, 'hardware token');
        return this.#state(username).passcodes.tokenCode(device);
      },
      bypassCodes: () => this.#state(username).passcodes.remainingBypassCodes(),
    };
  }

  /** From now on the user's phone answers pushes and calls by itself; replaces any earlier script. */
  script(username: string, script: PhoneScript): void {
    const state = this.#state(username);
    const check = (what: string, step: { action: string; afterMs: number } | undefined, actions: readonly string[]) => {
      if (!step) return;
      if (!actions.includes(step.action)) throw new TypeError(`script ${what}.action must be one of ${actions.join(', ')}`);
      if (!Number.isFinite(step.afterMs) || step.afterMs < 0) throw new RangeError(`script ${what}.afterMs must be >= 0`);
    };
    check('push', script.push, ['approve', 'deny', 'fraud', 'ignore']);
    check('call', script.call, ['answer-and-press', 'answer', 'hang-up', 'ignore']);
    state.script = structuredClone(script);
  }

  clearScript(username: string): void {
    this.#state(username).script = {};
  }

  /** Called on every change (status, SMS delivered, push arrived, lock); returns the unsubscribe function. */
  subscribe(listener: (event: SimulatorEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Back to the initial state: no attempts, transactions, SMS, scripts, lock-outs or remembered devices. */
  reset(): void {
    this.#attempts = new Map();
    this.#rememberTokens = new Map();
    this.#limiter.reset();
    this.#initUsers();
    this.#transactions.clear();
    this.#emit({ type: 'reset' });
  }

  unlock(username: string): void {
    const state = this.#state(username);
    const wasLocked = state.lockedUntil !== undefined;
    state.failures = 0;
    delete state.lockedUntil;
    if (wasLocked) this.#emit({ type: 'lock', username, locked: false });
  }

  // ---- Starting methods ----

  #deviceFor(state: UserState, method: OutOfBandMethod, deviceId: string | undefined): SimulatedDevice {
    if (typeof deviceId !== 'string' || deviceId === '') throw new SimulatorError('invalid_request', `deviceId is required for ${method}.`);
    const device = state.user.devices.find((d) => d.id === deviceId);
    if (!device) throw new SimulatorError('invalid_request', 'Unknown device.');
    this.#assertAllowed(state, method);
    if (!device.capabilities.includes(method)) {
      throw new SimulatorError('invalid_request', `${device.displayName} cannot receive a ${METHOD_NOUNS[method]}.`);
    }
    return device;
  }

  #assertAllowed(state: UserState, method: MfaMethod): void {
    if (!state.policy.methods.includes(method)) {
      throw new SimulatorError('invalid_request', `Your administrator does not allow ${method === 'passcode' ? 'passcodes' : METHOD_NOUNS[method]} here.`);
    }
  }

  #startOutOfBand(state: UserState, method: OutOfBandMethod, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const waitSeconds = this.#limiter.take(state.user.username, method, this.#now());
    if (waitSeconds !== undefined) {
      throw new SimulatorError('rate_limited', MESSAGES.rateLimited(METHOD_NOUNS[method], waitSeconds), { retryAfter: waitSeconds });
    }
    if (method === 'sms') return this.#sendSms(state, device);
    return method === 'push' ? this.#push(state, device, rememberMe) : this.#call(state, device, rememberMe);
  }

  #push(state: UserState, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const tx = this.#create(state, 'push', device, rememberMe, { status: 'pushed', final: false, message: MESSAGES.pushed });
    this.#transactions.setTimeout(tx, this.#options.pushTimeoutMs, MESSAGES.timeout);
    const step = state.script.push;
    if (step && step.action !== 'ignore') {
      this.#transactions.schedule(tx, step.afterMs, () => {
        if (step.action === 'approve') this.#approve(tx);
        else if (step.action === 'deny') this.#deny(tx, MESSAGES.pushDenied);
        else this.#transactions.setStatus(tx, { status: 'fraud', final: true, message: MESSAGES.fraud });
      });
    }
    return tx;
  }

  #call(state: UserState, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const dialing = MESSAGES.calling(device.maskedNumber ?? device.displayName);
    const tx = this.#create(state, 'phone', device, rememberMe, { status: 'calling', final: false, message: dialing });
    this.#transactions.setTimeout(tx, this.#options.callTimeoutMs, MESSAGES.callNotAnswered);
    const step = state.script.call;
    if (step && step.action !== 'ignore') {
      this.#transactions.schedule(tx, step.afterMs, () => {
        if (step.action === 'hang-up') return this.#deny(tx, MESSAGES.callEnded);
        this.#answer(tx);
        if (step.action === 'answer-and-press') this.#transactions.schedule(tx, SCRIPTED_KEY_DELAY_MS, () => this.#approve(tx));
      });
    }
    return tx;
  }

  #sendSms(state: UserState, device: SimulatedDevice): TransactionRecord {
    const now = this.#now();
    const codes = newSmsBatch(this.#options.random, state.policy.smsBatchSize);
    // The codes expire with the transaction that sent them (NIST: out-of-band codes within 10 minutes).
    state.passcodes.replaceSmsBatch(device.id, codes, now + this.#options.transactionTtlMs);
    const message: SmsMessage = {
      id: randomId(this.#options.random, 'sms', 12),
      time: now,
      deviceId: device.id,
      deviceName: device.displayName,
      text: `SMS passcodes: ${codes.join(' ')}`,
      codes,
    };
    state.inbox.push(message);
    this.#emit({ type: 'sms', username: state.user.username, message: structuredClone(message) });
    const sent: StatusUpdate = { status: 'sent', final: true, message: MESSAGES.smsSent, nextSmsDigit: smsDigitForPosition(0) };
    return this.#create(state, 'sms', device, false, sent);
  }

  #startPasscode(state: UserState, request: StartTransactionBody, rememberMe: boolean): TransactionRecord {
    this.#assertAllowed(state, 'passcode');
    if (request.deviceId !== undefined && !state.user.devices.some((d) => d.id === request.deviceId)) {
      throw new SimulatorError('invalid_request', 'Unknown device.');
    }
    const passcode = typeof request.passcode === 'string' ? normalisePasscode(request.passcode) : '';
    if (passcode === '') throw new SimulatorError('invalid_request', 'Enter a passcode.');
    const keyword = parseKeyword(passcode);
    if (keyword) {
      const { method, deviceNumber } = keyword;
      this.#assertAllowed(state, method);
      const device = state.user.devices.filter((d) => d.capabilities.includes(method))[deviceNumber - 1];
      if (!device) throw new SimulatorError('invalid_request', `There is no device number ${deviceNumber} for ${METHOD_NOUNS[method]}.`);
      return this.#startOutOfBand(state, method, device, rememberMe);
    }
    if (!state.passcodes.accept(passcode, this.#now())) {
      if (this.#recordFailure(state)) throw new SimulatorError('locked_out', this.#lockedMessage(state));
      throw new SimulatorError('invalid_passcode', MESSAGES.incorrectPasscode, { attemptsLeft: this.#options.lockoutThreshold - state.failures });
    }
    const { status, remember } = this.#succeed(state, rememberMe);
    return this.#create(state, 'passcode', undefined, rememberMe, status, remember);
  }

  // ---- Outcomes ----

  #create(
    state: UserState,
    method: MfaMethod,
    device: SimulatedDevice | undefined,
    rememberMe: boolean,
    status: StatusUpdate,
    remember?: TransactionRecord['remember'],
  ): TransactionRecord {
    const txid = randomId(this.#options.random, 'tx');
    return this.#transactions.create({ txid, username: state.user.username, method, device, status, rememberMe, remember });
  }

  #approve(tx: TransactionRecord): void {
    const { status, remember } = this.#succeed(this.#state(tx.username), tx.rememberMe);
    if (remember) tx.remember = remember;
    this.#transactions.setStatus(tx, status);
  }

  /** Success: a fresh login token, the failure count back to zero, and a remember token if asked and allowed. */
  #succeed(state: UserState, rememberMe: boolean): { status: StatusUpdate; remember?: { token: string; expiresAt: number } } {
    state.failures = 0;
    const token = randomId(this.#options.random, 'login', 32);
    const policy = state.policy.rememberMe;
    if (!rememberMe || !policy.allowed || policy.durationSeconds <= 0) {
      return { status: { status: 'allow', final: true, message: MESSAGES.success, token, remembered: false } };
    }
    const remember = { token: randomId(this.#options.random, 'rem', 32), expiresAt: this.#now() + policy.durationSeconds * 1000 };
    this.#rememberTokens.set(remember.token, { username: state.user.username, expiresAt: remember.expiresAt });
    return { status: { status: 'allow', final: true, message: MESSAGES.success, token, remembered: true }, remember };
  }

  /** A refusal on the phone counts toward lock-out; the one that locks the account ends as `locked_out`. */
  #deny(tx: TransactionRecord, message: string): void {
    if (this.#recordFailure(this.#state(tx.username))) return; // locking ended every pending transaction, this one too
    this.#transactions.setStatus(tx, { status: 'deny', final: true, message });
  }

  #answer(tx: TransactionRecord): void {
    if (tx.status.status === 'answered') throw new Error('The call is already answered.');
    this.#transactions.setStatus(tx, { status: 'answered', final: false, message: MESSAGES.answered });
    this.#transactions.setTimeout(tx, this.#options.keypressTimeoutMs, MESSAGES.noKeyPressed);
  }

  /** Counts a failure; returns true when it locked the account (and ended the user's pending transactions). */
  #recordFailure(state: UserState): boolean {
    state.failures += 1;
    if (state.failures < this.#options.lockoutThreshold) return false;
    state.lockedUntil = this.#now() + this.#options.lockoutMs;
    const message = this.#lockedMessage(state);
    for (const tx of this.#transactions.all()) {
      if (tx.username === state.user.username && !tx.status.final) {
        this.#transactions.setStatus(tx, { status: 'locked_out', final: true, message });
      }
    }
    this.#emit({ type: 'lock', username: state.user.username, locked: true });
    return true;
  }

  #isLocked(state: UserState): boolean {
    if (state.lockedUntil === undefined) return false;
    if (state.lockedUntil > this.#now()) return true;
    // The lock-out ran out: failures count afresh.
    this.unlock(state.user.username);
    return false;
  }

  #lockedMessage(state: UserState): string {
    const msLeft = (state.lockedUntil ?? this.#now()) - this.#now();
    return MESSAGES.locked(Math.max(1, Math.ceil(msLeft / 60_000)));
  }

  // ---- Look-ups and state ----

  #initUsers(): void {
    this.#users = new Map();
    for (const user of this.#options.users) {
      const policy: Policy = {
        methods: [...(user.policy?.methods ?? ALL_METHODS)],
        rememberMe: {
          allowed: user.policy?.rememberMe?.allowed ?? true,
          durationSeconds: user.policy?.rememberMe?.durationSeconds ?? this.#options.rememberSeconds,
        },
        smsBatchSize: user.policy?.smsBatchSize ?? this.#options.smsBatchSize,
      };
      const passcodes = new UserPasscodes(user, this.#options.hotpLookAhead);
      this.#users.set(user.username, { user, policy, failures: 0, passcodes, inbox: [], script: {} });
    }
  }

  #now(): number {
    return this.#options.clock.now();
  }

  #state(username: string): UserState {
    const state = this.#users.get(username);
    if (!state) throw new Error(`No simulated user "${username}".`);
    return state;
  }

  /** The newest pending transaction of that method: what the phone's screen shows on top. */
  #findPending(username: string, method: MfaMethod): TransactionRecord | undefined {
    return this.#transactions
      .all()
      .filter((tx) => tx.username === username && tx.method === method && !tx.status.final)
      .at(-1);
  }

  #pending(username: string, method: MfaMethod, nothingPending: string): TransactionRecord {
    const tx = this.#findPending(username, method);
    if (!tx) throw new Error(`${nothingPending} for "${username}".`);
    return tx;
  }

  #ownDevice(username: string, deviceId: string | undefined, fits: (device: SimulatedDevice) => boolean, what: string): SimulatedDevice {
    const device = this.#state(username).user.devices.find((d) => (deviceId === undefined || d.id === deviceId) && fits(d));
    if (!device) throw new Error(`"${username}" has no ${what}${deviceId === undefined ? '' : ` with id "${deviceId}"`}.`);
    return device;
  }

  #publicDevice(state: UserState, device: SimulatedDevice): Device {
    const nextSmsDigit = state.passcodes.nextSmsDigit(device.id, this.#now());
    return {
      id: device.id,
      displayName: device.displayName,
      type: device.type,
      ...(device.maskedNumber ? { maskedNumber: device.maskedNumber } : {}),
      capabilities: [...device.capabilities],
      ...(nextSmsDigit === undefined ? {} : { nextSmsDigit }),
    };
  }

  #enrollUrl(user: SimulatedUser): string {
    return user.enrollUrl ?? `https://mfa.example/enroll?user=${encodeURIComponent(user.username)}`;
  }

  #preauthAllow(message: string): PreauthResult {
    return { result: 'allow', token: randomId(this.#options.random, 'login', 32), message };
  }

  #snapshot(tx: TransactionRecord): TransactionSnapshot {
    const snapshot: TransactionSnapshot = { body: { txid: tx.txid, method: tx.method, version: tx.version, status: { ...tx.status } } };
    const secondsLeft = tx.remember ? Math.floor((tx.remember.expiresAt - this.#now()) / 1000) : 0;
    if (tx.remember && secondsLeft > 0) {
      snapshot.rememberToken = tx.remember.token;
      snapshot.rememberMaxAgeSeconds = secondsLeft;
    }
    return snapshot;
  }

  /** Forgets expired attempts, remember tokens and transactions. */
  #sweep(): void {
    const now = this.#now();
    for (const [id, attempt] of this.#attempts) if (attempt.expiresAt <= now) this.#attempts.delete(id);
    for (const [token, remembered] of this.#rememberTokens) if (remembered.expiresAt <= now) this.#rememberTokens.delete(token);
    this.#transactions.sweep();
  }

  #emit(event: SimulatorEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener (a demo UI) must not leave the simulator half-way through a change: report it apart.
        const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
        if (reportError) reportError(error);
        else console.error('MfaSimulator: a subscriber threw', error);
      }
    }
  }
}
