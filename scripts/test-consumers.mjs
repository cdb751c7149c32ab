// Consumer apps built from the packed tarball (issue 10): `npm pack` the existing build (it does not
// rebuild: run `npm run build` first), unpack it into each app's node_modules/mfa-prompt under
// test/consumers/.work/ (git-ignored, inside the repository so that react, vue, vite, typescript and lit
// resolve from the repository's node_modules: no network, no install per app), then for each app:
// type-check, build with Vite for production and development failing on any warning, and load each build
// in headless Chromium failing on any console warning or error. The pages' backend is the package's own
// simulator (mfa-prompt/mock from the tarball, test/consumers/server). Also attw and publint on the
// tarball. Ends with a table and exits 1 on any failure. See test/consumers/README.md.
//
//   node scripts/test-consumers.mjs            every check
//   node scripts/test-consumers.mjs react vue  only these apps (names as in the table)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLogger, build as viteBuild } from 'vite';
import { launchBrowser, logInWithPush, openPage, waitForPrompt } from '../test/consumers/harness/browser.mjs';
import { startHost } from '../test/consumers/harness/host.mjs';
import { CDN_SCRIPT, cdnHtmlSnippet, typeScriptSnippet } from '../test/consumers/harness/readme.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APPS = join(ROOT, 'test', 'consumers');
const WORK = join(APPS, '.work');
const README = join(ROOT, 'README.md');
const BIN = {
  tsc: join(ROOT, 'node_modules/typescript/bin/tsc'),
  vueTsc: join(ROOT, 'node_modules/vue-tsc/bin/vue-tsc.js'),
  attw: join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
  publint: join(ROOT, 'node_modules/publint/src/cli.js'),
};

const only = process.argv.slice(2);
/** The apps that open a page (and so need the "server" check's backend). */
const PAGES = ['vite-ts', 'react', 'vue', 'html'];
/** Vite builds run one at a time (see viteBuildStrict). */
let viteQueue = Promise.resolve();
const started = Date.now();

for (const file of ['dist/index.js', 'dist/define.js', 'dist/cdn/mfa-prompt.js']) {
  if (!existsSync(join(ROOT, file))) fail(`${file} is missing: run \`npm run build\` first (this script packs the existing build).`);
}

// ---- The tarball --------------------------------------------------------------------------------------------
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
// --ignore-scripts: a prepack script must not rebuild what `npm test` built and tested.
const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', WORK], ROOT);
if (packed.code !== 0) fail(`npm pack failed:\n${packed.output}`);
const [tarball] = JSON.parse(packed.stdout);
const tarballPath = join(WORK, tarball.filename);
console.log(`Packed ${tarball.filename}: ${kb(tarball.size)} (unpacked ${kb(tarball.unpackedSize)}), ${tarball.entryCount} files:`);
console.log(`  ${contents(tarball.files).join('\n  ')}`);
const unpacked = join(WORK, 'package');
mkdirSync(unpacked);
const untar = await run('tar', ['-xzf', tarballPath, '-C', unpacked, '--strip-components=1'], WORK);
if (untar.code !== 0) fail(`could not unpack the tarball:\n${untar.output}`);

/** Copies app `name` into the work dir with the unpacked tarball as its node_modules/mfa-prompt. */
function prepare(name) {
  const dir = join(WORK, name);
  cpSync(join(APPS, name), dir, { recursive: true });
  cpSync(unpacked, join(dir, 'node_modules', 'mfa-prompt'), { recursive: true });
  return dir;
}

// ---- The checks, each an app (or the package) with its steps ----------------------------------------------
/**
 * Vite builds of the app in `dir`: production into dist/ (served at /<app>/) and development into
 * dist-dev/ (at /<app>-dev/), where Vue and Lit issue their dev-mode warnings, such as Vue's "Failed to
 * resolve component".
 */
