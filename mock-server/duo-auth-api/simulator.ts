/**
 * A simulated Duo Auth API v2, written from Duo's public documentation, transport-free: the fetch handler
 * (`handler.ts`) parses and checks requests, this class holds users, devices and transactions. Tests play
 * the phone through `phone(username)`. Texts are ours (Duo's exact `status_msg` wording is not documented).
 *
 * Modelled: preauth results (auth, allow, deny, enroll), devices with capabilities and `sms_nextcode`,
 * `auth` for push, phone, sms and passcode (sync and `async=1`), `auth_status` as a long poll (answers at
 * once when the status changed since that txid's last answer, else waits for a change or `longPollMs`),
 * Verified Push codes in `status_msg`, trusted-device tokens, lock-out, and injected failures.
 * Only Web APIs (crypto, timers): it runs in Node and in a browser page (behind MSW) alike.
 */

/** A uniform integer in [min, max), from the platform's CSPRNG (Node 20 and browsers alike). */
function randomInt(min: number, max: number): number {
  const range = max - min;
  const limit = Math.floor(0x1_0000_0000 / range) * range;
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word);
  while (word[0]! >= limit);
  return min + (word[0]! % range);
}
const randomUUID = () => crypto.randomUUID();

export type DuoCapability = 'auto' | 'push' | 'sms' | 'phone' | 'mobile_otp';

export interface SimDevice {
  device: string;
  type: 'phone' | 'token';
  name: string;
  display_name: string;
  number?: string;
  capabilities: DuoCapability[];
}

export interface SimUserSpec {
  username: string;
  devices: SimDevice[];
  /** `auth` (default), or a user Duo lets through (`allow`, bypass), refuses (`deny`) or has not enrolled. */
  mode?: 'auth' | 'allow' | 'deny';
  bypassCodes?: string[];
}

interface SimUser extends Required<Omit<SimUserSpec, 'bypassCodes'>> {
  bypassCodes: Set<string>;
  /** Authenticator-app codes the "app" shows next (valid until used, like HOTP). */
  otpCodes: Set<string>;
  sms?: { device: string; codes: string[]; used: Set<string> };
  /** Every batch sent, oldest first (the simulated phone's messages). */
  inbox: { deviceId: string; codes: string[] }[];
  failures: number;
  trustedTokens: Set<string>;
}

export interface SimStatus {
  result: 'waiting' | 'allow' | 'deny';
  status: string;
  status_msg: string;
  trusted_device_token?: string;
}

interface SimTransaction {
  txid: string;
  username: string;
  factor: 'push' | 'phone';
  device: string;
  verificationCode?: string;
  history: SimStatus[];
  /** How many statuses of `history` auth_status has answered so far (Duo's "next update"). */
  delivered: number;
  waiters: Set<() => void>;
  timer?: ReturnType<typeof setTimeout>;
}

export class DuoSimError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface DuoSimOptions {
  integrationKey?: string;
  secretKey?: string;
  /** Give Verified Push codes to clients that preauth with `client_supports_verified_push=1` (default true). */
  verifiedPush?: boolean;
  /** Issue trusted-device tokens on allow ("Remembered devices" policy; default false). */
  rememberedDevices?: boolean;
  /** How long an unchanged auth_status is held, ms (default 25 000). */
  longPollMs?: number;
  /** A push or call ends as `timeout` after this long, ms (default 60 000). */
  authTimeoutMs?: number;
  smsBatchSize?: number;
  lockoutThreshold?: number;
  /** How far the `Date` header may be from the clock, ms (default 300 000). */
  dateSkewMs?: number;
  now?: () => number;
}

const MSG = {
  pushed: 'Pushed a login request to your device...',
  verified: (code: string) => `Please enter verification code ${code} into your app...`,
  calling: 'Dialing your phone...',
  answered: 'Answered. Press any key on your phone to log in.',
  allow: 'Success. Logging you in...',
  deny: 'Login request denied.',
  timeout: 'Login request timed out.',
  fraud: 'Login request reported as fraudulent.',
  locked: 'Your account is locked.',
  sent: 'New SMS passcodes sent',
  bad: 'Incorrect passcode. Please try again.',
} as const;

