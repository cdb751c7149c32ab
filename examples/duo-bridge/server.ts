/**
 * The example host: a first-factor login (a stand-in for your password step), `<mfa-prompt>` against the
 * Duo bridge at /mfa, and the login token redeemed on the server.
 *
 *   npx tsx examples/duo-bridge/server.ts            # against the simulated Auth API (with a phone panel)
 *   DUO_IKEY=... DUO_SKEY=... DUO_HOST=api-....duosecurity.com npx tsx examples/duo-bridge/server.ts
 *
 * Then open http://localhost:8790. PORT changes the port.
 */
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createServer as createVite } from 'vite';
import { createDuoBridge } from '../../src/server/duo-bridge.js';
import { createDuoAuthApiHandler, DuoAuthApiSimulator } from '../../mock-server/duo-auth-api/index.js';
import { sendResponse, toRequest } from './node-fetch-adapter.js';

const port = Number(process.env['PORT'] ?? 8790);
const origin = `http://localhost:${port}`;
const real = Boolean(process.env['DUO_IKEY'] && process.env['DUO_SKEY'] && process.env['DUO_HOST']);

// Simulated mode: the Auth API runs in this process; the bridge calls it instead of the network.
const sim = real ? undefined : new DuoAuthApiSimulator({ rememberedDevices: true });
sim?.addUser({
  username: 'alice',
  devices: [
    { device: 'DPALICEPHONE00000001', type: 'phone', name: 'iPhone', display_name: 'iOS (XXX-XXX-0105)', number: 'XXX-XXX-0105', capabilities: ['auto', 'push', 'sms', 'phone', 'mobile_otp'] },
    { device: 'DPALICEDESK000000002', type: 'phone', name: 'Desk', display_name: 'Landline (XXX-XXX-1311)', number: 'XXX-XXX-1311', capabilities: ['phone'] },
  ],
  bypassCodes: ['123456789'],
});

/** The host's session store: session id → the user who passed the first factor. Yours lives elsewhere. */
const sessions = new Map<string, string>();
const redeemed = new Set<string>();
const sessionUser = (request: Request) => sessions.get(/(?:^|;\s*)sid=([A-Za-z0-9_-]+)/.exec(request.headers.get('Cookie') ?? '')?.[1] ?? '');

const bridge = createDuoBridge({
  integrationKey: process.env['DUO_IKEY'] ?? sim!.integrationKey,
  secretKey: process.env['DUO_SKEY'] ?? sim!.secretKey,
  apiHost: process.env['DUO_HOST'] ?? 'api-simulated.duo.test',
  basePath: '/mfa',
  getUsername: sessionUser,
  rememberMeSeconds: Number(process.env['DUO_REMEMBER_SECONDS'] ?? (real ? 0 : 28_800)),
  onUpstreamError: (error) => console.error(`[duo] ${error.httpStatus} ${error.code} ${error.message}`),
  ...(sim ? { fetch: createDuoAuthApiHandler(sim) } : {}),
});

const vite = await createVite({ root: fileURLToPath(new URL('.', import.meta.url)), configFile: false, server: { middlewareMode: true, hmr: false }, appType: 'spa', logLevel: 'warn' });

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

async function app(request: Request): Promise<Response | undefined> {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith('/mfa/')) return bridge.handle(request);
  if (pathname === '/login' && request.method === 'POST') {
    // Your first factor goes here (password, passkey). The example accepts any username.
    const { username } = (await request.json()) as { username?: string };
    if (!username || !/^[\w.@+-]{1,100}$/.test(username)) return json({ error: 'username required' }, 400);
    const sid = randomBytes(16).toString('base64url');
    sessions.set(sid, username);
    return json({ username, simulated: !real }, 200, { 'Set-Cookie': `sid=${sid}; Path=/; HttpOnly; SameSite=Strict` });
  }
  if (pathname === '/redeem' && request.method === 'POST') {
    // After mfa-success: the token must be this bridge's, for this session's user, and used once.
    const user = sessionUser(request);
    const { token } = (await request.json()) as { token?: string };
    const facts = user && token ? await bridge.verifyLoginToken(token, user) : undefined;
    if (!facts || redeemed.has(facts.jti)) return json({ loggedIn: false }, 401);
    redeemed.add(facts.jti);
    return json({ loggedIn: true, username: user, method: facts.method });
  }
  if (pathname.startsWith('/sim/') && sim && request.method === 'POST') return simulatedPhone(sim, pathname.slice(5), sessionUser(request));
  return undefined;
}

/** The simulated phone's buttons (simulated mode only). */
function simulatedPhone(simulator: DuoAuthApiSimulator, action: string, user: string | undefined): Response {
  if (!user) return json({ error: 'log in first' }, 401);
  const phone = simulator.phone(user);
  try {
    const actions: Record<string, () => unknown> = {
      approve: () => phone.approvePush(/^\d+$/.test(action.split('/')[1] ?? '') ? action.split('/')[1] : undefined),
      deny: () => phone.deny(),
      fraud: () => phone.reportFraud(),
      answer: () => phone.answerCall(),
      key: () => phone.pressKey(),
      'app-code': () => ({ code: phone.appCode() }),
      sms: () => ({ codes: phone.smsCodes() }),
    };
    const run = actions[action.split('/')[0]!];
    return run ? json(run() ?? { ok: true }) : json({ error: 'unknown action' }, 404);
  } catch (error) {
    return json({ error: String((error as Error).message) }, 409);
  }
}

createServer(async (req, res) => {
  try {
    const response = await app(toRequest(req, res, origin));
    if (response) return await sendResponse(res, response);
    vite.middlewares(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  }
}).listen(port, () => {
  console.log(`Duo bridge example on ${origin} (${real ? `Duo account at ${process.env['DUO_HOST']}` : 'simulated Auth API; log in as alice'})`);
});
