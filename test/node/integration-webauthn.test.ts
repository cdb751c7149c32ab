/**
 * WebAuthn end to end in Node: the real HTTP client (`startWebAuthn`, `completeWebAuthn`) against the MSW
 * handlers of the simulator, with a software authenticator signing for real. Plus the route itself over
 * plain fetch: `POST /transactions/{txid}/assertion`, attempt-bound, its body validated.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import type { StatusUpdate, WebAuthnRequestOptions } from '../../src/adapter/types.js';
import { ATTEMPT_HEADER } from '../../src/adapter/wire.js';
import { ErrorBodySchema, TransactionBodySchema } from './support/valibot-wire.js';
import { WEBAUTHN_MESSAGES } from '../../mock-server/index.js';
import { SoftwareAuthenticator } from './simulator-authenticator.js';
import { allowOf, BASE, rejectsWith, SECOND, useIntegration } from './support/integration.js';

const PAGE = { origin: 'https://login.example', rpId: 'login.example' };
const { sim, clock, client, attempt } = useIntegration({ webauthn: { rpId: PAGE.rpId, origins: [PAGE.origin] } });

/** Bob registers a security key through the control API (the demo's "Add a security key"). */
async function bobWithKey() {
  const key = await SoftwareAuthenticator.create(PAGE);
  const device = await sim.registerWebAuthnCredential('bob', key.register(await sim.webAuthnRegistrationOptions('bob')));
  return { key, device };
}

function requestOptions(status: StatusUpdate): WebAuthnRequestOptions {
  assert.equal(status.status, 'challenge', `expected a challenge, got ${JSON.stringify(status)}`);
  return (status as Extract<StatusUpdate, { status: 'challenge' }>).publicKey;
}

async function postAssertion(txid: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${BASE}/transactions/${encodeURIComponent(txid)}/assertion`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown, response };
}

describe('WebAuthn through the HTTP client', { timeout: 10_000 }, () => {
  test('preauth lists the key; startWebAuthn gets the request options; completeWebAuthn logs in', async () => {
    const { key, device } = await bobWithKey();
    const { adapter } = client();
    const { attemptId, devices, policy } = await attempt(adapter, 'bob');
    assert.deepEqual(devices.at(-1), device);
    assert.ok(policy.methods.includes('webauthn'));

    const tx = await adapter.startWebAuthn!(attemptId, device.id);
    assert.equal(tx.method, 'webauthn');
    const publicKey = requestOptions(tx.status);
    assert.equal(publicKey.rpId, PAGE.rpId);
    assert.deepEqual(publicKey.allowCredentials?.map((c) => c.id), [key.credentialId]);
    assert.equal((tx.status as { expiresInSeconds?: number }).expiresInSeconds, 120);

    const done = await adapter.completeWebAuthn!(tx.txid, await key.assert(publicKey));
    assert.equal(done.txid, tx.txid);
    const allow = allowOf(done.status);
    assert.equal(sim.redeemLoginToken(allow.token).method, 'webauthn');
  });

  test('refused assertions come back as a final deny with the reason, not as an error', async () => {
    const { key, device } = await bobWithKey();
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    for (const [ceremony, message] of [
      [{ origin: 'https://evil.example' }, WEBAUTHN_MESSAGES.origin],
      [{ rpId: 'evil.example' }, WEBAUTHN_MESSAGES.rpId],
    ] as const) {
      const tx = await adapter.startWebAuthn!(attemptId, device.id);
      const done = await adapter.completeWebAuthn!(tx.txid, await key.assert(requestOptions(tx.status), ceremony));
      assert.deepEqual(done.status, { status: 'deny', final: true, message });
    }
  });

  test('a replayed assertion is refused for a new login; sent again to its own, it gets the same allow', async () => {
    const { key, device } = await bobWithKey();
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const first = await adapter.startWebAuthn!(attemptId, device.id);
    const assertion = await key.assert(requestOptions(first.status));
    const allowed = await adapter.completeWebAuthn!(first.txid, assertion);
    assert.deepEqual(await adapter.completeWebAuthn!(first.txid, assertion), allowed, 'idempotent: a lost answer can be asked again');
    const second = await adapter.startWebAuthn!(attemptId, device.id);
    const replayed = await adapter.completeWebAuthn!(second.txid, assertion);
    assert.deepEqual(replayed.status, { status: 'deny', final: true, message: WEBAUTHN_MESSAGES.staleChallenge });
  });

  test('an assertion after the challenge expired: the timeout, never a login', async () => {
    const { key, device } = await bobWithKey();
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const tx = await adapter.startWebAuthn!(attemptId, device.id);
    const assertion = await key.assert(requestOptions(tx.status));
    clock.advance(120 * SECOND);
    assert.equal((await adapter.completeWebAuthn!(tx.txid, assertion)).status.status, 'timeout');
  });

  test('a locked-out user cannot start one', async () => {
    const { device } = await bobWithKey();
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    sim.lockOut('bob');
    await rejectsWith(adapter.startWebAuthn!(attemptId, device.id), 'locked_out');
  });
});

describe('POST /transactions/{txid}/assertion', { timeout: 10_000 }, () => {
  test('200 with the final body; 404 expired without the attempt, or with another one; 400 for a bad body', async () => {
    const { key, device } = await bobWithKey();
    const { adapter } = client();
    const { attemptId } = await attempt(adapter, 'bob');
    const other = (await attempt(adapter, 'bob')).attemptId;
    const tx = await adapter.startWebAuthn!(attemptId, device.id);
    const credential = await key.assert(requestOptions(tx.status));

    for (const headers of [{}, { [ATTEMPT_HEADER]: other }] as Record<string, string>[]) {
      const refused = await postAssertion(tx.txid, { credential }, headers);
      assert.equal(refused.status, 404);
      assert.equal(v.parse(ErrorBodySchema, refused.json).error.code, 'expired');
    }
    for (const body of [{}, { credential: { ...credential, type: 'password' } }, { credential: { ...credential, id: 'not base64url!' } }]) {
      const refused = await postAssertion(tx.txid, body, { [ATTEMPT_HEADER]: attemptId });
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(v.parse(ErrorBodySchema, refused.json).error.code, 'invalid_request');
    }
    assert.equal(sim.statusOf(tx.txid), 'challenge', 'none of those touched the login');

    const answered = await postAssertion(tx.txid, { credential }, { [ATTEMPT_HEADER]: attemptId });
    assert.equal(answered.status, 200);
    assert.equal(answered.response.headers.get('Cache-Control'), 'no-store');
    const body = v.parse(TransactionBodySchema, answered.json);
    assert.equal(body.status.status, 'allow');
  });
});
