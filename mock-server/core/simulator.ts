/**
 * The simulated MFA backend, without any transport: the HTTP handlers call the server-side operations
 * (`preauth`, `start`, `get`, `waitForChange`, `cancel`, `completeWebAuthn`), and demos, stories and tests play
 * the host's server (`issueTicket`, `redeemLoginToken`) and the user's phone (`phone(username)`) in the same
 * JavaScript realm. All time goes through the injected clock. The security rules live beside it, one module
 * each (`tickets.ts`, `attempts.ts`, `idempotency.ts`, `failures.ts`, `lockouts.ts`, `login-tokens.ts`,
 * `rate-limit.ts`), and so do the steps of a login: `preauth.ts`, `starts.ts` (one start per method),
 * `outcomes.ts` (allow, deny, fraud), `snapshots.ts` (what a client reads, with its time limits),
 * `remember-tokens.ts`, `phone.ts` and `webauthn-logins.ts`. This class coordinates them.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from './webauthn-json.js';
import type { Device, MfaMethod, PreauthRequest, PreauthResult, StatusUpdate, WebAuthnAssertion } from '../../src/adapter/types.js';
import type { StartTransactionBody } from '../../src/adapter/wire.js';
import { AttemptStore } from './attempts.js';
import { SimulatorError } from './errors.js';
import { assertIdempotencyKey, type StartOutcome } from './idempotency.js';
import { Lockouts } from './lockouts.js';
import { LoginTokens, type RedeemedLogin } from './login-tokens.js';
import { MESSAGES } from './messages.js';
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from './options.js';
import { Outcomes } from './outcomes.js';
import { totpCode } from './passcodes.js';
import { assertScript, simulatedPhone } from './phone.js';
import { preauth } from './preauth.js';
import { RateLimiter } from './rate-limit.js';
import { RememberTokens } from './remember-tokens.js';
import { transactionSnapshot } from './snapshots.js';
import { TransactionStarts } from './starts.js';
import { TicketIssuer } from './tickets.js';
import { TransactionStore, type TransactionRecord } from './transactions.js';
import type { PhoneScript, SimulatedPhone, SimulatorEvent, TransactionSnapshot } from './types.js';
import { createUserState, type UserState } from './user-state.js';
import type { SimulatedDevice } from './users.js';
import { WebAuthnLogins, type KeyType } from './webauthn-logins.js';

export class MfaSimulator {
  readonly #options: ResolvedOptions;
  readonly #limiter: RateLimiter;
  readonly #transactions: TransactionStore;
  readonly #tickets: TicketIssuer;
  readonly #attempts: AttemptStore;
  readonly #loginTokens: LoginTokens;
  readonly #webauthn: WebAuthnLogins;
  readonly #rememberTokens: RememberTokens;
  readonly #lockouts: Lockouts;
  readonly #outcomes: Outcomes;
  readonly #starts: TransactionStarts;
  readonly #listeners = new Set<(event: SimulatorEvent) => void>();
  #users = new Map<string, UserState>();

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
      approve: (tx) => this.#outcomes.approve(tx),
      deny: (tx, message) => this.#outcomes.deny(tx, message),
      setTimeout: (tx, ms, message) => this.#transactions.setTimeout(tx, ms, message),
    });
    this.#transactions = new TransactionStore(clock, this.#options.transactionTtlMs, (tx) =>
      this.#emit({ type: 'transaction', username: tx.username, txid: tx.txid, method: tx.method, status: tx.status.status, version: tx.version }),
    );
    this.#rememberTokens = new RememberTokens(clock, random);
    const transactions = this.#transactions;
    const emit = (event: SimulatorEvent) => this.#emit(event);
    this.#lockouts = new Lockouts({ now: () => this.#now(), transactions, emit });
    this.#outcomes = new Outcomes({
      keypressTimeoutMs: this.#options.keypressTimeoutMs,
      transactions,
      loginTokens: this.#loginTokens,
      rememberTokens: this.#rememberTokens,
      lockouts: this.#lockouts,
      state: (username) => this.#state(username),
    });
    this.#starts = new TransactionStarts({
      options: this.#options,
      transactions,
      limiter: this.#limiter,
      webauthn: this.#webauthn,
      outcomes: this.#outcomes,
      lockouts: this.#lockouts,
      emit,
    });
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
    return preauth(
      {
        now: () => this.#now(),
        findState: (username) => this.#users.get(username),
        tickets: this.#tickets,
        limiter: this.#limiter,
        lockouts: this.#lockouts,
        rememberTokens: this.#rememberTokens,
        attempts: this.#attempts,
        loginTokens: this.#loginTokens,
      },
      request,
      rememberToken,
    );
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
    if (idempotencyKey === undefined) return this.#read(this.#starts.start(context, request));
    const earlier = attempt.starts.earlier(idempotencyKey, request);
    if (earlier) return this.#replay(earlier);
    let outcome: StartOutcome;
    try {
      const tx = this.#starts.start(context, request);
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
      approve: (tx) => this.#outcomes.approve(tx),
      deny: (tx, message) => this.#outcomes.deny(tx, message),
      fraud: (tx, message) => this.#outcomes.fraud(tx, message),
      answer: (tx) => this.#outcomes.answer(tx),
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
    this.#rememberTokens.clear();
    this.#limiter.reset();
    this.#webauthn.clear();
    this.#initUsers();
    this.#transactions.clear();
    this.#emit({ type: 'reset' });
  }

  /** An administrator's unlock: no lock, and the failure count back to zero (**failure cap**). */
  unlock(username: string): void {
    this.#lockouts.unlock(this.#state(username));
  }

  /**
   * Locks the user now, as `lockoutThreshold` failures would (for `lockoutMs`), or as `maxFailures` would
   * (`permanent`: until {@link unlock}). For demos and stories, which cannot type wrong codes fast enough
   * past the growing delays.
   */
  lockOut(username: string, { permanent = false }: { permanent?: boolean } = {}): void {
    this.#lockouts.lockNow(this.#state(username), permanent);
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

  // ---- Reading transactions ----

  /** **attempt binding**: the transaction, if `attemptId` started it; otherwise the answer of an unknown one. */
  #bound(txid: string, attemptId: string): TransactionRecord {
    const tx = this.#transactions.get(txid);
    if (typeof attemptId !== 'string' || tx.attemptId !== attemptId) throw new SimulatorError('expired', MESSAGES.transactionExpired);
    return tx;
  }

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

  #snapshot(tx: TransactionRecord): TransactionSnapshot {
    return transactionSnapshot(tx, {
      now: () => this.#now(),
      smsCooldownMs: this.#options.smsCooldownMs,
      lastSmsAt: (username) => this.#users.get(username)?.lastSmsAt,
    });
  }

  /** Forgets expired attempts, remember tokens, login tokens and transactions. */
  #sweep(): void {
    const now = this.#now();
    this.#attempts.sweep();
    this.#loginTokens.sweep();
    this.#rememberTokens.sweep(now);
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
