/**
 * The demo's "Add a security key": `navigator.credentials.create()` with the simulator's registration
 * options, and the result handed back to the simulator, which verifies it (`@simplewebauthn/server`) and
 * lists a new device. A person with a real passkey or key can then log in with it. Demo-only: a real site
 * registers keys on its server, after the user proved who they are.
 */
import type { MfaSimulator } from '../mock-server/core/simulator.js';
import type { Device } from '../src/adapter/types.js';
import { fromBase64url, toBase64url } from '../src/webauthn/base64url.js';

type CreationOptionsJSON = Awaited<ReturnType<MfaSimulator['webAuthnRegistrationOptions']>>;
type RegistrationJSON = Parameters<MfaSimulator['registerWebAuthnCredential']>[1];

/** Why the button cannot work here, or undefined when it can. */
export function securityKeysUnavailable(): string | undefined {
  if (!window.isSecureContext) return 'Security keys need a secure page: open the demo on http://localhost or over https.';
  if (typeof window.PublicKeyCredential !== 'function' || !navigator.credentials) return 'This browser does not support security keys (WebAuthn).';
  return undefined;
}

/** Registers a key or passkey for `username`; rejects with the browser's or the simulator's reason. */
export async function addSecurityKey(simulator: MfaSimulator, username: string): Promise<Device> {
  const options = await simulator.webAuthnRegistrationOptions(username);
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  if (!(credential instanceof PublicKeyCredential)) throw new Error('The browser returned no credential.');
  return simulator.registerWebAuthnCredential(username, registrationJSON(credential));
}

// ---- JSON conversions: the browser's own where it has them (Chromium 129+, Firefox 119+, Safari 18.4+) ----

type WithJSON = typeof PublicKeyCredential & { parseCreationOptionsFromJSON?: (json: CreationOptionsJSON) => PublicKeyCredentialCreationOptions };

function creationOptions(json: CreationOptionsJSON): PublicKeyCredentialCreationOptions {
  const native = (PublicKeyCredential as WithJSON).parseCreationOptionsFromJSON;
  if (native) return native(json);
  return {
    ...(json as unknown as PublicKeyCredentialCreationOptions),
    challenge: fromBase64url(json.challenge),
    user: { ...json.user, id: fromBase64url(json.user.id) },
    excludeCredentials: (json.excludeCredentials ?? []).map((c) => ({ ...c, id: fromBase64url(c.id) }) as PublicKeyCredentialDescriptor),
  };
}

function registrationJSON(credential: PublicKeyCredential): RegistrationJSON {
  const withJSON = credential as PublicKeyCredential & { toJSON?: () => unknown };
  if (typeof withJSON.toJSON === 'function') return withJSON.toJSON() as RegistrationJSON;
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      transports: (response.getTransports?.() ?? []) as NonNullable<RegistrationJSON['response']['transports']>,
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment as 'platform' | 'cross-platform' } : {}),
  };
}
