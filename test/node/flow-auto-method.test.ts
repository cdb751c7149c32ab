import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authResult, choosingFlow, iphone, landline, token } from './support/flow-fixtures.js';

describe('starting a method automatically (autoMethod)', () => {
  it('sends a push to the first device as soon as the devices are known', async () => {
    const { flow, adapter } = await choosingFlow(authResult(), { username: 'alice', autoMethod: 'push' });
    assert.equal(adapter.count('startPush'), 1);
    assert.deepEqual(adapter.call('startPush').args.slice(0, 2), ['attempt-1', iphone.id]);
    assert.equal(flow.state.phase, 'pending');
    assert.equal(flow.state.status?.canCancel, true, 'the user can still cancel and choose another method');
  });

  it('calls, opens the passcode entry, or texts codes, as asked', async () => {
    const call = await choosingFlow(authResult(), { autoMethod: 'phone' });
    assert.equal(call.adapter.count('startCall'), 1);

    const passcode = await choosingFlow(authResult(), { autoMethod: 'passcode' });
    assert.equal(passcode.flow.state.passcodeEntryOpen, true);
    assert.equal(passcode.adapter.count('verifyPasscode'), 0, 'nothing is sent before the user types');

    const sms = await choosingFlow(authResult(), { autoMethod: 'sms' });
    assert.equal(sms.adapter.count('sendSmsPasscodes'), 1);
  });

  it('leaves the user choosing when the first device cannot do the method', async () => {
    const { flow, adapter } = await choosingFlow(authResult({ devices: [landline, token] }), { autoMethod: 'push' });
    assert.equal(adapter.count('startPush'), 0);
    assert.equal(flow.state.phase, 'choosing');
    assert.equal(flow.state.status, null);
  });

  it('does nothing unless asked', async () => {
    const { flow, adapter } = await choosingFlow();
    assert.equal(adapter.count('startPush') + adapter.count('startCall') + adapter.count('sendSmsPasscodes'), 0);
    assert.equal(flow.state.passcodeEntryOpen, false);
  });
});
