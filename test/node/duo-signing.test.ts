/**
 * Duo's request signature, pinned against an independent computation with `node:crypto`, and the
 * simulated Auth API's checks: a bad signature, another integration key, a stale or missing date.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { canonicalParams, canonicalRequest, duoAuthorization, duoDate } from '../../src/server/duo-signing.js';
import { createDuoAuthApiHandler, DuoAuthApiSimulator } from '../../mock-server/duo-auth-api/index.js';

describe('Duo request signature', () => {
  test('the canonical request: date, upper-case method, lower-case host, path, sorted RFC 3986-encoded params', () => {
    const canonical = canonicalRequest('Tue, 21 Aug 2012 17:29:18 -0000', 'post', 'API-XXXXXXXX.duosecurity.com', '/auth/v2/auth', {
      username: 'jean.dupont@example.com',
      factor: 'push',
      pushinfo: "a b!'()*~",
      async: '1',
    });
    assert.equal(
      canonical,
      [
        'Tue, 21 Aug 2012 17:29:18 -0000',
        'POST',
        'api-xxxxxxxx.duosecurity.com',
        '/auth/v2/auth',
        'async=1&factor=push&pushinfo=a%20b%21%27%28%29%2A~&username=jean.dupont%40example.com',
      ].join('\n'),
    );
  });

  test('non-ASCII values are encoded as UTF-8 bytes', () => {
    assert.equal(canonicalParams({ name: 'Zoë' }), 'name=Zo%C3%AB');
  });

  test('the Authorization header is Basic ikey:hex HMAC-SHA512, the same as node:crypto computes', async () => {
    const canonical = canonicalRequest(duoDate(Date.UTC(2026, 11, 2, 10, 0, 0)), 'GET', 'api-x.duosecurity.com', '/auth/v2/auth_status', { txid: 'abc' });
    const header = await duoAuthorization('DIWJ8X6AEYOR5OMC6TQ1', 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep', canonical);
    const expected = createHmac('sha512', 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep').update(canonical).digest('hex');
    assert.equal(header, `Basic ${Buffer.from(`DIWJ8X6AEYOR5OMC6TQ1:${expected}`).toString('base64')}`);
  });

  test('the Date header is RFC 2822 with a numeric zone, as Duo expects', () => {
    assert.equal(duoDate(Date.UTC(2012, 7, 21, 17, 29, 18)), 'Tue, 21 Aug 2012 17:29:18 -0000');
  });
});

describe('the simulated Auth API checks signatures', () => {
  const sim = new DuoAuthApiSimulator();
  sim.addUser({ username: 'alice', devices: [] });
  const handle = createDuoAuthApiHandler(sim);
  const host = 'api-sim.duo.test';

  async function signed(options: { secret?: string; ikey?: string; date?: string; params?: Record<string, string> } = {}) {
    const date = options.date ?? duoDate(Date.now());
    const params = options.params ?? { username: 'alice' };
    const canonical = canonicalRequest(date, 'POST', host, '/auth/v2/preauth', params);
    const authorization = await duoAuthorization(options.ikey ?? sim.integrationKey, options.secret ?? sim.secretKey, canonical);
    const response = await handle(
      new Request(`https://${host}/auth/v2/preauth`, {
        method: 'POST',
        headers: { Authorization: authorization, Date: date, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: canonicalParams(params),
      }),
    );
    return { status: response.status, body: await response.json() };
  }

  test('a correctly signed request gets the OK envelope', async () => {
    const { status, body } = await signed();
    assert.equal(status, 200);
    assert.equal(body.stat, 'OK');
    assert.equal(body.response.result, 'auth');
  });

  test('a signature made with another secret key is refused with 40103', async () => {
    assert.deepEqual(await signed({ secret: 'not-the-secret-key-0000000000000000000000' }), {
      status: 401,
      body: { stat: 'FAIL', code: 40103, message: 'Invalid signature in request credentials' },
    });
  });

  test('another integration key is refused with 40102', async () => {
    const { status, body } = await signed({ ikey: 'DIOTHERINTEGRATION00' });
    assert.equal(status, 401);
    assert.equal(body.code, 40102);
  });

  test('a stale Date (10 minutes old) is refused, even correctly signed', async () => {
    const { status, body } = await signed({ date: duoDate(Date.now() - 10 * 60_000) });
    assert.equal(status, 401);
    assert.equal(body.code, 40105);
  });

  test('parameters changed after signing are refused', async () => {
    const date = duoDate(Date.now());
    const authorization = await duoAuthorization(sim.integrationKey, sim.secretKey, canonicalRequest(date, 'POST', host, '/auth/v2/preauth', { username: 'alice' }));
    const response = await handle(
      new Request(`https://${host}/auth/v2/preauth`, { method: 'POST', headers: { Authorization: authorization, Date: date }, body: 'username=bob' }),
    );
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 40103);
  });

  test('no credentials at all: 40101', async () => {
    const response = await handle(new Request(`https://${host}/auth/v2/check`));
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 40101);
  });
});
