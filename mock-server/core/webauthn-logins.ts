/**
 * **WebAuthn** on the simulator's users and transactions: registering a security key or passkey as a
 * device, starting a login (a `challenge` transaction), and deciding it from the first assertion. The
 * cryptographic checks are the relying party's (`webauthn.ts`); the outcomes (a login token, a failure
 * toward lock-out) are the simulator's, reached through {@link WebAuthnHost}.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from './webauthn-json.js';
import type { Device, DeviceType, StatusUpdate, WebAuthnAssertion } from '../../src/adapter/types.js';
import type { Clock } from './clock.js';
import { SimulatorError } from './errors.js';
import { randomId, type RandomSource } from './random.js';
import type { TransactionRecord } from './transactions.js';
import { publicDevice, type UserState } from './user-state.js';
import type { SimulatedDevice } from './users.js';
import { WEBAUTHN_MESSAGES, WEBAUTHN_TIMEOUT_MS, WebAuthnRelyingParty, type ResolvedWebAuthnOptions } from './webauthn.js';

/** What WebAuthn logins need from the simulator. */
export interface WebAuthnHost {
  readonly random: RandomSource;
  /** The user's state as it is now (a reset replaces it); throws for an unknown user. */
  state(username: string): UserState;
  /** Success: `allow` with a login token. */
  approve(tx: TransactionRecord): void;
  /** Refusal: `deny` with `message`, one failure toward lock-out. */
  deny(tx: TransactionRecord, message: string): void;
  /** Ends `tx` as `timeout` after `ms` unless it ended before. */
  setTimeout(tx: TransactionRecord, ms: number, message: string): void;
}

export type KeyType = Extract<DeviceType, 'security-key' | 'passkey'>;

export class WebAuthnLogins {
  readonly #relyingParty: WebAuthnRelyingParty;
  readonly #host: WebAuthnHost;
  readonly #clock: Clock;

  constructor(options: ResolvedWebAuthnOptions, clock: Clock, host: WebAuthnHost) {
    this.#relyingParty = new WebAuthnRelyingParty(options, clock, host.random);
    this.#host = host;
    this.#clock = clock;
  }

  async registrationOptions(username: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const state = this.#host.state(username);
    return this.#relyingParty.registrationOptions(username, [...state.credentials.values()]);
  }

  /** Verifies a registration and adds its device (named "Security key", "Security key 2", ... unless named). */
  async register(username: string, response: RegistrationResponseJSON, { displayName, type }: { displayName?: string; type?: KeyType } = {}): Promise<Device> {
    this.#host.state(username);
    const registered = await this.#relyingParty.register(username, response);
    const state = this.#host.state(username); // after the await: a reset may have replaced it
    if ([...state.credentials.values()].some((c) => c.id === registered.id)) {
      throw new SimulatorError('invalid_request', 'This security key is already registered.');
    }
    const deviceType = type ?? (registered.multiDevice || registered.attachment === 'platform' ? 'passkey' : 'security-key');
    const noun = deviceType === 'passkey' ? 'Passkey' : 'Security key';
    const sameType = state.devices.filter((d) => d.type === deviceType).length;
    const device: SimulatedDevice = {
      id: randomId(this.#host.random, 'key', 12),
      type: deviceType,
      displayName: displayName ?? (sameType === 0 ? noun : `${noun} ${sameType + 1}`),
      capabilities: ['webauthn'],
    };
    const { id, publicKey, counter, transports } = registered;
    state.devices.push(device);
    state.credentials.set(device.id, { id, publicKey, counter, ...(transports ? { transports } : {}) });
    return publicDevice(state, device, this.#clock.now());
  }

  /** The pending `challenge` of a new login with `device`: fresh request options for its credential. */
  challengeFor(state: UserState, device: SimulatedDevice): Extract<StatusUpdate, { status: 'challenge' }> {
    const credential = state.credentials.get(device.id);
    if (!credential) throw new SimulatorError('invalid_request', `${device.displayName} has no registered credential.`);
    return { status: 'challenge', final: false, message: WEBAUTHN_MESSAGES.challenge, publicKey: this.#relyingParty.requestOptions(credential) };
  }

  /** Binds the challenge to its new transaction, which times out after 2 minutes. */
  begin(tx: TransactionRecord): void {
    if (tx.status.status !== 'challenge') throw new Error('begin() takes a transaction whose status is the challenge');
    tx.webauthn = { challenge: tx.status.publicKey.challenge };
    this.#host.setTimeout(tx, WEBAUTHN_TIMEOUT_MS, WEBAUTHN_MESSAGES.timeout);
  }

  /**
   * Decides `tx` from its first assertion; later ones (and this one again) wait for that decision and
   * change nothing: the challenge is single use. A final transaction is left as it is.
   */
  async complete(tx: TransactionRecord, assertion: WebAuthnAssertion): Promise<void> {
    if (!tx.webauthn) throw new SimulatorError('invalid_request', 'This request does not wait for a security key.');
    if (tx.status.final) return;
    tx.webauthn.checking ??= this.#check(tx, tx.webauthn.challenge, assertion);
    await tx.webauthn.checking;
  }

  /** Forgets open registrations; registered devices live in the users' state. */
  clear(): void {
    this.#relyingParty.clear();
  }

  /** A transaction that ended meanwhile (canceled, timed out, locked) stays as it is. */
  async #check(tx: TransactionRecord, challenge: string, assertion: WebAuthnAssertion): Promise<void> {
    const credential = tx.device && this.#host.state(tx.username).credentials.get(tx.device.id);
    const check = credential
      ? await this.#relyingParty.checkAssertion(credential, challenge, assertion)
      : ({ ok: false, message: WEBAUTHN_MESSAGES.unknownCredential } as const);
    // A genuine use of the key moves its counter, whatever became of the transaction.
    if (check.ok && credential) credential.counter = check.newCounter;
    if (tx.status.final) return;
    if (check.ok) this.#host.approve(tx);
    else this.#host.deny(tx, check.message);
  }
}
