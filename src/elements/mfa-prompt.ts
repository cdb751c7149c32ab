import { ContextProvider } from '@lit/context';
import { html, LitElement } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createHttpAdapter } from '../adapter/http-adapter.js';
import type { MfaAdapter } from '../adapter/types.js';
import { browserWebAuthn } from '../webauthn/browser-client.js';
import type { WebAuthnClient } from '../webauthn/types.js';
import { MfaFlow } from '../flow/index.js';
import type { AutoMethod, BackendTexts, FlowState } from '../flow/index.js';
import {
  MfaCancelEvent,
  MfaFailureEvent,
  MfaLinkEvent,
  MfaStateChangeEvent,
  MfaSuccessEvent,
  type MfaLink,
} from './events.js';
import { flowContext, FlowStateController } from './flow-context.js';
import type { MfaPasscodeInput } from './mfa-passcode-input.js';
// The styles first: a bundler then emits them before the helpers, as before the split (about 170 B less gzip
// in `mfa-prompt/define` bundled, whose templates are not minified).
import { promptStyles } from './mfa-prompt.styles.js';
import { PromptFocus } from './mfa-prompt.focus.js';
import { syncPasscodeInput } from './mfa-prompt.passcode.js';
import { promptText } from './mfa-prompt.messages.js';
import type { MfaPromptMessages } from './mfa-prompt.messages.js';
import { renderMain, renderSetup } from './mfa-prompt.phases.js';
import { addDeviceHref, renderLinks } from './mfa-prompt.links.js';
import { theme } from './theme.js';
import { LocaleController } from '../i18n/controller.js';
import { ifDefined } from 'lit/directives/if-defined.js';

export { defaultPromptMessages } from './mfa-prompt.messages.js';
export type { MfaPromptMessages, PromptMessages } from './mfa-prompt.messages.js';

// The status bar's own parts, styleable from the page as `mfa-prompt::part(status-message)` etc. (the main
// column's parts export theirs in mfa-prompt.phases.ts).
const STATUS_PARTS =
  'bar: status-bar, message: status-message, icon: status-icon, actions: status-actions, ' +
  'verification: status-verification, verification-code: status-verification-code, time-left: status-time-left, ' +
  'cancel-button: status-cancel-button, dismiss-button: status-dismiss-button, retry-button: status-retry-button';

/** The locales written right to left: the card is mirrored for them (its CSS uses logical properties). */
const RTL = new Set(['ar', 'he']);

const AUTO_METHODS: readonly string[] = ['push', 'phone', 'passcode', 'sms'] satisfies AutoMethod[];
const isAutoMethod = (value: string | undefined): value is AutoMethod => AUTO_METHODS.includes(value ?? '');

