/** The failure cap (growing delays, lock-out, a count that survives the lock) and the rate limits. */
import { describeAnswer, errorCode, expectError, expectWrongCode, isLockedOut, waitAsked, type Attempt, type CheckContext } from '../context.js';
import { retryAfterSeconds, type Answer } from '../http.js';
import { check, fail, skip, type Check } from '../runner.js';
import { expectAllow } from './flows.js';

/** NIST SP 800-63B-4's ceiling: no server may allow more consecutive failures. */
const MAX_FAILURES = 100;

export const limitChecks: Check<CheckContext>[] = [
  {
    id: 'failure-cap.delays',
    rule: 'failure cap',
    title: 'from the 3rd consecutive failure, further codes get 429 rate_limited with a growing retryAfter',
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      await startFromZeroFailures(ctx, attempt);
      for (let n = 1; n <= 3; n++) {
        const answer = await wrongCode(ctx, attempt);
        expectWrongCode(answer, `wrong code number ${n}`);
      }
      const first = await wrongCode(ctx, attempt);
      const firstWait = expectDelay(first, 'a code right after the 3rd consecutive failure');
      await ctx.elapse(firstWait * 1000, 'the growing delay');
      const fourth = await wrongCode(ctx, attempt);
      expectWrongCode(fourth, `a wrong code after waiting retryAfter (${firstWait} s)`);
      const second = await wrongCode(ctx, attempt);
      const secondWait = expectDelay(second, 'a code right after the 4th consecutive failure');
      check(secondWait > firstWait, `the delay did not grow: ${firstWait} s after the 3rd failure, ${secondWait} s after the 4th`);
      ctx.note(`delays: ${firstWait} s, then ${secondWait} s`);
    },
  },
  {
    id: 'failure-cap.lockout',
    rule: 'failure cap',
    title: "the 10th consecutive failure (over several attempts) locks the user: 403 locked_out for every start, even a right code; preauth denies; pending transactions end locked_out",
    needs: ['tickets', 'control', 'clock'],
    async run(ctx) {
      const lock = await failUntilLocked(ctx, ctx.options.user, { beforeLastFailure: startPush });
      if (!lock.locked) fail(`${lock.failures} consecutive wrong codes over ${lock.attempts} attempts and no lock-out (403 locked_out)${lock.detail}`);
      check(lock.failures === LOCK_AT, `the user was locked at failure ${lock.failures}; the guide locks at the ${LOCK_AT}th consecutive failure`);
      ctx.note(`locked at failure ${lock.failures}, over ${lock.attempts} attempts`);
      const attempt = lock.last;
      const push = attempt.devices.find((d) => d.capabilities?.includes('push'));
      if (push) {
        const start = await ctx.client.start({ attemptId: attempt.attemptId, method: 'push', deviceId: push.id });
        check(isLockedOut(start), `a push start of the locked user answered ${describeAnswer(start)}, expected 403 locked_out`);
      }
      const right = await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: await ctx.control.authenticatorCode(attempt.user) });
      check(isLockedOut(right), `a right authenticator code of the locked user answered ${describeAnswer(right)}, expected 403 locked_out`);
      const preauth = await ctx.client.preauth({ ticket: await ctx.ticket(attempt.user), username: attempt.user });
      const body = preauth.json as { result?: string; message?: string } | undefined;
      check(preauth.status === 200 && body?.result === 'deny' && !!body.message, `preauth of the locked user answered ${describeAnswer(preauth)}; expected "deny" with a message saying so`);
      if (lock.pending) {
        const ended = await ctx.waitForFinal(lock.pending.txid, lock.pending.attemptId, lock.pending.version);
        check(ended.status.status === 'locked_out', `a push pending when the lock began ended "${ended.status.status}", expected "locked_out"`);
      }
    },
  },
  {
    id: 'failure-cap.survives-lock',
    rule: 'failure cap',
    title: 'the lock lasts 15 minutes; when it ends the failure count stays: the next wrong code locks again at once',
    needs: ['tickets', 'control', 'clock'],
    async run(ctx) {
      const lock = await failUntilLocked(ctx, ctx.options.user);
      if (!lock.locked) skip('no lock-out was reached (see failure-cap.lockout)');
      const user = ctx.options.user;
      const resultAfter = async (minutes: number) => {
        await ctx.control.advance(minutes * 60_000);
        return ((await ctx.client.preauth({ ticket: await ctx.ticket(user), username: user })).json as { result?: string })?.result;
      };
      const during = await resultAfter(14);
      check(during === 'deny', `14 minutes into the lock preauth answered "${during}"; a temporary lock lasts 15 minutes`);
      const afterwards = await resultAfter(2);
      check(afterwards === 'auth', `16 minutes after the lock began preauth answered "${afterwards}"; a temporary lock ends after 15 minutes`);
      const answer = await wrongCode(ctx, await ctx.login(user));
      check(
        isLockedOut(answer),
        `the first wrong code after the lock ended answered ${describeAnswer(answer)}; expected 403 locked_out: the failure count was reset when the lock ended`,
      );
    },
  },
  {
    id: 'failure-cap.keyword-not-a-failure',
    rule: 'failure cap',
    title: 'a keyword for a device that does not exist (push9) is 400 invalid_request and not a failure',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      await startFromZeroFailures(ctx, attempt);
      const pushes = attempt.devices.filter((d) => d.capabilities?.includes('push')).length;
      const keyword = `push${pushes + 1}`;
      for (let n = 1; n <= 2; n++) expectWrongCode(await wrongCode(ctx, attempt), `wrong code number ${n}`);
      for (let n = 1; n <= 3; n++) {
        expectError(await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: keyword }), 400, 'invalid_request', `the keyword "${keyword}" (${pushes} push device(s))`);
      }
      expectWrongCode(await wrongCode(ctx, attempt), `a wrong code after 2 failures and 3 keywords for a missing device (counted as failures, it would meet the growing delay)`);
    },
  },
  {
    id: 'rate-limit.push',
    rule: 'push rate limit',
    title: 'pushes of one user are limited: 429 rate_limited with Retry-After',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login(ctx.options.otherUser);
      const device = ctx.deviceFor(attempt, 'push');
      let last: string | undefined;
      for (let i = 1; i <= 30; i++) {
        const answer = await ctx.client.start({ attemptId: attempt.attemptId, method: 'push', deviceId: device.id });
        if (answer.status === 429) {
          check(errorCode(answer) === 'rate_limited', `push number ${i} answered ${describeAnswer(answer)}, expected 429 rate_limited`);
          check(answer.headers.has('retry-after'), `the 429 after ${i - 1} pushes has no Retry-After header`);
          ctx.note(`refused after ${i - 1} pushes (Retry-After ${answer.headers.get('retry-after')})`);
          if (last) await ctx.client.cancel(last, attempt.attemptId);
          return;
        }
        check(answer.status === 201, `push number ${i} answered ${describeAnswer(answer)}`);
        last = (answer.json as { txid?: string })?.txid;
      }
      if (last) await ctx.client.cancel(last, attempt.attemptId);
      fail(`30 pushes to ${ctx.options.otherUser} in a row were all sent: pushes must be rate-limited (the simulator allows 5 a minute)`);
    },
  },
  {
    id: 'rate-limit.sms',
    rule: 'push rate limit',
    title: 'SMS batches are limited: a batch within the cooldown (resendInSeconds) is 429 with Retry-After',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login(ctx.options.otherUser);
      const device = ctx.deviceFor(attempt, 'sms');
      let resend: number | undefined;
      for (let i = 1; i <= 10; i++) {
        const answer = await ctx.client.start({ attemptId: attempt.attemptId, method: 'sms', deviceId: device.id });
        if (answer.status === 429) {
          check(errorCode(answer) === 'rate_limited', `batch number ${i} answered ${describeAnswer(answer)}, expected 429 rate_limited`);
          const header = retryAfterSeconds(answer.headers);
          check(header !== undefined, `the 429 after ${i - 1} batches has no Retry-After header`);
          if (i === 2 && resend !== undefined) {
            check(Math.abs((header as number) - resend) <= 2, `resendInSeconds said ${resend} s but the refused batch says Retry-After ${String(header)} s`);
          }
          return ctx.note(`refused after ${i - 1} batches (Retry-After ${String(header)} s${resend === undefined ? '' : `, resendInSeconds was ${resend}`})`);
        }
        check(answer.status === 201, `batch number ${i} answered ${describeAnswer(answer)}`);
        const status = (answer.json as { status?: { resendInSeconds?: number } })?.status;
        if (i === 1) resend = status?.resendInSeconds;
      }
      fail('10 SMS batches in a row were all sent: SMS must be rate-limited (they cost money)');
    },
  },
];

