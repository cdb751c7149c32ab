import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Device, Policy } from '../adapter/types.js';
import type { FlowMessages, MethodChoice, MethodOption, MfaFlow } from '../flow/index.js';
import { methodOptions, usableMethods } from '../flow/methods/options.js';
import { MfaDeviceChangeEvent, MfaMethodChooseEvent } from './events.js';
import { flowContext, FlowStateController, messagesOf } from './flow-context.js';
import { LocaleController } from '../i18n/controller.js';
import { methodIcons } from './icons.js';
import { methodChooserStyles } from './mfa-method-chooser.styles.js';
import { spinner } from './spinner.styles.js';
import { theme } from './theme.js';

/** Standalone, without `methods`: offer whatever the selected device can do. */
const EVERY_METHOD: Policy = {
  methods: ['push', 'phone', 'sms', 'passcode'],
  rememberMe: { allowed: false, durationSeconds: 0 },
  smsBatchSize: 10,
};

/** What one render shows, from the flow or from the element's own properties. */
interface ChooserView {
  devices: readonly Device[];
  selected: Device | undefined;
  methods: readonly MethodOption[];
  pendingMethod: 'push' | 'phone' | 'webauthn' | null;
  deviceDisabled: boolean;
  methodsDisabled: boolean;
  /** With a flow: whether the passcode entry is open (Enter a Passcode is a toggle); undefined without one. */
  passcodeOpen: boolean | undefined;
  /** Rows to reserve so the list keeps its height from device to device. */
  rows: number;
}

/**
 * @summary Chooses how to pass the second factor: a device select (with two or more devices), then one
 * row per method the selected device supports, as an icon, the method's name and its button: "Send me a Push"
 * (recommended), "Call Me", "Enter a Passcode", or, for a security key or passkey, "Use a security key" /
 * "Use a passkey" (recommended). The first row's button is the primary (filled) one, so every device has one.
 * With two or more devices, the list keeps the height of the device with the most methods, so the card does
 * not jump when the user switches.
 *
 * Inside `<mfa-prompt>` (or with `flow` set) it renders the flow's state and calls `selectDevice()`, `push()`,
 * `call()`, `useWebAuthn()` and `openPasscodeEntry()`; it dispatches no events of its own then. Without a flow it renders its
 * own properties and dispatches `mfa-device-change` and `mfa-method-choose`.
 *
 * While a push or call is pending, its button is disabled and marked busy; the other methods and the device
 * select stay usable, and choosing one of them cancels the pending request (the flow does that). While a
 * passcode is being verified, everything waits for its answer. After a lock-out everything is disabled.
 *
 * Enter a Passcode is a toggle (`aria-expanded`): a second press closes the passcode entry.
 *
 * @csspart device - The wrapper of the device label and select (or of the single device's name).
 * @csspart device-label - The "Device" label.
 * @csspart device-select - The native `<select>` of devices (two or more devices).
 * @csspart device-name - The device's name as text, when there is only one.
 * @csspart methods - The list of methods.
 * @csspart method - One method's row: icon, name, button.
 * @csspart method-icon - The method's icon (inline SVG in `currentColor`).
 * @csspart method-name - The method's name ("Push"), with the badge under it; the button's description.
 * @csspart method-button - A method's button.
 * @csspart badge - The "Recommended" badge, under the recommended method's name (never inside the button, so
 *   it never takes room from the label; screen readers hear it as the button's description).
 * @csspart spinner - The spinner on the pending method's button.
 *
 * @cssproperty --mfa-font-family - Font of the whole prompt.
 * @cssproperty --mfa-font-size - Base font size (15px).
 * @cssproperty --mfa-spacing - Base spacing unit (16px).
 * @cssproperty --mfa-radius - Corner radius of the select and buttons (8px).
 * @cssproperty --mfa-color-background - Select background.
 * @cssproperty --mfa-color-text - Text colour.
 * @cssproperty --mfa-color-text-muted - The single device's name.
 * @cssproperty --mfa-color-border - Select border.
 * @cssproperty --mfa-color-accent - Buttons and badge.
 * @cssproperty --mfa-color-accent-contrast - Text on the accent colour.
 * @cssproperty --mfa-color-focus - Focus ring.
 *
 * @event {MfaMethodChooseEvent} mfa-method-choose - Without a flow: a method button was pressed; `detail.method` is `push`, `phone`, `passcode` or `webauthn`.
 * @event {MfaDeviceChangeEvent} mfa-device-change - Without a flow: another device was selected; `detail.deviceId`. `selectedDeviceId` is already updated.
 */
