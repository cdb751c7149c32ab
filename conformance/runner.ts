/**
 * The runner: named checks, each ending as pass, fail (with what was expected and what came) or skip (with
 * why), timed. A check throws {@link CheckFailure} or {@link CheckSkipped}; anything else it throws is a
 * failure too (a network error, a timeout), reported with its message.
 */

export type Outcome = 'pass' | 'fail' | 'skip';

/** What a check needs besides the routes themselves; the runner skips it, saying why, when one is missing. */
export type Need =
  /** First-factor tickets: the test-control interface or `--ticket-command`. */
  | 'tickets'
  /** Someone acting as the phone: the test-control interface or `--interactive`. */
  | 'phone'
  /** The test-control interface itself (reset, reading codes, redeeming tokens, unlocking). */
  | 'control'
  /** The test-control interface's clock (`POST /_test/clock`). */
  | 'clock';

export interface Check<Context> {
  /** Stable, dotted: `group.name`. `--only` matches it. */
  id: string;
  /** One line: what the check proves. */
  title: string;
  /** The backend guide's rule name (**attempt binding**, ...), where the check proves one. */
  rule?: string;
  needs?: readonly Need[];
  run(context: Context): Promise<void>;
}

export interface CheckResult {
  id: string;
  title: string;
  rule?: string;
  outcome: Outcome;
  /** Why it failed or was skipped. */
  reason?: string;
  /** What the check observed on the way (shown in the text report under a failure, always in JSON). */
  notes: string[];
  ms: number;
}

export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

export function fail(message: string): never {
  throw new CheckFailure(message);
}

export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

/** Fails with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/**
 * `--only`: patterns, each matched case-insensitively against a check's id and rule name. Without `*`, a
 * pattern names a check (`flow.push`), a group (`attempt-binding` for `attempt-binding.poll` and
 * `.cancel`) or a rule (`token once`); `*` matches any characters (`*webauthn*`).
 */
export function matchesOnly(check: { id: string; rule?: string }, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  const names = [check.id, check.rule ?? ''].map((name) => name.toLowerCase());
  return patterns.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    if (p === '') return false;
    if (!p.includes('*')) return names.some((name) => name === p || name.startsWith(`${p}.`));
    const regex = new RegExp(`^${p.split('*').map(escapeRegex).join('.*')}$`);
    return names.some((name) => regex.test(name));
  });
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export interface RunHooks<Context> {
  /** Why a need is missing, or undefined when it is met. */
  missing(need: Need): string | undefined;
  /** Called before each check that runs (the kit resets the server's test state here). */
  before?(check: Check<Context>, notes: string[]): Promise<void>;
  /** The context one check gets; `notes` collects what it observed. */
  contextFor(check: Check<Context>, notes: string[]): Context;
  /** Called after each check, whatever its outcome (the kit prints progress here). */
  onResult?(result: CheckResult): void;
  /** Real-time limit per check. */
  timeoutMs: number;
}

export async function runChecks<Context>(checks: readonly Check<Context>[], hooks: RunHooks<Context>): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const item of checks) {
    const notes: string[] = [];
    const started = performance.now();
    const base = { id: item.id, title: item.title, ...(item.rule ? { rule: item.rule } : {}), notes };
    let result: CheckResult;
    const missing = (item.needs ?? []).map((need) => hooks.missing(need)).find((reason) => reason !== undefined);
    if (missing) {
      result = { ...base, outcome: 'skip', reason: missing, ms: 0 };
    } else {
      try {
        await hooks.before?.(item, notes);
        await withTimeout(item.run(hooks.contextFor(item, notes)), hooks.timeoutMs);
        result = { ...base, outcome: 'pass', ms: performance.now() - started };
      } catch (error) {
        const ms = performance.now() - started;
        if (error instanceof CheckSkipped) result = { ...base, outcome: 'skip', reason: error.message, ms };
        else result = { ...base, outcome: 'fail', reason: describe(error), ms };
      }
    }
    results.push(result);
    hooks.onResult?.(result);
  }
  return results;
}

function describe(error: unknown): string {
  if (error instanceof CheckFailure) return error.message;
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailure(`did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function summarize(results: readonly CheckResult[]): { passed: number; failed: number; skipped: number } {
  return {
    passed: results.filter((r) => r.outcome === 'pass').length,
    failed: results.filter((r) => r.outcome === 'fail').length,
    skipped: results.filter((r) => r.outcome === 'skip').length,
  };
}
