/** **first-factor ticket** (rule 1): preauth reaches a user only with a ticket the host's server issued. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGES } from '../../mock-server/core/index.js';
import { auth, MINUTE, SECOND, setup, throwsSimulatorError } from './simulator-helpers.js';

/** Decodes a ticket's payload the way anyone holding it could (it is signed, not secret). */
function payloadOf(ticket: string): { sub: string; exp: number; jti: string } {
  const encoded = ticket.slice('tkt_'.length).split('.')[0]!;
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { sub: string; exp: number; jti: string };
}

/** The same ticket with one character of its signature changed. */
function tampered(ticket: string): string {
  const last = ticket.at(-1) === 'A' ? 'B' : 'A';
  return ticket.slice(0, -1) + last;
}

describe('first-factor ticket', () => {
  test('preauth without a ticket is refused as an invalid request, even with a username', () => {
    const { sim } = setup();
    const error = throwsSimulatorError(() => sim.preauth({ username: 'alice' }), 'invalid_request');
    assert.ok(error.message.startsWith(MESSAGES.ticketRequired), error.message);
    assert.match(error.message, /simulator\.issueTicket\(username\)/, 'a caller in this realm learns what to do');
    throwsSimulatorError(() => sim.preauth({ username: 'alice', ticket: '' }), 'invalid_request');
  });

  test('a ticket the simulator issued opens preauth for its subject, without a username too', () => {
    const { sim } = setup();
    const ticket = sim.issueTicket('bob');
    assert.equal(auth(sim.preauth({ ticket })).devices[0]!.id, 'bob-android');
    assert.equal(auth(sim.preauth({ ticket, username: 'bob' })).result, 'auth');
  });

  test('has the contract format: tkt_<payload>.<signature>, payload { sub, exp (seconds), jti of 128+ bits }', () => {
    const { sim, clock } = setup();
    const ticket = sim.issueTicket('alice');
    assert.match(ticket, /^tkt_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/, 'HMAC-SHA256: 32 bytes, 43 base64url characters');
    const payload = payloadOf(ticket);
    assert.deepEqual(Object.keys(payload).sort(), ['exp', 'jti', 'sub']);
    assert.equal(payload.sub, 'alice');
    assert.equal(payload.exp, (clock.now() + 10 * MINUTE) / 1000, 'ten minutes by default');
    assert.match(payload.jti, /^[a-z0-9]{26}$/, '26 characters of 36: 134 bits');
    assert.notEqual(payloadOf(sim.issueTicket('alice')).jti, payload.jti);
  });

  test('a ticket serves several preauths within its lifetime, each with a new attempt', () => {
    const { sim } = setup();
    const ticket = sim.issueTicket('alice');
    const first = auth(sim.preauth({ ticket }));
    const second = auth(sim.preauth({ ticket }));
    assert.notEqual(first.attemptId, second.attemptId);
  });

  test('expires after ten minutes, or after ttlMs', () => {
    const { sim, clock } = setup();
    const ticket = sim.issueTicket('alice');
    const short = sim.issueTicket('alice', { ttlMs: 30 * SECOND });
    clock.advance(30 * SECOND - 1);
    auth(sim.preauth({ ticket: short }));
    clock.advance(1);
    throwsSimulatorError(() => sim.preauth({ ticket: short }), 'expired');
    clock.advance(10 * MINUTE - 30 * SECOND - 1);
    auth(sim.preauth({ ticket }));
    clock.advance(1);
    const error = throwsSimulatorError(() => sim.preauth({ ticket }), 'expired');
    assert.equal(error.message, MESSAGES.attemptExpired);
  });

  test('a bad signature, a forged payload, garbage or another simulator\'s ticket is refused with one answer', () => {
    const { sim } = setup();
    const other = setup().sim;
    const ticket = sim.issueTicket('alice');
    const [, signature] = ticket.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...payloadOf(ticket), sub: 'bob' })).toString('base64url');
    const longLived = Buffer.from(JSON.stringify({ ...payloadOf(ticket), exp: 4_000_000_000 })).toString('base64url');
    const refused = [
      tampered(ticket),
      `tkt_${forgedPayload}.${signature}`,
      `tkt_${longLived}.${signature}`,
      other.issueTicket('alice'),
      ticket.slice('tkt_'.length),
      `${ticket}.extra`,
      'tkt_',
      'tkt_.',
      'tkt_%%%.***',
      'garbage',
    ];
    for (const bad of refused) {
      const error = throwsSimulatorError(() => sim.preauth({ ticket: bad }), 'expired');
      assert.equal(error.message, MESSAGES.attemptExpired, bad);
    }
  });

  test('one spelling per signature: a last character that differs only in base64url\'s spare bits is refused', () => {
    const { sim } = setup();
    const ticket = sim.issueTicket('alice');
    // A 32-byte HMAC is 43 characters; the last carries 4 bits and 2 spare ones: 4 spellings decode alike.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(ticket.at(-1)!);
    const twins = [1, 2, 3].map((spare) => ticket.slice(0, -1) + alphabet[(last & ~3) | ((last + spare) & 3)]);
    for (const twin of twins) throwsSimulatorError(() => sim.preauth({ ticket: twin }), 'expired');
    assert.equal(auth(sim.preauth({ ticket })).result, 'auth');
  });

  test('a username other than the ticket\'s subject is refused, with the same answer', () => {
    const { sim } = setup();
    const error = throwsSimulatorError(() => sim.preauth({ ticket: sim.issueTicket('alice'), username: 'bob' }), 'expired');
    assert.equal(error.message, MESSAGES.attemptExpired);
  });

  test('a ticket for a user the simulator does not know is refused, with the same answer', () => {
    const { sim } = setup();
    const error = throwsSimulatorError(() => sim.preauth({ ticket: sim.issueTicket('mallory') }), 'expired');
    assert.equal(error.message, MESSAGES.attemptExpired);
  });

  test('issueTicket checks its arguments', () => {
    const { sim } = setup();
    assert.throws(() => sim.issueTicket(''), TypeError);
    assert.throws(() => sim.issueTicket('alice', { ttlMs: 0 }), /ttlMs/);
    assert.throws(() => sim.issueTicket('alice', { ttlMs: Number.NaN }), /ttlMs/);
  });
});
