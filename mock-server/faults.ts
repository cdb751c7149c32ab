/**
 * Fault switches of the test-control API (docs/test-control.md): the next requests to a route get an
 * error status, a `Retry-After`, a malformed or given body, a delay or a dropped connection instead of the
 * simulator's answer. Transport-free apart from building a fetch `Response`; the HTTP server drops the
 * connection itself.
 */
import { HTTP_STATUS_FOR_ERROR, type ErrorBody } from '../src/adapter/wire.js';
import { boolean, invalid, number, object, oneOf, optional, text } from './checks.js';

export const FAULT_ROUTES = ['preauth', 'start', 'poll', 'cancel', 'assertion'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];

/** The longest `delayMs` a fault may ask for: 10 minutes. */
export const MAX_FAULT_DELAY_MS = 600_000;

/** A fault as `POST {base}/_test/faults` takes it (docs/test-control.md). */
export interface FaultSpec {
  route: FaultRoute;
  status?: number;
  retryAfter?: string;
  body?: string;
  malformed?: boolean;
  delayMs?: number;
  drop?: boolean;
  times?: number;
}

/** The fault in a request body, or a 400 `invalid_request` naming the field. */
export function parseFaultSpec(json: unknown): FaultSpec {
  const body = object(json, '');
  const spec: FaultSpec = {
    route: oneOf(body.route, 'route', FAULT_ROUTES),
    ...optional(body, 'status', (value, at) => number(value, at, { min: 200, max: 599, integer: true })),
    ...optional(body, 'retryAfter', (value, at) => {
      // A header value: printable ASCII and tabs only (no line breaks smuggled into the answer).
      if (!/^[\t\x20-\x7e]*$/.test(text(value, at, 1, 100))) invalid(at, 'printable ASCII');
      return value as string;
    }),
    ...optional(body, 'body', (value, at) => text(value, at, 0, 1_000_000)),
    ...optional(body, 'malformed', boolean),
    ...optional(body, 'delayMs', (value, at) => number(value, at, { min: 0, max: MAX_FAULT_DELAY_MS })),
    ...optional(body, 'drop', boolean),
    ...optional(body, 'times', (value, at) => number(value, at, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true })),
  };
  const doesSomething =
    spec.status !== undefined || spec.body !== undefined || spec.malformed === true || spec.delayMs !== undefined || spec.drop === true || spec.retryAfter !== undefined;
  if (!doesSomething) invalid('', 'a fault: at least one of status, body, malformed, delayMs, drop or retryAfter');
  return spec;
}

export interface Fault extends FaultSpec {
  readonly id: string;
}

/** What a fault does to one request. */
export interface FaultAction {
  /** Wait this long (real time) first. */
  delayMs: number;
  /** Destroy the connection without an answer. */
  drop: boolean;
  /** The answer instead of the simulator's; undefined: pass the request on (a delay-only fault). */
  response?: () => Response;
}

/** The faults set through `POST {base}/_test/faults`, used oldest first per route. */
export class FaultSwitches {
  #nextId = 1;
  #faults: { fault: Fault; remaining: number }[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `fault_${this.#nextId++}` };
    this.#faults.push({ fault, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    return fault;
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((entry) => entry.fault.id !== id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
  }

  get size(): number {
    return this.#faults.length;
  }

  /** The fault for one request to `route`, using one of its `times` (removed when used up); undefined if none. */
  take(route: FaultRoute): FaultAction | undefined {
    const entry = this.#faults.find((candidate) => candidate.fault.route === route);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== entry);
    return faultAction(entry.fault);
  }
}

/** Which faultable route a request is, relative to the contract's base path (e.g. `/mfa`). */
export function faultRouteOf(method: string, pathname: string, basePath: string): FaultRoute | undefined {
  const base = basePath.replace(/\/+$/, '');
  if (!pathname.startsWith(`${base}/`)) return undefined;
  const rest = pathname.slice(base.length);
  if (method === 'POST' && rest === '/preauth') return 'preauth';
  if (method === 'POST' && rest === '/transactions') return 'start';
  const match = /^\/transactions\/([^/]+)(\/cancel|\/assertion)?$/.exec(rest);
  if (!match) return undefined;
  if (method === 'GET' && match[2] === undefined) return 'poll';
  if (method === 'POST' && match[2] === '/cancel') return 'cancel';
  if (method === 'POST' && match[2] === '/assertion') return 'assertion';
  return undefined;
}

/** Valid JSON cut short: what a crashed proxy or a half-written answer looks like. */
export const MALFORMED_BODY = '{"status": "allow", "final": tr';

function faultAction(fault: Fault): FaultAction {
  const delayMs = fault.delayMs ?? 0;
  if (fault.drop) return { delayMs, drop: true };
  const delayOnly = fault.status === undefined && fault.body === undefined && !fault.malformed && fault.retryAfter === undefined;
  if (delayOnly) return { delayMs, drop: false };
  return { delayMs, drop: false, response: () => faultResponse(fault) };
}

function faultResponse(fault: Fault): Response {
  const headers = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  if (fault.retryAfter !== undefined) headers.set('Retry-After', fault.retryAfter);
  if (fault.malformed) return new Response(MALFORMED_BODY, { status: fault.status ?? 200, headers });
  if (fault.body !== undefined) return new Response(fault.body, { status: fault.status ?? 200, headers });
  const status = fault.status ?? 503;
  const code = (Object.keys(HTTP_STATUS_FOR_ERROR) as (keyof typeof HTTP_STATUS_FOR_ERROR)[]).find((key) => HTTP_STATUS_FOR_ERROR[key] === status) ?? 'unavailable';
  const seconds = fault.retryAfter !== undefined && /^\d+(\.\d+)?$/.test(fault.retryAfter.trim()) ? Number(fault.retryAfter) : undefined;
  const body: ErrorBody = {
    error: {
      code,
      message: 'The service is not available right now (a fault set through the test-control API).',
      ...(seconds === undefined ? {} : { retryAfter: seconds }),
    },
  };
  return new Response(JSON.stringify(body), { status, headers });
}
