/**
 * The fuzz property of issue 7: thousands of generated answers per route (preauth, start, poll, cancel)
 * through the HTTP client, built from valid bodies of the contract with mutations (wrong types, missing and
 * extra fields, huge numbers, bad versions, wrong statuses, odd `Retry-After` values, cut bodies, delays,
 * dropped connections). Every call ends in a typed `MfaError` or a valid result or final state, within a
 * bounded (virtual) time: never a hang, never a `TypeError`, never a delay that overflows `setTimeout`.
 *
 * Time is virtual: a small scheduler stands in for `setTimeout` (the request timeouts) and the injected
 * `sleep` and `now`, so a 40 s delay or a 2-minute Retry-After costs nothing. Set FUZZ_RUNS to change the
 * number of runs per route; a failure prints fast-check's seed and the shrunk counterexample.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as v from 'valibot';
import { MfaError } from '../../src/adapter/errors.js';
import { createHttpAdapter } from '../../src/adapter/http-adapter.js';
import { MAX_TIMER_MS } from '../../src/adapter/retry.js';
import type { MfaAdapter, StatusUpdate, Transaction } from '../../src/adapter/types.js';
import {
  HTTP_STATUS_FOR_ERROR,
  IDEMPOTENCY_HEADER,
  MAX_RETRY_AFTER_SECONDS,
  METHODS,
} from '../../src/adapter/wire.js';
import {
  ErrorBodySchema,
  PreauthResultSchema,
  StatusUpdateSchema,
  TransactionBodySchema,
} from './support/valibot-wire.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const START_MS = Date.parse('2026-11-22T10:00:00Z');
const SECOND = 1000;
const DAY_S = 24 * 3600;
/** What one request may cost at most: a long poll's 25 s wait plus its 10 s margin. */
const REQUEST_MS = 35 * SECOND;
const LONGEST_SLEEP_MS = MAX_RETRY_AFTER_SECONDS * SECOND;

// ---------------------------------------------------------------------------------------------------------
// Virtual time

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

/** A scheduler for one run: `setTimeout` and the adapter's `sleep` and `now` all read this clock. */
class VirtualTime {
  nowMs = START_MS;
  readonly sleeps: number[] = [];
  readonly problems: string[] = [];
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;

  readonly now = () => this.nowMs;

  readonly setTimeout = (run: () => void, ms = 0): number => {
    if (!(ms >= 0 && ms <= MAX_TIMER_MS)) this.problems.push(`setTimeout(${ms})`);
    const id = this.nextId++;
    this.timers.set(id, { at: this.nowMs + Math.max(0, Math.min(ms, MAX_TIMER_MS) || 0), seq: id, run });
    return id;
  };

  readonly clearTimeout = (id: number | undefined): void => {
    if (id !== undefined) this.timers.delete(id);
  };

  readonly sleep = (ms: number, signal: AbortSignal): Promise<void> => {
    this.sleeps.push(ms);
    return this.wait(ms, signal);
  };

