// Firefox for web-test-runner: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, through
// @web/test-runner-chrome's launcher (there is no geckodriver here: TOOLCHAIN.md, "Firefox and WebKit").
//
// The runner's built-in commands (sendKeys, setViewport, emulateMedia, sendMouse) call puppeteer's page for
// this launcher. Two of them fall short in Firefox, so the page they get is wrapped:
//   - keyboard: puppeteer knows neither Playwright's combinations ("Shift+Tab") nor its "Space";
//   - emulateMediaFeatures: puppeteer emulates media over CDP only, which Firefox ESR 153 lacks. Firefox started
//     with -remote-allow-system-access lets BiDi evaluate script in its privileged (chrome) context, where the
//     same preferences as about:config's override prefers-color-scheme, prefers-reduced-motion and forced-colors.
// The privileged context also reaches the virtual WebAuthn authenticators Firefox has for WebDriver (the same
// module its Marionette uses), which this launcher offers to scripts/virtual-authenticator-plugin.mjs.
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteerCore from 'puppeteer-core';
import { puppeteerKey, splitCombination } from './keys.mjs';

/**
 * Media features as Firefox's int prefs (about:config): each value sets the prefs listed, and no value (or
 * forced colours' 'none') clears them. Colour scheme: 0 = dark, 1 = light. Reduced motion: 1 = reduce.
 * Forced colours: browser.display.document_color_use 2 = "always use my colours instead of the page's", which
 * is what forced-colors: active means in Firefox (Windows' high-contrast themes set it the same way).
 */
const MEDIA_PREFS = {
  'prefers-color-scheme': {
    prefs: ['layout.css.prefers-color-scheme.content-override'],
    values: { dark: [0], light: [1] },
  },
  'prefers-reduced-motion': { prefs: ['ui.prefersReducedMotion'], values: { reduce: [1], 'no-preference': [0] } },
  'forced-colors': { prefs: ['browser.display.document_color_use'], values: { active: [2], none: null } },
};

export function firefoxLauncher({ executablePath }) {
  const launcher = chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath,
      headless: true,
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: {
        // Virtual authenticators need Firefox's software token; real USB keys stay out of the tests.
        'security.webauth.webauthn_enable_softtoken': true,
        'security.webauth.webauthn_enable_usbtoken': false,
      },
    },
  });
  const wrapped = new WeakMap();
  const getPage = launcher.getPage.bind(launcher);
  launcher.getPage = (sessionId) => {
    const page = getPage(sessionId);
    if (!wrapped.has(page)) wrapped.set(page, wrapPage(page));
    return wrapped.get(page);
  };
  // Each test file starts with keyboard focus in its page, as in Chromium. Firefox reuses the tab, and a Tab key
  // pressed past a page's last control moves focus out of the page into the browser's own toolbar, where it
  // would stay for the next file: keys would go nowhere, and WebAuthn refuses a page without focus
  // ("NotAllowedError: CredentialsContainer request is not allowed").
  const createNewPage = launcher.createNewPage.bind(launcher);
  launcher.createNewPage = async (...args) => {
    const page = await createNewPage(...args);
    const runSession = page.runSession.bind(page);
    page.runSession = async (...runArgs) => {
      await focusContent(page.puppeteerPage);
      return runSession(...runArgs);
    };
    return page;
  };
  launcher.virtualAuthenticators = (sessionId) => firefoxAuthenticators(getPage(sessionId));
  launcher.virtualAuthenticatorLimits = {
    presence:
      "Firefox's virtual authenticators (the W3C WebDriver extension, as Marionette implements it) answer every " +
      'request at once; none can hold back the touch, and with no authenticator a request fails at once too. ' +
      'So no request can be left waiting for its timeout, an abort or a second request (Firefox ESR 153).',
  };
  return launcher;
}

