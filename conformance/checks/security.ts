/** The guide's security rules that need more than one request to see: attempt binding, token once, single-use codes, lifetimes. */
import { describeAnswer, errorCode, expectError, expectWrongCode, readTx, waitAsked, type CheckContext } from '../context.js';
import { check, skip, type Check } from '../runner.js';
import { expectAllow } from './flows.js';
import { randomToken } from './shared.js';

export const securityChecks: Check<CheckContext>[] = [
  {
    id: 'attempt-binding.poll',
    rule: 'attempt binding',
    title: "a poll without Mfa-Attempt-Id or with another attempt's is 404 expired, like an unknown txid (a token is never read by txid alone)",
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const other = await ctx.login();
      const foreign = await ctx.login(ctx.options.otherUser).catch(() => undefined);
      const unknown = await ctx.client.poll(`tx_${randomToken(26).toLowerCase()}`, { attemptId: attempt.attemptId, after: null });
      expectError(unknown, 404, 'expired', 'a poll of an unknown txid');
      const pushed = await ctx.startPush(attempt);
      const allowed = await ctx.start(attempt, { method: 'passcode', passcode: await ctx.authenticatorCode(attempt) });
      expectAllow(allowed);
      for (const tx of [pushed, allowed]) {
        const wrong: [string, string | null][] = [
          ['no Mfa-Attempt-Id', null],
          ["another attempt's Mfa-Attempt-Id (same user)", other.attemptId],
          ...(foreign ? ([[`${ctx.options.otherUser}'s attempt`, foreign.attemptId]] as [string, string][]) : []),
        ];
        for (const [what, attemptId] of wrong) {
          for (const after of [null, tx.version - 1]) {
            const answer = await ctx.client.poll(tx.txid, { attemptId, after, wait: 1 });
            const label = `a poll of the ${tx.status.status} transaction with ${what}${after === null ? '' : ` (after=${after})`}`;
            check(answer.status === 404 && errorCode(answer) === 'expired', `${label} answered ${describeAnswer(answer)}, expected 404 expired`);
            check(answer.text === unknown.text, `${label} answered ${answer.text}, but an unknown txid answered ${unknown.text}: the answers must not differ`);
          }
        }
      }
      await ctx.client.cancel(pushed.txid, attempt.attemptId);
    },
  },
  {
    id: 'attempt-binding.cancel',
    rule: 'attempt binding',
    title: 'a cancel without or with another Mfa-Attempt-Id is 404 expired and changes nothing',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const other = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      for (const [what, attemptId] of [
        ['no Mfa-Attempt-Id', null],
        ["another attempt's Mfa-Attempt-Id", other.attemptId],
      ] as const) {
        expectError(await ctx.client.cancel(pushed.txid, attemptId), 404, 'expired', `cancel with ${what}`);
      }
      const still = readTx(await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null }));
      check(still.version === pushed.version && still.status.status === 'pushed', `after refused cancels the push is version ${still.version} "${still.status.status}", expected it untouched`);
      await ctx.client.cancel(pushed.txid, attempt.attemptId);
    },
  },
  {
    id: 'token-once',
    rule: 'token once',
    title: 'a redeemed token is gone: its transaction (poll, replayed start) is 404 expired and a second redeem fails',
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const key = `conformance-${crypto.randomUUID()}`;
      const allowed = await ctx.start(attempt, { method: 'passcode', passcode: await ctx.authenticatorCode(attempt) }, { idempotencyKey: key });
      expectAllow(allowed);
      const token = allowed.status.token as string;
      const before = await ctx.client.poll(allowed.txid, { attemptId: attempt.attemptId, after: null });
      if (before.status === 200) check(readTx(before).status.token === token, 'a read of the allow before redemption carries another token');
      else ctx.note(`before redemption a read of the allow answered ${describeAnswer(before)} (the guide allows reading it again until redeemed)`);
      const login = await ctx.control.redeem(token);
      check(login !== undefined, 'the test-control interface refused to redeem a fresh token');
      check(login.username === attempt.user, `the token redeemed as user "${login.username}", expected "${attempt.user}"`);
      expectError(await ctx.client.poll(allowed.txid, { attemptId: attempt.attemptId, after: null }), 404, 'expired', 'a poll after the token was redeemed');
      expectError(await ctx.client.poll(allowed.txid, { attemptId: attempt.attemptId, after: 0, wait: 1 }), 404, 'expired', 'a poll (after=0) after the token was redeemed');
      expectError(
        await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: '000000' }, { idempotencyKey: key }),
        404,
        'expired',
        'a replay of the start (same Idempotency-Key) after the token was redeemed',
      );
      check((await ctx.control.redeem(token)) === undefined, 'the token was redeemed a second time');
    },
  },
  {
    id: 'passcode.single-use',
    rule: 'TOTP window',
    title: 'authenticator, bypass and SMS codes work once: the same code again is 401 invalid_passcode',
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const used: string[] = [];
      const code = await ctx.authenticatorCode(attempt);
      expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: code }));
      expectWrongCode(await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: code }), 'the same authenticator code again');
      used.push('authenticator');
      if (ctx.env.control) {
        const [bypass] = await ctx.control.bypassCodes(attempt.user);
        if (bypass) {
          expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: bypass }));
          expectWrongCode(await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: bypass }), 'the same bypass code again');
          used.push('bypass');
        }
      }
      const sms = attempt.devices.find((d) => d.capabilities?.includes('sms'));
      if (sms && attempt.policy.methods.includes('sms')) {
        await ctx.start(attempt, { method: 'sms', deviceId: sms.id });
        const [first] = await ctx.phone.newestSmsCodes(attempt.user, sms.id);
        expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: first as string }));
        expectWrongCode(await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: first }), 'the same SMS code again');
        used.push('SMS');
      }
      ctx.note(`checked: ${used.join(', ')} codes`);
    },
  },
  {
    id: 'totp.window',
    rule: 'TOTP window',
    title: 'an authenticator code works in its 30 s step and 5 s into the next, not 10 s into it',
    needs: ['tickets', 'control', 'clock'],
    async run(ctx) {
      const attempt = await ctx.login();
      ctx.deviceFor(attempt, 'passcode');
      /** Moves the server's clock to `intoStep` ms into the next 30 s step; returns that step's code. */
      const codeAtStepStart = async (intoStep: number) => {
        const now = await ctx.control.now();
        await ctx.advance(Math.ceil(now / 30_000) * 30_000 + intoStep - now, 'the TOTP window');
        return ctx.control.authenticatorCode(attempt.user);
      };
      const late = await codeAtStepStart(1000);
      await ctx.advance(29_000 + 2000, 'the TOTP window');
      const fresh = await ctx.login(attempt.user);
      expectAllow(await ctx.start(fresh, { method: 'passcode', passcode: late }));
      const stale = await codeAtStepStart(1000);
      await ctx.advance(29_000 + 10_000, 'the TOTP window');
      const again = await ctx.login(attempt.user);
      expectWrongCode(await ctx.client.start({ attemptId: again.attemptId, method: 'passcode', passcode: stale }), 'a code typed 10 s into the next step');
    },
  },
  {
    id: 'sms.batch-invalidation',
    rule: 'SMS batch codes are look-up secrets',
    title: "a new SMS batch invalidates every older code; the new batch's codes work",
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'sms');
      const first = await ctx.start(attempt, { method: 'sms', deviceId: device.id });
      const oldCodes = await ctx.control.newestSmsCodes(attempt.user, device.id);
      const cooldown = typeof first.status.resendInSeconds === 'number' ? first.status.resendInSeconds : 0;
      if (cooldown > 0) await ctx.elapse((cooldown + 1) * 1000, 'the SMS cooldown');
      let answer = await ctx.client.start({ attemptId: attempt.attemptId, method: 'sms', deviceId: device.id });
      if (answer.status === 429) {
        await ctx.elapse(((waitAsked(answer) ?? 30) + 1) * 1000, 'the SMS cooldown');
        answer = await ctx.client.start({ attemptId: attempt.attemptId, method: 'sms', deviceId: device.id });
      }
      check(answer.status === 201, `a second batch answered ${describeAnswer(answer)}`);
      const newCodes = await ctx.control.newestSmsCodes(attempt.user, device.id);
      check(newCodes.join() !== oldCodes.join(), 'the second batch has the same codes as the first');
      const old = oldCodes.at(-1) as string;
      expectWrongCode(await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: old }), 'an unused code of the older batch');
      expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: newCodes[0] as string }));
    },
  },
  {
    id: 'sms.next-digit',
    title: 'nextSmsDigit is the lowest unused code of the batch, also when codes are used out of order, and absent once all are used',
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'sms');
      await ctx.start(attempt, { method: 'sms', deviceId: device.id });
      const codes = await ctx.control.newestSmsCodes(attempt.user, device.id);
      if (codes.length < 3) skip(`batches of ${codes.length} codes: out-of-order use needs 3`);
      const nextAfter = async (positions: number[]) => {
        for (const position of positions) expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: codes[position - 1] as string }));
        return (await ctx.login(attempt.user)).devices.find((d) => d.id === device.id)?.nextSmsDigit;
      };
      const digit = (position: number) => position % 10;
      const steps: [number[], number | undefined][] = [
        [[1], digit(2)],
        [[3], digit(2)],
        [[2], codes.length >= 4 ? digit(4) : undefined],
        [codes.map((_, i) => i + 1).filter((p) => p > 3), undefined],
      ];
      const used: number[] = [];
      for (const [positions, expected] of steps) {
        used.push(...positions);
        const next = await nextAfter(positions);
        check(next === expected, `with codes ${used.join(', ')} of ${codes.length} used, preauth says nextSmsDigit ${String(next)}, expected ${expected === undefined ? 'none (all used)' : expected}`);
      }
    },
  },
  {
    id: 'attempt-lifetime',
    rule: 'attempt lifetime',
    title: 'after 10 minutes an attempt and its transactions are 404 expired',
    needs: ['tickets', 'clock'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      await ctx.advance(10 * 60_000 + 1000, 'an attempt 10 minutes old');
      expectError(await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null }), 404, 'expired', 'a poll 10 minutes after preauth');
      const device = ctx.deviceFor(attempt, 'push');
      expectError(await ctx.client.start({ attemptId: attempt.attemptId, method: 'push', deviceId: device.id }), 404, 'expired', 'a start 10 minutes after preauth');
    },
  },
];
