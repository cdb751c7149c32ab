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
 *
 * The story's page plays the host page too: `username` is who passed its first factor, and the prompt gets
 * the **first-factor ticket** the host's server would issue for that user ({@link Backend.ticketFor}; see
 * `renderPrompt()` in `prompt-stories.ts`).
 */
import type { Args, StoryContext } from '@storybook/web-components-vite';
import type { MswApi } from 'msw-storybook-addon';
import type { HttpHandler } from 'msw';
import type { SimulatorOptions } from '../../mock-server/core/options.js';
import type { SimulatorEvent } from '../../mock-server/core/types.js';
import { MfaSimulator } from '../../mock-server/core/simulator.js';
import { seededRandom } from '../../mock-server/core/random.js';
import { FakeClock } from '../../mock-server/core/clock.js';
import type { PhoneScript } from '../../mock-server/core/types.js';
import { createHandlers } from '../../mock-server/handlers.js';

/**
 * The `base-url` stories show: `<mfa-prompt base-url="/mfa">`. Each story's backend answers under a path of
 * its own below it (`/mfa/<story id>/<render>`, see {@link withTicket}), so that a docs page can show its stories
 * inline, side by side, each with its own backend.
 */
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
  /**
   * The first-factor ticket the host's server issues once `username` passed the password step. One per
   * user while it is fresh, so re-rendering a story (a control changed) does not restart its prompt.
   */
  ticketFor(username: string): string;
}

/** A ticket lives 10 minutes; a story re-rendered after half of that gets a new one. */
const TICKET_REUSE_MS = 5 * 60_000;

/**
 * The stories' random source: seeded, so a story shows the same Verified Push code and ids on every run
 * (its visual baseline depends on them); a scenario may pass its own `simulator.random`.
 */
const STORY_SEED = 11;

export function createBackend(scenario: Scenario = {}, baseUrl = BASE_URL): Backend {
  const simulator = new MfaSimulator({ random: seededRandom(STORY_SEED), ...scenario.simulator });
  for (const [username, script] of Object.entries(scenario.scripts ?? {})) simulator.script(username, script);
  scenario.prepare?.(simulator);
  const handlers = [
    ...(scenario.overrides?.(baseUrl) ?? []),
    ...createHandlers(simulator, { baseUrl, latencyMs: scenario.latencyMs ?? 0 }),
  ];
  const tickets = new Map<string, { ticket: string; issuedAt: number }>();
  const ticketFor = (username: string): string => {
    const issued = tickets.get(username);
    if (issued && Date.now() - issued.issuedAt < TICKET_REUSE_MS) return issued.ticket;
    const ticket = simulator.issueTicket(username);
    tickets.set(username, { ticket, issuedAt: Date.now() });
    return ticket;
  };
  return { simulator, baseUrl, handlers, ticketFor };
}

/**
 * The args with the ticket of their `username`, as a host page sets it after its first factor, and
 * `base-url="/mfa"` pointed at the story's own backend. A story that sets `ticket` itself keeps it; a story
 * without a username or a backend gets none.
 */
export function withTicket(args: Args, context: Pick<StoryContext, 'loaded'>): Args {
  const backend = (context.loaded as { backend?: Backend } | undefined)?.backend;
  if (!backend) return args;
  const own = args['base-url'] === BASE_URL ? { ...args, 'base-url': backend.baseUrl } : args;
  const username = args['username'];
  if (args['ticket'] !== undefined || typeof username !== 'string' || username === '') return own;
  return { ...own, ticket: backend.ticketFor(username) };
}

type Context = Pick<StoryContext, 'id' | 'parameters' | 'loaded'> & { msw?: MswApi };

/** Renders so far: a docs page shows its first story twice (at the top and in the list), each with a backend. */
let renders = 0;

/** Spread into a meta: builds the story's backend (`parameters.scenario`) and installs its handlers. */
export const simulatedBackend = {
  loaders: [
    (context: Context) => ({
      backend: createBackend(context.parameters.scenario as Scenario | undefined, `${BASE_URL}/${context.id}/${(renders += 1)}`),
    }),
  ],
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
 * Locks `username` out as their wrong passcodes would once they reached the lock-out threshold (the
 * simulator's administrator control: typing them would meet the growing delays between failures first).
 * Preauth then denies the login and says for how long.
 */
export function lockOut(simulator: MfaSimulator, username: string): void {
  simulator.lockOut(username);
}

/**
 * A simulator clock stopped at the time the story's page loads: for a state whose text counts the seconds
 * since the scenario was prepared (a rate limit's "in 60 seconds"), so it reads the same however long the
 * render took. Nothing of the simulator's own times out with it.
 */
export function stoppedClock(): FakeClock {
  return new FakeClock(Date.now());
}

/**
 * Uses up `username`'s push rate limit before the story renders, as a push bomber would: `count` pushes from
 * another login attempt (a preauth of its own), each canceled at once so nothing stays pending on the phone.
 * With `rateLimits: { push: { max: count, windowMs } }`, the prompt's own push is then refused (429 with
 * `retryAfter`). Refusals do not count, so `count` must be the limit's `max`.
 */
export function usePushes(simulator: MfaSimulator, username: string, count: number): void {
  useStarts(simulator, username, 'push', count);
}

/** {@link usePushes} for calls: `count` calls from another login attempt, each hung up at once. */
export function useCalls(simulator: MfaSimulator, username: string, count: number): void {
  useStarts(simulator, username, 'phone', count);
}

function useStarts(simulator: MfaSimulator, username: string, method: 'push' | 'phone', count: number): void {
  const preauth = simulator.preauth({ ticket: simulator.issueTicket(username) });
  if (preauth.result !== 'auth') throw new Error(`use up ${method}: preauth for "${username}" answered ${preauth.result}`);
  const device = preauth.devices.find((candidate) => candidate.capabilities.includes(method));
  if (!device) throw new Error(`use up ${method}: "${username}" has no device for it`);
  for (let started = 0; started < count; started += 1) {
    const { txid } = simulator.start({ attemptId: preauth.attemptId, method, deviceId: device.id }).body;
    simulator.cancel(txid, preauth.attemptId);
  }
}

/**
 * `username`'s phone types a wrong Verified Push code into every push that arrives (a code other than the
 * one the push shows), a moment after it arrives: the backend then denies the push ("Wrong verification
 * code: login request denied.") and counts a failure, like a denied push. A phone script cannot do this (its
 * `approve` types the right code).
 */
export function typeWrongCode(simulator: MfaSimulator, username: string, { afterMs = 0 } = {}): void {
  const phone = simulator.phone(username);
  simulator.subscribe((event: SimulatorEvent) => {
    if (event.type !== 'transaction' || event.username !== username || event.method !== 'push' || event.status !== 'pushed') return;
    // Not from inside the simulator's own notification: let the push finish arriving first.
    setTimeout(() => {
      const push = phone.pendingPush();
      if (push?.txid !== event.txid) return;
      phone.approvePush(push.verificationCode === '000' ? '111' : '000');
    }, afterMs);
  });
}
