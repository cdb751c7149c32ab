/**
 * Security keys and passkeys (WebAuthn): offered only where the adapter and the page can do it; the flow starts
 * the transaction, asks the browser for an assertion, sends it and shows the final status. Every reason the
 * browser gives has its own message, Cancel aborts the browser's request and cancels the transaction, and the
 * other methods stay usable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import type {
  CallOptions,
  Device,
  StartOptions,
  Transaction,
  WebAuthnAssertion,
  WebAuthnRequestOptions,
} from '../../src/adapter/types.js';
import { MfaFlow } from '../../src/flow/index.js';
import { WebAuthnError } from '../../src/webauthn/types.js';
import type { WebAuthnClient, WebAuthnFailureReason } from '../../src/webauthn/types.js';
import { FakeAdapter, settle } from './support/fake-adapter.js';
import { authResult, iphone, policy, record } from './support/flow-fixtures.js';

const securityKey: Device = { id: 'dev-key', displayName: 'Security key', type: 'security-key', capabilities: ['webauthn'] };
const passkey: Device = { id: 'dev-passkey', displayName: 'Passkey on this computer', type: 'passkey', capabilities: ['webauthn'] };

const publicKey: WebAuthnRequestOptions = { challenge: 'Y2hhbGxlbmdl', rpId: 'example.com', timeout: 60_000 };
const challenge = (txid = 'tx-key'): Transaction => ({
  txid,
  method: 'webauthn',
  status: { status: 'challenge', final: false, message: 'Touch your security key.', publicKey },
});
const assertion: WebAuthnAssertion = {
  id: 'cred-1',
  rawId: 'Y3JlZC0x',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'c2ln' },
  clientExtensionResults: {},
};
const allowedBy = (txid = 'tx-key'): Transaction => ({
  txid,
  method: 'webauthn',
  status: { status: 'allow', final: true, message: 'Success. Logging you in...', token: 'token-key', remembered: false },
});

interface Pending<T> {
  args: unknown[];
  resolve(value: T): void;
  reject(error: unknown): void;
}

function pending<T>(list: Pending<T>[], args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => list.push({ args, resolve, reject }));
}

/** The fake adapter with the two optional WebAuthn methods, answered by hand. */
class WebAuthnAdapter extends FakeAdapter {
  readonly starts: Pending<Transaction>[] = [];
  readonly completions: Pending<Transaction>[] = [];

  startWebAuthn(attemptId: string, deviceId: string, options?: StartOptions): Promise<Transaction> {
    return pending(this.starts, [attemptId, deviceId, options]);
  }

  completeWebAuthn(txid: string, sent: WebAuthnAssertion, options?: CallOptions): Promise<Transaction> {
    return pending(this.completions, [txid, sent, options]);
  }

  canceled(): string[] {
    return this.callsOf('cancel').map((call) => call.args[0] as string);
  }
}

/** The browser's side, answered by hand; an abort rejects with the signal's reason, as the port says. */
class FakeWebAuthn implements WebAuthnClient {
  readonly requests: Array<Pending<WebAuthnAssertion> & { options: WebAuthnRequestOptions; signal: AbortSignal }> = [];
  constructor(private readonly why: 'unsupported' | 'insecure-context' | null = null) {}

  unavailable(): 'unsupported' | 'insecure-context' | null {
    return this.why;
  }

