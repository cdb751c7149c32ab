/**
 * What every check gets: the raw client, whoever plays the phone, tickets, the clock, and small helpers
 * for the steps most checks share (a login attempt, a start, waiting for a status).
 *
 * Checks read bodies loosely here (the fields they need); whether every body matches the contract's
 * schemas is the job of one check, `contract.schemas`, so a schema violation fails that check and not
 * every check that happened to see it.
 */
import { validate } from '../src/adapter/validate.js';
import { ErrorBodySchema, type StartTransactionBody } from '../src/adapter/wire.js';
import { ControlError, type Phone, type TestControl } from './control.js';
import { newIdempotencyKey, retryAfterSeconds, type Answer, type ContractClient } from './http.js';
import { check, fail, skip } from './runner.js';

export interface KitOptions {
  baseUrl: string;
  /** The main test user: needs a second factor, with devices for push, call, SMS and passcodes. */
  user: string;
  /** A second test user, for the checks across users. */
  otherUser: string;
  interactive: boolean;
  /** Seconds a long poll asks the server to hold when the kit waits for a change. */
  pollWaitSeconds: number;
  /** Longest real wait the kit accepts instead of moving the clock (e.g. for growing delays). */
  maxRealWaitMs: number;
  /** How long an answer may take and still count as "at once" (a poll after a change, a client behind). */
  atOnceMs: number;
  /** The origin the kit's software WebAuthn key signs as (one the server accepts). */
  webauthnOrigin: string;
}

export interface Environment {
  client: ContractClient;
  options: KitOptions;
  control?: TestControl;
  phone?: Phone;
  tickets?: (user: string) => Promise<string>;
  /** Real-time sleep (tests may speed it up). */
  sleep: (ms: number) => Promise<void>;
}

export interface Device {
  id: string;
  type?: string;
  capabilities: string[];
  nextSmsDigit?: number;
}

export interface Attempt {
  user: string;
  attemptId: string;
  devices: Device[];
  policy: { methods: string[]; rememberMe?: { allowed?: boolean; durationSeconds?: number }; verifiedPush?: boolean; smsBatchSize?: number };
  answer: Answer;
}

/** A transaction body, read loosely. */
export interface Tx {
  txid: string;
  method: string;
  version: number;
  status: { status: string; final: boolean; [field: string]: unknown };
}

export class CheckContext {
  readonly client: ContractClient;
  readonly options: KitOptions;
  readonly env: Environment;
  readonly notes: string[];
  /** One ticket per user for the check (a ticket serves several preauths), until time moves. */
  readonly #tickets = new Map<string, { ticket: string; advances: number; at: number }>();