const vite = async (dir) => {
  const name = relative(WORK, dir);
  await step(name, 'vite build', () => viteBuildStrict(dir, { base: `/${name}/`, outDir: 'dist', nodeEnv: 'production' }));
  await step(name, 'vite build (development)', () => viteBuildStrict(dir, { base: `/${name}-dev/`, outDir: 'dist-dev', nodeEnv: 'development' }));
};
/** The pages' backend: the package's own simulator, started by the "server" check. */
let backend;
const checks = [
  {
    name: 'Node host server (mfa-prompt/mock)',
    key: 'server',
    lines: () => `${countLines(join(APPS, 'server'))}`,
    async build(dir) {
      // A host app's server code: mfa-prompt/mock from the tarball, msw from the host's own dependencies.
      const { createBackend } = await step('server', 'import mfa-prompt/mock', () => import(pathToFileURL(join(dir, 'backend.mjs')).href));
      backend = createBackend();
    },
  },
  {
    name: 'package (attw, publint)',
    key: 'package',
    lines: () => '-',
    async build() {
      // ESM only, by design: `esm-only` ignores node10 and require() from CommonJS.
      await step('package', 'attw', () => expectSuccess('attw', run('node', [BIN.attw, tarballPath, '--profile', 'esm-only', '--format', 'table-flipped'], WORK)));
      const lint = await step('package', 'publint', () => run('node', [BIN.publint, tarballPath, '--strict', '--level', 'suggestion'], WORK));
      if (lint.code !== 0 || !/All good!/.test(lint.output)) throw new Error(`publint:\n${lint.output}`);
    },
  },
  {
    name: 'Vite + TypeScript (README snippet)',
    key: 'vite-ts',
    lines: () => `${countLines(join(APPS, 'vite-ts'))} + ${countLines(typeScriptSnippet(README))} README`,
    async build(dir) {
      writeFileSync(join(dir, 'src', 'readme-snippet.ts'), typeScriptSnippet(README));
      await step('vite-ts', 'tsc', () => expectSuccess('tsc', run('node', [BIN.tsc, '-p', 'tsconfig.json'], dir)));
      await vite(dir);
    },
    async browse(page) {
      await waitForPrompt(page);
    },
  },
  {
    name: 'React 19 (onMfaSuccess)',
    key: 'react',
    lines: () => `${countLines(join(APPS, 'react'))}`,
    async build(dir) {
      await step('react', 'tsc', () => expectSuccess('tsc', run('node', [BIN.tsc, '-p', 'tsconfig.json'], dir)));
      await vite(dir);
    },
    async browse(page, host) {
      await waitForPrompt(page);
      await logInWithPush(page, host);
      // onMfaSuccess fired: the app sent the token to its server and says so.
      await page.getByRole('status').filter({ hasText: 'Signed in with push' }).waitFor();
      await expectLogin(host);
    },
  },
  {
    name: 'Vue 3 (vue-tsc, misspelled prop)',
    key: 'vue',
    lines: () => `${countLines(join(APPS, 'vue'), ['misspelled', 'tsconfig.misspelled.json'])}`,
    async build(dir) {
      await step('vue', 'vue-tsc', () => expectSuccess('vue-tsc', run('node', [BIN.vueTsc, '-p', 'tsconfig.json'], dir)));
      // The types must bite: a misspelled prop is a type error, reported where it is.
      const bad = await step('vue', 'vue-tsc (misspelled)', () => run('node', [BIN.vueTsc, '-p', 'tsconfig.misspelled.json'], dir));
      if (bad.code === 0) throw new Error('vue-tsc accepted misspelled/Misspelled.vue, where <mfa-prompt usernme="alice"> is misspelled');
      if (!/Misspelled\.vue\(3,\d+\): error TS\d+: .*'usernme' does not exist/.test(bad.output)) throw new Error(`vue-tsc failed on misspelled/Misspelled.vue, but not about "usernme":\n${bad.output}`);
      await vite(dir);
    },
    async browse(page, host) {
      await waitForPrompt(page);
      await logInWithPush(page, host);
      await page.getByRole('status').filter({ hasText: 'Signed in with push' }).waitFor();
      await expectLogin(host);
    },
  },
  {
    name: 'plain HTML (CDN bundle, README snippet)',
    key: 'html',
    lines: () => `${countLines(join(APPS, 'html'))} + ${countLines(cdnHtmlSnippet(README).code)} README`,
    async build(dir) {
      // The README's HTML as written, with the CDN's URL pointed at the tarball's bundle.
      const snippet = cdnHtmlSnippet(README).code.replace(CDN_SCRIPT, '$1./node_modules/mfa-prompt/dist/cdn/mfa-prompt.js$2');
      const page = readFileSync(join(dir, 'index.html'), 'utf8');
      writeFileSync(join(dir, 'index.html'), page.replace('<!-- README -->', snippet.trim()));
    },
    /** The host's server writes the ticket into the page, as the README's comment says. */
    async transform(html, host) {
      return html.replace('ticket="tkt_..."', `ticket="${host.issueTicket('alice')}"`);
    },
    async browse(page, host) {
      await waitForPrompt(page);
      await logInWithPush(page, host);
      // The README's script posts the token to /login/finish, then goes to the home page.
      await page.waitForURL(`${host.origin}/`);
      await expectLogin(host);
    },
  },
].filter((check) => only.length === 0 || only.includes(check.key) || (check.key === 'server' && only.some((key) => PAGES.includes(key))));
const KEYS = ['server', 'package', ...PAGES];
if (only.some((key) => !KEYS.includes(key))) fail(`unknown app in ${only.join(', ')}: use ${KEYS.join(', ')}`);

