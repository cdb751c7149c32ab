// Browser tests in three engines: Chromium (Playwright), Firefox (puppeteer over WebDriver BiDi) and WebKit
// (WebKitGTK's MiniBrowser over WebDriver), all from Debian's packages (scripts/find-browser.mjs finds them).
// TypeScript via esbuild, MSW's service worker served at the root so its scope covers the test pages, and
// commands for a virtual WebAuthn authenticator (scripts/virtual-authenticator-plugin.mjs) and for media
// features in every engine (scripts/engines/media-plugin.mjs).
//
// MFA_ENGINES picks engines (comma-separated, default all three); `npm run test:browser -- --engine firefox`
// sets it (scripts/test-browser.mjs). The engines run side by side, each one test file at a time.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, ENGINE_NAMES, requireEngines } from './scripts/find-browser.mjs';
import { firefoxLauncher } from './scripts/engines/firefox.mjs';
import { mediaPlugin } from './scripts/engines/media-plugin.mjs';
import { webkitLauncher } from './scripts/engines/webkit.mjs';
import { virtualAuthenticatorPlugin } from './scripts/virtual-authenticator-plugin.mjs';

const engines = (process.env.MFA_ENGINES || ENGINE_NAMES.join(',')).split(',').map((name) => name.trim());
const found = requireEngines(engines);

const LAUNCHERS = {
  chromium: ({ browser }) =>
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: browser, headless: true, args: CHROMIUM_ARGS } }),
  firefox: ({ browser }) => firefoxLauncher({ executablePath: browser }),
  webkit: ({ browser, helpers }) => webkitLauncher({ executablePath: browser, helpers }),
};

const mswWorker = readFileSync(new URL('./public/mockServiceWorker.js', import.meta.url), 'utf8');

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), virtualAuthenticatorPlugin(), mediaPlugin()],
  middleware: [
    function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.body = mswWorker;
      return undefined;
    },
  ],
  browsers: engines.map((engine) => LAUNCHERS[engine](found[engine])),
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
