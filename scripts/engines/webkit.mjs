// WebKit for web-test-runner: WebKitGTK's MiniBrowser driven by WebKitWebDriver, through
// @web/test-runner-webdriver's launcher (TOOLCHAIN.md, "Firefox and WebKit"). MiniBrowser has no headless
// mode, so each launcher starts its own X server (Xvfb) and settings daemon (xsettingsd).
//
// The runner's built-in commands do not serve WebDriver browsers well (setViewport and emulateMedia are
// missing, `type` loses repeated characters, "Shift+Tab" is typed literally). So this launcher reports itself
// as a puppeteer launcher, and its getPage() returns a small puppeteer-shaped page built on W3C WebDriver
// actions: the built-in commands then run unchanged.
//   - keyboard: one keyDown/keyUp pair per character; combinations held down around the last key;
//   - mouse: pointer actions in viewport coordinates;
//   - setViewport: resizes the window by the difference between its outer and inner size. A gtk.css given to
//     MiniBrowser shrinks its toolbar, which otherwise keeps the page at least about 447 px wide;
//   - emulateMediaFeatures: WebKitGTK follows GTK's settings (prefers-color-scheme the theme, prefers-reduced-
//     motion gtk-enable-animations), so they are written into xsettingsd's file, which re-reads it on SIGHUP.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { splitCombination, webdriverKey } from './keys.mjs';

/** MiniBrowser's chrome, shrunk to nothing that holds the window wide. */
const GTK_CSS = `
window headerbar, window toolbar, window entry, window button, window box, window label, window image {
  min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; font-size: 1px;
}
`;

/**
 * Media features as GTK settings (xsettingsd's names and syntax), which WebKitGTK follows: prefers-color-scheme
 * the theme's name, prefers-reduced-motion gtk-enable-animations. Forced colours: only 'none', see mediaLimits.
 */
const GTK_MEDIA = {
  'prefers-color-scheme': {
    setting: 'Net/ThemeName',
    default: 'light',
    values: { light: '"Adwaita"', dark: '"Adwaita-dark"' },
  },
  'prefers-reduced-motion': { setting: 'Gtk/EnableAnimations', default: 'no-preference', values: { 'no-preference': '1', reduce: '0' } },
  'forced-colors': { setting: null, default: 'none', values: { none: null } },
};

export function webkitLauncher({ executablePath, helpers }) {
  return new WebKitLauncher(executablePath, helpers);
}

class WebKitLauncher extends WebdriverLauncher {
  constructor(executablePath, helpers) {
    super({
      hostname: '127.0.0.1',
      port: 0, // set in initialize(), once WebKitWebDriver listens
      logLevel: 'error',
      capabilities: webkitCapabilities(executablePath),
    });
    // The built-in commands pick their implementation by this: see the header.
    this.type = 'puppeteer';
    this.helpers = helpers;
    this.mediaLimits = {
      'forced-colors':
        "WebKit has no forced colours mode: its media query evaluator answers forced-colors: none in every port " +
        '(Source/WebCore/css/query/MediaQueryFeatures.cpp), whatever the settings, so there is nothing to emulate ' +
        '(WebKitGTK 2.50, Debian 12).',
    };
    this.virtualAuthenticatorLimits = {
      authenticator:
        'WebKitGTK is built without WebAuthn: MiniBrowser has no PublicKeyCredential and no WebAuthn feature flag, ' +
        'and WebKitWebDriver no virtual authenticator (WebKitGTK 2.50, Debian 12).',
    };
  }

  async initialize(config, testFiles) {
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
    this.webkit = await startWebKitDriver(this.helpers);
    this.options.port = this.webkit.port;
  }

  async stop() {
    await super.stop();
    await this.webkit?.stop();
  }

  getPage(sessionId) {
    if (!this.isActive(sessionId)) throw new Error(`Could not find a page for session ${sessionId}`);
    if (!this.page) this.page = webdriverPage(this);
    return this.page;
  }
}