export class DuoAuthApiSimulator {
  readonly integrationKey: string;
  readonly secretKey: string;
  readonly options: Required<Omit<DuoSimOptions, 'integrationKey' | 'secretKey'>>;
  readonly #users = new Map<string, SimUser>();
  readonly #transactions = new Map<string, SimTransaction>();
  readonly #verifiedClients = new Set<string>();
  /** Failures to inject into the next requests, in order: an error, or `hang` (never answers). */
  readonly #faults: { fault: DuoSimError | 'hang'; path?: string }[] = [];
  /** Every request the handler accepted: path and parameters (for tests). */
  readonly requests: { path: string; params: Record<string, string> }[] = [];

  constructor(options: DuoSimOptions = {}) {
    this.integrationKey = options.integrationKey ?? 'DISIMULATEDINTEGRATN';
    this.secretKey = options.secretKey ?? 'simulated-secret-key-0123456789abcdefghij';
    this.options = {
      verifiedPush: options.verifiedPush ?? true,
      rememberedDevices: options.rememberedDevices ?? false,
      longPollMs: options.longPollMs ?? 25_000,
      authTimeoutMs: options.authTimeoutMs ?? 60_000,
      smsBatchSize: options.smsBatchSize ?? 10,
      lockoutThreshold: options.lockoutThreshold ?? 10,
      dateSkewMs: options.dateSkewMs ?? 300_000,
      now: options.now ?? Date.now,
    };
  }

  readonly #specs: SimUserSpec[] = [];

  addUser(spec: SimUserSpec): void {
    this.#specs.push(spec);
    this.#setUser(spec);
  }

