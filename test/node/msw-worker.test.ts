import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

// npm 11 skips msw's postinstall, so the worker the demo, Storybook and the browser tests serve is committed.
// It must be the one the installed msw expects, or the browser mock silently stops intercepting.
test('the committed MSW service worker matches the installed msw', () => {
  const require = createRequire(import.meta.url);
  const installed = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
  const committed = readFileSync(new URL('../../public/mockServiceWorker.js', import.meta.url), 'utf8');
  const version = /PACKAGE_VERSION = '([^']+)'/.exec(committed)?.[1];
  assert.equal(committed, installed, `public/mockServiceWorker.js (msw ${version}) is stale: run \`npx msw init public\``);
});
