/**
 * Editor data from the manifest, by the registry's generators: VS Code's HTML custom data
 * (dist/vscode.html-custom-data.json, custom-element-vs-code-integration) and JetBrains' web-types
 * (dist/web-types.json, custom-element-jet-brains-integration). Both show the summaries, attributes (with
 * their values), events, slots, parts and CSS properties of the manifest on hover and completion.
 */
import path from 'node:path';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { expandAttributeTypes } from './expand-types.mjs';
function elementsOf(manifest) {
  return (manifest.modules ?? []).flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName)).map((declaration) => ({ declaration }));
}

export function buildEditorData({ manifest, elements }, distDir) {
  const moduleOf = new Map(elements.map((element) => [element.className, element.module]));
  const withValues = structuredClone(manifest);
  expandAttributeTypes(withValues);
  // Read-only getters (`state`, `flow` of <mfa-prompt>) are not properties to set.
  for (const { declaration } of elementsOf(withValues)) {
    declaration.members = (declaration.members ?? []).filter((member) => !member.readonly);
  }
  const htmlFileName = 'vscode.html-custom-data.json';
  generateVsCodeCustomElementData(structuredClone(withValues), {
    typesSrc: 'editorType',
    outdir: distDir,
    htmlFileName,
    cssFileName: null,
    hideLogs: true,
  });
  const webTypesFileName = 'web-types.json';
  generateJetBrainsWebTypes(structuredClone(withValues), {
    typesSrc: 'editorType',
    outdir: distDir,
    webTypesFileName,
    // Leaves package.json alone: its `web-types` field is written by hand (see docs/frameworks.md).
    packageJson: false,
    // "Go to definition" on a tag opens its class, in the package's dist/ folder.
    modulePathTemplate: (className) => `./dist/${moduleOf.get(className)}`,
    hideLogs: true,
  });
  return [path.join(distDir, htmlFileName), path.join(distDir, webTypesFileName)];
}
