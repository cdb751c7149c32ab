import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import { MfaFlow } from '../../src/flow/index.js';
import { FakeAdapter, settle } from './support/fake-adapter.js';
import { authResult, choosingFlow, iphone, record } from './support/flow-fixtures.js';

describe('starting the prompt', () => {
  it('shows a loading state and asks the backend about this login, with the username and ticket', async () => {
    const adapter = new FakeAdapter();
    const flow = new MfaFlow(adapter, { username: 'alice', ticket: 'first-factor-ticket' });
    assert.equal(flow.state.phase, 'loading');
    flow.start();
    await settle();
    assert.deepEqual(adapter.call('preauth').args[0], { username: 'alice', ticket: 'first-factor-ticket' });
    assert.equal(flow.state.phase, 'loading');
    assert.equal(flow.state.status, null);
  });

  it('starting twice while loading asks the backend once', async () => {
    const adapter = new FakeAdapter();
    const flow = new MfaFlow(adapter);
    flow.start();
    flow.start();
    await settle();
    assert.equal(adapter.count('preauth'), 1);
  });

  it('a remembered device logs in at once, without any second factor: method "remembered", remembered', async () => {
    const { flow, recording } = await choosingFlow({ result: 'allow', reason: 'remembered-device', token: 'token-remembered', message: 'Remembered device' });
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.step, 'remembered');
    assert.deepEqual(flow.state.result, { method: 'remembered', remembered: true });
    assert.equal(flow.state.status?.message, 'Remembered device');
    assert.equal(flow.state.status?.tone, 'success');
    assert.deepEqual(recording.of('success'), [{ token: 'token-remembered', method: 'remembered', remembered: true }]);
  });

  it('a user exempt from the second factor logs in at once: method "not-required", not remembered', async () => {
    const { flow, recording } = await choosingFlow({ result: 'allow', reason: 'not-required', token: 'token-exempt', message: '' });
    assert.equal(flow.state.phase, 'success');
    assert.equal(flow.state.step, 'not-required');
    assert.deepEqual(flow.state.result, { method: 'not-required', remembered: false });
    assert.equal(flow.state.status?.message, 'Your account does not need a second step. Logging you in...');
    assert.doesNotMatch(flow.state.status?.message ?? '', /remembered/i);
    assert.deepEqual(recording.of('success'), [{ token: 'token-exempt', method: 'not-required', remembered: false }]);
  });

  it('an allow without a reason (an older server) is read as not required', async () => {
    const { flow, recording } = await choosingFlow({ result: 'allow', token: 'token-old', message: '' });
    assert.deepEqual(flow.state.result, { method: 'not-required', remembered: false });
    assert.doesNotMatch(flow.state.status?.message ?? '', /remembered/i);
    assert.deepEqual(recording.of('success'), [{ token: 'token-old', method: 'not-required', remembered: false }]);
  });

  it('a remembered device without a backend text says so in the prompt\'s words', async () => {
    const { flow } = await choosingFlow({ result: 'allow', reason: 'remembered-device', token: 't', message: '' });
    assert.equal(flow.state.status?.message, 'Your device is remembered. Logging you in...');
  });

  it('a denied login ends in a final denied state with the backend’s message', async () => {
    const { flow, recording } = await choosingFlow({ result: 'deny', message: 'Your account is disabled.' });
    assert.equal(flow.state.phase, 'denied');
    assert.equal(flow.state.status?.message, 'Your account is disabled.');
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.status?.canRetry, false);
    assert.deepEqual(recording.of('failure'), [{ reason: 'denied', message: 'Your account is disabled.' }]);
    flow.push();
    assert.equal(flow.state.phase, 'denied', 'nothing can be started after a denial');
  });

  it('a user without a device is sent to enrollment', async () => {
    const { flow } = await choosingFlow({ result: 'enroll', enrollUrl: 'https://idp.example/enroll', message: 'Add a device.' });
    assert.equal(flow.state.phase, 'enroll');
    assert.equal(flow.state.enrollUrl, 'https://idp.example/enroll');
    assert.equal(flow.state.status?.message, 'Add a device.');
  });

  it('an auth answer without devices is sent to enrollment when it can be, else denied with what to do', async () => {
    const toEnroll = await choosingFlow(authResult({ devices: [], enrollUrl: 'https://idp.example/enroll' }));
    assert.equal(toEnroll.flow.state.phase, 'enroll');
    assert.equal(toEnroll.flow.state.enrollUrl, 'https://idp.example/enroll');

    const stuck = await choosingFlow(authResult({ devices: [] }));
    assert.equal(stuck.flow.state.phase, 'denied');
    assert.match(stuck.flow.state.status?.message ?? '', /help desk/);
  });

  it('a user with devices chooses a method, with the first device selected', async () => {
    const { flow } = await choosingFlow(authResult({ enrollUrl: 'https://idp.example/enroll' }));
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.devices.length, 3);
    assert.equal(flow.state.selectedDevice?.id, iphone.id);
    assert.equal(flow.state.enrollUrl, 'https://idp.example/enroll', 'for the "Add a new device" link');
    assert.equal(flow.state.status, null);
  });

  it('an unreachable backend shows an error with Retry, and Retry starts again', async () => {
    const adapter = new FakeAdapter().reply('preauth', new MfaError('network', 'fetch failed'));
    const flow = new MfaFlow(adapter);
    const recording = record(flow);
    flow.start();
    await settle();
    assert.equal(flow.state.phase, 'error');
    assert.equal(flow.state.status?.tone, 'error');
    assert.equal(flow.state.status?.canRetry, true);
    assert.match(flow.state.status?.message ?? '', /connection/i);
    assert.doesNotMatch(flow.state.status?.message ?? '', /fetch failed/, 'technical adapter texts are not shown');
    assert.deepEqual(recording.of('failure').map((failure) => failure.reason), ['network']);

    adapter.reply('preauth', authResult());
    flow.retry();
    await settle();
    assert.equal(adapter.count('preauth'), 2);
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status, null);
  });

  it('reports each phase and step change for analytics, without details', async () => {
    const { flow, recording } = await choosingFlow();
    assert.deepEqual(
      recording.of('statechange'),
      [
        { phase: 'loading', step: 'preauth' },
        { phase: 'choosing', step: 'choose' },
      ],
      'the start is reported too, although loading is also the initial state',
    );
    flow.openPasscodeEntry();
    flow.submitPasscode('12');
    assert.deepEqual(recording.of('statechange').slice(2), [
      { phase: 'choosing', step: 'passcode-entry' },
      { phase: 'choosing', step: 'invalid-input' },
    ]);
  });

  it('every state is a frozen snapshot, replaced on each change', async () => {
    const { flow, recording } = await choosingFlow();
    const [loading, choosing] = recording.states;
    assert.ok(loading && choosing);
    assert.notEqual(loading, choosing);
    assert.equal(flow.state, choosing);
    assert.ok(Object.isFrozen(choosing));
    assert.ok(Object.isFrozen(choosing.rememberMe));
    assert.ok(Object.isFrozen(choosing.devices));
    assert.throws(() => {
      (choosing as { phase: string }).phase = 'success';
    });
  });
});
