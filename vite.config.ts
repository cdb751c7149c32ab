import { fileURLToPath } from 'node:url';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `npm start` serves the demo (demo/) against the simulated backend in the browser;
// `npm run build:cdn` builds the single-file CDN bundle (Lit included, every tag registered).
export default defineConfig({
  root: here('./demo'),
  publicDir: here('./public'),
  server: { port: 5173, host: true },
  preview: { port: 4173 },
  // Builds minify the CSS in the elements' `css` templates (lightningcss) and collapse whitespace and comments in
  // their `html` templates (html-minifier-next): Lit's own plugin, for src/ only (Storybook's build too), never
  // in `npm start`.
  plugins: [{ ...minifyLiterals({ include: [`${here('./src')}/**/*.ts`], failOnError: true }), apply: 'build' }],
  build: {
    outDir: here('./dist/cdn'),
    emptyOutDir: true,
    copyPublicDir: false,
    target: 'es2022',
    // Not library mode: it never minifies ES output (it expects the consumer's bundler to); this file is the
    // end product, loaded as is by a <script type="module">.
    minify: true,
    sourcemap: true,
    rollupOptions: {
      input: here('./src/cdn.ts'),
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: 'mfa-prompt.js', codeSplitting: false },
    },
  },
});
