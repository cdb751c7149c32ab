/**
 * Who acts as the phone, the host's server and the clock. Two ways:
 * - the **test-control interface** a server may expose in test mode under `{base}/_test`
 *   (`docs/test-control.md`; the simulator implements it): the kit approves pushes, reads SMS codes,
 *   issues tickets, redeems tokens and moves the clock itself;
 * - **interactive** (`--interactive`): a person with the test user's phone follows the kit's instructions.
 */
import { execFile } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline/promises';
import type { Answer, ContractClient } from './http.js';

/** The user's side of a login, whoever plays it. */
export interface Phone {
  readonly kind: 'control' | 'interactive';
  /** Approve the newest push, typing `code` when the login screen shows one (Verified Push). */
  approvePush(user: string, code?: string): Promise<void>;
  denyPush(user: string): Promise<void>;
  /** Answer the call and press a key (`key`: 0-9; the control interface also takes the two steps apart). */
  answerAndPress(user: string): Promise<void>;
  hangUp(user: string): Promise<void>;
  /** The codes of the newest SMS batch (interactive: the one code the person types). */
  newestSmsCodes(user: string, deviceId: string): Promise<string[]>;
  authenticatorCode(user: string): Promise<string>;
}

export class ControlError extends Error {
  override name = 'ControlError';
}

/** The test-control interface, `{base}/_test`. */
export class TestControl implements Phone {
  readonly kind = 'control';
  readonly #client: ContractClient;
  /** Whether `POST /_test/clock` works. */
  clock = false;
  /** How many times the clock moved (tickets fetched before may have expired since). */
  advances = 0;

  private constructor(client: ContractClient) {
    this.#client = client;
  }

  /** The interface, if the server offers it (`POST /_test/reset` answers 2xx), and whether it has a clock. */
  static async detect(client: ContractClient): Promise<TestControl | undefined> {
    const control = new TestControl(client);
    let answer: Answer;
    try {
      answer = await client.send('POST', '/_test/reset', 'control', { body: {} });
    } catch {
      return undefined;
    }
    if (answer.status < 200 || answer.status > 299) return undefined;
    const clock = await client.send('POST', '/_test/clock', 'control', { body: { advanceMs: 0 } });
    control.clock = clock.status === 200;
    return control;
  }

  reset(): Promise<void> {
    return this.#expect('POST', '/reset', {}, [200, 204]).then(() => undefined);
  }

  async ticket(username: string, ttlSeconds?: number): Promise<string> {
    const json = (await this.#expect('POST', '/tickets', { username, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }, [200, 201])) as {
      ticket?: unknown;
    };
    if (typeof json?.ticket !== 'string') throw new ControlError('POST /_test/tickets did not answer { ticket }');
    return json.ticket;
  }

  /** Moves the server's clock forward. */
  async advance(ms: number): Promise<void> {
    this.advances += 1;
    await this.#expect('POST', '/clock', { advanceMs: Math.ceil(ms) }, [200]);
  }

  /** The newest pending push on the user's phone, with the code the user must type, or undefined. */
  async pendingPush(user: string): Promise<{ txid: string; verificationCode?: string } | undefined> {
    const answer = await this.#send('GET', `/users/${encodeURIComponent(user)}/push`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new ControlError(`GET /_test/users/${user}/push answered ${answer.status}`);
    return answer.json as { txid: string; verificationCode?: string };
  }

