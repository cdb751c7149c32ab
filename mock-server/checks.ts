/**
 * Plain checks for JSON request bodies (the contract's and the test-control API's), in place of a schema
 * library that host apps of `mfa-prompt/mock` would have to install. A failed check throws a 400
 * `invalid_request` naming the field and what it should be, never the value received: it may be a passcode.
 */
import { SimulatorError } from './core/errors.js';

export type Json = Record<string, unknown>;

/** The JSON body of `request`; anything that is not JSON is a 400 `invalid_request`. `allowEmpty`: no body is `{}`. */
export async function readJson(request: Request, { allowEmpty = false } = {}): Promise<unknown> {
  const body = await request.text();
  if (allowEmpty && body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new SimulatorError('invalid_request', 'The request body must be JSON.');
  }
}

export function invalid(field: string, expected: string): never {
  throw new SimulatorError('invalid_request', `Invalid request: ${field ? `"${field}"` : 'the body'} should be ${expected}.`);
}

export function object(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(at, 'an object');
  return value as Json;
}

export function text(value: unknown, at: string, min: number, max: number): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    invalid(at, min > 0 ? `a string of ${min} to ${max} characters` : `a string of at most ${max} characters`);
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) invalid(at, `one of ${allowed.map((option) => `"${option}"`).join(', ')}`);
  return value as T;
}

/** Binary WebAuthn values in base64url; an assertion is a few KB at most. */
export function base64url(value: unknown, at: string, min = 0): string {
  if (typeof value !== 'string' || value.length < min || value.length > 16_384 || !/^[A-Za-z0-9_-]*$/.test(value)) {
    invalid(at, 'base64url text (at most 16384 characters)');
  }
  return value;
}

/** `{ [key]: value }` when the body has the key, `{}` otherwise: absent stays absent (`null` is no absence). */
export function optional<K extends string, T>(body: Json, key: K, check: (value: unknown, at: string) => T, prefix = ''): { [P in K]?: T } {
  if (!(key in body) || body[key] === undefined) return {};
  return { [key]: check(body[key], prefix + key) } as { [P in K]?: T };
}

/** A number in [min, max] (`integer`: whole numbers only; `above`: strictly greater than min). */
export function number(value: unknown, at: string, { min, max, integer = false, above = false }: { min: number; max: number; integer?: boolean; above?: boolean }): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (above ? value > min : value >= min) && value <= max && (!integer || Number.isInteger(value));
  if (!ok) invalid(at, `${integer ? 'a whole number' : 'a number'} ${above ? 'above' : 'from'} ${min} to ${max}`);
  return value as number;
}

export function boolean(value: unknown, at: string): boolean {
  if (typeof value !== 'boolean') invalid(at, 'a boolean');
  return value;
}
