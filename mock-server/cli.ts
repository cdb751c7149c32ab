/**
 * `npm run mock-server -- [flags]`: the simulator as a real HTTP server on this machine (issue 9).
 * Bad flags and a port in use print one clear line and exit with code 2, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { normaliseBasePath } from './base-path.js';
// Loaded only to serve: --help and a bad flag answer at once, without loading the simulator.
import type { MockHttpServer } from './http-server.js';

export const USAGE = `Usage: npm run mock-server -- [options]
       node scripts/mock-server.mjs [options]

The simulated MFA backend (mock-server/) as an HTTP server: the contract of docs/openapi.yaml under
the base path, and the test-control API of docs/test-control.md under <base path>/_test.

Options:
  --port <n>          port to listen on, 0 for any free port (default 8787)
  --host <address>    address to listen on (default 127.0.0.1: this machine only)
  --base-path <path>  where the contract's routes live (default /mfa)
  --latency-ms <n>    milliseconds added before every answer (default 0)
  --no-test-control   turn the test-control API off (it is on by default: this is a test server)
  --rp-id <domain>    WebAuthn relying party ID (default localhost)
  --origin <origin>   an origin WebAuthn assertions may come from, e.g. http://localhost:5173;
                      repeat for several (default http://localhost and https://localhost)
  -h, --help          print this help and exit

Users: alice, bob, carol, dave, erin (see mock-server/README.md). Stop with Ctrl+C.`;

export interface CliConfig {
  port: number;
  host: string;
  basePath: string;
  latencyMs: number;
  testControl: boolean;
  /** WebAuthn's relying party, when given by --rp-id / --origin. */
  webauthn?: { rpId: string; origins: string[] };
}

/** Thrown for a flag the CLI cannot use; the message is one line, for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The flags, checked; `'help'` for --help. Throws {@link UsageError}. */
export function parseCliArgs(argv: string[]): CliConfig | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'base-path': { type: 'string' },
        'latency-ms': { type: 'string' },
        'no-test-control': { type: 'boolean' },
        'rp-id': { type: 'string' },
        origin: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs' messages are one line but name Node's options API; keep the gist.
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '') : String(error);
    throw new UsageError(message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const port = values.port === undefined ? 8787 : wholeNumber('--port', values.port);
  if (port > 65535) throw new UsageError(`--port must be a port number 0-65535, got "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '' || /\s/.test(host)) throw new UsageError(`--host must be an address such as 127.0.0.1, got "${host}"`);
  let basePath: string;
  try {
    basePath = normaliseBasePath(values['base-path'] ?? '/mfa');
  } catch {
    throw new UsageError(`--base-path must be a path such as /mfa, got "${values['base-path']}"`);
  }
  const latencyMs = values['latency-ms'] === undefined ? 0 : wholeNumber('--latency-ms', values['latency-ms']);
  const config: CliConfig = { port, host, basePath, latencyMs, testControl: !values['no-test-control'] };
  if (values['rp-id'] !== undefined || values.origin !== undefined) {
    const rpId = values['rp-id'] ?? 'localhost';
    if (!/^[a-z0-9.-]+$/i.test(rpId)) throw new UsageError(`--rp-id must be a domain such as localhost or example.com, got "${rpId}"`);
    const origins = values.origin ?? ['http://localhost', 'https://localhost'];
    for (const origin of origins) {
      if (!URL.canParse(origin) || new URL(origin).origin !== origin) throw new UsageError(`--origin must be an origin such as http://localhost:5173 (no path), got "${origin}"`);
    }
    config.webauthn = { rpId, origins };
  }
  return config;
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d{1,9}$/.test(text.trim())) throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  return Number(text.trim());
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the CLI: resolves with the server once it listens, or with an exit code (0 for --help, 2 for a usage or listen error). */
export async function runCli(argv: string[], io: CliIo = { out: console.log, err: console.error }): Promise<MockHttpServer | number> {
  let config: CliConfig | 'help';
  try {
    config = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mock-server: ${error.message} (see --help)`);
    return 2;
  }
  if (config === 'help') {
    io.out(USAGE);
    return 0;
  }
  const { ListenError, startMockHttpServer } = await import('./http-server.js');
  try {
    const { webauthn, ...serverOptions } = config;
    const server = await startMockHttpServer({ ...serverOptions, ...(webauthn ? { simulatorOptions: { webauthn } } : {}) });
    io.out(`MFA simulator listening on ${server.baseUrl}`);
    io.out(config.testControl ? `Test control at ${server.baseUrl}/_test (docs/test-control.md)` : 'Test control is off (--no-test-control)');
    return server;
  } catch (error) {
    if (error instanceof ListenError) {
      io.err(`mock-server: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
