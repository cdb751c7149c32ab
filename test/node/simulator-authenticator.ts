/**
 * A software WebAuthn authenticator for Node tests: the conformance kit's {@link SoftwareKey} (a real P-256
 * key, attestation `none`, assertions signed for real, so the simulator's library checks genuine
 * signatures), typed with the contract's and the library's JSON shapes. Every part a browser or an attacker
 * controls can be chosen per call: the origin, the RP ID, the challenge, the sign counter.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { WebAuthnAssertion, WebAuthnRequestOptions } from '../../src/adapter/types.js';
import { SoftwareKey, type Ceremony } from '../../conformance/webauthn.js';

export type { Ceremony };

export class SoftwareAuthenticator {
  readonly #key: SoftwareKey;

  private constructor(key: SoftwareKey) {
    this.#key = key;
  }

  /** A fresh key pair and credential id, for a page at `origin` with RP ID `rpId`. */
  static async create(defaults: { origin: string; rpId: string }): Promise<SoftwareAuthenticator> {
    return new SoftwareAuthenticator(new SoftwareKey(defaults));
  }

  get credentialId(): string {
    return this.#key.credentialId;
  }

  /** The COSE public key, base64url: what a `SimulatedDevice.webauthn.publicKey` holds. */
  get publicKeyCose(): string {
    return this.#key.publicKeyCose;
  }

  get counter(): number {
    return this.#key.counter;
  }

  /** `navigator.credentials.create()` with the simulator's options: attestation `none`. */
  register(options: PublicKeyCredentialCreationOptionsJSON, ceremony: Ceremony = {}): RegistrationResponseJSON {
    return this.#key.register(options, ceremony) as unknown as RegistrationResponseJSON;
  }

  /** `navigator.credentials.get()` with the transaction's request options: a genuine ES256 signature. */
  async assert(publicKey: WebAuthnRequestOptions, ceremony: Ceremony = {}): Promise<WebAuthnAssertion> {
    return this.#key.assert(publicKey, ceremony) as unknown as WebAuthnAssertion;
  }
}
