/**
 * Rule 18, **Retry repeats the same start**: one idempotency key per start the user asked for (a push, a call,
 * an SMS batch, a passcode verification). Retry of that start passes the same key, so a backend that did
 * receive the first request answers with its transaction instead of pushing, calling or texting again.
 */

/** 128 random bits as 32 hex digits, from `crypto.getRandomValues` (Node 20 and every browser, any context). */
export function newStartKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