  constructor(env: Environment, notes: string[]) {
    this.env = env;
    this.client = env.client;
    this.options = env.options;
    this.notes = notes;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** The test-control interface (the runner has skipped the check when it needs one and there is none). */
  get control(): TestControl {
    if (!this.env.control) skip('needs the test-control interface');
    return this.env.control;
  }

  get phone(): Phone {
    if (!this.env.phone) skip('needs the test-control interface or --interactive to act as the phone');
    return this.env.phone;
  }

  get hasClock(): boolean {
    return this.env.control?.clock === true;
  }

  async ticket(user: string = this.options.user): Promise<string> {
    if (!this.env.tickets) skip('needs first-factor tickets (the test-control interface or --ticket-command)');
    const advances = this.env.control?.advances ?? 0;
    const cached = this.#tickets.get(user);
    if (cached && cached.advances === advances && performance.now() - cached.at < 60_000) return cached.ticket;
    const ticket = await this.env.tickets(user);
    this.#tickets.set(user, { ticket, advances, at: performance.now() });
    return ticket;
  }

  /** Moves the server's clock, or skips the check with `why` when the server has no clock control. */
  async advance(ms: number, why: string): Promise<void> {
    if (!this.hasClock) skip(`${why}: needs the test-control clock (POST /_test/clock)`);
    await this.control.advance(ms);
  }

  /** Lets `ms` pass: the server's clock when it has one, else real time when short enough, else skips. */
  async elapse(ms: number, why: string): Promise<void> {
    if (this.hasClock) return this.control.advance(ms);
    if (ms > this.options.maxRealWaitMs) skip(`${why}: would wait ${Math.ceil(ms / 1000)} s in real time; needs the test-control clock`);
    await this.env.sleep(ms);
  }

  /** A fresh login attempt for `user`: a ticket, then preauth, which must answer `auth`. */
  async login(user: string = this.options.user, { cookie }: { cookie?: string } = {}): Promise<Attempt> {
    const ticket = await this.ticket(user);
    const answer = await this.#waitingOutRateLimits(`preauth of ${user}`, () => this.client.preauth({ ticket, username: user }, cookie ? { cookie } : {}));
    check(answer.status === 200, `preauth for ${user} answered ${describeAnswer(answer)}, expected 200`);
    const body = answer.json as Partial<Attempt> & { result?: string };
    if (body?.result !== 'auth') {
      fail(`preauth for ${user} answered result "${body?.result}"; the test user must need a second factor (result "auth")`);
    }
    check(typeof body.attemptId === 'string' && Array.isArray(body.devices) && body.policy, 'preauth "auth" lacks attemptId, devices or policy');
    return { user, attemptId: body.attemptId, devices: body.devices as Device[], policy: body.policy as Attempt['policy'], answer };
  }

  /** The first device that can do `method` under the policy, or skips the check. */
  deviceFor(attempt: Attempt, method: string): Device {
    const device = attempt.devices.find((d) => Array.isArray(d.capabilities) && d.capabilities.includes(method));
    if (!device || !attempt.policy.methods?.includes(method)) skip(`${attempt.user} has no device offering "${method}"`);
    return device;
  }

  /**
   * Starts a transaction; the raw answer. Without the test-control interface, a rate limit or growing
   * delay left by an earlier check is waited out first (nothing resets the server between checks).
   */
  startAnswer(attempt: Attempt, request: Omit<StartTransactionBody, 'attemptId'>, options: { idempotencyKey?: string | null } = {}): Promise<Answer> {
    const key = options.idempotencyKey === undefined ? newIdempotencyKey() : options.idempotencyKey;
    return this.#waitingOutRateLimits(`a ${request.method} start`, () => this.client.start({ attemptId: attempt.attemptId, ...request }, { idempotencyKey: key }));
  }

  /** Starts a transaction and reads the 201. */
  async start(attempt: Attempt, request: Omit<StartTransactionBody, 'attemptId'>, options: { idempotencyKey?: string | null } = {}): Promise<Tx> {
    const answer = await this.startAnswer(attempt, request, options);
    check(answer.status === 201, `starting ${request.method}${request.deviceId ? ` on ${request.deviceId}` : ''} answered ${describeAnswer(answer)}, expected 201`);
    return readTx(answer);
  }

  /** Starts a push on the attempt's first push device (skips the check when there is none); expects 201. */
  startPush(attempt: Attempt): Promise<Tx> {
    return this.start(attempt, { method: 'push', deviceId: this.deviceFor(attempt, 'push').id });
  }

  /** Polls until the version passes `after`; fails after `timeoutMs` real time. */
  async waitForVersion(txid: string, attemptId: string, after: number, timeoutMs = this.#changeTimeoutMs()): Promise<Tx> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) fail(`transaction ${txid} did not change after version ${after} within ${Math.round(timeoutMs / 1000)} s`);
      const wait = Math.max(1, Math.min(this.options.pollWaitSeconds, Math.floor(left / 1000)));
      const answer = await this.client.poll(txid, { attemptId, after, wait, timeoutMs: left + 1000 }).catch((error: Error) => fail(error.message));
      check(answer.status === 200, `poll of ${txid} (after=${after}) answered ${describeAnswer(answer)}, expected 200`);
      const tx = readTx(answer);
      if (tx.version > after) return tx;
      check(tx.version === after, `poll of ${txid} (after=${after}) answered version ${tx.version}, lower than the client has (rule versions)`);
      // An early unchanged answer is allowed; do not turn it into a busy loop.
      if (answer.ms < 200) await this.env.sleep(100);
    }
  }

  /** Polls until a final status. */
  async waitForFinal(txid: string, attemptId: string, after: number): Promise<Tx> {
    let tx = await this.waitForVersion(txid, attemptId, after);
    while (!tx.status.final) tx = await this.waitForVersion(txid, attemptId, tx.version);
    return tx;
  }

  /** The user's phone approves the newest push, typing the code the login screen (`pushed`) shows. */
  async approve(attempt: Attempt, pushed: Tx): Promise<void> {
    const code = pushed.status.verificationCode;
    await this.phone.approvePush(attempt.user, typeof code === 'string' ? code : undefined);
  }

