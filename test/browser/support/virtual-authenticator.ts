/**
 * A virtual WebAuthn authenticator for browser tests: commands of the plugin in
 * scripts/virtual-authenticator-plugin.mjs. Chromium's comes from the DevTools protocol's `WebAuthn` domain,
 * Firefox's from its WebDriver virtual authenticators; WebKitGTK has no WebAuthn at all.
 *
 * ```ts
 * const authenticator = await addVirtualAuthenticator({ transport: 'usb' });
 * // ... navigator.credentials.create() / get() now talk to it, no user needed ...
 * await authenticator.remove();
 * ```
 *
 * A test that needs what an engine cannot give starts with `await needs(this, 'authenticator')` (or
 * `'presence'`): in that engine it is skipped, and the engine's reason is printed with the test's name.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { skipInThisEngine } from './skip.js';

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

/**
 * What a test may need from the engine's virtual authenticators:
 * - `authenticator`: any virtual authenticator (and WebAuthn itself);
 * - `presence`: one that can hold back the user's touch (`automaticPresenceSimulation: false`, `setPresence`),
 *   so that a request waits for its timeout, an abort or a second request.
 */
export type AuthenticatorAbility = 'authenticator' | 'presence';

let limits: Promise<Partial<Record<AuthenticatorAbility, string>>> | undefined;

/**
 * Skips the running test in an engine that lacks `ability`, and logs the engine's written reason (the launcher
 * in scripts/engines/ gives it); elsewhere does nothing. Call it first thing: `await needs(this, 'presence')`.
 */
export async function needs(test: Mocha.Context, ability: AuthenticatorAbility): Promise<void> {
  limits ??= executeServerCommand('virtual-authenticator:limits');
  const reasons = await limits;
  // Presence needs an authenticator first.
  const reason = reasons.authenticator ?? (ability === 'presence' ? reasons.presence : undefined);
  if (reason !== undefined) skipInThisEngine(test, reason);
}
