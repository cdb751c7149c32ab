// The visual regression test: opens every story of the built Storybook in headless Chromium, screenshots
// its root (cropped to what the story renders) and compares it with the committed baseline in
// test/visual/baselines/ (pixelmatch). A story whose pixels changed fails, and its diff image (changed
// pixels in red) and new screenshot are saved in test/visual/diff/ (git-ignored). When a change is meant,
// update the baselines and commit them: designers review them as changed files. Then it checks the docs
// pages as designers use them (scripts/visual/docs-pages.mjs): stories inline and whole, controls that
// drive them, the same username control everywhere, the public methods listed, no onboarding checklist.
//
//   npm run test:visual                     compare every story with its baseline
//   npm run test:visual -- --update         write every baseline anew (and delete those of removed stories)
//   node scripts/test-visual.mjs push       only the stories whose id contains "push" (with --update too)
//   node scripts/test-visual.mjs --build    rebuild Storybook first
//
// It reuses storybook-static/ (which `npm run test:stories` has just built in `npm test`) when it is newer
// than its sources, and builds it otherwise. What the pixels depend on is pinned here and in the stories'
// preview: the font (DejaVu Sans, .storybook/preview-head.html), device scale factor 1, a fixed viewport,
// light scheme, reduced motion, animations and the caret off, a seeded simulator (the same Verified Push
// code every run); countdowns (time left, the wait before new SMS codes) change each second, so they are masked.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pixelmatch from 'pixelmatch';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { CHROMIUM_ARGS } from './find-browser.mjs';
import {
  chromiumOrExit,
  freshStorybook,
  notTheWorkerRace,
  openStory,
  ROOT,
  serve,
  SITE,
  watchStorybookChannel,
} from './storybook-site.mjs';
import { docsPageProblems } from './visual/docs-pages.mjs';

const BASELINES = join(ROOT, 'test', 'visual', 'baselines');
const DIFFS = join(ROOT, 'test', 'visual', 'diff');
/** The Chromium that made the baselines: another version may draw text a pixel apart; say so on failure. */
const BROWSER_VERSION_FILE = join(ROOT, 'test', 'visual', 'chromium-version.txt');
const STORY_TIMEOUT_MS = 20_000;
const VIEWPORT = { width: 800, height: 600 };
/** Around the story's boxes, so focus rings and outlines drawn outside them (outline-offset) are in the crop. */
const MARGIN_PX = 8;
/**
 * pixelmatch's per-pixel colour distance (0 to 1) below which two pixels count as the same; it also ignores
 * anti-aliasing pixels. Any pixel beyond it fails the story: the rendering is pinned, so two runs match exactly.
 */
const THRESHOLD = 0.1;
const MAX_DIFF_PIXELS = 0;
/**
 * Text that counts down every second by design (a push's or call's time left, the wait before new SMS
 * codes): painted over with a solid box in every screenshot.
 */
const MASKED = ['[part="time-left"]', '[part="send-codes-wait"]'];
/**
 * Styles applied while screenshotting (Playwright's `style` reaches into shadow roots): `<code>` in the not-configured
 * note takes the browser's default monospace font, which fontconfig picks from whatever fonts the machine has (Noto
 * Sans Mono once a package pulled it in, DejaVu Sans Mono otherwise); pinned to the one .ci/run installs.
 */
const PINNED_STYLE = `code { font-family: 'DejaVu Sans Mono', monospace !important; }`;
/** Screenshots until two in a row are identical (the story has settled), at most this many. */
const STABLE_TRIES = 10;

const CHROMIUM_PINNING_ARGS = [
  '--force-device-scale-factor=1',
  '--force-color-profile=srgb',
  '--font-render-hinting=none',
  '--disable-lcd-text',
  '--hide-scrollbars',
];

const args = process.argv.slice(2);
const update = args.includes('--update');
const forceBuild = args.includes('--build');
const filter = args.find((arg) => !arg.startsWith('--'));
const started = Date.now();

