/**
 * The request bodies of the HTTP contract, checked with a few plain rules (no schema library: the mock's
 * host apps would have to install it). Each reader returns exactly the contract's type with unknown keys
 * dropped, or throws a 400 `invalid_request` that names the field and what it should be, never the value
 * received: that may be a passcode.
 */
import { METHODS, type PreauthRequestBody, type StartTransactionBody, type WebAuthnAssertionBody } from '../src/adapter/wire.js';
import type { WebAuthnAssertion } from '../src/adapter/types.js';
import { SimulatorError } from './core/errors.js';

type Json = Record<string, unknown>;

/** The JSON body of `request`; anything that is not JSON is a 400 `invalid_request`. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    throw new SimulatorError('invalid_request', 'The request body must be JSON.');
  }
}

export function preauthBody(json: unknown): PreauthRequestBody {
  const body = object(json, '');
  return {
    ...optional(body, 'username', (value, at) => text(value, at, 0, 200)),
    ...optional(body, 'ticket', (value, at) => text(value, at, 0, 4096)),
  };
}

export function startBody(json: unknown): StartTransactionBody {
  const body = object(json, '');
  return {
    attemptId: text(body.attemptId, 'attemptId', 1, 200),
    method: oneOf(body.method, 'method', METHODS),
    ...optional(body, 'deviceId', (value, at) => text(value, at, 1, 200)),
    ...optional(body, 'passcode', (value, at) => text(value, at, 0, 100)),
    ...optional(body, 'rememberMe', (value, at) => {
      if (typeof value !== 'boolean') invalid(at, 'a boolean');
      return value;
    }),
  };
}

export function assertionBody(json: unknown): WebAuthnAssertionBody {
  const credential = object(object(json, '').credential, 'credential');
  const response = object(credential.response, 'credential.response');
  if (credential.type !== 'public-key') invalid('credential.type', '"public-key"');
  object(credential.clientExtensionResults, 'credential.clientExtensionResults');
  const assertion: WebAuthnAssertion = {
    id: base64url(credential.id, 'credential.id', 1),
    rawId: base64url(credential.rawId, 'credential.rawId', 1),
    type: 'public-key',
    response: {
      clientDataJSON: base64url(response.clientDataJSON, 'credential.response.clientDataJSON'),
      authenticatorData: base64url(response.authenticatorData, 'credential.response.authenticatorData'),
      signature: base64url(response.signature, 'credential.response.signature'),
      ...optional(response, 'userHandle', (value, at) => base64url(value, at), 'credential.response.'),
    },
    clientExtensionResults: { ...(credential.clientExtensionResults as Json) },
    ...optional(credential, 'authenticatorAttachment', (value, at) => oneOf(value, at, ['platform', 'cross-platform'] as const), 'credential.'),
  };
  return { credential: assertion };
}

function invalid(field: string, expected: string): never {
  throw new SimulatorError('invalid_request', `Invalid request: ${field ? `"${field}"` : 'the body'} should be ${expected}.`);
}

function object(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(at, 'an object');
  return value as Json;
}

function text(value: unknown, at: string, min: number, max: number): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    invalid(at, min > 0 ? `a string of ${min} to ${max} characters` : `a string of at most ${max} characters`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) invalid(at, `one of ${allowed.map((option) => `"${option}"`).join(', ')}`);
  return value as T;
}

/** Binary WebAuthn values in base64url; an assertion is a few KB at most. */
function base64url(value: unknown, at: string, min = 0): string {
  if (typeof value !== 'string' || value.length < min || value.length > 16_384 || !/^[A-Za-z0-9_-]*$/.test(value)) {
    invalid(at, 'base64url text (at most 16384 characters)');
  }
  return value;
}

/** `{ [key]: value }` when the body has the key, `{}` otherwise: absent stays absent (`null` is no absence). */
function optional<K extends string, T>(body: Json, key: K, check: (value: unknown, at: string) => T, prefix = ''): { [P in K]?: T } {
  if (!(key in body) || body[key] === undefined) return {};
  return { [key]: check(body[key], prefix + key) } as { [P in K]?: T };
}
