// Browser tests: real Chromium (Debian's, found by scripts/find-browser.mjs), TypeScript via esbuild,
// MSW's service worker served at the root so its scope covers the test pages, and commands for a virtual WebAuthn
// authenticator (scripts/virtual-authenticator-plugin.mjs).
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findBrowser, HOW_TO_INSTALL } from './scripts/find-browser.mjs';
import { virtualAuthenticatorPlugin } from './scripts/virtual-authenticator-plugin.mjs';

const executablePath = findBrowser();
if (!executablePath) throw new Error(HOW_TO_INSTALL);

const mswWorker = readFileSync(new URL('./public/mockServiceWorker.js', import.meta.url), 'utf8');

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), virtualAuthenticatorPlugin()],
  middleware: [
    function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.body = mswWorker;
      return undefined;
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
