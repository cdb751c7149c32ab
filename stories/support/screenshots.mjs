// Screenshots of the prompt in Arabic and Japanese for the docs: `node stories/support/screenshots.mjs`
// after `npm run build-storybook`. Serves storybook-static/, opens each Languages story in Debian's Chromium
// (playwright-core) and writes docs/screenshots/i18n-<lang>.png, the prompt alone.
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser, HOW_TO_INSTALL } from '../../scripts/find-browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITE = join(ROOT, 'storybook-static');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };
const SHOTS = [
  ['ar', 'prompt-states-languages--arabic'],
  ['ja', 'prompt-states-languages--japanese'],
];

const executablePath = findBrowser();
if (!executablePath) throw new Error(HOW_TO_INSTALL);
if (!existsSync(join(SITE, 'iframe.html'))) throw new Error('No storybook-static/: run `npm run build-storybook` first.');

const server = createServer((request, response) => {
  const path = join(SITE, decodeURIComponent(new URL(request.url, 'http://x').pathname));
  if (!path.startsWith(SITE) || !existsSync(path)) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 520 }, deviceScaleFactor: 1 });
  for (const [lang, id] of SHOTS) {
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${id}&viewMode=story`);
    const prompt = page.locator('mfa-prompt');
    await prompt.waitFor();
    // The story's play function checks the heading; here, wait until the methods are shown in the language.
    await page.waitForFunction(
      (tag) => {
        const el = document.querySelector('mfa-prompt');
        return el?.state?.phase === 'choosing' && el.shadowRoot.querySelector('.card')?.getAttribute('lang') === tag;
      },
      lang,
    );
    await page.waitForTimeout(300);
    const file = join(ROOT, 'docs', 'screenshots', `i18n-${lang}.png`);
    await prompt.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  server.close();
}