  getAssertion(options: WebAuthnRequestOptions, signal: AbortSignal): Promise<WebAuthnAssertion> {
    return new Promise((resolve, reject) => {
      this.requests.push({ args: [options, signal], options, signal, resolve, reject });
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  }

  get last() {
    const request = this.requests.at(-1);
    if (!request) throw new Error('the browser was never asked');
    return request;
  }
}

const webauthnPolicy = policy({ methods: ['push', 'phone', 'sms', 'passcode', 'webauthn'] });

async function keyFlow(
  devices: Device[] = [securityKey, iphone],
  { adapter = new WebAuthnAdapter() as FakeAdapter, webauthn = new FakeWebAuthn() as WebAuthnClient | null } = {},
) {
  adapter.reply('preauth', authResult({ devices, policy: webauthnPolicy }));
  const flow = new MfaFlow(adapter, { username: 'alice', ...(webauthn ? { webauthn } : {}) });
  const recording = record(flow);
  flow.start();
  await settle();
  return { flow, adapter: adapter as WebAuthnAdapter, webauthn: webauthn as FakeWebAuthn, recording };
}

/** Use a security key, and the backend's challenge arrives: the browser is asked. */
async function asking(devices?: Device[]) {
  const started = await keyFlow(devices);
  started.flow.useWebAuthn();
  await settle();
  started.adapter.starts[0]!.resolve(challenge());
  await settle();
  return started;
}

describe('WebAuthn: where it is offered', () => {
  it('a security key gets "Use a security key", a passkey "Use a passkey", recommended', async () => {
    const { flow } = await keyFlow([securityKey, passkey, iphone]);
    assert.deepEqual(flow.state.methods, [{ method: 'webauthn', label: 'Use a security key', recommended: true }]);
    flow.selectDevice(passkey.id);
    assert.deepEqual(flow.state.methods, [{ method: 'webauthn', label: 'Use a passkey', recommended: true }]);
    flow.selectDevice(iphone.id);
    assert.deepEqual(flow.state.methods.map((option) => option.method), ['push', 'phone', 'passcode']);
  });

  const without: Array<[string, () => { adapter?: FakeAdapter; webauthn?: WebAuthnClient | null }]> = [
    ['without a WebAuthn client', () => ({ webauthn: null })],
    ['on an insecure page', () => ({ webauthn: new FakeWebAuthn('insecure-context') })],
    ['in a browser without WebAuthn', () => ({ webauthn: new FakeWebAuthn('unsupported') })],
    ['with an adapter that has no WebAuthn methods', () => ({ adapter: new FakeAdapter() })],
  ];
  for (const [name, setup] of without) {
    it(`is not offered ${name}: key-only devices are not listed`, async () => {
      const { flow } = await keyFlow([securityKey, iphone], setup());
      assert.deepEqual(flow.state.devices.map((device) => device.id), [iphone.id]);
      flow.useWebAuthn();
      assert.equal(flow.state.phase, 'choosing');
    });
  }

  for (const reason of ['insecure-context', 'unsupported'] as const) {
    it(`a user with only keys, where WebAuthn cannot work (${reason}), is told why: the browser's reason`, async () => {
      const { flow } = await keyFlow([securityKey], { webauthn: new FakeWebAuthn(reason) });
      assert.equal(flow.state.phase, 'denied');
      assert.equal(flow.state.step, 'no-methods');
      assert.equal(flow.state.status?.message, flow.messages.webauthnFailed[reason]);
    });
  }

  it('a user with only keys and an adapter without WebAuthn is told no device can be used here', async () => {
    const { flow } = await keyFlow([securityKey], { adapter: new FakeAdapter() });
    assert.equal(flow.state.step, 'no-methods');
    assert.equal(flow.state.status?.message, flow.messages.noMethods);
  });
});

describe('WebAuthn: logging in', () => {
  it('starts the transaction, asks the browser with the request options, sends the assertion, and logs in', async () => {
    const { flow, adapter, webauthn, recording } = await keyFlow();
    flow.useWebAuthn();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.pendingMethod, 'webauthn');
    assert.equal(flow.state.status?.canCancel, true);
    await settle();
    const [attemptId, deviceId, options] = adapter.starts[0]!.args as [string, string, StartOptions];
    assert.equal(attemptId, 'attempt-1');
    assert.equal(deviceId, securityKey.id);
    assert.match(options.idempotencyKey!, /^[0-9a-f]{32}$/);

    adapter.starts[0]!.resolve(challenge());
    await settle();
    assert.equal(flow.state.step, 'challenge');
    assert.equal(flow.state.status?.message, 'Touch your security key.');
    assert.deepEqual(webauthn.last.options, publicKey);
    assert.equal(webauthn.last.signal.aborted, false);

    webauthn.last.resolve(assertion);
    await settle();
    assert.deepEqual(adapter.completions[0]!.args.slice(0, 2), ['tx-key', assertion]);
    adapter.completions[0]!.resolve(allowedBy());
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.deepEqual(flow.state.result, { method: 'webauthn', remembered: false });
    assert.deepEqual(recording.of('success'), [{ token: 'token-key', method: 'webauthn', remembered: false }]);
    assert.equal(adapter.count('cancel'), 0, 'nothing to cancel after an assertion');
  });

  it("an assertion the backend refuses: its deny text, and the other methods stay usable", async () => {
    const { flow, adapter, webauthn, recording } = await asking();
    webauthn.last.resolve(assertion);
    await settle();
    adapter.completions[0]!.resolve({ txid: 'tx-key', method: 'webauthn', status: { status: 'deny', final: true, message: 'This security key was not accepted.' } });
    await settle();
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.message, 'This security key was not accepted.');
    assert.deepEqual(recording.of('failure'), [{ reason: 'deny', message: 'This security key was not accepted.' }]);
    flow.selectDevice(iphone.id);
    assert.equal(flow.state.methods[0]?.method, 'push');
  });

  it('a failed start shows the error with Retry, which repeats the same start', async () => {
    const { flow, adapter } = await keyFlow();
    flow.useWebAuthn();
    await settle();
    adapter.starts[0]!.reject(new MfaError('network', 'offline'));
    await settle();
    assert.equal(flow.state.step, 'network');
    assert.equal(flow.state.status?.canRetry, true);
    flow.retry();
    await settle();
    const key = (index: number) => (adapter.starts[index]!.args[2] as StartOptions).idempotencyKey;
    assert.equal(key(1), key(0));
  });
});