  /** Resolves after `ms` of virtual time, or rejects with the signal's reason when it aborts. */
  wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const id = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        this.clearTimeout(id);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs the earliest timer, moving the clock to it; false when none is pending. */
  runNext(): boolean {
    let next: [number, Timer] | undefined;
    for (const entry of this.timers) {
      if (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq)) next = entry;
    }
    if (!next) return false;
    this.timers.delete(next[0]);
    this.nowMs = Math.max(this.nowMs, next[1].at);
    next[1].run();
    return true;
  }

  /** Replaces the global timers for the duration of `body` (the adapter's request timeouts use them). */
  async install<T>(body: () => Promise<T>): Promise<T> {
    const saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    Object.assign(globalThis, { setTimeout: this.setTimeout, clearTimeout: this.clearTimeout });
    try {
      return await body();
    } finally {
      Object.assign(globalThis, saved);
    }
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Lets the promises run, firing virtual timers one by one whenever nothing else can happen. */
async function settleAll<T extends unknown[]>(
  time: VirtualTime,
  promises: { [K in keyof T]: Promise<T[K]> },
): Promise<{ [K in keyof T]: Outcome<T[K]> }> {
  const outcomes: Array<Outcome<unknown> | undefined> = promises.map(() => undefined);
  promises.forEach((promise, i) =>
    promise.then(
      (value) => (outcomes[i] = { ok: true, value }),
      (error: unknown) => (outcomes[i] = { ok: false, error }),
    ),
  );
  let idle = 0;
  for (let step = 0; step < 5000; step++) {
    await nextTurn();
    if (outcomes.every(Boolean)) return outcomes as { [K in keyof T]: Outcome<T[K]> };
    if (time.runNext()) idle = 0;
    else if (++idle > 5) break;
  }
  throw new Error(`hang: a call never settled (virtual time ${(time.nowMs - START_MS) / SECOND} s)`);
}

// ---------------------------------------------------------------------------------------------------------
// Answers

type Answer =
  | { kind: 'network' }
  /** The server holds the request until the client gives up. */
  | { kind: 'hang' }
  | { kind: 'http'; status: number; text: string; retryAfter?: string; delayMs: number; bodyFails: boolean };

const httpDate = (offsetS: number) => new Date(START_MS + offsetS * SECOND).toUTCString();
const retryAfterValues = fc.constantFrom(
  '0',
  '1',
  '7',
  '120',
  '121',
  '3600',
  String(30 * DAY_S),
  '99999999999',
  '9'.repeat(400),
  '-1',
  '1.5',
  '1e3',
  ' 5 ',
  'soon',
  '',
  httpDate(45),
  httpDate(60 * DAY_S),
  httpDate(-3600),
  'Thu, 01 Jan 1970 00:00:00 GMT',
);

const weird = fc.constantFrom<unknown>(
  null,
  '',
  'x',
  -1,
  0,
  1.5,
  1e308,
  2 ** 53 + 2,
  true,
  [],
  {},
  'allow',
  'canceled',
  'a'.repeat(5000),
  '\u202e5010',
  { status: 'allow' },
);

interface Mutation {
  at: number;
  op: 'delete' | 'set' | 'add';
  value: unknown;
}
const mutations = fc.array(
  fc.record({ at: fc.nat(), op: fc.constantFrom<Mutation['op']>('delete', 'set', 'add'), value: weird }),
  { minLength: 1, maxLength: 3 },
);

/** Every (container, key) pair of a JSON value, root first. */
function slots(value: unknown, out: Array<[Record<string, unknown>, string]> = []): Array<[Record<string, unknown>, string]> {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([value as Record<string, unknown>, key]);
      slots((value as Record<string, unknown>)[key], out);
    }
  }
  return out;
}

function mutate(valid: unknown, changes: Mutation[]): unknown {
  const root = structuredClone(valid);
  for (const { at, op, value } of changes) {
    const all = slots(root);
    if (all.length === 0) return structuredClone(value);
    const [container, key] = all[at % all.length]!;
    // A copy: the generated values are shared between runs and must never be changed.
    if (op === 'delete') delete container[key];
    else if (op === 'set') container[key] = structuredClone(value);
    else container[`extra${at % 7}`] = structuredClone(value);
  }
  return root;
}

/** A body's text: valid, mutated, cut off, or not JSON at all. */
function bodyText(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: valid.map((body) => JSON.stringify(body)) },
    { weight: 5, arbitrary: fc.tuple(valid, mutations).map(([body, changes]) => JSON.stringify(mutate(body, changes))) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.double({ min: 0, max: 1, noNaN: true })).map(([body, part]) => {
        const text = JSON.stringify(body);
        return text.slice(0, Math.floor(text.length * part));
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '<!doctype html><h1>502 Bad Gateway</h1>',
        'null',
        '[]',
        '"allow"',
        '{"error":{"code":"rate_limited","message":"x","retryAfter":1e400}}',
        '{"txid":"tx-1","method":"push","version":1e400,"status":{"status":"allow","final":true,"message":"","token":"t","remembered":false}}',
      ),
    },
  );
}