// Builds first (type-checks run as child processes, in parallel), then one browser for every page.
await Promise.all(
  checks.map(async (check) => {
    const t0 = Date.now();
    check.dir = check.key === 'package' ? WORK : prepare(check.key);
    try {
      await check.build(check.dir);
    } catch (error) {
      check.error = `build: ${error.message}`;
    }
    check.ms = Date.now() - t0;
  }),
);

if (!backend) {
  for (const check of checks) if (check.browse && !check.error) check.error = 'no backend for the page: see "Node host server" above';
}
/** Each page to open: a plain directory (html) or a Vite app's production and development builds. */
const pages = checks
  .filter((c) => c.browse)
  .flatMap((c) => (c.key === 'html' ? [{ check: c, site: c.key, dir: c.dir }] : [
    { check: c, site: c.key, dir: join(c.dir, 'dist') },
    { check: c, site: `${c.key}-dev`, dir: join(c.dir, 'dist-dev') },
  ]));
if (backend) await browse(pages.filter((p) => !p.check.error));

/** Opens each page in one headless Chromium, the host's server answering; records problems per app. */
async function browse(toOpen) {
  const transforms = {};
  const host = await startHost({ backend, sites: Object.fromEntries(pages.map((p) => [p.site, p.dir])), pageTransforms: transforms });
  for (const check of checks) if (check.transform) transforms[check.key] = (html) => check.transform(html, host);
  const browser = await launchBrowser();
  try {
    for (const { check, site } of toOpen) {
      const t0 = Date.now();
      host.logins.length = 0;
      const opened = await openPage(browser, `${host.origin}/${site}/`);
      const problems = [];
      try {
        await step(check.key, `Chromium /${site}/`, () => check.browse(opened.page, host));
      } catch (error) {
        problems.push(error.message.split('\n')[0]);
      }
      await opened.close();
      problems.push(...opened.problems);
      if (problems.length > 0) check.error = [check.error, `in Chromium at /${site}/:\n    ${problems.join('\n    ')}`].filter(Boolean).join('\n    ');
      check.ms += Date.now() - t0;
    }
  } finally {
    await browser.close();
    await host.close();
  }
}

