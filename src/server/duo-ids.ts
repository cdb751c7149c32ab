/**
 * The four signed values the bridge hands out (see `sealed-ids.ts` for the signing):
 * - attempt id `att_<nonce>.<expiry>.<username>.<mac>`: the username (base64url, at most 96 bytes) and the MAC
 *   over all three, so a poll or a start knows the user without a session store;
 * - transaction id `tx_<kind>.<duo txid>.<flags>.<issued>.<mac>`: MAC over those and the attempt id;
 * - login token `tok_<jti>.<expiry>.<method>.<mac>`: MAC over those and the username;
 * - remembered-device cookie `rd_<duo trusted device token>.<expiry>.<mac>`: MAC over those and the username.
 * Each fits the contract's 200-character id limit (the token and the cookie have more room).
 */
import { decodeText, encodeExpiry, encodeText, fromBase64url, isLive, randomId, Sealer, toBase64url } from './sealed-ids.js';

export type TxKind = 'push' | 'phone' | 'sms' | 'passcode';
const KIND_CODES: Record<TxKind, string> = { push: 'p', phone: 'c', sms: 's', passcode: 'k' };
const KIND_BY_CODE = Object.fromEntries(Object.entries(KIND_CODES).map(([k, c]) => [c, k as TxKind]));

export interface TxClaims {
  kind: TxKind;
  /** Duo's txid (push, phone); empty for an SMS batch or a passcode. */
  duoTxid: string;
  /** The start asked to remember this device. */
  rememberMe: boolean;
  /** For an SMS batch: the next SMS digit it reported. */
  smsDigit?: number;
  /** When the transaction started, ms. */
  issuedMs: number;
}

export class DuoIds {
  constructor(
    private readonly sealer: Sealer,
    private readonly attemptLifetimeMs: number,
  ) {}

  /** The longest username an attempt id can carry within the contract's 200-character ids. */
  static readonly MAX_USERNAME_BYTES = 96;

  async newAttempt(username: string, nowMs: number): Promise<string> {
    const nonce = randomId(12);
    const expiry = encodeExpiry(nowMs + this.attemptLifetimeMs);
    const user = encodeText(username);
    return `att_${nonce}.${expiry}.${user}.${await this.sealer.mac('attempt', [nonce, expiry, user])}`;
  }

  /** The username `attemptId` was issued for, when its MAC checks and it has not expired. */
  async readAttempt(attemptId: unknown, nowMs: number): Promise<string | undefined> {
    if (typeof attemptId !== 'string' || attemptId.length > 200) return undefined;
    const match = /^att_([A-Za-z0-9_-]{16})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{43})$/.exec(attemptId);
    if (!match || !isLive(match[2]!, nowMs)) return undefined;
    if (!(await this.sealer.verify('attempt', [match[1]!, match[2]!, match[3]!], match[4]!))) return undefined;
    return decodeText(match[3]!);
  }

  async newTransaction(attemptId: string, claims: TxClaims): Promise<string> {
    const fields = this.#txFields(claims);
    return `tx_${fields.join('.')}.${await this.sealer.mac('tx', [...fields, attemptId])}`;
  }

  /** The claims of `txid` when it belongs to `attemptId` and the attempt is still alive; else undefined. */
  async readTransaction(txid: string, attemptId: string, nowMs: number, lifetimeMs: number): Promise<TxClaims | undefined> {
    const match = /^tx_([pcsk])\.([A-Za-z0-9_-]{0,120})\.([r-])([0-9-])\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(txid);
    if (!match) return undefined;
    const [, code, duo, remember, digit, issued, mac] = match;
    const issuedMs = parseInt(issued!, 36) * 1000;
    if (!(issuedMs + lifetimeMs > nowMs)) return undefined;
    if (!(await this.sealer.verify('tx', [code!, duo!, `${remember}${digit}`, issued!, attemptId], mac!))) return undefined;
    const duoTxid = decodeText(duo!);
    if (duoTxid === undefined) return undefined;
    return {
      kind: KIND_BY_CODE[code!]!,
      duoTxid,
      rememberMe: remember === 'r',
      ...(digit === '-' ? {} : { smsDigit: Number(digit) }),
      issuedMs,
    };
  }

  #txFields(claims: TxClaims): string[] {
    return [
      KIND_CODES[claims.kind],
      encodeText(claims.duoTxid),
      `${claims.rememberMe ? 'r' : '-'}${claims.smsDigit ?? '-'}`,
      Math.floor(claims.issuedMs / 1000).toString(36),
    ];
  }

  /**
   * A login token for the host's server. `jtiSeed` (Duo's txid for a push or call) makes every read of the
   * same `allow` carry the same `jti`, so the host's single-use check catches a second redemption.
   */
  async newLoginToken(username: string, method: string, nowMs: number, lifetimeMs: number, jtiSeed?: string): Promise<string> {
    const jti = jtiSeed ? (await this.sealer.mac('jti', [jtiSeed, username])).slice(0, 22) : randomId(16);
    const expiry = encodeExpiry(nowMs + lifetimeMs);
    return `tok_${jti}.${expiry}.${method}.${await this.sealer.mac('token', [jti, expiry, method, username])}`;
  }

  async readLoginToken(token: unknown, username: string, nowMs: number): Promise<{ jti: string; method: string; expiresAtMs: number } | undefined> {
    if (typeof token !== 'string') return undefined;
    const match = /^tok_([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([a-z-]{1,20})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match || !isLive(match[2]!, nowMs)) return undefined;
    const [, jti, expiry, method, mac] = match;
    if (!(await this.sealer.verify('token', [jti!, expiry!, method!, username], mac!))) return undefined;
    return { jti: jti!, method: method!, expiresAtMs: parseInt(expiry!, 36) * 1000 };
  }

  async newRememberCookie(username: string, duoToken: string, nowMs: number, lifetimeMs: number): Promise<string> {
    const token = toBase64url(new TextEncoder().encode(duoToken));
    const expiry = encodeExpiry(nowMs + lifetimeMs);
    return `rd_${token}.${expiry}.${await this.sealer.mac('remember', [token, expiry, username])}`;
  }

  /** Duo's trusted-device token from our cookie, if it was issued to `username` and is still valid. */
  async readRememberCookie(value: string | undefined, username: string, nowMs: number): Promise<string | undefined> {
    const match = value ? /^rd_([A-Za-z0-9_-]{1,3000})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
    if (!match || !isLive(match[2]!, nowMs)) return undefined;
    if (!(await this.sealer.verify('remember', [match[1]!, match[2]!, username], match[3]!))) return undefined;
    const bytes = fromBase64url(match[1]!);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }
}
