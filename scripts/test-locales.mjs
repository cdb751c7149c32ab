// The locale sweep: every story in every locale, without overflow or missing texts (issue 13). Opens each story
// of the built Storybook once in headless Chromium (its play function brings it to its state), then switches
// the page's language at run time, English, the eleven other locales and the pseudo-locale en-XA in turn (`lang`,
// and `dir="rtl"` for Arabic and Hebrew), and after each switch checks inside every mfa-* element:
//   - overflow: text cut off, spilling out of its box, or reaching outside the card;
//   - missing texts: in a real locale no text (or accessible name) of ours is an English default unless the
//     locale's own text is the same; in the pseudo-locale every text is pseudo (bracketed);
//   - nothing breaks: no console.error or uncaught error while switching, and no prompt starts its login over;
//   - in Arabic and German, axe finds nothing (AXE_LOCALES).
// The checks are scripts/locales/checks.ts (exemptions listed there, with their reasons), run in the page by
// scripts/locales/page.ts. Prints one line per failing story and locale, and a summary; exits 1 on a finding.
//
//   npm run test:locales                     every story in every locale
//   node scripts/test-locales.mjs push       only the stories whose id contains "push"
//   node scripts/test-locales.mjs --locale de,en-XA     only these locales (after English, always checked)
//   node scripts/test-locales.mjs --build    rebuild Storybook first
//
// It reuses storybook-static/ (which `npm run test:stories` has just built in `npm test`) when it is newer
// than its sources, and builds it otherwise.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './find-browser.mjs';
import { BROWSER_NETWORK_ERROR } from './engines/story-pages.mjs';
import {
  AXE,
  chromiumOrExit,
  freshStorybook,
  notTheWorkerRace,
  openStory,
  PAGE_LEVEL_RULES,
  ROOT,
  serve,
  SITE,
  watchStorybookChannel,
} from './storybook-site.mjs';

const STORY_TIMEOUT_MS = 20_000;
/** Stories tagged so expect failed requests: the browser's "Failed to load resource" lines are not errors there. */
const EXPECTED_HTTP_ERRORS_TAG = 'expect-http-errors';
/** Problems printed per story and locale; the rest are counted. */
const SHOWN_PER_LOCALE = 6;
const VIEWPORT = { width: 1024, height: 768 };
/**
 * Locales in which axe also runs on every story (the story test runs it in English): Arabic, right to left, and
 * German, the longest texts. The same rules as the story test's.
 */
const AXE_LOCALES = ['ar', 'de'];
/** Stories swept side by side, each in a page of its own. */
const PAGES = 2;

const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const localeArg = args.find((arg) => arg.startsWith('--locale'));
const onlyLocales = localeArg ? (localeArg.includes('=') ? localeArg.split('=')[1] : args[args.indexOf(localeArg) + 1]).split(',') : undefined;
const filter = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--locale');
const started = Date.now();

const executablePath = chromiumOrExit();
await freshStorybook(forceBuild);

