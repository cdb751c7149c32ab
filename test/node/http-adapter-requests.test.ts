/** The HTTP adapter sends each call as the wire contract says: method, URL, headers, body. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { createHttpAdapter } from '../../src/adapter/http-adapter.js';
import { isMfaError } from '../../src/adapter/errors.js';
import {
  allowed,
  BASE,
  calling,
  collect,
  script,
  server,
  started,
  testAdapter,
  txBody,
} from './http-adapter-fixtures.js';

const preauthAnswer = {
  result: 'auth',
  attemptId: 'attempt-1',
  devices: [
    {
      id: 'phone-1',
      displayName: 'iOS (XXX-XXX-0105)',
      type: 'mobile',
      maskedNumber: 'XXX-XXX-0105',
      capabilities: ['push', 'phone', 'sms', 'passcode'],
      nextSmsDigit: 1,
    },
  ],
  policy: { methods: ['push', 'phone', 'sms', 'passcode'], rememberMe: { allowed: true, durationSeconds: 28800 }, smsBatchSize: 10 },
};

/** A fetch that records what the adapter asks for and answers `body`. */
function spyFetch(body: unknown = preauthAnswer, status = 200) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return status === 204 ? new Response(null, { status }) : Response.json(body, { status });
  };
  return { calls, fetch };
}

async function jsonOf(request: Request): Promise<unknown> {
  return JSON.parse(await request.text());
}

describe('preauth', { timeout: 5_000 }, () => {
  test('POSTs the username and ticket as JSON to /preauth and returns the validated result', async () => {
    const { requests, resolver } = script({ ...preauthAnswer, extra: 'ignored' });
    server.use(http.post(`${BASE}/preauth`, resolver));

    const result = await testAdapter().preauth({ username: 'ada', ticket: 't-1' });

    assert.deepEqual(result, preauthAnswer);
    const [request] = requests;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url, `${BASE}/preauth`);
    assert.equal(request!.headers.get('content-type'), 'application/json');
    assert.equal(request!.headers.get('accept'), 'application/json');
    assert.deepEqual(await jsonOf(request!), { username: 'ada', ticket: 't-1' });
  });

  test('returns the allow, deny and enroll decisions as they come', async () => {
    const decisions = [
      { result: 'allow', token: 'remembered-token', message: 'Remembered device' },
      { result: 'deny', message: 'Access denied' },
      { result: 'enroll', enrollUrl: 'https://backend.test/enroll', message: 'Add a device first' },
    ];
    server.use(http.post(`${BASE}/preauth`, script(...decisions).resolver));
    const adapter = testAdapter();
    for (const decision of decisions) assert.deepEqual(await adapter.preauth({ username: 'ada' }), decision);
  });
});

describe('starting a transaction', { timeout: 5_000 }, () => {
  test('startPush POSTs attemptId, method push, deviceId and rememberMe to /transactions', async () => {
    const { requests, resolver } = script(() => HttpResponse.json(txBody(1, { ...calling, status: 'pushed' }), { status: 201 }));
    server.use(http.post(`${BASE}/transactions`, resolver));

    await testAdapter().startPush('attempt-1', 'phone-1', { rememberMe: true });

    assert.equal(requests[0]!.method, 'POST');
    assert.equal(requests[0]!.url, `${BASE}/transactions`);
    assert.equal(requests[0]!.headers.get('content-type'), 'application/json');
    assert.deepEqual(await jsonOf(requests[0]!), { attemptId: 'attempt-1', method: 'push', deviceId: 'phone-1', rememberMe: true });
  });

  test('startCall sends method phone; sendSmsPasscodes sends method sms without rememberMe', async () => {
    const { requests, resolver } = script(txBody(1, calling), txBody(1, { status: 'sent', final: true, message: 'New SMS passcodes sent', nextSmsDigit: 1 }));
    server.use(http.post(`${BASE}/transactions`, resolver));
    const adapter = testAdapter();

    await adapter.startCall('attempt-1', 'phone-1');
    await adapter.sendSmsPasscodes('attempt-1', 'phone-1');

    assert.deepEqual(await jsonOf(requests[0]!), { attemptId: 'attempt-1', method: 'phone', deviceId: 'phone-1' });
    assert.deepEqual(await jsonOf(requests[1]!), { attemptId: 'attempt-1', method: 'sms', deviceId: 'phone-1' });
  });

  test('returns txid, method and status, without the wire-only version', async () => {
    server.use(http.post(`${BASE}/transactions`, () => HttpResponse.json(txBody(7, calling), { status: 201 })));

    const transaction = await testAdapter().startCall('attempt-1', 'phone-1');

    assert.deepEqual(transaction, { txid: 'tx-1', method: 'phone', status: calling });
  });
});

