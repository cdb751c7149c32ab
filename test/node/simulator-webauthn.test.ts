/**
 * WebAuthn (security keys and passkeys) in the simulator, with genuine signatures from a software
 * authenticator: registration through the control API, then logins whose assertions the simulator checks.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { MfaSimulator, SimulatorError, WEBAUTHN_MESSAGES, type SimulatedUser, type SimulatorOptions } from '../../mock-server/core/index.js';
import type { StatusUpdate, WebAuthnRequestOptions } from '../../src/adapter/types.js';
import { TransactionBodySchema } from './support/valibot-wire.js';
import { SoftwareAuthenticator } from './simulator-authenticator.js';
import { attempt, auth, preauthAs, SECOND, setup } from './simulator-helpers.js';

const RP_ID = 'login.example';
const ORIGIN = 'https://login.example';
const PAGE = { origin: ORIGIN, rpId: RP_ID };
const webauthn = { rpId: RP_ID, origins: [ORIGIN] };

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<SimulatorError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SimulatorError, `expected a SimulatorError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a SimulatorError "${code}"`);
}

/** A simulator where bob registered a security key held by `key`. */
async function withKey(options: SimulatorOptions = {}) {
  const { sim, clock } = setup({ webauthn, ...options });
  const key = await SoftwareAuthenticator.create(PAGE);
  const device = await sim.registerWebAuthnCredential('bob', key.register(await sim.webAuthnRegistrationOptions('bob')));
  return { sim, clock, key, device };
}

/** Starts a WebAuthn login with bob's key: the transaction and the request options it carries. */
function startLogin(sim: MfaSimulator, deviceId: string, attemptId = attempt(sim, 'bob')) {
  const { body } = sim.start({ attemptId, method: 'webauthn', deviceId });
  assert.equal(body.status.status, 'challenge');
  const publicKey = (body.status as Extract<StatusUpdate, { status: 'challenge' }>).publicKey;
  return { attemptId, txid: body.txid, body, publicKey };
}

function denied(status: StatusUpdate, message: string): void {
  assert.equal(status.status, 'deny', `expected deny, got ${JSON.stringify(status)}`);
  assert.equal(status.message, message);
}

describe('WebAuthn registration', () => {
  test('creation options for navigator.credentials.create(): this RP, a random challenge, attestation none', async () => {
    const { sim } = setup({ webauthn: { ...webauthn, rpName: 'Example login' } });
    const options = await sim.webAuthnRegistrationOptions('bob');
    assert.deepEqual(options.rp, { id: RP_ID, name: 'Example login' });
    assert.equal(options.user.name, 'bob');
    assert.notEqual(options.user.id, 'bob', 'the user handle is not the username');
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/, '32 random bytes');
    assert.equal(options.attestation, 'none');
    assert.ok(options.pubKeyCredParams.some((p) => p.alg === -7), 'ES256 is accepted');
    assert.notEqual((await sim.webAuthnRegistrationOptions('bob')).challenge, options.challenge);
    await assert.rejects(sim.webAuthnRegistrationOptions('nobody'), /No simulated user/);
  });

  test('a verified registration adds a "Security key" device that preauth lists, with capability webauthn', async () => {
    const { sim, device } = await withKey();
    assert.deepEqual({ ...device, id: '' }, { id: '', displayName: 'Security key', type: 'security-key', capabilities: ['webauthn'] });
    const listed = auth(preauthAs(sim, 'bob'));
    assert.deepEqual(listed.devices.at(-1), device);
    assert.ok(listed.policy.methods.includes('webauthn'));
    const second = await SoftwareAuthenticator.create(PAGE);
    const named = await sim.registerWebAuthnCredential('bob', second.register(await sim.webAuthnRegistrationOptions('bob')));
    assert.equal(named.displayName, 'Security key 2');
    const third = await SoftwareAuthenticator.create(PAGE);
    const passkey = await sim.registerWebAuthnCredential('bob', third.register(await sim.webAuthnRegistrationOptions('bob')), {
      type: 'passkey',
      displayName: 'Passkey on this Mac',
    });
    assert.deepEqual([passkey.type, passkey.displayName], ['passkey', 'Passkey on this Mac']);
  });

  test('refused: another origin, another RP ID, a stale challenge, options used twice, a key already registered', async () => {
    const { sim } = setup({ webauthn });
    const key = await SoftwareAuthenticator.create(PAGE);
    const tries: [string, Parameters<SoftwareAuthenticator['register']>[1]][] = [
      ['origin', { origin: 'https://evil.example' }],
      ['RP ID', { rpId: 'evil.example' }],
      ['challenge', { challenge: 'c3RhbGUtY2hhbGxlbmdlLWZyb20tYW5vdGhlci1jZXJlbW9ueQ' }],
    ];
    for (const [what, ceremony] of tries) {
      const error = await rejectsWith(sim.registerWebAuthnCredential('bob', key.register(await sim.webAuthnRegistrationOptions('bob'), ceremony)), 'invalid_request');
      assert.match(error.message, new RegExp(what, 'i'));
    }
    const options = await sim.webAuthnRegistrationOptions('bob');
    await sim.registerWebAuthnCredential('bob', key.register(options));
    await rejectsWith(sim.registerWebAuthnCredential('bob', key.register(options)), 'expired');
    await rejectsWith(sim.registerWebAuthnCredential('bob', key.register(await sim.webAuthnRegistrationOptions('bob'))), 'invalid_request');
    assert.equal(auth(preauthAs(sim, 'bob')).devices.filter((d) => d.capabilities.includes('webauthn')).length, 1);
  });

  test('registration options expire after 5 minutes, and reset() forgets registered keys', async () => {
    const { sim, clock, key } = await withKey();
    const options = await sim.webAuthnRegistrationOptions('alice');
    clock.advance(5 * 60 * SECOND);
    await rejectsWith(sim.registerWebAuthnCredential('alice', key.register(options)), 'expired');
    sim.reset();
    assert.equal(auth(preauthAs(sim, 'bob')).devices.some((d) => d.type === 'security-key'), false);
  });
});

