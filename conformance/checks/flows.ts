/** Every method end to end, with the phone played by the test-control interface or a person. */
import { describeAnswer, expectError, readTx, type Attempt, type CheckContext, type Tx } from '../context.js';
import { check, fail, skip, type Check } from '../runner.js';

export const flowChecks: Check<CheckContext>[] = [
  {
    id: 'flow.push',
    title: 'push: pushed, the phone approves (typing the code the screen shows), allow with a token',
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'push');
      const pushed = await ctx.start(attempt, { method: 'push', deviceId: device.id });
      check(pushed.method === 'push' && pushed.status.status === 'pushed' && pushed.status.final === false, `the start answered "${pushed.status.status}" (final ${pushed.status.final}), expected "pushed", not final`);
      if (ctx.env.control) {
        const onPhone = await ctx.control.pendingPush(attempt.user);
        check(onPhone?.txid === pushed.txid, `the phone shows push ${onPhone?.txid ?? '(none)'}, expected ${pushed.txid}`);
        check(onPhone.verificationCode === pushed.status.verificationCode, `the login screen shows code ${String(pushed.status.verificationCode)} but the phone expects ${String(onPhone.verificationCode)}`);
      }
      await ctx.approve(attempt, pushed);
      const done = await ctx.waitForFinal(pushed.txid, attempt.attemptId, pushed.version);
      expectAllow(done);
      ctx.note(pushed.status.verificationCode ? `Verified Push: approved with code ${String(pushed.status.verificationCode)}` : 'classic push (no verification code)');
    },
  },
  {
    id: 'flow.push-verified',
    rule: 'verified push',
    title: 'Verified Push: a fresh 3-6 digit code per push; a wrong code on the phone denies the push',
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'push');
      const first = await ctx.start(attempt, { method: 'push', deviceId: device.id });
      const code = first.status.verificationCode;
      if (code === undefined) skip(`Verified Push not offered: the "pushed" status carries no verificationCode${attempt.policy.verifiedPush ? ' although policy.verifiedPush is true' : ''}`);
      check(typeof code === 'string' && /^\d{3,6}$/.test(code), `verificationCode ${JSON.stringify(code)} is not 3 to 6 digits`);
      if (attempt.policy.verifiedPush !== true) ctx.note('pushes carry codes but policy.verifiedPush is not true');
      const wrong = String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
      await ctx.control.approvePush(attempt.user, wrong);
      const denied = await ctx.waitForFinal(first.txid, attempt.attemptId, first.version);
      check(denied.status.status === 'deny', `the phone typed ${wrong} for code ${code} and the push ended "${denied.status.status}", expected "deny"`);
      const codes = [code];
      for (let i = 0; i < 3; i++) {
        const next = await ctx.start(attempt, { method: 'push', deviceId: device.id });
        codes.push(String(next.status.verificationCode));
      }
      check(new Set(codes).size > 1, `four pushes all showed code ${code}: each push needs a fresh random code`);
      ctx.note(`codes seen: ${codes.join(', ')}`);
    },
  },
  {
    id: 'flow.push-deny',
    title: 'push: the phone denies, the transaction ends "deny"',
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      await ctx.phone.denyPush(attempt.user);
      const done = await ctx.waitForFinal(pushed.txid, attempt.attemptId, pushed.version);
      check(done.status.status === 'deny', `a denied push ended "${done.status.status}", expected "deny"`);
    },
  },
  {
    id: 'flow.call',
    title: 'call: calling, answered, a key pressed, allow',
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const calling = await ctx.start(attempt, { method: 'phone', deviceId: ctx.deviceFor(attempt, 'phone').id });
      check(calling.method === 'phone' && calling.status.status === 'calling' && !calling.status.final, `the start answered "${calling.status.status}", expected "calling"`);
      if (ctx.env.control) {
        await ctx.control.answerCall(attempt.user);
        const answered = await ctx.waitForVersion(calling.txid, attempt.attemptId, calling.version);
        check(answered.status.status === 'answered' && !answered.status.final, `after the answer the call is "${answered.status.status}", expected "answered"`);
        await ctx.control.pressKey(attempt.user, '1');
        expectAllow(await ctx.waitForFinal(calling.txid, attempt.attemptId, answered.version));
      } else {
        await ctx.phone.answerAndPress(attempt.user);
        expectAllow(await ctx.waitForFinal(calling.txid, attempt.attemptId, calling.version));
      }
    },
  },
  {
    id: 'flow.sms-passcode',
    title: 'SMS: a batch is "sent" (final), codes start with their position, nextSmsDigit follows, a code logs in',
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'sms');
      const sent = await ctx.start(attempt, { method: 'sms', deviceId: device.id });
      check(sent.method === 'sms' && sent.status.status === 'sent' && sent.status.final === true, `the start answered "${sent.status.status}" (final ${sent.status.final}), expected "sent", final`);
      check(sent.status.nextSmsDigit === 1, `"sent" says nextSmsDigit ${String(sent.status.nextSmsDigit)}, expected 1 for a new batch`);
      const codes = await ctx.phone.newestSmsCodes(attempt.user, device.id);
      codes.forEach((code, index) => {
        check(/^\d+$/.test(code) && code[0] === String((index + 1) % 10), `SMS code number ${index + 1} starts with ${code[0]}; a code's first digit is its position (1-9, 0 for the tenth)`);
      });
      if (ctx.env.control && attempt.policy.smsBatchSize !== undefined) {
        check(codes.length === attempt.policy.smsBatchSize, `the batch has ${codes.length} codes, policy.smsBatchSize says ${attempt.policy.smsBatchSize}`);
      }
      const before = await ctx.login(attempt.user);
      check(nextDigit(before, device.id) === 1, `after a new batch, preauth says nextSmsDigit ${String(nextDigit(before, device.id))} for ${device.id}, expected 1`);
      const allowed = await ctx.start(before, { method: 'passcode', passcode: codes[0] as string });
      expectAllow(allowed);
      if (codes.length > 1) {
        const afterUse = await ctx.login(attempt.user);
        check(nextDigit(afterUse, device.id) === 2, `after code 1 was used, preauth says nextSmsDigit ${String(nextDigit(afterUse, device.id))}, expected 2`);
      }
    },
  },
  {
    id: 'flow.authenticator',
    title: "passcode: the authenticator app's current code logs in (201 allow)",
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const code = await ctx.authenticatorCode(attempt);
      expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: code }));
    },
  },
  {
    id: 'flow.token',
    title: "passcode: the hardware token's next code logs in",
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const token = attempt.devices.find((d) => d.type === 'token' && d.capabilities?.includes('passcode'));
      if (!token) skip(`${attempt.user} has no hardware token (a device of type "token")`);
      const code = await ctx.control.tokenCode(attempt.user).catch((error: Error) => skip(`the test-control interface gives no token code: ${error.message}`));
      expectAllow(await ctx.start(attempt, { method: 'passcode', passcode: code, deviceId: token.id }));
    },
  },
  {
    id: 'flow.fraud',
    title: 'fraud from the phone: a push reported, or key 9 on a call, ends the transaction "fraud"',
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      await ctx.control.reportPush(attempt.user);
      const reported = await ctx.waitForFinal(pushed.txid, attempt.attemptId, pushed.version);
      check(reported.status.status === 'fraud', `a push reported as fraud on the phone ended "${reported.status.status}", expected "fraud"`);
      const calling = await ctx.start(attempt, { method: 'phone', deviceId: ctx.deviceFor(attempt, 'phone').id });
      await ctx.control.answerCall(attempt.user);
      const answered = await ctx.waitForVersion(calling.txid, attempt.attemptId, calling.version);
      await ctx.control.pressKey(attempt.user, '9');
      const nine = await ctx.waitForFinal(calling.txid, attempt.attemptId, answered.version);
      check(nine.status.status === 'fraud', `key 9 on the call ended it "${nine.status.status}", expected "fraud"`);
    },
  },
  {
    id: 'flow.call-hang-up',
    title: 'call: hung up without a key, the call ends "deny"',
    needs: ['tickets', 'control'],
    async run(ctx) {
      const attempt = await ctx.login();
      const calling = await ctx.start(attempt, { method: 'phone', deviceId: ctx.deviceFor(attempt, 'phone').id });
      await ctx.control.answerCall(attempt.user);
      const answered = await ctx.waitForVersion(calling.txid, attempt.attemptId, calling.version);
      await ctx.control.hangUp(attempt.user);
      const done = await ctx.waitForFinal(calling.txid, attempt.attemptId, answered.version);
      check(done.status.status === 'deny', `a call hung up without a key ended "${done.status.status}", expected "deny"`);
    },
  },
  {
    id: 'flow.keyword',
    title: 'passcode keyword "push" starts a push on the first push device',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      ctx.deviceFor(attempt, 'push');
      ctx.deviceFor(attempt, 'passcode');
      const tx = await ctx.start(attempt, { method: 'passcode', passcode: 'push' });
      check(tx.method === 'push' && tx.status.status === 'pushed', `the keyword "push" answered method "${tx.method}", status "${tx.status.status}"; expected a push`);
      await ctx.client.cancel(tx.txid, attempt.attemptId);
    },
  },
  {
    id: 'flow.cancel',
    title: 'cancel: 204, the push ends "canceled" (version +1); a cancel of a final transaction answers 204 and changes nothing',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      const cancel = await ctx.client.cancel(pushed.txid, attempt.attemptId);
      check(cancel.status === 204, `cancel answered ${describeAnswer(cancel)}, expected 204`);
      const canceled = await ctx.waitForVersion(pushed.txid, attempt.attemptId, pushed.version);
      check(canceled.status.status === 'canceled' && canceled.status.final, `after cancel the push is "${canceled.status.status}", expected "canceled"`);
      const again = await ctx.client.cancel(pushed.txid, attempt.attemptId);
      check(again.status === 204, `cancel again answered ${describeAnswer(again)}, expected 204`);
      const after = readTx(await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null }));
      check(after.version === canceled.version && after.status.status === 'canceled', `a second cancel changed the final transaction to version ${after.version} "${after.status.status}"`);
    },
  },
  {
    id: 'flow.expiry',
    rule: 'time limits',
    title: 'expiresInSeconds is present and decreasing; the push ends "timeout" once the clock passes it',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      const first = pushed.status.expiresInSeconds;
      if (first === undefined) {
        await ctx.client.cancel(pushed.txid, attempt.attemptId);
        skip('time limits not offered: "pushed" carries no expiresInSeconds');
      }
      check(typeof first === 'number' && Number.isInteger(first) && first > 0 && first <= 86_400, `expiresInSeconds ${JSON.stringify(first)} is not whole seconds from 1 to 86400`);
      const step = ctx.hasClock ? 10_000 : 2_000;
      await ctx.elapse(step, 'expiresInSeconds counting down');
      const later = readTx(await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null }));
      const second = later.status.expiresInSeconds;
      check(typeof second === 'number' && second <= first - step / 1000 && second >= first - step / 1000 - 2, `${step / 1000} s later expiresInSeconds is ${JSON.stringify(second)}; expected about ${first - step / 1000} (it was ${first})`);
      ctx.note(`expiresInSeconds ${first}, ${step / 1000} s later ${second}`);
      await ctx.advance((second + 1) * 1000, 'the push reaching its deadline');
      const ended = await ctx.waitForFinal(pushed.txid, attempt.attemptId, later.version);
      check(ended.status.status === 'timeout', `after its deadline the push ended "${ended.status.status}", expected "timeout"`);
    },
  },
  {
    id: 'flow.idempotent-start',
    rule: 'idempotent starts',
    title: 'the same Idempotency-Key gets the same transaction and no second push; with another method it is 400',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const device = ctx.deviceFor(attempt, 'push');
      const key = `conformance-${crypto.randomUUID()}`;
      const first = await ctx.start(attempt, { method: 'push', deviceId: device.id }, { idempotencyKey: key });
      const again = await ctx.start(attempt, { method: 'push', deviceId: device.id }, { idempotencyKey: key });
      check(again.txid === first.txid, `the same Idempotency-Key started a second transaction (${again.txid} after ${first.txid})`);
      check(again.status.status === 'pushed', `the replay answered "${again.status.status}": the first push must stay pending, not be replaced`);
      if (first.status.verificationCode !== undefined) {
        check(again.status.verificationCode === first.status.verificationCode, 'the replay shows another verification code: it must be the same push');
      }
      if (ctx.env.control) {
        const onPhone = await ctx.control.pendingPush(attempt.user);
        check(onPhone?.txid === first.txid, `the phone shows push ${onPhone?.txid ?? '(none)'}, not the first one: the replay sent a second push`);
      }
      const other = await ctx.client.start({ attemptId: attempt.attemptId, method: 'phone', deviceId: device.id }, { idempotencyKey: key });
      expectError(other, 400, 'invalid_request', 'the same Idempotency-Key with method "phone"');
      await ctx.client.cancel(first.txid, attempt.attemptId);
      const sms = attempt.devices.find((d) => d.capabilities?.includes('sms'));
      if (!ctx.env.control || !sms || !attempt.policy.methods.includes('sms')) return;
      const smsKey = `conformance-${crypto.randomUUID()}`;
      const batch = await ctx.start(attempt, { method: 'sms', deviceId: sms.id }, { idempotencyKey: smsKey });
      const replay = await ctx.start(attempt, { method: 'sms', deviceId: sms.id }, { idempotencyKey: smsKey });
      check(replay.txid === batch.txid, `the same Idempotency-Key sent a second SMS batch (${replay.txid} after ${batch.txid})`);
      const messages = (await ctx.control.sms(attempt.user)).filter((m) => m.deviceId === sms.id);
      check(messages.length === 1, `one SMS start sent twice with the same Idempotency-Key delivered ${messages.length} batches`);
    },
  },
  {
    id: 'flow.one-live-request',
    rule: 'one live request per attempt',
    title: 'a new push or call cancels the pending one of the same attempt',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const pushed = await ctx.startPush(attempt);
      const calling = await ctx.start(attempt, { method: 'phone', deviceId: ctx.deviceFor(attempt, 'phone').id });
      const old = readTx(await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null }));
      check(old.status.status === 'canceled', `after a call was started, the attempt's earlier push is "${old.status.status}", expected "canceled"`);
      await ctx.client.cancel(calling.txid, attempt.attemptId);
    },
  },
];

export function expectAllow(tx: Tx): void {
  if (tx.status.status !== 'allow') fail(`ended "${tx.status.status}" (${String(tx.status.message ?? '')}), expected "allow"`);
  check(tx.status.final === true && typeof tx.status.token === 'string' && tx.status.token.length > 0, '"allow" without final: true and a token');
}

function nextDigit(attempt: Attempt, deviceId: string): number | undefined {
  return attempt.devices.find((d) => d.id === deviceId)?.nextSmsDigit;
}
