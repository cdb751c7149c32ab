/**
 * Signed, expiring values that make the bridge stateless: the attempt id (bound to the username of the
 * host's session), the transaction id (bound to its attempt, carrying Duo's txid), the login token the
 * host redeems, and the remembered-device cookie. Each is HMAC-SHA256 over a label and its fields, on
 * `crypto.subtle` (checked with `crypto.subtle.verify`, which compares in constant time). Any number of
 * bridge instances sharing the key accept each other's ids; no session store is involved.
 *
 * The attempt id carries the username (the page knows its user anyway); when the host's session is
 * available on every request (`sessionBound`), the bridge also checks that it names the same user.
 */

const encoder = new TextEncoder();

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

export const encodeText = (text: string): string => toBase64url(encoder.encode(text));
export function decodeText(text: string): string | undefined {
  const bytes = fromBase64url(text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function randomId(bytes = 16): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export class Sealer {
  readonly #key: Promise<CryptoKey>;

  /**
   * `secret` is the bridge's own signing key, or (by default) Duo's secret key, from which a separate
   * HMAC key is derived with HKDF so that the two uses never share a key.
   */
  constructor(secret: string, derived: boolean) {
    const raw = encoder.encode(secret);
    this.#key = derived
      ? crypto.subtle
          .importKey('raw', raw, 'HKDF', false, ['deriveKey'])
          .then((base) =>
            crypto.subtle.deriveKey(
              { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('mfa-prompt duo-bridge ids v1') },
              base,
              { name: 'HMAC', hash: 'SHA-256', length: 256 },
              false,
              ['sign', 'verify'],
            ),
          )
      : crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  /** The MAC of `label` and `fields` (joined by a separator none of them contains), base64url. */
  async mac(label: string, fields: readonly string[]): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.#key, encoder.encode([label, ...fields].join('\u0000')));
    return toBase64url(new Uint8Array(mac));
  }

  async verify(label: string, fields: readonly string[], mac: string): Promise<boolean> {
    const bytes = fromBase64url(mac);
    if (!bytes || bytes.length !== 32) return false;
    return crypto.subtle.verify('HMAC', await this.#key, bytes, encoder.encode([label, ...fields].join('\u0000')));
  }
}

/** Seconds since the epoch, base 36: short, and ids compare it with the clock. */
export const encodeExpiry = (ms: number): string => Math.floor(ms / 1000).toString(36);
export function isLive(expiry: string, nowMs: number): boolean {
  if (!/^[0-9a-z]{1,10}$/.test(expiry)) return false;
  return parseInt(expiry, 36) * 1000 > nowMs;
}
