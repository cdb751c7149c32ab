// The story test: builds Storybook, serves it on 127.0.0.1, opens every story in each engine (Chromium,
// Firefox and WebKit, side by side) and fails a story on a render error, a failing play function, any
// console.error or uncaught error, or an axe violation. Prints one line per story and engine, and a closing
// "N passed, N failed" line per engine; exits 1 on any failure.
//
//   npm run test:stories                        build, then test every story in every engine
//   node scripts/test-stories.mjs --no-build    test the existing storybook-static/
//   node scripts/test-stories.mjs push          only the stories whose id contains "push"
//   node scripts/test-stories.mjs --engine firefox      one engine (also --engine=chromium,webkit)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, ENGINE_NAMES, requireEngines } from './find-browser.mjs';
import { BROWSER_NETWORK_ERROR, openStoryPage } from './engines/story-pages.mjs';
import {
  AXE,
  buildStorybook,
  notTheWorkerRace,
  PAGE_LEVEL_RULES,
  ROOT,
  serve,
  SITE,
  TYPES,
  watchStorybookChannel,
} from './storybook-site.mjs';

const STORY_TIMEOUT_MS = 20_000;
/** Browser messages about a failed HTTP request ("Failed to load resource: ... 503"): expected in stories tagged so. */
const EXPECTED_HTTP_ERRORS_TAG = 'expect-http-errors';
/** The story watcher (watchStorybookChannel and recordPageProblems), served at this path and loaded first by every story's page. */
const WATCHER = '/__story-watcher.js';

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const engineArgs = [];
const rest = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--engine') engineArgs.push(...(args[++i] ?? '').split(','));
  else if (args[i].startsWith('--engine=')) engineArgs.push(...args[i].slice(9).split(','));
  else rest.push(args[i]);
}
const filter = rest.find((arg) => !arg.startsWith('--'));
const engines = engineArgs.length > 0 ? engineArgs : ENGINE_NAMES;
const unknown = engines.filter((engine) => !(engine in ENGINES));
if (unknown.length > 0) {
  console.error(`Unknown engine ${unknown.join(', ')}: use ${ENGINE_NAMES.join(', ')}.`);
  process.exit(2);
}
const found = requireEngines(engines);
const started = Date.now();

if (!skipBuild) await buildStorybook({ failureSummary: '0 passed, 1 failed' });
if (!existsSync(join(SITE, 'index.json'))) {
  console.error(`No Storybook build in ${SITE}: run without --no-build.`);
  process.exit(1);
}

