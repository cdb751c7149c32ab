/** The kit's pure parts: the entropy estimate, `--only` matching, argument parsing, the schema review. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../conformance/args.js';
import { schemaProblem } from '../../conformance/checks/contract.js';
import { assessIdentifiers } from '../../conformance/entropy.js';
import type { Exchange } from '../../conformance/http.js';
import { retryAfterSeconds } from '../../conformance/http.js';
import { matchesOnly } from '../../conformance/runner.js';

const random = (alphabet: string, length: number) =>
  [...crypto.getRandomValues(new Uint8Array(length))].map((b) => alphabet[b % alphabet.length]).join('');
const BASE36 = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

describe('identifier entropy, estimated from samples', () => {
  test('the simulator\'s ids (26 of 36 characters after "tx_") carry about 134 bits: no problem', () => {
    const result = assessIdentifiers(Array.from({ length: 24 }, () => `tx_${random(BASE36, 26)}`));
    assert.deepEqual(result.problems, []);
    assert.equal(result.prefix, 'tx_');
    assert.equal(result.alphabetSize, 36);
    assert.ok(result.bits > 128 && result.bits < 135, String(result.bits));
  });

  test('32 hex digits are 128 bits; 31 are not enough', () => {
    assert.deepEqual(assessIdentifiers(Array.from({ length: 24 }, () => `att_${random(HEX, 32)}`)).problems, []);
    assert.match(assessIdentifiers(Array.from({ length: 24 }, () => random(HEX, 31))).problems.join(), /about 124 random bits/);
  });

  test('a UUIDv4 (122 random bits) is refused: dashes and the version digit never change', () => {
    const result = assessIdentifiers(Array.from({ length: 24 }, () => crypto.randomUUID()));
    assert.equal(result.alphabetSize, 16);
    assert.ok(result.bits < 128, String(result.bits));
  });

  test('a counter: the common prefix leaves few changing characters, and the ids increase', () => {
    const result = assessIdentifiers(Array.from({ length: 20 }, (_, i) => `att_${String(1000 + i).padStart(26, '0')}`));
    assert.ok(result.problems.some((p) => /random bits/.test(p)));
    assert.ok(result.problems.some((p) => /increase in the order they were issued/.test(p)));
  });

  test('characters that follow the alphabet, and repeats', () => {
    let n = 0;
    const cyclic = () => Array.from({ length: 26 }, () => BASE36[n++ % 36]).join('');
    const result = assessIdentifiers(Array.from({ length: 20 }, () => `tx_${cyclic()}`));
    assert.ok(result.problems.some((p) => /follow each other in alphabet order/.test(p)), result.problems.join('\n'));
    assert.match(assessIdentifiers(['a'.repeat(30), 'a'.repeat(30), random(BASE36, 30)]).problems.join(), /repeated/);
  });

  test('one sample: judged by its length and characters only', () => {
    assert.deepEqual(assessIdentifiers([`rem_${random(BASE36, 32)}`]).problems, []);
    assert.match(assessIdentifiers(['rem_12345678']).problems.join(), /fewer than 128/);
  });
});

describe('--only', () => {
  const check = { id: 'attempt-binding.poll', rule: 'attempt binding' };
  test('an id, a group, a rule name or a wildcard, case-insensitive; never a mere substring', () => {
    for (const pattern of ['attempt-binding.poll', 'attempt-binding', 'ATTEMPT-BINDING.*', 'attempt binding', '*.poll', '*binding*']) assert.ok(matchesOnly(check, [pattern]), pattern);
    for (const pattern of ['flow.*', 'token', 'poll.*', 'binding', 'attempt-binding.p']) assert.ok(!matchesOnly(check, [pattern]), pattern);
    assert.ok(!matchesOnly({ id: 'flow.push-deny' }, ['flow.push']));
    assert.ok(matchesOnly(check, []));
  });
});

describe('arguments', () => {
  test('values with a space or =, repeated --only, booleans', () => {
    const args = parseArgs(['--base-url=http://127.0.0.1:8787/mfa', '--only', 'a,b', '--only=c', '--json', '--user', 'carl', '--timeout', '30']);
    assert.equal(args.baseUrl, 'http://127.0.0.1:8787/mfa');
    assert.deepEqual(args.only, ['a', 'b', 'c']);
    assert.equal(args.json, true);
    assert.equal(args.user, 'carl');
    assert.equal(args.timeoutSeconds, 30);
  });

  test('mistakes are UsageErrors with one clear sentence', () => {
    for (const argv of [['--base-url', 'x'], ['--base-url', 'http://a/mfa', '--poll-wait', '31'], ['-x'], ['--only']]) {
      assert.throws(() => parseArgs(argv), (error: unknown) => error instanceof UsageError && !error.message.includes('\n'));
    }
    assert.doesNotThrow(() => parseArgs(['--help']));
  });
});

describe('the schema review of one exchange', () => {
  const exchange = (fields: Partial<Exchange>): Exchange => ({
    route: 'poll', method: 'GET', path: '/transactions/tx_1', check: 'x', status: 200, headers: new Headers({ 'Content-Type': 'application/json' }), json: undefined, text: '', ms: 1, ...fields,
  });
  const tx = { txid: 'tx_1', method: 'push', version: 1, status: { status: 'pushed', final: false, message: 'Pushed' } };

  test('a body off the contract, an error code on the wrong status, an unknown code on 401/403', () => {
    assert.equal(schemaProblem(exchange({ json: tx })), undefined);
    assert.match(schemaProblem(exchange({ json: { ...tx, status: { status: 'pushed', final: false } } })) ?? '', /status\.message/);
    assert.match(schemaProblem(exchange({ status: 400, json: { error: { code: 'expired', message: 'x' } } })) ?? '', /belongs with 404, not 400/);
    assert.match(schemaProblem(exchange({ status: 403, json: { error: { code: 'csrf', message: 'x' } } })) ?? '', /bad_response/);
    assert.equal(schemaProblem(exchange({ status: 400, json: { error: { code: 'something_new', message: 'x' } } })), undefined);
    assert.match(schemaProblem(exchange({ route: 'start', status: 200, json: tx })) ?? '', /expected 201/);
    assert.match(schemaProblem(exchange({ route: 'cancel', status: 200 })) ?? '', /expected 204/);
    assert.match(schemaProblem(exchange({ json: tx, headers: new Headers({ 'Content-Type': 'text/html' }) })) ?? '', /Content-Type "text\/html"/);
  });
});

test('Retry-After: seconds or an HTTP date', () => {
  assert.equal(retryAfterSeconds(new Headers({ 'Retry-After': '30' })), 30);
  assert.equal(retryAfterSeconds(new Headers({ 'Retry-After': new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString() }), Date.UTC(2026, 0, 1)), 60);
  assert.ok(Number.isNaN(retryAfterSeconds(new Headers({ 'Retry-After': 'soon' }))));
  assert.equal(retryAfterSeconds(new Headers()), undefined);
});
