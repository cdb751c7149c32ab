/**
 * The kit catches planted violations: each plant breaks one rule of the contract in front of (or inside) an
 * otherwise correct simulator, and the kit's full run must fail exactly the checks listed for it, no more
 * and no fewer. The plants are MSW handlers wrapping the simulator's own handlers (`getResponse` over
 * `createHandlers` and `createTestControlHandlers`), or simulator options and subscriptions; no mock-server
 * file changes. Each plant has its own simulator and host (`http://plant-N.test/mfa`), and all run at once.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getResponse } from 'msw';
import { runConformance, type RunReport } from '../../conformance/index.js';
import { createHandlers, MfaSimulator, OffsetClock, seededRandom, type SimulatorOptions } from '../../mock-server/index.js';
import { createTestControlHandlers } from '../../mock-server/test-control.js';

type Forward = (request: Request) => Promise<Response>;

interface Plant {
  name: string;
  /** The checks that must fail (all others pass or skip as against the clean simulator). */
  expected: string[];
  simulatorOptions?: SimulatorOptions;
  setup?(sim: MfaSimulator): void;
  /** Answers a request to the plant's host; `forward` asks the real simulator. */
  wrap?(request: Request, forward: Forward, sim: MfaSimulator): Promise<Response>;
}

const USERS = ['alice', 'bob'];
const isStart = (request: Request) => request.method === 'POST' && new URL(request.url).pathname.endsWith('/mfa/transactions');
const isPoll = (request: Request) => request.method === 'GET' && /\/mfa\/transactions\/[^/]+$/.test(new URL(request.url).pathname);
const isPreauth = (request: Request) => request.method === 'POST' && new URL(request.url).pathname.endsWith('/mfa/preauth');

/** A copy of `request` with another URL, headers or body (the signal goes along, for held polls). */
function rebuild(request: Request, { url, headers, body }: { url?: string; headers?: Headers; body?: string }, text?: string): Request {
  const init: RequestInit = { method: request.method, headers: headers ?? request.headers, signal: request.signal };
  const content = body ?? text;
  if (content !== undefined && request.method !== 'GET') init.body = content;
  return new Request(url ?? request.url, init);
}

/** A copy of `response` with a changed body or headers; Set-Cookie added afterwards (outside MSW's cookie jar). */
async function reshape(response: Response, { json, edit }: { json?: (body: any) => unknown; edit?: (headers: Headers, cookies: string[]) => string[] }): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  let cookies = headers.getSetCookie();
  headers.delete('set-cookie');
  if (edit) cookies = edit(headers, cookies);
  const body = json && text ? JSON.stringify(json(JSON.parse(text))) : text;
  const out = new Response(response.status === 204 ? null : body, { status: response.status, headers });
  for (const cookie of cookies) out.headers.append('Set-Cookie', cookie);
  return out;
}

function fakeAllow(): Response {
  const id = (n: number) => [...crypto.getRandomValues(new Uint8Array(n))].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  return Response.json(
    { txid: `tx_${id(26)}`, method: 'passcode', version: 1, status: { status: 'allow', final: true, message: 'Success. Logging you in...', token: `login_${id(32)}`, remembered: false } },
    { status: 201, headers: { 'Cache-Control': 'no-store' } },
  );
}