const index = JSON.parse(readFileSync(join(SITE, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && entry.tags?.includes('test') && (!filter || entry.id.includes(filter)),
);

// The watcher and iframe.html are answered here; every other path is a file of the build.
const server = await serve(SITE, (path, response) => {
  if (path === WATCHER) {
    response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-cache' });
    response.end(`(${watchStorybookChannel})();\n(${recordPageProblems})();`);
    return true;
  }
  if (path === '/iframe.html') {
    // The watcher runs first, before Storybook's preview: in every engine, without a driver's init-script API.
    const html = readFileSync(join(SITE, 'iframe.html'), 'utf8').replace('<head>', `<head><script src="${WATCHER}"></script>`);
    response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
    response.end(html);
    return true;
  }
  return false;
});
const base = `http://127.0.0.1:${server.address().port}`;
const width = Math.max(...engines.map((engine) => engine.length));
let results;
try {
  // The engines side by side: each mostly waits for its browser.
  results = await Promise.all(engines.map((engine) => testEngine(engine)));
} finally {
  server.close();
  server.closeAllConnections();
}

if (stories.length === 0) console.log(`No stories${filter ? ` match "${filter}"` : ''}.`);
console.log(`Stories checked in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
for (const { engine, passed, failed, seconds } of results) {
  console.log(`${ENGINES[engine].label}: ${passed} passed, ${failed} failed (${seconds} s)`);
}
const failed = results.reduce((sum, result) => sum + result.failed, 0);
const passed = results.reduce((sum, result) => sum + result.passed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || stories.length === 0 ? 1 : 0);

/** Every story in one engine; one line per story as it finishes. */
async function testEngine(engine) {
  const engineStarted = Date.now();
  const tag = engine.padEnd(width);
  let passed = 0;
  let failed = 0;
  const page = await openStoryPage(engine, found[engine], { width: 1024, height: 768 });
  try {
    let problems = [];
    let current;
    page.onProblem((text, kind) => {
      if (BROWSER_NETWORK_ERROR.test(text) && current?.tags?.includes(EXPECTED_HTTP_ERRORS_TAG)) return;
      if (!notTheWorkerRace(text)) return;
      problems.push(kind === 'console' ? `console.error: ${text}` : `uncaught: ${text}`);
    });
    for (const story of stories) {
      current = story;
      problems = [];
      const storyStarted = Date.now();
      try {
        await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
        const outcome = await page.waitFor(() => window.__storyOutcome?.done && window.__storyOutcome, STORY_TIMEOUT_MS);
        const errors = outcome.errors.filter(notTheWorkerRace);
        problems.push(...errors);
        // Without console events from the browser (WebKit), the page's own watcher has them.
        if (!page.nativeConsole) problems.push(...outcome.pageProblems.filter(notTheWorkerRace));
        if (outcome.status === 'error' && outcome.errors.length === 0) problems.push('Storybook reported the story as failed');
        if (errors.length === 0) problems.push(...(await renderedNothing(page)), ...(await axeViolations(page)));
      } catch (error) {
        problems.push(error.name === 'TimeoutError' ? `did not finish rendering within ${STORY_TIMEOUT_MS / 1000} s` : String(error));
      }
      const seconds = ((Date.now() - storyStarted) / 1000).toFixed(1);
      if (problems.length === 0) {
        passed += 1;
        console.log(`ok    ${tag}  ${story.id}  (${seconds} s)`);
      } else {
        failed += 1;
        console.log(`FAIL  ${tag}  ${story.id}  (${seconds} s)`);
        for (const problem of withoutEchoes(problems)) console.log(`        ${shorten(problem).join('\n        ')}`);
      }
    }
  } finally {
    await page.close();
  }
  return { engine, passed, failed, seconds: ((Date.now() - engineStarted) / 1000).toFixed(0) };
}

// ---- Helpers ------------------------------------------------------------------------------------------------

/** A problem's first lines: enough to find it, without whole stack traces or Testing Library's DOM dumps. */
function shorten(problem, lines = 5) {
  const all = problem.split(/\n\s*\n/)[0].split('\n');
  return all.length > lines ? [...all.slice(0, lines), `  ... (${all.length - lines} more lines)`] : all;
}

/** Storybook also logs a failing play function's error: report it once. */
function withoutEchoes(problems) {
  const playErrors = problems.filter((p) => p.startsWith('play function failed: ')).map((p) => p.slice(22).split('\n')[0]);
  return problems.filter((p) => !(p.startsWith('console.error: ') && playErrors.some((e) => p.includes(e))));
}

/**
 * Runs in the story's page right after `watchStorybookChannel` (scripts/storybook-site.mjs, which records the
 * story's outcome from the preview's channel): also records console.error calls and uncaught errors, for engines
 * whose driver does not report them (WebKit).
 */
function recordPageProblems() {
  const problems = [];
  window.__storyOutcome.pageProblems = problems;
  const consoleError = console.error.bind(console);
  console.error = (...parts) => {
    problems.push(`console.error: ${parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ')}`);
    consoleError(...parts);
  };
  window.addEventListener('error', (event) => problems.push(`uncaught: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => problems.push(`uncaught: ${event.reason?.message ?? String(event.reason)}`));
}

/** A story that shows nothing, or an element whose tag was never registered, is broken too. */
async function renderedNothing(page) {
  return page.evaluate(() => {
    const root = document.querySelector('#storybook-root');
    const undefinedTags = [...new Set([...root.querySelectorAll(':not(:defined)')].map((element) => element.localName))];
    const problems = undefinedTags.map((tag) => `<${tag}> is not a registered element`);
    if (root.getBoundingClientRect().height === 0) problems.push('rendered nothing visible');
    return problems;
  });
}

/** axe-core on the story's root (open shadow roots included); one line per violated rule. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptFile(AXE);
  const violations = await page.evaluate(async (disabled) => {
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    const result = await window.axe.run(document.querySelector('#storybook-root'), { rules, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
      summary: violation.nodes[0]?.failureSummary ?? '',
    }));
  }, PAGE_LEVEL_RULES);
  return violations.map(
    ({ id, help, targets, summary }) => `axe ${id}: ${help} at ${targets.join(', ')}\n  ${summary.split('\n').join('\n  ')}`,
  );
}