describe('verifyPasscode', { timeout: 5_000 }, () => {
  const passcode = ' 8675 309 ';

  test('sends the passcode as typed, only in the POST body', async () => {
    const { requests, resolver } = script(txBody(1, allowed));
    server.use(http.post(`${BASE}/transactions`, resolver));

    await testAdapter().verifyPasscode('attempt-1', passcode, { deviceId: 'phone-1', rememberMe: false });

    const [request] = requests;
    assert.deepEqual(await jsonOf(request!), {
      attemptId: 'attempt-1',
      method: 'passcode',
      deviceId: 'phone-1',
      passcode,
      rememberMe: false,
    });
    assert.ok(!decodeURIComponent(request!.url).includes('8675'), 'passcode in the URL');
    for (const [name, value] of request!.headers) assert.ok(!value.includes('8675'), `passcode in header ${name}`);
  });

  test('a keyword that starts another method returns that method', async () => {
    server.use(http.post(`${BASE}/transactions`, () => HttpResponse.json({ ...txBody(1, calling), method: 'push' }, { status: 201 })));
    const transaction = await testAdapter().verifyPasscode('attempt-1', 'push');
    assert.equal(transaction.method, 'push');
  });

  for (const empty of ['', '   ']) {
    test(`rejects ${JSON.stringify(empty)} with invalid_request before any request`, async () => {
      const { calls, fetch } = spyFetch();
      await assert.rejects(createHttpAdapter({ baseUrl: BASE, fetch }).verifyPasscode('attempt-1', empty), (error) =>
        isMfaError(error, 'invalid_request'),
      );
      assert.equal(calls.length, 0);
    });
  }
});

describe('transaction routes', { timeout: 5_000 }, () => {
  test('watch long-polls GET /transactions/{txid}?after={version}&wait={seconds}, txid URL-encoded', async () => {
    const adapter = testAdapter();
    const transaction = await started(adapter, txBody(3, calling, 'tx/1 ?#'));
    const { requests, resolver } = script(txBody(4, allowed, 'tx/1 ?#'));
    server.use(http.get(`${BASE}/transactions/:txid`, resolver));

    await collect(adapter.watch(transaction));

    assert.equal(requests[0]!.method, 'GET');
    assert.equal(requests[0]!.url, `${BASE}/transactions/tx%2F1%20%3F%23?after=3&wait=25`);
    assert.equal(requests[0]!.headers.get('accept'), 'application/json');
  });

  test('cancel POSTs /transactions/{txid}/cancel and resolves on 204', async () => {
    const { requests, resolver } = script(() => new HttpResponse(null, { status: 204 }));
    server.use(http.post(`${BASE}/transactions/:txid/cancel`, resolver));

    assert.equal(await testAdapter().cancel('tx/1'), undefined);

    assert.equal(requests[0]!.method, 'POST');
    assert.equal(requests[0]!.url, `${BASE}/transactions/tx%2F1/cancel`);
  });

  test('there is no fraud report: the person at the prompt started the login, fraud is reported on the phone', () => {
    assert.equal('reportFraud' in testAdapter(), false);
  });
});

describe('options', { timeout: 5_000 }, () => {
  test('a trailing slash on baseUrl is tolerated', async () => {
    const { requests, resolver } = script(preauthAnswer);
    server.use(http.post(`${BASE}/preauth`, resolver));
    await testAdapter({ baseUrl: `${BASE}/` }).preauth({ username: 'ada' });
    assert.equal(requests[0]!.url, `${BASE}/preauth`);
  });

  test('a baseUrl relative to the page is passed to fetch as is', async () => {
    const { calls, fetch } = spyFetch();
    await createHttpAdapter({ baseUrl: '/mfa/', fetch }).preauth({ username: 'ada' });
    assert.equal(calls[0]!.url, '/mfa/preauth');
  });

  test("credentials default to 'same-origin' and can be changed", async () => {
    const { calls, fetch } = spyFetch();
    await createHttpAdapter({ baseUrl: BASE, fetch }).preauth({});
    await createHttpAdapter({ baseUrl: BASE, fetch, credentials: 'include' }).preauth({});
    assert.deepEqual(
      calls.map((call) => call.init.credentials),
      ['same-origin', 'include'],
    );
  });

  test('extra headers are sent with every request; a function is asked each time', async () => {
    let token = 0;
    const { requests, resolver } = script(preauthAnswer, preauthAnswer);
    server.use(http.post(`${BASE}/preauth`, resolver));
    const adapter = testAdapter({ headers: () => ({ 'x-csrf-token': `csrf-${++token}` }) });

    await adapter.preauth({});
    await adapter.preauth({});

    assert.deepEqual(
      requests.map((request) => request.headers.get('x-csrf-token')),
      ['csrf-1', 'csrf-2'],
    );
  });

  test('extra headers cannot replace the JSON content type', async () => {
    const { requests, resolver } = script(preauthAnswer);
    server.use(http.post(`${BASE}/preauth`, resolver));
    await testAdapter({ headers: { 'content-type': 'text/plain', accept: '*/*' } }).preauth({});
    assert.equal(requests[0]!.headers.get('content-type'), 'application/json');
    assert.equal(requests[0]!.headers.get('accept'), 'application/json');
  });

  for (const [asked, sent] of [
    [undefined, '25'],
    [10, '10'],
    [0, '1'],
    [600, '30'],
  ] as const) {
    test(`pollWaitSeconds ${asked ?? '(default)'} asks the server to wait ${sent} s`, async () => {
      const adapter = testAdapter(asked === undefined ? {} : { pollWaitSeconds: asked });
      const transaction = await started(adapter, txBody(1, calling));
      const { requests, resolver } = script(txBody(2, allowed));
      server.use(http.get(`${BASE}/transactions/:txid`, resolver));

      await collect(adapter.watch(transaction));

      assert.equal(new URL(requests[0]!.url).searchParams.get('wait'), sent);
    });
  }
});
