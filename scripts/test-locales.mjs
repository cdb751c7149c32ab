// The locale sweep: every story in every locale, without overflow or missing texts (issue 13). Opens each story
// of the built Storybook once in headless Chromium (its play function brings it to its state), then switches
// the page's language at run time, English, the eleven other locales and the pseudo-locale en-XA in turn (`lang`,
// and `dir="rtl"` for Arabic and Hebrew), and after each switch checks inside every mfa-* element:
//   - overflow: text cut off, spilling out of its box, or reaching outside the card;
//   - missing texts: in a real locale no text (or accessible name) of ours is an English default unless the
//     locale's own text is the same; in the pseudo-locale every text is pseudo (bracketed);
//   - nothing breaks: no console.error or uncaught error while switching, and no prompt starts its login over.
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
import { CHROMIUM_ARGS, findBrowser, HOW_TO_INSTALL } from './find-browser.mjs';
import { BROWSER_NETWORK_ERROR } from './engines/story-pages.mjs';
import { buildIsFresh, buildStorybook, notTheWorkerRace, openStory, ROOT, serve, SITE, watchStorybookChannel } from './storybook-site.mjs';

const STORY_TIMEOUT_MS = 20_000;
/** Stories tagged so expect failed requests: the browser's "Failed to load resource" lines are not errors there. */
const EXPECTED_HTTP_ERRORS_TAG = 'expect-http-errors';
/** Problems printed per story and locale; the rest are counted. */
const SHOWN_PER_LOCALE = 6;
const VIEWPORT = { width: 1024, height: 768 };

const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const localeArg = args.find((arg) => arg.startsWith('--locale'));
const onlyLocales = localeArg ? (localeArg.includes('=') ? localeArg.split('=')[1] : args[args.indexOf(localeArg) + 1]).split(',') : undefined;
const filter = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--locale');
const started = Date.now();

const executablePath = findBrowser();
if (!executablePath) {
  console.error(HOW_TO_INSTALL);
  process.exit(1);
}
if (forceBuild || !buildIsFresh()) {
  await buildStorybook({ message: 'Building Storybook (storybook-static/ is missing or older than its sources)...' });
}

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
const counts = { checked: 0, failed: 0, stories: 0, storiesFailed: 0, problems: 0 };
try {
  const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce', locale: 'en-US', timezoneId: 'UTC' });
  await context.addInitScript(watchStorybookChannel);
  await context.addInitScript({ content: pageScript });
  const page = await context.newPage();
  let current;
  let errors = [];
  const onError = (text, kind) => {
    if (!notTheWorkerRace(text)) return;
    if (BROWSER_NETWORK_ERROR.test(text) && current?.tags?.includes(EXPECTED_HTTP_ERRORS_TAG)) return;
    errors.push(`${kind}: ${text}`);
  };
  page.on('console', (message) => message.type() === 'error' && onError(message.text(), 'console.error'));
  page.on('pageerror', (error) => onError(error.message, 'uncaught'));

  for (const story of stories) {
    current = story;
    counts.stories += 1;
    const failedBefore = counts.failed;
    const storyStarted = Date.now();
    const trouble = await openAndWait(page, story).catch((error) => String(error?.message ?? error));
    if (trouble) {
      counts.failed += 1;
      console.log(`FAIL  ${story.id}: the story itself failed (npm run test:stories says why): ${trouble}`);
    } else {
      const locales = await page.evaluate(() => window.__localeSweep.locales);
      for (const locale of locales.filter((tag) => !onlyLocales || tag === 'en' || onlyLocales.includes(tag))) {
        errors = [];
        counts.checked += 1;
        const problems = await page
          .evaluate(async (tag) => {
            await window.__localeSweep.show(tag);
            return window.__localeSweep.check(tag);
          }, locale)
          .catch((error) => [{ kind: 'switch', where: '', text: '', detail: String(error?.message ?? error).split('\n')[0] }]);
        const lines = [...problems.map(describeProblem), ...errors.map((error) => `error while switching: ${error.split('\n')[0]}`)];
        if (lines.length > 0) {
          counts.failed += 1;
          counts.problems += lines.length;
          console.log(`FAIL  ${story.id}  [${locale}]  ${lines.length} problem${lines.length === 1 ? '' : 's'}`);
          for (const line of lines.slice(0, SHOWN_PER_LOCALE)) console.log(`        ${line}`);
          if (lines.length > SHOWN_PER_LOCALE) console.log(`        ... and ${lines.length - SHOWN_PER_LOCALE} more`);
        }
      }
      const restarted = await page.evaluate(() => window.__localeSweep.restore());
      for (const line of restarted) {
        counts.failed += 1;
        console.log(`FAIL  ${story.id}: ${line}`);
      }
    }
    if (counts.failed > failedBefore) counts.storiesFailed += 1;
    else console.log(`ok    ${story.id}  (${((Date.now() - storyStarted) / 1000).toFixed(1)} s)`);
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}

if (stories.length === 0) console.log(`No stories${filter ? ` match "${filter}"` : ''}.`);
const seconds = ((Date.now() - sweepStarted) / 1000).toFixed(0);
console.log(
  `${counts.stories} stories × locales: ${counts.checked} checked in ${seconds} s (${((Date.now() - started) / 1000).toFixed(0)} s in all); ` +
    `${counts.failed} failed (${counts.storiesFailed} stories, ${counts.problems} problems)`,
);
process.exit(counts.failed > 0 || stories.length === 0 ? 1 : 0);

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

/** One line: where, what, and for a text of a locale's table its key (what a translator looks up). */
function describeProblem({ kind, where, text, detail, key }) {
  const quoted = text ? ` "${text.length > 70 ? `${text.slice(0, 69)}…` : text}"` : '';
  return `${kind}: ${where}${quoted}: ${detail}${key ? ` (key ${key})` : ''}`;
}
