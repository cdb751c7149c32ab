/**
 * The simulated MFA backend, without any transport: the HTTP handlers call the server-side operations
 * (`preauth`, `start`, `get`, `waitForChange`, `cancel`, `completeWebAuthn`), and demos, stories and tests play
 * the host's server (`issueTicket`, `redeemLoginToken`) and the user's phone (`phone(username)`) in the same
 * JavaScript realm. All time goes through the injected clock. The security rules live beside it, one module
 * each (`tickets.ts`, `attempts.ts`, `idempotency.ts`, `failures.ts`, `login-tokens.ts`, `rate-limit.ts`);
 * this class coordinates them.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Device, MfaMethod, PreauthAllowReason, PreauthRequest, PreauthResult, StatusUpdate, WebAuthnAssertion } from '../../src/adapter/types.js';
import type { StartTransactionBody } from '../../src/adapter/wire.js';
import { AttemptStore, type Attempt } from './attempts.js';
import { SimulatorError } from './errors.js';
import { assertIdempotencyKey, type StartOutcome } from './idempotency.js';
import { LoginTokens, type LoginMethod, type RedeemedLogin } from './login-tokens.js';
import { MESSAGES, METHOD_NOUNS, PREAUTH_NOUN } from './messages.js';
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from './options.js';
import { normalisePasscode, parseKeyword, smsDigitForPosition, totpCode } from './passcodes.js';
import { assertScript, simulatedPhone } from './phone.js';
import { randomDigits, randomId } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { deliverSmsBatch, secondsUntil, smsCooldownSeconds } from './sms.js';
import { TicketIssuer } from './tickets.js';
import { TransactionStore, type TransactionRecord } from './transactions.js';
import type { PhoneScript, SimulatedPhone, SimulatorEvent, TransactionSnapshot } from './types.js';
import { createUserState, publicDevice, type UserState } from './user-state.js';
import type { SimulatedDevice, SimulatedUser } from './users.js';
import { WebAuthnLogins, type KeyType } from './webauthn-logins.js';

const SCRIPTED_KEY_DELAY_MS = 1000;
/** Duo's Verified Push shows 3 digits; the contract allows 3 to 6. */
const VERIFICATION_CODE_DIGITS = 3;
type OutOfBandMethod = 'push' | 'phone' | 'sms';
/** Methods started on a chosen device. */
type DeviceMethod = OutOfBandMethod | 'webauthn';

/** The methods whose transactions wait for the user elsewhere (the phone, the key): one live per attempt. */
const LIVE_METHODS: ReadonlySet<MfaMethod> = new Set(['push', 'phone', 'webauthn']);

/** Who a start is for: the user, and the attempt every transaction it creates belongs to. */
interface StartContext {
  state: UserState;
  attempt: Attempt;
}

export class MfaSimulator {
  readonly #options: ResolvedOptions;
  readonly #limiter: RateLimiter;
  readonly #transactions: TransactionStore;
  readonly #tickets: TicketIssuer;
  readonly #attempts: AttemptStore;
  readonly #loginTokens: LoginTokens;
  readonly #webauthn: WebAuthnLogins;
  readonly #listeners = new Set<(event: SimulatorEvent) => void>();
  #users = new Map<string, UserState>();
  #rememberTokens = new Map<string, { username: string; expiresAt: number }>();

