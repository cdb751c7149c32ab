import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { FlowMessages, FlowStatus, MfaFlow, StatusTone } from '../flow/index.js';
import { MfaStatusActionEvent } from './events.js';
import type { MfaStatusAction } from './events.js';
import { CountdownController, digitByDigit } from './countdown.js';
import { flowContext, FlowStateController, messagesOf } from './flow-context.js';
import { LocaleController } from '../i18n/controller.js';
import { alertIcon, checkIcon, infoIcon, lockIcon } from './icons.js';
import { spinner } from './spinner.styles.js';
import { statusBarStyles } from './mfa-status-bar.styles.js';
import { theme } from './theme.js';

const TONES: readonly StatusTone[] = ['info', 'pending', 'success', 'error'];


/**
 * @summary The status bar at the bottom of the prompt: what is happening now ("Pushed a login request to your
 * device...", "Success. Logging you in..."), with Cancel, Dismiss and Retry when they apply.
 *
 * The message is a live region that is always in the page, even when empty, so each new text is announced
 * once: politely, or assertively (`role="alert"`) for the error tone. With nothing to say the bar takes no
 * room (the host gets the `empty` attribute); with a message, two lines are reserved so the card does not jump
 * when the text changes. Each tone has its own icon and edge, told apart in forced colours too (the edge's
 * style differs, not only its colour); after a lock-out the icon is a padlock.
 *
 * Inside `<mfa-prompt>` (or with `flow` set) it renders the flow's `status` and calls `cancel()`, `dismiss()`
 * and `retry()`; it dispatches no events of its own then. Without a flow it renders its own attributes and
 * dispatches `mfa-status-action`.
 *
 * With a flow, while a push or call is pending it also shows:
 * - the Verified Push code, large, under "Enter this code in your app". Screen readers hear it once, with the
 *   status, digit by digit ("7 0 8"); the large digits themselves are hidden from them;
 * - the time left (`1:05 left`) when the backend gave a limit: a `role="timer"`, updated every second and
 *   never announced (the flow announces once, about 20 seconds before the end).
 * Retry takes the flow's label when it has a more specific one ("Send another push").
 *
 * @csspart bar - The bar.
 * @csspart message - The message region (focused by `focus()`), with the icon and the text.
 * @csspart icon - The tone's icon: an "i" (info), a spinner (pending), a check mark (success), an alert sign
 *   (error), or a padlock (locked out).
 * @csspart verification - Verified Push: the box with "Enter this code in your app" and the code.
 * @csspart verification-code - The code itself, in large digits.
 * @csspart time-left - How long the pending push or call has left.
 * @csspart actions - The wrapper of the buttons.
 * @csspart cancel-button - Cancel (a pending push or call).
 * @csspart dismiss-button - Dismiss (clears the message).
 * @csspart retry-button - Retry (repeats the step that failed), or "Send another push" / "Call again" after a timeout.
 *
 * @cssproperty --mfa-font-family - Font of the whole prompt.
 * @cssproperty --mfa-font-size - Base font size (15px).
 * @cssproperty --mfa-spacing - Base spacing unit (16px).
 * @cssproperty --mfa-radius - Corner radius of the bar and its buttons (8px).
 * @cssproperty --mfa-color-surface - The bar's background.
 * @cssproperty --mfa-color-text - Text of the info and pending tones.
 * @cssproperty --mfa-color-accent - Buttons; the pending tone's edge.
 * @cssproperty --mfa-color-accent-contrast - Text on the accent colour.
 * @cssproperty --mfa-color-success - Text and edge of the success tone.
 * @cssproperty --mfa-color-danger - Text and edge of the error tone.
 * @cssproperty --mfa-color-focus - Focus ring.
 *
 * @event {MfaStatusActionEvent} mfa-status-action - Without a flow: Cancel, Dismiss or Retry was pressed; `detail.action` is `cancel`, `dismiss` or `retry`.
 */
export class MfaStatusBar extends LitElement {
  static override styles = [theme, spinner, statusBarStyles];

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

  /** Without a flow: the text to show (rendered as text, never as HTML). Empty shows an empty bar. */
  @property()
  message = '';

  /** Without a flow: `info`, `pending` (with a spinner), `success` or `error` (announced assertively). */
  @property({ reflect: true })
  tone: StatusTone = 'info';

  /** Without a flow: shows Cancel. */
  @property({ type: Boolean, reflect: true })
  cancelable = false;

  /** Without a flow: shows Dismiss. */
  @property({ type: Boolean, reflect: true })
  dismissible = false;

