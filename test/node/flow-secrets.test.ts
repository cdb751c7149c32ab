import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import { settle } from './support/fake-adapter.js';
import { authResult, choosingFlow, verified } from './support/flow-fixtures.js';
import type { Recording } from './support/flow-fixtures.js';

/** Everything the flow ever exposed, as text: what a view, a logger or an analytics hook could see. */
const exposed = (recording: Recording): string => JSON.stringify([recording.states, recording.events]);

describe('the passcode never leaves the flow', () => {
  it('the passcode never appears in any state or event, even when the backend echoes it', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    flow.openPasscodeEntry();
    const echo = (code: string) => `Passcode 7654321 (${code}) rejected`;

    flow.submitPasscode('76543'); // too short: never sent
    for (const error of [
      new MfaError('invalid_passcode', echo('invalid'), { attemptsLeft: 3 }),
      new MfaError('rate_limited', echo('rate'), { retryAfter: 5 }),
      new MfaError('network', echo('network')),
      new MfaError('bad_response', echo('bad')),
      new MfaError('locked_out', echo('locked')),
    ]) {
      adapter.reply('verifyPasscode', error);
      flow.submitPasscode('765 4321');
      await settle();
    }
    // The lock-out closed the entry; Try again asks the backend afresh, and the lock has run out.
    adapter.reply('preauth', authResult());
    flow.retry();
    await settle();
    flow.openPasscodeEntry();
    adapter.reply('verifyPasscode', {
      ...verified(),
      status: { status: 'allow', final: true, message: 'Accepted 7654321', token: 'token-passcode', remembered: false },
    });
    flow.submitPasscode('765-4321');
    await settle();

    assert.equal(flow.state.phase, 'success');
    assert.equal(adapter.count('verifyPasscode'), 6);
    assert.ok(adapter.callsOf('verifyPasscode').every((call) => call.args[1] === '7654321'), 'the backend did get it');
    assert.ok(recording.states.length > 10 && recording.events.length > 5);
    const seen = exposed(recording);
    assert.ok(!seen.includes('76543'), 'no part of the passcode shows');
    assert.ok(!seen.includes('765 4321') && !seen.includes('765-4321'), 'nor the raw input');
    assert.equal(flow.state.status?.message, 'Success. Logging you in...');
  });

  it('the success event carries the token but no passcode', async () => {
    const { flow, adapter, recording } = await choosingFlow();
    flow.openPasscodeEntry();
    adapter.reply('verifyPasscode', verified());
    flow.submitPasscode('24681357');
    await settle();
    assert.deepEqual(recording.of('success'), [{ token: 'token-passcode', method: 'passcode', remembered: false }]);
    assert.ok(!exposed(recording).includes('24681357'));
  });
});
