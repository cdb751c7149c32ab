// The TypeScript-private member names in src/ that terser may rename in the CDN bundle (vite.config.ts).
//
// Terser renames a property by name, everywhere in the bundle at once, so a name qualifies only if nothing
// outside its class can reach it by that name. TypeScript guarantees that for `private` members, except
// through strings, so a name is left out when it is also:
// - a member that is not private, an interface property or an object literal key anywhere in src/;
// - decorated (`@state`, `@query`, `@consume`...): Lit registers it by its string name;
// - a word inside any string or template text in src/ (`.flow=${...}` bindings, `changed.has('x')`).
// Terser itself never renames DOM and built-in property names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
const ACCESS = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.PublicKeyword];

export function privateMemberNames(srcDir: string): string[] {
  const privates = new Set<string>();
  const reachable = new Set<string>();
  for (const file of sourceFiles(srcDir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const named = node as ts.Node & { name?: ts.Node };
      const name = named.name && ts.isIdentifier(named.name) ? named.name.text : undefined;
      if (name && (ts.isClassElement(node) || (ts.isParameter(node) && hasModifier(node, [...ACCESS, ts.SyntaxKind.ReadonlyKeyword])))) {
        const decorated = ts.canHaveDecorators(node) && (ts.getDecorators(node) ?? []).length > 0;
        (hasModifier(node, [ts.SyntaxKind.PrivateKeyword]) && !decorated ? privates : reachable).add(name);
      } else if (name && (ts.isTypeElement(node) || ts.isObjectLiteralElementLike(node))) {
        reachable.add(name);
      } else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
        for (const word of node.text.match(WORDS) ?? []) reachable.add(word);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...privates].filter((name) => !reachable.has(name)).sort();
}