// ---- The table ----------------------------------------------------------------------------------------------
console.log('');
const rows = checks.map((c) => [c.error ? 'FAIL' : 'ok', c.name, c.lines(), `${(c.ms / 1000).toFixed(1)} s`]);
const header = ['', 'app', 'lines the consumer wrote', 'time'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
for (const check of checks.filter((c) => c.error)) console.log(`\nFAIL ${check.name}:\n    ${check.error}`);
const failed = checks.filter((c) => c.error).length;
console.log(`\nConsumer apps checked in ${((Date.now() - started) / 1000).toFixed(1)} s: ${checks.length - failed} passed, ${failed} failed.`);
process.exit(failed > 0 ? 1 : 0);

// ---- Helpers ------------------------------------------------------------------------------------------------

/** Runs one step of an app and prints how long it took (or that it failed). */
async function step(app, label, fn) {
  const t0 = Date.now();
  let ok = false;
  try {
    const result = await fn();
    ok = true;
    return result;
  } finally {
    console.log(`  ${app}: ${label} ${ok ? '' : 'FAILED '}${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

function fail(message) {
  console.error(`test-consumers: ${message}`);
  process.exit(1);
}

/** The tarball's files by folder (two levels deep): `dist/elements  52 files  210.3 KiB`, largest first. */
function contents(files) {
  const groups = new Map();
  for (const { path, size } of files) {
    const key = path.split('/').slice(0, -1).slice(0, 2).join('/') || path;
    const group = groups.get(key) ?? { files: 0, size: 0 };
    groups.set(key, { files: group.files + 1, size: group.size + size });
  }
  const width = Math.max(...[...groups.keys()].map((key) => key.length));
  return [...groups]
    .sort((a, b) => b[1].size - a[1].size)
    .map(([key, group]) => `${key.padEnd(width)}  ${String(group.files).padStart(3)} file${group.files === 1 ? ' ' : 's'}  ${kb(group.size).padStart(10)}`);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Runs a command; resolves with its exit code and output (never rejects). */
function run(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: -1, stdout, output: String(error) }));
    child.on('close', (code) => resolve({ code, stdout, output }));
  });
}

async function expectSuccess(what, running) {
  const { code, output } = await running;
  if (code !== 0) throw new Error(`${what} failed:\n${output.trim()}`);
}

/** The host's server redeemed exactly one login token, alice's, by push. */
async function expectLogin(host) {
  const deadline = Date.now() + 5000;
  while (host.logins.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const logins = JSON.stringify(host.logins);
  if (logins !== JSON.stringify([{ username: 'alice', method: 'push' }])) throw new Error(`the host's server redeemed ${logins}, expected alice by push once`);
}

/**
 * Builds the app in `dir` with Vite (its own vite.config.* if any); any warning or error fails. One build at
 * a time: Vite reads process.env.NODE_ENV (production or development build) throughout a build.
 */
function viteBuildStrict(dir, options) {
  const next = viteQueue.then(() => viteBuildOnce(dir, options));
  viteQueue = next.catch(() => {});
  return next;
}

async function viteBuildOnce(dir, { base, outDir, nodeEnv }) {
  const warnings = [];
  const logger = createLogger('warn', { allowClearScreen: false });
  for (const level of ['warn', 'warnOnce', 'error']) {
    const original = logger[level].bind(logger);
    logger[level] = (message, options) => {
      warnings.push(message);
      original(message, options);
    };
  }
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    // React's and Vue's development builds are big by design (react-dom's is over Vite's 500 kB warning):
    // size is a production concern only, so the development build alone gets a higher limit.
    const chunkSizeWarningLimit = nodeEnv === 'development' ? 4096 : undefined;
    await viteBuild({ root: dir, base, logLevel: 'warn', customLogger: logger, build: { outDir, emptyOutDir: true, chunkSizeWarningLimit } });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  if (warnings.length > 0) throw new Error(`vite build (${nodeEnv}) warned:\n${warnings.join('\n')}`);
}

/** Non-blank lines the consumer wrote: of a text, or of every file under a directory (minus `except`). */
function countLines(textOrDir, except = []) {
  if (!existsSync(textOrDir)) return textOrDir.split('\n').filter((l) => l.trim()).length;
  let total = 0;
  for (const name of readdirSync(textOrDir)) {
    if (except.includes(name) || name === 'node_modules' || name === 'dist') continue;
    const path = join(textOrDir, name);
    total += statSync(path).isDirectory() ? countLines(path) : countLines(readFileSync(path, 'utf8'));
  }
  return total;
}
