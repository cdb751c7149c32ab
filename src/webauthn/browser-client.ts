/**
 * The {@link WebAuthnClient} port implemented with the browser's `navigator.credentials.get()`.
 *
 * Failures become a {@link WebAuthnError} with a reason the prompt can explain; an abort of the caller's
 * signal rejects with `signal.reason` instead. What Chromium 150 reports, observed against the DevTools
 * protocol's virtual authenticator (test/browser/webauthn-client.test.ts):
 * - `NotAllowedError` for a timeout, a refused user verification, a dismissed dialog, and also for an
 *   `allowCredentials` list that matches nothing on the authenticator: browsers hide on purpose which
 *   credentials exist. Only the time tells them apart: at least the options' `timeout` elapsed → `timeout`,
 *   else `canceled`. An unknown credential is therefore `canceled`. (Headless, without UI, the error comes at
 *   once; a desktop Chromium shows its own dialog about the unregistered key first, not observed here.)
 * - `SecurityError` for an `rpId` this origin may not use (and, by the spec, for an origin that is not a
 *   domain, e.g. an IP address) → `insecure-context`: an insecure page never gets this far, since
 *   {@link WebAuthnClient.unavailable} catches it first;
 * - `EncodingError` for options that are not base64url, `OperationError` for a second request while one is
 *   pending → `failed`;
 * - `InvalidStateError` → `no-credential` and `NotSupportedError` → `unsupported`, as the spec names them
 *   (not seen from Chromium's `get()`).
 */
import type { WebAuthnAssertion, WebAuthnRequestOptions } from '../adapter/types.js';
import { fromBase64url, toBase64url } from './base64url.js';
import { WebAuthnError, type WebAuthnClient, type WebAuthnFailureReason } from './types.js';

/** The browser globals the client uses, so tests can run it against a browser that lacks some of them. */
export interface WebAuthnGlobals {
  /** `navigator.credentials`. */
  readonly credentials?: Pick<CredentialsContainer, 'get'> | undefined;
  /** The `PublicKeyCredential` interface; only its presence and `parseRequestOptionsFromJSON` are used. */
  readonly PublicKeyCredential?: Partial<Pick<typeof PublicKeyCredential, 'parseRequestOptionsFromJSON'>> | undefined;
  readonly isSecureContext?: boolean | undefined;
}

/**
 * A browser's default when the options give no `timeout` (the spec's recommendation: 5 minutes); Chromium
 * also caps any timeout at 10 minutes.
 */
const DEFAULT_TIMEOUT_MS = 300_000;
const MAX_TIMEOUT_MS = 600_000;

/** A client over these globals. {@link browserWebAuthn} is this over the page's own globals. */
export function createBrowserWebAuthn(globals: WebAuthnGlobals): WebAuthnClient {
  const unavailable = () =>
    !globals.isSecureContext ? 'insecure-context' : !globals.PublicKeyCredential || !globals.credentials ? 'unsupported' : null;

  return {
    unavailable,
    async getAssertion(options: WebAuthnRequestOptions, signal: AbortSignal): Promise<WebAuthnAssertion> {
      const why = unavailable();
      if (why) throw new WebAuthnError(why);
      const started = performance.now();
      try {
        const parse = globals.PublicKeyCredential!.parseRequestOptionsFromJSON;
        const publicKey = parse
          ? parse(options as PublicKeyCredentialRequestOptionsJSON)
          : ({
              ...options,
              challenge: fromBase64url(options.challenge),
              allowCredentials: options.allowCredentials?.map((c) => ({ ...c, id: fromBase64url(c.id) })),
            } as PublicKeyCredentialRequestOptions);
        const credential = (await globals.credentials!.get({ publicKey, signal })) as PublicKeyCredential;
        return (credential.toJSON ? credential.toJSON() : toJSON(credential)) as WebAuthnAssertion;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const name = (error as Error | undefined)?.name;
        const reason: WebAuthnFailureReason =
          name === 'NotAllowedError'
            ? performance.now() - started >= Math.min(options.timeout ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS)
              ? 'timeout'
              : 'canceled'
            : name === 'InvalidStateError'
              ? 'no-credential'
              : name === 'SecurityError'
                ? 'insecure-context'
                : name === 'NotSupportedError'
                  ? 'unsupported'
                  : 'failed';
        throw new WebAuthnError(reason, { cause: error });
      }
    },
  };
}

/** The assertion's JSON form built by hand, for browsers without `PublicKeyCredential.prototype.toJSON`. */
function toJSON(credential: PublicKeyCredential): WebAuthnAssertion {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      ...(response.userHandle && { userHandle: toBase64url(response.userHandle) }),
    },
    clientExtensionResults: credential.getClientExtensionResults() as Record<string, unknown>,
    ...(credential.authenticatorAttachment && {
      authenticatorAttachment: credential.authenticatorAttachment as 'platform' | 'cross-platform',
    }),
  };
}

/** The page's own WebAuthn, read when called (so importing this touches nothing, e.g. in Node). */
export const browserWebAuthn: WebAuthnClient = createBrowserWebAuthn({
  get credentials() {
    return globalThis.navigator?.credentials;
  },
  get PublicKeyCredential() {
    return globalThis.PublicKeyCredential;
  },
  get isSecureContext() {
    return globalThis.isSecureContext;
  },
});
