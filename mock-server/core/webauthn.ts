/**
 * **WebAuthn** (security keys and passkeys): the relying party's side, with `@simplewebauthn/server` for
 * every check (no hand-written crypto). Registration goes through the control API (the demo's "Add a
 * security key"); a login is a transaction whose `challenge` status carries the request options, answered
 * by `POST /transactions/{txid}/assertion`. Challenges are single use (the transaction ends with the first
 * assertion checked), bound to their attempt and transaction (the simulator's attempt binding), and expire
 * with the transaction's 2-minute timeout.
 */
import type { WebAuthnCredential } from '@simplewebauthn/server';
import type { WebAuthnAssertion, WebAuthnRequestOptions } from '../../src/adapter/types.js';
import { fromBase64url, toBase64url } from './base64url.js';
import type { Clock } from './clock.js';
import { SimulatorError } from './errors.js';
import { loadPeer, PEERS } from './peers.js';
import type { AuthenticatorTransportFuture, PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from './webauthn-json.js';
import { randomInt, type RandomSource } from './random.js';

/** Where credentials are valid: the RP ID (a domain) and the exact origins a browser may report. */
export interface WebAuthnOptions {
  /** The relying party ID: the page's domain, e.g. `localhost` or `example.com`. */
  rpId: string;
  /** Every origin an assertion may come from, e.g. `['https://example.com']`. */
  origins: string[];
  /** What the browser shows while registering. Default "MFA simulator". */
  rpName?: string;
}

export type ResolvedWebAuthnOptions = Required<WebAuthnOptions>;

/** A challenge lives as long as its transaction waits: 2 minutes. */
export const WEBAUTHN_TIMEOUT_MS = 2 * 60_000;
/** How long the options of a registration stay valid. */
const REGISTRATION_TIMEOUT_MS = 5 * 60_000;
/** 32 random bytes per challenge (the spec asks for at least 16). */
const CHALLENGE_BYTES = 32;

/**
 * Defaults for the page the simulator runs in: its hostname and origin in a browser; `localhost` (http and
 * https, any port left to the caller) in Node.
 */
export function resolveWebAuthnOptions(options: WebAuthnOptions | undefined): ResolvedWebAuthnOptions {
  const location = (globalThis as { location?: { hostname?: string; origin?: string } }).location;
  const rpId = options?.rpId ?? (location?.hostname || 'localhost');
  const origins = options?.origins ?? (location?.origin && location.origin !== 'null' ? [location.origin] : ['http://localhost', 'https://localhost']);
  const rpName = options?.rpName ?? 'MFA simulator';
  if (typeof rpId !== 'string' || !/^[a-z0-9.-]{1,253}$/i.test(rpId)) throw new TypeError(`webauthn.rpId must be a domain, got ${String(rpId)}`);
  if (!Array.isArray(origins) || origins.length === 0) throw new TypeError('webauthn.origins must list at least one origin');
  for (const origin of origins) {
    if (typeof origin !== 'string' || !URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new TypeError(`webauthn.origins: "${String(origin)}" is not an origin (scheme://host[:port], no path)`);
    }
  }
  if (typeof rpName !== 'string' || rpName === '') throw new TypeError('webauthn.rpName must be a non-empty string');
  return { rpId, origins: [...origins], rpName };
}

/** A registered credential: what the server keeps (the public key and the last sign counter seen). */
export interface StoredCredential {
  /** base64url credential id. */
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports?: AuthenticatorTransportFuture[];
}

/** A credential configured on a {@link SimulatedDevice} (`webauthn`), e.g. one a test's authenticator holds. */
export interface ConfiguredCredential {
  /** base64url credential id. */
  credentialId: string;
  /** base64url COSE public key, as a registration reports it. */
  publicKey: string;
  /** The last sign counter seen (default 0). */
  counter?: number;
  transports?: AuthenticatorTransportFuture[];
}

export function credentialOf(configured: ConfiguredCredential): StoredCredential {
  return {
    id: configured.credentialId,
    // Checked as base64url when the simulator's options were validated.
    publicKey: fromBase64url(configured.publicKey) ?? new Uint8Array(),
    counter: configured.counter ?? 0,
    ...(configured.transports ? { transports: [...configured.transports] } : {}),
  };
}

/** What a registration tells the simulator about the new authenticator, to name and type its device. */
export interface RegisteredCredential extends StoredCredential {
  /** A credential that syncs between devices (a passkey in a password manager) rather than one bound to a key. */
  multiDevice: boolean;
  attachment?: 'platform' | 'cross-platform';
}

/** Why an assertion was refused, in the user's words. Each one denies the login and counts as a failure. */
export const WEBAUTHN_MESSAGES = {
  challenge: 'Security key login: waiting for your security key or passkey...',
  timeout: 'The security key was not used in time. Authentication timed out.',
  unknownCredential: 'This security key is not registered for your account. Login denied.',
  origin: 'This security key answer was made for another website. Login denied.',
  rpId: 'This security key answer was made for another site. Login denied.',
  staleChallenge: 'This security key answer is stale or was already used. Login denied.',
  counter: 'This security key may have been copied (its sign counter went back). Login denied.',
  signature: 'The security key\'s signature is not valid. Login denied.',
  other: 'The security key\'s answer could not be verified. Login denied.',
} as const;

/** The outcome of checking an assertion: the counter to store, or the reason to refuse. */
export type AssertionCheck = { ok: true; newCounter: number } | { ok: false; message: string };

export class WebAuthnRelyingParty {
  readonly options: ResolvedWebAuthnOptions;
  readonly #clock: Clock;
  readonly #random: RandomSource;
  /** The open registration of each user: its challenge, until it is used or runs out. */
  readonly #registrations = new Map<string, { challenge: string; expiresAt: number }>();
  /** A stable, random user handle per user (the spec says it must not be the username). */
  readonly #userHandles = new Map<string, Uint8Array>();

  constructor(options: ResolvedWebAuthnOptions, clock: Clock, random: RandomSource) {
    this.options = options;
    this.#clock = clock;
    this.#random = random;
  }

  /** Creation options for `navigator.credentials.create()`, in their JSON form; replaces the user's open registration. */
  async registrationOptions(username: string, existing: readonly StoredCredential[]): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const challenge = this.#randomBytes(CHALLENGE_BYTES);
    let userID = this.#userHandles.get(username);
    if (!userID) this.#userHandles.set(username, (userID = this.#randomBytes(16)));
    const { generateRegistrationOptions } = await relyingPartyLibrary();
    const options = await generateRegistrationOptions({
      rpName: this.options.rpName,
      rpID: this.options.rpId,
      userName: username,
      userID: userID as Uint8Array<ArrayBuffer>,
      challenge: challenge as Uint8Array<ArrayBuffer>,
      timeout: REGISTRATION_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map(({ id, transports }) => ({ id, ...(transports ? { transports } : {}) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    this.#registrations.set(username, { challenge: options.challenge, expiresAt: this.#clock.now() + REGISTRATION_TIMEOUT_MS });
    return options;
  }

  /** Verifies `navigator.credentials.create()`'s answer against the user's open registration, which it uses up. */
  async register(username: string, response: RegistrationResponseJSON): Promise<RegisteredCredential> {
    const open = this.#registrations.get(username);
    this.#registrations.delete(username);
    if (!open || open.expiresAt <= this.#clock.now()) {
      throw new SimulatorError('expired', 'No open security key registration: ask for registration options first.');
    }
    const { verifyRegistrationResponse } = await relyingPartyLibrary();
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: open.challenge,
        expectedOrigin: this.options.origins,
        expectedRPID: this.options.rpId,
        requireUserVerification: false,
      });
    } catch (error) {
      throw new SimulatorError('invalid_request', `The security key registration was refused: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!verified.verified) throw new SimulatorError('invalid_request', 'The security key registration was refused.');
    const { credential, credentialDeviceType } = verified.registrationInfo;
    const attachment = response.authenticatorAttachment;
    return {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      ...(credential.transports ? { transports: credential.transports } : {}),
      multiDevice: credentialDeviceType === 'multiDevice',
      ...(attachment ? { attachment } : {}),
    };
  }

  /** Request options for `navigator.credentials.get()` with a fresh challenge, for one credential. */
  requestOptions(credential: StoredCredential): WebAuthnRequestOptions {
    // The shape generateAuthenticationOptions() gives, built here because that function is async (only to
    // make a challenge) and a start is not; the challenge comes from the injected random source.
    return {
      challenge: toBase64url(this.#randomBytes(CHALLENGE_BYTES)),
      rpId: this.options.rpId,
      timeout: WEBAUTHN_TIMEOUT_MS,
      allowCredentials: [{ id: credential.id, type: 'public-key', ...(credential.transports ? { transports: [...credential.transports] } : {}) }],
      userVerification: 'preferred',
    };
  }

  /**
   * Checks an assertion for `credential` against `challenge`: signature, challenge, origin, RP ID, user
   * presence and sign counter. Never throws: a refusal comes back with the user's message.
   */
  async checkAssertion(credential: StoredCredential, challenge: string, assertion: WebAuthnAssertion): Promise<AssertionCheck> {
    if (assertion.id !== credential.id || assertion.rawId !== credential.id) return { ok: false, message: WEBAUTHN_MESSAGES.unknownCredential };
    // Outside the try: a missing library is the developer's to fix, not a refused key.
    const { verifyAuthenticationResponse } = await relyingPartyLibrary();
    try {
      const stored: WebAuthnCredential = {
        id: credential.id,
        publicKey: credential.publicKey as Uint8Array<ArrayBuffer>,
        counter: credential.counter,
        ...(credential.transports ? { transports: credential.transports } : {}),
      };
      const result = await verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: challenge,
        expectedOrigin: this.options.origins,
        expectedRPID: this.options.rpId,
        credential: stored,
        requireUserVerification: false,
      });
      return result.verified ? { ok: true, newCounter: result.authenticationInfo.newCounter } : { ok: false, message: WEBAUTHN_MESSAGES.signature };
    } catch (error) {
      return { ok: false, message: refusalMessage(error) };
    }
  }

  /** Forgets open registrations (user handles stay: they name the user, not a session). */
  clear(): void {
    this.#registrations.clear();
  }

  #randomBytes(count: number): Uint8Array {
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) bytes[i] = randomInt(this.#random, 256);
    return bytes;
  }
}

/**
 * `@simplewebauthn/server`, loaded at the first registration or assertion: it is an optional peer
 * dependency of `mfa-prompt/mock`, needed only by host apps that test WebAuthn.
 */
let library: Promise<typeof import('@simplewebauthn/server')> | undefined;
function relyingPartyLibrary(): Promise<typeof import('@simplewebauthn/server')> {
  library ??= loadPeer(PEERS.simplewebauthn, () => import('@simplewebauthn/server'), 'WebAuthn in mfa-prompt/mock').catch((error: unknown) => {
    library = undefined; // installed later (a watch-mode test run): try again next time
    throw error;
  });
  return library;
}

/** The library's reason, in the user's words (its messages are for developers). */
function refusalMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message : '';
  if (/origin/i.test(reason)) return WEBAUTHN_MESSAGES.origin;
  if (/RP ID/i.test(reason)) return WEBAUTHN_MESSAGES.rpId;
  if (/challenge/i.test(reason)) return WEBAUTHN_MESSAGES.staleChallenge;
  if (/counter/i.test(reason)) return WEBAUTHN_MESSAGES.counter;
  if (/signature/i.test(reason)) return WEBAUTHN_MESSAGES.signature;
  return WEBAUTHN_MESSAGES.other;
}
