import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { rememberMeLabel } from '../flow/index.js';
import type { FlowMessages, MfaFlow } from '../flow/index.js';
import { flowContext, FlowStateController, messagesOf } from './flow-context.js';
import { LocaleController } from '../i18n/controller.js';
import { theme } from './theme.js';

/**
 * @summary The "Remember me for 8 hours" checkbox: a native checkbox with its label.
 *
 * Inside `<mfa-prompt>` (or with `flow` set) it renders the flow's `rememberMe` state: nothing at all when the
 * policy does not offer it, greyed out while a push or call is pending, and calls `setRememberMe()`. Without a
 * flow it renders its own properties and dispatches `change`; set the standard `hidden` attribute when the
 * policy does not offer remember-me.
 *
 * @csspart checkbox - The native checkbox.
 * @csspart label - The label (wrapping the checkbox and its text).
 *
 * @cssproperty --mfa-font-family - Font of the whole prompt.
 * @cssproperty --mfa-font-size - Base font size (15px).
 * @cssproperty --mfa-spacing - Base spacing unit (16px).
 * @cssproperty --mfa-color-text - Label colour.
 * @cssproperty --mfa-color-accent - The ticked checkbox.
 * @cssproperty --mfa-color-focus - Focus ring.
 *
 * @event {Event} change - Without a flow: the user ticked or unticked the box; read the element's `checked`.
 */
export class MfaRememberMe extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: inline-flex;
        align-items: flex-start;
        gap: calc(var(--_mfa-space) * 0.5);
        cursor: pointer;
        overflow-wrap: break-word;
      }
      input {
        flex: none;
        inline-size: 1.1em;
        block-size: 1.1em;
        /* Centres the box on the first line of the label. */
        margin-block: calc((1.4em - 1.1em) / 2) 0;
        margin-inline: 0;
        accent-color: var(--_mfa-accent);
        cursor: inherit;
      }
      label:has(input:disabled) {
        cursor: not-allowed;
        opacity: 0.6;
      }
    `,
  ];
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

  /** Without a flow: the label text. When empty, it is built from `durationSeconds`. */
  @property()
  label = '';

  /** Without a flow: how long the device is remembered, for the label ("Remember me for 8 hours"). */
  @property({ attribute: 'duration-seconds', type: Number })
  durationSeconds = 28_800;

  /** Without a flow: whether the box is ticked. Updated when the user clicks it. */
  @property({ type: Boolean, reflect: true })
  checked = false;

  /** Greys the checkbox out. With a flow, in addition to the flow's own rule (greyed out while a push or call is pending). */
  @property({ type: Boolean, reflect: true })
  disabled = false;

  private readonly flowState = new FlowStateController(this);

  override render(): TemplateResult | typeof nothing {
    const view = this.view();
    if (!view) return nothing;
    return html`
      <label part="label">
        <input
          part="checkbox"
          type="checkbox"
          ?disabled=${view.disabled}
          @change=${this.onChange}
        />
        <span>${view.label}</span>
      </label>
    `;
  }

  /**
   * The box always shows the state (the flow's, or `checked`), even after a click the flow or the page refused:
   * set after every render, as `live()` would, without that directive's 0.45 KB gzip in the bundle.
   */
  protected override updated(): void {
    const box = this.renderRoot.querySelector('input');
    if (box) box.checked = this.view()!.checked;
  }

  /** What to show; undefined when a flow says remember-me is not offered. */
  private view(): { label: string; checked: boolean; disabled: boolean } | undefined {
    const state = this.flowState.state;
    if (state) {
      const { offered, label, checked, disabled } = state.rememberMe;
      return offered ? { label, checked, disabled: disabled || this.disabled } : undefined;
    }
    const label = this.label || rememberMeLabel(this.durationSeconds, messagesOf(this));
    return { label, checked: this.checked, disabled: this.disabled };
  }

  private onChange(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    if (this.flow) {
      this.flow.setRememberMe(checked);
      // The flow ignores the click while the box is disabled: re-render so the box shows its state again.
      this.requestUpdate();
      return;
    }
    this.checked = checked;
    // The native `change` does not leave the shadow root: dispatch one from the host.
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-remember-me': MfaRememberMe;
  }
}
