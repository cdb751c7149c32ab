// The TypeScript-private member names in src/ that terser may rename in the CDN bundle (vite.config.ts).
//
// Terser renames a property by name, everywhere in the bundle at once, so a name qualifies only if nothing
// outside its class can reach it by that name. TypeScript guarantees that for `private` members, except
// through strings, so a name is left out when it is also:
// - a member that is not private, an interface property or an object literal key anywhere in src/;
// - decorated (`@state`, `@query`, `@consume`...): Lit registers it by its string name;
// - a word inside any string or template text in src/ (`.flow=${...}` bindings, `changed.has('x')`).
// Terser itself never renames DOM and built-in property names.
//
// The members of a class, interface or type marked `/** @internal */` (the flow's runtime, the poll loop:
// shared between modules, so not `private`) qualify on the same terms, except that object literal keys do
// not rule them out: such types are mostly built as literals, and terser renames the keys with the members.
// Instead, a name any declaration of the platform or of Lit knows (lib.*.d.ts, Lit's .d.ts files) is left
// out, so no object handed to them loses a key they read. test/node/private-names.test.ts proves that no
// name renamed is a property of a type the package exports.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const hasModifier = (node: ts.Node, kinds: ts.SyntaxKind[]) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => kinds.includes(m.kind));

const WORDS = /[A-Za-z_$][\w$]*/g;

const isInternal = (node: ts.Node | undefined): boolean =>
  !!node && ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');

/** The declaration whose members `node` is one of: a class, interface, or the type alias of a type literal. */
function owner(node: ts.Node): ts.Node | undefined {
  const parent = ts.isConstructorDeclaration(node.parent) ? node.parent.parent : node.parent;
  return ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent) ? parent.parent : parent;
}

const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url));
let externalNames: Set<string> | undefined;

/** Every word in the platform's and Lit's declarations: names code outside src/ may read. */
function external(): Set<string> {
  if (externalNames) return externalNames;
  const libDir = join(nodeModules, 'typescript/lib');
  const files = readdirSync(libDir).filter((f) => /^lib\..*\.d\.ts$/.test(f)).map((f) => join(libDir, f));
  for (const pkg of ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context']) {
    files.push(...declarationFiles(join(nodeModules, pkg)));
  }
  // Words of the code only: comments mention all sorts of words.
  const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  externalNames = new Set(files.flatMap((file) => code(file).match(WORDS) ?? []));
  return externalNames;
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : declarationFiles(path);
    return path.endsWith('.d.ts') ? [path] : [];
  });
}
const ACCESS = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.PublicKeyword];

export function privateMemberNames(srcDir: string): string[] {
  const privates = new Set<string>();
  const internals = new Set<string>();
  const keys = new Set<string>();
  const reachable = new Set<string>();
  for (const file of sourceFiles(srcDir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const named = node as ts.Node & { name?: ts.Node };
      const name = named.name && ts.isIdentifier(named.name) ? named.name.text : undefined;
      if (name && (ts.isClassElement(node) || (ts.isParameter(node) && hasModifier(node, [...ACCESS, ts.SyntaxKind.ReadonlyKeyword])))) {
        const decorated = ts.canHaveDecorators(node) && (ts.getDecorators(node) ?? []).length > 0;
        const isPrivate = hasModifier(node, [ts.SyntaxKind.PrivateKeyword]);
        (decorated ? reachable : isPrivate ? privates : isInternal(owner(node)) ? internals : reachable).add(name);
      } else if (name && ts.isTypeElement(node)) {
        (isInternal(owner(node)) ? internals : reachable).add(name);
      } else if (name && ts.isObjectLiteralElementLike(node)) {
        keys.add(name);
      } else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
        for (const word of node.text.match(WORDS) ?? []) reachable.add(word);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const outside = external();
  return [
    ...[...privates].filter((name) => !reachable.has(name) && !keys.has(name)),
    ...[...internals].filter((name) => !reachable.has(name) && !privates.has(name) && !outside.has(name)),
  ].sort();
}
