/**
 * A software WebAuthn authenticator for the kit: a P-256 key (node:crypto), attestation `none`, assertions
 * signed for real, so a server's WebAuthn library checks genuine signatures. Only what registration and
 * login need: a tiny CBOR encoder for the COSE key and the attestation object, and the two JSON forms
 * (`RegistrationResponseJSON`, `AuthenticationResponseJSON`).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

/** CBOR (RFC 8949) for the few types WebAuthn's structures use here. */
export function cbor(value: Cbor): Uint8Array {
  const head = (major: number, length: number): Uint8Array => {
    if (length < 24) return Uint8Array.of((major << 5) | length);
    if (length < 0x100) return Uint8Array.of((major << 5) | 24, length);
    if (length < 0x10000) return Uint8Array.of((major << 5) | 25, length >> 8, length & 0xff);
    throw new RangeError('cbor: value too long');
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    return concat(head(3, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) return concat(head(2, value.length), value);
  return concat(head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)]));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash('sha256').update(data).digest());
const uint32 = (n: number) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** What a browser or an attacker controls, chosen per call. */
export interface Ceremony {
  /** What the browser reports as the page's origin. */
  origin?: string;
  /** Whose RP ID hash the authenticator signs. */
  rpId?: string;
  /** Overrides the challenge the browser puts in clientDataJSON. */
  challenge?: string;
  /** Overrides the sign counter (it otherwise goes up by one per assertion). */
  counter?: number;
}

export class SoftwareKey {
  readonly credentialId = b64url(randomBytes(16));
  counter = 0;
  readonly #privateKey: KeyObject;
  readonly #cose: Uint8Array;
  readonly rpId: string;
  readonly origin: string;

  constructor({ rpId, origin }: { rpId: string; origin: string }) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    this.#privateKey = privateKey;
    this.#cose = cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    this.rpId = rpId;
    this.origin = origin;
  }

  /** The COSE public key, base64url (what a server stores for the credential). */
  get publicKeyCose(): string {
    return b64url(this.#cose);
  }

  /** `navigator.credentials.create()` with the server's creation options (JSON): attestation `none`. */
  register(options: { challenge: string }, ceremony: Ceremony = {}): Record<string, unknown> {
    const { origin = this.origin, rpId = this.rpId, challenge = options.challenge } = ceremony;
    const clientDataJSON = JSON.stringify({ type: 'webauthn.create', challenge, origin, crossOrigin: false });
    const id = Buffer.from(this.credentialId, 'base64url');
    const authData = concat(
      sha256(rpId),
      Uint8Array.of(FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL),
      uint32(0),
      new Uint8Array(16),
      Uint8Array.of(id.length >> 8, id.length & 0xff),
      id,
      this.#cose,
    );
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: { clientDataJSON: b64url(new TextEncoder().encode(clientDataJSON)), attestationObject: b64url(attestationObject), transports: ['usb'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }

  /** `navigator.credentials.get()` with a transaction's request options: a genuine ES256 signature. */
  assert(publicKey: { challenge: string }, ceremony: Ceremony = {}): Record<string, unknown> {
    const { origin = this.origin, rpId = this.rpId, challenge = publicKey.challenge } = ceremony;
    this.counter = ceremony.counter ?? this.counter + 1;
    const clientData = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false }));
    const authenticatorData = concat(sha256(rpId), Uint8Array.of(FLAG_USER_PRESENT | FLAG_USER_VERIFIED), uint32(this.counter));
    const signature = sign('sha256', concat(authenticatorData, sha256(clientData)), { key: this.#privateKey, dsaEncoding: 'der' });
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientData), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }
}
