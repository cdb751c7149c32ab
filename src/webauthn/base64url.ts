/**
 * base64url (RFC 4648 §5, without padding) ⇄ bytes: the encoding of WebAuthn's JSON forms. Encoding only,
 * no crypto. Used where the browser lacks `PublicKeyCredential.parseRequestOptionsFromJSON` / `toJSON()`.
 */

/** Bytes → base64url without padding. */
export function toBase64url(bytes: BufferSource): string {
  let binary = '';
  for (const byte of ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * base64url (padding optional) → bytes. Throws a DOMException (`InvalidCharacterError`) on text that is not
 * base64. Like the browser's own base64 decoder it is forgiving: it also takes `+`, `/` and padding.
 */
export function fromBase64url(text: string): ArrayBuffer {
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
}
