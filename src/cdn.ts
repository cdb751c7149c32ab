/**
 * The single-file CDN bundle: Lit included, every tag registered on load.
 * `<script type="module" src=".../mfa-prompt.js"></script>` and `<mfa-prompt base-url="/mfa" username="…">`.
 */
import { defineMfaElements } from './define.js';

// Called here, not only on import: bundlers may drop a bare `import './define.js'` as side-effect free.
defineMfaElements();

export { defineMfaElements };
export * from './index.js';
