import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `npm start` serves the demo (demo/) against the simulated backend in the browser;
// `npm run build:cdn` builds the single-file CDN bundle (Lit included, every tag registered).
export default defineConfig({
  root: here('./demo'),
  publicDir: here('./public'),
  server: { port: 5173, host: true },
  preview: { port: 4173 },
  build: {
    outDir: here('./dist/cdn'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: here('./src/cdn.ts'),
      formats: ['es'],
      fileName: () => 'mfa-prompt.js',
    },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
