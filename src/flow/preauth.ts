/** The first step: ask the backend what this login needs, then list the devices and methods to choose from. */
import type { PreauthResult } from '../adapter/types.js';
import { plainDevice, plainPreauth } from './backend-text.js';
import { IDLE } from './derive.js';
import { startMethod } from './methods/start.js';
import { usableMethods } from './methods/options.js';
import { deny, enroll, halt, succeed } from './outcomes.js';
import type { FlowRuntime } from './runtime.js';
import { statusBar } from './status.js';

export async function preauth(flow: FlowRuntime): Promise<void> {
  const op = flow.begin();
  flow.set({ ...IDLE, phase: 'loading', step: 'preauth', passcodeError: null, lockedOut: false, status: null }, { announce: true });
  let result: PreauthResult;
  try {
    result = plainPreauth(await flow.adapter.preauth(flow.request, { signal: op.controller.signal }));
  } catch (error) {
    if (flow.isCurrent(op)) halt(flow, error);
    return;
  }
  if (!flow.isCurrent(op)) return;
  flow.finish(op);
  const m = flow.messages;
  switch (result.result) {
    case 'allow':
      // Without a reason (older servers) nothing says the device was remembered: never claim it was.
      if (result.reason === 'remembered-device') {
        return succeed(flow, 'remembered', result.token, true, result.message || m.rememberedDevice, 'remembered');
      }
      return succeed(flow, 'not-required', result.token, false, result.message || m.notRequired, 'not-required');
    case 'deny':
      return deny(flow, result.message || m.loginDenied, 'denied');
    case 'enroll':
      return enroll(flow, result.enrollUrl, result.message || m.enrollNeeded);
    case 'auth':
      return choose(flow, result);
  }
}

function choose(flow: FlowRuntime, result: Extract<PreauthResult, { result: 'auth' }>): void {
  if (result.devices.length === 0) {
    if (result.enrollUrl) return enroll(flow, result.enrollUrl, flow.messages.enrollNeeded);
    return deny(flow, flow.messages.noDevices, 'no-devices');
  }
  // Rule 20, **no usable method**: a device the policy leaves nothing to do with is not listed.
  const usable = result.devices.filter((device) => flow.usable(device, result.policy).size > 0);
  if (usable.length === 0) {
    // Keys the page cannot use (not https, no WebAuthn in this browser): the user learns why, not just "none".
    const { webauthnBlocked: blocked } = flow;
    const keysOnly = blocked !== null && result.devices.some((device) => usableMethods(device, result.policy, true).size > 0);
    return deny(flow, keysOnly ? flow.messages.webauthnFailed[blocked] : flow.messages.noMethods, 'no-methods');
  }
  const devices = Object.freeze(usable.map(plainDevice));
  flow.attemptId = result.attemptId;
  flow.policy = result.policy;
  flow.smsDigits.clear();
  flow.smsCooldowns.clear();
  for (const device of devices) flow.smsDigits.set(device.id, device.nextSmsDigit ?? null);
  flow.set({
    phase: 'choosing',
    step: 'choose',
    devices,
    selectedDevice: devices[0]!,
    passcodeEntryOpen: false,
    enrollUrl: result.enrollUrl ?? null,
    status: result.message ? statusBar(result.message, 'info', { canDismiss: true }) : null,
  });
  if (flow.autoMethod) startMethod(flow, flow.autoMethod);
}
