/** The simulated backend in Node (tests, scripts): MSW intercepts `fetch` in this process. */
import { setupServer, type SetupServer } from 'msw/node';
import { MfaSimulator } from './core/simulator.js';
import { createHandlers } from './handlers.js';

export interface MockServerOptions {
  /** Default a new simulator with the default users and the real clock. */
  simulator?: MfaSimulator;
  /**
   * Default `*\/mfa`: the routes under `/mfa` on any origin. Node has no page origin to resolve a bare
   * `/mfa` against, so MSW would never match it; pass an absolute URL to pin one host.
   */
  baseUrl?: string;
  latencyMs?: number;
}

export interface MockServer {
  simulator: MfaSimulator;
  /** Not listening yet: call `server.listen()` (and `server.close()` when done). */
  server: SetupServer;
}

export function createMockServer({ simulator = new MfaSimulator(), baseUrl = '*/mfa', latencyMs }: MockServerOptions = {}): MockServer {
  const server = setupServer(...createHandlers(simulator, { baseUrl, ...(latencyMs ? { latencyMs } : {}) }));
  return { simulator, server };
}
