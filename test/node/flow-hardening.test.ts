/**
 * Rules 18 (**Retry repeats the same start**), 19 (**passcode cleared**), 20 (**no usable method**) and
 * 21 (**bidi controls**) of the hardening decisions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import type { MfaErrorCode } from '../../src/adapter/errors.js';
import type { Device, StartOptions } from '../../src/adapter/types.js';
import { defaultMessages } from '../../src/flow/index.js';
import { settle } from './support/fake-adapter.js';
import type { FakeAdapter } from './support/fake-adapter.js';
import { authResult, calling, choosingFlow, iphone, landline, policy, pushed, sent, token, verified } from './support/flow-fixtures.js';

const keyOf = (adapter: FakeAdapter, name: 'startPush' | 'startCall' | 'sendSmsPasscodes' | 'verifyPasscode', index = -1) =>
  (adapter.call(name, index).args[2] as StartOptions | undefined)?.idempotencyKey;

describe('Retry repeats the same start', () => {
  it('each push the user asks for gets its own 128-bit idempotency key', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', pushed('tx-1')).reply('startPush', pushed('tx-2'));
    flow.push();
    await settle();
    flow.selectDevice(landline.id);
    flow.selectDevice(iphone.id);
    flow.push();
    await settle();
    const [first, second] = [keyOf(adapter, 'startPush', 0), keyOf(adapter, 'startPush', 1)];
    assert.match(first ?? '', /^[0-9a-f]{32}$/);
    assert.match(second ?? '', /^[0-9a-f]{32}$/);
    assert.notEqual(first, second);
  });

  for (const [name, command, answer] of [
    ['startPush', 'push', pushed()],
    ['startCall', 'call', calling()],
    ['sendSmsPasscodes', 'sendSmsCodes', sent(1)],
  ] as const) {
    it(`Retry of a ${command}() whose answer was lost sends the same key, so the backend answers with the same transaction`, async () => {
      const { flow, adapter } = await choosingFlow();
      if (command === 'sendSmsCodes') flow.openPasscodeEntry();
      adapter.reply(name, new MfaError('timeout', 'no answer in 15 s'));
      flow[command]();
      await settle();
      assert.equal(flow.state.status?.canRetry, true);
      adapter.reply(name, answer);
      flow.retry();
      await settle();
      assert.equal(adapter.count(name), 2);
      assert.match(keyOf(adapter, name, 0) ?? '', /^[0-9a-f]{32}$/);
      assert.equal(keyOf(adapter, name, 1), keyOf(adapter, name, 0));
    });
  }

  it('each passcode verification carries its own key', async () => {
    const { flow, adapter } = await choosingFlow();
    flow.openPasscodeEntry();
    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong')).reply('verifyPasscode', verified());
    flow.submitPasscode('111111');
    await settle();
    flow.submitPasscode('222222');
    await settle();
    assert.match(keyOf(adapter, 'verifyPasscode', 0) ?? '', /^[0-9a-f]{32}$/);
    assert.notEqual(keyOf(adapter, 'verifyPasscode', 0), keyOf(adapter, 'verifyPasscode', 1));
  });
});

describe('passcode cleared', () => {
  async function passcodeEntry() {
    const started = await choosingFlow();
    started.flow.openPasscodeEntry();
    return started;
  }

  it('after a successful login: the spent code does not stay in the field', async () => {
    const { flow, adapter } = await passcodeEntry();
    adapter.reply('verifyPasscode', verified());
    flow.submitPasscode('123456');
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.clearPasscode, 1);
  });

  const errors: MfaErrorCode[] = ['invalid_passcode', 'locked_out', 'rate_limited', 'unavailable', 'network', 'timeout', 'bad_response', 'expired'];
  for (const code of errors) {
    it(`after "${code}": the code was sent, so the field is emptied`, async () => {
      const { flow, adapter } = await passcodeEntry();
      adapter.reply('verifyPasscode', new MfaError(code, 'no'));
      flow.submitPasscode('123456');
      await settle();
      assert.equal(flow.state.clearPasscode, 1);
      assert.equal(flow.state.verifying, false);
    });
  }

  it('after a local input error nothing was sent: the field keeps its text', async () => {
    const { flow, adapter } = await passcodeEntry();
    flow.submitPasscode('12');
    flow.submitPasscode('');
    assert.equal(flow.state.clearPasscode, 0);
    assert.equal(adapter.count('verifyPasscode'), 0);
  });
});

describe('no usable method', () => {
  it('devices that offer no method the policy allows are not listed', async () => {
    const { flow } = await choosingFlow(authResult({ policy: policy({ methods: ['phone'] }) }));
    assert.deepEqual(
      flow.state.devices.map((device) => device.id),
      [iphone.id, landline.id],
    );
    assert.equal(
      flow.state.devices.some((device) => device.id === token.id),
      false,
    );
  });

  it('with none left, the login ends denied (no-methods) with what to do, and a failure', async () => {
    const { flow, recording } = await choosingFlow(authResult({ policy: policy({ methods: [] }) }));
    assert.equal(flow.state.phase, 'denied');
    assert.equal(flow.state.step, 'no-methods');
    assert.equal(flow.state.status?.message, 'None of your devices can be used to log in here. Contact your help desk.');
    assert.equal(flow.state.status?.message, defaultMessages.noMethods);
    assert.equal(flow.state.devices.length, 0);
    assert.equal(flow.state.rememberMe.offered, false, 'no remember-me box without a method');
    assert.deepEqual(recording.of('failure'), [{ reason: 'denied', message: defaultMessages.noMethods }]);
  });

  it('the text can be replaced through messages', async () => {
    const { flow } = await choosingFlow(authResult({ policy: policy({ methods: [] }) }), {
      username: 'alice',
      messages: { noMethods: 'Aucun appareil utilisable.' },
    });
    assert.equal(flow.state.status?.message, 'Aucun appareil utilisable.');
  });
});

describe('bidi controls', () => {
  const spoof: Device = { ...iphone, displayName: 'iOS (\u202E5010-XXX-XXX\u202C)', maskedNumber: '\u2067XXX-XXX-0105\u2069' };

  it('are stripped from device names and masked numbers before any view sees them', async () => {
    const { flow } = await choosingFlow(authResult({ devices: [spoof, landline], message: '\u200FWelcome\u200E \u061Cback' }));
    assert.equal(flow.state.devices[0]?.displayName, 'iOS (5010-XXX-XXX)');
    assert.equal(flow.state.selectedDevice?.displayName, 'iOS (5010-XXX-XXX)');
    assert.equal(flow.state.devices[0]?.maskedNumber, 'XXX-XXX-0105');
    assert.equal(flow.state.status?.message, 'Welcome back');
  });

  it('are stripped from preauth texts', async () => {
    const { flow, recording } = await choosingFlow({ result: 'deny', message: 'Denied for \u202Dyou\u202A\u202B\u202C' });
    assert.equal(flow.state.status?.message, 'Denied for you');
    assert.deepEqual(recording.of('failure'), [{ reason: 'denied', message: 'Denied for you' }]);
  });

  it('are stripped from status messages of a push', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.reply('startPush', { ...pushed(), status: { status: 'pushed', final: false, message: 'Pushed to \u202E5010\u202C' } });
    flow.push();
    await settle();
    assert.equal(flow.state.status?.message, 'Pushed to 5010');
    adapter.lastWatch.push({ status: 'deny', final: true, message: '\u2066Denied\u2069' });
    await settle();
    assert.equal(flow.state.status?.message, 'Denied');
  });
});
