// Prints the CDN bundle's size: raw (minified), gzip and brotli. Run after `npm run build:cdn`.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const file = new URL('../dist/cdn/mfa-prompt.js', import.meta.url);
let code;
try {
  code = readFileSync(file);
} catch {
  console.error('dist/cdn/mfa-prompt.js not found: run `npm run build:cdn` first.');
  process.exit(1);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const peer = 449 * 1024; // the best-known peer widget, gzipped (REFERENCE.md)
console.log(`dist/cdn/mfa-prompt.js  minified ${kb(code.length)}  gzip ${kb(gzip)}  brotli ${kb(brotli)}`);
console.log(`gzip size is ${((gzip / peer) * 100).toFixed(1)}% of the best-known peer widget's 449 KB`);
