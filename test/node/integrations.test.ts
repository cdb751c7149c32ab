/**
 * The framework integrations generated from the Custom Elements Manifest (scripts/build-integrations.mjs):
 * a React, Preact or Solid app that uses the tags correctly compiles; a misspelled prop or a handler of the
 * wrong event type is a compile error, as a developer would see it in their editor. Vue's single-file
 * components are checked the same way with vue-tsc. The editor data is checked at the end of this file.
 *
 * The generated files go to a temporary dist/ whose imports of the package's own modules
 * (`../elements/mfa-prompt.js`) reach src/ through `rootDirs`, so no build is needed first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { buildIntegrations, repo } from './integrations-setup.js';

let dir: string;
before(() => {
  dir = buildIntegrations();
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Framework {
  jsx: ts.JsxEmit;
  jsxImportSource: string;
}
const REACT: Framework = { jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'react' };
const PREACT: Framework = { jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'preact' };
const SOLID: Framework = { jsx: ts.JsxEmit.Preserve, jsxImportSource: 'solid-js' };

/**
 * Parsed declaration files (lib.dom.d.ts, React's types...), shared by the programs below: parsing them is
 * most of a program's cost, and they do not depend on the JSX options.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.endsWith('.d.ts')) return getSourceFile(fileName, languageVersion, ...rest);
    if (!parsed.has(fileName)) parsed.set(fileName, getSourceFile(fileName, languageVersion, ...rest));
    return parsed.get(fileName);
  };
  return host;
}

/**
 * Type-checks fixture files (name → source) as one app and returns each file's error messages. Only the
 * fixtures' own diagnostics count: the package's sources are checked by `npm run typecheck`.
 */
function compile(framework: Framework, files: Record<string, string>): Record<string, string[]> {
  const app = mkdtempSync(path.join(dir, 'app-'));
  const names = Object.entries(files).map(([name, source]) => {
    const file = path.join(app, name);
    writeFileSync(file, source);
    return file;
  });
  const options: ts.CompilerOptions = {
    ...framework,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    useDefineForClassFields: false,
    // The generated dist/ and the package's sources as one folder: `../elements/x.js` finds src/elements/x.ts.
    rootDirs: [path.join(dir, 'dist'), path.join(repo, 'src')],
  };
  const program = ts.createProgram(names, options, cachingHost(options));
  const result: Record<string, string[]> = {};
  for (const [index, name] of Object.keys(files).entries()) {
    const source = program.getSourceFile(names[index]!)!;
    result[name] = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    );
  }
  return result;
}