describe('WebAuthn login', () => {
  test('start: a pending challenge with request options for this key, for 2 minutes', async () => {
    const { sim, key, device } = await withKey();
    const { body, publicKey } = startLogin(sim, device.id);
    v.parse(TransactionBodySchema, body);
    assert.equal(body.method, 'webauthn');
    assert.equal(body.status.final, false);
    assert.equal((body.status as { expiresInSeconds?: number }).expiresInSeconds, 120);
    assert.deepEqual({ ...publicKey, challenge: '' }, {
      challenge: '',
      rpId: RP_ID,
      timeout: 120_000,
      allowCredentials: [{ id: key.credentialId, type: 'public-key', transports: ['usb'] }],
      userVerification: 'preferred',
    });
    assert.match(publicKey.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(startLogin(sim, device.id).publicKey.challenge, publicKey.challenge, 'a fresh challenge per login');
  });

  test('a genuine assertion: allow with a login token for a webauthn login, and the counter is kept', async () => {
    const { sim, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const { body } = await sim.completeWebAuthn(txid, attemptId, await key.assert(publicKey));
    assert.equal(body.status.status, 'allow');
    v.parse(TransactionBodySchema, body);
    const login = sim.redeemLoginToken(body.status.status === 'allow' ? body.status.token : '');
    assert.equal(login.username, 'bob');
    assert.equal(login.method, 'webauthn');
  });

  test('the same assertion again for the transaction now final: the same allow, not a second check', async () => {
    const { sim, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const assertion = await key.assert(publicKey);
    const first = await sim.completeWebAuthn(txid, attemptId, assertion);
    const again = await sim.completeWebAuthn(txid, attemptId, assertion);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.body.status.status, 'allow', 'a second check would refuse it: the counter did not move');
  });

  test('two assertions at once: one check, both answered with its outcome', async () => {
    const { sim, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const assertion = await key.assert(publicKey);
    const [a, b] = await Promise.all([sim.completeWebAuthn(txid, attemptId, assertion), sim.completeWebAuthn(txid, attemptId, assertion)]);
    assert.equal(a.body.status.status, 'allow');
    assert.deepEqual(b.body, a.body);
  });

  test('refused: an assertion made for another origin', async () => {
    const { sim, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const { body } = await sim.completeWebAuthn(txid, attemptId, await key.assert(publicKey, { origin: 'https://login.example.evil.test' }));
    denied(body.status, WEBAUTHN_MESSAGES.origin);
  });

  test('refused: an assertion signed for another RP ID', async () => {
    const { sim, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const { body } = await sim.completeWebAuthn(txid, attemptId, await key.assert(publicKey, { rpId: 'evil.example' }));
    denied(body.status, WEBAUTHN_MESSAGES.rpId);
  });

  test('refused: a replayed assertion (one that logged in before) sent for a new login', async () => {
    const { sim, key, device } = await withKey();
    const first = startLogin(sim, device.id);
    const assertion = await key.assert(first.publicKey);
    assert.equal((await sim.completeWebAuthn(first.txid, first.attemptId, assertion)).body.status.status, 'allow');
    const second = startLogin(sim, device.id);
    denied((await sim.completeWebAuthn(second.txid, second.attemptId, assertion)).body.status, WEBAUTHN_MESSAGES.staleChallenge);
  });

  test('refused: a stale challenge (an older login\'s) signed afresh', async () => {
    const { sim, key, device } = await withKey();
    const older = startLogin(sim, device.id);
    const newer = startLogin(sim, device.id, older.attemptId);
    const { body } = await sim.completeWebAuthn(newer.txid, newer.attemptId, await key.assert(older.publicKey));
    denied(body.status, WEBAUTHN_MESSAGES.staleChallenge);
  });

  test('refused: a credential that is not registered for the user', async () => {
    const { sim, device } = await withKey();
    const stranger = await SoftwareAuthenticator.create(PAGE);
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    denied((await sim.completeWebAuthn(txid, attemptId, await stranger.assert(publicKey))).body.status, WEBAUTHN_MESSAGES.unknownCredential);
  });

  test('refused: a sign counter that went back (a cloned key)', async () => {
    const { sim, key, device } = await withKey();
    const first = startLogin(sim, device.id);
    const ok = await sim.completeWebAuthn(first.txid, first.attemptId, await key.assert(first.publicKey, { counter: 5 }));
    assert.equal(ok.body.status.status, 'allow');
    const second = startLogin(sim, device.id);
    const { body } = await sim.completeWebAuthn(second.txid, second.attemptId, await key.assert(second.publicKey, { counter: 3 }));
    denied(body.status, WEBAUTHN_MESSAGES.counter);
    const third = startLogin(sim, device.id);
    const later = await sim.completeWebAuthn(third.txid, third.attemptId, await key.assert(third.publicKey, { counter: 6 }));
    assert.equal(later.body.status.status, 'allow', 'the genuine key, further on, still works');
  });

  test('refused: a signature that does not verify (the assertion was altered)', async () => {
    const { sim, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const genuine = await key.assert(publicKey);
    const other = await key.assert(publicKey); // signed over other data (the next counter)
    const altered = { ...genuine, response: { ...genuine.response, signature: other.response.signature } };
    denied((await sim.completeWebAuthn(txid, attemptId, altered)).body.status, WEBAUTHN_MESSAGES.signature);
  });

  test('each refusal counts toward lock-out; the one at the threshold ends as locked_out, and WebAuthn starts are refused', async () => {
    const { sim, key, device } = await withKey({ lockoutThreshold: 2 });
    const spare = attempt(sim, 'bob');
    for (const expected of ['deny', 'locked_out']) {
      const { attemptId, txid, publicKey } = startLogin(sim, device.id);
      const { body } = await sim.completeWebAuthn(txid, attemptId, await key.assert(publicKey, { origin: 'https://evil.example' }));
      assert.equal(body.status.status, expected);
    }
    assert.equal(preauthAs(sim, 'bob').result, 'deny');
    assert.throws(() => sim.start({ attemptId: spare, method: 'webauthn', deviceId: device.id }), { code: 'locked_out' });
    assert.equal(preauthAs(sim, 'alice').result, 'auth', 'other users are not affected');
  });

  test('the challenge expires with the transaction after 2 minutes: an assertion then gets the timeout, not a login', async () => {
    const { sim, clock, key, device } = await withKey();
    const { attemptId, txid, publicKey } = startLogin(sim, device.id);
    const assertion = await key.assert(publicKey);
    clock.advance(120 * SECOND);
    const { body } = await sim.completeWebAuthn(txid, attemptId, assertion);
    assert.deepEqual(body.status, { status: 'timeout', final: true, message: WEBAUTHN_MESSAGES.timeout });
  });

  test('bound to its attempt: another attempt\'s assertion is expired, and the login still waits', async () => {
    const { sim, key, device } = await withKey();
    const { txid, publicKey } = startLogin(sim, device.id);
    await rejectsWith(sim.completeWebAuthn(txid, attempt(sim, 'bob'), await key.assert(publicKey)), 'expired');
    await rejectsWith(sim.completeWebAuthn('tx_unknown', attempt(sim, 'bob'), await key.assert(publicKey)), 'expired');
    assert.equal(sim.statusOf(txid), 'challenge');
  });

  test('an assertion for a push is invalid_request; a canceled login stays canceled', async () => {
    const { sim, key, device } = await withKey();
    const attemptId = attempt(sim, 'bob');
    const push = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body;
    const login = startLogin(sim, device.id, attemptId);
    const assertion = await key.assert(login.publicKey);
    await rejectsWith(sim.completeWebAuthn(push.txid, attemptId, assertion), 'invalid_request');
    sim.cancel(login.txid, attemptId);
    assert.equal((await sim.completeWebAuthn(login.txid, attemptId, assertion)).body.status.status, 'canceled');
  });

  test('what a start refuses: no device, a device without a key, a key the policy does not allow', async () => {
    const { sim, device } = await withKey();
    const attemptId = attempt(sim, 'bob');
    for (const deviceId of [undefined, 'bob-android', 'key_unknown']) {
      assert.throws(() => sim.start({ attemptId, method: 'webauthn', ...(deviceId ? { deviceId } : {}) }), { code: 'invalid_request' });
    }
    const noKeys = new MfaSimulator({ webauthn, users: [{ ...keyUser(device.id), policy: { methods: ['push'] } }] });
    assert.throws(() => noKeys.start({ attemptId: attempt(noKeys, 'kim'), method: 'webauthn', deviceId: device.id }), /does not allow/);
  });

  test('a credential configured on a user (as stories and browser tests set one up) logs in', async () => {
    const key = await SoftwareAuthenticator.create(PAGE);
    const user: SimulatedUser = keyUser('kim-key', { credentialId: key.credentialId, publicKey: key.publicKeyCose });
    const { sim } = setup({ webauthn, users: [user] });
    const attemptId = attempt(sim, 'kim');
    const { body } = sim.start({ attemptId, method: 'webauthn', deviceId: 'kim-key' });
    const publicKey = (body.status as { publicKey: WebAuthnRequestOptions }).publicKey;
    assert.equal((await sim.completeWebAuthn(body.txid, attemptId, await key.assert(publicKey))).body.status.status, 'allow');
    assert.throws(() => new MfaSimulator({ users: [{ ...user, devices: [{ ...user.devices[0]!, webauthn: undefined }] }] }), /security-key or passkey/);
    assert.throws(() => new MfaSimulator({ users: [{ ...user, devices: [{ ...user.devices[0]!, type: 'mobile' }] }] }), /security-key or passkey/);
  });

  test('options are checked: an RP ID is a domain, origins are origins', () => {
    assert.throws(() => new MfaSimulator({ webauthn: { rpId: 'https://x.example', origins: [ORIGIN] } }), /rpId/);
    assert.throws(() => new MfaSimulator({ webauthn: { rpId: RP_ID, origins: [] } }), /origins/);
    assert.throws(() => new MfaSimulator({ webauthn: { rpId: RP_ID, origins: ['https://login.example/path'] } }), /origins/);
  });
});

function keyUser(deviceId: string, credential = { credentialId: 'AAAA', publicKey: 'AAAA' }): SimulatedUser {
  return {
    username: 'kim',
    description: 'A security key only.',
    devices: [{ id: deviceId, type: 'security-key', displayName: 'Security key', capabilities: ['webauthn'], webauthn: credential }],
  };
}

describe('one live request per attempt, WebAuthn included', () => {
  test('a push started in the attempt ends a pending key login as canceled, and a key login ends a pending push', async () => {
    const { sim, device } = await withKey();
    const { attemptId, txid } = startLogin(sim, device.id);
    const push = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }).body.txid;
    assert.equal(sim.statusOf(txid), 'canceled', 'the challenge can no longer be answered');
    const second = startLogin(sim, device.id, attemptId);
    assert.equal(sim.statusOf(push), 'canceled');
    assert.equal(sim.phone('bob').pendingPush(), undefined, 'the phone no longer shows the push');
    assert.equal(sim.statusOf(second.txid), 'challenge');
  });

  test('a key login in another attempt leaves this one alone', async () => {
    const { sim, device } = await withKey();
    const first = startLogin(sim, device.id);
    startLogin(sim, device.id);
    assert.equal(sim.statusOf(first.txid), 'challenge');
  });
});