function wrapPage(page) {
  const keyboard = {
    async press(key, options) {
      const keys = splitCombination(key).map(puppeteerKey);
      const last = keys.pop();
      for (const modifier of keys) await page.keyboard.down(modifier);
      await page.keyboard.press(last, options);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
    },
    down: (key) => page.keyboard.down(puppeteerKey(key)),
    up: (key) => page.keyboard.up(puppeteerKey(key)),
    type: (text, options) => page.keyboard.type(text, options),
  };
  async function emulateMediaFeatures(features = []) {
    for (const { name, value } of features) {
      const spec = MEDIA_PREFS[name];
      if (!spec) throw new Error(`Firefox: cannot emulate the media feature ${name}.`);
      if (value && !(value in spec.values)) throw new Error(`Firefox: cannot emulate ${name}: ${value}.`);
      const values = value ? spec.values[value] : null;
      await privileged(
        page,
        '(() => { ' +
          spec.prefs
          .map((pref, i) =>
            values ? `Services.prefs.setIntPref(${JSON.stringify(pref)}, ${values[i]});` : `Services.prefs.clearUserPref(${JSON.stringify(pref)});`,
          )
          .join(' ') +
          ' })()',
      );
      // The page restyles a moment later: wait until it sees the change, then two frames for the repaint.
      if (value) await page.waitForFunction(`matchMedia('(${name}: ${value})').matches`, { polling: 'raf', timeout: 5000 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
  }
  return new Proxy(page, {
    get(target, property) {
      if (property === 'keyboard') return keyboard;
      if (property === 'emulateMediaFeatures') return emulateMediaFeatures;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Gives keyboard focus to the page's tab content (away from the browser's toolbar, where a Tab may have left it). */
async function focusContent(page) {
  await privileged(
    page,
    `(() => { const win = Services.wm.getMostRecentWindow('navigator:browser'); win.focus(); win.gBrowser.selectedBrowser.focus(); })()`,
  );
}

/** Evaluates `expression` in Firefox's privileged (chrome) context over BiDi; returns its JSON-able value. */
async function privileged(page, expression) {
  const connection = page.browser().connection;
  const { result: tree } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const { result } = await connection.send('script.evaluate', {
    expression: `(async () => JSON.stringify(await (async () => ${expression})() ?? null))()`,
    target: { context: tree.contexts[0].context },
    awaitPromise: true,
  });
  if (result.type === 'exception') throw new Error(`Firefox (privileged script): ${result.exceptionDetails.text}`);
  return JSON.parse(result.result.value);
}

const WEBAUTHN = `ChromeUtils.importESModule('chrome://remote/content/marionette/webauthn.sys.mjs').webauthn`;

/** base64url (Firefox's encoding of credential fields) → standard base64 (the DevTools protocol's, which tests expect). */
const toBase64 = (value) =>
  value && value.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (value.length % 4)) % 4);

/** The engine-neutral virtual authenticator API of scripts/virtual-authenticator-plugin.mjs, for Firefox. */
function firefoxAuthenticators(page) {
  const call = (body) => privileged(page, `(() => { const webauthn = ${WEBAUTHN}; ${body} })()`);
  return {
    async add(options) {
      const config = {
        protocol: options.protocol === 'u2f' ? 'ctap1/u2f' : options.protocol,
        transport: options.transport,
        hasResidentKey: options.hasResidentKey,
        hasUserVerification: options.hasUserVerification,
        isUserVerified: options.isUserVerified,
        isUserConsenting: true,
      };
      const authenticatorId = await call(`return webauthn.addVirtualAuthenticator(${JSON.stringify(config)});`);
      return { authenticatorId };
    },
    async remove(authenticatorId) {
      await call(`webauthn.removeVirtualAuthenticator(${JSON.stringify(authenticatorId)});`);
    },
    async credentials(authenticatorId) {
      const credentials = await call(
        `return webauthn.getCredentials(${JSON.stringify(authenticatorId)}).map((c) => ({ credentialId: c.credentialId,
          isResidentCredential: c.isResidentCredential, rpId: c.rpId, privateKey: c.privateKey, userHandle: c.userHandle,
          signCount: c.signCount }));`,
      );
      return credentials.map((c) => ({
        ...c,
        credentialId: toBase64(c.credentialId),
        privateKey: toBase64(c.privateKey),
        userHandle: c.userHandle ? toBase64(c.userHandle) : undefined,
      }));
    },
    async setUserVerified(authenticatorId, isUserVerified) {
      await call(`webauthn.setUserVerified(${JSON.stringify(authenticatorId)}, ${Boolean(isUserVerified)});`);
    },
  };
}