export class MfaMethodChooser extends LitElement {
  static override styles = [theme, spinner, methodChooserStyles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The flow to render and drive: from `<mfa-prompt>`'s context, or set directly for a custom layout. */
  @consume({ context: flowContext, subscribe: true })
  @property({ attribute: false })
  flow?: MfaFlow;

  /**
   * Without a flow: texts to use instead of those of the part's language (the nearest `lang`; English by
   * default), any of them. With a flow, the flow's texts apply (`<mfa-prompt>`'s `messages`).
   */
  @property({ attribute: false })
  messages?: Partial<FlowMessages>;

  /** @internal The language of the nearest `lang`, followed as it changes. */
  readonly locale = new LocaleController(this);

  /** Without a flow: the user's devices, in the order to list them. */
  @property({ attribute: false })
  devices: Device[] = [];

  /** Without a flow: the id of the selected device; the first device when unset or unknown. */
  @property({ attribute: 'selected-device-id' })
  selectedDeviceId?: string;

  /**
   * Without a flow: the method buttons. When unset, the selected device's capabilities decide (push, then
   * call, then passcode, which an SMS-capable device also gets).
   */
  @property({ attribute: false })
  methods?: MethodOption[];

  /** Without a flow: the push, call or WebAuthn request in progress: its button is disabled and marked busy. */
  @property({ attribute: 'pending-method' })
  pendingMethod?: 'push' | 'phone' | 'webauthn' | null;

  /** Disables the select and every button (with a flow too, in addition to what the flow's state disables). */
  @property({ type: Boolean, reflect: true })
  disabled = false;

  private readonly flowState = new FlowStateController(this);

  override render(): TemplateResult {
    const view = this.view();
    return html`
      <div class="ruler"></div>
      ${this.renderDevice(view)}
      ${view.methods.length === 0
        ? nothing
        : html`
            <ul
              part="methods"
              class="methods"
              style="--_rows: ${view.rows}"
              aria-label=${messagesOf(this).chooseMethod}
            >
              ${view.methods.map((option, index) => this.renderMethod(option, view, index === 0))}
            </ul>
          `}
    `;
  }

  private renderDevice({ devices, selected, deviceDisabled }: ChooserView): TemplateResult | typeof nothing {
    if (!selected) return nothing;
    if (devices.length < 2) {
      return html`
        <p part="device" class="device">
          <span part="device-label" class="device-label">${messagesOf(this).device}</span>
          <span part="device-name" class="device-name" dir="auto">${selected.displayName}</span>
        </p>
      `;
    }
    return html`
      <div part="device" class="device">
        <label part="device-label" class="device-label" for="device">${messagesOf(this).device}</label>
        <select id="device" part="device-select" ?disabled=${deviceDisabled} @change=${this.onDeviceChange}>
          ${devices.map(
            (device) => html`
              <option value=${device.id} dir="auto">${device.displayName}</option>
            `,
          )}
        </select>
      </div>
    `;
  }

  private renderMethod(option: MethodOption, view: ChooserView, primary: boolean): TemplateResult {
    const { method, label, recommended } = option;
    const m = messagesOf(this);
    const busy = view.pendingMethod === method;
    const names = m.methodNames;
    const name = method === 'webauthn' ? names[view.selected?.type === 'passkey' ? 'passkey' : 'securityKey'] : names[method];
    const expanded = method !== 'passcode' || view.passcodeOpen === undefined ? undefined : view.passcodeOpen ? 'true' : 'false';
    return html`
      <li part="method" class="method">
        <span part="method-icon" class="method-icon">${methodIcons[method]}</span>
        <span part="method-name" class="method-name" id="name-${method}">
          <span>${name}</span>
          ${recommended ? html`<span part="badge" class="badge">${m.recommended}</span>` : nothing}
        </span>
        <button
          type="button"
          part="method-button"
          class="button method-button ${primary ? '' : 'secondary'}"
          data-method=${method}
          aria-describedby="name-${method}"
          aria-expanded=${ifDefined(expanded)}
          aria-busy=${ifDefined(busy ? 'true' : undefined)}
          ?disabled=${view.methodsDisabled || busy}
          @click=${() => this.choose(method, view)}
        >
          <span class="method-label">${label}</span>
          ${busy ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}
        </button>
      </li>
    `;
  }

  /**
   * The select always shows the selected device, even after a change the flow or the page refused: set after
   * every render, as `live()` would, without that directive's 0.45 KB gzip in the bundle.
   */
  protected override updated(): void {
    const select = this.renderRoot.querySelector('select');
    const selected = this.view().selected;
    if (select && selected) select.value = selected.id;
    this.stackIfNarrow();
  }

  /**
   * Watches the width through an empty ruler, not the element itself: stacking changes the element's height, and
   * a size changed while its own observer runs is an error ("ResizeObserver loop completed..."). Never unobserved:
   * it goes on watching across a move, and goes away with the element.
   */
  protected override firstUpdated(): void {
    new ResizeObserver(() => this.stackIfNarrow()).observe(this.renderRoot.querySelector('.ruler')!);
  }

  /**
   * The rows stack (the button under the name) at 330 px and less, and wherever a row does not fit beside itself:
   * a language's long words need more room than English's ("Sicherheitsschlüssel" and its button: 414 px).
   * Measured after every render and every change of width, before the browser paints.
   */
  private stackIfNarrow(): void {
    const list = this.renderRoot.querySelector('.methods');
    if (!list) return;
    list.classList.remove('stacked');
    list.classList.toggle('stacked', this.clientWidth <= 330 || list.scrollWidth > list.clientWidth + 1);
  }

  private view(): ChooserView {
    const state = this.flowState.state;
    if (state) {
      const interactive = (state.phase === 'choosing' || state.phase === 'pending') && !state.lockedOut;
      return {
        devices: state.devices,
        selected: state.selectedDevice ?? undefined,
        methods: state.methods,
        pendingMethod: state.pendingMethod,
        deviceDisabled: this.disabled || !interactive || state.verifying,
        methodsDisabled: this.disabled || !interactive || state.verifying,
        passcodeOpen: state.passcodeEntryOpen,
        rows: state.devices.length > 1 ? state.mostMethods : state.methods.length,
      };
    }
    const devices = this.devices ?? [];
    const selected = devices.find((device) => device.id === this.selectedDeviceId) ?? devices[0];
    const pendingMethod = this.pendingMethod ?? null;
    const methods = this.methods ?? (selected ? methodOptions(usableMethods(selected, EVERY_METHOD), messagesOf(this), selected.type) : []);
    return {
      devices,
      selected,
      methods,
      pendingMethod,
      deviceDisabled: this.disabled,
      methodsDisabled: this.disabled,
      passcodeOpen: undefined,
      rows: methods.length,
    };
  }

  private choose(method: MethodChoice, view: ChooserView): void {
    const flow = this.flow;
    if (!flow) {
      this.dispatchEvent(new MfaMethodChooseEvent(method));
      return;
    }
    if (method === 'push') flow.push();
    else if (method === 'phone') flow.call();
    else if (method === 'webauthn') flow.useWebAuthn();
    else if (view.passcodeOpen) flow.closePasscodeEntry();
    else flow.openPasscodeEntry();
  }

  private onDeviceChange(event: Event): void {
    const deviceId = (event.target as HTMLSelectElement).value;
    if (this.flow) {
      this.flow.selectDevice(deviceId);
      // The flow may refuse (the login is over): re-render so the select shows its device again.
      this.requestUpdate();
      return;
    }
    this.selectedDeviceId = deviceId;
    this.dispatchEvent(new MfaDeviceChangeEvent(deviceId));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-method-chooser': MfaMethodChooser;
  }
}
