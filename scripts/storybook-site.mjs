// The built Storybook (storybook-static/) for the scripts that open its stories in a browser: the story test
// (test-stories.mjs), the visual comparison (test-visual.mjs) and the locale sweep (test-locales.mjs). Builds
// it (or tells whether the last build is still fresh), serves it on 127.0.0.1, and switches a page from one
// story to the next through Storybook's channel.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser, HOW_TO_INSTALL } from './find-browser.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SITE = join(ROOT, 'storybook-static');

/** What Storybook is built from: a build older than any of these is rebuilt by the scripts that reuse it. */
const SOURCES = ['src', 'stories', '.storybook', 'public', 'custom-elements-manifest.config.mjs', 'package.json'];

/** axe-core, which the story test and the locale sweep inject into story pages. */
export const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
/**
 * Page-level axe rules, which judge a whole page (landmarks, an h1, a skip link) rather than a component
 * shown alone in a story; every other rule runs.
 */
export const PAGE_LEVEL_RULES = ['region', 'landmark-one-main', 'page-has-heading-one', 'bypass'];

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Debian's Chromium, for the Chromium-only checks (visual, locales); without it, says how to install it and exits. */
export function chromiumOrExit() {
  const executablePath = findBrowser();
  if (!executablePath) {
    console.error(HOW_TO_INSTALL);
    process.exit(1);
  }
  return executablePath;
}

/** storybook-static/ as of its sources: built again when missing, older than them, or `force`d. True when built. */
export async function freshStorybook(force = false) {
  if (!force && buildIsFresh()) return false;
  await buildStorybook({ message: 'Building Storybook (storybook-static/ is missing or older than its sources)...' });
  return true;
}

/**
 * `npm run build-storybook` (manifest, then the static site), quietly: its output only if it fails, then
 * `failureSummary` (if any) and exit 1.
 */
export function buildStorybook({ message = 'Building Storybook...', failureSummary } = {}) {
  console.log(message);
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'build-storybook', '--', '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      console.error(output);
      console.error(`Storybook build failed (exit ${code}).`);
      if (failureSummary) console.log(failureSummary);
      process.exit(1);
    });
  });
}

/** storybook-static/ exists and is newer than every file it is built from. */
export function buildIsFresh() {
  const built = join(SITE, 'index.json');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const newest = (path) => {
    if (!existsSync(path)) return 0;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  return SOURCES.every((source) => newest(join(ROOT, source)) <= builtAt);
}

/**
 * A static file server for `dir` on 127.0.0.1, on a free port. `route(path, response)` may answer a path
 * itself (and return true) before the files are looked up.
 */
export function serve(dir, route = () => false) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    // The browser asks for one on its own; iframe.html links none.
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    if (route(path, response)) return;
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The browser's own update check of MSW's service worker, when it runs just as one story's page unloads and
 * the next registers the worker again: the registration it was updating is gone (NotFoundError, "Not found").
 * Nothing of the story's or the product's code is on that path. It reaches us as a page error or, during a
 * play function, as Storybook's "unhandled error while playing": every source of problems drops it (seen in
 * about one run in five, in a different story each time).
 */
const WORKER_UPDATE_RACE = /Failed to update a ServiceWorker for scope \('[^']*'\) with script \('[^']*\/mockServiceWorker\.js'\): Not found\.?$/;
export const notTheWorkerRace = (problem) => !WORKER_UPDATE_RACE.test(problem);

// ---- One story after another in the same page (Playwright) ------------------------------------------------------

/**
 * Shows a story: within the page already open, through Storybook's own channel (a new page costs as much
 * again: loading Storybook's preview), or by loading the page for the first story. The page must have
 * `watchStorybookChannel` as an init script; wait for `window.__storyOutcome.done` after this.
 */
export async function openStory(page, base, id) {
  const switched = await page
    .evaluate((storyId) => {
      const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
      if (!channel || !window.__storyOutcome?.done) return false;
      window.__resetStoryOutcome();
      channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
      return true;
    }, id)
    .catch(() => false);
  if (!switched) await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`, { waitUntil: 'load' });
}

/**
 * Runs in the story's page before Storybook (an init script): records the story's outcome from the preview's
 * channel (`storyFinished` comes after the render and the play function). The story test, the visual test and
 * the locale sweep all use it.
 */
export function watchStorybookChannel() {
  const outcome = { done: false, status: undefined, errors: [] };
  window.__storyOutcome = outcome;
  window.__resetStoryOutcome = () => {
    outcome.done = false;
    outcome.status = undefined;
    outcome.errors.length = 0;
  };
  const describe = (error) => (error && (error.message || error.description || error.title)) || String(error);
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      value.on('storyErrored', (error) => outcome.errors.push(`render error: ${error?.title ?? ''} ${error?.description ?? ''}`.trim()));
      value.on('storyThrewException', (error) => outcome.errors.push(`exception while rendering: ${describe(error)}`));
      value.on('playFunctionThrewException', (error) => outcome.errors.push(`play function failed: ${describe(error)}`));
      value.on('unhandledErrorsWhilePlaying', (errors) =>
        outcome.errors.push(...errors.map((error) => `unhandled error while playing: ${describe(error)}`)),
      );
      value.on('storyMissing', (id) => {
        outcome.errors.push(`story missing: ${id}`);
        outcome.done = true;
      });
      value.on('storyFinished', ({ status }) => {
        outcome.status = status;
        outcome.done = true;
      });
    },
  });
}
