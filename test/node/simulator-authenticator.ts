/**
 * A software WebAuthn authenticator for Node tests: a real P-256 key (WebCrypto), attestation `none`, and
 * assertions signed for real, so the simulator's library checks genuine signatures. Every part a browser or
 * an attacker controls can be chosen per call: the origin, the RP ID, the challenge, the sign counter.
 */
import { createHash } from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import type { WebAuthnAssertion, WebAuthnRequestOptions } from '../../src/adapter/types.js';

type CBORType = Parameters<typeof isoCBOR.encode>[0];

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

export interface Ceremony {
  /** What the browser reports as the page's origin. */
  origin?: string;
  /** Whose RP ID hash the authenticator signs. */
  rpId?: string;
  /** Overrides the challenge the browser puts in clientDataJSON. */
  challenge?: string;
  /** Overrides the authenticator's sign counter (it otherwise goes up by one per assertion). */
  counter?: number;
}

const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(bytes as Uint8Array<ArrayBuffer>);
const sha256 = (bytes: Uint8Array | string) => new Uint8Array(createHash('sha256').update(bytes).digest());

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

/** WebCrypto signs ECDSA as r||s; WebAuthn sends ASN.1 DER: SEQUENCE { INTEGER r, INTEGER s }. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (half: Uint8Array) => {
    let start = 0;
    while (start < half.length - 1 && half[start] === 0) start++;
    let value: Uint8Array = half.slice(start);
    if ((value[0] as number) & 0x80) value = concat(new Uint8Array([0]), value);
    return concat(new Uint8Array([0x02, value.length]), value);
  };
  const body = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export class SoftwareAuthenticator {
  readonly credentialId: string;
  /** The COSE public key, base64url: what a `SimulatedDevice.webauthn.publicKey` holds. */
  readonly publicKeyCose: string;
  counter = 0;
  readonly #keys: CryptoKeyPair;
  readonly #defaults: Required<Pick<Ceremony, 'origin' | 'rpId'>>;

  private constructor(keys: CryptoKeyPair, credentialId: string, publicKeyCose: string, defaults: { origin: string; rpId: string }) {
    this.#keys = keys;
    this.credentialId = credentialId;
    this.publicKeyCose = publicKeyCose;
    this.#defaults = defaults;
  }

  /** A fresh key pair and credential id, for a page at `origin` with RP ID `rpId`. */
  static async create(defaults: { origin: string; rpId: string }): Promise<SoftwareAuthenticator> {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey)); // 0x04 | x | y
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, raw.slice(1, 33)],
        [-3, raw.slice(33, 65)],
      ]),
    );
    const id = b64(crypto.getRandomValues(new Uint8Array(16)));
    return new SoftwareAuthenticator(keys, id, b64(cose), defaults);
  }

  /** `navigator.credentials.create()` with the simulator's options: attestation `none`. */
  register(options: PublicKeyCredentialCreationOptionsJSON, ceremony: Ceremony = {}): RegistrationResponseJSON {
    const { origin, rpId } = { ...this.#defaults, ...ceremony };
    const clientDataJSON = JSON.stringify({ type: 'webauthn.create', challenge: ceremony.challenge ?? options.challenge, origin, crossOrigin: false });
    const credentialId = isoBase64URL.toBuffer(this.credentialId);
    const authData = concat(
      sha256(rpId),
      new Uint8Array([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL]),
      uint32(0),
      new Uint8Array(16), // AAGUID: none
      new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]),
      credentialId,
      isoBase64URL.toBuffer(this.publicKeyCose),
    );
    const attestationObject = isoCBOR.encode(
      new Map<string, CBORType>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, CBORType>()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: { clientDataJSON: b64(new TextEncoder().encode(clientDataJSON)), attestationObject: b64(attestationObject), transports: ['usb'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }

  /** `navigator.credentials.get()` with the transaction's request options: a genuine ES256 signature. */
  async assert(publicKey: WebAuthnRequestOptions, ceremony: Ceremony = {}): Promise<WebAuthnAssertion> {
    const { origin, rpId } = { ...this.#defaults, ...ceremony };
    this.counter = ceremony.counter ?? this.counter + 1;
    const clientDataJSON = new TextEncoder().encode(
      JSON.stringify({ type: 'webauthn.get', challenge: ceremony.challenge ?? publicKey.challenge, origin, crossOrigin: false }),
    );
    const authenticatorData = concat(sha256(rpId), new Uint8Array([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]), uint32(this.counter));
    const signed = concat(authenticatorData, sha256(clientDataJSON));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.#keys.privateKey, signed as Uint8Array<ArrayBuffer>));
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: { clientDataJSON: b64(clientDataJSON), authenticatorData: b64(authenticatorData), signature: b64(derSignature(raw)) },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }
}
