/**
 * `mfa-prompt/mock` as a host app gets it: the built entries (tsc, as `npm run build` makes them) in a
 * node_modules of a temporary app, resolved through package.json's `exports`. The README's example runs
 * as the host's own test; apps without one of the optional peers get the sentence that says what to install.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

/**
 * The entries package.json needs (the lead adds them there); taken from package.json once it has them,
 * so this test then checks the real map.
 */
const MOCK_EXPORTS = {
  './mock': { types: './dist/mock/mock-server/entries/index.d.ts', default: './dist/mock/mock-server/entries/index.js' },
  './mock/node': { types: './dist/mock/mock-server/entries/node.d.ts', default: './dist/mock/mock-server/entries/node.js' },
  './mock/browser': { types: './dist/mock/mock-server/entries/browser.d.ts', default: './dist/mock/mock-server/entries/browser.js' },
};

/** The package's own dependencies, installed with it in every app below. */
const RUNTIME_DEPENDENCIES = Object.keys(
  (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
);
const PEERS = ['msw', 'otplib', '@simplewebauthn/server'];

let root: string;

/** A host app in `root/<name>` with mfa-prompt and the given packages (linked from this repo) installed. */
function app(name: string, packages: string[]): string {
  const dir = join(root, name);
  cpSync(join(root, 'package'), join(dir, 'node_modules/mfa-prompt'), { recursive: true });
  for (const pkg of packages) {
    mkdirSync(dirname(join(dir, 'node_modules', pkg)), { recursive: true });
    symlinkSync(join(repo, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
  }
  return dir;
}

/** Runs an ES module snippet in `dir` (resolving packages from its node_modules): its exit code and output. */
async function node(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // Without NODE_TEST_CONTEXT, which this test run sets: a child `node --test` would report to us, not print.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const { stdout, stderr } = await run(process.execPath, args, { cwd: dir, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** Imports each entry in turn; prints `entry: ok` or `entry: <error message>`. */
const importEach = (entries: string[]) => [
  '--input-type=module',
  '-e',
  `for (const entry of ${JSON.stringify(entries)}) {
     try { await import(entry); console.log(entry + ': ok'); } catch (error) { console.log(entry + ': ' + error.message); }
   }`,
];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mock-package-'));
  const pkg = join(root, 'package');
  const adapterConfig = join(root, 'tsconfig.adapter.json');
  writeFileSync(
    adapterConfig,
    JSON.stringify({
      extends: join(repo, 'tsconfig.build.json'),
      compilerOptions: { rootDir: join(repo, 'src'), outDir: join(pkg, 'dist'), declarationDir: join(pkg, 'dist'), declarationMap: false, sourceMap: false },
      include: [join(repo, 'src/adapter/index.ts')],
    }),
  );
  // The two compilations of `npm run build` this needs, side by side.
  await Promise.all([
    run(process.execPath, [tsc, '-p', join(repo, 'mock-server/tsconfig.build.json'), '--outDir', join(pkg, 'dist/mock')]),
    run(process.execPath, [tsc, '-p', adapterConfig]),
  ]);
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  const exports = { './adapter': manifest.exports['./adapter'], ...MOCK_EXPORTS };
  for (const entry of Object.keys(MOCK_EXPORTS)) if (manifest.exports[entry]) Object.assign(exports, { [entry]: manifest.exports[entry] });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: manifest.name, type: 'module', exports }));
});

after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('mfa-prompt/mock, built, in a host app', () => {
  test("the README's example passes as the host's own test: Alice approves a push, the adapter sees allow", async () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## In your own tests and Storybook'));
    const example = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    assert.match(example, /from 'mfa-prompt\/mock\/node'/, 'the README has the example');
    const dir = app('full', [...RUNTIME_DEPENDENCIES, ...PEERS]);
    writeFileSync(join(dir, 'example.test.mjs'), example);
    const result = await node(dir, ['--test', '--test-reporter=tap', 'example.test.mjs']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^# pass 1$/m);
    assert.match(result.stdout, /^ok 1 - alice approves a push$/m);
  });

  test('without msw, each entry throws a sentence with the install command', async () => {
    const dir = app('no-msw', [...RUNTIME_DEPENDENCIES, 'otplib', '@simplewebauthn/server']);
    const result = await node(dir, importEach(['mfa-prompt/mock', 'mfa-prompt/mock/node', 'mfa-prompt/mock/browser']));
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'mfa-prompt/mock: mfa-prompt/mock needs the optional peer dependency msw: npm install -D msw@^2',
      'mfa-prompt/mock/node: mfa-prompt/mock/node needs the optional peer dependency msw: npm install -D msw@^2',
      'mfa-prompt/mock/browser: mfa-prompt/mock/browser needs the optional peer dependency msw: npm install -D msw@^2',
    ]);
  });

  test('without otplib, the same', async () => {
    const dir = app('no-otplib', [...RUNTIME_DEPENDENCIES, 'msw']);
    const result = await node(dir, importEach(['mfa-prompt/mock', 'mfa-prompt/mock/node']));
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'mfa-prompt/mock: mfa-prompt/mock needs the optional peer dependency otplib: npm install -D otplib@^13',
      'mfa-prompt/mock/node: mfa-prompt/mock/node needs the optional peer dependency otplib: npm install -D otplib@^13',
    ]);
  });

  test('without @simplewebauthn/server, everything but WebAuthn works; WebAuthn says what to install', async () => {
    const dir = app('no-webauthn', [...RUNTIME_DEPENDENCIES, 'msw', 'otplib']);
    const script = `
      const { MfaSimulator } = await import('mfa-prompt/mock');
      const sim = new MfaSimulator();
      const preauth = sim.preauth({ ticket: sim.issueTicket('alice') });
      const { body } = sim.start({ attemptId: preauth.attemptId, method: 'push', deviceId: 'alice-ios' });
      sim.phone('alice').approvePushWithShownCode();
      console.log(sim.statusOf(body.txid));
      await sim.webAuthnRegistrationOptions('alice').catch((error) => console.log(error.message));`;
    const result = await node(dir, ['--input-type=module', '-e', script]);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'allow',
      'WebAuthn in mfa-prompt/mock needs the optional peer dependency @simplewebauthn/server: npm install -D @simplewebauthn/server@^13',
    ], result.stderr);
  });

  test("the built types need msw only: a host that skips WebAuthn type-checks without @simplewebauthn/server", () => {
    const types = readdirSync(join(root, 'package/dist/mock'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts'));
    assert.ok(types.some((file) => file.endsWith('entries/index.d.ts')), types.join());
    const packages = new Set<string>();
    for (const file of types) {
      const text = readFileSync(join(root, 'package/dist/mock', file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from |import\()['"]([^'"]+)['"]/g)) if (!specifier!.startsWith('.')) packages.add(specifier!);
    }
    const allowed = (specifier: string) => /^msw(\/|$)/.test(specifier) || RUNTIME_DEPENDENCIES.includes(specifier);
    assert.deepEqual([...packages].filter((specifier) => !allowed(specifier)), [], [...packages].join());
    assert.ok(packages.has('msw'), 'the handlers are typed with msw');
  });

  test('the built simulator is environment neutral: no node: imports, no test-control or HTTP server', () => {
    const files = readdirSync(join(root, 'package/dist/mock'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    assert.ok(files.some((file) => file.endsWith('handlers.js')), files.join());
    for (const file of files) {
      assert.doesNotMatch(readFileSync(join(root, 'package/dist/mock', file), 'utf8'), /from ['"]node:/, file);
      assert.doesNotMatch(file, /test-control|http-server|cli/, file);
    }
  });
});
