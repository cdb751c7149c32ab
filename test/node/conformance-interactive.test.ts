/**
 * The kit's interactive mode (`--interactive`), for a staging server without the test-control interface:
 * the kit tells a person what to do ("Approve the push on alice's phone now (code 123)") and reads the
 * codes they type. Here the person is simulated: it reads the kit's instructions and acts on the
 * simulator's phone, typing codes into the kit's input stream.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { runConformance, type RunReport } from '../../conformance/index.js';
import { startMockHttpServer, type MockHttpServer } from '../../mock-server/http-server.js';
import type { OffsetClock } from '../../mock-server/core/index.js';

let server: MockHttpServer;
let withControl: MockHttpServer;
before(async () => {
  withControl = await startMockHttpServer({ port: 0 });
  // No test control: only what a person can do. Generous limits: nothing resets the server between checks.
  server = await startMockHttpServer({
    port: 0,
    testControl: false,
    simulatorOptions: { rateLimits: { preauth: { max: 1000, windowMs: 60_000 }, push: { max: 1000, windowMs: 60_000 } } },
  });
});
after(async () => {
  await server.close();
  await withControl.close();
});

/**
 * A person with the simulator's phones, following the kit's instructions. Asked for the next
 * authenticator code, they wait for it: the simulator's clock moves 30 s (the kit itself has no clock).
 */
function person(sim: MockHttpServer['simulator'], clock: MockHttpServer['clock']) {
  const input = new PassThrough();
  const heard: string[] = [];
  const later = (act: () => void) => setTimeout(act, 30);
  const say = (line: string) => {
    heard.push(line);
    let m: RegExpExecArray | null;
    if ((m = /Approve the push on (\w+)'s phone now(?: \(code (\d+)\))?/.exec(line))) {
      const [, user, code] = m;
      later(() => sim.phone(user!).approvePush(code));
    } else if ((m = /Deny the push on (\w+)'s phone/.exec(line))) {
      const user = m[1]!;
      later(() => sim.phone(user).denyPush());
    } else if ((m = /Answer the call on (\w+)'s phone now and press a key/.exec(line))) {
      const user = m[1]!;
      later(() => {
        sim.phone(user).answerCall();
        later(() => sim.phone(user).pressKey('1'));
      });
    } else if ((m = /Type the first code of the newest SMS batch (\w+) received on (\S+),/.exec(line))) {
      const [, user, deviceId] = m;
      const batch = sim.phone(user!).smsInbox().findLast((message) => message.deviceId === deviceId);
      later(() => input.write(`${batch?.codes[0] ?? ''}\n`));
    } else if ((m = /Type the current code of (\w+)'s authenticator app|wait for (\w+)'s authenticator to show the next code/.exec(line))) {
      const user = (m[1] ?? m[2])!;
      if (m[2]) (clock as OffsetClock).advance(30_000);
      later(() => input.write(`${sim.phone(user).authenticatorCode()}\n`));
    }
  };
  return { input, say, heard };
}

describe('interactive mode', { timeout: 60_000 }, () => {
  let report: RunReport;
  let heard: string[];

  test('a person plays the phone: the flows pass; what cannot be done by hand is skipped, saying so', async () => {
    const you = person(server.simulator, server.clock);
    heard = you.heard;
    report = await runConformance({
      baseUrl: server.baseUrl,
      interactive: true,
      interactiveTimeoutMs: 5000,
      tickets: async (user) => server.simulator.issueTicket(user),
      input: you.input,
      say: you.say,
      only: ['flow.push', 'flow.push-verified', 'flow.push-deny', 'flow.call', 'flow.sms-passcode', 'flow.authenticator', 'passcode.single-use', 'attempt-binding.poll', 'failure-cap.*', 'token-once', 'sms.batch-invalidation', 'cookie.remember-me'],
    });
    assert.equal(report.phone, 'interactive');
    const outcome = Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));
    assert.deepEqual(outcome, {
      'flow.push': 'pass',
      'flow.push-verified': 'skip',
      'flow.push-deny': 'pass',
      'flow.call': 'pass',
      'flow.sms-passcode': 'pass',
      'flow.authenticator': 'pass',
      'attempt-binding.poll': 'pass',
      'token-once': 'skip',
      'passcode.single-use': 'pass',
      'sms.batch-invalidation': 'skip',
      'failure-cap.delays': 'pass',
      'failure-cap.lockout': 'skip',
      'failure-cap.survives-lock': 'skip',
      'failure-cap.keyword-not-a-failure': 'pass',
      'cookie.remember-me': 'pass',
    }, JSON.stringify(report.results.filter((r) => r.outcome === 'fail'), null, 1));
    for (const r of report.results.filter((x) => x.outcome === 'skip')) assert.match(r.reason ?? '', /cannot be done by hand in reasonable time/);
  });

  test('the instructions name the user, the phone and the code the screen shows', () => {
    assert.ok(heard.some((line) => /^>>> Approve the push on alice's phone now \(code \d{3}\)\.$/.test(line)), heard.join('\n'));
    assert.ok(heard.some((line) => line.startsWith(">>> Type the current code of alice's authenticator app")));
  });

  test('the bin with --interactive and --ticket-command: instructions on stdout, the code typed on stdin', async () => {
    // The host's "first factor": a command that asks the simulator for a ticket (as a host server would issue one).
    const ticketCommand = `node -e "fetch(process.argv[1], { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: process.env.MFA_USER }) }).then((r) => r.json()).then((j) => process.stdout.write(j.ticket))" ${withControl.baseUrl}/_test/tickets`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'conformance/cli.ts', '--base-url', withControl.baseUrl, '--no-control', '--interactive', '--timeout', '10', '--ticket-command', ticketCommand, '--only', 'flow.authenticator,flow.push'], { cwd: process.cwd() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/Type the current code of alice's authenticator app/.test(chunk.toString())) child.stdin.write(`${withControl.simulator.phone('alice').authenticatorCode()}\n`);
      const push = /Approve the push on alice's phone now \(code (\d+)\)/.exec(chunk.toString());
      if (push) withControl.simulator.phone('alice').approvePush(push[1]);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /phone: you \(interactive\)/);
    assert.match(stdout, /PASS {2}flow\.push:/);
    assert.match(stdout, /PASS {2}flow\.authenticator:/);
    assert.match(stdout, /2 passed, 0 failed, 0 skipped/);
  });

  test('nobody answers: the step fails after the timeout with a clear reason', async () => {
    const report = await runConformance({
      baseUrl: server.baseUrl,
      interactive: true,
      interactiveTimeoutMs: 300,
      tickets: async (user) => server.simulator.issueTicket(user),
      input: new PassThrough(),
      say: () => undefined,
      only: ['flow.authenticator'],
    });
    assert.equal(report.results[0]?.outcome, 'fail');
    assert.match(report.results[0]?.reason ?? '', /no answer within/);
  });
});