/** The part of puppeteer's Page that @web/test-runner-commands uses, on WebDriver actions. */
function webdriverPage(launcher) {
  const driver = () => launcher.driver;
  const keys = (actions) => driver().performActions([{ type: 'key', id: 'keyboard', actions }]);
  const pointer = (actions) =>
    driver().performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }]);
  const BUTTONS = { left: 0, middle: 1, right: 2 };
  const mouse = { x: 0, y: 0 };

  return {
    keyboard: {
      async type(text) {
        await keys([...text].flatMap((character) => [{ type: 'keyDown', value: character }, { type: 'keyUp', value: character }]));
      },
      async press(key) {
        const values = splitCombination(key).map(webdriverKey);
        await keys([
          ...values.map((value) => ({ type: 'keyDown', value })),
          ...values.reverse().map((value) => ({ type: 'keyUp', value })),
        ]);
      },
      down: (key) => keys([{ type: 'keyDown', value: webdriverKey(key) }]),
      up: (key) => keys([{ type: 'keyUp', value: webdriverKey(key) }]),
    },
    mouse: {
      async move(x, y) {
        Object.assign(mouse, { x, y });
        await pointer([{ type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y) }]);
      },
      async click(x, y, { button = 'left' } = {}) {
        Object.assign(mouse, { x, y });
        await pointer([
          { type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y) },
          { type: 'pointerDown', button: BUTTONS[button] },
          { type: 'pointerUp', button: BUTTONS[button] },
        ]);
      },
      down: ({ button = 'left' } = {}) => pointer([{ type: 'pointerDown', button: BUTTONS[button] }]),
      up: ({ button = 'left' } = {}) => pointer([{ type: 'pointerUp', button: BUTTONS[button] }]),
      async reset() {
        await driver().releaseActions();
        await pointer([{ type: 'pointerMove', duration: 0, x: 0, y: 0 }]);
      },
    },
    async setViewport({ width, height }) {
      // Twice at most: the first resize tells the window's chrome size, the second corrects for it.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const inner = await driver().execute(() => ({ w: window.innerWidth, h: window.innerHeight, ow: window.outerWidth, oh: window.outerHeight }));
        if (inner.w === width && inner.h === height) return;
        await driver().setWindowRect(null, null, width + (inner.ow - inner.w), height + (inner.oh - inner.h));
      }
      const inner = await driver().execute(() => [window.innerWidth, window.innerHeight]);
      if (inner[0] !== width || inner[1] !== height) {
        throw new Error(`WebKit: the viewport stays ${inner[0]}×${inner[1]}, not ${width}×${height}.`);
      }
    },
    async emulateMediaFeatures(features = []) {
      // Sets one feature and waits until the page's matchMedia sees it, then two frames for the repaint.
      const set = async (name, value) => {
        const feature = GTK_MEDIA[name];
        if (!feature) throw new Error(`WebKit: cannot emulate the media feature ${name}.`);
        const setting = feature.values[value || feature.default];
        if (setting === undefined) throw new Error(`WebKit: cannot emulate ${name}: ${value}.`);
        if (!launcher.webkit.setting(feature.setting, setting)) return false;
        await driver().executeAsync((query, done) => {
          const deadline = Date.now() + 5000;
          (function check() {
            if (matchMedia(query).matches || Date.now() > deadline) requestAnimationFrame(() => requestAnimationFrame(done));
            else setTimeout(check, 20);
          })();
        }, `(${name}: ${value || feature.default})`);
        return true;
      };
      for (const { name, value } of features) {
        const changed = await set(name, value);
        // WebKitGTK 2.50 updates matchMedia when gtk-enable-animations changes, but not the style sheets'
        // @media (prefers-reduced-motion), not even in elements created afterwards. A theme change makes it
        // re-evaluate them: switch to the other colour scheme and back.
        if (changed && name === 'prefers-reduced-motion') {
          const scheme = launcher.webkit.colorScheme();
          await set('prefers-color-scheme', scheme === 'dark' ? 'light' : 'dark');
          await set('prefers-color-scheme', scheme);
        }
      }
    },
    async emulateMediaType(type) {
      if (type) throw new Error(`WebKit: cannot emulate the media type ${type}.`);
    },
  };
}

/** MiniBrowser's capabilities for WebKitWebDriver. */
export function webkitCapabilities(executablePath) {
  return {
    browserName: 'MiniBrowser',
    // webdriverio otherwise asks for a BiDi session, which WebKitWebDriver cannot match.
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: executablePath, args: ['--automation'] },
  };
}

/**
 * Starts an X server (Xvfb, on a display it picks), a settings daemon and WebKitWebDriver on a free port, with a
 * configuration directory of their own. `setting(name, value)` changes a GTK setting the browser follows.
 */
export async function startWebKitDriver(helpers) {
  const children = [];
  let stopping = false;
  const home = mkdtempSync(join(tmpdir(), 'webkit-'));
  mkdirSync(join(home, 'gtk-3.0'));
  writeFileSync(join(home, 'gtk-3.0', 'gtk.css'), GTK_CSS);
  const settingsFile = join(home, 'xsettingsd.conf');
  const settings = Object.fromEntries(
    Object.values(GTK_MEDIA)
      .filter((feature) => feature.setting)
      .map((feature) => [feature.setting, feature.values[feature.default]]),
  );
  const writeSettings = () =>
    writeFileSync(settingsFile, Object.entries(settings).map(([name, value]) => `${name} ${value}\n`).join(''));
  writeSettings();

  function start(command, args, env, stdio = ['ignore', 'ignore', 'pipe']) {
    const child = spawn(command, args, { env, stdio });
    let errors = '';
    child.stderr?.on('data', (chunk) => (errors = (errors + chunk).slice(-2000)));
    child.on('exit', (code, signal) => {
      if (!stopping && code !== 0) console.error(`${command} exited (${code ?? signal}): ${errors}`);
    });
    children.push(child);
    return child;
  }

  // Xvfb writes the display number it chose to fd 3.
  const xvfb = start(helpers.Xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env, [
    'ignore',
    'ignore',
    'ignore',
    'pipe',
  ]);
  const display = await new Promise((resolve, reject) => {
    let output = '';
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
    xvfb.stdio[3].on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve(`:${output.trim()}`);
    });
  });
  const env = { ...process.env, DISPLAY: display, XDG_CONFIG_HOME: home, GDK_BACKEND: 'x11', NO_AT_BRIDGE: '1' };
  const xsettingsd = start(helpers.xsettingsd, ['-c', settingsFile], env);
  const port = await freePort();
  start(helpers.WebKitWebDriver, [`--port=${port}`, '--host=127.0.0.1'], env);
  await waitForPort(port);

  return {
    port,
    /** Changes one GTK setting (null: none to change); xsettingsd re-reads its file on SIGHUP. True if changed. */
    setting(name, value) {
      if (name === null || settings[name] === value) return false;
      settings[name] = value;
      writeSettings();
      xsettingsd.kill('SIGHUP');
      return true;
    },
    /** The colour scheme the GTK theme gives now. */
    colorScheme: () => (settings['Net/ThemeName'] === GTK_MEDIA['prefers-color-scheme'].values.dark ? 'dark' : 'light'),
    async stop() {
      stopping = true;
      for (const child of children.reverse()) child.kill('SIGTERM');
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port} within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
