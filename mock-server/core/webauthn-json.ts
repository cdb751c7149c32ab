/**
 * The JSON forms of WebAuthn registration that the simulator's public methods take and return, written
 * out here (after the W3C WebAuthn Level 3 `...JSON` dictionaries, as `@simplewebauthn/server` 13 types
 * them, so values pass between the two unchanged). With these, the types of `mfa-prompt/mock` need
 * `@simplewebauthn/server` no more than its code does: only host apps that test WebAuthn install it.
 * Types only: nothing here reaches the built JavaScript.
 */

/** Transports a credential may name, including those newer than TypeScript's DOM types. */
export type AuthenticatorTransportFuture = 'ble' | 'cable' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';

/** `navigator.credentials.create()`'s options, JSON (`PublicKeyCredential.parseCreationOptionsFromJSON()`). */
export interface PublicKeyCredentialCreationOptionsJSON {
  rp: PublicKeyCredentialRpEntity;
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: PublicKeyCredentialParameters[];
  timeout?: number;
  excludeCredentials?: { id: string; type: PublicKeyCredentialType; transports?: AuthenticatorTransportFuture[] }[];
  authenticatorSelection?: AuthenticatorSelectionCriteria;
  hints?: ('hybrid' | 'security-key' | 'client-device')[];
  attestation?: AttestationConveyancePreference;
  attestationFormats?: ('fido-u2f' | 'packed' | 'android-safetynet' | 'android-key' | 'tpm' | 'apple' | 'none')[];
  extensions?: AuthenticationExtensionsClientInputsJSON;
}

/** `navigator.credentials.create()`'s answer, JSON (`credential.toJSON()`). */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData?: string;
    transports?: AuthenticatorTransportFuture[];
    publicKeyAlgorithm?: COSEAlgorithmIdentifier;
    publicKey?: string;
  };
  authenticatorAttachment?: AuthenticatorAttachment;
  clientExtensionResults: AuthenticationExtensionsClientOutputs;
  type: PublicKeyCredentialType;
}
