// A web-test-runner plugin: one `emulateMedia` for every engine (wrapped for tests in test/browser/support/media.ts).
//
// The runner's own emulate-media command hands puppeteer-type launchers (Firefox, and WebKit's puppeteer-shaped
// page) only the colour scheme and reduced motion, and silently drops forced colours; it cannot be replaced,
// as the runner puts its built-in commands first. This command passes every feature to the launcher's page:
// Playwright's page.emulateMedia() in Chromium, the page wrapper's emulateMediaFeatures() elsewhere
// (scripts/engines/firefox.mjs, scripts/engines/webkit.mjs).
//
// Commands (payload → result):
//   'engine:emulate-media'  { colorScheme?, reducedMotion?, forcedColors? } (Playwright's values) → true
//   'engine:media-limits'   {} → { [media feature]: reason }: what this engine cannot emulate, and why
//                           (a launcher's `mediaLimits`)
const FEATURES = { colorScheme: 'prefers-color-scheme', reducedMotion: 'prefers-reduced-motion', forcedColors: 'forced-colors' };

export function mediaPlugin() {
  return {
    name: 'engine-media',
    async executeCommand({ command, payload, session }) {
      if (command === 'engine:media-limits') return session.browser.mediaLimits ?? {};
      if (command !== 'engine:emulate-media') return undefined;
      const unknown = Object.keys(payload ?? {}).filter((key) => !(key in FEATURES));
      if (unknown.length > 0) throw new Error(`emulateMedia: unknown ${unknown.join(', ')}; use ${Object.keys(FEATURES).join(', ')}.`);
      const page = session.browser.getPage(session.id);
      if (session.browser.type === 'playwright') {
        await page.emulateMedia(payload);
        return true;
      }
      await page.emulateMediaFeatures(
        Object.entries(FEATURES)
          .filter(([key]) => payload[key] !== undefined)
          .map(([key, name]) => ({ name, value: payload[key] ?? '' })),
      );
      return true;
    },
  };
}
