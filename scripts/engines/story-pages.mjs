// One browser page per engine for scripts/test-stories.mjs, behind the few operations the story test needs:
// Chromium through playwright-core, Firefox through puppeteer-core over WebDriver BiDi (playwright-core's
// Firefox channel does not work with ESR 153: TOOLCHAIN.md), WebKit through webdriverio and WebKitWebDriver.
//
//   const page = await openStoryPage('firefox', found.firefox, { width: 1024, height: 768 });
//   page.onProblem((text) => ...);      console.error lines and uncaught errors, as the browser reports them
//   await page.goto(url);  await page.waitFor(() => window.done, 20_000);  await page.evaluate(fn, arg);
//   await page.addScriptFile(path);  await page.close();
//
// WebDriver classic reports no console messages: in WebKit, the page's own watcher (scripts/test-stories.mjs
// injects it into every story) records them, and `nativeConsole` is false.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import * as puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { CHROMIUM_ARGS } from '../find-browser.mjs';
import { startWebKitDriver, webkitCapabilities } from './webkit.mjs';

export async function openStoryPage(engine, found, viewport) {
  if (engine === 'chromium') return chromiumPage(found.browser, viewport);
  if (engine === 'firefox') return firefoxPage(found.browser, viewport);
  if (engine === 'webkit') return webkitPage(found, viewport);
  throw new Error(`No story page for engine ${engine}`);
}

/**
 * A browser's own report of a failed request: Chromium logs "Failed to load resource: ... 503" for an error
 * status; Firefox reports MSW's deliberate network errors as page errors ("Failed to load ‘URL’. A
 * ServiceWorker passed an Error Response to FetchEvent.respondWith() ...").
 */
export const BROWSER_NETWORK_ERROR = /^Failed to load resource\b|A ServiceWorker passed an Error Response\b/;

async function chromiumPage(executablePath, viewport) {
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return {
    nativeConsole: true,
    onProblem(report) {
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        report(BROWSER_NETWORK_ERROR.test(text) ? `${text} (${message.location()?.url})` : text, 'console');
      });
      page.on('pageerror', (error) => report(error.message, 'uncaught'));
    },
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async waitFor(fn, timeout) {
      const handle = await page.waitForFunction(fn, undefined, { timeout, polling: 50 });
      return handle.jsonValue();
    },
    addScriptFile: (path) => page.addScriptTag({ path }),
    close: () => browser.close(),
  };
}

async function firefoxPage(executablePath, viewport) {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  const page = await browser.newPage();
  await page.setViewport(viewport);
  return {
    nativeConsole: true,
    onProblem(report) {
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        report(BROWSER_NETWORK_ERROR.test(text) ? `${text} (${message.location()?.url})` : text, 'console');
      });
      page.on('pageerror', (error) => report(error.message, 'uncaught'));
    },
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async waitFor(fn, timeout) {
      const handle = await page.waitForFunction(fn, { timeout, polling: 50 });
      return handle.jsonValue();
    },
    addScriptFile: (path) => page.addScriptTag({ path }),
    close: () => browser.close(),
  };
}

async function webkitPage({ browser: executablePath, helpers }, viewport) {
  const webkit = await startWebKitDriver(helpers);
  const driver = await remote({
    hostname: '127.0.0.1',
    port: webkit.port,
    logLevel: 'error',
    capabilities: webkitCapabilities(executablePath),
  });
  // The window's chrome (outer minus inner size) is added to the viewport asked for.
  const size = await driver.execute(() => [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]);
  await driver.setWindowRect(null, null, viewport.width + size[0], viewport.height + size[1]);
  // WebDriver wraps a function in its own; an argument travels as JSON.
  const call = (fn, arg) => driver.execute(`return (${fn}).apply(null, arguments)`, arg);
  return {
    nativeConsole: false,
    onProblem() {},
    goto: (url) => driver.url(url),
    evaluate: (fn, arg) =>
      driver.executeAsync(
        `const done = arguments[arguments.length - 1];
         Promise.resolve((${fn}).apply(null, [arguments[0]])).then(done, (error) => done({ __error: String(error) }));`,
        arg,
      ).then((result) => {
        if (result && typeof result === 'object' && '__error' in result) throw new Error(result.__error);
        return result;
      }),
    async waitFor(fn, timeout) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await call(fn);
        if (value) return value;
        if (Date.now() > deadline) throw Object.assign(new Error('waitFor timed out'), { name: 'TimeoutError' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async addScriptFile(path) {
      await driver.execute((source) => {
        const script = document.createElement('script');
        script.textContent = source;
        document.head.append(script);
      }, readFileSync(path, 'utf8'));
    },
    async close() {
      await driver.deleteSession().catch(() => undefined);
      await webkit.stop();
    },
  };
}
