/**
 * The names the CDN build lets terser rename (scripts/private-names.ts): terser renames a property name
 * everywhere in the bundle, so only a private member that nothing can reach by its name may be renamed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { privateMemberNames } from '../../scripts/private-names.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'private-names-'));
  mkdirSync(join(dir, 'elements'));
  writeFileSync(
    join(dir, 'elements', 'card.ts'),
    `
    export class Card extends HTMLElement {
      private renderBody() {}
      private timerHandle = 0;
      private onKey = () => {};
      @state() private expanded = false;
      private shared = 1;
      private bound = 2;
      private asked = 3;
      constructor(private readonly source: string) { super(); }
      render() { return html\`<x-part .bound=\${this.bound}></x-part>\`; }
      updated(changed: Map<string, unknown>) { return changed.has('asked'); }
    }`,
  );
  writeFileSync(
    join(dir, 'other.ts'),
    `
    export interface Options { shared?: number }
    export class Other { source = ''; }
    export const made = { timerHandle: 1 }.timerHandle;`,
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const srcDir = join(import.meta.dirname, '../../src');
/** The package's entry points: `.`, `./define`, `./adapter` and the CDN bundle. */
const ENTRIES = ['index.ts', 'define.ts', 'adapter/index.ts', 'cdn.ts'].map((file) => join(srcDir, file));

/**
 * Every property name a user of the package can reach: the members of everything the entry points export,
 * and of every type reachable from them (parameters, results, properties, type arguments), TypeScript-private
 * members aside. Types declared outside src/ (the DOM, Lit) are not walked: their names are theirs.
 */
function publicPropertyNames(): Set<string> {
  const program = ts.createProgram(ENTRIES, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    experimentalDecorators: true,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  const seen = new Set<ts.Type>();
  const ours = (declaration: ts.Node) => declaration.getSourceFile().fileName.startsWith(srcDir);
  const isPrivate = (declaration: ts.Declaration) =>
    ts.canHaveModifiers(declaration) &&
    (ts.getModifiers(declaration) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  const signature = (sig: ts.Signature) => {
    for (const parameter of sig.getParameters()) walk(checker.getTypeOfSymbol(parameter));
    walk(sig.getReturnType());
  };
  const walk = (type: ts.Type): void => {
    if (seen.has(type)) return;
    seen.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach(walk);
    const declarations = type.getSymbol()?.getDeclarations() ?? [];
    if (declarations.length > 0 && !declarations.some(ours)) return;
    for (const property of checker.getPropertiesOfType(type)) {
      const declared = property.getDeclarations() ?? [];
      if (declared.length > 0 && declared.every(isPrivate)) continue;
      names.add(property.getName());
      walk(checker.getTypeOfSymbol(property));
    }
    checker.getSignaturesOfType(type, ts.SignatureKind.Call).forEach(signature);
    checker.getSignaturesOfType(type, ts.SignatureKind.Construct).forEach(signature);
    for (const info of checker.getIndexInfosOfType(type)) walk(info.type);
    if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      checker.getTypeArguments(type as ts.TypeReference).forEach(walk);
    }
  };
  for (const entry of ENTRIES) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
    for (let symbol of module ? checker.getExportsOfModule(module) : []) {
      if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      walk(checker.getTypeOfSymbol(symbol)); // a value, or a class's static side
      walk(checker.getDeclaredTypeOfSymbol(symbol)); // a type, or a class's instances
    }
  }
  return names;
}

describe('private member names the CDN build may rename', () => {
  test('a private method, field or arrow-function field qualifies, in every folder', () => {
    assert.deepEqual(privateMemberNames(dir), ['onKey', 'renderBody']);
  });

  test('left out: a decorated member (Lit registers it by name)', () => {
    assert.ok(!privateMemberNames(dir).includes('expanded'));
  });

  test('left out: a name that is also public somewhere, an interface property or an object key', () => {
    const names = privateMemberNames(dir);
    for (const name of ['source', 'shared', 'timerHandle']) assert.ok(!names.includes(name), name);
  });

  test('left out: a name written in a template or a string', () => {
    const names = privateMemberNames(dir);
    for (const name of ['bound', 'asked']) assert.ok(!names.includes(name), name);
  });

  test('no name the build renames is a property of anything the package exports, or of a type that reaches', () => {
    const reachable = publicPropertyNames();
    // The walk must see the public API, or it proves nothing.
    for (const name of ['preauth', 'watch', 'adapter', 'phase', 'attemptsLeft', 'subscribe', 'openPasscodeEntry']) {
      assert.ok(reachable.has(name), `the walk reaches ${name}`);
    }
    const renamed = privateMemberNames(srcDir);
    assert.deepEqual(renamed.filter((name) => reachable.has(name)), []);
  });

  test('members of an @internal class or interface qualify, object keys notwithstanding; platform names do not', () => {
    writeFileSync(
      join(dir, 'internal.ts'),
      `
      /** Shared by the modules of a feature. @internal */
      export class Runtime { isCurrent = true; schedule() {} addEventListener() {} shared = 0; }
      /** @internal */
      export interface Work { warnedOnce: boolean; asked: boolean }
      export const work = { warnedOnce: false };`,
    );
    try {
      const names = privateMemberNames(dir);
      for (const name of ['isCurrent', 'schedule', 'warnedOnce']) assert.ok(names.includes(name), name);
      // A DOM name, a name that is public elsewhere, a name in a string.
      for (const name of ['addEventListener', 'shared', 'asked']) assert.ok(!names.includes(name), name);
    } finally {
      rmSync(join(dir, 'internal.ts'));
    }
  });

  test("the elements' reactive properties and context members are never among src/'s names", () => {
    const names = privateMemberNames(join(import.meta.dirname, '../../src'));
    assert.ok(names.length > 0);
    for (const name of ['flow', 'adapter', 'state', 'value', 'render', 'host']) assert.ok(!names.includes(name), name);
  });
});