const executablePath = chromiumOrExit();
if (await freshStorybook(forceBuild)) console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
const checksStarted = Date.now();

const index = JSON.parse(readFileSync(join(SITE, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && entry.tags?.includes('test') && (!filter || entry.id.includes(filter)),
);
// The components' and states' docs pages (not the MDX introduction), checked after the screenshots.
const docsPages = Object.values(index.entries).filter(
  (entry) => entry.type === 'docs' && entry.tags?.includes('autodocs') && (!filter || entry.id.includes(filter)),
);

const server = await serve(SITE);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...CHROMIUM_PINNING_ARGS] });
const browserVersion = browser.version();
const baselineVersion = existsSync(BROWSER_VERSION_FILE) ? readFileSync(BROWSER_VERSION_FILE, 'utf8').trim() : undefined;

rmSync(DIFFS, { recursive: true, force: true });
mkdirSync(BASELINES, { recursive: true });
const counts = { same: 0, written: 0, failed: 0 };
try {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    forcedColors: 'none',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  await context.addInitScript(watchStorybookChannel);
  const page = await context.newPage();
  for (const story of stories) {
    const storyStarted = Date.now();
    const problem = await checkStory(page, story).catch((error) => String(error?.message ?? error));
    const seconds = ((Date.now() - storyStarted) / 1000).toFixed(1);
    if (problem === 'written') {
      counts.written += 1;
      console.log(`wrote ${story.id}  (${seconds} s)`);
    } else if (problem) {
      counts.failed += 1;
      console.log(`FAIL  ${story.id}  (${seconds} s)\n        ${problem.split('\n').join('\n        ')}`);
    } else {
      counts.same += 1;
      console.log(`ok    ${story.id}  (${seconds} s)`);
    }
  }
  if (!update) {
    for (const docs of docsPages) {
      const pageStarted = Date.now();
      const problems = await docsPageProblems(page, base, docs.id).catch((error) => [String(error?.message ?? error)]);
      const seconds = ((Date.now() - pageStarted) / 1000).toFixed(1);
      if (problems.length === 0) console.log(`ok    ${docs.id}  (${seconds} s)`);
      else console.log(`FAIL  ${docs.id}  (${seconds} s)\n        ${problems.join('\n        ')}`);
      counts[problems.length === 0 ? 'same' : 'failed'] += 1;
    }
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}

// Baselines of stories that no longer exist: deleted by --update, a failure otherwise (only for a full run).
if (!filter) {
  const ids = new Set(stories.map((story) => story.id));
  for (const file of readdirSync(BASELINES).filter((name) => name.endsWith('.png'))) {
    if (ids.has(file.slice(0, -4))) continue;
    if (update) {
      rmSync(join(BASELINES, file));
      console.log(`deleted ${relative(ROOT, join(BASELINES, file))} (no such story)`);
    } else {
      counts.failed += 1;
      console.log(`FAIL  ${relative(ROOT, join(BASELINES, file))}: no story has this id (run with --update to delete it)`);
    }
  }
}
if (update && !filter) writeFileSync(BROWSER_VERSION_FILE, `${browserVersion}\n`);

if (stories.length === 0) console.log(`No stories${filter ? ` match "${filter}"` : ''}.`);
if (counts.failed > 0) {
  console.log(`Diff images (changed pixels in red) and new screenshots: ${relative(ROOT, DIFFS)}/`);
  console.log('If the change is meant: npm run test:visual -- --update, then review and commit test/visual/baselines/.');
  if (baselineVersion && baselineVersion !== browserVersion) {
    console.log(`Note: the baselines were made with Chromium ${baselineVersion}, this is ${browserVersion}.`);
  }
}
console.log(`Stories and docs pages checked in ${((Date.now() - checksStarted) / 1000).toFixed(0)} s.`);
console.log(`${counts.same} passed, ${counts.written} written, ${counts.failed} failed`);
process.exit(counts.failed > 0 || stories.length + docsPages.length === 0 ? 1 : 0);

// ---- One story ----------------------------------------------------------------------------------------------

/** Renders the story, screenshots it and compares (or writes) its baseline: undefined when the same. */
async function checkStory(page, story) {
  await openStory(page, base, story.id);
  const handle = await page.waitForFunction(() => window.__storyOutcome?.done && window.__storyOutcome, undefined, {
    timeout: STORY_TIMEOUT_MS,
    polling: 50,
  });
  const outcome = await handle.jsonValue();
  const errors = outcome.errors.filter(notTheWorkerRace);
  if (errors.length > 0 || (outcome.status === 'error' && outcome.errors.length === 0)) {
    return `the story failed (npm run test:stories says why): ${errors[0] ?? outcome.status}`;
  }
  const shot = await settledScreenshot(page);
  if (!shot) return `still changing after ${STABLE_TRIES} screenshots: make what moves deterministic, or mask it (MASKED)`;

  const file = join(BASELINES, `${story.id}.png`);
  if (update) {
    writeFileSync(file, shot);
    return 'written';
  }
  if (!existsSync(file)) return `no baseline ${relative(ROOT, file)}: run npm run test:visual -- --update`;
  const actual = PNG.sync.read(shot);
  const expected = PNG.sync.read(readFileSync(file));
  mkdirSync(DIFFS, { recursive: true });
  const actualFile = join(DIFFS, `${story.id}.actual.png`);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    writeFileSync(actualFile, shot);
    return `size ${actual.width}x${actual.height}, baseline ${expected.width}x${expected.height}; new screenshot: ${relative(ROOT, actualFile)}`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: THRESHOLD });
  if (changed <= MAX_DIFF_PIXELS) return undefined;
  const diffFile = join(DIFFS, `${story.id}.diff.png`);
  writeFileSync(diffFile, PNG.sync.write(diff));
  writeFileSync(actualFile, shot);
  return `${changed} pixels differ from ${relative(ROOT, file)}\n  diff: ${relative(ROOT, diffFile)}\n  new:  ${relative(ROOT, actualFile)}`;
}