  constructor(options: SimulatorOptions = {}) {
    this.#options = resolveOptions(options);
    const { clock, random } = this.#options;
    this.#limiter = new RateLimiter(this.#options.rateLimits);
    this.#tickets = new TicketIssuer(clock, random);
    this.#attempts = new AttemptStore(clock, random, this.#options.attemptTtlMs);
    this.#loginTokens = new LoginTokens(clock, random);
    this.#webauthn = new WebAuthnLogins(this.#options.webauthn, clock, {
      random,
      state: (username) => this.#state(username),
      approve: (tx) => this.#approve(tx),
      deny: (tx, message) => this.#deny(tx, message),
      setTimeout: (tx, ms, message) => this.#transactions.setTimeout(tx, ms, message),
    });
    this.#transactions = new TransactionStore(clock, this.#options.transactionTtlMs, (tx) =>
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
   * subject throws `expired` (one answer for all: nobody learns which users exist). **preauth rate limit**:
   * past `rateLimits.preauth` [10 a minute] per subject it throws `rate_limited`.
   */
  preauth(request: PreauthRequest, { rememberToken }: { rememberToken?: string } = {}): PreauthResult {
    this.#sweep();
    if (typeof request.ticket !== 'string' || request.ticket === '') {
      // The handler answers HTTP clients with MESSAGES.ticketRequired; callers in this realm (stories,
      // scripts written before tickets) read this one, which says what to do.
      throw new SimulatorError('invalid_request', `${MESSAGES.ticketRequired} ${MESSAGES.ticketHowTo}`);
    }
    const subject = this.#tickets.verify(request.ticket)?.sub;
    const state = subject === undefined ? undefined : this.#users.get(subject);
    if (!state || (request.username !== undefined && request.username !== subject)) {
      throw new SimulatorError('expired', MESSAGES.attemptExpired);
    }
    const { user } = state;
    this.#takeRateLimit(user.username, 'preauth', PREAUTH_NOUN);
    if (user.preauth?.result === 'deny') return { result: 'deny', message: user.preauth.message };
    // **failure cap**: a lock is the user's, so it denies before any allow (a remembered device, a user exempt).
    if (this.#lockOf(state)) return { result: 'deny', message: this.#lockedMessage(state) };
    if (user.preauth?.result === 'allow') {
      return this.#preauthAllow(user.username, user.preauth.reason ?? 'not-required', user.preauth.message);
    }
    const remembered = rememberToken === undefined ? undefined : this.#rememberTokens.get(rememberToken);
    if (remembered?.username === user.username) return this.#preauthAllow(user.username, 'remembered-device', MESSAGES.remembered);
    if (state.devices.length === 0) return { result: 'enroll', enrollUrl: this.#enrollUrl(user), message: MESSAGES.enroll };
    return {
      result: 'auth',
      attemptId: this.#attempts.create(user.username).id,
      devices: state.devices.map((device) => publicDevice(state, device, this.#now())),
      policy: structuredClone(state.policy),
      enrollUrl: this.#enrollUrl(user),
    };
  }

  /**
   * Starts a push, call or SMS batch, or verifies a passcode (or keyword). Throws {@link SimulatorError}.
   * **idempotent starts**: with an `idempotencyKey`, a repeated start in the same attempt gets the first
   * one's answer (the transaction as it is now, or the same error) and does nothing again.
   */
  start(request: StartTransactionBody, { idempotencyKey }: { idempotencyKey?: string } = {}): TransactionSnapshot {
    this.#sweep();
    if (typeof request.attemptId !== 'string' || request.attemptId === '') {
      throw new SimulatorError('invalid_request', 'attemptId is required.');
    }
    if (idempotencyKey !== undefined) assertIdempotencyKey(idempotencyKey);
    const attempt = this.#attempts.get(request.attemptId);
    const context = { state: this.#state(attempt.username), attempt };
    if (idempotencyKey === undefined) return this.#read(this.#startNew(context, request));
    const earlier = attempt.starts.earlier(idempotencyKey, request);
    if (earlier) return this.#replay(earlier);
    let outcome: StartOutcome;
    try {
      const tx = this.#startNew(context, request);
      outcome = { txid: tx.txid };
    } catch (error) {
      // A rate-limit refusal did nothing and is about time: a repeat is how a client waits it out.
      if (error instanceof SimulatorError && error.code !== 'rate_limited') attempt.starts.remember(idempotencyKey, request, { error });
      throw error;
    }
    attempt.starts.remember(idempotencyKey, request, outcome);
    return this.#replay(outcome);
  }

  /** The transaction now, for the attempt that started it (**attempt binding**); else throws `expired`. */
  get(txid: string, attemptId: string): TransactionSnapshot {
    return this.#read(this.#bound(txid, attemptId));
  }

  /**
   * The long poll: resolves as soon as the version passes `afterVersion`, or with the unchanged snapshot
   * after `timeoutMs` (by the injected clock); rejects with `expired` (also for another attempt's
   * transaction), or with the signal's reason on abort.
   */
  async waitForChange(
    txid: string,
    attemptId: string,
    afterVersion: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<TransactionSnapshot> {
    this.#assertReadable(this.#bound(txid, attemptId));
    const tx = await this.#transactions.waitForChange(txid, afterVersion, timeoutMs, signal);
    return this.#read(tx);
  }

  /** A pending transaction of that attempt ends as `canceled`; an ended one stays as it is. */
  cancel(txid: string, attemptId: string): void {
    const tx = this.#bound(txid, attemptId);
    if (!tx.status.final) this.#transactions.setStatus(tx, { status: 'canceled', final: true, message: MESSAGES.canceled });
  }

  /**
   * **WebAuthn**: the browser's assertion for the `challenge` of a transaction of that attempt. Checks
   * signature, challenge, origin, RP ID and sign counter (`@simplewebauthn/server`); resolves with the
   * final status: `allow` with a login token, or `deny` (one failure toward lock-out) saying why. The
   * challenge is single use: the first assertion decides, and one sent again (or any other) for a
   * transaction already final gets that final status, unchecked. Rejects `expired` for another attempt's
   * or an unknown transaction, `invalid_request` for one that is not a WebAuthn login.
   */
  async completeWebAuthn(txid: string, attemptId: string, assertion: WebAuthnAssertion): Promise<TransactionSnapshot> {
    const tx = this.#bound(txid, attemptId);
    await this.#webauthn.complete(tx, assertion);
    return this.#read(tx);
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

  /**
   * **token once**: what the host's server does with the prompt's login token: whose login it proves and
   * how. Works once, within 2 minutes of the `allow`; then throws `expired`. The host must check that the
   * user is the one it issued the ticket for.
   */
  redeemLoginToken(token: string): RedeemedLogin {
    return this.#loginTokens.redeem(token);
  }

  // ---- Control API: the user's side, and the administrator's ----

  /** The user's phone, token and codes. Throws for an unknown user; each action throws when nothing is pending. */
  phone(username: string): SimulatedPhone {
    const state = this.#state(username);
    return simulatedPhone({
      username,
      pushTimeoutMs: this.#options.pushTimeoutMs,
      pending: (method) => this.#findPending(username, method),
      approve: (tx) => this.#approve(tx),
      deny: (tx, message) => this.#deny(tx, message),
      fraud: (tx, message) => this.#transactions.setStatus(tx, { status: 'fraud', final: true, message }),
      answer: (tx) => this.#answer(tx),
      inbox: () => structuredClone(state.inbox),
      authenticatorCode: (deviceId) => {
        const device = this.#ownDevice(username, deviceId, (d) => d.authenticatorSecret !== undefined, 'authenticator app');
        return totpCode(device.authenticatorSecret as string, this.#now());
      },
      tokenCode: (deviceId) => state.passcodes.tokenCode(this.#ownDevice(username, deviceId, (d) => d.hotp !== undefined, 'hardware token')),
      bypassCodes: () => state.passcodes.remainingBypassCodes(),
    });
  }

  /** From now on the user's phone answers pushes and calls by itself; replaces any earlier script. */
  script(username: string, script: PhoneScript): void {
    const state = this.#state(username);
    assertScript(script);
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

  /**
   * An operator's view of a transaction's status, for tests and demos: no attempt binding, and it delivers
   * no token. Undefined for an unknown or expired transaction.
   */
  statusOf(txid: string): StatusUpdate['status'] | undefined {
    return this.#transactions.all().find((tx) => tx.txid === txid)?.status.status;
  }

  /** Back to the initial state: no attempts, tickets' uses, transactions, tokens, SMS, scripts, lock-outs or remembered devices. */
  reset(): void {
    this.#attempts.clear();
    this.#loginTokens.clear();
    this.#rememberTokens = new Map();
    this.#limiter.reset();
    this.#webauthn.clear();
    this.#initUsers();
    this.#transactions.clear();
    this.#emit({ type: 'reset' });
  }

  /** An administrator's unlock: no lock, and the failure count back to zero (**failure cap**). */
  unlock(username: string): void {
    if (this.#state(username).failures.reset()) this.#emit({ type: 'lock', username, locked: false });
  }

  /**
   * Locks the user now, as `lockoutThreshold` failures would (for `lockoutMs`), or as `maxFailures` would
   * (`permanent`: until {@link unlock}). For demos and stories, which cannot type wrong codes fast enough
   * past the growing delays.
   */
  lockOut(username: string, { permanent = false }: { permanent?: boolean } = {}): void {
    const state = this.#state(username);
    state.failures.lockNow(this.#now(), permanent);
    this.#locked(state);
  }

  /**
   * **WebAuthn** registration, step 1: creation options (JSON) for `navigator.credentials.create()`
   * (convert with `PublicKeyCredential.parseCreationOptionsFromJSON`). Valid 5 minutes, for one
   * registration; a newer call replaces it. Throws for an unknown user.
   */
  webAuthnRegistrationOptions(username: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return this.#webauthn.registrationOptions(username);
  }

  /**
   * **WebAuthn** registration, step 2: verifies the browser's answer (`credential.toJSON()`) and adds a
   * device with capability `webauthn`, listed by preauth from now on. `type` defaults to `passkey` for a
   * synced or platform credential, else `security-key`. Rejects `invalid_request` for a refused or
   * duplicate registration, `expired` without open options. {@link reset} forgets registered devices.
   */
  registerWebAuthnCredential(username: string, response: RegistrationResponseJSON, options: { displayName?: string; type?: KeyType } = {}): Promise<Device> {
    return this.#webauthn.register(username, response, options);
  }

  // ---- Starting methods ----

  #startNew(context: StartContext, request: StartTransactionBody): TransactionRecord {
    const { state } = context;
    if (this.#lockOf(state)) throw new SimulatorError('locked_out', this.#lockedMessage(state));
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

  #takeRateLimit(username: string, action: OutOfBandMethod | 'preauth', noun: string): void {
    const waitSeconds = this.#limiter.take(username, action, this.#now());
    if (waitSeconds !== undefined) throw new SimulatorError('rate_limited', MESSAGES.rateLimited(noun, waitSeconds), { retryAfter: waitSeconds });
  }

  #startOutOfBand(context: StartContext, method: OutOfBandMethod, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    if (method === 'sms') this.#assertSmsCooldown(context.state);
    this.#takeRateLimit(context.state.user.username, method, METHOD_NOUNS[method]);
    if (method === 'sms') return this.#sendSms(context, device);
    this.#endLiveRequests(context);
    return method === 'push' ? this.#push(context, device, rememberMe) : this.#call(context, device, rememberMe);
  }

  /**
   * **one live request per attempt**: a new push, call or key login ends the pending ones of the same
   * attempt as `canceled`, so the phone never shows two requests of one login and no old challenge stays open.
   */
  #endLiveRequests(context: StartContext): void {
    for (const tx of this.#transactions.all()) {
      if (tx.attemptId === context.attempt.id && LIVE_METHODS.has(tx.method) && !tx.status.final) {
        this.#transactions.setStatus(tx, { status: 'canceled', final: true, message: MESSAGES.canceled });
      }
    }
  }

  #push(context: StartContext, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    // **Verified Push**: a fresh code per push, shown on the login screen and typed on the phone.
    const code = context.state.policy.verifiedPush ? { verificationCode: randomDigits(this.#options.random, VERIFICATION_CODE_DIGITS) } : {};
    const tx = this.#create(context, 'push', device, rememberMe, { status: 'pushed', final: false, message: MESSAGES.pushed, ...code });
    this.#transactions.setTimeout(tx, this.#options.pushTimeoutMs, MESSAGES.timeout);
    const step = context.state.script.push;
    if (step && step.action !== 'ignore') {
      this.#transactions.schedule(tx, step.afterMs, () => {
        if (step.action === 'approve') this.#approve(tx); // the scripted user types the code the screen shows
        else if (step.action === 'deny') this.#deny(tx, MESSAGES.pushDenied);
        else this.#transactions.setStatus(tx, { status: 'fraud', final: true, message: MESSAGES.fraud });
      });
    }
    return tx;
  }

  #call(context: StartContext, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    const dialing = MESSAGES.calling(device.maskedNumber ?? device.displayName);
    const tx = this.#create(context, 'phone', device, rememberMe, { status: 'calling', final: false, message: dialing });
    this.#transactions.setTimeout(tx, this.#options.callTimeoutMs, MESSAGES.callNotAnswered);
    const step = context.state.script.call;
    if (step && step.action !== 'ignore') {
      this.#transactions.schedule(tx, step.afterMs, () => {
        if (step.action === 'hang-up') return this.#deny(tx, MESSAGES.callEnded);
        this.#answer(tx);
        if (step.action === 'answer-and-press') this.#transactions.schedule(tx, SCRIPTED_KEY_DELAY_MS, () => this.#approve(tx));
      });
    }
    return tx;
  }

  /** **SMS cooldown**: a batch within `smsCooldownMs` of the last one is refused, before it counts toward the window. */
  #assertSmsCooldown(state: UserState): void {
    const waitSeconds = smsCooldownSeconds(state, this.#now(), this.#options.smsCooldownMs);
    if (waitSeconds > 0) throw new SimulatorError('rate_limited', MESSAGES.smsCooldown(waitSeconds), { retryAfter: waitSeconds });
  }

  #sendSms(context: StartContext, device: SimulatedDevice): TransactionRecord {
    const { state } = context;
    const { random, transactionTtlMs } = this.#options;
    const message = deliverSmsBatch(state, device, { now: this.#now(), random, expiresAt: this.#now() + transactionTtlMs });
    this.#emit({ type: 'sms', username: state.user.username, message: structuredClone(message) });
    const sent: StatusUpdate = { status: 'sent', final: true, message: MESSAGES.smsSent, nextSmsDigit: smsDigitForPosition(0) };
    return this.#create(context, 'sms', device, false, sent);
  }

  /** **WebAuthn**: a `challenge` with fresh request options for this device's credential, for 2 minutes. */
  #startWebAuthn(context: StartContext, device: SimulatedDevice, rememberMe: boolean): TransactionRecord {
    this.#endLiveRequests(context);
    const tx = this.#create(context, 'webauthn', device, rememberMe, this.#webauthn.challengeFor(context.state, device));
    this.#webauthn.begin(tx);
    return tx;
  }

  #startPasscode(context: StartContext, request: StartTransactionBody, rememberMe: boolean): TransactionRecord {
    const { state } = context;
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
      if (this.#recordFailure(state)) throw new SimulatorError('locked_out', this.#lockedMessage(state));
      throw new SimulatorError('invalid_passcode', MESSAGES.incorrectPasscode, { attemptsLeft: state.failures.attemptsLeft });
    }
    const { status, remember } = this.#succeed(state, rememberMe, 'passcode');
    return this.#create(context, 'passcode', undefined, rememberMe, status, remember);
  }

  // ---- Reading transactions ----

  /** **attempt binding**: the transaction, if `attemptId` started it; otherwise the answer of an unknown one. */
  #bound(txid: string, attemptId: string): TransactionRecord {
    const tx = this.#transactions.get(txid);
    if (typeof attemptId !== 'string' || tx.attemptId !== attemptId) throw new SimulatorError('expired', MESSAGES.transactionExpired);
    return tx;
  }

  /** **token once**: a transaction whose token was delivered reads as gone. */
  /**
   * **token once**: an `allow` is answered (to its own attempt) until the host redeemed its token or the
   * token expired; then the transaction is gone. An answer can be lost (a poll the client abandoned but whose
   * abort never reached the server, a cut connection, an in-doubt start retried with the same key), so
   * marking the token spent when it is sent would lose the login; the token is spent when redeemed.
   */
  #assertReadable(tx: TransactionRecord): void {
    if (tx.status.status === 'allow' && !this.#loginTokens.isLive(tx.status.token)) {
      throw new SimulatorError('expired', MESSAGES.transactionExpired);
    }
  }

  /** The answer about `tx`, while it may still be read. */
  #read(tx: TransactionRecord): TransactionSnapshot {
    this.#assertReadable(tx);
    return this.#snapshot(tx);
  }

  /** **idempotent starts**: the first answer again (the transaction as it is now), or the same error. */
  #replay(outcome: StartOutcome): TransactionSnapshot {
    if ('error' in outcome) throw outcome.error;
    return this.#read(this.#transactions.get(outcome.txid));
  }

  // ---- Outcomes ----

  #create(
    context: StartContext,
    method: MfaMethod,
    device: SimulatedDevice | undefined,
    rememberMe: boolean,
    status: StatusUpdate,
    remember?: TransactionRecord['remember'],
  ): TransactionRecord {
    const txid = randomId(this.#options.random, 'tx');
    const { attempt, state } = context;
    return this.#transactions.create({ txid, attemptId: attempt.id, username: state.user.username, method, device, status, rememberMe, remember });
  }

  #approve(tx: TransactionRecord): void {
    const { status, remember } = this.#succeed(this.#state(tx.username), tx.rememberMe, tx.method);
    if (remember) tx.remember = remember;
    this.#transactions.setStatus(tx, status);
  }

  /** Success: a fresh login token, the failure count back to zero, and a remember token if asked and allowed. */
  #succeed(state: UserState, rememberMe: boolean, method: MfaMethod): { status: StatusUpdate; remember?: { token: string; expiresAt: number } } {
    state.failures.reset();
    const token = this.#loginTokens.issue(state.user.username, method);
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
    if (!state.failures.record(this.#now())) return false;
    this.#locked(state);
    return true;
  }

  /** The user was just locked: every pending transaction of theirs ends as `locked_out`. */
  #locked(state: UserState): void {
    const message = this.#lockedMessage(state);
    for (const tx of this.#transactions.all()) {
      if (tx.username === state.user.username && !tx.status.final) {
        this.#transactions.setStatus(tx, { status: 'locked_out', final: true, message });
      }
    }
    this.#emit({ type: 'lock', username: state.user.username, locked: true });
  }

  /** The lock in force, if any; announces a temporary one that ran out (its failures still count). */
  #lockOf(state: UserState) {
    if (state.failures.lockRanOut(this.#now())) this.#emit({ type: 'lock', username: state.user.username, locked: false });
    return state.failures.lock(this.#now());
  }

  #lockedMessage(state: UserState): string {
    const lock = state.failures.lock(this.#now());
    if (lock?.permanent) return MESSAGES.lockedPermanently;
    const msLeft = (lock?.until ?? this.#now()) - this.#now();
    return MESSAGES.locked(Math.max(1, Math.ceil(msLeft / 60_000)));
  }

  // ---- Look-ups and state ----

  #initUsers(): void {
    this.#users = new Map(this.#options.users.map((user) => [user.username, createUserState(user, this.#options)]));
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

  #ownDevice(username: string, deviceId: string | undefined, fits: (device: SimulatedDevice) => boolean, what: string): SimulatedDevice {
    const device = this.#state(username).devices.find((d) => (deviceId === undefined || d.id === deviceId) && fits(d));
    if (!device) throw new Error(`"${username}" has no ${what}${deviceId === undefined ? '' : ` with id "${deviceId}"`}.`);
    return device;
  }

  #enrollUrl(user: SimulatedUser): string {
    return user.enrollUrl ?? `https://mfa.example/enroll?user=${encodeURIComponent(user.username)}`;
  }

  /** Always says why (`reason`), which the contract leaves optional only for older servers. */
  #preauthAllow(username: string, reason: PreauthAllowReason, message: string): PreauthResult {
    const method: LoginMethod = 'preauth';
    return { result: 'allow', token: this.#loginTokens.issue(username, method), message, reason };
  }

  #snapshot(tx: TransactionRecord): TransactionSnapshot {
    const status = structuredClone(tx.status);
    // Time limits the user can see (WCAG 2.2.1), relative to this answer so the user's clock does not matter:
    // rounded down, so the prompt never promises time the server does not give.
    if (!status.final && tx.expiresAt !== undefined) status.expiresInSeconds = secondsUntil(tx.expiresAt, this.#now(), Math.floor);
    // Rounded up, so the prompt never offers a batch the server would refuse.
    if (status.status === 'sent' && this.#options.smsCooldownMs > 0) {
      const lastBatchAt = Math.max(tx.createdAt, this.#users.get(tx.username)?.lastSmsAt ?? -Infinity);
      status.resendInSeconds = secondsUntil(lastBatchAt + this.#options.smsCooldownMs, this.#now(), Math.ceil);
    }
    const snapshot: TransactionSnapshot = { body: { txid: tx.txid, method: tx.method, version: tx.version, status } };
    const secondsLeft = tx.remember ? Math.floor((tx.remember.expiresAt - this.#now()) / 1000) : 0;
    if (tx.remember && secondsLeft > 0) {
      snapshot.rememberToken = tx.remember.token;
      snapshot.rememberMaxAgeSeconds = secondsLeft;
    }
    return snapshot;
  }

  /** Forgets expired attempts, remember tokens, login tokens and transactions. */
  #sweep(): void {
    const now = this.#now();
    this.#attempts.sweep();
    this.#loginTokens.sweep();
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
