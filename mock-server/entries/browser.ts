/**
 * `mfa-prompt/mock/browser`: the simulated backend in a page (a demo, Storybook, browser tests) through
 * MSW's service worker. The page must serve `/mockServiceWorker.js`: `npx msw init public/` (your static
 * directory) copies it there. The simulator itself comes from `mfa-prompt/mock`.
 */
import { loadPeer, PEERS } from '../core/peers.js';

await loadPeer(PEERS.msw, () => import('msw'), 'mfa-prompt/mock/browser');
await loadPeer(PEERS.otplib, () => import('otplib'), 'mfa-prompt/mock/browser');
const browser = await import('../browser.js');

export const { startMockBackend } = browser;
export type { MockBackend, MockBackendOptions } from '../browser.js';
