/**
 * Shared set-up of the integration tests: the manifest of the sources (as `npm run analyze` makes it, with the
 * project's analyzer config) and the generated integrations, in a fresh temporary folder:
 *
 *   <dir>/custom-elements.json   <dir>/dist/{react,jsx,vue}/...   <dir>/node_modules → the project's
 *
 * The symlinked node_modules lets fixture apps in <dir> import react, preact, solid-js, vue and @lit/react.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

export function buildIntegrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-integrations-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // The analyzer joins --outdir to the working directory: give it a relative path.
  execFileSync(
    process.execPath,
    [path.join(repo, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--litelement', '--outdir', path.relative(repo, dir)],
    { cwd: repo, stdio: 'pipe' },
  );
  execFileSync(process.execPath, ['scripts/build-integrations.mjs', path.join(dir, 'custom-elements.json'), path.join(dir, 'dist')], {
    cwd: repo,
    stdio: 'pipe',
  });
  return dir;
}
