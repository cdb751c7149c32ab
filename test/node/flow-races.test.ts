/**
 * Switching in the middle of a flow. The fake adapter here ignores aborts (`honourAbort = false`), as a
 * response already on its way would: the flow itself must make sure nothing stale ever shows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaFlow } from '../../src/flow/index.js';
import { FakeAdapter, settle } from './support/fake-adapter.js';
import { allowed, answered, authResult, calling, choosingFlow, iphone, landline, pushed, pushingFlow, record, verified } from './support/flow-fixtures.js';

describe('switching in the middle of a flow', () => {
  it('switching device mid-push cancels the push, says so, and its late updates never show', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.honourAbort = false;
    const oldWatch = adapter.lastWatch;
    flow.selectDevice(landline.id);
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status?.message, 'Push canceled: you chose another device.');
    assert.equal(flow.state.pendingMethod, null);
    assert.deepEqual(recording.of('cancel'), [{ method: 'push' }]);
    const settled = flow.state;
    await settle();
    assert.equal(oldWatch.aborted, true, 'the watch is closed once the backend confirmed the cancel');

    // Updates after the confirmed cancel (an approval before it would win: see flow-release.test.ts).
    oldWatch.retry();
    oldWatch.push(answered);
    oldWatch.push(allowed('stale-token'));
    await settle();
    assert.equal(flow.state, settled, 'no state change at all');
    assert.equal(recording.of('success').length, 0);
    assert.equal(recording.of('failure').length, 0);
  });

  it('a push that the backend confirms after the user switched device is canceled and never shows', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    adapter.honourAbort = false;
    flow.push();
    flow.selectDevice(landline.id);
    const settled = flow.state;

    adapter.call('startPush').resolve(pushed('tx-late'));
    await settle();
    assert.equal(flow.state, settled);
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-late', 'not left pending on the phone');
    assert.equal(adapter.lastWatch.aborted, true, 'listened to only until the cancel was confirmed');
    assert.equal(recording.of('failure').length, 0);
  });

  it('Call Me during a push cancels the push; only the call’s progress shows', async () => {
    const { flow, adapter } = await pushingFlow();
    adapter.honourAbort = false;
    const pushWatch = adapter.lastWatch;
    adapter.reply('startCall', calling());
    flow.call();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
    await settle();
    const callWatch = adapter.lastWatch;
    assert.notEqual(callWatch, pushWatch);
    assert.equal(flow.state.pendingMethod, 'phone');

    pushWatch.push(allowed('stale-token'));
    await settle();
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.status?.message, 'Dialing XXX-XXX-0105...');

    callWatch.push(answered);
    await settle();
    assert.equal(flow.state.status?.message, 'Answered. Press any key on your phone to log in.');
  });

  it('a push confirmed late, after the user chose Call Me, is canceled and never shows', async () => {
    const { flow, adapter } = await choosingFlow();
    adapter.honourAbort = false;
    flow.push();
    flow.call();
    adapter.call('startCall').resolve(calling());
    await settle();
    adapter.call('startPush').resolve(pushed('tx-late'));
    await settle();
    assert.equal(flow.state.pendingMethod, 'phone');
    assert.equal(flow.state.status?.message, 'Dialing XXX-XXX-0105...');
    assert.equal(adapter.watches.filter((watch) => !watch.aborted).length, 1, 'only the call is still followed');
    assert.deepEqual(adapter.callsOf('cancel').map((call) => call.args[0]), ['tx-late']);
  });

  it('Enter a Passcode during a push cancels the push', async () => {
    const { flow, adapter } = await pushingFlow();
    flow.openPasscodeEntry();
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.passcodeEntryOpen, true);
    assert.equal(flow.state.status?.message, 'Authentication request canceled', 'it says so (issue 11)');
    assert.equal(flow.state.rememberMe.disabled, false);
  });

  it('while a passcode is being verified, other methods and devices wait for its answer (a checked code is used up)', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    flow.openPasscodeEntry();
    flow.submitPasscode('123456789');
    flow.push();
    flow.call();
    flow.selectDevice(landline.id);
    assert.equal(adapter.count('startPush') + adapter.count('startCall'), 0);
    assert.equal(flow.state.selectedDevice?.id, iphone.id);
    assert.notEqual(adapter.call('verifyPasscode').signal?.aborted, true);

    adapter.call('verifyPasscode').resolve(verified());
    await settle();
    assert.equal(flow.state.phase, 'success');
    assert.equal(recording.of('success').length, 1);
  });
});

describe('closing the prompt', () => {
  it('mid-push cancels the push, and nothing is emitted afterwards', async () => {
    const { flow, adapter, recording } = await pushingFlow();
    adapter.honourAbort = false;
    const watch = adapter.lastWatch;
    const statesBefore = recording.states.length;
    const eventsBefore = recording.events.length;
    flow.destroy();
    assert.equal(watch.aborted, true);
    assert.deepEqual(adapter.call('cancel').args[0], 'tx-push');

    watch.push(allowed());
    await settle();
    flow.push();
    flow.start();
    await settle();
    assert.equal(recording.states.length, statesBefore);
    assert.equal(recording.events.length, eventsBefore);
    assert.equal(adapter.count('startPush'), 1);
    assert.equal(adapter.count('preauth'), 1);
  });

  it('during preauth aborts it, and a late answer changes nothing', async () => {
    const adapter = new FakeAdapter();
    adapter.honourAbort = false;
    const flow = new MfaFlow(adapter);
    flow.start();
    const recording = record(flow);
    flow.destroy();
    assert.equal(adapter.call('preauth').signal?.aborted, true);
    adapter.call('preauth').resolve(authResult());
    await settle();
    assert.equal(flow.state.phase, 'loading');
    assert.equal(recording.states.length + recording.events.length, 0);
    assert.equal(adapter.count('cancel'), 0, 'there was no transaction to cancel');
  });
});
