/**
 * The built CDN bundle in a page of its own: an iframe whose `srcdoc` loads `dist/cdn/mfa-prompt.js`, against
 * the simulated backend of this test page (the service worker answers the frame's requests too). Registers
 * the file's hooks: one backend for the file, a fresh simulator state per test, every frame removed after it.
 */
import { startMockBackend, type MockBackend } from '../../../mock-server/browser.js';
import { MfaSimulator } from '../../../mock-server/core/simulator.js';

export const BUNDLE = '/dist/cdn/mfa-prompt.js';

export interface BundlePages {
  readonly sim: MfaSimulator;
  /** Opens `srcdoc` in a new iframe and resolves once it loaded: module scripts have run (or failed) by then. */
  open(title: string, srcdoc: string): Promise<HTMLIFrameElement>;
}

export function useBundlePages(): BundlePages {
  const sim = new MfaSimulator();
  let backend: MockBackend;
  let opened: HTMLIFrameElement[] = [];

  before(async () => {
    backend = await startMockBackend({ simulator: sim, latencyMs: 10, quiet: true });
  });
  after(() => backend.stop());
  beforeEach(() => sim.reset());
  afterEach(() => {
    for (const frame of opened) frame.remove();
    opened = [];
  });

  return {
    sim,
    async open(title, srcdoc) {
      const frame = document.createElement('iframe');
      frame.title = title;
      frame.style.cssText = 'width: 760px; height: 560px; border: 0';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.srcdoc = srcdoc;
      document.body.append(frame);
      opened.push(frame);
      await loaded;
      return frame;
    },
  };
}
