/** The failure cap (growing delays, lock-out, a count that survives the lock) and the rate limits. */
import { describeAnswer, errorCode, expectWrongCode, isLockedOut, waitAsked, type Attempt, type CheckContext } from '../context.js';
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
      ctx.deviceFor(attempt, 'passcode');
      if (!ctx.env.control) {
        // Nothing reset the server: a success sets the failure count back to zero.
        expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: await ctx.authenticatorCode(attempt) }));
        ctx.note('logged in once first, so the failure count starts at zero');
      }
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
    title: 'consecutive failures lock the user (403 locked_out, at most 100, no later than attemptsLeft said); starts are refused',
    needs: ['tickets', 'control', 'clock'],
    async run(ctx) {
      const attempt = await ctx.login();
      const lock = await failUntilLocked(ctx, attempt);
      if (!lock.locked) fail(`${lock.failures} consecutive wrong codes and no lock-out (403 locked_out)${lock.detail}`);
      ctx.note(`locked after ${lock.failures} consecutive failures`);
      const push = attempt.devices.find((d) => d.capabilities?.includes('push'));
      if (push) {
        const start = await ctx.client.start({ attemptId: attempt.attemptId, method: 'push', deviceId: push.id });
        check(isLockedOut(start), `a push start of the locked user answered ${describeAnswer(start)}, expected 403 locked_out`);
      }
      const preauth = await ctx.client.preauth({ ticket: await ctx.ticket(attempt.user), username: attempt.user });
      const result = (preauth.json as { result?: string })?.result;
      check(
        (preauth.status === 200 && result === 'deny') || isLockedOut(preauth),
        `preauth of the locked user answered ${describeAnswer(preauth)}; expected "deny" or 403 locked_out`,
      );
    },
  },
  {
    id: 'failure-cap.survives-lock',
    rule: 'failure cap',
    title: 'when a temporary lock ends the failure count stays: the next wrong code locks again at once',
    needs: ['tickets', 'control', 'clock'],
    async run(ctx) {
      const attempt = await ctx.login();
      const lock = await failUntilLocked(ctx, attempt);
      if (!lock.locked) skip('no lock-out was reached (see failure-cap.lockout)');
      let fresh: Attempt | undefined;
      let waitedMinutes = 0;
      for (const minutes of [16, 45, 120, 24 * 60]) {
        await ctx.control.advance((minutes - waitedMinutes) * 60_000);
        waitedMinutes = minutes;
        const preauth = await ctx.client.preauth({ ticket: await ctx.ticket(attempt.user), username: attempt.user });
        if ((preauth.json as { result?: string })?.result === 'auth') {
          fresh = await ctx.login(attempt.user);
          break;
        }
      }
      if (!fresh) skip('the lock did not end within 24 hours (a permanent lock): nothing to check');
      ctx.note(`the lock ended within ${waitedMinutes} minutes`);
      const answer = await wrongCode(ctx, fresh);
      check(
        isLockedOut(answer),
        `the first wrong code after the lock ended answered ${describeAnswer(answer)}; expected 403 locked_out: the failure count was reset when the lock ended`,
      );
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

/**
 * Wrong codes until 403 locked_out (moving the clock through the growing delays), at most 100. Fails
 * when the lock comes later than an `attemptsLeft` promised.
 */
async function failUntilLocked(ctx: CheckContext, attempt: Attempt): Promise<{ locked: boolean; failures: number; detail: string }> {
  ctx.deviceFor(attempt, 'passcode');
  let failures = 0;
  let promisedLockAt: number | undefined;
  for (let requests = 0; requests < MAX_FAILURES * 3 && failures < MAX_FAILURES + 1; requests++) {
    const answer = await wrongCode(ctx, attempt);
    if (isLockedOut(answer)) return { locked: true, failures: failures + 1, detail: '' };
    if (answer.status === 429) {
      await ctx.control.advance(Math.max(1, waitAsked(answer) ?? 1) * 1000);
      continue;
    }
    expectWrongCode(answer, `wrong code number ${failures + 1}`);
    failures += 1;
    const left = (answer.json as { error?: { attemptsLeft?: unknown } }).error?.attemptsLeft;
    if (typeof left === 'number') promisedLockAt ??= failures + left;
    if (promisedLockAt !== undefined && failures >= promisedLockAt) {
      return { locked: false, failures, detail: `: attemptsLeft promised a lock-out at failure ${promisedLockAt}` };
    }
  }
  return { locked: false, failures, detail: '' };
}
