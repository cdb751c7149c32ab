/**
 * The request bodies of the HTTP contract, checked with a few plain rules (no schema library: the mock's
 * host apps would have to install it). Each reader returns exactly the contract's type with unknown keys
 * dropped, or throws a 400 `invalid_request` that names the field and what it should be, never the value
 * received: that may be a passcode.
 */
import { METHODS, type PreauthRequestBody, type StartTransactionBody, type WebAuthnAssertionBody } from '../src/adapter/wire.js';
import type { WebAuthnAssertion } from '../src/adapter/types.js';
import { base64url, boolean, invalid, object, oneOf, optional, text, type Json } from './checks.js';

export { readJson } from './checks.js';

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
    ...optional(body, 'rememberMe', boolean),
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
