// `npm run build:esm`: the package's ES modules, in two builds that follow Lit's own convention.
// - dist/development/**/*.js: tsc's plain output, what a bundler picks under the `development` export
//   condition (Vite's dev server, web-test-runner, `node --conditions=development`). Readable, one module per
//   source file, maps into src/.
// - dist/**/*.js: the default (production) build: the same modules, one per source file and Lit left external,
//   but with the `html` and `css` templates minified by Lit's own plugin (the CDN build uses it too). The JS
//   itself is not minified: the app's bundler does that, and it cannot minify what is inside a template string.
// - dist/**/*.d.ts: the types, once, beside the production modules (tsc's `declarationDir`).
// Both builds' maps point at src/*.ts, which the package ships (one copy of the sources for both maps).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { fieldDecorate } from './field-decorate.ts';
import { build } from 'vite';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const require = createRequire(import.meta.url);

rmSync(here('dist'), { recursive: true, force: true });

// Development build and the declarations: tsconfig.build.json.
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', here('tsconfig.build.json')], {
  stdio: 'inherit',
});

// Production build: Rolldown with one output module per source module (`preserveModules`), so the files and
// their names match dist/development/ and the .d.ts files one for one.
// One per package.json export that is built from src/ (the server bridge included).
const ENTRIES = ['index', 'define', 'adapter/index', 'server/duo-bridge'];
await build({
  configFile: false,
  logLevel: 'warn',
  // The same template minifying and decorator helper as the CDN build (vite.config.ts).
  plugins: [
    minifyLiterals({
      include: [`${here('src')}/**/*.ts`],
      failOnError: true,
      options: { minifyOptions: { removeAttributeQuotes: true } },
    }),
    fieldDecorate(),
  ],
  build: {
    outDir: here('dist'),
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: Object.fromEntries(ENTRIES.map((name) => [name, here(`src/${name}.ts`)])),
      formats: ['es'],
    },
    rollupOptions: {
      // Every dependency stays a bare import: the app shares one Lit.
      external: [/^lit(\/|$)/, /^@lit\//, /^valibot(\/|$)/],
      output: {
        preserveModules: true,
        preserveModulesRoot: here('src'),
        entryFileNames: '[name].js',
        // The maps name src/*.ts, which the package ships, instead of carrying a second copy of each source.
        sourcemapExcludeSources: true,
        // The one helper Rolldown adds (TypeScript's `__decorate`, for Lit's decorators) gets a plain name: dist/helpers/decorate.js.
        sanitizeFileName: (name) => name.replace(/^.*oxc-project.runtime.*\/helpers\/esm\//, 'helpers/'),
      },
      checks: { bundlerTimings: false },
    },
  },
});
