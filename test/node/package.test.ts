/**
 * The published package, as `npm publish` would upload it: builds dist/ (`npm run build`), lists the tarball
 * with `npm pack --dry-run --json`, and checks what an app installing it would meet: every entry, type,
 * manifest, command and source map it points to is in the tarball, nothing from the repository's tooling is,
 * the README's links work from the package page, and `import 'mfa-prompt/define'` alone types the tags and
 * their events.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The tarball's paths (`dist/define.js`, ...), set by `before`. */
let packed = new Set<string>();

/** The newest modification time under `dir` (files only), 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * `npm test` builds before the Node tests, so this reuses that build; run alone (or after editing a source
 * file), it builds first: dist/ is rebuilt when it is missing or older than anything it is built from.
 */
function buildUnlessFresh(): void {
  const built = existsSync(join(root, 'dist/custom-elements.json')) ? statSync(join(root, 'dist/custom-elements.json')).mtimeMs : 0;
  const sources = Math.max(
    ...['src', 'mock-server', 'conformance', 'scripts'].map((dir) => newest(join(root, dir))),
    statSync(join(root, 'package.json')).mtimeMs,
  );
  if (built < sources) execFileSync(npm, ['run', 'build'], { cwd: root, stdio: 'pipe' });
}

before(
  () => {
    buildUnlessFresh();
    // --ignore-scripts: `prepack` would build a second time, and print into the JSON.
    const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    packed = new Set((JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((file) => file.path));
  },
  { timeout: 400_000 },
);

/** `./dist/x.js` → `dist/x.js`. */
const normal = (path: string) => posix.normalize(path);

/** The locales built beside the English built in: `de`, `pt-BR`, ... (src/locales/<tag>.ts). */
const LOCALE_TAGS = readdirSync(join(root, 'src/locales')).map((file) => file.replace(/\.ts$/, ''));

/** Every string leaf of an `exports` entry: each condition's target. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.values(value as Record<string, unknown>).flatMap(targets);
}

describe('the tarball', () => {
  it('holds every file that exports, types, customElements, web-types and bin point to', () => {
    const pointed = [
      ...Object.values(pkg.exports as Record<string, unknown>).flatMap(targets),
      pkg.types,
      pkg.customElements,
      pkg['web-types'],
      ...Object.values(pkg.bin as Record<string, string>),
    ]
      .map(normal)
      // A subpath pattern (`./locales/*`) points at one file per locale: src/locales/<tag>.ts → <tag>.
      .flatMap((path) => (path.includes('*') ? LOCALE_TAGS.map((tag) => path.replace('*', tag)) : [path]));
    assert.ok(pointed.length >= 25, `only ${pointed.length} targets`);
    assert.deepEqual(pointed.filter((path) => !packed.has(path)), []);
  });

  it('puts types first in every conditional export, so TypeScript finds them under every condition', () => {
    for (const [entry, value] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (typeof value === 'string') {
        assert.ok(!value.endsWith('.js'), `${entry} points at JavaScript without types`);
        continue;
      }
      assert.equal(Object.keys(value as object)[0], 'types', entry);
    }
  });

  it('holds the built package, its sources and docs, and nothing of the tooling around them', () => {
    const allowed = /^(dist\/|src\/.*\.ts$|docs\/|conformance\/README\.md$|(package\.json|README\.md|LICENSE|CHANGELOG\.md)$)/;
    assert.deepEqual([...packed].filter((path) => !allowed.test(path)), []);
    // tsc's copy of the CDN entry is not an entry: the bundle dist/cdn/mfa-prompt.js is.
    assert.deepEqual([...packed].filter((path) => path.startsWith('dist/development/cdn.js')), []);
    for (const path of ['dist/define.js', 'dist/development/define.js', 'dist/custom-elements.json', 'CHANGELOG.md']) {
      assert.ok(packed.has(path), path);
    }
  });

  it('marks as side effects only the modules that register tags, and they are in the tarball', () => {
    for (const pattern of pkg.sideEffects as string[]) assert.ok(packed.has(normal(pattern)), pattern);
    assert.ok((pkg.sideEffects as string[]).every((path) => /define\.js$|cdn\/mfa-prompt\.js$/.test(path)));
  });
});

describe('source maps', () => {
  const files = () => [...packed].filter((path) => /\.(js|d\.ts)$/.test(path));

  it('every built module names a map that is in the tarball', () => {
    const missing: string[] = [];
    let maps = 0;
    for (const path of files()) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(path))?.[1];
      if (!url) continue;
      maps += 1;
      if (!packed.has(posix.join(posix.dirname(path), url))) missing.push(`${path} → ${url}`);
    }
    assert.ok(maps > 100, `only ${maps} maps`);
    assert.deepEqual(missing, []);
  });

  it("every map's sources are in the tarball or embedded in the map", () => {
    const unresolved: string[] = [];
    for (const path of [...packed].filter((file) => file.endsWith('.map'))) {
      const map = JSON.parse(read(path)) as { sources: string[]; sourcesContent?: (string | null)[]; sourceRoot?: string };
      map.sources.forEach((source, index) => {
        const file = posix.join(posix.dirname(path), map.sourceRoot ?? '', source);
        if (!packed.has(file) && typeof map.sourcesContent?.[index] !== 'string') unresolved.push(`${path}: ${source}`);
      });
    }
    assert.deepEqual(unresolved, []);
  });
});

describe('the builds', () => {
  const resolve = (specifier: string, conditions: string[]) =>
    execFileSync(
      process.execPath,
      [...conditions.map((name) => `--conditions=${name}`), '--input-type=module', '-e', `console.log(import.meta.resolve('${specifier}'))`],
      { cwd: root, encoding: 'utf8' },
    ).trim();

  it('gives the production modules by default and the plain ones under the development condition', () => {
    assert.ok(resolve('mfa-prompt/define', []).endsWith('/dist/define.js'));
    assert.ok(resolve('mfa-prompt/define', ['development']).endsWith('/dist/development/define.js'));
    assert.ok(resolve('mfa-prompt', ['development']).endsWith('/dist/development/index.js'));
  });

  it('minifies the templates of the production modules only', () => {
    // tsc writes `css `...``, Rolldown `css`...``.
    const template = (path: string) => /css ?`([^`]*)`/.exec(read(path))?.[1] ?? '';
    const production = template('dist/elements/mfa-status-bar.styles.js');
    const development = template('dist/development/elements/mfa-status-bar.styles.js');
    assert.match(development, /\n\s+/);
    assert.doesNotMatch(production, /\n/);
    assert.ok(production.length < development.length * 0.8, `${production.length} vs ${development.length}`);
  });
});

describe('the Custom Elements Manifest', () => {
  type Module = { path: string; declarations?: { tagName?: string; customElement?: boolean }[]; exports?: { declaration?: { module?: string } }[] };
  const manifest = () => JSON.parse(read(pkg.customElements)) as { modules: Module[] };

  it('describes every tag that mfa-prompt/define registers, in modules that are in the tarball', () => {
    const tags = manifest().modules.flatMap((mod) => (mod.declarations ?? []).map((d) => d.tagName).filter(Boolean));
    assert.deepEqual(tags.sort(), ['mfa-method-chooser', 'mfa-passcode-input', 'mfa-prompt', 'mfa-remember-me', 'mfa-status-bar']);
    const paths = manifest().modules.flatMap((mod) => [mod.path, ...(mod.exports ?? []).map((e) => e.declaration?.module ?? mod.path)]);
    assert.ok(paths.includes('dist/elements/mfa-prompt.js'));
    assert.deepEqual(paths.filter((path) => !packed.has(path)), []);
  });
});

describe('the README', () => {
  it('links only to files that are in the tarball (npm shows it on the package page), or to absolute URLs', () => {
    const links = [...read('README.md').matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    const relative = links.filter((link) => !/^(https?:|mailto:|#)/.test(link)).map((link) => link.replace(/#.*$/, ''));
    assert.ok(relative.length >= 4, `only ${relative.length} relative links`);
    assert.deepEqual(relative.filter((link) => !packed.has(normal(link))), []);
  });
});

describe('types for an app', () => {
  const apps: string[] = [];
  after(() => apps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    // TypeScript's own lib files need no checking; the package's .d.ts files and Lit's are checked.
    skipDefaultLibCheck: true,
  };
  // Each app is its own program (so one app's imports cannot lend their global types to another), but the
  // files they share, lib.dom.d.ts first, are parsed once.
  const host = ts.createCompilerHost(options);
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => {
    if (name.endsWith('app.ts')) return getSourceFile(name, ...rest);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, ...rest));
    return parsed.get(name);
  };

  /** Type-checks `code` as an app's module that has the package installed; returns the error messages. */
  function check(code: string): string[] {
    const app = mkdtempSync(join(tmpdir(), 'mfa-prompt-types-'));
    apps.push(app);
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(root, join(app, 'node_modules', 'mfa-prompt'), 'dir');
    writeFileSync(join(app, 'package.json'), '{ "type": "module" }');
    const file = join(app, 'app.ts');
    writeFileSync(file, code);
    return ts
      .getPreEmitDiagnostics(ts.createProgram([file], options, host))
      .map((d) => `${d.file?.fileName === file ? 'app.ts' : d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  it("with only `import 'mfa-prompt/define'`, the tags are the element classes and event.detail is typed", () => {
    const errors = check(`
      import 'mfa-prompt/define';
      const prompt = document.querySelector('mfa-prompt');
      if (prompt) {
        prompt.ticket = 'tkt_1';
        prompt.addEventListener('mfa-success', (event) => {
          const token: string = event.detail.token;
          const remembered: boolean = event.detail.remembered;
          console.log(token, remembered);
        });
        prompt.addEventListener('mfa-failure', (event) => console.log(event.detail.reason));
      }
      document.createElement('mfa-status-bar').focus();
    `);
    assert.deepEqual(errors, []);
  });

  it('types mfa-prompt/cdn like the package, and an app can still make mistakes (the check can fail)', () => {
    const errors = check(`
      import { defineMfaElements, MfaPrompt, createHttpAdapter } from 'mfa-prompt/cdn';
      defineMfaElements();
      const ok: typeof MfaPrompt = customElements.get('mfa-prompt') as typeof MfaPrompt;
      createHttpAdapter({ baseUrl: '/mfa' });
      document.querySelector('mfa-prompt')?.addEventListener('mfa-success', (event) => {
        const wrong: number = event.detail.token;
        console.log(ok, wrong);
      });
    `);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /^app\.ts: Type 'string' is not assignable to type 'number'/);
  });
});
