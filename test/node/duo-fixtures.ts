/**
 * The whole chain for the bridge's tests: our HTTP client (`createHttpAdapter`) → the bridge's Fetch
 * handler → the simulated Duo Auth API's Fetch handler, all in memory. A cookie jar plays the browser
 * (the host's session cookie names the user; the remembered-device cookie rides along).
 */
import { after } from 'node:test';
import { createHttpAdapter, type HttpAdapterOptions } from '../../src/adapter/index.js';
import { createDuoBridge, type DuoBridgeOptions } from '../../src/server/duo-bridge.js';
import { createDuoAuthApiHandler, DuoAuthApiSimulator, type DuoSimOptions } from '../../mock-server/duo-auth-api/index.js';

export const API_HOST = 'api-sim.duo.test';
export const BASE = 'https://login.example.test/mfa';

export const PHONE = {
  device: 'DPFZRS9FB0D46QFTM890',
  type: 'phone',
  name: 'My iPhone',
  display_name: 'iOS (XXX-XXX-0105)',
  number: 'XXX-XXX-0105',
  capabilities: ['auto', 'push', 'sms', 'phone', 'mobile_otp'],
} as const;
export const DESK = {
  device: 'DPFZRS9FB0D46QFTM891',
  type: 'phone',
  name: 'Desk',
  display_name: 'Landline (XXX-XXX-1311)',
  number: 'XXX-XXX-1311',
  capabilities: ['phone'],
} as const;

export interface Harness {
  sim: DuoAuthApiSimulator;
  bridge: ReturnType<typeof createDuoBridge>;
  /** The browser of `user` (its session cookie), talking through our HTTP client. */
  browser(user: string, options?: Partial<HttpAdapterOptions>): { adapter: ReturnType<typeof createHttpAdapter>; cookies: Map<string, string>; send: (path: string, init?: RequestInit) => Promise<Response> };
  /** Upstream requests the bridge made, by path. */
  upstream(path: string): Record<string, string>[];
}

export function harness(options: { sim?: DuoSimOptions; bridge?: Partial<DuoBridgeOptions> } = {}): Harness {
  const sim = new DuoAuthApiSimulator({ longPollMs: 2000, ...options.sim });
  sim.addUser({ username: 'alice', devices: [{ ...PHONE, capabilities: [...PHONE.capabilities] }, { ...DESK, capabilities: [...DESK.capabilities] }], bypassCodes: ['123456789'] });
  sim.addUser({ username: 'bob', devices: [{ ...PHONE, device: 'DPBOBPHONE0000000001', capabilities: [...PHONE.capabilities] }] });
  sim.addUser({ username: 'exempt', devices: [], mode: 'allow' });
  sim.addUser({ username: 'refused', devices: [], mode: 'deny' });
  const duoHandler = createDuoAuthApiHandler(sim);
  const bridge = createDuoBridge({
    integrationKey: sim.integrationKey,
    secretKey: sim.secretKey,
    apiHost: API_HOST,
    basePath: '/mfa',
    // The host's first-factor session: here a cookie naming the user, as a real session store would.
    getUsername: (request) => /(?:^|;\s*)session=([a-z]+)/.exec(request.headers.get('Cookie') ?? '')?.[1],
    fetch: duoHandler,
    upstreamTimeoutMs: 1500,
    ...options.bridge,
  });
  after(() => sim.close());
  return {
    sim,
    bridge,
    browser(user, adapterOptions = {}) {
      const cookies = new Map<string, string>([['session', user]]);
      const send = async (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
        const response = await bridge.handle(new Request(path.startsWith('http') ? path : `${BASE}${path}`, { ...init, headers }));
        const set = response.headers.get('Set-Cookie');
        if (set) {
          const [pair] = set.split(';');
          const [name, ...value] = pair!.split('=');
          cookies.set(name!, value.join('='));
        }
        return response;
      };
      const adapter = createHttpAdapter({ baseUrl: BASE, fetch: (url, init) => send(url, init), pollWaitSeconds: 3, ...adapterOptions });
      return { adapter, cookies, send };
    },
    upstream: (path) => sim.requests.filter((r) => r.path === path).map((r) => r.params),
  };
}

/** Runs `watch` to its end in the background, collecting what it yields. */
export function follow(iterable: AsyncIterable<unknown>): { seen: unknown[]; done: Promise<unknown[]> } {
  const seen: unknown[] = [];
  const done = (async () => {
    for await (const update of iterable) seen.push(update);
    return seen;
  })();
  return { seen, done };
}

export const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