const ERROR_CODES = ['invalid_request', 'invalid_passcode', 'locked_out', 'expired', 'rate_limited', 'unavailable', 'no_such_code'];
const errorBody = fc.record(
  {
    error: fc.record(
      {
        code: fc.constantFrom(...ERROR_CODES),
        message: fc.constantFrom('', 'Server says no', '\u202eoops'),
        retryAfter: fc.constantFrom(0, 0.5, 7, 120, 121, DAY_S, 1e308),
        attemptsLeft: fc.constantFrom(0, 3, 1.5),
      },
      { requiredKeys: ['code', 'message'] },
    ),
  },
);

/** One answer of a route whose valid 2xx bodies `valid` generates. */
function answers(valid: fc.Arbitrary<unknown>, success: number[]): fc.Arbitrary<Answer> {
  const shared = {
    retryAfter: fc.option(retryAfterValues, { nil: undefined, freq: 3 }),
    delayMs: fc.constantFrom(0, 0, 0, 0, 500, 5 * SECOND, 16 * SECOND, 40 * SECOND),
    bodyFails: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), // the connection drops in the body
  };
  const http = (status: fc.Arbitrary<number>, text: fc.Arbitrary<string>) =>
    fc.record({ kind: fc.constant('http' as const), status, text, ...shared }, { requiredKeys: ['kind', 'status', 'text', 'delayMs', 'bodyFails'] });
  return fc.oneof(
    { weight: 8, arbitrary: http(fc.constantFrom(...success), bodyText(valid)) },
    {
      weight: 6,
      arbitrary: http(fc.constantFrom(400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 504), bodyText(errorBody)),
    },
    { weight: 1, arbitrary: http(fc.constantFrom(200, 201, 204, 404, 503), bodyText(fc.oneof(valid, errorBody))) },
    { weight: 1, arbitrary: fc.constant({ kind: 'network' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'hang' as const }) },
  );
}

const pending = ['pushed', 'calling', 'answered'] as const;
const validStatus = fc.oneof(
  fc.constantFrom(...pending).map((status) => ({ status, final: false, message: `${status}...` })),
  fc.constant({ status: 'sent', final: true, message: 'Sent', nextSmsDigit: 1 }),
  fc.constant({ status: 'allow', final: true, message: 'Success', token: 'login-token', remembered: false }),
  fc.constantFrom('deny', 'timeout', 'fraud', 'locked_out', 'canceled').map((status) => ({ status, final: true, message: status })),
);
const transactionBody = fc.record({
  txid: fc.constantFrom('tx-1', 'tx-1', 'tx-1', 'tx-other'),
  method: fc.constantFrom(...METHODS),
  version: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 53 + 2, 1e308) }),
  status: validStatus,
});
const device = fc.record({
  id: fc.constantFrom('phone-1', 'token-1'),
  displayName: fc.constantFrom('iOS (XXX-XXX-0105)', '\u202eevil'),
  type: fc.constantFrom('mobile', 'landline', 'token'),
  capabilities: fc.subarray([...METHODS]),
});
const preauthBody = fc.oneof(
  fc.record({
    result: fc.constant('auth'),
    attemptId: fc.constant('attempt-1'),
    devices: fc.array(device, { maxLength: 3 }),
    policy: fc.constant({ methods: [...METHODS], rememberMe: { allowed: true, durationSeconds: 28800 }, smsBatchSize: 10 }),
  }),
  fc.constant({ result: 'allow', token: 'remembered', message: 'Welcome back' }),
  fc.constant({ result: 'deny', message: 'No' }),
  fc.constant({ result: 'enroll', enrollUrl: 'https://backend.test/enroll', message: 'Enroll' }),
);

// ---------------------------------------------------------------------------------------------------------
// The fake backend

interface Sent {
  route: 'preauth' | 'start' | 'poll' | 'cancel';
  headers: Headers;
  answer: Answer;
}