/**
 * The whole second-factor step of a login in one card: choose a device and a method (push, call, passcode,
 * or a security key or passkey where the backend and the browser support WebAuthn), follow its progress in the
 * status bar (with the Verified Push code to type on the phone, and the time a push or call has left),
 * optionally remember the device, and finish with a token for the host's server.
 *
 * Configure it with `base-url` (the bundled HTTP adapter) or the `adapter` property, plus `username` and/or
 * `ticket`. It creates its {@link MfaFlow} when connected, starts it, and shares it with its parts through
 * `flowContext`. The passcode field is put into the element's light DOM while it is shown, so the page's
 * autofill and password managers can see it.
 *
 * @summary An embeddable multi-factor authentication prompt.
 *
 * @attribute color-scheme - `light` or `dark` forces that scheme; by default the prompt follows the user's preference.
 *
 * @slot branding - A logo (`<img slot="branding" alt="Example Corp">`): the side column's top, or the card's
 *   top in one column (narrow cards).
 * @slot footer - The side column's bottom, e.g. "Powered by ...".
 * @slot success - The final state after a login with a method, in place of the default (a check mark and
 *   "Verification complete"): e.g. the host's "Redirecting..." while it hands the token to its server.
 * @slot passcode - Managed by the element: holds its `<mfa-passcode-input>` while the passcode entry is open.
 *
 * @csspart card - The card around everything.
 * @csspart main - The main column: heading, methods, passcode, remember-me.
 * @csspart heading - The heading ("Choose an authentication method").
 * @csspart success - The final state once the login succeeded (slot `success`): the methods are gone.
 * @csspart loading - The placeholder while the backend is asked.
 * @csspart chooser - The `<mfa-method-chooser>`; its parts are exported under their own names: `device`,
 *   `device-label`, `device-select`, `device-name`, `methods`, `method`, `method-icon`, `method-name`,
 *   `method-button`, `badge`, and `method-spinner` (its `spinner`).
 * @csspart remember-me - The `<mfa-remember-me>`; its parts as `remember-me-checkbox`, `remember-me-label`.
 * @csspart enroll-link - The prominent "Add a new device" link when the user has no device.
 * @csspart status - The `<mfa-status-bar>` across the bottom; its parts as `status-bar`, `status-message`,
 *   `status-icon`, `status-actions`, `status-cancel-button`, `status-dismiss-button`, `status-retry-button`,
 *   and, while a push or call is pending, `status-verification`, `status-verification-code` (the Verified Push
 *   code) and `status-time-left`.
 * @csspart brand - The branding area (slot `branding`); takes no room when nothing is slotted.
 * @csspart side - The side column under the branding: links, footer (below the status in one column).
 * @csspart links - The navigation holding the links.
 * @csspart link - Each link; also `link-about`, `link-add-device`, `link-settings`, `link-help`.
 * @csspart setup - The message shown to developers when nothing is configured.
 *
 * @cssproperty --mfa-max-width - The card's maximum width (default 640px).
 * @cssproperty --mfa-font-family - Font family.
 * @cssproperty --mfa-font-size - Base font size (default 15px).
 * @cssproperty --mfa-spacing - Base spacing unit (default 16px).
 * @cssproperty --mfa-radius - Corner radius of the card and buttons (default 8px).
 * @cssproperty --mfa-color-background - The card's background.
 * @cssproperty --mfa-color-surface - The side column's and placeholders' background.
 * @cssproperty --mfa-color-text - Text colour.
 * @cssproperty --mfa-color-text-muted - Secondary text (loading text, footer).
 * @cssproperty --mfa-color-border - Borders.
 * @cssproperty --mfa-color-accent - Buttons and links.
 * @cssproperty --mfa-color-accent-contrast - Text on accent-coloured buttons.
 * @cssproperty --mfa-color-success - Success status.
 * @cssproperty --mfa-color-danger - Errors, and the setup message's border.
 * @cssproperty --mfa-color-focus - Focus outlines.
 *
 * @fires {MfaSuccessEvent} mfa-success - The login is complete: `detail.token` goes to the host's server; also `method`
 *   (`push`, `phone`, `passcode`, `sms`, `webauthn`; or, with no second factor asked, `remembered` for a remembered
 *   device and `not-required` for a user exempt from it) and `remembered` (the backend remembers this device).
 * @fires {MfaFailureEvent} mfa-failure - A step failed: `detail.reason` and the `message` shown. `cancel-failed`:
 *   the backend did not confirm a cancel, and the request may still reach the phone.
 * @fires {MfaCancelEvent} mfa-cancel - The user canceled a pending push or call and the backend confirmed it
 *   (until then the status says "Canceling..."), or canceled a security key or passkey request, or chose
 *   another device while one of them was pending (the status says "Push canceled: you chose another device.";
 *   the prompt cancels it on the server), or opened Enter a Passcode while one was pending ("Authentication
 *   request canceled"): `detail.method` (`push`, `phone` or `webauthn`).
 * @fires {MfaFailureEvent} mfa-failure - Also `webauthn-canceled`, `webauthn-timeout`, `webauthn-no-credential`,
 *   `webauthn-unsupported`, `webauthn-insecure-context`, `webauthn-failed` when the browser's WebAuthn request
 *   gave no assertion.
 * @fires {MfaStateChangeEvent} mfa-state-change - The phase or step changed (analytics): `detail.phase`, `detail.step`.
 * @fires {MfaLinkEvent} mfa-link - A side link was activated: `detail.link` is `about`, `add-device`, `settings` or `help`. Cancelable: `preventDefault()` stops a URL link's navigation.
 */
export class MfaPrompt extends LitElement {
  static override styles = [theme, promptStyles];

  /** Where the backend's routes live (absolute, or relative to the page); the prompt uses the bundled HTTP adapter. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** The user who passed the first factor, sent to the backend's preauth. */
  @property() username?: string;

  /** An opaque value from the host's first-factor step, sent to the backend's preauth. */
  @property() ticket?: string;

