/**
 * mfa-prompt: an embeddable multi-factor authentication prompt.
 *
 * This entry exports the element classes without registering them (no side effects), the flow logic and
 * the adapter contract. To register the tags, import `mfa-prompt/define` (or load the CDN bundle).
 */
export { MfaPrompt, defaultPromptMessages } from './elements/mfa-prompt.js';
export type { MfaPromptMessages, PromptMessages } from './elements/mfa-prompt.js';
export { MfaMethodChooser } from './elements/mfa-method-chooser.js';
export { MfaPasscodeInput } from './elements/mfa-passcode-input.js';
export { MfaRememberMe } from './elements/mfa-remember-me.js';
export { MfaStatusBar } from './elements/mfa-status-bar.js';
export * from './elements/events.js';
export { flowContext } from './elements/flow-context.js';
export * from './flow/index.js';
export * from './adapter/index.js';
// WebAuthn in the browser: what `<mfa-prompt>` uses by default, for a custom layout over `MfaFlow`.
export { browserWebAuthn, createBrowserWebAuthn } from './webauthn/browser-client.js';
export type { WebAuthnGlobals } from './webauthn/browser-client.js';
export { WebAuthnError } from './webauthn/types.js';
export type { WebAuthnClient, WebAuthnFailureReason } from './webauthn/types.js';
// Languages: the built-in locales, loaded on first use, and the Intl-based formats their texts use.
export { LOCALES, loadLocale, matchLocale, registerLocale } from './i18n/locales.js';
export { formats } from './i18n/format.js';
export type { Formats, Plural } from './i18n/format.js';
export type { LocaleMessages, LocaleModule } from './i18n/types.js';
