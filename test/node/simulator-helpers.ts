/** Shared set-up for the simulator specifications: a fake clock, repeatable ids, and assertion helpers. */
import assert from 'node:assert/strict';
import { generateSync } from 'otplib';
import type { PreauthResult } from '../../src/adapter/types.js';
import {
  FakeClock,
  MfaSimulator,
  seededRandom,
  SimulatorError,
  type SimulatorErrorCode,
  type SimulatorOptions,
  type TransactionSnapshot,
} from '../../mock-server/core/index.js';

export function setup(options: SimulatorOptions = {}) {
  const clock = new FakeClock();
  const sim = new MfaSimulator({ clock, random: seededRandom(42), ...options });
  return { clock, sim };
}

export function auth(result: PreauthResult): Extract<PreauthResult, { result: 'auth' }> {
  assert.equal(result.result, 'auth', `expected preauth "auth", got ${JSON.stringify(result)}`);
  return result as Extract<PreauthResult, { result: 'auth' }>;
}

/** Preauth as the prompt sends it: with the ticket the host's server issued after the password step. */
export function preauthAs(sim: MfaSimulator, username: string, options: { rememberToken?: string } = {}): PreauthResult {
  return sim.preauth({ ticket: sim.issueTicket(username), username }, options);
}

/** A fresh login attempt for `username`. */
export function attempt(sim: MfaSimulator, username = 'alice'): string {
  return auth(preauthAs(sim, username)).attemptId;
}

/** Runs `fn`, which must throw a SimulatorError with `code`; returns the error for more checks. */
export function throwsSimulatorError(fn: () => unknown, code: SimulatorErrorCode): SimulatorError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SimulatorError, `expected a SimulatorError, got ${String(error)}`);
    assert.equal(error.code, code, `expected "${code}", got "${error.code}": ${error.message}`);
    return error;
  }
  assert.fail(`expected a SimulatorError "${code}", but nothing was thrown`);
}

export function statusOf(snapshot: TransactionSnapshot): string {
  return snapshot.body.status.status;
}

/** The authenticator code for `secret` at `ms` (the simulator's clock time). */
export function totpAt(secret: string, ms: number): string {
  return generateSync({ secret, epoch: Math.floor(ms / 1000) });
}

export function hotpAt(secret: string, counter: number, digits: 6 | 8 = 6): string {
  return generateSync({ strategy: 'hotp', secret, counter, digits });
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