// The page's side: the checks, the English defaults and every locale's table, as one script.
const bundled = await build({
  entryPoints: [join(ROOT, 'scripts', 'locales', 'page.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2022',
  tsconfig: join(ROOT, 'tsconfig.json'),
  logLevel: 'error',
});
const pageScript = bundled.outputFiles[0].text;

const index = JSON.parse(readFileSync(join(SITE, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && entry.tags?.includes('test') && (!filter || entry.id.includes(filter)),
);

const sweepStarted = Date.now();
const server = await serve(SITE);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
/** Story-and-locale checks made and failed, stories swept and failed, problems found, locales, texts read. */
const counts = { checked: 0, failed: 0, stories: 0, storiesFailed: 0, problems: 0, locales: new Set(), texts: 0 };
/** Where the time goes, in ms: opening stories (and their play functions), switching languages, checking. */
const time = { opening: 0, switching: 0, checking: 0, axe: 0 };
try {
  // Pages side by side: a story's page mostly waits (its simulated backend's delays, its play function).
  const queue = [...stories];
  await Promise.all(Array.from({ length: Math.min(PAGES, stories.length) }, () => sweepPages(queue)));
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}

if (stories.length === 0) console.log(`No stories${filter ? ` match "${filter}"` : ''}.`);
const seconds = ((Date.now() - sweepStarted) / 1000).toFixed(0);
console.log(
  `${counts.stories} stories × ${counts.locales.size} locales: ${counts.checked} checked in ${seconds} s ` +
    `(${((Date.now() - started) / 1000).toFixed(0)} s with the build), ${PAGES} pages side by side; ` +
    `${counts.texts} texts read; ${counts.failed} failed (${counts.storiesFailed} stories, ${counts.problems} problems)`,
);
const secondsOf = (ms) => `${(ms / 1000).toFixed(0)} s`;
console.log(
  `Page time: opening stories ${secondsOf(time.opening)}, switching languages ${secondsOf(time.switching)}, checking ${secondsOf(time.checking)}, axe in ${AXE_LOCALES.join(' and ')} ${secondsOf(time.axe)}.`,
);
process.exit(counts.failed > 0 || stories.length === 0 ? 1 : 0);

/** Takes stories from `queue` until none is left, in a page of its own; prints each story's lines when it is done. */
async function sweepPages(queue) {
  const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce', locale: 'en-US', timezoneId: 'UTC' });
  await context.addInitScript(watchStorybookChannel);
  await context.addInitScript({ content: pageScript });
  const page = await context.newPage();
  const errors = { story: undefined, seen: [] };
  const onError = (text, kind) => {
    if (!notTheWorkerRace(text)) return;
    if (BROWSER_NETWORK_ERROR.test(text) && errors.story?.tags?.includes(EXPECTED_HTTP_ERRORS_TAG)) return;
    errors.seen.push(`${kind}: ${text}`);
  };
  page.on('console', (message) => message.type() === 'error' && onError(message.text(), 'console.error'));
  page.on('pageerror', (error) => onError(error.message, 'uncaught'));
  for (let story = queue.shift(); story; story = queue.shift()) {
    errors.story = story;
    const storyStarted = Date.now();
    const failures = await sweepStory(page, story, errors);
    counts.stories += 1;
    if (failures.length === 0) {
      console.log(`ok    ${story.id}  (${((Date.now() - storyStarted) / 1000).toFixed(1)} s)`);
      continue;
    }
    counts.storiesFailed += 1;
    counts.failed += failures.length;
    console.log(failures.join('\n'));
  }
  await context.close();
}

/**
 * One story: opened once, then shown in every locale in turn and checked after each switch. Returns a block
 * of lines per failing locale (none when all pass).
 */
async function sweepStory(page, story, errors) {
  const storyStarted = Date.now();
  const trouble = await openAndWait(page, story).catch((error) => String(error?.message ?? error));
  time.opening += Date.now() - storyStarted;
  if (trouble) return [`FAIL  ${story.id}: the story itself failed (npm run test:stories says why): ${trouble}`];
  const failures = [];
  const locales = await page.evaluate(() => window.__localeSweep.locales);
  for (const locale of locales.filter((tag) => !onlyLocales || tag === 'en' || onlyLocales.includes(tag))) {
    errors.seen = [];
    counts.checked += 1;
    counts.locales.add(locale);
    const { problems, texts, switching, checking } = await page
      .evaluate(async (tag) => {
        const switchStarted = performance.now();
        await window.__localeSweep.show(tag);
        const checkStarted = performance.now();
        const { problems: found, texts } = window.__localeSweep.check(tag);
        return { problems: found, texts, switching: checkStarted - switchStarted, checking: performance.now() - checkStarted };
      }, locale)
      .catch((error) => ({ problems: [{ kind: 'switch', where: '', text: '', detail: String(error?.message ?? error).split('\n')[0] }] }));
    counts.texts += texts ?? 0;
    time.switching += switching ?? 0;
    time.checking += checking ?? 0;
    if (AXE_LOCALES.includes(locale)) {
      const axeStarted = Date.now();
      problems.push(...(await axeViolations(page)));
      time.axe += Date.now() - axeStarted;
    }
    const lines = [...problems.map(describeProblem), ...errors.seen.map((error) => `error while switching: ${error.split('\n')[0]}`)];
    if (lines.length === 0) continue;
    counts.problems += lines.length;
    const shown = lines.slice(0, SHOWN_PER_LOCALE).map((line) => `        ${line}`);
    if (lines.length > SHOWN_PER_LOCALE) shown.push(`        ... and ${lines.length - SHOWN_PER_LOCALE} more`);
    failures.push([`FAIL  ${story.id}  [${locale}]  ${lines.length} problem${lines.length === 1 ? '' : 's'}`, ...shown].join('\n'));
  }
  const restarted = await page.evaluate(() => window.__localeSweep.restore());
  counts.problems += restarted.length;
  failures.push(...restarted.map((line) => `FAIL  ${story.id}: ${line}`));
  return failures;
}

/** Opens the story and waits for its play function: a message when the story itself failed. */
async function openAndWait(page, story) {
  await openStory(page, base, story.id);
  const handle = await page.waitForFunction(() => window.__storyOutcome?.done && window.__storyOutcome, undefined, {
    timeout: STORY_TIMEOUT_MS,
    polling: 50,
  });
  const outcome = await handle.jsonValue();
  const errors = outcome.errors.filter(notTheWorkerRace);
  if (errors.length > 0) return errors[0];
  if (outcome.status === 'error') return 'Storybook reported the story as failed';
  return undefined;
}

/** axe's violations in the story's root, as problems (the story test's rules: scripts/storybook-site.mjs). */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (disabled) => {
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    const result = await window.axe.run(document.querySelector('#storybook-root'), { rules, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      kind: `axe ${violation.id}`,
      where: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)).join(', '),
      text: '',
      detail: violation.help,
    }));
  }, PAGE_LEVEL_RULES);
}

/** One line: where, what, and for a text of a locale's table its key (what a translator looks up). */
function describeProblem({ kind, where, text, detail, key }) {
  const quoted = text ? ` "${text.length > 70 ? `${text.slice(0, 69)}…` : text}"` : '';
  return `${kind}: ${where}${quoted}: ${detail}${key ? ` (key ${key})` : ''}`;
}
