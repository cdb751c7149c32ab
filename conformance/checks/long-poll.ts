/** The long poll: it holds, it answers at once on a change or when the client is behind, and versions step by one. */
import { describeAnswer, readTx, type CheckContext } from '../context.js';
import type { Answer } from '../http.js';
import { check, type Check } from '../runner.js';


export const longPollChecks: Check<CheckContext>[] = [
  {
    id: 'long-poll.holds',
    rule: 'long-poll rule',
    title: 'a poll with after=version holds, and answers as soon as the status changes',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'push');
      const pushed = await ctx.start(attempt, { method: 'push', deviceId: device.id });
      const wait = Math.max(2, ctx.options.pollWaitSeconds);
      const poll = settleLater(ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: pushed.version, wait }));
      await ctx.env.sleep(600);
      if (poll.settled) {
        const answer = await poll.promise;
        check(false, `a poll with after=${pushed.version}&wait=${wait} answered after ${Math.round(answer.ms)} ms with ${describeAnswer(answer)}, without waiting for a change: the server does not hold long polls`);
      }
      const changedAt = performance.now();
      const cancel = await ctx.client.cancel(pushed.txid, attempt.attemptId);
      check(cancel.status === 204, `cancel answered ${describeAnswer(cancel)}, expected 204`);
      const answer = await poll.promise;
      const after = performance.now() - changedAt;
      check(answer.status === 200, `the held poll answered ${describeAnswer(answer)}`);
      const tx = readTx(answer);
      check(tx.version === pushed.version + 1 && tx.status.status === 'canceled', `the held poll answered version ${tx.version} "${tx.status.status}", expected version ${pushed.version + 1} "canceled"`);
      check(after < ctx.options.atOnceMs, `the held poll answered ${Math.round(after)} ms after the change; expected at once`);
      ctx.note(`held more than 600 ms; answered ${Math.round(after)} ms after the cancel`);
    },
  },
  {
    id: 'long-poll.wait-limit',
    rule: 'long-poll rule',
    title: 'a poll with nothing new answers the unchanged body when its wait runs out',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'push');
      const pushed = await ctx.start(attempt, { method: 'push', deviceId: device.id });
      const poll = settleLater(ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: pushed.version, wait: 1, timeoutMs: 6000 }));
      await ctx.env.sleep(300);
      if (!poll.settled && ctx.hasClock) await ctx.control.advance(1000);
      const answer = await poll.promise;
      check(answer.status === 200, `a poll with after=${pushed.version}&wait=1 answered ${describeAnswer(answer)}, expected 200 with the unchanged body`);
      const tx = readTx(answer);
      check(tx.version === pushed.version && tx.status.status === pushed.status.status, `expected the unchanged body (version ${pushed.version}, "${pushed.status.status}"), got version ${tx.version} "${tx.status.status}"`);
      ctx.note(`answered after ${Math.round(answer.ms)} ms${ctx.hasClock ? ' (the clock moved 1 s)' : ''}`);
      await ctx.client.cancel(pushed.txid, attempt.attemptId);
    },
  },
  {
    id: 'long-poll.behind',
    rule: 'long-poll rule',
    title: 'a client behind (after lower than the version) or without after gets the current body at once',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'push');
      const pushed = await ctx.start(attempt, { method: 'push', deviceId: device.id });
      const cancel = await ctx.client.cancel(pushed.txid, attempt.attemptId);
      check(cancel.status === 204, `cancel answered ${describeAnswer(cancel)}, expected 204`);
      const current = pushed.version + 1;
      const polls: [string, Answer][] = [
        [`after=${pushed.version}`, await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: pushed.version, wait: 5 })],
        ['after=0', await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: 0, wait: 5 })],
        ['no after', await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null })],
      ];
      for (const [what, answer] of polls) {
        check(answer.status === 200, `the poll with ${what} answered ${describeAnswer(answer)}`);
        const tx = readTx(answer);
        check(tx.version === current, `the poll with ${what} answered version ${tx.version}, expected the current ${current}`);
        check(answer.ms < ctx.options.atOnceMs, `the poll with ${what} took ${Math.round(answer.ms)} ms; a client behind must get its answer at once`);
      }
    },
  },
  {
    id: 'versions',
    rule: 'versions',
    title: 'each status change increases the version by exactly one (a call: calling, answered, allow)',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushDevice = attempt.devices.find((d) => d.capabilities?.includes('push'));
      if (pushDevice) {
        const pushed = await ctx.start(attempt, { method: 'push', deviceId: pushDevice.id });
        await ctx.client.cancel(pushed.txid, attempt.attemptId);
        const canceled = await ctx.waitForVersion(pushed.txid, attempt.attemptId, pushed.version);
        check(canceled.version === pushed.version + 1, `a cancel took the version from ${pushed.version} to ${canceled.version}, expected ${pushed.version + 1}`);
      }
      if (!ctx.env.control) return ctx.note('the call steps were not checked: a person cannot be relied on to let each step be seen');
      const device = ctx.deviceFor(attempt, 'phone');
      const calling = await ctx.start(attempt, { method: 'phone', deviceId: device.id });
      await ctx.control.answerCall(attempt.user);
      const answered = await ctx.waitForVersion(calling.txid, attempt.attemptId, calling.version);
      check(answered.version === calling.version + 1 && answered.status.status === 'answered', `after "${calling.status.status}" (version ${calling.version}) came version ${answered.version} "${answered.status.status}", expected ${calling.version + 1} "answered"`);
      await ctx.control.pressKey(attempt.user);
      const allowed = await ctx.waitForVersion(calling.txid, attempt.attemptId, answered.version);
      check(allowed.version === answered.version + 1 && allowed.status.status === 'allow', `after "answered" (version ${answered.version}) came version ${allowed.version} "${allowed.status.status}", expected ${answered.version + 1} "allow"`);
    },
  },
];

/** A promise whose settling can be looked at without waiting. */
function settleLater<T>(promise: Promise<T>): { promise: Promise<T>; settled: boolean } {
  const handle = { promise, settled: false };
  promise.then(
    () => (handle.settled = true),
    () => (handle.settled = true),
  );
  return handle;
}