describe('WebAuthn: when the browser gives no assertion', () => {
  const cases: Array<[WebAuthnFailureReason, string, boolean]> = [
    ['canceled', 'Canceled. Try again, or choose another method.', true],
    ['timeout', 'Timed out. Try again, or choose another method.', true],
    ['no-credential', 'This key or passkey is not registered for your account.', true],
    ['unsupported', 'This browser cannot use security keys or passkeys.', false],
    ['insecure-context', 'Security keys and passkeys need a secure (https) page.', false],
    ['failed', 'The key or passkey could not be used. Try again, or choose another method.', true],
  ];
  for (const [reason, message, tryAgain] of cases) {
    it(`${reason}: "${message}"; the challenge is canceled, the other methods stay`, async () => {
      const { flow, adapter, webauthn, recording } = await asking();
      webauthn.last.reject(new WebAuthnError(reason));
      await settle();
      assert.equal(flow.state.phase, 'choosing');
      assert.equal(flow.state.step, `webauthn-${reason}`);
      assert.equal(flow.state.status?.message, message);
      assert.equal(flow.state.status?.tone, reason === 'canceled' ? 'info' : 'error');
      assert.deepEqual(recording.of('failure'), [{ reason: `webauthn-${reason}`, message }]);
      assert.deepEqual(adapter.canceled(), ['tx-key'], 'the unused challenge is canceled on the server');
      assert.equal(adapter.completions.length, 0);
      assert.equal(flow.state.status?.canRetry, tryAgain);
      if (tryAgain) {
        assert.equal(flow.state.status?.retryLabel, 'Try the security key again');
        flow.retry();
        await settle();
        assert.equal(adapter.starts.length, 2, 'a new transaction');
      }
      flow.selectDevice(iphone.id);
      assert.equal(flow.state.methods[0]?.method, 'push');
    });
  }

  it('a passkey says "Try the passkey again" on its Retry, not the method button\'s "Use a passkey"', async () => {
    const { flow, webauthn } = await asking([passkey, iphone]);
    webauthn.last.reject(new WebAuthnError('canceled'));
    await settle();
    assert.equal(flow.state.status?.retryLabel, 'Try the passkey again');
  });
});

describe('WebAuthn: Cancel and moving on', () => {
  it("Cancel aborts the browser's request and cancels the transaction", async () => {
    const { flow, adapter, webauthn, recording } = await asking();
    flow.cancel();
    assert.equal(webauthn.last.signal.aborted, true);
    await settle();
    assert.deepEqual(adapter.canceled(), ['tx-key']);
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.step, 'user-canceled');
    assert.deepEqual(recording.of('cancel'), [{ method: 'webauthn' }]);
    assert.equal(recording.of('failure').length, 0);
  });

  it('Cancel before the backend answered the start: its challenge is canceled when it comes', async () => {
    const { flow, adapter, webauthn, recording } = await keyFlow();
    flow.useWebAuthn();
    await settle();
    flow.cancel();
    assert.equal(flow.state.step, 'canceling');
    adapter.starts[0]!.resolve(challenge());
    await settle();
    assert.equal(webauthn.requests.length, 0, 'the browser is not asked');
    assert.deepEqual(adapter.canceled(), ['tx-key']);
    assert.equal(flow.state.step, 'user-canceled');
    assert.deepEqual(recording.of('cancel'), [{ method: 'webauthn' }]);
  });

  it('another device, or the prompt closing, aborts the request and cancels the transaction', async () => {
    const switched = await asking();
    switched.flow.selectDevice(iphone.id);
    assert.equal(switched.webauthn.last.signal.aborted, true);
    await settle();
    assert.deepEqual(switched.adapter.canceled(), ['tx-key']);
    assert.equal(switched.flow.state.step, 'user-canceled');
    assert.equal(switched.flow.state.status?.message, 'Security key request canceled: you chose another device.');

    const closed = await asking();
    closed.flow.destroy();
    await settle();
    assert.equal(closed.webauthn.last.signal.aborted, true);
    assert.deepEqual(closed.adapter.canceled(), ['tx-key']);
  });

  it('a key that approved just as the user moved on still logs in (allow wins)', async () => {
    const { flow, adapter, webauthn, recording } = await asking();
    webauthn.last.resolve(assertion);
    await settle();
    flow.selectDevice(iphone.id);
    adapter.completions[0]!.resolve(allowedBy());
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(recording.of('success')[0]?.method, 'webauthn');
    assert.equal(adapter.count('cancel'), 0, 'an assertion already sent is not canceled');
  });
});
