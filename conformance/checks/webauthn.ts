/**
 * WebAuthn, when offered: the challenge (**WebAuthn challenge**) and, when the kit can register its own
 * software key through the test-control interface, real assertions (**assertion verification**): a good
 * one logs in, the same one sent again answers the same final status, a replayed one or one signed for
 * another origin is denied, a body without a credential is 400 and consumes nothing.
 */
import { describeAnswer, expectError, readTx, type Attempt, type CheckContext, type Device, type Tx } from '../context.js';
import { ControlError } from '../control.js';
import { check, fail, skip, type Check } from '../runner.js';
import { SoftwareKey } from '../webauthn.js';
import { expectAllow } from './flows.js';

export const webauthnChecks: Check<CheckContext>[] = [
  {
    id: 'flow.webauthn',
    rule: 'WebAuthn challenge',
    title: 'WebAuthn: a challenge of 16+ random bytes, fresh per start; a newer one or a cancel ends the older "canceled"',
    needs: ['tickets'],
    async run(ctx) {
      const { attempt, device } = await withKey(ctx);
      const first = await ctx.start(attempt, { method: 'webauthn', deviceId: device.id });
      const second = await ctx.start(attempt, { method: 'webauthn', deviceId: device.id });
      for (const tx of [first, second]) {
        const challenge = challengeOf(tx);
        check(challenge.length >= 22 && /^[A-Za-z0-9_-]+$/.test(challenge), `a webauthn start answered "${tx.status.status}" without a challenge of 22+ base64url characters`);
      }
      check(challengeOf(first) !== challengeOf(second), 'two webauthn starts got the same challenge');
      const old = readTx(await ctx.client.poll(first.txid, { attemptId: attempt.attemptId, after: null }));
      check(old.status.status === 'canceled', `the older challenge is "${old.status.status}" after a newer one, expected "canceled"`);
      await ctx.client.cancel(second.txid, attempt.attemptId);
      const canceled = readTx(await ctx.client.poll(second.txid, { attemptId: attempt.attemptId, after: null }));
      check(canceled.status.status === 'canceled', `a canceled challenge is "${canceled.status.status}"`);
    },
  },
  {
    id: 'webauthn.assertion',
    rule: 'assertion verification',
    title: "WebAuthn assertions: a good one logs in and answers the same when resent; a replayed or another origin's is denied; no credential is 400",
    needs: ['tickets', 'control'],
    async run(ctx) {
      const { attempt, device, key } = await withKey(ctx);
      if (!key) skip('the kit could not register its own key, so it cannot sign assertions');
      const tx = await ctx.start(attempt, { method: 'webauthn', deviceId: device.id });
      const publicKey = tx.status.publicKey as { challenge: string };
      expectError(await ctx.client.assertion(tx.txid, attempt.attemptId, {}), 400, 'invalid_request', 'an assertion body without credential');
      const assertion = key.assert(publicKey);
      expectError(await ctx.client.assertion(tx.txid, null, { credential: assertion }), 404, 'expired', 'an assertion without Mfa-Attempt-Id');
      const answer = await ctx.client.assertion(tx.txid, attempt.attemptId, { credential: assertion });
      check(answer.status === 200, `the assertion answered ${describeAnswer(answer)}, expected 200 with the final status`);
      const done = readTx(answer);
      expectAllow(done);
      const again = await ctx.client.assertion(tx.txid, attempt.attemptId, { credential: assertion });
      check(again.status === 200 && readTx(again).status.status === 'allow' && readTx(again).status.token === done.status.token, `the same assertion sent again answered ${describeAnswer(again)}; expected the same allow`);

      const next = await ctx.start(attempt, { method: 'webauthn', deviceId: device.id });
      const replayed = readTx(await ctx.client.assertion(next.txid, attempt.attemptId, { credential: assertion }));
      check(replayed.status.status === 'deny', `an assertion of an earlier challenge was answered "${replayed.status.status}", expected "deny"`);
      const third = await ctx.start(attempt, { method: 'webauthn', deviceId: device.id });
      const phished = readTx(await ctx.client.assertion(third.txid, attempt.attemptId, { credential: key.assert(challengeObject(third), { origin: 'https://evil.example' }) }));
      check(phished.status.status === 'deny', `an assertion signed for https://evil.example was answered "${phished.status.status}", expected "deny"`);
    },
  },
];

function challengeOf(tx: Tx): string {
  const challenge = (tx.status.publicKey as { challenge?: unknown } | undefined)?.challenge;
  check(tx.status.status === 'challenge' && typeof challenge === 'string', `a webauthn start answered "${tx.status.status}" without publicKey.challenge`);
  return challenge;
}

function challengeObject(tx: Tx): { challenge: string } {
  return { challenge: challengeOf(tx) };
}

/**
 * An attempt of the main user with a WebAuthn device: the user's own, or (with the test-control interface)
 * a software key the kit registers first, for which it can sign.
 */
async function withKey(ctx: CheckContext): Promise<{ attempt: Attempt; device: Device; key?: SoftwareKey }> {
  const user = ctx.options.user;
  if (ctx.env.control) {
    let options: { challenge?: string; rp?: { id?: string } };
    try {
      options = (await ctx.control.webAuthnRegistrationOptions(user)) as typeof options;
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      return existing(ctx, `the test-control interface cannot register a key (${error.message})`);
    }
    check(typeof options?.challenge === 'string', 'the registration options have no challenge');
    const key = new SoftwareKey({ rpId: options.rp?.id ?? new URL(ctx.client.baseUrl).hostname, origin: ctx.options.webauthnOrigin });
    let registered: { id: string };
    try {
      registered = await ctx.control.registerWebAuthnCredential(user, key.register(options as { challenge: string }));
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      check(false, `registering the kit's key (RP ID ${key.rpId}, origin ${key.origin}) was refused: ${error.message}. Pass --webauthn-origin with an origin the server accepts`);
    }
    const attempt = await ctx.login(user);
    const device = attempt.devices.find((d) => d.id === registered.id);
    if (!device?.capabilities?.includes('webauthn')) fail(`preauth does not list the registered key ${registered.id} with the capability "webauthn"`);
    return { attempt, device, key };
  }
  return existing(ctx, '');
}

async function existing(ctx: CheckContext, why: string): Promise<{ attempt: Attempt; device: Device }> {
  const attempt = await ctx.login();
  const device = attempt.devices.find((d) => d.capabilities?.includes('webauthn'));
  if (!device) skip(`no device of ${attempt.user} offers webauthn${why ? `, and ${why}` : ''} (give the test user a security key to check it)`);
  return { attempt, device };
}
