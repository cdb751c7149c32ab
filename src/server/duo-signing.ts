/**
 * Duo's request signature (Auth API v2, "HMAC-SHA512"), on the platform's `crypto.subtle` so the same
 * code runs in Node 20 and on edge runtimes.
 *
 * The canonical request is five lines joined by `\n`: the `Date` header exactly as sent, the method in
 * upper case, the API host in lower case, the path, and the parameters sorted by name, each name and
 * value percent-encoded (RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay as they are, a space is `%20`) and
 * joined with `&`. The signature is the lowercase hex HMAC-SHA512 of it with the secret key, sent as HTTP
 * Basic credentials `integration key : signature`. The simulated Auth API checks with the same function,
 * so `test/node/duo-signing.test.ts` pins it against an independent `node:crypto` computation.
 */

export type DuoParams = Readonly<Record<string, string>>;

/** RFC 3986 unreserved characters stay; everything else (UTF-8 bytes) becomes `%XX`. */
export function duoEncode(value: string): string {
  // encodeURIComponent leaves ! ' ( ) * unescaped, which Duo's canonical form escapes.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters in canonical order: the signed string, and also the query string or form body sent. */
export function canonicalParams(params: DuoParams): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${duoEncode(key)}=${duoEncode(params[key]!)}`)
    .join('&');
}

export function canonicalRequest(date: string, method: string, host: string, path: string, params: DuoParams): string {
  return [date, method.toUpperCase(), host.toLowerCase(), path, canonicalParams(params)].join('\n');
}

/**
 * The `Date` header in RFC 2822 form with a numeric zone, as Duo's own clients send it
 * (`Tue, 21 Aug 2012 17:29:18 -0000`). `Date.prototype.toUTCString` gives `GMT` instead of `-0000`.
 */
export function duoDate(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '-0000');
}

const encoder = new TextEncoder();

async function hmacHex(hash: 'SHA-512', secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function signDuoRequest(secretKey: string, canonical: string): Promise<string> {
  return hmacHex('SHA-512', secretKey, canonical);
}

/** The `Authorization` header value for a signed request. */
export async function duoAuthorization(integrationKey: string, secretKey: string, canonical: string): Promise<string> {
  const signature = await signDuoRequest(secretKey, canonical);
  return `Basic ${btoa(`${integrationKey}:${signature}`)}`;
}