  /**
   * Start this method on the first device as soon as the devices are known, as "automatically send me a
   * push" does: `push`, `phone`, `passcode` (opens the passcode entry) or `sms` (texts a batch of codes).
   * Ignored when the first device lacks the method; the user can always cancel and choose another.
   */
  @property({ attribute: 'auto-method' }) autoMethod?: AutoMethod;

  /** Any backend: takes precedence over `base-url`. */
  @property({ attribute: false }) adapter?: MfaAdapter;

  /**
   * How the prompt asks the browser for a WebAuthn assertion: the page's own `navigator.credentials` by
   * default. Security keys and passkeys are offered only when the adapter supports WebAuthn and this says it
   * can work on the page.
   */
  @property({ attribute: false }) webauthn?: WebAuthnClient;

  /**
   * Texts to use instead of those of the prompt's language (any of them, in any language). The prompt speaks
   * the language of the nearest `lang` attribute (its own, an ancestor's, the document's), English by default.
   * Set or changed at any time: everything shown, the status included, follows at once.
   */
  @property({ attribute: false }) messages?: MfaPromptMessages;

  /**
   * Whose text to show for the statuses and outcomes the prompt has its own words for, when the backend sends
   * one too: `auto` (default) the backend's while the prompt speaks its English defaults, its own in any other
   * language or when `messages` replaced it; `always` the backend's; `never` the prompt's own.
   */
  @property({ attribute: 'backend-texts' }) backendTexts: BackendTexts = 'auto';

  /** "What is this?": a URL opens in a new tab; without one, handle `mfa-link` (`about`). */
  @property({ attribute: 'about-url' }) aboutUrl?: string;

  /**
   * "Add a new device", also the enroll phase's link: wins over the backend's enrollment URL, which is used
   * only without it. Only an http(s) URL becomes a link; without one, handle `mfa-link` (`add-device`).
   */
  @property({ attribute: 'add-device-url' }) addDeviceUrl?: string;

  /** "My Settings & Devices": without a URL, handle `mfa-link` (`settings`). */
  @property({ attribute: 'settings-url' }) settingsUrl?: string;

  /** "Need help?": without a URL, handle `mfa-link` (`help`). */
  @property({ attribute: 'help-url' }) helpUrl?: string;

  private readonly provider = new ContextProvider(this, { context: flowContext });
  private currentFlow: MfaFlow | undefined;
  private flowCleanup: Array<() => void> = [];
  private httpAdapter: { baseUrl: string; adapter: MfaAdapter } | undefined;
  private passcodeInput: MfaPasscodeInput | undefined;
  private readonly focusManager = new PromptFocus(this, () => this.passcodeInput);
  private warned = false;
  @state() private hasBranding = false;
  /** @internal The language of the nearest `lang`; a change re-renders and re-translates the flow. */
  readonly locale = new LocaleController(this, () => this.currentFlow?.setMessages(this.flowMessages()));

  constructor() {
    super();
    new FlowStateController(this);
  }

  /** The current flow (for a custom layout: pass it to parts placed elsewhere), or undefined when unconfigured. */
  get flow(): MfaFlow | undefined {
    return this.currentFlow;
  }

  /** The flow's current state, or undefined when nothing is configured. */
  get state(): FlowState | undefined {
    return this.currentFlow?.state;
  }

  /** Starts the login over: a new flow asks the backend again; whatever was pending is canceled. */
  restart(): void {
    if (this.isConnected) this.createFlow();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.currentFlow) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move (removed and re-inserted in the same task) keeps the login going; a real removal ends it.
    queueMicrotask(() => {
      if (!this.isConnected) this.dropFlow();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reconfigured =
      changed.has('adapter') ||
      changed.has('baseUrl') ||
      changed.has('username') ||
      changed.has('ticket') ||
      changed.has('webauthn') ||
      changed.has('backendTexts');
    if (this.isConnected && (reconfigured || !this.currentFlow)) this.createFlow();
    else if (changed.has('messages')) this.currentFlow?.setMessages(this.flowMessages());
  }

  protected override updated(): void {
    // In the light DOM: page autofill and password managers cannot see into shadow roots.
    this.passcodeInput = syncPasscodeInput(this, this.currentFlow, this.passcodeInput);
  }

  // ---- Render ---------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const state = this.currentFlow?.state;
    const t = promptText(this.messages, this.locale.table);
    const { locale } = this.locale;
    const addDevice = addDeviceHref(this.addDeviceUrl, state);
    const links = renderLinks(t, this, addDevice, this.onLink);
    return html`
      <div class="card" part="card" lang=${locale} dir=${ifDefined(RTL.has(locale) ? 'rtl' : undefined)}>
        <div class="main" part="main" aria-busy=${state?.phase === 'loading' ? 'true' : 'false'}>
          ${state ? renderMain(state, t, addDevice, this.onLink) : renderSetup()}
        </div>
        <mfa-status-bar class="status" part="status" exportparts=${STATUS_PARTS}></mfa-status-bar>
        <div class="brand ${this.hasBranding ? '' : 'none'}" part="brand">
          <slot name="branding" @slotchange=${this.onBrandingChange}></slot>
        </div>
        <div class="side" part="side">
          <nav class="links" part="links" aria-label=${t.linksLabel}>${links}</nav>
          <div class="footer"><slot name="footer"></slot></div>
        </div>
      </div>
    `;
  }

