/**
 * The one way a browser test is skipped in an engine: with the engine's written reason (from its launcher in
 * scripts/engines/), printed with the file's results.
 */
const explained = new Set<string>();

/** Logs why and skips the running test. The runner prints a page's console.log with the file's results: each
 * reason in full once, then only the names of the other tests it skips. */
export function skipInThisEngine(test: Mocha.Context, reason: string): never {
  console.log(explained.has(reason) ? `Skipped: ${test.test?.title ?? ''}` : `Skipped in this engine: ${test.test?.title ?? ''}\n  because ${reason}`);
  explained.add(reason);
  test.skip();
}
