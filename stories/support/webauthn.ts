/**
 * The browser's side of a security-key login, for stories: `WebAuthnClient`s for `<mfa-prompt>`'s
 * `webauthn` property, built with the prompt's own browser client (`createBrowserWebAuthn`) over stand-ins
 * for the page's globals, so each story behaves the same everywhere.
 *
 * Why not the page's own `navigator.credentials`: what it does depends on the page and the machine, not on
 * the story. On the story test's `http://127.0.0.1` it refuses at once (an IP address is not a valid RP ID,
 * so the prompt would say "needs a secure page"), on `localhost` it opens the browser's own dialog, and with a
 * key plugged in the user could touch it. These stand-ins give each story its one state: a key not touched
 * yet, a dialog closed, a browser without WebAuthn, an insecure page, and a key touched (`keyTouched`, which
 * signs for real with the story key of `support/devices.ts`).
 */
import type { WebAuthnAssertion } from '../../src/adapter/types.js';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { createBrowserWebAuthn } from '../../src/webauthn/browser-client.js';
import type { WebAuthnClient } from '../../src/webauthn/types.js';
import { STORY_KEY } from './devices.js';

type Get = (options: CredentialRequestOptions) => Promise<Credential | null>;

/** A secure page with WebAuthn, whose `navigator.credentials.get()` is `get`. */
function browserWhereGet(get: Get): WebAuthnClient {
  return createBrowserWebAuthn({
    isSecureContext: true,
    credentials: { get },
    // The real interface when the browser has it (its parseRequestOptionsFromJSON reads the backend's options).
    PublicKeyCredential: globalThis.PublicKeyCredential ?? {},
  });
}

/**
 * The browser asks for the key and the user has not touched it yet: `get()` waits, as it does while the
 * browser's dialog is open, until the prompt aborts it (Cancel, another method).
 */
export const keyNotTouchedYet: WebAuthnClient = browserWhereGet(
  ({ signal }) =>
    new Promise((_, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    }),
);

/**
 * The user closed the browser's dialog (or pressed its Cancel): `get()` rejects at once with the
 * `NotAllowedError` Chromium reports for it, well before the request's timeout.
 */
export const keyDialogCanceled: WebAuthnClient = browserWhereGet(() =>
  Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError')),
);

/** A browser without WebAuthn (no `PublicKeyCredential`, no `navigator.credentials`) on a secure page. */
export const browserWithoutWebAuthn: WebAuthnClient = createBrowserWebAuthn({
  isSecureContext: true,
  credentials: undefined,
  PublicKeyCredential: undefined,
});

/** A page served over plain http (not localhost): browsers refuse WebAuthn there. */
export const insecurePage: WebAuthnClient = createBrowserWebAuthn({
  isSecureContext: false,
  credentials: globalThis.navigator?.credentials,
  PublicKeyCredential: globalThis.PublicKeyCredential,
});

/**
 * The user touches the key (the story key of `support/devices.ts`) `afterMs` after the browser asked: `get()`
 * answers a genuine assertion, signed with WebCrypto for this page's origin and the RP ID the backend asked
 * for, which the simulator checks like any other (signature, challenge, origin, RP ID, sign counter).
 * `credentialId` makes it answer as another key, one the user never registered.
 */
export function keyTouched({ afterMs = 0, credentialId = STORY_KEY.credentialId } = {}): WebAuthnClient {
  let counter = 0;
  return browserWhereGet(async ({ publicKey, signal }) => {
    if (!publicKey) throw new DOMException('Only public-key credentials here.', 'NotSupportedError');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, afterMs);
      signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
    counter += 1;
    const assertion = await sign(publicKey, credentialId, counter);
    // What browser-client.ts reads from a PublicKeyCredential: its toJSON().
    return { id: credentialId, type: 'public-key', toJSON: () => assertion } as unknown as Credential;
  });
}

const encoder = new TextEncoder();

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** WebCrypto's ECDSA signature (r ‖ s, 32 bytes each) in the DER form WebAuthn uses. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array): Uint8Array => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1]! < 0x80) start += 1;
    const trimmed = bytes.subarray(start);
    const value = trimmed[0]! >= 0x80 ? concat(new Uint8Array([0]), trimmed) : trimmed;
    return concat(new Uint8Array([0x02, value.length]), value);
  };
  const body = concat(integer(raw.subarray(0, 32)), integer(raw.subarray(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

const FLAGS_USER_PRESENT_AND_VERIFIED = 0x05;

async function sign(options: PublicKeyCredentialRequestOptions, credentialId: string, counter: number): Promise<WebAuthnAssertion> {
  const challenge = toBase64url(options.challenge);
  const clientData = encoder.encode(JSON.stringify({ type: 'webauthn.get', challenge, origin: location.origin, crossOrigin: false }));
  const counterBytes = new Uint8Array(4);
  new DataView(counterBytes.buffer).setUint32(0, counter);
  const authenticatorData = concat(
    await sha256(encoder.encode(options.rpId ?? location.hostname)),
    new Uint8Array([FLAGS_USER_PRESENT_AND_VERIFIED]),
    counterBytes,
  );
  const key = await crypto.subtle.importKey('jwk', STORY_KEY.privateKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const signed = concat(authenticatorData, await sha256(clientData));
  const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, signed as Uint8Array<ArrayBuffer>));
  return {
    id: credentialId,
    rawId: credentialId,
    type: 'public-key',
    response: {
      clientDataJSON: toBase64url(clientData as Uint8Array<ArrayBuffer>),
      authenticatorData: toBase64url(authenticatorData as Uint8Array<ArrayBuffer>),
      signature: toBase64url(derSignature(raw) as Uint8Array<ArrayBuffer>),
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform',
  };
}
