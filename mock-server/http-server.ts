/**
 * The simulator as a real HTTP server (issue 9): Node's `http` turns each request into a fetch `Request`,
 * MSW's `getResponse` answers it with the same handlers the browser and the Node tests use
 * (`createHandlers`, plus the test-control handlers), and the `Response` is streamed back. No second
 * implementation of the contract: nothing is intercepted, MSW only matches and resolves.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import { OffsetClock, type Clock } from './core/clock.js';
import type { SimulatorOptions } from './core/options.js';
import { MfaSimulator } from './core/simulator.js';
import { normaliseBasePath } from './base-path.js';
import { faultRouteOf, FaultSwitches } from './faults.js';
import { createHandlers } from './handlers.js';
import { createTestControlHandlers, TEST_CONTROL_PATH } from './test-control.js';

export interface MockHttpServerOptions {
  /** Default 0: any free port (the CLI's default is 8787). */
  port?: number;
  /** Default `127.0.0.1`: only this machine can reach it. */
  host?: string;
  /** Where the contract's routes live. Default `/mfa`. */
  basePath?: string;
  /** Added before every answer of the contract's routes, in ms. Default 0. */
  latencyMs?: number;
  /** The test-control API under `{basePath}/_test` (docs/test-control.md). Default true: this is a test server. */
  testControl?: boolean;
  /**
   * Default: a new simulator on an {@link OffsetClock} (the real time, moved on by `POST /_test/clock`).
   * Give `clock` too (the one the simulator uses) for the clock control to work.
   */
  simulator?: MfaSimulator;
  clock?: Clock & { advance?: (ms: number) => void };
  /** Options of the simulator the server creates (not with `simulator`); `clock` defaults to a new OffsetClock. */
  simulatorOptions?: SimulatorOptions;
  /**
   * MSW handlers tried before the simulator's: extra routes, or a deliberately broken server (the
   * conformance kit's planted violations). A resolver that returns nothing lets the next handler answer;
   * `getResponse(createHandlers(simulator, { baseUrl }), request.clone())` gets the simulator's answer to change.
   */
  handlers?: HttpHandler[];
  /** The largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface MockHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/mfa`: what a client (or the conformance kit) is given as its base URL. */
  baseUrl: string;
  port: number;
  simulator: MfaSimulator;
  /** The simulator's clock (an OffsetClock unless one was given). */
  clock: Clock | undefined;
  faults: FaultSwitches;
  server: Server;
  /** Stops listening, ends open connections (long polls included) and resolves when closed. */
  close(): Promise<void>;
}

/** Thrown by {@link startMockHttpServer} when it cannot listen; `code` is Node's (`EADDRINUSE`, `EACCES`...). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export { normaliseBasePath };

export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const { port = 0, host = '127.0.0.1', latencyMs = 0, testControl = true, maxBodyBytes = 1024 * 1024 } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0-65535, got ${port}`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`latencyMs must be a number >= 0, got ${latencyMs}`);
  if (options.simulator && options.simulatorOptions) throw new TypeError('Give either simulator or simulatorOptions, not both.');
  const basePath = normaliseBasePath(options.basePath ?? '/mfa');

  let clock = options.clock;
  let simulator = options.simulator;
  if (!simulator) {
    clock ??= options.simulatorOptions?.clock ?? new OffsetClock();
    simulator = new MfaSimulator({ ...options.simulatorOptions, clock });
  }
  const faults = new FaultSwitches();
  const handlers: HttpHandler[] = [
    ...(options.handlers ?? []),
    ...(testControl ? createTestControlHandlers(simulator, { baseUrl: basePath, faults, ...(clock ? { clock } : {}) }) : []),
    ...createHandlers(simulator, { baseUrl: basePath, latencyMs }),
  ];
  const controlPrefix = `${basePath}${TEST_CONTROL_PATH}/`;
  /** Real-time waits of faults in progress, ended on close. */
  const waits = new Set<() => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    // The client went away (aborted a long poll, closed the tab): the handler's request.signal aborts.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    let url: URL;
    try {
      // Concatenated, not resolved: a path such as `//x` stays a path instead of naming a host.
      const target = req.url ?? '/';
      url = new URL(target.startsWith('/') ? `${origin}${target}` : target);
      if (url.protocol !== 'http:') throw new TypeError('not http');
    } catch {
      return writeResponse(res, errorResponse(400, 'invalid_request', 'The request URL or Host header is not valid.'));
    }

    const route = url.pathname.startsWith(controlPrefix) ? undefined : faultRouteOf(method, url.pathname, basePath);
    const fault = route ? faults.take(route) : undefined;
    if (fault) {
      if (fault.delayMs > 0) await wait(fault.delayMs, controller.signal, waits);
      if (controller.signal.aborted) return;
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.response) {
        // Read the body first, so the client is not cut off while still sending.
        await readBody(req, maxBodyBytes).catch(() => undefined);
        return writeResponse(res, fault.response(), method);
      }
    }

    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (controller.signal.aborted) return;
        const tooLarge = error instanceof RangeError;
        return writeResponse(res, errorResponse(tooLarge ? 413 : 400, 'invalid_request', tooLarge ? 'The request body is too large.' : 'The request body could not be read.'));
      }
    }
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      try {
        headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
      } catch {
        // A header fetch cannot carry: the handlers never read it.
      }
    }
    const request = new Request(url, { method, headers, signal: controller.signal, ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}) });

    let response: Response | undefined;
    try {
      response = await getResponse(handlers, request, { baseUrl: url.origin });
    } catch (error) {
      if (controller.signal.aborted) return;
      process.emitWarning(`mock-server: ${method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      return writeResponse(res, errorResponse(500, 'unavailable', 'The simulator failed to answer this request.'));
    }
    if (controller.signal.aborted) return;
    writeResponse(res, response ?? errorResponse(404, 'not_found', `There is no route ${method} ${url.pathname} (the contract lives under ${basePath || '/'}).`), method);
  };

  const server = createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      const message =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use (stop what uses it, or pick another with --port; --port 0 takes any free port)`
          : error.code === 'EACCES'
            ? `no permission to listen on ${where} (ports below 1024 need privileges)`
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `cannot listen on host "${host}": not an address of this machine`
              : `cannot listen on ${where}: ${error.message}`;
      reject(new ListenError(message, error.code));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });

  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${hostInUrl}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}${basePath}`,
    port: address.port,
    simulator,
    clock,
    faults,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const end of waits) end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Writes a fetch Response: status, headers (each Set-Cookie on its own), then the body as it streams. */
export function writeResponse(res: ServerResponse, response: Response, method = 'GET'): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body || method === 'HEAD') {
    res.end();
    return;
  }
  void pipeBody(response.body, res);
}

async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RangeError('body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}

/** Waits `ms` of real time; ends early when the client goes away or the server closes. */
function wait(ms: number, signal: AbortSignal, waits: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', end);
      waits.delete(end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    signal.addEventListener('abort', end);
    waits.add(end);
  });
}

function errorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { ...NO_STORE, 'Content-Type': 'application/json' } });
}
