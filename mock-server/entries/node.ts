/**
 * `mfa-prompt/mock/node`: the simulated backend inside a Node test run (node:test, Vitest, Jest): MSW's
 * `setupServer` answers the adapter's `fetch` in this process. The simulator itself comes from
 * `mfa-prompt/mock`.
 */
import { loadPeer, PEERS } from '../core/peers.js';

await loadPeer(PEERS.msw, () => import('msw'), 'mfa-prompt/mock/node');
await loadPeer(PEERS.otplib, () => import('otplib'), 'mfa-prompt/mock/node');
const node = await import('../node.js');

export const { createMockServer } = node;
export type { MockServer, MockServerOptions } from '../node.js';
