/**
 * A virtual WebAuthn authenticator for browser tests (Chromium only), through the DevTools protocol's
 * `WebAuthn` domain: commands of the plugin in scripts/virtual-authenticator-plugin.mjs.
 *
 * ```ts
 * const authenticator = await addVirtualAuthenticator({ transport: 'usb' });
 * // ... navigator.credentials.create() / get() now talk to it, no user needed ...
 * await authenticator.remove();
 * ```
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** The DevTools protocol's `WebAuthn.VirtualAuthenticatorOptions` (the plugin's defaults in brackets). */
export interface VirtualAuthenticatorOptions {
  /** ['ctap2'] */
  protocol?: 'ctap2' | 'u2f';
  /** ['usb']: a roaming security key; 'internal' is a platform authenticator (a passkey on this computer). */
  transport?: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  /** [true] */
  hasResidentKey?: boolean;
  /** [true] */
  hasUserVerification?: boolean;
  /** [true] Whether user verification succeeds. */
  isUserVerified?: boolean;
  /** [true] Whether the "user" touches the key at once; false leaves every request waiting (until its timeout). */
  automaticPresenceSimulation?: boolean;
}

/** The DevTools protocol's `WebAuthn.Credential`: binary fields in standard base64 (with `+`, `/`, `=`). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export interface VirtualAuthenticator {
  readonly authenticatorId: string;
  /** The credentials the authenticator holds. */
  credentials(): Promise<VirtualCredential[]>;
  setUserVerified(isUserVerified: boolean): Promise<void>;
  /** Automatic presence simulation on or off: off, requests wait for a touch that never comes. */
  setPresence(enabled: boolean): Promise<void>;
  remove(): Promise<void>;
}

/** Adds a virtual authenticator to this test page (a new one each call; remove it after the test). */
export async function addVirtualAuthenticator(options: VirtualAuthenticatorOptions = {}): Promise<VirtualAuthenticator> {
  const { authenticatorId } = await executeServerCommand<{ authenticatorId: string }, VirtualAuthenticatorOptions>(
    'virtual-authenticator:add',
    options,
  );
  return {
    authenticatorId,
    credentials: () => executeServerCommand('virtual-authenticator:credentials', { authenticatorId }),
    setUserVerified: async (isUserVerified) => {
      await executeServerCommand('virtual-authenticator:set-user-verified', { authenticatorId, isUserVerified });
    },
    setPresence: async (enabled) => {
      await executeServerCommand('virtual-authenticator:set-presence', { authenticatorId, enabled });
    },
    remove: async () => {
      await executeServerCommand('virtual-authenticator:remove', { authenticatorId });
    },
  };
}
