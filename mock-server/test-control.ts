/**
 * The test-control API over HTTP (docs/test-control.md) as MSW 2 handlers under `{base}/_test`: play the
 * phone, issue tickets, move the clock, redeem login tokens, register WebAuthn keys, set fault switches.
 * Each route maps to the simulator's own control API; nothing here simulates anything itself.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { HTTP_STATUS_FOR_ERROR } from '../src/adapter/wire.js';
import type { Clock } from './core/clock.js';
import { SimulatorError } from './core/errors.js';
import type { MfaSimulator } from './core/simulator.js';
import { invalid, number, object, oneOf, optional, readJson, text } from './checks.js';
import type { RegistrationResponseJSON } from './core/webauthn-json.js';
import { parseFaultSpec, type FaultSwitches } from './faults.js';

/** The path under the contract's base where the control API lives. */
export const TEST_CONTROL_PATH = '/_test';

export interface TestControlOptions {
  /** The contract's base (`/mfa` or an absolute URL); the control API is at `{baseUrl}/_test`. */
  baseUrl?: string;
  /** The simulator's clock, if it can be moved on (`advance(ms)`: FakeClock, OffsetClock); otherwise `POST /_test/clock` is 501. */
  clock?: Clock & { advance?: (ms: number) => void };
  /** The server's fault switches; without them `/_test/faults` is 501. */
  faults?: FaultSwitches;
}

