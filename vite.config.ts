import { fileURLToPath } from 'node:url';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { fieldDecorate } from './scripts/field-decorate.js';
import { privateMemberNames } from './scripts/private-names.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `npm start` serves the demo (demo/) against the simulated backend in the browser;
// `npm run build:cdn` builds the single-file CDN bundle (Lit included, every tag registered).
/**
 * The locale chunks import nothing, so Vite's preload helper, which it wraps around every dynamic import of an
 * app build (only library mode goes without, and library mode does not minify ES output), would have nothing to
 * preload: it cost 0.65 KB gzip in mfa-prompt.js. Its plugin is dropped from the CDN build; the imports stay plain
 * `import()`, resolved against mfa-prompt.js's own URL.
 */
const withoutPreloadHelper: Plugin = {
  name: 'mfa-prompt:without-preload-helper',
  apply: 'build',
  configResolved(config) {
    // The CDN build only: Storybook loads this file's plugins for its own build, which keeps its preloads.
    if (config.build.rollupOptions.input !== here('./src/cdn.ts')) return;
    const plugins = config.plugins as Plugin[];
    const index = plugins.findIndex((plugin) => plugin.name === 'native:import-analysis-build');
    if (index < 0) throw new Error('vite.config.ts: Vite renamed its import-analysis plugin; update withoutPreloadHelper.');
    plugins.splice(index, 1);
  },
};

export default defineConfig({
  root: here('./demo'),
  publicDir: here('./public'),
  server: { port: 5173, host: true },
  preview: { port: 4173 },
  // Builds minify the CSS in the elements' `css` templates (lightningcss) and collapse whitespace and comments in
  // their `html` templates (html-minifier-next): Lit's own plugin, for src/ only (Storybook's build too), never
  // in `npm start`. Attribute values lose their quotes where HTML allows (`part=field`, `aria-disabled=${...}`):
  // Lit parses unquoted bindings, and the option never reorders attributes (which would pair the template's
  // expressions with the wrong attributes: `sortAttributes` stays off). 25 B gzip.
  plugins: [
    {
      ...minifyLiterals({
        include: [`${here('./src')}/**/*.ts`],
        failOnError: true,
        options: { minifyOptions: { removeAttributeQuotes: true } },
      }),
      apply: 'build',
    },
    withoutPreloadHelper,
  ],
  build: {
    outDir: here('./dist/cdn'),
    emptyOutDir: true,
    copyPublicDir: false,
    target: 'es2022',
    // Not library mode: it never minifies ES output (it expects the consumer's bundler to); this file is the
    // end product, loaded as is by a <script type="module">.
    // Two minifiers, each for what it does best (measured, gzip -9): terser first (a renderChunk hook), for it
    // renames the TypeScript-private member names (scripts/private-names.ts) while keeping off every DOM
    // property name; then Rolldown's own Oxc minifier (`output.minify`, which runs after the renderChunk hooks)
    // over terser's output: it turns `const` into `let`, folds what terser left and renames the variables in a
    // way gzip likes better, 0.26 KB less than terser alone. Terser's `sequences: false` (statements left apart
    // rather than joined with commas) compresses better still once Oxc has been over it: 34 B.
    minify: 'terser',
    terserOptions: {
      ecma: 2020,
      module: true,
      compress: { passes: 2, sequences: false },
      mangle: { properties: { regex: new RegExp(`^(?:${privateMemberNames(here('./src')).join('|')})$`) } },
    },
    sourcemap: true,
    rollupOptions: {
      input: here('./src/cdn.ts'),
      // The bundle's own, smaller decorator helper (the Storybook build, which drops `build`, keeps Rolldown's).
      plugins: [fieldDecorate()],
      preserveEntrySignatures: 'exports-only',
      // Terser takes most of the build's few seconds; no warning about it.
      checks: { bundlerTimings: false },
      // One file for the prompt, plus one beside it per locale other than English, which the prompt imports on
      // first use (relative to itself, so they load from wherever mfa-prompt.js was loaded). Their names carry no
      // hash, like mfa-prompt.js itself (a release's files change together, under its versioned URL): a page can
      // preload its language by name, and the loader map holds no random strings (114 B gzip less in
      // mfa-prompt.js). `minify`: Oxc after terser (see terserOptions).
      output: { format: 'es', entryFileNames: 'mfa-prompt.js', chunkFileNames: 'mfa-prompt.[name].js', minify: true },
    },
  },
});
