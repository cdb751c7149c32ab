/**
 * Integration set-up: the real HTTP client (`createHttpAdapter`) against the real MSW Node handlers of the
 * simulated backend, on a FakeClock. The simulator's long polls wait on that clock, and the client gets an
 * injected `sleep` that records its delays and returns at once, so a minute-long push timeout takes no time.
 *
 * The host is `http://mfa.test`, not localhost: MSW's Node cookie jar is one per process and replays
 * cookies on localhost and https. Here it stays empty, and each client carries its own {@link cookieJar},
 * so a test proves that preauth reads the cookie the client sends.
 */
import { after, afterEach, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { HttpResponse } from 'msw';
import { MfaError, type MfaErrorCode } from '../../../src/adapter/errors.js';
import { createHttpAdapter, type HttpAdapterOptions } from '../../../src/adapter/http-adapter.js';
import type { MfaAdapter, PreauthRequest, PreauthResult, RetryInfo, StatusUpdate } from '../../../src/adapter/types.js';
import { FakeClock, MfaSimulator, seededRandom, type SimulatorOptions } from '../../../mock-server/core/index.js';
import { createMockServer } from '../../../mock-server/node.js';

export const BASE = 'http://mfa.test/mfa';
/** Routes as the real server registers them (its Node default base URL is `*\/mfa`), for one-off overrides. */
export const ROUTES = {
  preauth: '*/mfa/preauth',
  start: '*/mfa/transactions',
  poll: '*/mfa/transactions/:txid',
  cancel: '*/mfa/transactions/:txid/cancel',
} as const;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

// ---- The cookie jar ----

export interface CookieJar {
  /** A `fetch` for the client's `fetch` option: sends the stored cookies, stores what `Set-Cookie` sets. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Cookie name → value, as the next request sends them. */
  cookies: Map<string, string>;
  /** Every `Set-Cookie` line received, verbatim (attributes included). */
  received: string[];
}

/** The browser's cookie handling in a few lines: one jar per client, so tests control what each sends. */
export function cookieJar(): CookieJar {
  const cookies = new Map<string, string>();
  const received: string[] = [];
  return {
    cookies,
    received,
    async fetch(url, init) {
      const headers = new Headers(init.headers);
      if (cookies.size > 0) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
      const response = await globalThis.fetch(url, { ...init, headers });
      for (const line of response.headers.getSetCookie()) {
        received.push(line);
        const [pair = '', ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        const maxAge = attributes.map((a) => /^\s*max-age=(-?\d+)\s*$/i.exec(a)?.[1]).find((v) => v !== undefined);
        if (maxAge !== undefined && Number(maxAge) <= 0) cookies.delete(name);
        else cookies.set(name, pair.slice(eq + 1).trim());
      }
      return response;
    },
  };
}

/** `name=value; Attr; Attr=x` → the attributes, lower-cased names. */
export function cookieAttributes(line: string): Map<string, string> {
  const [, ...attributes] = line.split(';');
  return new Map(
    attributes.map((attribute) => {
      const [name = '', ...value] = attribute.trim().split('=');
      return [name.toLowerCase(), value.join('=')];
    }),
  );
}

// ---- Waiting on the event loop ----

/** Resolves once `condition()` holds, letting the client and the handlers run; fails after ~5 s real time. */
export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A few turns of the event loop, for asserting that something does NOT happen. */
export async function idle(turns = 50): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

// ---- Assertions ----

/** `promise` must reject with an {@link MfaError} of `code` (not a TypeError, not a resolution). */
export async function rejectsWith(promise: Promise<unknown>, code: MfaErrorCode): Promise<MfaError> {
  let outcome: { value: unknown } | { error: unknown };
  try {
    outcome = { value: await promise };
  } catch (error) {
    outcome = { error };
  }
  if (!('error' in outcome)) return assert.fail(`expected an MfaError "${code}", but it resolved with ${JSON.stringify(outcome.value)}`);
  const { error } = outcome;
  assert.ok(error instanceof MfaError, `expected an MfaError "${code}", got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  assert.equal(error.code, code, `expected "${code}", got "${error.code}": ${error.message}`);
  assert.ok(error.message.length > 0, 'an MfaError always has a message to show');
  return error;
}

export function auth(result: PreauthResult): Extract<PreauthResult, { result: 'auth' }> {
  assert.equal(result.result, 'auth', `expected preauth "auth", got ${JSON.stringify(result)}`);
  return result as Extract<PreauthResult, { result: 'auth' }>;
}

export function allowOf(update: StatusUpdate | undefined): Extract<StatusUpdate, { status: 'allow' }> {
  assert.equal(update?.status, 'allow', `expected "allow", got ${JSON.stringify(update)}`);
  return update as Extract<StatusUpdate, { status: 'allow' }>;
}

/** A watch running in the background: `seen` fills as updates arrive; `done` settles when it ends. */
export interface Recording {
  seen: StatusUpdate[];
  ended(): boolean;
  /** The updates once the watch returned; rejects with its error. */
  done: Promise<StatusUpdate[]>;
}

export function record(updates: AsyncIterable<StatusUpdate>): Recording {
  const seen: StatusUpdate[] = [];
  let ended = false;
  const done = (async () => {
    try {
      for await (const update of updates) seen.push(update);
      return seen;
    } finally {
      ended = true;
    }
  })();
  done.catch(() => {}); // handled by whoever awaits `done`; no unhandled rejection meanwhile
  return { seen, done, ended: () => ended };
}

// ---- The server, the simulator and clients ----

export interface LoggedRequest {
  method: string;
  url: URL;
}

/**
 * One simulator on a FakeClock behind the real MSW Node server, for the whole test file (each file runs in
 * its own process): listens before the tests, resets the simulator and drops one-off handlers around each
 * test, and checks that no long poll is left waiting after it.
 */
export function useIntegration(options: SimulatorOptions = {}) {
  const clock = new FakeClock();
  const sim = new MfaSimulator({ clock, random: seededRandom(2026), ...options });
  const { server } = createMockServer({ simulator: sim });
  const requests: LoggedRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push({ method: request.method, url: new URL(request.url) });
  });

  before(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    sim.reset();
    requests.length = 0;
  });
  afterEach(async () => {
    server.resetHandlers();
    await waitFor(() => sim.waitingPolls === 0, 'no long poll left waiting after the test');
  });
  after(() => server.close());

  /** A client on {@link BASE} with its own cookie jar, the fake clock, a recording sleep and `random` 0.5. */
  function client(overrides: Partial<HttpAdapterOptions> = {}) {
    const jar = cookieJar();
    const sleeps: number[] = [];
    const retries: RetryInfo[] = [];
    const adapter: MfaAdapter = createHttpAdapter({
      baseUrl: BASE,
      fetch: jar.fetch,
      now: () => clock.now(),
      random: () => 0.5,
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
      },
      ...overrides,
    });
    return { adapter, jar, sleeps, retries, onRetry: (info: RetryInfo) => retries.push(info) };
  }

  /** Resolves once `count` long polls are held by the simulator. */
  const pollsWaiting = (count = 1) => waitFor(() => sim.waitingPolls === count, `${count} long poll(s) waiting in the simulator`);

  /** Requests that reached the server about `txid` (polls, cancels, assertions). */
  const requestsFor = (txid: string) => requests.filter((r) => r.url.pathname.includes(`/transactions/${txid}`));

  /**
   * What the host page holds once its own first factor (the password) passed: the ticket its server issued
   * for the user (`sim.issueTicket`, **first-factor ticket**), and the username as a display hint. The page
   * hands both to the prompt, which sends them with preauth.
   */
  const hostLogin = (username = 'alice', { ttlMs }: { ttlMs?: number } = {}): PreauthRequest => ({
    username,
    ticket: sim.issueTicket(username, ttlMs === undefined ? {} : { ttlMs }),
  });

  /** A fresh login attempt for `username`, through the client, after the host's first factor. */
  async function attempt(adapter: MfaAdapter, username = 'alice') {
    return auth(await adapter.preauth(hostLogin(username)));
  }

  /**
   * A wrong passcode sent by a user who waits as told: when the server answers `rate_limited` (the **growing
   * delays** from the 3rd consecutive failure on), the fake clock moves on by its `retryAfter` and the code
   * is sent again. Resolves with the error that answered, which must be `expected`.
   */
  async function wrongPasscode(
    adapter: MfaAdapter,
    attemptId: string,
    code: string,
    expected: MfaErrorCode = 'invalid_passcode',
  ): Promise<MfaError> {
    try {
      await adapter.verifyPasscode(attemptId, code);
    } catch (error) {
      if (!(error instanceof MfaError) || error.code !== 'rate_limited' || error.retryAfter === undefined) {
        return rejectsWith(Promise.reject(error), expected);
      }
      clock.advance(error.retryAfter * SECOND);
      return rejectsWith(adapter.verifyPasscode(attemptId, code), expected);
    }
    return assert.fail(`the wrong passcode ${code} was accepted`);
  }

  return { clock, sim, server, requests, client, pollsWaiting, requestsFor, hostLogin, attempt, wrongPasscode };
}

/** An error body as the contract has it. */
export function errorJson(code: string, message: string, status: number, headers: Record<string, string> = {}) {
  return HttpResponse.json({ error: { code, message } }, { status, headers });
}
