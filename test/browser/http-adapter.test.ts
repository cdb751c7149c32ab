// The browser pipeline end to end: the HTTP client in Chromium -> fetch -> MSW's service worker -> the
// simulated backend's handlers -> the simulation core, and back. No element involved.
import { expect, waitUntil } from '@open-wc/testing';
import { createHttpAdapter } from '../../src/adapter/index.js';
import type { StatusUpdate, Transaction } from '../../src/adapter/index.js';
import { startMockBackend, type MockBackend } from '../../mock-server/browser.js';
import type { SimulatorEvent } from '../../mock-server/core/index.js';

/** The Verified Push code the client received with the push: what the phone asks the user to type. */
const codeOf = (push: Transaction): string | undefined =>
  push.status.status === 'pushed' ? push.status.verificationCode : undefined;

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
    const preauth = await adapter.preauth({ username: 'alice', ticket: backend.simulator.issueTicket('alice') });
    if (preauth.result !== 'auth') throw new Error(`expected auth, got ${preauth.result}`);
    const phone = preauth.devices.find((device) => device.capabilities.includes('push'))!;

    const push: Transaction = await adapter.startPush(preauth.attemptId, phone.id);
    expect(push.status.status).to.equal('pushed');
    const updates = collect(adapter.watch(push));
    // The phone approves while the client's long poll is held open by the server.
    await waitUntil(() => backend.simulator.waitingPolls === 1, 'the long poll never reached the server');
    backend.simulator.phone('alice').approvePush(codeOf(push));

    const seen = await updates;
    expect(seen.map((update) => update.status)).to.deep.equal(['allow']);
    const final = seen[0]!;
    if (final.status !== 'allow') throw new Error('unreachable');
    expect(final.token).to.be.a('string').and.not.empty;
  });

  it('verifies an SMS passcode sent in a batch, and rejects a wrong one with attempts left', async () => {
    const adapter = createHttpAdapter({ baseUrl: '/mfa' });
    const preauth = await adapter.preauth({ username: 'bob', ticket: backend.simulator.issueTicket('bob') });
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

  /** The real fetch, except that the first request matching `lose` reaches the server and its answer is lost. */
  function losingFetch(lose: (url: string, init: RequestInit) => boolean, when: 'before' | 'after') {
    let lost = 0;
    const sent: Array<{ url: string; headers: Headers }> = [];
    const fetch = async (url: string, init: RequestInit): Promise<Response> => {
      sent.push({ url, headers: new Headers(init.headers) });
      if (lost === 0 && lose(url, init)) {
        lost += 1;
        if (when === 'after') await globalThis.fetch(url, init);
        throw new TypeError('Failed to fetch');
      }
      return globalThis.fetch(url, init);
    };
    return { sent, fetch };
  }

  it('in-doubt starts: a push whose answer was lost is asked for again with the same key; the phone shows one push', async () => {
    const events: SimulatorEvent[] = [];
    const unsubscribe = backend.simulator.subscribe((event) => events.push(event));
    const { sent, fetch } = losingFetch((url, init) => init.method === 'POST' && url.endsWith('/transactions'), 'after');
    const adapter = createHttpAdapter({ baseUrl: '/mfa', fetch, backoff: { initialMs: 10, maxMs: 10 } });
    const preauth = await adapter.preauth({ username: 'alice', ticket: backend.simulator.issueTicket('alice') });
    if (preauth.result !== 'auth') throw new Error(`expected auth, got ${preauth.result}`);
    const phone = preauth.devices.find((device) => device.capabilities.includes('push'))!;

    const push = await adapter.startPush(preauth.attemptId, phone.id);
    unsubscribe();

    const starts = sent.filter(({ url }) => url.endsWith('/transactions'));
    expect(starts).to.have.length(2);
    expect(starts[1]!.headers.get('Idempotency-Key')).to.equal(starts[0]!.headers.get('Idempotency-Key'));
    const pushes = new Set(events.flatMap((event) => (event.type === 'transaction' && event.method === 'push' ? [event.txid] : [])));
    expect([...pushes]).to.deep.equal([push.txid], 'one push, the one the client tracks');

    const updates = collect(adapter.watch(push));
    await waitUntil(() => backend.simulator.waitingPolls === 1, 'the long poll never reached the server');
    backend.simulator.phone('alice').approvePush(codeOf(push));
    expect((await updates).map((update) => update.status)).to.deep.equal(['allow']);
  });

  it('cancel tells the truth: a cancel lost on the way is sent again, and only then does it resolve', async () => {
    const { sent, fetch } = losingFetch((url) => url.endsWith('/cancel'), 'before');
    const adapter = createHttpAdapter({ baseUrl: '/mfa', fetch, backoff: { initialMs: 10, maxMs: 10 } });
    const preauth = await adapter.preauth({ username: 'alice', ticket: backend.simulator.issueTicket('alice') });
    if (preauth.result !== 'auth') throw new Error(`expected auth, got ${preauth.result}`);
    const phone = preauth.devices.find((device) => device.capabilities.includes('push'))!;
    const push = await adapter.startPush(preauth.attemptId, phone.id);
    const updates = collect(adapter.watch(push));
    await waitUntil(() => backend.simulator.waitingPolls === 1, 'the long poll never reached the server');

    await adapter.cancel(push.txid);

    expect(sent.filter(({ url }) => url.endsWith('/cancel'))).to.have.length(2);
    expect((await updates).map((update) => update.status)).to.deep.equal(['canceled']);
    expect(backend.simulator.phone('alice').pendingPush()).to.equal(undefined);
  });
});
