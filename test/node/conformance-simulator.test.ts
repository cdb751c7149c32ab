/**
 * The conformance kit against the simulator's real HTTP server (`startMockHttpServer`): every check passes
 * or is skipped for a stated reason, in a few seconds (the test-control clock moves time). And the command
 * line: flags, one-line errors with exit code 2, `--json`, `--only`, the bin run as a real process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { main } from '../../conformance/cli.js';
import { ALL_CHECKS, runConformance, type RunReport } from '../../conformance/index.js';
import { startMockHttpServer, type MockHttpServer } from '../../mock-server/http-server.js';
import { DEFAULT_USERS } from '../../mock-server/core/index.js';
import { SoftwareAuthenticator } from './simulator-authenticator.js';

let server: MockHttpServer;
let bare: MockHttpServer;

before(async () => {
  server = await startMockHttpServer({ port: 0 });
  bare = await startMockHttpServer({ port: 0, testControl: false });
});
after(async () => {
  await server.close();
  await bare.close();
});

/** Runs the CLI's main in this process; what it printed, and its exit code. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (text) => (out += text), (text) => (err += text));
  return { code, out, err };
}

describe('the kit against the simulator over HTTP', { timeout: 60_000 }, () => {
  let report: RunReport;

  test('every check passes, none skipped (the kit registers its own security key for WebAuthn)', async () => {
    report = await runConformance({ baseUrl: server.baseUrl });
    const failed = report.results.filter((r) => r.outcome === 'fail');
    assert.deepEqual(failed.map((r) => `${r.id}: ${r.reason}`), []);
    assert.deepEqual(report.results.filter((r) => r.outcome === 'skip').map((r) => `${r.id}: ${r.reason}`), []);
    assert.equal(report.results.length, ALL_CHECKS.length);
    assert.equal(report.phone, 'control');
    assert.equal(report.clock, true);
    assert.ok(report.durationMs < 30_000, `the run took ${report.durationMs} ms`);
  });

  test('the checks that review the whole run saw it: schemas and Cache-Control over hundreds of answers', () => {
    const schemas = report.results.find((r) => r.id === 'contract.schemas');
    const count = Number(/(\d+) responses checked/.exec(schemas?.notes.join(' ') ?? '')?.[1]);
    assert.ok(count > 200, `contract.schemas checked ${count} responses`);
  });

  test('without the test-control interface: a user\'s own security key gets its challenge checked; assertions are skipped', async () => {
    const key = await SoftwareAuthenticator.create({ origin: 'http://localhost', rpId: 'localhost' });
    // A configured device survives the kit's resets (a key registered at run time would not).
    const alice = DEFAULT_USERS.find((u) => u.username === 'alice')!;
    const withKey = {
      ...alice,
      devices: [
        ...alice.devices,
        { id: 'alice-key', type: 'security-key' as const, displayName: 'Security key', capabilities: ['webauthn' as const], webauthn: { credentialId: key.credentialId, publicKey: key.publicKeyCose } },
      ],
    };
    const keyServer = await startMockHttpServer({ port: 0, testControl: false, simulatorOptions: { users: [withKey, ...DEFAULT_USERS.filter((u) => u !== alice)] } });
    try {
      const result = await runConformance({ baseUrl: keyServer.baseUrl, only: ['*webauthn*'], tickets: async (user) => keyServer.simulator.issueTicket(user) });
      assert.deepEqual(result.results.map((r) => [r.id, r.outcome]), [['flow.webauthn', 'pass'], ['webauthn.assertion', 'skip']]);
      assert.match(result.results[1]?.reason ?? '', /needs the test-control interface/);
    } finally {
      await keyServer.close();
    }
  });
});

describe('the command line', { timeout: 60_000 }, () => {
  test('--help prints the usage and exits 0', async () => {
    const { code, out } = await cli('--help');
    assert.equal(code, 0);
    assert.match(out, /^Usage: mfa-prompt-conformance --base-url <url>/);
    assert.match(out, /--interactive/);
  });

  test('bad flags: one line, exit code 2', async () => {
    for (const [argv, message] of [
      [['--bogus'], 'unknown option --bogus'],
      [[], '--base-url is required'],
      [['--base-url'], '--base-url needs a value'],
      [['--base-url', 'ftp://x'], '--base-url must be an http(s) URL'],
      [['--base-url', server.baseUrl, '--timeout', 'soon'], '--timeout must be a number of seconds'],
      [['--base-url', server.baseUrl, '--json=yes'], '--json takes no value'],
      [['--base-url', server.baseUrl, 'extra'], 'unexpected argument "extra"'],
      [['--base-url', server.baseUrl, '--user', 'bob', '--other-user', 'bob'], '--user and --other-user must be two different users'],
    ] as const) {
      const { code, err, out } = await cli(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.equal(out, '');
      assert.equal(err.trim().split('\n').length, 1, err);
      assert.ok(err.startsWith(`mfa-prompt-conformance: ${message}`), err);
    }
  });

  test('--only with --json: machine output, exit code 0', async () => {
    const { code, out } = await cli('--base-url', server.baseUrl, '--only', 'attempt-binding.*,token once', '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out) as RunReport;
    assert.deepEqual(report.results.map((r) => r.id), ['attempt-binding.poll', 'attempt-binding.cancel', 'token-once']);
    assert.deepEqual(report.summary, { passed: 3, failed: 0, skipped: 0 });
  });

  test('--only that matches nothing, and --list', async () => {
    const none = await cli('--base-url', server.baseUrl, '--only', 'no-such-check');
    assert.equal(none.code, 2);
    assert.match(none.err, /matches no check/);
    const list = await cli('--list');
    assert.equal(list.code, 0);
    assert.equal(list.out.trim().split('\n').length, ALL_CHECKS.length);
  });

  test('a server without the test-control interface and no --ticket-command: says the kit needs a ticket source', async () => {
    const { code, err } = await cli('--base-url', bare.baseUrl);
    assert.equal(code, 2);
    assert.match(err, /needs first-factor tickets.*--ticket-command/);
  });

  test('--ticket-command without control: checks needing the phone are skipped with the reason', async () => {
    const script = `node --import tsx -e "process.stdout.write('tkt_forged.' + process.env.MFA_USER)"`;
    const { code, out } = await cli('--base-url', bare.baseUrl, '--only', 'ticket.required,flow.call', '--ticket-command', script);
    assert.equal(code, 0, out);
    assert.match(out, /PASS {2}ticket\.required/);
    assert.match(out, /SKIP {2}flow\.call.*\n.*needs someone to act as the phone: the test-control interface \(.*\/_test\) or --interactive/);
    assert.match(out, /1 passed, 0 failed, 1 skipped/);
  });

  test('the bin runs as a process (node --import tsx conformance/cli.ts) and fails with exit code 1 on a violation', async () => {
    const run = (argv: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'conformance/cli.ts', ...argv], { cwd: process.cwd() }, (error, stdout) =>
          resolve({ code: error ? Number(error.code) : 0, stdout }),
        );
      });
    const ok = await run(['--base-url', server.baseUrl, '--only', 'ticket.required']);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /1 passed, 0 failed, 0 skipped/);
    // A server that sends pushes without limit (a simulator option): the push rate limit check fails.
    const unlimited = await startMockHttpServer({ port: 0, simulatorOptions: { rateLimits: { push: { max: 1000, windowMs: 60_000 } } } });
    try {
      const failed = await run(['--base-url', unlimited.baseUrl, '--only', 'rate-limit.push']);
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /FAIL {2}rate-limit\.push \[push rate limit\].*\n.*why: 30 pushes to bob in a row were all sent/);
      assert.match(failed.stdout, /0 passed, 1 failed, 0 skipped/);
    } finally {
      await unlimited.close();
    }
  });
});
