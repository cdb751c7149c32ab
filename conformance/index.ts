/**
 * The conformance kit: runs every rule of the mfa-prompt HTTP contract against a live server and reports
 * pass, fail or skip for each. `cli.ts` is the command line; this is the programmatic entry (tests use it).
 */
import { ALL_CHECKS } from './checks/index.js';
import { CheckContext, type Environment, type KitOptions } from './context.js';
import { InteractivePhone, TestControl, ticketFromCommand, type Phone } from './control.js';
import { ContractClient, type Fetch } from './http.js';
import { buildReport, type RunReport } from './report.js';
import { matchesOnly, runChecks, type CheckResult, type Need } from './runner.js';

export { ALL_CHECKS } from './checks/index.js';
export { assessIdentifiers } from './entropy.js';
export { formatJson, formatText, type RunReport } from './report.js';
export type { CheckResult, Outcome } from './runner.js';

export interface ConformanceOptions {
  /** Where the contract's routes live, e.g. `http://127.0.0.1:8787/mfa`. */
  baseUrl: string;
  /** Main test user [alice]: needs a second factor; devices for push, call, SMS, passcodes. */
  user?: string;
  /** Second test user [bob], for cross-user checks and the rate limits. */
  otherUser?: string;
  /** `--only` patterns. */
  only?: readonly string[];
  /** A person plays the phone (instructions through `say`, answers from stdin). */
  interactive?: boolean;
  /** How long the kit waits for the person, per step. Default 120 s. */
  interactiveTimeoutMs?: number;
  /** Shell command printing a ticket for `$MFA_USER` (or `{user}`). */
  ticketCommand?: string;
  /** First-factor tickets from code (a library user's own host server); wins over `ticketCommand` and control. */
  tickets?: (user: string) => Promise<string>;
  /** Where the person's answers come from in interactive mode. Default stdin. */
  input?: NodeJS.ReadableStream;
  /** Use the test-control interface when the server has one. Default true. */
  useControl?: boolean;
  /** How long an answer may take and still count as "at once". Default 1000 ms (more for a loaded test machine). */
  atOnceMs?: number;
  /** The origin the kit's WebAuthn key signs as. Default `http://localhost` (the simulator's). */
  webauthnOrigin?: string;
  /** `wait` for polls that wait for a change. Default 2 s. */
  pollWaitSeconds?: number;
  /** Real-time limit per check. Default 60 s (10 minutes interactive). */
  checkTimeoutMs?: number;
  /** Real waits up to this long are taken when the server has no clock. Default 5 s. */
  maxRealWaitMs?: number;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Instructions for the person in interactive mode. Default: stdout. */
  say?: (line: string) => void;
  onResult?: (result: CheckResult) => void;
  /** Called once the kit knows how it will run (before the first check). */
  onStart?: (setup: Pick<RunReport, 'baseUrl' | 'phone' | 'clock' | 'users'>) => void;
}

/** The kit cannot run at all (no way to get tickets, a bad base URL): the CLI exits 2. */
export class KitSetupError extends Error {
  override name = 'KitSetupError';
}

export async function runConformance(options: ConformanceOptions): Promise<RunReport> {
  const started = Date.now();
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new KitSetupError(`--base-url "${options.baseUrl}" is not an absolute URL (e.g. http://127.0.0.1:8787/mfa)`);
  }
  const kit: KitOptions = {
    baseUrl: baseUrl.href.replace(/\/+$/, ''),
    user: options.user ?? 'alice',
    otherUser: options.otherUser ?? 'bob',
    interactive: options.interactive ?? false,
    pollWaitSeconds: options.pollWaitSeconds ?? 2,
    maxRealWaitMs: options.maxRealWaitMs ?? 5000,
    webauthnOrigin: options.webauthnOrigin ?? 'http://localhost',
    atOnceMs: options.atOnceMs ?? 1000,
  };
  const client = new ContractClient(kit.baseUrl, { pollWaitSeconds: kit.pollWaitSeconds, ...(options.fetch ? { fetch: options.fetch } : {}) });
  client.currentCheck = '(setup)';
  const control = options.useControl === false ? undefined : await TestControl.detect(client);
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const interactive = kit.interactive
    ? new InteractivePhone({ timeoutMs: options.interactiveTimeoutMs ?? 120_000, say, ...(options.input ? { input: options.input } : {}) })
    : undefined;
  const phone: Phone | undefined = interactive ?? control;
  const ticketCommand = options.ticketCommand;
  const tickets =
    options.tickets ?? (ticketCommand ? (user: string) => ticketFromCommand(ticketCommand, user) : control ? (user: string) => control.ticket(user) : undefined);
  if (!tickets) {
    throw new KitSetupError(
      `the kit needs first-factor tickets, and ${kit.baseUrl}/_test (the test-control interface) does not answer: ` +
        'pass --ticket-command "<command that prints a ticket for $MFA_USER>", as your host\'s server issues one after the password step',
    );
  }
  const env: Environment = { client, options: kit, tickets, sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))) };
  if (control) env.control = control;
  if (phone) env.phone = phone;
  const setup = { baseUrl: kit.baseUrl, phone: phone?.kind ?? ('none' as const), clock: control?.clock ?? false, users: { user: kit.user, otherUser: kit.otherUser } };
  options.onStart?.(setup);

  const missing = (need: Need): string | undefined => {
    if (need === 'tickets') return undefined; // checked above: the kit does not start without a ticket source
    if (need === 'phone') return phone ? undefined : `needs someone to act as the phone: the test-control interface (${kit.baseUrl}/_test) or --interactive`;
    if (need === 'control') {
      if (control) return undefined;
      return kit.interactive
        ? 'cannot be done by hand in reasonable time: needs the test-control interface (reading codes, redeeming tokens, resetting state)'
        : `needs the test-control interface (${kit.baseUrl}/_test), which this server does not expose`;
    }
    return control?.clock ? undefined : `needs the test-control clock (POST ${kit.baseUrl}/_test/clock) to move time instead of waiting minutes`;
  };
  const checks = ALL_CHECKS.filter((c) => matchesOnly(c, options.only ?? []));
  let results: CheckResult[];
  try {
    results = await runChecks(checks, {
      missing,
      // Without control, a check may wait out the server's rate limits (up to 2 minutes).
      timeoutMs: options.checkTimeoutMs ?? (kit.interactive ? 600_000 : control ? 60_000 : 240_000),
      async before(check) {
        client.currentCheck = check.id;
        // Every check starts from a clean server: no lock-outs, rate-limit windows or codes left by another.
        if (control) await control.reset();
      },
      contextFor: (_check, notes) => new CheckContext(env, notes),
      ...(options.onResult ? { onResult: options.onResult } : {}),
    });
  } finally {
    interactive?.close();
    if (control) await control.reset().catch(() => undefined);
  }
  return buildReport({ ...setup, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, results });
}
