/**
 * The test-control interface (`docs/test-control.md`) for the Duo bridge over the simulated Auth API, so
 * the conformance kit can play the phone against the bridge: tickets, the phone's actions, SMS and
 * authenticator codes, bypass codes, token redemption, unlock. The clock, fault switches and WebAuthn
 * registration answer 501 `not_supported` (the kit skips what needs them, saying so).
 * Test deployments only: it hands out tickets, codes and login tokens.
 */
import type { DuoBridge } from '../../src/server/duo-bridge.js';
import { decodeText, encodeExpiry, encodeText, isLive, type Sealer } from '../../src/server/sealed-ids.js';
import type { DuoAuthApiSimulator } from './simulator.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
const empty = () => new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
const error = (status: number, code: string, message: string) => json({ error: { code, message } }, status);

/** First-factor tickets `tkt_<username>.<expiry>.<mac>`: what the host's server would issue after the password. */
export class Tickets {
  constructor(private readonly sealer: Sealer) {}

  async issue(username: string, ttlSeconds: number, nowMs = Date.now()): Promise<string> {
    const user = encodeText(username);
    const expiry = encodeExpiry(nowMs + ttlSeconds * 1000);
    return `tkt_${user}.${expiry}.${await this.sealer.mac('ticket', [user, expiry])}`;
  }

  async verify(ticket: unknown, nowMs = Date.now()): Promise<string | undefined> {
    const match = typeof ticket === 'string' ? /^tkt_([A-Za-z0-9_-]{1,200})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(ticket) : null;
    if (!match || !isLive(match[2]!, nowMs)) return undefined;
    return (await this.sealer.verify('ticket', [match[1]!, match[2]!], match[3]!)) ? decodeText(match[1]!) : undefined;
  }
}

/**
 * `txidOf` turns Duo's txid (what the simulated phone knows) into the bridge's transaction id (what the
 * kit knows); the server learns it from the bridge's start answers.
 */
export function createTestControlHandler(options: {
  sim: DuoAuthApiSimulator;
  bridge: DuoBridge;
  tickets: Tickets;
  basePath: string;
  txidOf: (duoTxid: string) => string | undefined;
}) {
  const { sim, bridge, tickets } = options;
  const redeemed = new Set<string>();
  const prefix = `${options.basePath.replace(/\/+$/, '')}/_test`;

  return async (request: Request): Promise<Response | undefined> => {
    const path = new URL(request.url).pathname;
    if (!path.startsWith(`${prefix}/`)) return undefined;
    const route = `${request.method} ${path.slice(prefix.length)}`;
    const body = request.method === 'POST' ? ((await request.json().catch(() => ({}))) as Record<string, unknown>) : {};
    if (route === 'POST /reset') {
      sim.reset();
      redeemed.clear();
      return empty();
    }
    if (route === 'POST /tickets') {
      if (typeof body['username'] !== 'string') return error(400, 'invalid_request', 'username is required');
      const ttl = typeof body['ttlSeconds'] === 'number' && body['ttlSeconds'] > 0 ? body['ttlSeconds'] : 600;
      return json({ ticket: await tickets.issue(body['username'], ttl) });
    }
    if (route === 'POST /login-tokens/redeem') {
      for (const username of sim.usernames) {
        const facts = await bridge.verifyLoginToken(String(body['token']), username);
        if (facts && !redeemed.has(facts.jti)) {
          redeemed.add(facts.jti);
          return json({ username, method: facts.method });
        }
      }
      return error(404, 'not_found', 'Unknown, used or expired login token.');
    }
    if (/^(POST|GET) \/(clock|faults)/.test(route) || route === 'DELETE /faults' || /\/webauthn\//.test(route)) {
      return error(501, 'not_supported', 'The Duo bridge test server cannot do this.');
    }
    const user = /^(GET|POST) \/users\/([^/]+)\/(.+)$/.exec(route);
    if (!user) return error(404, 'not_found', 'Unknown test-control route.');
    const username = decodeURIComponent(user[2]!);
    if (!sim.usernames.includes(username)) return error(404, 'not_found', 'Unknown user.');
    const phone = sim.phone(username);
    const act = (action: () => void) => {
      try {
        action();
        return empty();
      } catch (e) {
        return error(409, 'conflict', (e as Error).message);
      }
    };
    switch (`${user[1]} ${user[3]}`) {
      case 'GET push': {
        const push = phone.pendingPush();
        const txid = push && options.txidOf(push.txid);
        return push && txid ? json({ ...push, txid }) : error(404, 'not_found', 'No pending push.');
      }
      case 'POST push/approve':
        return act(() => phone.approvePush(typeof body['code'] === 'string' ? body['code'] : undefined));
      case 'POST push/deny':
        return act(() => phone.deny());
      case 'POST push/report-fraud':
        return act(() => phone.reportFraud());
      case 'POST call/answer':
        return act(() => phone.answerCall());
      case 'POST call/press':
        return act(() => phone.press(typeof body['key'] === 'string' ? body['key'] : '1'));
      case 'POST call/hang-up':
        return act(() => phone.hangUp());
      case 'GET sms':
        return json({ messages: phone.smsInbox() });
      case 'GET authenticator-code':
        return json({ code: phone.appCode() });
      case 'GET token-code':
        return error(404, 'not_found', 'No hardware token.');
      case 'GET bypass-codes':
        return json({ codes: phone.bypassCodes() });
      case 'POST unlock':
        phone.unlock();
        return empty();
      default:
        return error(404, 'not_found', 'Unknown test-control route.');
    }
  };
}