  /** Without a flow: shows Retry. */
  @property({ type: Boolean, reflect: true })
  retryable = false;

  private get messageRegion(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="message"]');
  }

  private readonly flowState = new FlowStateController(this);
  private readonly countdown = new CountdownController(this, () => {
    const state = this.flowState.state;
    return this.flow && state?.phase === 'pending' ? { clock: this.flow.clock, at: state.expiresAt } : undefined;
  });

  /** Moves focus to the message, e.g. right after the user started a push, so the next step is read from there. */
  override focus(options?: FocusOptions): void {
    if (this.messageRegion) this.messageRegion.focus(options);
    else void this.updateComplete.then(() => this.messageRegion?.focus(options));
  }

  protected override willUpdate(): void {
    // Reflected for the host's layout: an empty bar takes no room (no blank band, no stray edge).
    this.toggleAttribute('empty', !this.view().message);
  }

  override render(): TemplateResult {
    const { message, tone, canCancel, canDismiss, canRetry, retryLabel } = this.view();
    const assertive = tone === 'error';
    const m = messagesOf(this);
    const state = this.flowState.state;
    const code = state?.phase === 'pending' ? state.verificationCode : null;
    const secondsLeft = this.countdown.secondsLeft;
    // dir="auto" on the regions: a backend text keeps its own direction (English on a right-to-left page).
    return html`
      <div part="bar" class="bar ${tone} ${message ? '' : 'empty'}">
        <div part="message" class="message" tabindex="-1">
          <span part="icon" class="icon" aria-hidden="true">${message ? this.renderIcon(tone, !!state?.lockedOut) : nothing}</span>
          <div class="regions">
            <div role="status" aria-live="polite" dir="auto">${assertive ? '' : message}${code
                ? html`<span class="visually-hidden"> ${m.enterCodeInApp}: ${digitByDigit(code)}.</span>`
                : nothing}</div>
            <div role="alert" dir="auto">${assertive ? message : ''}</div>
            ${code
              ? html`<div part="verification" class="verification" aria-hidden="true">
                  <span class="verification-label">${m.enterCodeInApp}</span>
                  <span part="verification-code" class="verification-code" translate="no">${code}</span>
                </div>`
              : nothing}
            ${secondsLeft !== null
              ? html`<div part="time-left" class="time-left" role="timer" dir="auto">${m.timeLeft(secondsLeft)}</div>`
              : nothing}
          </div>
        </div>
        <div part="actions" class="actions">${this.renderButton('cancel', canCancel)}${this.renderButton(
            'dismiss',
            canDismiss,
          )}${this.renderButton('retry', canRetry, retryLabel)}</div>
      </div>
    `;
  }

  private renderIcon(tone: StatusTone, lockedOut: boolean): TemplateResult {
    if (lockedOut) return lockIcon;
    switch (tone) {
      case 'pending':
        return html`<span class="spinner"></span>`;
      case 'success':
        return checkIcon;
      case 'error':
        return alertIcon;
      default:
        return infoIcon;
    }
  }

  private renderButton(action: MfaStatusAction, shown: boolean, label?: string): TemplateResult | typeof nothing {
    if (!shown) return nothing;
    return html`<button
      type="button"
      part="${action}-button"
      class="button ${action === 'retry' ? '' : 'secondary'}"
      @click=${this.onAction}
      data-action=${action}
    >
      ${label ?? messagesOf(this)[action]}
    </button>`;
  }

  private view(): Omit<FlowStatus, 'tone'> & { tone: StatusTone } {
    if (this.flow) {
      const status = this.flowState.state?.status;
      return status ?? { message: '', tone: 'info', canCancel: false, canDismiss: false, canRetry: false };
    }
    return {
      message: this.message ?? '',
      tone: TONES.includes(this.tone) ? this.tone : 'info',
      canCancel: this.cancelable,
      canDismiss: this.dismissible,
      canRetry: this.retryable,
    };
  }

  private async onAction(event: Event): Promise<void> {
    const button = event.currentTarget as HTMLButtonElement;
    const action = button.dataset.action as MfaStatusAction;
    if (this.flow) this.flow[action]();
    else this.dispatchEvent(new MfaStatusActionEvent(action));
    // The pressed button usually goes with the status it belonged to: keep focus in the bar, not on <body>.
    await this.updateComplete;
    if (!button.isConnected && !focusedElement()) this.focus();
  }
}

/** The focused element, through shadow roots; null when nothing (or only `<body>`) has focus. */
function focusedElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body ? null : active;
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-status-bar': MfaStatusBar;
  }
}