/** A fetch that answers each route from its queue (then with 404 expired) on virtual time. */
function fakeBackend(time: VirtualTime, queues: Partial<Record<Sent['route'], Answer[]>>) {
  const sent: Sent[] = [];
  const expired: Answer = { kind: 'http', status: 404, text: '{"error":{"code":"expired","message":"Gone"}}', delayMs: 0, bodyFails: false };
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    const route: Sent['route'] =
      path.endsWith('/preauth') ? 'preauth' : path.endsWith('/cancel') ? 'cancel' : init.method === 'GET' ? 'poll' : 'start';
    const answer = queues[route]?.shift() ?? expired;
    sent.push({ route, headers: new Headers(init.headers), answer });
    const signal = init.signal ?? undefined;
    if (answer.kind === 'network') throw new TypeError('fetch failed');
    if (answer.kind === 'hang') {
      return new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    if (answer.delayMs > 0) await time.wait(answer.delayMs, signal);
    const headers = new Headers({ 'content-type': 'application/json' });
    if (answer.retryAfter !== undefined) headers.set('Retry-After', answer.retryAfter);
    // Not a real Response: the adapter reads status, headers and text(), and this keeps runs fast.
    const response = {
      status: answer.status,
      headers,
      text: async () => {
        if (answer.bodyFails) throw new TypeError('terminated: other side closed');
        return answer.text;
      },
    };
    return response as unknown as Response;
  };
  return { sent, fetch };
}

function adapterOn(time: VirtualTime, fetch: (url: string, init: RequestInit) => Promise<Response>): MfaAdapter {
  return createHttpAdapter({ baseUrl: 'https://backend.test/mfa', fetch, sleep: time.sleep, now: time.now, random: () => 0.5 });
}

/** What every run must show, whatever the route. */
function assertTypedAndBounded(time: VirtualTime, outcomes: Array<Outcome<unknown>>, requests: number, sleepsAllowed: number): void {
  for (const outcome of outcomes) {
    if (!outcome.ok) assert.ok(outcome.error instanceof MfaError, `not an MfaError: ${String(outcome.error)}`);
  }
  assert.deepEqual(time.problems, [], 'a timer overflowed');
  for (const ms of time.sleeps) assert.ok(ms >= 0 && ms <= LONGEST_SLEEP_MS, `slept ${ms} ms`);
  assert.ok(time.sleeps.length <= sleepsAllowed, `${time.sleeps.length} sleeps`);
  const bound = requests * REQUEST_MS + time.sleeps.length * LONGEST_SLEEP_MS;
  assert.ok(time.nowMs - START_MS <= bound, `took ${(time.nowMs - START_MS) / SECOND} s of virtual time`);
}

/** A 2xx answer with a body the contract accepts, for transaction `txid`. */
function validTransaction(answer: Answer | undefined, timeoutMs: number): v.InferOutput<typeof TransactionBodySchema> | undefined {
  if (answer?.kind !== 'http' || answer.status < 200 || answer.status > 299 || answer.bodyFails || answer.delayMs >= timeoutMs) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(TransactionBodySchema, json);
  return parsed.success && parsed.output.txid === 'tx-1' ? parsed.output : undefined;
}

/** The connection failed, timed out or dropped in the body: the outcome is unknown, always worth a retry. */
function connectionFailed(answer: Answer, timeoutMs: number): boolean {
  return answer.kind !== 'http' || answer.bodyFails || answer.delayMs >= timeoutMs;
}

/** An error body whose code is `expired`, or one the contract does not define (then the 404 decides). */
function meansExpired(text: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false;
  }
  const parsed = v.safeParse(ErrorBodySchema, json);
  return parsed.success && (parsed.output.error.code === 'expired' || !Object.hasOwn(HTTP_STATUS_FOR_ERROR, parsed.output.error.code));
}

function isValidTransaction(value: Transaction): boolean {
  return typeof value.txid === 'string' && METHODS.includes(value.method) && v.is(StatusUpdateSchema, value.status);
}

const startAnswer = (version: number, status: StatusUpdate): Answer => ({
  kind: 'http',
  status: 201,
  text: JSON.stringify({ txid: 'tx-1', method: 'push', version, status }),
  delayMs: 0,
  bodyFails: false,
});

