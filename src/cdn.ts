/**
 * The single-file CDN bundle: Lit included, every tag registered on load.
 * `<script type="module" src=".../mfa-prompt.js"></script>` and `<mfa-prompt base-url="/mfa" username="…">`.
 */
import './define.js';

export * from './index.js';
