import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { createHttpAdapter } from '../adapter/http-adapter.js';
import type { MfaAdapter } from '../adapter/types.js';
import { browserWebAuthn } from '../webauthn/browser-client.js';
import type { WebAuthnClient } from '../webauthn/types.js';
import { defaultMessages, MfaFlow } from '../flow/index.js';
import type { AutoMethod, FlowMessages, FlowState } from '../flow/index.js';
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
import { promptStyles } from './mfa-prompt.styles.js';
import { theme } from './theme.js';

/** Texts of the prompt's frame (the parts' texts are in {@link FlowMessages}). */
export interface PromptMessages {
  /** Under the heading while the backend is asked what this login needs. */
  loading: string;
  /** The side links; "Add a new device" is `FlowMessages.addDevice`. */
  links: { about: string; settings: string; help: string };
  /** Accessible name of the links' navigation landmark. */
  linksLabel: string;
  /** Read after a link that opens in a new tab. */
  opensInNewTab: string;
  /** The heading when no method is offered. */
  headings: { denied: string; enroll: string; error: string; remembered: string; notRequired: string };
}

/** What `messages` accepts: any of the flow's texts and of the frame's (the nested `links` and `headings` in part too). */
export type MfaPromptMessages = Partial<FlowMessages> &
  Partial<Omit<PromptMessages, 'links' | 'headings'>> & {
    links?: Partial<PromptMessages['links']>;
    headings?: Partial<PromptMessages['headings']>;
  };

export const defaultPromptMessages: PromptMessages = {
  loading: 'Checking your account...',
  links: { about: 'What is this?', settings: 'My Settings & Devices', help: 'Need help?' },
  linksLabel: 'Help and settings',
  opensInNewTab: '(opens in a new tab)',
  headings: {
    denied: 'Login not allowed',
    enroll: 'Add a device to continue',
    error: 'Something went wrong',
    remembered: 'No second step needed',
    notRequired: 'No second step needed',
  },
};

// The parts' own parts, styleable from the page as `mfa-prompt::part(method-button)` etc.
const CHOOSER_PARTS =
  'device, device-label, device-select, device-name, methods, method, method-button, badge, spinner: method-spinner';
const REMEMBER_PARTS = 'checkbox: remember-me-checkbox, label: remember-me-label';
const STATUS_PARTS =
  'bar: status-bar, message: status-message, icon: status-icon, actions: status-actions, ' +
  'verification: status-verification, verification-code: status-verification-code, time-left: status-time-left, ' +
  'cancel-button: status-cancel-button, dismiss-button: status-dismiss-button, retry-button: status-retry-button';

const AUTO_METHODS: readonly string[] = ['push', 'phone', 'passcode', 'sms'] satisfies AutoMethod[];
const isAutoMethod = (value: string | undefined): value is AutoMethod => AUTO_METHODS.includes(value ?? '');

