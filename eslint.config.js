// Lint for the elements' templates and custom-element rules: eslint-plugin-lit, eslint-plugin-lit-a11y and
// eslint-plugin-wc, on src/ and stories/ (typescript-eslint only parses the TypeScript). A false positive gets
// `// eslint-disable-next-line <rule> -- <reason>`; an unused disable is an error.
//
// `npm run lint` then runs lit-analyzer on src/elements, which type-checks the template bindings, in strict mode
// (unknown attributes, properties, events and slots) and failing on any warning, with two rules off:
// - no-missing-import: by design an element module registers nothing (define.ts registers every tag), so a
//   template uses tags its module does not import;
// - no-invalid-css: lit-analyzer 2.0.3's CSS data predates container queries, `color-scheme` and
//   `accent-color`, which it calls unknown (6 false positives). lit-analyzer has no inline disables.
import { defineConfig } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

const files = ['src/**/*.ts', 'stories/**/*.ts'];

export default defineConfig([
  {
    files,
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  { files, extends: [lit.configs['flat/recommended'], litA11y.configs.recommended, wc.configs['flat/recommended']] },
]);