  async approvePush(user: string, code?: string): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/push/approve`, code === undefined ? {} : { code }, [200, 204]);
  }

  async denyPush(user: string): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/push/deny`, {}, [200, 204]);
  }

  async reportPush(user: string): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/push/report-fraud`, {}, [200, 204]);
  }

  async answerCall(user: string): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/call/answer`, {}, [200, 204]);
  }

  async pressKey(user: string, key = '1'): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/call/press`, { key }, [200, 204]);
  }

  async answerAndPress(user: string): Promise<void> {
    await this.answerCall(user);
    await this.pressKey(user);
  }

  async hangUp(user: string): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/call/hang-up`, {}, [200, 204]);
  }

  /** Every SMS message the user received, oldest first. */
  async sms(user: string): Promise<{ deviceId: string; codes: string[] }[]> {
    const json = (await this.#expect('GET', `/users/${encodeURIComponent(user)}/sms`, undefined, [200])) as { messages?: unknown };
    if (!Array.isArray(json?.messages)) throw new ControlError('GET /_test/users/{u}/sms did not answer { messages: [...] }');
    return json.messages as { deviceId: string; codes: string[] }[];
  }

  async newestSmsCodes(user: string, deviceId: string): Promise<string[]> {
    const messages = (await this.sms(user)).filter((m) => m.deviceId === deviceId);
    const newest = messages.at(-1);
    if (!newest) throw new ControlError(`no SMS for ${user} on ${deviceId} in the test inbox`);
    return newest.codes;
  }

  async authenticatorCode(user: string): Promise<string> {
    return this.#code(`/users/${encodeURIComponent(user)}/authenticator-code`);
  }

  /** The hardware token's next code. */
  async tokenCode(user: string): Promise<string> {
    return this.#code(`/users/${encodeURIComponent(user)}/token-code`);
  }

  /** The server's time (ms since the epoch), by moving its clock by nothing. */
  async now(): Promise<number> {
    const json = (await this.#expect('POST', '/clock', { advanceMs: 0 }, [200])) as { now?: unknown };
    if (typeof json?.now !== 'number') throw new ControlError('POST /_test/clock did not answer { now }');
    return json.now;
  }

  /** The user's bypass codes not used yet (none when the user has none). */
  async bypassCodes(user: string): Promise<string[]> {
    const answer = await this.#send('GET', `/users/${encodeURIComponent(user)}/bypass-codes`);
    if (answer.status !== 200) return [];
    const codes = (answer.json as { codes?: unknown })?.codes;
    return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : [];
  }

  /** What the host's server does with a login token: whose login it proves, or undefined when refused (404). */
  async redeem(token: string): Promise<{ username: string; method: string } | undefined> {
    const answer = await this.#send('POST', '/login-tokens/redeem', { token });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new ControlError(`POST /_test/login-tokens/redeem answered ${answer.status}`);
    return answer.json as { username: string; method: string };
  }

  async unlock(user: string): Promise<void> {
    await this.#expect('POST', `/users/${encodeURIComponent(user)}/unlock`, {}, [200, 204]);
  }

  async webAuthnRegistrationOptions(user: string): Promise<unknown> {
    return this.#expect('POST', `/users/${encodeURIComponent(user)}/webauthn/registration-options`, {}, [200, 201]);
  }

  async registerWebAuthnCredential(user: string, response: unknown, type: 'security-key' | 'passkey' = 'security-key'): Promise<{ id: string }> {
    return (await this.#expect('POST', `/users/${encodeURIComponent(user)}/webauthn/credentials`, { response, type }, [200, 201])) as { id: string };
  }

  async #code(path: string): Promise<string> {
    const json = (await this.#expect('GET', path, undefined, [200])) as { code?: unknown };
    if (typeof json?.code !== 'string') throw new ControlError(`GET /_test${path} did not answer { code }`);
    return json.code;
  }

  #send(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.#client.send(method, `/_test${path}`, 'control', body === undefined ? {} : { body });
  }

  async #expect(method: string, path: string, body: unknown, statuses: number[]): Promise<unknown> {
    const answer = await this.#send(method, path, body);
    if (!statuses.includes(answer.status)) {
      const detail = (answer.json as { error?: { message?: string } })?.error?.message ?? answer.text.slice(0, 200);
      throw new ControlError(`test-control ${method} /_test${path} answered ${answer.status}${detail ? `: ${detail}` : ''}`);
    }
    return answer.json;
  }
}

/** A person with the test user's phone, told what to do on the terminal. */
export class InteractivePhone implements Phone {
  readonly kind = 'interactive';
  readonly #timeoutMs: number;
  readonly #say: (line: string) => void;
  readonly #input: NodeJS.ReadableStream;
  readonly #usedCodes = new Set<string>();
  #readline?: Interface;

  constructor({ timeoutMs, say, input = process.stdin }: { timeoutMs: number; say: (line: string) => void; input?: NodeJS.ReadableStream }) {
    this.#timeoutMs = timeoutMs;
    this.#say = say;
    this.#input = input;
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  async approvePush(user: string, code?: string): Promise<void> {
    this.#say(`>>> Approve the push on ${user}'s phone now${code ? ` (code ${code})` : ''}.`);
  }

  async denyPush(user: string): Promise<void> {
    this.#say(`>>> Deny the push on ${user}'s phone now.`);
  }

  async answerAndPress(user: string): Promise<void> {
    this.#say(`>>> Answer the call on ${user}'s phone now and press a key when asked.`);
  }

  async hangUp(user: string): Promise<void> {
    this.#say(`>>> Answer the call on ${user}'s phone and hang up without pressing a key.`);
  }

  async newestSmsCodes(user: string, deviceId: string): Promise<string[]> {
    return [await this.ask(`>>> Type the first code of the newest SMS batch ${user} received on ${deviceId}, then Enter:`)];
  }

  /** Each authenticator code works once: a code typed before is refused here, and the person asked for the next. */
  async authenticatorCode(user: string): Promise<string> {
    let code = await this.ask(`>>> Type the current code of ${user}'s authenticator app, then Enter:`);
    while (this.#usedCodes.has(code)) {
      code = await this.ask(`>>> ${code} was used already (codes work once): wait for ${user}'s authenticator to show the next code and type it:`);
    }
    this.#usedCodes.add(code);
    return code;
  }

  /** One line from the terminal, or a failure after the timeout. */
  async ask(question: string): Promise<string> {
    // The question goes through `say` (stdout, or stderr with --json); readline only reads the answer.
    this.#readline ??= createInterface({ input: this.#input, terminal: false });
    this.#say(question);
    try {
      return (await this.#readline.question('', { signal: AbortSignal.timeout(this.#timeoutMs) })).trim();
    } catch {
      throw new ControlError(`no answer within ${Math.round(this.#timeoutMs / 1000)} s`);
    }
  }

  close(): void {
    this.#readline?.close();
  }
}

/**
 * `--ticket-command`: a shell command that prints a first-factor ticket for the user named in `$MFA_USER`
 * (and wherever the command says `{user}`), as the host's server would issue it after the password step.
 */
export function ticketFromCommand(command: string, user: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', command.replaceAll('{user}', user)],
      { env: { ...process.env, MFA_USER: user }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error) return reject(new ControlError(`--ticket-command failed for ${user}: ${stderr.trim() || error.message}`));
        const ticket = stdout.trim();
        if (ticket === '') return reject(new ControlError(`--ticket-command printed nothing for ${user}`));
        resolve(ticket);
      },
    );
  });
}