/** Phases in which the device and method controls are shown. */
const WORKING = new Set<FlowState['phase']>(['choosing', 'pending', 'success']);

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
 * @slot branding - The side column's top, e.g. a logo (`<img slot="branding" alt="Example Corp">`).
 * @slot footer - The side column's bottom, e.g. "Powered by ...".
 * @slot passcode - Managed by the element: holds its `<mfa-passcode-input>` while the passcode entry is open.
 *
 * @csspart card - The card around everything.
 * @csspart main - The main column: heading, methods, passcode, remember-me.
 * @csspart heading - The heading ("Choose an authentication method").
 * @csspart loading - The placeholder while the backend is asked.
 * @csspart chooser - The `<mfa-method-chooser>`; its parts are exported under their own names: `device`,
 *   `device-label`, `device-select`, `device-name`, `methods`, `method`, `method-button`, `badge`, and
 *   `method-spinner` (its `spinner`).
 * @csspart remember-me - The `<mfa-remember-me>`; its parts as `remember-me-checkbox`, `remember-me-label`.
 * @csspart enroll-link - The prominent "Add a new device" link when the user has no device.
 * @csspart status - The `<mfa-status-bar>` across the bottom; its parts as `status-bar`, `status-message`,
 *   `status-icon`, `status-actions`, `status-cancel-button`, `status-dismiss-button`, `status-retry-button`,
 *   and, while a push or call is pending, `status-verification`, `status-verification-code` (the Verified Push
 *   code) and `status-time-left`.
 * @csspart side - The side column: branding, links, footer.
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
 *   (until then the status says "Canceling..."), or canceled a security key or passkey request: `detail.method`
 *   (`push`, `phone` or `webauthn`).
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
   * Texts to use instead of the English defaults. The frame's texts change at once; the flow's texts (status,
   * buttons, errors) apply from the next start, so set them before the prompt is connected.
   */
  @property({ attribute: false }) messages?: MfaPromptMessages;

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
  /** The state the last change notification brought. */
  private lastState: FlowState | undefined;
  /** The state before the changes not yet handled by `manageFocus`, and where focus was then. */
  private focusSnapshot: { previous: FlowState; focused: Element | null } | undefined;
  private warned = false;

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
      changed.has('webauthn');
    if (this.isConnected && (reconfigured || !this.currentFlow)) this.createFlow();
  }

  protected override updated(): void {
    this.syncPasscodeInput();
  }

  // ---- Render ---------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const state = this.currentFlow?.state;
    return html`
      <div class="card" part="card">
        <div class="main" part="main" aria-busy=${state?.phase === 'loading' ? 'true' : 'false'}>
          ${state ? this.renderMain(state) : this.renderSetup()}
        </div>
        <mfa-status-bar class="status" part="status" exportparts=${STATUS_PARTS}></mfa-status-bar>
        <div class="side" part="side">
          <slot name="branding"></slot>
          <nav class="links" part="links" aria-label=${this.text.linksLabel}>${this.renderLinks(state)}</nav>
          <div class="footer"><slot name="footer"></slot></div>
        </div>
      </div>
    `;
  }

  private renderMain(state: FlowState): TemplateResult {
    const t = this.text;
    switch (state.phase) {
      case 'loading':
        // The skeletons are shaped like what usually comes: a device select, three method buttons, remember-me.
        return html`
          ${this.renderHeading(t.chooseMethod)}
          <div class="loading" part="loading">
            <p class="loading-text">${t.loading}</p>
            <div class="skeletons" aria-hidden="true">
              <div class="skeleton"></div>
              <div class="skeleton"></div>
              <div class="skeleton"></div>
              <div class="skeleton"></div>
              <div class="skeleton line"></div>
            </div>
          </div>
        `;
      case 'denied':
        return this.renderHeading(t.headings.denied);
      case 'error':
        return this.renderHeading(t.headings.error);
      case 'success':
        // Preauth allowed the login (a remembered device, a user exempt): there were never any methods to show.
        if (state.result?.method === 'remembered') return this.renderHeading(t.headings.remembered);
        if (state.result?.method === 'not-required') return this.renderHeading(t.headings.notRequired);
        return this.renderWorking(state);
      case 'enroll': {
        const url = this.addDeviceHref(state);
        return html`
          ${this.renderHeading(t.headings.enroll)}
          ${url
            ? html`<a
                class="button enroll-link"
                part="enroll-link"
                href=${url}
                target="_blank"
                rel="noopener noreferrer"
                @click=${(event: Event) => this.onLink(event, 'add-device')}
                >${t.addDevice}<span class="visually-hidden"> ${t.opensInNewTab}</span></a
              >`
            : html`<button
                type="button"
                class="button enroll-link"
                part="enroll-link"
                @click=${(event: Event) => this.onLink(event, 'add-device')}
              >
                ${t.addDevice}
              </button>`}
        `;
      }
      default:
        return this.renderWorking(state);
    }
  }

  /** Choosing, pending, success: the parts render the details from the flow. */
  private renderWorking(state: FlowState): TemplateResult {
    const t = this.text;
    return html`
      ${this.renderHeading(t.chooseMethod)}
      ${state.devices.length > 0
        ? html`<mfa-method-chooser part="chooser" exportparts=${CHOOSER_PARTS}></mfa-method-chooser>`
        : nothing}
      <slot name="passcode"></slot>
      <mfa-remember-me part="remember-me" exportparts=${REMEMBER_PARTS}></mfa-remember-me>
    `;
  }

  private renderHeading(text: string): TemplateResult {
    // tabindex -1: a place to put focus when the control that had it disappears.
    return html`<h2 class="heading" part="heading" tabindex="-1">${text}</h2>`;
  }

  /**
   * Rule 22, **host links win**: the host's `add-device-url` when set, else the backend's enrollment URL;
   * a link only if that URL is http(s). A host URL that is not makes a button (`mfa-link`), never the backend's.
   */
  private addDeviceHref(state: FlowState | undefined): string | undefined {
    return safeUrl(this.addDeviceUrl ? this.addDeviceUrl : state?.enrollUrl);
  }

  private renderLinks(state: FlowState | undefined): TemplateResult {
    // eslint-disable-next-line lit-a11y/no-redundant-role -- Safari drops the role of a list with list-style: none
    return html`<ul role="list">
      ${this.renderLink('about', this.text.links.about, this.aboutUrl)}
      ${this.renderLink('add-device', this.text.addDevice, this.addDeviceHref(state))}
      ${this.renderLink('settings', this.text.links.settings, this.settingsUrl)}
      ${this.renderLink('help', this.text.links.help, this.helpUrl)}
    </ul>`;
  }

  private renderLink(link: MfaLink, label: string, url: string | null | undefined): TemplateResult {
    const href = safeUrl(url);
    const onClick = (event: Event): void => this.onLink(event, link);
    return html`<li>
      ${href
        ? html`<a
            class="link"
            part="link link-${link}"
            href=${href}
            target="_blank"
            rel="noopener noreferrer"
            @click=${onClick}
            >${label}<span class="visually-hidden"> ${this.text.opensInNewTab}</span></a
          >`
        : html`<button type="button" class="link" part="link link-${link}" @click=${onClick}>${label}</button>`}
    </li>`;
  }

  private renderSetup(): TemplateResult {
    // For the developer integrating the prompt, not for end users: deliberately not localised.
    return html`<p class="setup" part="setup">
      <strong>&lt;mfa-prompt&gt; is not configured.</strong>
      Set its <code>base-url</code> attribute (and <code>username</code> or <code>ticket</code>), or its
      <code>adapter</code> property.
    </p>`;
  }

  // ---- Handlers -------------------------------------------------------------------------------------------

  private onLink(event: Event, link: MfaLink): void {
    if (!this.dispatchEvent(new MfaLinkEvent(link))) event.preventDefault();
  }

  private readonly onStateChange = (state: FlowState): void => {
    // Keep the first snapshot until manageFocus runs: several changes can come before one render.
    if (!this.focusSnapshot) {
      this.focusSnapshot = { previous: this.lastState ?? state, focused: this.focusedElement() };
      void this.manageFocus();
    }
    this.lastState = state;
    this.requestUpdate();
  };

  /**
   * After the parts have rendered a change: focus the passcode field when it opens, the status bar when a
   * push or call starts, and a nearby landmark when the focused control disappeared. Only when focus was in
   * the prompt: it never steals focus from the rest of the page.
   */
  private async manageFocus(): Promise<void> {
    await this.updateComplete;
    await this.partsUpdated();
    const snapshot = this.focusSnapshot;
    this.focusSnapshot = undefined;
    const state = this.currentFlow?.state;
    if (!snapshot || !state || !snapshot.focused) return;
    const { previous, focused } = snapshot;
    const statusBar = this.renderRoot.querySelector('mfa-status-bar');

    if (!previous.passcodeEntryOpen && state.passcodeEntryOpen && this.passcodeInput) {
      this.passcodeInput.focus();
    } else if (previous.phase !== 'pending' && state.phase === 'pending' && statusBar) {
      statusBar.focus();
    } else if (this.focusLost(focused)) {
      if (state.status && statusBar) statusBar.focus();
      else this.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
    }
  }

  /** Focus left the element that had it because it was removed or disabled, rather than by the user's choice. */
  private focusLost(focused: Element): boolean {
    const now = this.focusedElement();
    if (now) return now === focused && focused.matches(':disabled');
    const active = (this.getRootNode() as Document | ShadowRoot).activeElement;
    const nowhere = active === null || active === document.body;
    return nowhere && (!focused.isConnected || focused.matches(':disabled'));
  }

  /** The innermost focused element when focus is inside this prompt (shadow tree or light DOM), else null. */
  private focusedElement(): Element | null {
    const root = this.getRootNode() as Document | ShadowRoot;
    let active = root.activeElement;
    if (!active || !(active === this || this.contains(active))) return null;
    while (active.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  private async partsUpdated(): Promise<void> {
    const parts = [
      ...this.renderRoot.querySelectorAll<LitElement>('mfa-method-chooser, mfa-remember-me, mfa-status-bar'),
      ...(this.passcodeInput ? [this.passcodeInput] : []),
    ];
    await Promise.all(parts.map((part) => part.updateComplete));
  }

  // ---- Flow -----------------------------------------------------------------------------------------------

  private get text(): PromptMessages & FlowMessages {
    const custom = this.messages ?? {};
    return {
      ...defaultMessages,
      ...defaultPromptMessages,
      ...custom,
      links: { ...defaultPromptMessages.links, ...custom.links },
      headings: { ...defaultPromptMessages.headings, ...custom.headings },
    };
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
      ...(this.messages ? { messages: this.messages } : {}),
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
    this.lastState = flow.state;
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
    this.lastState = undefined;
    this.focusSnapshot = undefined;
    flow.destroy();
    this.provider.setValue(undefined);
    this.removePasscodeInput();
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

  // ---- Passcode field in the light DOM ----------------------------------------------------------------------

  /** Page autofill and password managers cannot see into shadow roots: the field lives in the light DOM. */
  private syncPasscodeInput(): void {
    const state = this.currentFlow?.state;
    const open = !!state && state.passcodeEntryOpen && WORKING.has(state.phase);
    if (!open) return this.removePasscodeInput();
    if (!this.passcodeInput) {
      const input = this.ownerDocument.createElement('mfa-passcode-input') as MfaPasscodeInput;
      input.slot = 'passcode';
      this.passcodeInput = input;
    }
    this.passcodeInput.flow = this.currentFlow;
    if (this.passcodeInput.parentNode !== this) this.append(this.passcodeInput);
  }

  private removePasscodeInput(): void {
    this.passcodeInput?.remove();
    this.passcodeInput = undefined;
  }
}

/**
 * Only http(s) links: a `javascript:` or `data:` URL from a backend or an attribute must never reach an `href`.
 * Relative URLs resolve against the page, as the link itself will.
 */
function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url, document.baseURI);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-prompt': MfaPrompt;
  }
}
