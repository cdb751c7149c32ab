/**
 * **first-factor ticket.** What the host's server hands the page after the password step, and what
 * `POST /preauth` requires: `tkt_<base64url payload>.<base64url signature>`, the payload `{ sub, exp, jti }`
 * (`exp` in seconds since the epoch, as in a JWT), the signature an HMAC-SHA256 of the encoded payload with
 * a random 32-byte key that only this simulator knows. A real deployment shares such a key between the host's
 * server and the MFA backend (or uses signed JWTs).
 */
import { NobleCryptoPlugin } from 'otplib';
import { fromBase64url, toBase64url as base64url } from './base64url.js';
import type { Clock } from './clock.js';
import { ID_LENGTH, randomChars, type RandomSource } from './random.js';

export const DEFAULT_TICKET_TTL_MS = 10 * 60_000;
const PREFIX = 'tkt_';

export interface TicketPayload {
  /** The user who passed the first factor. */
  sub: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
  /** A random id of at least 128 bits (**identifier entropy**). */
  jti: string;
}

export class TicketIssuer {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  // Per simulator: a ticket from another simulator (another page load, another test) is simply badly signed.
  readonly #key = globalThis.crypto.getRandomValues(new Uint8Array(32));

  constructor(clock: Clock, random: RandomSource) {
    this.#clock = clock;
    this.#random = random;
  }

  issue(username: string, ttlMs: number = DEFAULT_TICKET_TTL_MS): string {
    if (typeof username !== 'string' || username === '') throw new TypeError('issueTicket: username must be a non-empty string');
    if (!Number.isFinite(ttlMs) || ttlMs < 1000) throw new RangeError(`issueTicket: ttlMs must be at least 1000 ms, got ${ttlMs}`);
    const payload: TicketPayload = {
      sub: username,
      exp: Math.floor((this.#clock.now() + ttlMs) / 1000),
      jti: randomChars(this.#random, ID_LENGTH),
    };
    const encoded = base64url(utf8ToBytes(JSON.stringify(payload)));
    return `${PREFIX}${encoded}.${base64url(this.#sign(encoded))}`;
  }

  /** The payload of a ticket this simulator issued and that has not expired; undefined for anything else. */
  verify(ticket: string): TicketPayload | undefined {
    if (!ticket.startsWith(PREFIX)) return undefined;
    const [encoded, signature, ...rest] = ticket.slice(PREFIX.length).split('.');
    if (!encoded || !signature || rest.length > 0) return undefined;
    // Compared as text with the canonical encoding: base64url's last character has spare bits, so a
    // decoded comparison would accept several spellings of one signature (a malleable ticket).
    if (!sameBytes(utf8ToBytes(signature), utf8ToBytes(base64url(this.#sign(encoded))))) return undefined;
    const payload = parsePayload(fromBase64url(encoded));
    if (!payload || this.#clock.now() >= payload.exp * 1000) return undefined;
    return payload;
  }

  #sign(encodedPayload: string): Uint8Array {
    return HMAC.hmac('sha256', this.#key, utf8ToBytes(encodedPayload));
  }
}

/**
 * otplib's own pure-JS crypto (sync HMAC over @noble/hashes): the simulator needs otplib anyway, so tickets
 * cost no further dependency, and issuing stays synchronous (WebCrypto's HMAC is async only).
 */
const HMAC = new NobleCryptoPlugin();

function utf8ToBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function parsePayload(bytes: Uint8Array | undefined): TicketPayload | undefined {
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<TicketPayload> | null;
    if (typeof value !== 'object' || value === null) return undefined;
    const { sub, exp, jti } = value;
    if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number' || !Number.isFinite(exp) || typeof jti !== 'string') return undefined;
    return { sub, exp, jti };
  } catch {
    return undefined;
  }
}

/** Compares in time that depends on the length only, not on where the first difference is. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