/** Without the test-control interface nothing reset the server: a success sets the failure count back to zero. */
async function startFromZeroFailures(ctx: CheckContext, attempt: Attempt): Promise<void> {
  ctx.deviceFor(attempt, 'passcode');
  if (ctx.env.control) return;
  expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: await ctx.authenticatorCode(attempt) }));
  ctx.note('logged in once first, so the failure count starts at zero');
}

/** A wrong 6-digit code on the attempt. */
function wrongCode(ctx: CheckContext, attempt: Attempt): Promise<Answer> {
  return ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: ctx.wrongPasscode() });
}

/** Reads a growing-delay refusal: 429 rate_limited with retryAfter in the body and Retry-After. */
function expectDelay(answer: Answer, what: string): number {
  check(answer.status === 429 && errorCode(answer) === 'rate_limited', `${what} answered ${describeAnswer(answer)}, expected 429 rate_limited (a growing delay)`);
  const retryAfter = (answer.json as { error?: { retryAfter?: unknown } }).error?.retryAfter;
  check(typeof retryAfter === 'number' && retryAfter > 0, `${what}: the 429 has no positive retryAfter in its body`);
  check(answer.headers.has('retry-after'), `${what}: the 429 has no Retry-After header`);
  return retryAfter;
}

/** The longest growing delay the guide allows. */
const MAX_DELAY_SECONDS = 60;
/** The guide's threshold: the 10th consecutive failure locks for 15 minutes. */
const LOCK_AT = 10;
/** Failures per attempt before the next one starts a new attempt: the count is the user's, not the attempt's. */
const FAILURES_PER_ATTEMPT = 4;

