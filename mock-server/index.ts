/**
 * The simulated backend's transport-free parts and its MSW handlers. The environment-specific entry points
 * are separate: `mock-server/browser.js` (service worker) and `mock-server/node.js` (Node's fetch).
 */
export * from './core/index.js';
export { createHandlers, rememberCookie, type HandlerOptions } from './handlers.js';