  get usernames(): string[] {
    return [...this.#users.keys()];
  }

  /** Back to the users as added: no transactions, codes, failures or trusted devices; faults removed. */
  reset(): void {
    this.close();
    this.#transactions.clear();
    this.#verifiedClients.clear();
    this.#faults.length = 0;
    this.requests.length = 0;
    for (const spec of this.#specs) this.#setUser(spec);
  }

  #setUser(spec: SimUserSpec): void {
    this.#users.set(spec.username, {
      mode: 'auth',
      ...spec,
      bypassCodes: new Set(spec.bypassCodes ?? []),
      otpCodes: new Set(),
      inbox: [],
      failures: 0,
      trustedTokens: new Set(),
    });
  }

  /** The next injected failure, consumed by the handler before it serves a request. */
  takeFault(path: string): DuoSimError | 'hang' | undefined {
    const index = this.#faults.findIndex((f) => f.path === undefined || f.path === path);
    return index < 0 ? undefined : this.#faults.splice(index, 1)[0]!.fault;
  }
  /** The next request (to `path`, e.g. `/auth/v2/auth_status`, when given) fails with `fault`. */
  failNext(fault: DuoSimError | 'hang', path?: string): void {
    this.#faults.push({ fault, ...(path ? { path } : {}) });
  }

  #user(username: string | undefined): SimUser {
    const user = username === undefined ? undefined : this.#users.get(username);
    if (!user) throw new DuoSimError(400, 40002, 'Invalid request parameters', 'username');
    return user;
  }

  preauth(params: Record<string, string>): unknown {
    const user = this.#users.get(params['username'] ?? '');
    if (!user) return { result: 'enroll', status_msg: 'Enroll an authentication device to proceed', enroll_portal_url: 'https://enroll.duo.test/portal?code=sim' };
    if (params['client_supports_verified_push'] === '1') this.#verifiedClients.add(user.username);
    if (user.failures >= this.options.lockoutThreshold) return { result: 'deny', status_msg: MSG.locked };
    if (user.mode === 'deny') return { result: 'deny', status_msg: 'Login denied by policy.' };
    if (user.mode === 'allow') return { result: 'allow', status_msg: 'Allowing unknown user' };
    const trusted = params['trusted_device_token'];
    if (trusted && user.trustedTokens.has(trusted)) return { result: 'allow', status_msg: 'Remembered device' };
    return {
      result: 'auth',
      status_msg: 'Account is active',
      devices: user.devices.map((d) => ({ ...d, ...(user.sms?.device === d.device ? { sms_nextcode: this.#nextSmsDigit(user) } : {}) })),
    };
  }

  #nextSmsDigit(user: SimUser): string | undefined {
    return user.sms?.codes.find((c) => !user.sms!.used.has(c))?.[0];
  }

  auth(params: Record<string, string>): unknown {
    const user = this.#user(params['username']);
    const factor = params['factor'];
    if (user.failures >= this.options.lockoutThreshold) return { result: 'deny', status: 'locked_out', status_msg: MSG.locked };
    if (factor === 'passcode') return this.#passcode(user, params['passcode'] ?? '');
    const device = user.devices.find((d) => d.device === params['device']);
    if (!device) throw new DuoSimError(400, 40002, 'Invalid request parameters', 'device');
    const capability = factor === 'phone' ? 'phone' : factor === 'push' ? 'push' : factor === 'sms' ? 'sms' : undefined;
    if (!capability || !device.capabilities.includes(capability)) throw new DuoSimError(400, 40002, 'Invalid request parameters', 'factor');
    if (factor === 'sms') {
      const codes = Array.from({ length: this.options.smsBatchSize }, (_, i) => `${(i + 1) % 10}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`);
      user.sms = { device: device.device, codes, used: new Set() };
      user.inbox.push({ deviceId: device.device, codes });
      return { result: 'deny', status: 'sent', status_msg: MSG.sent };
    }
    const tx: SimTransaction = {
      txid: randomUUID(),
      username: user.username,
      factor: factor as 'push' | 'phone',
      device: device.device,
      history: [],
      delivered: 0,
      waiters: new Set(),
    };
    if (factor === 'push' && this.options.verifiedPush && this.#verifiedClients.has(user.username)) tx.verificationCode = String(randomInt(100, 1000));
    this.#transactions.set(tx.txid, tx);
    this.#push(tx, {
      result: 'waiting',
      status: factor === 'push' ? 'pushed' : 'calling',
      status_msg: factor === 'push' ? (tx.verificationCode ? MSG.verified(tx.verificationCode) : MSG.pushed) : MSG.calling,
    });
    tx.timer = setTimeout(() => this.#end(tx, { result: 'deny', status: 'timeout', status_msg: MSG.timeout }), this.options.authTimeoutMs);
    if (params['async'] === '1') return { txid: tx.txid };
    throw new DuoSimError(400, 40002, 'Invalid request parameters', 'async'); // the bridge never waits synchronously
  }

  #passcode(user: SimUser, code: string): unknown {
    const sms = user.sms;
    const ok =
      user.otpCodes.delete(code) ||
      user.bypassCodes.delete(code) ||
      (sms !== undefined && sms.codes.includes(code) && !sms.used.has(code) && Boolean(sms.used.add(code)));
    if (ok) return this.#allow(user, { result: 'allow', status: 'allow', status_msg: MSG.allow });
    user.failures += 1;
    if (user.failures >= this.options.lockoutThreshold) return { result: 'deny', status: 'locked_out', status_msg: MSG.locked };
    return { result: 'deny', status: 'deny', status_msg: MSG.bad };
  }

  #allow(user: SimUser, status: SimStatus): SimStatus {
    user.failures = 0;
    if (!this.options.rememberedDevices) return status;
    const token = `tdt_${randomUUID()}`;
    user.trustedTokens.add(token);
    return { ...status, trusted_device_token: token };
  }

  /** Duo's long poll: the next status this txid has not answered yet, or wait for one. */
  async authStatus(params: Record<string, string>, signal?: AbortSignal): Promise<SimStatus> {
    const tx = this.#transactions.get(params['txid'] ?? '');
    if (!tx) throw new DuoSimError(400, 40002, 'Invalid request parameters', 'txid');
    if (tx.delivered >= tx.history.length && !isFinal(tx)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          tx.waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, this.options.longPollMs);
        tx.waiters.add(done);
        signal?.addEventListener('abort', done);
      });
    }
    if (signal?.aborted) throw signal.reason;
    // Answers the oldest status not yet answered, so a reader sees every step (a call's `answered`).
    const index = Math.min(tx.delivered, tx.history.length - 1);
    tx.delivered = Math.max(tx.delivered, index + 1);
    return tx.history[index]!;
  }

  #push(tx: SimTransaction, status: SimStatus): void {
    tx.history.push(status);
    for (const wake of [...tx.waiters]) wake();
  }

  #end(tx: SimTransaction, status: SimStatus): void {
    if (isFinal(tx)) return;
    clearTimeout(tx.timer);
    const user = this.#users.get(tx.username)!;
    if (status.status === 'deny' || status.status === 'fraud') user.failures += 1;
    this.#push(tx, status.result === 'allow' ? this.#allow(user, status) : status);
  }

  /** The phone of `username`, for tests: approve or deny the pending push or call, read codes. */
  phone(username: string) {
    const user = this.#user(username);
    const pending = (factor?: 'push' | 'phone') =>
      [...this.#transactions.values()].reverse().find((t) => t.username === username && !isFinal(t) && (!factor || t.factor === factor));
    const must = (factor?: 'push' | 'phone') => {
      const tx = pending(factor);
      if (!tx) throw new Error(`${username} has no pending ${factor ?? 'request'}`);
      return tx;
    };
    return {
      pending: () => pending(),
      /** The newest pending push: its Duo txid and, for a Verified Push, the code the login screen shows. */
      pendingPush: () => {
        const tx = pending('push');
        return tx && { txid: tx.txid, ...(tx.verificationCode ? { verificationCode: tx.verificationCode } : {}) };
      },
      hangUp: () => this.#end(must('phone'), { result: 'deny', status: 'deny', status_msg: MSG.deny }),
      /** A key on the answered call: 9 reports fraud, any other approves. */
      press: (key = '1') => {
        const tx = must('phone');
        if (tx.history.at(-1)?.status !== 'answered') throw new Error('the call is not answered');
        this.#end(tx, key === '9' ? { result: 'deny', status: 'fraud', status_msg: MSG.fraud } : { result: 'allow', status: 'allow', status_msg: MSG.allow });
      },
      bypassCodes: () => [...user.bypassCodes],
      unlock: () => {
        user.failures = 0;
      },
      /** Approves the push; with Verified Push, `code` must be the code the login screen shows. */
      approvePush: (code?: string) => {
        const tx = must('push');
        if (tx.verificationCode && code !== tx.verificationCode) this.#end(tx, { result: 'deny', status: 'deny', status_msg: MSG.deny });
        else this.#end(tx, { result: 'allow', status: 'allow', status_msg: MSG.allow });
      },
      deny: () => this.#end(must(), { result: 'deny', status: 'deny', status_msg: MSG.deny }),
      reportFraud: () => this.#end(must(), { result: 'deny', status: 'fraud', status_msg: MSG.fraud }),
      timeOut: () => this.#end(must(), { result: 'deny', status: 'timeout', status_msg: MSG.timeout }),
      answerCall: () => this.#push(must('phone'), { result: 'waiting', status: 'answered', status_msg: MSG.answered }),
      pressKey: () => this.#end(must('phone'), { result: 'allow', status: 'allow', status_msg: MSG.allow }),
      /** A new authenticator-app code, valid until used. */
      appCode: () => {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        user.otpCodes.add(code);
        return code;
      },
      smsCodes: () => [...(user.sms?.codes ?? [])],
      smsInbox: () => user.inbox.map((m) => ({ deviceId: m.deviceId, codes: [...m.codes] })),
      failures: () => user.failures,
    };
  }

  /** Ends every timer (call after a test). */
  close(): void {
    for (const tx of this.#transactions.values()) {
      clearTimeout(tx.timer);
      for (const wake of [...tx.waiters]) wake();
    }
  }
}

const isFinal = (tx: SimTransaction) => tx.history.at(-1)?.result !== 'waiting';
