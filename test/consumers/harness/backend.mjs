// The MFA backend the consumer apps' pages talk to (through the host's server): the project's simulator
// as a real HTTP server with its test-control API (docs/test-control.md), on 127.0.0.1 and a free port.
// The harness only uses it over HTTP, as a host app would use any backend in test mode.
import { tsImport } from 'tsx/esm/api';

export async function startBackend() {
  const { startMockHttpServer } = await tsImport('../../../mock-server/http-server.ts', import.meta.url);
  // The real server's origin; its routes live under /mfa.
  const server = await startMockHttpServer({ port: 0 });
  return { url: server.url, close: () => server.close() };
}