async function watchAll(adapter: MfaAdapter, transaction: Transaction): Promise<StatusUpdate[]> {
  const updates: StatusUpdate[] = [];
  try {
    for await (const update of adapter.watch(transaction)) updates.push(update);
  } catch (error) {
    Object.assign(error as object, { updatesBefore: updates });
    throw error;
  }
  return updates;
}

function updatesOf(outcome: Outcome<StatusUpdate[]>): StatusUpdate[] {
  return outcome.ok ? outcome.value : ((outcome.error as { updatesBefore?: StatusUpdate[] }).updatesBefore ?? []);
}

function assertWatchUpdates(outcome: Outcome<StatusUpdate[]>, mayEndWithoutFinal: boolean): void {
  const updates = updatesOf(outcome);
  for (const update of updates) assert.ok(v.is(StatusUpdateSchema, update), `invalid update ${JSON.stringify(update)}`);
  updates.slice(0, -1).forEach((update) => assert.equal(update.final, false, 'an update after a final one'));
  if (outcome.ok && !mayEndWithoutFinal) assert.equal(updates.at(-1)?.final, true, 'the watch ended without a final status');
}

// ---------------------------------------------------------------------------------------------------------
// The properties

describe('fuzz: every generated answer ends in a typed error or a valid result, in bounded time', { timeout: 60_000 }, () => {
  test(`preauth (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(answers(preauthBody, [200, 201]), async (answer) => {
        const time = new VirtualTime();
        const backend = fakeBackend(time, { preauth: [answer] });
        const [outcome] = await time.install(() => settleAll(time, [adapterOn(time, backend.fetch).preauth({ ticket: 'tkt' })]));

        if (outcome.ok) assert.ok(v.is(PreauthResultSchema, outcome.value), 'an invalid preauth result');
        assert.equal(backend.sent.length, 1, 'preauth is not retried');
        assertTypedAndBounded(time, [outcome], 1, 0);
      }),
      { numRuns: RUNS },
    );
  });

  test(`start (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answers(transactionBody, [200, 201]), { minLength: 3, maxLength: 3 }), async (script) => {
        const time = new VirtualTime();
        const backend = fakeBackend(time, { start: [...script] });
        const adapter = adapterOn(time, backend.fetch);
        const [outcome] = await time.install(() => settleAll(time, [adapter.startPush('attempt-1', 'phone-1')]));

        if (outcome.ok) assert.ok(isValidTransaction(outcome.value), `an invalid transaction ${JSON.stringify(outcome.value)}`);
        assert.ok(backend.sent.length >= 1 && backend.sent.length <= 3, `${backend.sent.length} starts`);
        const keys = new Set(backend.sent.map((request) => request.headers.get(IDEMPOTENCY_HEADER)));
        assert.equal(keys.size, 1, 'every attempt carries the same Idempotency-Key');
        // Rule in-doubt starts: a retry follows only an answer that leaves the outcome unknown.
        for (const { answer } of backend.sent.slice(0, -1)) {
          if (answer.kind !== 'http' || answer.bodyFails || answer.delayMs > 15 * SECOND) continue;
          const inDoubt = [502, 503, 504].includes(answer.status) || (answer.status >= 200 && answer.status <= 299);
          assert.ok(inDoubt, `a start answered ${answer.status} was sent again`);
        }
        if (!outcome.ok && backend.sent.length < 3) {
          assert.ok(!connectionFailed(backend.sent.at(-1)!.answer, 15 * SECOND), 'a start in doubt was not sent again');
        }
        assertTypedAndBounded(time, [outcome], backend.sent.length, 2);
      }),
      { numRuns: RUNS },
    );
  });

  test(`poll (${RUNS} runs)`, async () => {
    const script = fc.array(answers(transactionBody, [200]), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.constantFrom(...pending), script, async (version, status, polls) => {
        const time = new VirtualTime();
        const backend = fakeBackend(time, { start: [startAnswer(version, { status, final: false, message: '...' })], poll: [...polls] });
        const adapter = adapterOn(time, backend.fetch);
        const outcome = await time.install(async () => {
          const [started] = await settleAll(time, [adapter.startPush('attempt-1', 'phone-1')]);
          assert.ok(started.ok, 'the valid start failed');
          const [watched] = await settleAll(time, [watchAll(adapter, started.value)]);
          return watched;
        });

        assertWatchUpdates(outcome, false);
        const sentPolls = backend.sent.filter((request) => request.route === 'poll');
        assert.ok(sentPolls.length <= polls.length + 1, `${sentPolls.length} polls for ${polls.length} answers`);
        // Rule versions: a valid final answer is never followed by another poll (it was an endless poll).
        sentPolls.slice(0, -1).forEach(({ answer }, i) =>
          assert.notEqual(validTransaction(answer, REQUEST_MS)?.status.final, true, `poll ${i + 2} after a valid final answer`),
        );
        for (const request of sentPolls) assert.equal(request.headers.get('Mfa-Attempt-Id'), 'attempt-1');
        assertTypedAndBounded(time, [outcome], backend.sent.length, sentPolls.length);
      }),
      { numRuns: RUNS },
    );
  });

  test(`cancel, alone or while watching (${RUNS} runs)`, async () => {
    const cancels = fc.array(answers(fc.constant({}), [200, 204, 204]), { minLength: 3, maxLength: 3 });
    const polls = fc.array(answers(transactionBody, [200]), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), cancels, polls, async (watching, cancelScript, pollScript) => {
        const time = new VirtualTime();
        const hold: Answer = { kind: 'hang' };
        const backend = fakeBackend(time, {
          start: [startAnswer(1, { status: 'pushed', final: false, message: '...' })],
          poll: watching ? [hold, ...pollScript] : [],
          cancel: [...cancelScript],
        });
        const adapter = adapterOn(time, backend.fetch);
        const [cancelOutcome, watchOutcome] = await time.install(async () => {
          const [started] = await settleAll(time, [adapter.startPush('attempt-1', 'phone-1')]);
          assert.ok(started.ok, 'the valid start failed');
          const watch = watching ? watchAll(adapter, started.value) : Promise.resolve([]);
          await nextTurn(); // the first poll is in flight, held by the server
          return settleAll(time, [adapter.cancel('tx-1'), watch]);
        });

        const sentCancels = backend.sent.filter((request) => request.route === 'cancel');
        assert.ok(sentCancels.length >= 1 && sentCancels.length <= 3, `${sentCancels.length} cancels`);
        const last = sentCancels.at(-1)!.answer;
        if (cancelOutcome.ok) {
          // Rule cancel tells the truth: it resolves only on a confirmation (2xx, or 404 expired).
          assert.ok(last.kind === 'http' && !last.bodyFails && last.delayMs <= 15 * SECOND, 'resolved without an answer');
          const expired = last.status === 404 && meansExpired(last.text);
          assert.ok((last.status >= 200 && last.status <= 299) || expired, `resolved on HTTP ${last.status}`);
        }
        if (!cancelOutcome.ok && sentCancels.length < 3) {
          assert.ok(!connectionFailed(last, 15 * SECOND), 'a cancel that failed transiently was not sent again');
        }
        // No poll between the first and the last cancel attempt: the loop waits for the outcome.
        const first = backend.sent.findIndex((request) => request.route === 'cancel');
        const lastIndex = backend.sent.lastIndexOf(sentCancels.at(-1)!);
        assert.ok(backend.sent.slice(first, lastIndex).every((request) => request.route !== 'poll'), 'polled while canceling');
        if (watching) {
          const pollsAfter = backend.sent.slice(lastIndex).filter((request) => request.route === 'poll').length;
          if (cancelOutcome.ok) assert.ok(pollsAfter <= 1, `${pollsAfter} polls after a confirmed cancel`);
          assertWatchUpdates(watchOutcome, cancelOutcome.ok);
        }
        const pollCount = backend.sent.filter((request) => request.route === 'poll').length;
        assertTypedAndBounded(time, [cancelOutcome, watchOutcome], backend.sent.length, 2 + pollCount);
      }),
      { numRuns: RUNS },
    );
  });
});
