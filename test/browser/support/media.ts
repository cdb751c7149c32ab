/**
 * Media features for browser tests, the same in every engine: commands of the plugin in
 * scripts/engines/media-plugin.mjs (the runner's own `emulateMedia` drops forced colours outside Chromium).
 *
 * ```ts
 * await needsMedia(this, 'forced-colors'); // skipped, with the engine's reason, where it cannot be emulated
 * await emulateMedia({ forcedColors: 'active' });
 * ```
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { skipInThisEngine } from './skip.js';

/** Playwright's names and values; `null` (or, for forced colours, `'none'`) returns to the default. */
export interface Media {
  colorScheme?: 'light' | 'dark' | null;
  reducedMotion?: 'reduce' | 'no-preference' | null;
  forcedColors?: 'active' | 'none' | null;
}

export type MediaFeature = 'prefers-color-scheme' | 'prefers-reduced-motion' | 'forced-colors';

/** Emulates the media features given; resolves once the page's `matchMedia` sees them. */
export async function emulateMedia(media: Media): Promise<void> {
  await executeServerCommand('engine:emulate-media', media);
}

let limits: Promise<Partial<Record<MediaFeature, string>>> | undefined;

/** Skips the running test in an engine that cannot emulate `feature`, and logs the engine's written reason. */
export async function needsMedia(test: Mocha.Context, feature: MediaFeature): Promise<void> {
  limits ??= executeServerCommand('engine:media-limits');
  const reason = (await limits)[feature];
  if (reason !== undefined) skipInThisEngine(test, reason);
}
