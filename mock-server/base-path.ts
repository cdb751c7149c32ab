/** The contract's base path: `/mfa`, `/auth/mfa` (a trailing slash dropped), or `` for the root. */
export function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!trimmed.startsWith('/') || /[?#\s*:]/.test(trimmed)) throw new RangeError(`basePath must be a path such as /mfa, got "${basePath}"`);
  return trimmed;
}
