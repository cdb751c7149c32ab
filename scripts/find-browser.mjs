// Finds a Chromium-family browser for the browser tests: CHROME_PATH first, then the usual places.
// Used by web-test-runner.config.mjs and by `npm run test:browser` (which fails early, with help, if none).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAMES = ['chromium', 'google-chrome', 'google-chrome-stable', 'chromium-browser'];
const PLACES = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome'];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
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

/** The path of a usable browser, or undefined. */
export function findBrowser(env = process.env) {
  if (env.CHROME_PATH) return isExecutable(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...PLACES];
  for (const name of NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export const HOW_TO_INSTALL = `No Chromium or Chrome found for the browser tests.
Looked at $CHROME_PATH, then for ${NAMES.join(', ')} on PATH and in ${PLACES.join(', ')}.
Install one, for example on Debian or Ubuntu:
    sudo apt-get update && sudo apt-get install -y chromium
or point CHROME_PATH at an existing Chrome/Chromium binary:
    CHROME_PATH=/path/to/chrome npm test`;

// As a command: print the browser's path, or the help and exit 1.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findBrowser();
  if (!found) {
    if (process.env.CHROME_PATH) console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which is not an executable file.\n`);
    console.error(HOW_TO_INSTALL);
    process.exit(1);
  }
  console.log(`Browser for tests: ${found}`);
}