  // ---- Handlers -------------------------------------------------------------------------------------------

  private readonly onBrandingChange = (event: Event): void => {
    // An empty branding area takes no room (in one column it would be a blank band above the heading).
    this.hasBranding = (event.target as HTMLSlotElement).assignedNodes().length > 0;
  };

  private readonly onLink = (event: Event, link: MfaLink): void => {
    if (!this.dispatchEvent(new MfaLinkEvent(link))) event.preventDefault();
  };

  private readonly onStateChange = (state: FlowState): void => {
    this.focusManager.stateChanged(state);
    this.requestUpdate();
  };

  // ---- Flow -----------------------------------------------------------------------------------------------

  /** The flow's texts: the language's table with the host's `messages` over it. */
  private flowMessages(): MfaPromptMessages {
    return { ...this.locale.table, ...this.messages };
  }

  private resolveAdapter(): MfaAdapter | undefined {
    if (this.adapter) return this.adapter;
    if (!this.baseUrl) return undefined;
    if (this.httpAdapter?.baseUrl !== this.baseUrl) {
      this.httpAdapter = { baseUrl: this.baseUrl, adapter: createHttpAdapter({ baseUrl: this.baseUrl }) };
    }
    return this.httpAdapter.adapter;
  }

  /** Replaces the flow (destroying the old one, which cancels what it had pending) and starts the new one. */
  private createFlow(): void {
    this.dropFlow();
    const adapter = this.resolveAdapter();
    if (!adapter) {
      this.warnUnconfigured();
      return;
    }
    const flow = new MfaFlow(adapter, {
      ...(this.username ? { username: this.username } : {}),
      ...(this.ticket ? { ticket: this.ticket } : {}),
      messages: this.flowMessages(),
      backendTexts: this.backendTexts,
      ...(isAutoMethod(this.autoMethod) ? { autoMethod: this.autoMethod } : {}),
      webauthn: this.webauthn ?? browserWebAuthn,
    });
    // Details are rebuilt field by field: only what the event types declare reaches the page.
    this.flowCleanup = [
      flow.subscribe(this.onStateChange),
      flow.on('success', ({ token, method, remembered }) =>
        this.dispatchEvent(new MfaSuccessEvent({ token, method, remembered })),
      ),
      flow.on('failure', ({ reason, message }) => this.dispatchEvent(new MfaFailureEvent({ reason, message }))),
      flow.on('cancel', ({ method }) => this.dispatchEvent(new MfaCancelEvent({ method }))),
      flow.on('statechange', ({ phase, step }) => this.dispatchEvent(new MfaStateChangeEvent({ phase, step }))),
    ];
    this.currentFlow = flow;
    this.focusManager.reset(flow.state);
    this.provider.setValue(flow);
    this.requestUpdate();
    flow.start();
  }

  private dropFlow(): void {
    const flow = this.currentFlow;
    if (!flow) return;
    for (const cleanup of this.flowCleanup) cleanup();
    this.flowCleanup = [];
    this.currentFlow = undefined;
    this.focusManager.reset(undefined);
    flow.destroy();
    this.provider.setValue(undefined);
    this.passcodeInput?.remove();
    this.passcodeInput = undefined;
    this.requestUpdate();
  }

  private warnUnconfigured(): void {
    if (this.warned) return;
    // A framework may set `adapter` a moment after connecting: warn only if it is still missing then.
    setTimeout(() => {
      if (this.warned || !this.isConnected || this.resolveAdapter()) return;
      this.warned = true;
      console.warn(
        '<mfa-prompt> is not configured: set its base-url attribute or its adapter property (and username or ticket).',
      );
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-prompt': MfaPrompt;
  }
}