interface Lock {
  locked: boolean;
  failures: number;
  attempts: number;
  last: Attempt;
  detail: string;
  /** A push started just before the locking failure (see `beforeLastFailure`). */
  pending?: { txid: string; attemptId: string; version: number };
}

/** Starts a push in a new attempt of `user`, so the lock has a pending transaction to end. */
async function startPush(ctx: CheckContext, user: string): Promise<Lock['pending']> {
  const attempt = await ctx.login(user);
  const push = attempt.devices.find((d) => d.capabilities?.includes('push'));
  if (!push) return undefined;
  const tx = await ctx.start(attempt, { method: 'push', deviceId: push.id });
  return { txid: tx.txid, attemptId: attempt.attemptId, version: tx.version };
}

/**
 * Wrong codes until 403 locked_out, at most 100, in a new attempt every few failures, moving the clock
 * through the growing delays. Stops (not locked) when the lock does not come when `attemptsLeft` said.
 */
async function failUntilLocked(
  ctx: CheckContext,
  user: string,
  { beforeLastFailure }: { beforeLastFailure?: (ctx: CheckContext, user: string) => Promise<Lock['pending']> } = {},
): Promise<Lock> {
  let attempt = await ctx.login(user);
  ctx.deviceFor(attempt, 'passcode');
  let attempts = 1;
  let failures = 0;
  let promisedLockAt: number | undefined;
  let pending: Lock['pending'];
  for (let requests = 0; requests < MAX_FAILURES * 3 && failures < MAX_FAILURES + 1; requests++) {
    if (failures > 0 && failures % FAILURES_PER_ATTEMPT === 0 && attempts <= failures / FAILURES_PER_ATTEMPT) {
      attempt = await ctx.login(user);
      attempts += 1;
    }
    if (beforeLastFailure && !pending && failures === (promisedLockAt ?? LOCK_AT) - 1) {
      // Past the growing delay first (60 s at most), so the push is still pending when the lock comes.
      await ctx.control.advance(MAX_DELAY_SECONDS * 1000);
      pending = await beforeLastFailure(ctx, user);
    }
    const answer = await wrongCode(ctx, attempt);
    if (isLockedOut(answer)) return { locked: true, failures: failures + 1, attempts, last: attempt, detail: '', ...(pending ? { pending } : {}) };
    if (answer.status === 429) {
      await ctx.control.advance(Math.max(1, waitAsked(answer) ?? 1) * 1000);
      continue;
    }
    expectWrongCode(answer, `wrong code number ${failures + 1}`);
    failures += 1;
    const left = (answer.json as { error?: { attemptsLeft?: unknown } }).error?.attemptsLeft;
    if (typeof left === 'number') promisedLockAt ??= failures + left;
    if (promisedLockAt !== undefined && failures >= promisedLockAt) {
      return { locked: false, failures, attempts, last: attempt, detail: `: attemptsLeft promised a lock-out at failure ${promisedLockAt}` };
    }
  }
  return { locked: false, failures, attempts, last: attempt, detail: '' };
}