/** A PNG of the story's boxes (plus a margin), once two screenshots in a row are identical; undefined if never. */
async function settledScreenshot(page) {
  await page.evaluate(() => document.fonts.ready);
  const clip = await page.evaluate((margin) => {
    const root = document.querySelector('#storybook-root');
    // Storybook wraps every story in #root-inner, a block as wide as the page: the story is inside it.
    const boxes = [...(root.querySelector(':scope > #root-inner') ?? root).children].map((child) => child.getBoundingClientRect()).filter((box) => box.width > 0 && box.height > 0);
    if (boxes.length === 0) boxes.push(root.getBoundingClientRect());
    const left = Math.max(0, Math.floor(Math.min(...boxes.map((box) => box.left)) - margin) + scrollX);
    const top = Math.max(0, Math.floor(Math.min(...boxes.map((box) => box.top)) - margin) + scrollY);
    const right = Math.min(document.documentElement.scrollWidth, Math.ceil(Math.max(...boxes.map((box) => box.right)) + margin) + scrollX);
    const bottom = Math.ceil(Math.max(...boxes.map((box) => box.bottom)) + margin) + scrollY;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }, MARGIN_PX);
  const options = {
    clip,
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
    mask: MASKED.map((selector) => page.locator(selector)),
    maskColor: '#ff00ff',
    style: PINNED_STYLE,
  };
  let previous = await page.screenshot(options);
  for (let tries = 1; tries < STABLE_TRIES; tries += 1) {
    await page.waitForTimeout(200);
    const next = await page.screenshot(options);
    if (next.equals(previous)) return recompressed(next);
    previous = next;
  }
  return undefined;
}

/** The PNG as opaque RGB at zlib's best compression (8 % smaller than Chromium's): the baselines live in the repository. */
function recompressed(png) {
  return PNG.sync.write(PNG.sync.read(png), { deflateLevel: 9, colorType: 2, inputColorType: 6 });
}
