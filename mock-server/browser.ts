/** The simulated backend in a browser page (demo, Storybook, browser tests), through MSW's service worker. */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { MfaSimulator } from './core/simulator.js';
import { createHandlers } from './handlers.js';

export interface MockBackendOptions {
  /** Default a new simulator with the default users and the real clock. */
  simulator?: MfaSimulator;
  /** Default `/mfa`, resolved against the page's origin. */
  baseUrl?: string;
  /** Milliseconds added before every answer, to make spinners visible. Default 0. */
  latencyMs?: number;
  /** Silences MSW's console lines for each request. */
  quiet?: boolean;
}

export interface MockBackend {
  simulator: MfaSimulator;
  worker: SetupWorker;
  stop(): void;
}

/** Needs `/mockServiceWorker.js` served at the site root (`npx msw init <public dir>`), so its scope covers the page. */
export async function startMockBackend({
  simulator = new MfaSimulator(),
  baseUrl,
  latencyMs,
  quiet = false,
}: MockBackendOptions = {}): Promise<MockBackend> {
  const worker = setupWorker(...createHandlers(simulator, { ...(baseUrl ? { baseUrl } : {}), ...(latencyMs ? { latencyMs } : {}) }));
  // Other requests (the page's own assets, other APIs) go to the network untouched.
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet });
  return { simulator, worker, stop: () => worker.stop() };
}
