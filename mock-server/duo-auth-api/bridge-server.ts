/**
 * The Duo bridge over the simulated Auth API as an HTTP server, in ticket mode (`sessionBound: false`)
 * with the test-control interface: what the conformance kit needs to check the bridge.
 *
 *   npx tsx mock-server/duo-auth-api/bridge-server.ts [--port 8792]
 *   npx tsx conformance/cli.ts --base-url http://127.0.0.1:8792/mfa
 */
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { createDuoBridge } from '../../src/server/duo-bridge.js';
import { decodeText, Sealer } from '../../src/server/sealed-ids.js';
import { createDuoAuthApiHandler } from './handler.js';
import { DuoAuthApiSimulator } from './simulator.js';
import { createTestControlHandler, Tickets } from './test-control.js';

const PHONE = ['auto', 'push', 'sms', 'phone', 'mobile_otp'] as const;

export async function startDuoBridgeServer(port = 0): Promise<{ server: Server; baseUrl: string; sim: DuoAuthApiSimulator; close(): Promise<void> }> {
  const sim = new DuoAuthApiSimulator({ rememberedDevices: true, longPollMs: 20_000 });
  sim.addUser({ username: 'alice', devices: [{ device: 'DPALICEPHONE00000001', type: 'phone', name: 'iPhone', display_name: 'iOS (XXX-XXX-0105)', number: 'XXX-XXX-0105', capabilities: [...PHONE] }], bypassCodes: ['123456789', '234567891'] });
  sim.addUser({ username: 'bob', devices: [{ device: 'DPBOBPHONE0000000001', type: 'phone', name: 'Android', display_name: 'Android (XXX-XXX-2244)', number: 'XXX-XXX-2244', capabilities: [...PHONE] }] });
  const tickets = new Tickets(new Sealer('test-ticket-key-shared-with-the-host-0123456789', false));
  const bridge = createDuoBridge({
    integrationKey: sim.integrationKey,
    secretKey: sim.secretKey,
    apiHost: 'api-simulated.duo.test',
    basePath: '/mfa',
    sessionBound: false,
    getUsername: (_request, body) => tickets.verify(body?.['ticket']),
    rememberMeSeconds: 28_800,
    fetch: createDuoAuthApiHandler(sim),
  });
  // Duo's txid → the bridge's, read from the bridge's start answers (the txid embeds Duo's, base64url).
  const txids = new Map<string, string>();
  const remember = (txid: unknown) => {
    const duo = typeof txid === 'string' ? decodeText(txid.split('.')[1] ?? '') : undefined;
    if (duo) txids.set(duo, txid as string);
  };
  const control = createTestControlHandler({ sim, bridge, tickets, basePath: '/mfa', txidOf: (duo) => txids.get(duo) });

  const server = createServer(async (req, res) => {
    const controller = new AbortController();
    res.once('close', () => res.writableFinished || controller.abort());
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
      method: req.method ?? 'GET',
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])) as [string, string][],
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : null,
      signal: controller.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
    try {
      const response = (await control(request)) ?? (await bridge.handle(request));
      if (request.method === 'POST' && response.status === 201) remember(((await response.clone().json()) as { txid?: unknown }).txid);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end();
      if (!controller.signal.aborted) console.error(error);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/mfa`;
  return {
    server,
    baseUrl,
    sim,
    close: () =>
      new Promise((resolve) => {
        sim.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[process.argv.indexOf('--port') + 1] || 8792);
  const { baseUrl } = await startDuoBridgeServer(process.argv.includes('--port') ? port : 8792);
  console.log(`Duo bridge over the simulated Auth API: ${baseUrl} (test control at ${baseUrl}/_test)`);
}