  /** A valid passcode: from the authenticator app (control interface or the person). */
  async authenticatorCode(attempt: Attempt): Promise<string> {
    this.deviceFor(attempt, 'passcode');
    try {
      return await this.phone.authenticatorCode(attempt.user);
    } catch (error) {
      if (error instanceof ControlError && / 404/.test(error.message)) skip(`${attempt.user} has no authenticator app in the test-control interface`);
      throw error;
    }
  }

  /** A wrong passcode of the usual length (6 digits), unlikely to be valid. */
  wrongPasscode(valid?: string): string {
    let code = '';
    do code = String(100000 + Math.floor(Math.random() * 900000));
    while (code === valid);
    return code;
  }

  /**
   * Without the test-control interface nothing resets the server between checks, so the server's own
   * limits (10 preauths, 5 pushes a minute) are met by the kit's ordinary steps: wait them out (up to
   * 2 minutes, noted) rather than fail a check that is not about them.
   */
  async #waitingOutRateLimits(what: string, send: () => Promise<Answer>): Promise<Answer> {
    let answer = await send();
    let waited = 0;
    while (!this.env.control && answer.status === 429 && errorCode(answer) === 'rate_limited' && waited < 120) {
      const seconds = Math.min(120 - waited, Math.max(1, waitAsked(answer) ?? 5));
      this.note(`${what} was rate-limited: waited ${seconds} s`);
      await this.env.sleep(seconds * 1000);
      waited += seconds;
      answer = await send();
    }
    return answer;
  }

  #changeTimeoutMs(): number {
    const phone = this.env.phone as { timeoutMs?: number } | undefined;
    return this.options.interactive ? (phone?.timeoutMs ?? 120_000) : Math.max(8000, this.options.pollWaitSeconds * 1000 + 6000);
  }
}

/** The fields of a transaction body the checks use; fails when they are missing. */
export function readTx(answer: Answer): Tx {
  const body = answer.json as Partial<Tx> | undefined;
  const status = body?.status as Tx['status'] | undefined;
  check(
    typeof body?.txid === 'string' && typeof body.version === 'number' && typeof status?.status === 'string',
    `expected a transaction body { txid, method, version, status }, got ${answer.text.slice(0, 300) || '(empty)'}`,
  );
  return body as Tx;
}

/** How long a refusal asks to wait, in seconds: the body's `retryAfter`, else the `Retry-After` header. */
export function waitAsked(answer: Answer): number | undefined {
  const retryAfter = (answer.json as { error?: { retryAfter?: unknown } } | undefined)?.error?.retryAfter;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) return retryAfter;
  const header = retryAfterSeconds(answer.headers);
  return header === undefined || Number.isNaN(header) ? undefined : header;
}

/** The error code of an error body, if it has one. */
export function errorCode(answer: Answer): string | undefined {
  return validate(ErrorBodySchema, answer.json)?.error.code;
}

/** `404 expired`, `201 {"txid":...}`: a short account of an answer for messages. */
export function describeAnswer(answer: Answer): string {
  const code = errorCode(answer);
  if (code) return `${answer.status} ${code}`;
  const body = answer.text.length > 160 ? `${answer.text.slice(0, 160)}...` : answer.text;
  return `${answer.status}${body ? ` ${body}` : ''}`;
}

/**
 * How the contract answers a passcode it refuses (401 `invalid_passcode`) and a locked user (403
 * `locked_out`): one place to change if those outcomes ever become 200s with a final status (issue 9, 3d).
 */
export function isWrongCode(answer: Answer): boolean {
  return answer.status === 401 && errorCode(answer) === 'invalid_passcode';
}

export function isLockedOut(answer: Answer): boolean {
  return answer.status === 403 && errorCode(answer) === 'locked_out';
}

/** Fails unless the passcode was refused as wrong (used, expired, unknown). */
export function expectWrongCode(answer: Answer, what: string): void {
  check(isWrongCode(answer), `${what}: answered ${describeAnswer(answer)}, expected 401 invalid_passcode`);
}

/** Fails unless the answer is `status` with error `code`. */
export function expectError(answer: Answer, status: number, code: string, what: string): void {
  check(answer.status === status && errorCode(answer) === code, `${what}: answered ${describeAnswer(answer)}, expected ${status} ${code}`);
}