async function startBody(request: Request): Promise<{ text: string; body: Record<string, unknown> }> {
  const text = await request.clone().text();
  try {
    return { text, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { text, body: {} };
  }
}

/** txid → the attempt that started it, learnt from the starts (for plants that ignore attempt binding). */
function attemptRecorder() {
  const attemptOf = new Map<string, string>();
  return {
    attemptOf,
    async start(request: Request, forward: Forward): Promise<Response> {
      const { body } = await startBody(request);
      const response = await forward(request);
      const txid = ((await response.clone().json().catch(() => ({}))) as { txid?: string }).txid;
      if (txid && typeof body.attemptId === 'string') attemptOf.set(txid, body.attemptId);
      return response;
    },
    /** The request with the right Mfa-Attempt-Id for its txid, whatever it carried. */
    bind(request: Request): Request {
      const txid = /\/transactions\/([^/?]+)/.exec(new URL(request.url).pathname)?.[1] ?? '';
      const attemptId = attemptOf.get(decodeURIComponent(txid));
      if (!attemptId) return request;
      const headers = new Headers(request.headers);
      headers.set('Mfa-Attempt-Id', attemptId);
      return rebuild(request, { headers });
    },
  };
}

const recorderFor = new WeakMap<Plant, ReturnType<typeof attemptRecorder>>();
function recorder(plant: Plant) {
  let found = recorderFor.get(plant);
  if (!found) recorderFor.set(plant, (found = attemptRecorder()));
  return found;
}

const PLANTS: Plant[] = [
  { name: 'none (the clean simulator, in-process)', expected: [] },
  {
    name: 'a wrong schema: poll answers without status.message',
    expected: ['contract.schemas'],
    async wrap(request, forward) {
      const response = await forward(request);
      if (!isPoll(request) || response.status !== 200) return response;
      return reshape(response, { json: (body) => ({ ...body, status: { ...body.status, message: undefined } }) });
    },
  },
  {
    name: 'a poll that never holds: answers at once with the unchanged body',
    expected: ['long-poll.holds'],
    async wrap(request, forward) {
      if (!isPoll(request)) return forward(request);
      const url = new URL(request.url);
      url.search = '';
      return forward(rebuild(request, { url: url.href }));
    },
  },
  (() => {
    const accepted = new Set<string>();
    return {
      name: 'a reusable passcode: a code accepted once is accepted again',
      expected: ['passcode.single-use'],
      async wrap(request, forward) {
        if (!isStart(request)) return forward(request);
        const { body } = await startBody(request);
        const response = await forward(request);
        if (body.method !== 'passcode' || typeof body.passcode !== 'string') return response;
        if (response.status === 201) accepted.add(body.passcode);
        if (response.status === 401 && accepted.has(body.passcode)) return fakeAllow();
        return response;
      },
    } satisfies Plant;
  })(),
  {
    name: 'no batch invalidation: codes of an older SMS batch still log in',
    expected: ['sms.batch-invalidation'],
    async wrap(request, forward, sim) {
      if (!isStart(request)) return forward(request);
      const { body } = await startBody(request);
      const response = await forward(request);
      if (response.status !== 401 || typeof body.passcode !== 'string') return response;
      for (const user of USERS) {
        const inbox = sim.phone(user).smsInbox();
        const older = inbox.filter((m) => m !== inbox.findLast((n) => n.deviceId === m.deviceId));
        if (older.some((m) => m.codes.includes(body.passcode as string))) return fakeAllow();
      }
      return response;
    },
  },
  {
    name: 'no lock-out: the locking failure is answered as a wrong code and the user unlocked',
    expected: ['failure-cap.lockout'],
    async wrap(request, forward, sim) {
      const response = await forward(request);
      if (!isStart(request) || response.status !== 403) return response;
      for (const user of USERS) sim.unlock(user);
      return Response.json({ error: { code: 'invalid_passcode', message: 'Incorrect passcode. Please try again.' } }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
    },
  },
  {
    name: 'a failure count that resets when a temporary lock ends',
    expected: ['failure-cap.survives-lock'],
    setup(sim) {
      sim.subscribe((event) => {
        if (event.type === 'lock' && !event.locked) sim.unlock(event.username);
      });
    },
  },
  {
    name: 'a token readable by txid alone: polls ignore Mfa-Attempt-Id',
    expected: ['attempt-binding.poll'],
    async wrap(request, forward) {
      const attempts = recorder(this);
      if (isStart(request)) return attempts.start(request, forward);
      return forward(isPoll(request) ? attempts.bind(request) : request);
    },
  },
  {
    name: 'cancels ignore Mfa-Attempt-Id',
    expected: ['attempt-binding.cancel'],
    async wrap(request, forward) {
      const attempts = recorder(this);
      if (isStart(request)) return attempts.start(request, forward);
      const bound = request.method === 'POST' && /\/transactions\/[^/]+\/cancel$/.test(new URL(request.url).pathname);
      return forward(bound ? attempts.bind(request) : request);
    },
  },
  {
    name: 'a bare username accepted: preauth without a ticket logs the named user in',
    expected: ['ticket.required'],
    async wrap(request, forward, sim) {
      if (!isPreauth(request)) return forward(request);
      const { body, text } = await startBody(request);
      if (body.ticket || typeof body.username !== 'string') return forward(rebuild(request, {}, text));
      return forward(rebuild(request, { body: JSON.stringify({ ...body, ticket: sim.issueTicket(body.username) }) }));
    },
  },
  {
    name: 'a Secure-less remember-me cookie',
    expected: ['cookie.remember-me'],
    async wrap(request, forward) {
      const response = await forward(request);
      if (response.headers.getSetCookie().length === 0) return response;
      return reshape(response, { edit: (_headers, cookies) => cookies.map((c) => c.replace(/;\s*Secure/i, '')) });
    },
  },
  {
    name: 'a remembered-device cookie that lets any user skip the second factor',
    expected: ['cookie.remember-me'],
    async wrap(request, forward) {
      const response = await forward(request);
      if (!isPreauth(request) || !/mfa_remembered_device=/.test(request.headers.get('cookie') ?? '')) return response;
      const body = (await response.clone().json()) as { result?: string };
      if (body.result !== 'auth') return response;
      const token = `login_${[...crypto.getRandomValues(new Uint8Array(32))].map((b) => (b % 36).toString(36)).join('')}`;
      return Response.json({ result: 'allow', token, message: 'This device is remembered.', reason: 'remembered-device' }, { headers: { 'Cache-Control': 'no-store' } });
    },
  },
  {
    name: 'a start that is not idempotent: Idempotency-Key ignored',
    // token-once replays a start after redemption: without idempotency that is a new (wrong) code, not 404.
    expected: ['flow.idempotent-start', 'token-once'],
    async wrap(request, forward) {
      if (!isStart(request)) return forward(request);
      const { text } = await startBody(request);
      const headers = new Headers(request.headers);
      headers.delete('Idempotency-Key');
      return forward(rebuild(request, { headers }, text));
    },
  },
  {
    name: 'user enumeration at preauth: an unknown user gets "deny", not 404 expired',
    expected: ['preauth.no-user-enumeration'],
    async wrap(request, forward, sim) {
      if (!isPreauth(request)) return forward(request);
      const { body, text } = await startBody(request);
      const response = await forward(rebuild(request, {}, text));
      const payload = String(body.ticket ?? '').replace(/^tkt_/, '').split('.')[0] ?? '';
      let sub: string | undefined;
      try {
        sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string }).sub;
      } catch {
        sub = undefined;
      }
      if (response.status === 404 && sub && !sim.users.some((u) => u.username === sub)) {
        return Response.json({ result: 'deny', message: 'This user is not enrolled in two-factor login.' }, { headers: { 'Cache-Control': 'no-store' } });
      }
      return response;
    },
  },
  {
    name: 'a missing Cache-Control on polls',
    expected: ['contract.cache-control'],
    async wrap(request, forward) {
      const response = await forward(request);
      if (!isPoll(request)) return response;
      return reshape(response, { edit: (headers, cookies) => (headers.delete('cache-control'), cookies) });
    },
  },
  (() => {
    const realOf = new Map<string, string>();
    let counter = 0;
    const real = (alias: unknown) => (typeof alias === 'string' ? (realOf.get(alias) ?? alias) : alias);
    return {
      name: 'guessable attempt ids: att_000...1, att_000...2',
      expected: ['entropy.ids'],
      async wrap(request, forward) {
        const headers = new Headers(request.headers);
        const header = headers.get('Mfa-Attempt-Id');
        if (header !== null) headers.set('Mfa-Attempt-Id', real(header) as string);
        let text: string | undefined = request.method === 'GET' ? undefined : await request.clone().text();
        if (isStart(request) && text) {
          try {
            const body = JSON.parse(text) as Record<string, unknown>;
            text = JSON.stringify({ ...body, attemptId: real(body.attemptId) });
          } catch {
            // not JSON: forwarded as it is
          }
        }
        const response = await forward(rebuild(request, { headers }, text));
        if (!isPreauth(request) || response.status !== 200) return response;
        return reshape(response, {
          json: (body) => {
            if (typeof body.attemptId !== 'string') return body;
            const alias = `att_${String(++counter).padStart(26, '0')}`;
            realOf.set(alias, body.attemptId);
            return { ...body, attemptId: alias };
          },
        });
      },
    } satisfies Plant;
  })(),
  {
    name: 'no push rate limit',
    expected: ['rate-limit.push'],
    simulatorOptions: { rateLimits: { push: { max: 1000, windowMs: 60_000 } } },
  },
  {
    name: "WebAuthn origin not checked: an assertion signed for another site logs in",
    expected: ['webauthn.assertion'],
    simulatorOptions: { webauthn: { rpId: 'localhost', origins: ['http://localhost', 'https://evil.example'] } },
  },
  {
    name: 'a TOTP window of a whole step: an authenticator code still works 10 s into the next step',
    expected: ['totp.window'],
    simulatorOptions: { totpGraceSeconds: 30 },
  },
  {
    name: 'a keyword for a missing device counted as a failure',
    expected: ['failure-cap.keyword-not-a-failure'],
    async wrap(request, forward) {
      if (!isStart(request)) return forward(request);
      const { body, text } = await startBody(request);
      if (body.method !== 'passcode' || !/^push[2-9]$/.test(String(body.passcode))) return forward(rebuild(request, {}, text));
      // The refusal is right, but underneath it the server counted a wrong code.
      await forward(rebuild(request, { body: JSON.stringify({ ...body, passcode: '000000' }) }));
      return Response.json({ error: { code: 'invalid_request', message: 'There is no such device.' } }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
    },
  },
  {
    name: 'a remember-me cookie for the whole site (Path=/)',
    expected: ['cookie.remember-me'],
    async wrap(request, forward) {
      const response = await forward(request);
      if (response.headers.getSetCookie().length === 0) return response;
      return reshape(response, { edit: (_headers, cookies) => cookies.map((c) => c.replace(/;\s*Path=[^;]*/i, '; Path=/')) });
    },
  },
  {
    name: 'Retry-After beyond 120 s on the growing delays',
    expected: ['retry-after'],
    async wrap(request, forward) {
      const { body } = isStart(request) ? await startBody(request) : { body: {} as Record<string, unknown> };
      const response = await forward(request);
      if (!isStart(request) || response.status !== 429 || body.method !== 'passcode') return response;
      return reshape(response, { edit: (headers, cookies) => (headers.set('Retry-After', '600'), cookies) });
    },
  },
];

const reports = new Map<Plant, RunReport>();

before(async () => {
  await Promise.all(
    PLANTS.map(async (plant, index) => {
      const baseUrl = `http://plant-${index}.test/mfa`;
      const clock = new OffsetClock();
      // A seeded generator: the same statistics as the cryptographic one (entropy.ids passes), at a fraction
      // of its cost (the simulator draws one random number per character of every id).
      const sim = new MfaSimulator({ clock, random: seededRandom(index + 1), ...plant.simulatorOptions });
      plant.setup?.(sim);
      const contract = createHandlers(sim, { baseUrl });
      const control = createTestControlHandlers(sim, { baseUrl, clock });
      // Only the handlers of the request's half are tried: MSW matches every handler's path per request.
      const forward: Forward = async (request) =>
        (await getResponse(request.url.startsWith(`${baseUrl}/_test/`) ? control : contract, request)) ??
        Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
      // The kit's fetch goes straight to the plant (no interception): all plants run at once. Each request
      // first yields to the event loop, as a real network would, so timers (held polls, sleeps) are not
      // starved by the other runs' promise chains.
      const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
        await new Promise((resolve) => setImmediate(resolve));
        const request = new Request(url, init);
        return plant.wrap ? plant.wrap.call(plant, request, forward, sim) : forward(request);
      };
      // Eighteen runs share one process: "at once" gets a margin for the contention, not for the server.
      reports.set(plant, await runConformance({ baseUrl, fetch, atOnceMs: 3000 }));
    }),
  );
});

describe(`the kit catches ${PLANTS.length - 1} planted violations, each failing exactly its checks`, { timeout: 120_000 }, () => {
  for (const plant of PLANTS) {
    test(plant.name, () => {
      const report = reports.get(plant);
      assert.ok(report, 'the kit ran');
      const failed = report.results.filter((r) => r.outcome === 'fail');
      assert.deepEqual(
        failed.map((r) => r.id).sort(),
        [...plant.expected].sort(),
        `failed: ${failed.map((r) => `\n  ${r.id}: ${r.reason}`).join('')}`,
      );
      const skipped = report.results.filter((r) => r.outcome === 'skip').map((r) => r.id);
      assert.deepEqual(skipped, plant.expected.includes('failure-cap.lockout') ? ['failure-cap.survives-lock'] : [], `skipped: ${skipped.join(', ')}`);
    });
  }
});
