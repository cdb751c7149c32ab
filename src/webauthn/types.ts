/**
 * The browser's side of a WebAuthn login, as the flow sees it: a port, so the flow stays framework-free and
 * testable in Node. `browser-client.ts` implements it with `navigator.credentials.get()`.
 */
import type { WebAuthnAssertion, WebAuthnRequestOptions } from '../adapter/types.js';

/**
 * Why a WebAuthn ceremony did not produce an assertion. Each has its own message in the prompt.
 * - `canceled`: the user dismissed the browser's dialog (or it was aborted);
 * - `timeout`: the options' `timeout` passed without the user acting;
 * - `no-credential`: none of the allowed credentials is on this computer or key;
 * - `unsupported`: this browser has no WebAuthn;
 * - `insecure-context`: the page is not https (or localhost), where browsers refuse WebAuthn;
 * - `failed`: anything else the browser reported.
 */
export type WebAuthnFailureReason = 'canceled' | 'timeout' | 'no-credential' | 'unsupported' | 'insecure-context' | 'failed';

export class WebAuthnError extends Error {
  override readonly name = 'WebAuthnError';

  constructor(
    readonly reason: WebAuthnFailureReason,
    options?: { cause?: unknown },
  ) {
    super(`WebAuthn failed: ${reason}`, options);
  }
}

export interface WebAuthnClient {
  /** Why WebAuthn cannot work on this page at all (the method is then not offered), or null when it can. */
  unavailable(): 'unsupported' | 'insecure-context' | null;
  /** Asks the browser for an assertion; rejects with a {@link WebAuthnError}, or `signal.reason` on abort. */
  getAssertion(options: WebAuthnRequestOptions, signal: AbortSignal): Promise<WebAuthnAssertion>;
}
