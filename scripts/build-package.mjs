// The last step of `npm run build`: the two files of dist/ that no compiler writes.
// - dist/custom-elements.json, the published Custom Elements Manifest (package.json's `customElements`, read by
//   IDEs, Storybook and the framework wrappers): the one `npm run analyze` just wrote for Storybook
//   (./custom-elements.json, paths into src/*.ts), with every module path moved to the built file in dist/.
// - dist/cdn/mfa-prompt.d.ts, the types of `mfa-prompt/cdn`: Vite writes the bundle, not its types. The bundle
//   is built from src/cdn.ts, whose declarations tsc already wrote to dist/cdn.d.ts; re-export them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** `src/elements/mfa-prompt.ts` → `dist/elements/mfa-prompt.js`; anything else (`lit`, ...) unchanged. */
const toDist = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');

/** Rewrites every `path` and `module` string, at any depth (modules, declarations, exports, superclasses). */
function moveToDist(node) {
  if (Array.isArray(node)) return node.map(moveToDist);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      (key === 'path' || key === 'module') && typeof value === 'string' ? toDist(value) : moveToDist(value),
    ]),
  );
}

const manifest = JSON.parse(readFileSync(here('custom-elements.json'), 'utf8'));
const published = JSON.stringify(moveToDist(manifest), null, 2);
const left = published.match(/"src\/[^"]*"/);
if (left) throw new Error(`build-package: ${left[0]} still points into src/ in dist/custom-elements.json`);
writeFileSync(here('dist/custom-elements.json'), `${published}\n`);

writeFileSync(
  here('dist/cdn/mfa-prompt.d.ts'),
  "// The CDN bundle's API: the same as src/cdn.ts, from which it is built (scripts/build-package.mjs).\nexport * from '../cdn.js';\n",
);
