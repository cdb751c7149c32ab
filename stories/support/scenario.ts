/**
 * A simulated backend per story: a fresh `MfaSimulator` set up for that story (users, options, phone
 * scripts, a user locked out beforehand...) behind MSW handlers, plus MSW overrides for what the simulator
 * does not do (a dropped connection, a 503). A story describes it in `parameters.scenario`; the meta's
 * `loaders` builds it and `beforeEach` installs its handlers (the MSW addon resets them between stories).
 *
 * ```ts
 * export const Denied: Story = {
 *   args: { username: 'bob', 'auto-method': 'push' },
 *   parameters: { scenario: { scripts: { bob: { push: { action: 'deny', afterMs: 0 } } } } },
 * };
 * ```
 */
import type { StoryContext } from '@storybook/web-components-vite';
import type { MswApi } from 'msw-storybook-addon';
import type { HttpHandler } from 'msw';
import type { SimulatorOptions } from '../../mock-server/core/options.js';
import { MfaSimulator } from '../../mock-server/core/simulator.js';
import type { PhoneScript } from '../../mock-server/core/types.js';
import { createHandlers } from '../../mock-server/handlers.js';

/** Where every story's simulated backend answers: `<mfa-prompt base-url="/mfa">`. */
export const BASE_URL = '/mfa';

export interface Scenario {
  /** Options of the simulator; `users` defaults to the fixtures (alice, bob, carol, dave, erin). */
  simulator?: SimulatorOptions;
  /** What each user's phone does by itself, e.g. `{ bob: { push: { action: 'deny', afterMs: 0 } } }`. */
  scripts?: Record<string, PhoneScript>;
  /** Anything else to do to the simulator before the prompt renders (lock a user out, use up a limit). */
  prepare?: (simulator: MfaSimulator) => void;
  /** MSW handlers that take precedence over the simulator's: a dropped connection, a 503, a slow answer. */
  overrides?: (baseUrl: string) => HttpHandler[];
  /** Milliseconds before every answer. Default 0: a story shows its state at once. */
  latencyMs?: number;
}

export interface Backend {
  simulator: MfaSimulator;
  baseUrl: string;
  handlers: HttpHandler[];
}

export function createBackend(scenario: Scenario = {}): Backend {
  const simulator = new MfaSimulator(scenario.simulator);
  for (const [username, script] of Object.entries(scenario.scripts ?? {})) simulator.script(username, script);
  scenario.prepare?.(simulator);
  const handlers = [
    ...(scenario.overrides?.(BASE_URL) ?? []),
    ...createHandlers(simulator, { baseUrl: BASE_URL, latencyMs: scenario.latencyMs ?? 0 }),
  ];
  return { simulator, baseUrl: BASE_URL, handlers };
}

type Context = Pick<StoryContext, 'parameters' | 'loaded'> & { msw?: MswApi };

/** Spread into a meta: builds the story's backend (`parameters.scenario`) and installs its handlers. */
export const simulatedBackend = {
  loaders: [(context: Context) => ({ backend: createBackend(context.parameters.scenario as Scenario | undefined) })],
  beforeEach(context: Context): void {
    if (!context.msw) throw new Error('The MSW addon is not set up: .storybook/preview.ts must use mswLoader().');
    context.msw.use(...backendOf(context).handlers);
  },
};

/** The story's simulated backend: drive its phones from a `play` function (`simulator.phone('bob')`). */
export function backendOf(context: Pick<StoryContext, 'loaded'>): Backend {
  const backend = (context.loaded as { backend?: Backend }).backend;
  if (!backend) throw new Error('This story has no simulated backend: spread `simulatedBackend` into its meta.');
  return backend;
}

/**
 * Locks `username` out the way a user would: wrong passcodes, straight against the simulator, until its
 * lock-out threshold is reached. Preauth then denies the login and says for how long.
 */
export function lockOut(simulator: MfaSimulator, username: string): void {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const preauth = simulator.preauth({ username });
    if (preauth.result !== 'auth') return; // locked: preauth now denies
    try {
      simulator.start({ attemptId: preauth.attemptId, method: 'passcode', passcode: '000000' });
    } catch {
      // invalid_passcode until the last one, which throws locked_out
    }
  }
  throw new Error(`lockOut: "${username}" was not locked out after 100 wrong passcodes`);
}
