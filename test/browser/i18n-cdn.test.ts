/**
 * The CDN bundle speaks other languages by loading their chunks from beside itself: a Japanese page gets
 * Japanese texts, and the only extra file it fetches is the Japanese chunk. Needs `npm run build:cdn` first.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { BUNDLE, useBundlePages } from './support/bundle-page.js';

const page = (lang: string) => `<!doctype html>
<html lang="${lang}">
  <head><meta charset="utf-8"><title>mfa-prompt in ${lang}</title></head>
  <body>
    <script type="module" src="${BUNDLE}"></script>
    <mfa-prompt username="alice"></mfa-prompt>
  </body>
</html>`;

const pages = useBundlePages();

/** The side links' accessible name: shown even before the prompt is configured (no backend in these pages). */
const headingOf = (prompt: MfaPrompt) => prompt.shadowRoot?.querySelector('nav')?.getAttribute('aria-label') ?? '';
const scriptsLoaded = (frame: HTMLIFrameElement) =>
  (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/dist/cdn/'));

describe('the CDN bundle in other languages', () => {
  it('a Japanese page loads the Japanese chunk from beside mfa-prompt.js, and no other', async () => {
    const frame = await pages.open('CDN in Japanese', page('ja'));
    const prompt = frame.contentDocument!.querySelector('mfa-prompt') as MfaPrompt;
    await waitUntil(() => headingOf(prompt) === 'ヘルプと設定', `links label: "${headingOf(prompt)}"`, { timeout: 5000 });
    const loaded = scriptsLoaded(frame);
    expect(loaded[0]).to.equal('/dist/cdn/mfa-prompt.js');
    expect(loaded.slice(1)).to.have.length(1);
    expect(loaded[1]).to.equal('/dist/cdn/mfa-prompt.ja.js');
  });

  it('an English page loads mfa-prompt.js alone', async () => {
    const frame = await pages.open('CDN in English', page('en'));
    const prompt = frame.contentDocument!.querySelector('mfa-prompt') as MfaPrompt;
    await waitUntil(() => headingOf(prompt) === 'Help and settings', `links label: "${headingOf(prompt)}"`, { timeout: 5000 });
    expect(scriptsLoaded(frame)).to.deep.equal(['/dist/cdn/mfa-prompt.js']);
  });
});