/** Exactly one error, whose text contains every `expected` fragment. */
function assertOneError(messages: string[] | undefined, ...expected: string[]) {
  assert.equal(messages?.length, 1, `expected one error, got: ${JSON.stringify(messages)}`);
  for (const fragment of expected) assert.match(messages[0]!, new RegExp(fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

describe('mfa-prompt/jsx/react: <mfa-prompt> in React 19 JSX', () => {
  const activate = "import type {} from '../dist/jsx/react.js';\nimport type { MfaAdapter } from '../dist/index.js';\n";
  let errors: Record<string, string[]>;
  before(() => {
    errors = compile(REACT, {
      'login.tsx': `${activate}
export function Login({ adapter }: { adapter: MfaAdapter }) {
  return (
    <>
      <mfa-prompt base-url="/mfa" username="alice" auto-method="push" color-scheme="dark"
        onmfa-success={(e) => console.log(e.detail.token, e.detail.method, e.detail.remembered)}
        onmfa-failure={(e) => console.log(e.detail.reason, e.detail.message)}
        onmfa-link={(e) => e.preventDefault()} />
      <mfa-prompt adapter={adapter} username="bob" />
    </>
  );
}`,
      'misspelled.tsx': `${activate}export const App = () => <mfa-prompt base-url="/mfa" usernme="alice" />;`,
      'wrong-event.tsx': `${activate}import type { MfaFailureEvent } from '../dist/index.js';
export const App = () => <mfa-prompt base-url="/mfa" onmfa-success={(e: MfaFailureEvent) => e.detail.reason} />;`,
      'wrong-value.tsx': `${activate}export const App = () => <mfa-prompt base-url="/mfa" auto-method="fax" />;`,
      'read-only.tsx': `${activate}export const App = () => <mfa-prompt base-url="/mfa" state={undefined} />;`,
    });
  });

  test('a login page with attributes, the adapter property and typed event details compiles', () => {
    assert.deepEqual(errors['login.tsx'], []);
  });
  test('a misspelled prop is an error', () => {
    assertOneError(errors['misspelled.tsx'], "Property 'usernme' does not exist");
  });
  test('a handler for the wrong event is an error', () => {
    assertOneError(errors['wrong-event.tsx'], 'MfaFailureEvent', 'MfaSuccessEvent');
  });
  test('an attribute value outside its type is an error', () => {
    assertOneError(errors['wrong-value.tsx'], '"fax"', 'AutoMethod');
  });
  test('read-only properties (state, flow) are not props: setting them would throw', () => {
    assertOneError(errors['read-only.tsx'], "Property 'state' does not exist");
  });
});

describe('mfa-prompt/react: the @lit/react components', () => {
  const activate = "import { MfaPrompt, MfaPasscodeInput, MfaRememberMe } from '../dist/react/index.js';\n";
  let errors: Record<string, string[]>;
  before(() => {
    errors = compile(REACT, {
      'login.tsx': `${activate}
export const Login = () => (
  <>
    <MfaPrompt baseUrl="/mfa" username="alice" autoMethod="push"
      onMfaSuccess={(e) => console.log(e.detail.token, e.detail.method)}
      onMfaFailure={(e) => console.log(e.detail.reason)}
      onMfaStateChange={(e) => console.log(e.detail.phase, e.detail.step)}
      onMfaLink={(e) => console.log(e.detail.link)} />
    <MfaPasscodeInput canSendCodes onMfaPasscodeSubmit={(e) => console.log(e.type)} />
    <MfaRememberMe checked onChange={(e) => console.log(e.type)} />
  </>
);`,
      'misspelled.tsx': `${activate}export const App = () => <MfaPrompt baseUrl="/mfa" onMfaSucess={() => {}} />;`,
      'wrong-event.tsx': `${activate}import type { MfaLinkEvent } from '../dist/index.js';
export const App = () => <MfaPrompt baseUrl="/mfa" onMfaSuccess={(e: MfaLinkEvent) => e.detail.link} />;`,
    });
  });

  test('a login page with onMfaSuccess-style props typed by the event classes compiles', () => {
    assert.deepEqual(errors['login.tsx'], []);
  });
  test('a misspelled event prop is an error', () => {
    assertOneError(errors['misspelled.tsx'], "Property 'onMfaSucess' does not exist");
  });
  test('a handler for the wrong event is an error', () => {
    assertOneError(errors['wrong-event.tsx'], 'MfaLinkEvent', 'MfaSuccessEvent');
  });
  test('the entry registers the tags and listens to every documented event by its DOM name', () => {
    const js = readFileSync(path.join(dir, 'dist/react/index.js'), 'utf8');
    assert.match(js, /^import "\.\.\/define\.js";$/m);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'custom-elements.json'), 'utf8'));
    const prompt = manifest.modules.flatMap((m: { declarations?: object[] }) => m.declarations ?? [])
      .find((d: { tagName?: string }) => d.tagName === 'mfa-prompt');
    const names: string[] = prompt.events.map((e: { name: string }) => e.name);
    assert.deepEqual(names.sort(), ['mfa-cancel', 'mfa-failure', 'mfa-link', 'mfa-state-change', 'mfa-success']);
    for (const name of names) {
      const prop = `on${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;
      assert.match(js, new RegExp(`${prop}: "${name}"`), `${prop} listens to ${name}`);
    }
  });
  test('React and @lit/react stay out of the main entries', () => {
    const sources = readdirSync(path.join(repo, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importers = sources.filter((f) => /from '(react|@lit\/react)'/.test(readFileSync(path.join(repo, 'src', f), 'utf8')));
    assert.deepEqual(importers, []);
  });
});

describe('mfa-prompt/jsx/preact: the tags in Preact JSX', () => {
  const activate = "import type {} from '../dist/jsx/preact.js';\n";
  let errors: Record<string, string[]>;
  before(() => {
    errors = compile(PREACT, {
      'login.tsx': `${activate}
export const Login = () => (
  <mfa-prompt base-url="/mfa" username="alice" onmfa-success={(e) => console.log(e.detail.token)} />
);`,
      'misspelled.tsx': `${activate}export const App = () => <mfa-prompt base-url="/mfa" usernme="alice" />;`,
      'wrong-event.tsx': `${activate}import type { MfaCancelEvent } from '../dist/index.js';
export const App = () => <mfa-prompt onmfa-success={(e: MfaCancelEvent) => e.detail.method} />;`,
    });
  });

  test('a login page compiles', () => assert.deepEqual(errors['login.tsx'], []));
  test('a misspelled prop is an error', () => assertOneError(errors['misspelled.tsx'], "Property 'usernme' does not exist"));
  test('a handler for the wrong event is an error', () =>
    assertOneError(errors['wrong-event.tsx'], 'MfaCancelEvent', 'MfaSuccessEvent'));
});

describe('mfa-prompt/jsx/solid: the tags in Solid JSX', () => {
  const activate = "import type {} from '../dist/jsx/solid.js';\nimport type { MfaAdapter } from '../dist/index.js';\n";
  let errors: Record<string, string[]>;
  before(() => {
    errors = compile(SOLID, {
      'login.tsx': `${activate}
export const Login = (props: { adapter: MfaAdapter }) => (
  <>
    <mfa-prompt base-url="/mfa" username="alice" on:mfa-success={(e) => console.log(e.detail.token)} />
    <mfa-prompt prop:adapter={props.adapter} on:mfa-failure={(e) => console.log(e.detail.reason)} />
  </>
);`,
      'misspelled.tsx': `${activate}export const App = () => <mfa-prompt base-url="/mfa" usernme="alice" />;`,
      'wrong-event.tsx': `${activate}import type { MfaCancelEvent } from '../dist/index.js';
export const App = () => <mfa-prompt on:mfa-success={(e: MfaCancelEvent) => e.detail.method} />;`,
      'wrong-property.tsx': `${activate}export const App = () => <mfa-prompt prop:adapter="/mfa" />;`,
    });
  });

  test('a login page with prop: and on: compiles', () => assert.deepEqual(errors['login.tsx'], []));
  test('a misspelled prop is an error', () => assertOneError(errors['misspelled.tsx'], "Property 'usernme' does not exist"));
  test('a handler for the wrong event is an error', () =>
    assertOneError(errors['wrong-event.tsx'], 'MfaCancelEvent', 'MfaSuccessEvent'));
  test('a property of the wrong type is an error', () => assertOneError(errors['wrong-property.tsx'], 'MfaAdapter'));
});

/**
 * Runs vue-tsc on single-file components (name → source) as one app and returns each file's error messages.
 * The app's tsconfig is what docs/frameworks.md asks for: `checkUnknownProps`, so that a misspelled attribute
 * is an error rather than a fallthrough attribute.
 */
function vueTsc(files: Record<string, string>): Record<string, string[]> {
  const app = mkdtempSync(path.join(dir, 'vue-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(app, name), source);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      jsx: 'preserve',
      rootDirs: [path.join(dir, 'dist'), path.join(repo, 'src')],
    },
    include: ['*.vue'],
    vueCompilerOptions: { checkUnknownProps: true },
  };
  writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
  const run = spawnSync(process.execPath, [path.join(repo, 'node_modules/vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'], {
    cwd: app,
    encoding: 'utf8',
  });
  const result: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
  let current: string[] | undefined;
  for (const line of run.stdout.split('\n')) {
    const error = /^(\S+\.vue)\(\d+,\d+\): error TS\d+: (.*)$/.exec(line);
    if (error) {
      current = result[error[1]!] ??= [];
      current.push(error[2]!);
    } else if (current && line.startsWith(' ')) {
      current[current.length - 1] += `\n${line}`;
    } else if (line.trim()) {
      assert.fail(`vue-tsc said something unexpected: ${line}`);
    }
  }
  return result;
}

describe('mfa-prompt/vue: the tags in Vue templates, checked by vue-tsc', () => {
  const activate = "import type {} from '../dist/vue/index.js';\n";
  let errors: Record<string, string[]>;
  before(() => {
    errors = vueTsc({
      'Login.vue': `<script setup lang="ts">
${activate}import type { MfaAdapter, MfaSuccessEvent } from '../dist/index.js';
defineProps<{ adapter: MfaAdapter }>();
function done(e: MfaSuccessEvent) {
  console.log(e.detail.token, e.detail.method);
}
</script>
<template>
  <mfa-prompt base-url="/mfa" username="alice" auto-method="push" @mfa-success="done"
    @mfa-failure="(e) => console.log(e.detail.reason)" />
  <mfa-prompt :adapter="adapter" username="bob" />
</template>
`,
      'Misspelled.vue': `<script setup lang="ts">
${activate}</script>
<template>
  <mfa-prompt base-url="/mfa" usernme="alice" />
</template>
`,
      'WrongEvent.vue': `<script setup lang="ts">
${activate}import type { MfaCancelEvent } from '../dist/index.js';
function done(e: MfaCancelEvent) {
  console.log(e.detail.method);
}
</script>
<template>
  <mfa-prompt base-url="/mfa" @mfa-success="done" />
</template>
`,
      'WrongValue.vue': `<script setup lang="ts">
${activate}</script>
<template>
  <mfa-prompt base-url="/mfa" auto-method="fax" />
</template>
`,
    });
  });

  test('a login component with attributes, the adapter property and typed @mfa-success compiles', () => {
    assert.deepEqual(errors['Login.vue'], []);
  });
  test('a misspelled attribute is an error', () => assertOneError(errors['Misspelled.vue'], "'usernme' does not exist"));
  test('a handler for the wrong event is an error', () =>
    assertOneError(errors['WrongEvent.vue'], 'MfaCancelEvent', 'MfaSuccessEvent'));
  test('an attribute value outside its type is an error', () =>
    assertOneError(errors['WrongValue.vue'], '"fax"', 'AutoMethod'));
  test('isMfaElement, for compilerOptions.isCustomElement, knows the five tags and nothing else', async () => {
    const { isMfaElement } = (await import(path.join(dir, 'dist/vue/index.js'))) as { isMfaElement: (tag: string) => boolean };
    for (const tag of ['mfa-prompt', 'mfa-method-chooser', 'mfa-passcode-input', 'mfa-remember-me', 'mfa-status-bar']) {
      assert.equal(isMfaElement(tag), true, tag);
    }
    assert.equal(isMfaElement('mfa-other'), false);
    assert.equal(isMfaElement('router-view'), false);
  });
});

describe('the build script', () => {
  test('a manifest without custom elements fails the build with a clear message', () => {
    const empty = path.join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ schemaVersion: '2.1.0', modules: [] }));
    const run = spawnSync(process.execPath, ['scripts/build-integrations.mjs', empty, path.join(dir, 'empty-dist')], {
      cwd: repo,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no custom elements with a tag name/);
  });
});

describe('editor data', () => {
  const tags = ['mfa-method-chooser', 'mfa-passcode-input', 'mfa-prompt', 'mfa-remember-me', 'mfa-status-bar'];
  const promptAttributes = ['about-url', 'add-device-url', 'auto-method', 'backend-texts', 'base-url', 'color-scheme', 'help-url', 'settings-url', 'ticket', 'username'];

  test("VS Code's custom data lists the five tags, the prompt's attributes and their descriptions", () => {
    const data = JSON.parse(readFileSync(path.join(dir, 'dist/vscode.html-custom-data.json'), 'utf8'));
    assert.deepEqual(data.tags.map((t: { name: string }) => t.name).sort(), tags);
    const prompt = data.tags.find((t: { name: string }) => t.name === 'mfa-prompt');
    assert.match(prompt.description, /multi-factor authentication prompt/);
    assert.deepEqual(prompt.attributes.map((a: { name: string }) => a.name).sort(), promptAttributes);
    const baseUrl = prompt.attributes.find((a: { name: string }) => a.name === 'base-url');
    assert.match(baseUrl.description, /backend's routes/);
  });

  test("VS Code offers an attribute's values, resolved from its TypeScript type, not the type's name", () => {
    const data = JSON.parse(readFileSync(path.join(dir, 'dist/vscode.html-custom-data.json'), 'utf8'));
    const values = (tag: string, attribute: string) =>
      data.tags.find((t: { name: string }) => t.name === tag)
        .attributes.find((a: { name: string }) => a.name === attribute)
        .values.map((v: { name: string }) => v.name);
    assert.deepEqual(values('mfa-prompt', 'auto-method'), ['push', 'phone', 'passcode', 'sms']); // AutoMethod | undefined
    assert.deepEqual(values('mfa-status-bar', 'tone'), ['info', 'pending', 'success', 'error']); // StatusTone
    assert.deepEqual(values('mfa-prompt', 'base-url'), []);
  });

  test("JetBrains' web-types list the five tags, the prompt's attributes and its events", () => {
    const data = JSON.parse(readFileSync(path.join(dir, 'dist/web-types.json'), 'utf8'));
    const elements = data.contributions.html.elements;
    assert.deepEqual(elements.map((e: { name: string }) => e.name).sort(), tags);
    const prompt = elements.find((e: { name: string }) => e.name === 'mfa-prompt');
    assert.deepEqual(prompt.attributes.map((a: { name: string }) => a.name).sort(), promptAttributes);
    assert.ok(prompt.events.some((e: { name: string }) => e.name === 'mfa-success'));
    const properties = prompt.js.properties.map((p: { name: string }) => p.name);
    assert.ok(properties.includes('adapter'));
    assert.ok(!properties.includes('state'), 'the read-only state is not offered as a property');
    assert.match(prompt.description, /multi-factor authentication prompt/);
  });
});
