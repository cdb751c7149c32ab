// The browser pipeline end to end: the HTTP client in Chromium -> fetch -> MSW's service worker -> the
// simulated backend's handlers -> the simulation core, and back. No element involved.
import { expect, waitUntil } from '@open-wc/testing';
import { createHttpAdapter } from '../../src/adapter/index.js';
import type { StatusUpdate, Transaction } from '../../src/adapter/index.js';
import { startMockBackend, type MockBackend } from '../../mock-server/browser.js';

async function collect(updates: AsyncIterable<StatusUpdate>): Promise<StatusUpdate[]> {
  const seen: StatusUpdate[] = [];
  for await (const update of updates) seen.push(update);
  return seen;
}

describe('HTTP client through the service worker (Chromium)', () => {
  let backend: MockBackend;

  before(async () => {
    backend = await startMockBackend({ quiet: true });
  });
  after(() => backend.stop());
  beforeEach(() => backend.simulator.reset());

  it('logs in with a push approved on the phone, over a long poll', async () => {
    const adapter = createHttpAdapter({ baseUrl: '/mfa' });
    const preauth = await adapter.preauth({ username: 'alice' });
    if (preauth.result !== 'auth') throw new Error(`expected auth, got ${preauth.result}`);
    const phone = preauth.devices.find((device) => device.capabilities.includes('push'))!;

    const push: Transaction = await adapter.startPush(preauth.attemptId, phone.id);
    expect(push.status.status).to.equal('pushed');
    const updates = collect(adapter.watch(push));
    // The phone approves while the client's long poll is held open by the server.
    await waitUntil(() => backend.simulator.waitingPolls === 1, 'the long poll never reached the server');
    backend.simulator.phone('alice').approvePush();

    const seen = await updates;
    expect(seen.map((update) => update.status)).to.deep.equal(['allow']);
    const final = seen[0]!;
    if (final.status !== 'allow') throw new Error('unreachable');
    expect(final.token).to.be.a('string').and.not.empty;
  });

  it('verifies an SMS passcode sent in a batch, and rejects a wrong one with attempts left', async () => {
    const adapter = createHttpAdapter({ baseUrl: '/mfa' });
    const preauth = await adapter.preauth({ username: 'bob' });
    if (preauth.result !== 'auth') throw new Error(`expected auth, got ${preauth.result}`);
    const device = preauth.devices[0]!;

    const sent = await adapter.sendSmsPasscodes(preauth.attemptId, device.id);
    expect(sent.status).to.include({ status: 'sent', nextSmsDigit: 1 });
    const codes = backend.simulator.phone('bob').smsInbox().at(-1)!.codes;

    const wrong = await adapter.verifyPasscode(preauth.attemptId, '0000000').catch((error: unknown) => error);
    expect(wrong).to.include({ name: 'MfaError', code: 'invalid_passcode' });
    expect((wrong as { attemptsLeft?: number }).attemptsLeft).to.be.a('number');

    const right = await adapter.verifyPasscode(preauth.attemptId, codes[0]!);
    expect(right.status.status).to.equal('allow');
  });
});
