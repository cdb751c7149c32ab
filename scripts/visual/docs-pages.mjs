// Checks of the built Storybook's docs pages, as a designer uses them (issue 11, item 4): every story shown
// inline (no frame of a fixed height) and whole, the page's controls driving the story, the same username
// control on every page, the public methods in the docs tables, and no onboarding checklist.

/** Public methods each component's docs table must list (from the elements' JSDoc, through the manifest). */
const METHODS = {
  'components-prompt--docs': ['restart()'],
  'components-passcode-input--docs': ['focus()', 'clear()'],
  'components-status-bar--docs': ['focus()'],
};
/** The docs page whose controls must drive its story: the prompt's, through its color-scheme radio. */
const CONTROLS_PAGE = 'components-prompt--docs';
const RENDER_TIMEOUT_MS = 20_000;

/**
 * Problems of one docs page (an empty list when it is right). MSW's worker may reload a page once while it
 * takes control of it, which interrupts a check in the middle: a page with problems is checked a second
 * time, and only problems seen twice count.
 */
export async function docsPageProblems(page, base, docsId) {
  const first = await checkDocsPage(page, base, docsId).catch((error) => [String(error?.message ?? error)]);
  if (first.length === 0) return first;
  return checkDocsPage(page, base, docsId).catch((error) => [String(error?.message ?? error)]);
}

async function checkDocsPage(page, base, docsId) {
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(docsId)}&viewMode=docs`, { waitUntil: 'load' });
  // Every story block rendered: an element in each, or a frame (which is itself a problem, below).
  await page.waitForFunction(
    () => {
      const blocks = [...document.querySelectorAll('.docs-story')];
      return blocks.length > 0 && blocks.every((block) => block.querySelector('iframe, .sb-story :defined'));
    },
    undefined,
    { timeout: RENDER_TIMEOUT_MS, polling: 100 },
  );
  const problems = [];
  const features = await page.evaluate(() => window.FEATURES ?? {});
  if (features.sidebarOnboardingChecklist !== false || features.menuOnboardingChecklist !== false) {
    problems.push('the onboarding checklist is on (features.sidebarOnboardingChecklist / menuOnboardingChecklist in .storybook/main.ts)');
  }
  // A block follows its story's height as the story grows (its play function reaching its state): give it
  // a moment before calling a story cut off.
  await page.waitForTimeout(1000);
  problems.push(...(await page.evaluate(storyBlockProblems)));

  const usernameControl = await page.evaluate(() => document.querySelector('[id^="control-"][id$="-username"]')?.localName);
  if (usernameControl && usernameControl !== 'select') problems.push(`the username control is a <${usernameControl}>, not the stories' dropdown`);

  const rows = await page.evaluate(() => [...document.querySelectorAll('tbody tr td:first-child')].map((cell) => cell.textContent.trim()));
  for (const method of METHODS[docsId] ?? []) {
    if (!rows.some((name) => name.startsWith(method))) problems.push(`the docs table has no row for ${method}`);
  }

  if (docsId === CONTROLS_PAGE) problems.push(...(await controlsDriveTheStory(page)));
  return problems;
}

/** Runs in the page: a story in a frame, or cut off by its block, is a problem. */
function storyBlockProblems() {
  const problems = [];
  for (const block of document.querySelectorAll('.docs-story')) {
    const story = block.querySelector('.sb-story');
    const name = story?.id ?? 'a story';
    if (block.querySelector('iframe')) {
      problems.push(`${name} is in a frame: the page's controls cannot reach it, and the frame's height is fixed`);
      continue;
    }
    const inner = story?.getBoundingClientRect();
    const outer = block.getBoundingClientRect();
    if (!inner || inner.bottom > outer.bottom + 1 || block.scrollHeight > block.clientHeight + 1) {
      problems.push(`${name} is cut off by its block (${Math.round(inner?.height ?? 0)} px of content, ${Math.round(outer.height)} px shown)`);
    }
  }
  return problems;
}

/** Picks "dark" in the page's color-scheme control: the first story's prompt must switch to it. */
async function controlsDriveTheStory(page) {
  const prompt = page.locator('.docs-story').first().locator('mfa-prompt');
  if ((await prompt.count()) === 0) return ['the first story block shows no <mfa-prompt> in the page (in a frame?): its controls cannot drive it'];
  if ((await prompt.getAttribute('color-scheme')) === 'dark') return ['the first story is dark before the control is used'];
  await page.locator('input[type="radio"][id$="-color-scheme-2"][value="dark"]').first().check();
  try {
    await page.waitForFunction(
      () => document.querySelector('.docs-story mfa-prompt')?.getAttribute('color-scheme') === 'dark',
      undefined,
      { timeout: 5000, polling: 100 },
    );
    return [];
  } catch {
    return ['choosing "dark" in the color-scheme control did not change the story on the docs page'];
  }
}
