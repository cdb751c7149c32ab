#!/usr/bin/env node
/**
 * Framework integrations and editor data, generated from the Custom Elements Manifest after the ESM build:
 *
 *   node scripts/build-integrations.mjs [manifest] [distDir]
 *
 * manifest: dist/custom-elements.json by default; a manifest of the sources (`cem analyze`, module paths
 * `src/...ts`) works too, its paths are mapped to dist/. distDir: dist by default.
 *
 * Writes dist/react/ (mfa-prompt/react), dist/jsx/ (React 19, Preact and Solid JSX types), dist/vue/ (Vue's
 * GlobalComponents), dist/vscode.html-custom-data.json and dist/web-types.json. See docs/frameworks.md.
 */
import { loadManifest } from './integrations/manifest.mjs';
import { buildReact } from './integrations/react.mjs';
import { buildTypes } from './integrations/types.mjs';
import { buildEditorData } from './integrations/editors.mjs';

const [manifestFile = 'dist/custom-elements.json', distDir = 'dist'] = process.argv.slice(2);

try {
  const loaded = loadManifest(manifestFile);
  const written = [...buildReact(loaded, distDir), ...buildTypes(loaded, distDir), ...buildEditorData(loaded, distDir)];
  console.log(`build-integrations: ${loaded.elements.length} elements → ${written.length} files in ${distDir}/`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
