/** A user, their devices and the transactions the flow tests script, plus a recorder of states and events. */
import type { Device, Policy, PreauthResult, StatusUpdate, Transaction } from '../../../src/adapter/types.js';
import { MfaFlow } from '../../../src/flow/index.js';
import type { FlowEvents, FlowState, MfaFlowOptions } from '../../../src/flow/index.js';
import { FakeAdapter, settle } from './fake-adapter.js';

export const iphone: Device = {
  id: 'dev-iphone',
  displayName: 'iOS (XXX-XXX-0105)',
  type: 'mobile',
  maskedNumber: 'XXX-XXX-0105',
  capabilities: ['push', 'phone', 'sms', 'passcode'],
  nextSmsDigit: 1,
};

export const landline: Device = {
  id: 'dev-landline',
  displayName: 'Landline (XXX-XXX-1311)',
  type: 'landline',
  maskedNumber: 'XXX-XXX-1311',
  capabilities: ['phone'],
};

export const token: Device = {
  id: 'dev-token',
  displayName: 'Hardware token',
  type: 'token',
  capabilities: ['passcode'],
};

export function policy(overrides: Partial<Policy> = {}): Policy {
  return {
    methods: ['push', 'phone', 'sms', 'passcode'],
    rememberMe: { allowed: true, durationSeconds: 28_800 },
    smsBatchSize: 10,
    ...overrides,
  };
}

export function authResult(overrides: Partial<Extract<PreauthResult, { result: 'auth' }>> = {}): PreauthResult {
  return { result: 'auth', attemptId: 'attempt-1', devices: [iphone, landline, token], policy: policy(), ...overrides };
}

export const pushed = (txid = 'tx-push'): Transaction => ({
  txid,
  method: 'push',
  status: { status: 'pushed', final: false, message: 'Pushed a login request to your device...' },
});

export const calling = (txid = 'tx-call'): Transaction => ({
  txid,
  method: 'phone',
  status: { status: 'calling', final: false, message: 'Dialing XXX-XXX-0105...' },
});

export const sent = (nextSmsDigit: number, txid = 'tx-sms'): Transaction => ({
  txid,
  method: 'sms',
  status: { status: 'sent', final: true, message: 'New SMS passcodes sent', nextSmsDigit },
});

export const verified = (txid = 'tx-code', remembered = false): Transaction => ({
  txid,
  method: 'passcode',
  status: { status: 'allow', final: true, message: 'Success. Logging you in...', token: 'token-passcode', remembered },
});

export const answered: StatusUpdate = { status: 'answered', final: false, message: 'Answered. Press any key on your phone to log in.' };

export const allowed = (tokenValue = 'token-push', remembered = false): StatusUpdate => ({
  status: 'allow',
  final: true,
  message: 'Success. Logging you in...',
  token: tokenValue,
  remembered,
});

/** Everything a flow told the outside world, in order. */
export interface Recording {
  states: FlowState[];
  events: Array<{ [K in keyof FlowEvents]: { type: K; detail: FlowEvents[K] } }[keyof FlowEvents]>;
  of<K extends keyof FlowEvents>(type: K): FlowEvents[K][];
}

export function record(flow: MfaFlow): Recording {
  const recording: Recording = {
    states: [],
    events: [],
    of: (type) => recording.events.filter((event) => event.type === type).map((event) => event.detail) as never,
  };
  flow.subscribe((state) => recording.states.push(state));
  for (const type of ['success', 'failure', 'cancel', 'statechange'] as const) {
    flow.on(type, (detail) => recording.events.push({ type, detail } as Recording['events'][number]));
  }
  return recording;
}

/** A flow that went through preauth and shows the methods of the first device. */
export async function choosingFlow(
  preauth: PreauthResult = authResult(),
  options: MfaFlowOptions = { username: 'alice' },
): Promise<{ flow: MfaFlow; adapter: FakeAdapter; recording: Recording }> {
  const adapter = new FakeAdapter().reply('preauth', preauth);
  const flow = new MfaFlow(adapter, options);
  const recording = record(flow);
  flow.start();
  await settle();
  return { flow, adapter, recording };
}

/** A flow with a push pending on the first device and its watch started. */
export async function pushingFlow(): Promise<{ flow: MfaFlow; adapter: FakeAdapter; recording: Recording }> {
  const started = await choosingFlow();
  started.adapter.reply('startPush', pushed());
  started.flow.push();
  await settle();
  return started;
}
