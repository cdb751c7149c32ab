import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Device } from '../../src/adapter/types.js';
import { defaultMessages, formatDuration } from '../../src/flow/index.js';
import { settle } from './support/fake-adapter.js';
import { authResult, choosingFlow, iphone, landline, policy, pushed, pushingFlow, token } from './support/flow-fixtures.js';

const buttons = (state: { methods: readonly { method: string }[] }) => state.methods.map((option) => option.method);

describe('choosing a device and a method', () => {
  it('offers the selected device’s methods, push first and recommended, with their button labels', async () => {
    const { flow } = await choosingFlow();
    assert.deepEqual(flow.state.methods, [
      { method: 'push', label: 'Send me a Push', recommended: true },
      { method: 'phone', label: 'Call Me', recommended: false },
      { method: 'passcode', label: 'Enter a Passcode', recommended: false },
    ]);
  });

  it('offers only what both the device and the administrator’s policy allow', async () => {
    const { flow } = await choosingFlow(authResult({ policy: policy({ methods: ['phone', 'passcode'] }) }));
    assert.deepEqual(buttons(flow.state), ['phone', 'passcode']);
    assert.equal(flow.state.canSendCodes, false, 'SMS is not allowed');
    flow.push();
    await settle();
    assert.equal(flow.state.phase, 'choosing', 'a method that is not offered cannot be started');
  });

  it('a landline only offers Call Me, a token only Enter a Passcode', async () => {
    const { flow } = await choosingFlow();
    flow.selectDevice(landline.id);
    assert.deepEqual(buttons(flow.state), ['phone']);
    flow.selectDevice(token.id);
    assert.deepEqual(buttons(flow.state), ['passcode']);
    assert.equal(flow.state.canSendCodes, false);
  });

  it('a landline that claims more capabilities still only offers Call Me', async () => {
    const confused: Device = { ...landline, capabilities: ['push', 'phone', 'sms'] };
    const { flow } = await choosingFlow(authResult({ devices: [confused] }));
    assert.deepEqual(buttons(flow.state), ['phone']);
  });

  it('SMS is offered as Send codes inside the passcode entry, not as a button of its own', async () => {
    const smsOnly: Device = { ...iphone, capabilities: ['sms'] };
    const { flow } = await choosingFlow(authResult({ devices: [smsOnly] }));
    assert.deepEqual(buttons(flow.state), ['passcode']);
    assert.equal(flow.state.canSendCodes, true);
  });

  it('texts can be replaced, for another language', async () => {
    const { flow } = await choosingFlow(authResult(), {
      messages: {
        methods: { push: 'Push senden', phone: 'Anrufen', passcode: 'Code eingeben' },
        rememberMe: (duration) => `${duration} merken`,
      },
    });
    assert.deepEqual(flow.state.methods.map((option) => option.label), ['Push senden', 'Anrufen', 'Code eingeben']);
    assert.equal(flow.state.rememberMe.label, '8 hours merken');
  });

  it('no method is marked recommended when push is not offered', async () => {
    const { flow } = await choosingFlow(authResult({ devices: [landline] }));
    assert.ok(flow.state.methods.every((option) => !option.recommended));
  });

  it('selecting a device shows its methods; an unknown device or the same one changes nothing', async () => {
    const { flow } = await choosingFlow();
    flow.selectDevice(landline.id);
    assert.equal(flow.state.selectedDevice?.id, landline.id);
    const before = flow.state;
    flow.selectDevice('no-such-device');
    flow.selectDevice(landline.id);
    assert.equal(flow.state, before);
  });

  it('Enter a Passcode opens the passcode entry with its hint', async () => {
    const { flow } = await choosingFlow();
    assert.equal(flow.state.passcodeEntryOpen, false);
    flow.openPasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, true);
    assert.equal(flow.state.passcodeHint, 'Next SMS passcode starts with 1.');
    flow.selectDevice(landline.id);
    assert.equal(flow.state.passcodeEntryOpen, false, 'a landline has no passcodes');
    flow.openPasscodeEntry();
    assert.equal(flow.state.passcodeEntryOpen, false);
  });

  it('without an SMS batch outstanding, the hint says where passcodes come from', async () => {
    const { flow } = await choosingFlow(authResult({ devices: [{ ...iphone, nextSmsDigit: undefined }, token] }));
    flow.openPasscodeEntry();
    assert.equal(flow.state.nextSmsDigit, null);
    assert.equal(flow.state.passcodeHint, defaultMessages.passcodeHelp.withSms);
    flow.selectDevice(token.id);
    assert.equal(flow.state.passcodeHint, defaultMessages.passcodeHelp.withoutSms);
  });
});

describe('remember me', () => {
  it('is offered with the policy’s duration and unticked', async () => {
    const { flow } = await choosingFlow();
    assert.deepEqual(flow.state.rememberMe, { offered: true, checked: false, disabled: false, label: 'Remember me for 8 hours' });
  });

  it('is not offered when the policy does not allow it', async () => {
    const { flow } = await choosingFlow(authResult({ policy: policy({ rememberMe: { allowed: false, durationSeconds: 28_800 } }) }));
    assert.equal(flow.state.rememberMe.offered, false);
    flow.setRememberMe(true);
    assert.equal(flow.state.rememberMe.checked, false);
  });

  it('names the administrator’s duration in the largest whole unit', () => {
    const label = (seconds: number) => formatDuration(seconds, defaultMessages);
    assert.equal(label(28_800), '8 hours');
    assert.equal(label(43_200), '12 hours');
    assert.equal(label(3_600), '1 hour');
    assert.equal(label(86_400), '1 day');
    assert.equal(label(604_800), '7 days');
    assert.equal(label(2_592_000), '30 days');
    assert.equal(label(5_400), '90 minutes');
    assert.equal(label(45), '45 seconds');
  });

  it('uses the label for a 30-day policy', async () => {
    const { flow } = await choosingFlow(authResult({ policy: policy({ rememberMe: { allowed: true, durationSeconds: 2_592_000 } }) }));
    assert.equal(flow.state.rememberMe.label, 'Remember me for 30 days');
  });

  it('a ticked box asks the backend to remember the device', async () => {
    const { flow, adapter } = await choosingFlow();
    flow.setRememberMe(true);
    assert.equal(flow.state.rememberMe.checked, true);
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    assert.deepEqual(adapter.call('startPush').args.slice(0, 2), ['attempt-1', iphone.id]);
    assert.equal((adapter.call('startPush').args[2] as { rememberMe: boolean }).rememberMe, true);
  });

  it('is greyed out while a push is pending, and keeps its value', async () => {
    const { flow } = await pushingFlow();
    assert.equal(flow.state.rememberMe.disabled, true);
    flow.setRememberMe(true);
    assert.equal(flow.state.rememberMe.checked, false, 'a disabled box cannot be ticked');
    flow.cancel();
    await settle();
    assert.equal(flow.state.rememberMe.disabled, false);
  });
});
