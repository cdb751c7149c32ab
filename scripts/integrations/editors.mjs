/**
 * Editor data from the manifest, by the registry's generators: VS Code's HTML custom data
 * (dist/vscode.html-custom-data.json, custom-element-vs-code-integration) and JetBrains' web-types
 * (dist/web-types.json, custom-element-jet-brains-integration). Both show the summaries, attributes (with
 * their values), events, slots, parts and CSS properties of the manifest on hover and completion.
 */
import path from 'node:path';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { distPath } from './manifest.mjs';

export function buildEditorData({ manifest }, distDir) {
  const htmlFileName = 'vscode.html-custom-data.json';
  generateVsCodeCustomElementData(structuredClone(manifest), {
    outdir: distDir,
    htmlFileName,
    cssFileName: null,
    hideLogs: true,
  });
  const webTypesFileName = 'web-types.json';
  generateJetBrainsWebTypes(structuredClone(manifest), {
    outdir: distDir,
    webTypesFileName,
    // Leaves package.json alone: its `web-types` field is written by hand (see docs/frameworks.md).
    packageJson: false,
    // "Go to definition" on a tag opens the module that registers it.
    modulePathTemplate: (_name, module) => `./${distPath(module)}`,
    hideLogs: true,
  });
  return [path.join(distDir, htmlFileName), path.join(distDir, webTypesFileName)];
}
