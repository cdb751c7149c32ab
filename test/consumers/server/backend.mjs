// The host app's test backend: the package's simulator (mfa-prompt/mock) answers the contract's routes
// under /mfa; the host's server hands it each request as a fetch Request (msw's getResponse matches it).
import { getResponse } from 'msw';
import { MfaSimulator, createHandlers } from 'mfa-prompt/mock';

export function createBackend() {
  const simulator = new MfaSimulator();
  const handlers = createHandlers(simulator, { baseUrl: '/mfa' });
  const answer = (request) => getResponse(handlers, request, { baseUrl: new URL(request.url).origin });
  return { simulator, answer };
}
