/**
 * The browser's side of a security-key login, for stories: `WebAuthnClient`s for `<mfa-prompt>`'s
 * `webauthn` property, built with the prompt's own browser client (`createBrowserWebAuthn`) over stand-ins
 * for the page's globals, so each story behaves the same everywhere.
 *
 * Why not the page's own `navigator.credentials`: what it does depends on the page and the machine, not on
 * the story. On the story test's `http://127.0.0.1` it refuses at once (an IP address is not a valid RP ID,
 * so the prompt would say "needs a secure page"), on `localhost` it opens the browser's own dialog, and with a
 * key plugged in the user could touch it. These stand-ins give each story its one state.
 */
import { createBrowserWebAuthn } from '../../src/webauthn/browser-client.js';
import type { WebAuthnClient } from '../../src/webauthn/types.js';

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
