// Finds the browsers of the three engines the tests run in: Chromium, Firefox and WebKit (WebKitGTK's
// MiniBrowser, driven by WebKitWebDriver). Each is looked for in its environment variable first, then on PATH
// and in the usual places. Used by web-test-runner.config.mjs, scripts/test-browser.mjs and the story test.
//
//   node scripts/find-browser.mjs                      every engine: prints the paths, or what to install; exit 1 if any is missing
//   node scripts/find-browser.mjs firefox webkit       only these
//   node scripts/find-browser.mjs --missing-packages   prints the Debian packages still missing (for .ci/run)
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PLACES = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome'];

/**
 * Per engine: the environment variable that overrides the search, the names to look for, and the Debian
 * packages that bring the browser (no browser download works on our machines: TOOLCHAIN.md).
 */
export const ENGINES = {
  chromium: {
    label: 'Chromium',
    env: 'CHROME_PATH',
    names: ['chromium', 'google-chrome', 'google-chrome-stable', 'chromium-browser'],
    packages: ['chromium'],
  },
  firefox: {
    label: 'Firefox',
    env: 'FIREFOX_PATH',
    names: ['firefox-esr', 'firefox'],
    packages: ['firefox-esr'],
  },
  webkit: {
    label: 'WebKit (WebKitGTK MiniBrowser)',
    env: 'MINIBROWSER_PATH',
    names: ['MiniBrowser'],
    places: ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1', '/usr/libexec/webkit2gtk-4.1'],
    // MiniBrowser has no headless mode: it runs in Xvfb; xsettingsd switches its GTK theme (prefers-color-scheme).
    helpers: ['WebKitWebDriver', 'Xvfb', 'xsettingsd'],
    packages: ['webkit2gtk-driver', 'xvfb', 'xsettingsd'],
  },
};

export const ENGINE_NAMES = Object.keys(ENGINES);

/** Fonts every engine renders with, so that text metrics (and the 320 px layout tests) match across machines. */
const SHARED_PACKAGES = ['fonts-dejavu-core', 'fonts-ipafont-gothic'];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function search(names, env, extraPlaces = []) {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...PLACES, ...extraPlaces];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Flags for headless Chromium here: root needs --no-sandbox; the network flags stop Chromium reaching for
 * hosts this machine cannot reach (TOOLCHAIN.md).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * An engine's executables: `{ browser, helpers: { name: path } }`, or `{ missing: [what] }` naming what is not
 * there. The variable (CHROME_PATH, FIREFOX_PATH, MINIBROWSER_PATH) wins when set, and must then be right.
 */
export function findEngine(engine, env = process.env) {
  const spec = ENGINES[engine];
  if (!spec) throw new Error(`Unknown engine "${engine}": use one of ${ENGINE_NAMES.join(', ')}.`);
  const missing = [];
  let browser;
  if (env[spec.env]) {
    browser = isExecutable(env[spec.env]) ? env[spec.env] : undefined;
    if (!browser) missing.push(`${spec.env}=${env[spec.env]} is not an executable file`);
  } else {
    browser = search(spec.names, env, spec.places);
    if (!browser) missing.push(`no ${spec.names.join(' or ')} found`);
  }
  const helpers = {};
  for (const name of spec.helpers ?? []) {
    helpers[name] = search([name], env);
    if (!helpers[name]) missing.push(`no ${name} found`);
  }
  return missing.length > 0 ? { missing } : { browser, helpers };
}

/** Chromium's path, or undefined (kept for callers that need Chromium only). */
export function findBrowser(env = process.env) {
  const found = findEngine('chromium', env);
  return found.missing ? undefined : found.browser;
}

/** The help for a missing engine: what was looked for, and the command that installs it. */
export function howToInstall(engine, found = findEngine(engine)) {
  const spec = ENGINES[engine];
  return `${spec.label} is missing for the browser tests: ${found.missing.join(', ')}.
Install it on Debian or Ubuntu with:
    sudo apt-get update && sudo apt-get install -y ${[...spec.packages, ...SHARED_PACKAGES].join(' ')}
or point ${spec.env} at an existing binary, or run the other engines only:
    npm run test:browser -- --engine ${ENGINE_NAMES.filter((name) => name !== engine).join(',')}`;
}

export const HOW_TO_INSTALL = howToInstall('chromium', { missing: [`no ${ENGINES.chromium.names.join(' or ')} found`] });

/**
 * Checks `engines` and returns their executables by engine; on anything missing, prints the help for each
 * missing engine and exits 1.
 */
export function requireEngines(engines) {
  const found = Object.fromEntries(engines.map((engine) => [engine, findEngine(engine)]));
  const missing = engines.filter((engine) => found[engine].missing);
  if (missing.length > 0) {
    for (const engine of missing) console.error(`${howToInstall(engine, found[engine])}\n`);
    process.exit(1);
  }
  return found;
}

/** The fonts the visual baselines are drawn in (test/visual/, .storybook/preview-head.html): DejaVu Sans, IPAGothic. */
const BASELINE_FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf'];

/** The Debian packages to install for `engines` and the baselines' font, none when everything is found. */
export function missingPackages(engines = ENGINE_NAMES) {
  const packages = engines.filter((engine) => findEngine(engine).missing).flatMap((engine) => ENGINES[engine].packages);
  return packages.length > 0 || !BASELINE_FONTS.every((font) => existsSync(font)) ? [...packages, ...SHARED_PACKAGES] : [];
}

// As a command.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--missing-packages')) {
    console.log(missingPackages().join(' '));
  } else {
    const engines = args.length > 0 ? args : ENGINE_NAMES;
    const found = requireEngines(engines);
    for (const engine of engines) console.log(`${ENGINES[engine].label}: ${found[engine].browser}`);
  }
}
