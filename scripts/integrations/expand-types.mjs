/**
 * Attribute values for the editor data. The manifest writes an attribute's type as the source does
 * (`AutoMethod | undefined`, `StatusTone`), and the VS Code and JetBrains generators offer every name in it as
 * a value, so VS Code would suggest `auto-method="AutoMethod"`. The TypeScript compiler resolves each
 * attribute's property type: a union of string literals becomes `'push' | 'phone' | 'passcode' | 'sms'`
 * (offered as values), anything else keeps the manifest's text.
 */
import path from 'node:path';
import ts from 'typescript';

/** The file the compiler reads for a manifest module: the source (`src/x.ts`) or the declaration (`dist/x.d.ts`). */
function typeFile(modulePath) {
  const clean = modulePath.replace(/^\.?\//, '');
  return path.resolve(clean.endsWith('.js') ? clean.replace(/\.js$/, '.d.ts') : clean);
}

/** `'a' | 'b'` when every member of the type (but undefined and null) is a string literal, else undefined. */
function literalUnion(type) {
  const members = type.isUnion() ? type.types : [type];
  const literals = members.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  if (literals.length === 0 || !literals.every((t) => t.isStringLiteral())) return undefined;
  return literals.map((t) => `'${t.value}'`).join(' | ');
}

/**
 * Sets `editorType` on every attribute of the manifest's elements (read by the editor generators' `typesSrc`):
 * the literal union when there is one, the manifest's type text otherwise.
 */
export function expandAttributeTypes(manifest) {
  const modules = (manifest.modules ?? []).filter((mod) => (mod.declarations ?? []).some((d) => d.customElement && d.tagName));
  const program = ts.createProgram(
    modules.map((mod) => typeFile(mod.path)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      experimentalDecorators: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  for (const mod of modules) {
    const source = program.getSourceFile(typeFile(mod.path));
    const exports = source && checker.getSymbolAtLocation(source);
    for (const declaration of mod.declarations ?? []) {
      if (!(declaration.customElement && declaration.tagName)) continue;
      const classSymbol = exports && checker.getExportsOfModule(exports).find((s) => s.name === declaration.name);
      if (!classSymbol) throw new Error(`build-integrations: the compiler finds no class ${declaration.name} in ${typeFile(mod.path)}`);
      const instance = checker.getDeclaredTypeOfSymbol(classSymbol);
      for (const attribute of declaration.attributes ?? []) {
        const property = attribute.fieldName && instance.getProperty(attribute.fieldName);
        const literals = property && literalUnion(checker.getTypeOfSymbol(property));
        attribute.editorType = { text: literals ?? attribute.type?.text ?? 'string' };
      }
    }
  }
}