/** An error of the control API: the contract's error body with a code of the control API's own. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };
const username = (value: unknown, at: string) => text(value, at, 1, 200);

const ticketBody = (json: unknown) => {
  const body = object(json, '');
  return {
    username: username(body.username, 'username'),
    ...optional(body, 'ttlSeconds', (value, at) => number(value, at, { min: 0, above: true, max: 31 * 24 * 3600 })),
  };
};
const clockBody = (json: unknown) => ({ advanceMs: number(object(json, '').advanceMs, 'advanceMs', { min: 0, max: 10 * 365 * 24 * 3600 * 1000 }) });
const approveBody = (json: unknown) => optional(object(json, ''), 'code', (value, at) => text(value, at, 0, 100));
const pressBody = (json: unknown) =>
  optional(object(json, ''), 'key', (value, at) => {
    if (typeof value !== 'string' || !/^[0-9*#]$/.test(value)) invalid(at, 'one of 0-9, * or #');
    return value;
  });
const redeemBody = (json: unknown) => ({ token: text(object(json, '').token, 'token', 1, 4096) });
const credentialBody = (json: unknown) => {
  const body = object(json, '');
  // Only its outline here: @simplewebauthn/server checks the rest, and says what is wrong.
  const response = object(body.response, 'response');
  for (const key of ['id', 'rawId', 'type'] as const) if (typeof response[key] !== 'string') invalid(`response.${key}`, 'a string');
  object(response.response, 'response.response');
  return {
    response: response as unknown as RegistrationResponseJSON,
    ...optional(body, 'type', (value, at) => oneOf(value, at, ['security-key', 'passkey'] as const)),
    ...optional(body, 'displayName', (value, at) => text(value, at, 1, 100)),
  };
};

export function createTestControlHandlers(sim: MfaSimulator, { baseUrl = '/mfa', clock, faults }: TestControlOptions = {}): HttpHandler[] {
  const base = `${baseUrl.replace(/\/+$/, '')}${TEST_CONTROL_PATH}`;
  const user = `${base}/users/:username`;

  const answer = async (respond: () => Response | Promise<Response>): Promise<Response> => {
    try {
      return await respond();
    } catch (error) {
      if (error instanceof ControlError) return errorResponse(error.status, error.code, error.message);
      if (error instanceof SimulatorError) return errorResponse(HTTP_STATUS_FOR_ERROR[error.code], error.code, error.message);
      throw error;
    }
  };
  const noContent = () => new HttpResponse(null, { status: 204, headers: NO_STORE });
  const json = (body: unknown, status = 200) => HttpResponse.json(body as Record<string, unknown>, { status, headers: NO_STORE });

  /** The user's phone; 404 `not_found` for a user the simulator does not know. */
  const phoneOf = (username: string) => {
    assertUser(sim, username);
    return sim.phone(username);
  };
  /** A phone action: "nothing to act on" (a plain Error of the control API) is a 409 `conflict`. */
  const act = (username: string, action: (phone: ReturnType<MfaSimulator['phone']>) => void) => {
    const phone = phoneOf(username);
    try {
      action(phone);
    } catch (error) {
      if (error instanceof SimulatorError) throw error;
      throw new ControlError(409, 'conflict', error instanceof Error ? error.message : String(error));
    }
    return noContent();
  };
  /** A code look-up: a user without such a device is a 404 `not_found`. */
  const codeOf = (username: string, read: (phone: ReturnType<MfaSimulator['phone']>) => string) => {
    const phone = phoneOf(username);
    try {
      return json({ code: read(phone) });
    } catch (error) {
      throw new ControlError(404, 'not_found', error instanceof Error ? error.message : String(error));
    }
  };
  const switches = () => {
    if (!faults) throw new ControlError(501, 'not_supported', 'This server has no fault switches.');
    return faults;
  };

  type Params = { username: string };
  return [
    http.post(`${base}/reset`, () =>
      answer(() => {
        sim.reset();
        faults?.clear();
        return noContent();
      }),
    ),

    http.post(`${base}/tickets`, ({ request }) =>
      answer(async () => {
        const { username, ttlSeconds } = ticketBody(await readJson(request));
        // Any username: the host's server knows nothing of enrolment (preauth decides).
        return json({ ticket: sim.issueTicket(username, ttlSeconds === undefined ? {} : { ttlMs: Math.round(ttlSeconds * 1000) }) });
      }),
    ),

    http.get(`${base}/clock`, () => answer(() => json({ now: (clock ?? Date).now() }))),
    http.post(`${base}/clock`, ({ request }) =>
      answer(async () => {
        const { advanceMs } = clockBody(await readJson(request));
        if (!clock?.advance) throw new ControlError(501, 'not_supported', "This server's clock cannot be moved on.");
        clock.advance(advanceMs);
        return json({ now: clock.now() });
      }),
    ),

    http.get<Params>(`${user}/push`, ({ params }) =>
      answer(() => {
        const push = phoneOf(params.username).pendingPush();
        if (!push) throw new ControlError(404, 'not_found', `There is no pending push for "${params.username}".`);
        return json({ txid: push.txid, deviceId: push.deviceId, ...(push.verificationCode === undefined ? {} : { verificationCode: push.verificationCode }) });
      }),
    ),
    http.post<Params>(`${user}/push/approve`, ({ request, params }) =>
      answer(async () => {
        const { code } = approveBody(await readJson(request, { allowEmpty: true }));
        return act(params.username, (phone) => phone.approvePush(code));
      }),
    ),
    http.post<Params>(`${user}/push/deny`, ({ params }) => answer(() => act(params.username, (phone) => phone.denyPush()))),
    http.post<Params>(`${user}/push/report-fraud`, ({ params }) => answer(() => act(params.username, (phone) => phone.reportPush()))),

    http.post<Params>(`${user}/call/answer`, ({ params }) => answer(() => act(params.username, (phone) => phone.answerCall()))),
    http.post<Params>(`${user}/call/press`, ({ request, params }) =>
      answer(async () => {
        const { key } = pressBody(await readJson(request, { allowEmpty: true }));
        return act(params.username, (phone) => phone.pressKey(key ?? '1'));
      }),
    ),
    http.post<Params>(`${user}/call/hang-up`, ({ params }) => answer(() => act(params.username, (phone) => phone.hangUp()))),

    http.get<Params>(`${user}/sms`, ({ params }) =>
      answer(() => {
        const messages = phoneOf(params.username).smsInbox();
        return json({ messages: messages.map(({ deviceId, codes, text, time }) => ({ deviceId, codes, text, time })) });
      }),
    ),
    http.get<Params>(`${user}/authenticator-code`, ({ request, params }) =>
      answer(() => codeOf(params.username, (phone) => phone.authenticatorCode(deviceParam(request)))),
    ),
    http.get<Params>(`${user}/token-code`, ({ request, params }) => answer(() => codeOf(params.username, (phone) => phone.tokenCode(deviceParam(request))))),
    http.get<Params>(`${user}/bypass-codes`, ({ params }) => answer(() => json({ codes: phoneOf(params.username).bypassCodes() }))),

    http.post(`${base}/login-tokens/redeem`, ({ request }) =>
      answer(async () => {
        const { token } = redeemBody(await readJson(request));
        try {
          return json(sim.redeemLoginToken(token));
        } catch (error) {
          if (error instanceof SimulatorError) throw new ControlError(404, 'not_found', error.message);
          throw error;
        }
      }),
    ),

    http.post<Params>(`${user}/unlock`, ({ params }) =>
      answer(() => {
        assertUser(sim, params.username);
        sim.unlock(params.username);
        return noContent();
      }),
    ),

    http.post<Params>(`${user}/webauthn/registration-options`, ({ params }) =>
      answer(async () => {
        assertUser(sim, params.username);
        return json(await sim.webAuthnRegistrationOptions(params.username));
      }),
    ),
    http.post<Params>(`${user}/webauthn/credentials`, ({ request, params }) =>
      answer(async () => {
        assertUser(sim, params.username);
        const { response, type, displayName } = credentialBody(await readJson(request));
        const device = await sim.registerWebAuthnCredential(params.username, response, {
          ...(type === undefined ? {} : { type }),
          ...(displayName === undefined ? {} : { displayName }),
        });
        return json(device, 201);
      }),
    ),

    http.post(`${base}/faults`, ({ request }) =>
      answer(async () => {
        const registry = switches();
        const spec = parseFaultSpec(await readJson(request));
        return json({ id: registry.add(spec).id }, 201);
      }),
    ),
    http.delete(`${base}/faults`, () =>
      answer(() => {
        switches().clear();
        return noContent();
      }),
    ),
    http.delete<{ id: string }>(`${base}/faults/:id`, ({ params }) =>
      answer(() => {
        if (!switches().remove(params.id)) throw new ControlError(404, 'not_found', `There is no fault "${params.id}".`);
        return noContent();
      }),
    ),

    // Anything else under /_test: the contract's error body, not MSW's "unhandled request".
    http.all(`${base}/*`, () => errorResponse(404, 'not_found', 'There is no such test-control route (see docs/test-control.md).')),
  ];
}

function assertUser(sim: MfaSimulator, username: string): void {
  if (!sim.users.some((candidate) => candidate.username === username)) {
    throw new ControlError(404, 'not_found', `There is no user "${username}".`);
  }
}

function deviceParam(request: Request): string | undefined {
  return new URL(request.url).searchParams.get('deviceId') ?? undefined;
}

function errorResponse(status: number, code: string, message: string): Response {
  return HttpResponse.json({ error: { code, message } }, { status, headers: NO_STORE });
}
