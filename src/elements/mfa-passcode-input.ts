import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { FlowMessages, MfaFlow } from '../flow/index.js';
import { MfaPasscodeSubmitEvent, MfaSendCodesEvent } from './events.js';
import { CountdownController } from './countdown.js';
import { flowContext, FlowStateController, messagesOf } from './flow-context.js';
import { LocaleController } from '../i18n/controller.js';
import { styles } from './mfa-passcode-input.styles.js';
import { theme } from './theme.js';

/** What the element shows, read from the flow or, without one, from its own properties. */
interface PasscodeView {
  hint: string;
  error: string | null;
  canSendCodes: boolean;
  verifying: boolean;
  sendingCodes: boolean;
}

/**
 * Set on the input when missing (an author's input keeps its own values). No `pattern`: keywords such as
 * `push` are valid input, and codes pasted with spaces or dashes must fit (the flow normalises them). No
 * `name`: autofill keys on `autocomplete`, and an unnamed input is never submitted by a surrounding form
 * (a `method="get"` form would otherwise put the code in a URL).
 */
const INPUT_ATTRIBUTES: Readonly<Record<string, string>> = {
  type: 'text',
  autocomplete: 'one-time-code',
  inputmode: 'numeric',
  enterkeyhint: 'done',
  autocapitalize: 'off',
  autocorrect: 'off',
  spellcheck: 'false',
  maxlength: '32',
};

let lastId = 0;

/** An id not yet used in `doc`, even with a second copy of this package on the page. */
function uniqueId(doc: Document, name: string): string {
  let id: string;
  do id = `mfa-passcode-${++lastId}-${name}`;
  while (doc.getElementById(id));
  return id;
}

/**
 * The passcode entry: one text input, a **Log In** button, the hint under them (`Next SMS passcode starts
 * with 1.`) and, for a device that can receive SMS, **Send codes**.
 *
 * The real `<input>` is a light-DOM child of the element (created on first connect unless the page provides
 * one with `slot="input"`), so the browser's one-time-code autofill and password managers can reach it. Its
 * label, hint and error texts are light-DOM children too, so `aria-describedby` can point at them; the element
 * keeps them up to date. The typed code is only ever in the input's `value` property: never in an attribute,
 * an event or storage. With a flow, the field is emptied once a code was sent and answered, whatever the
 * answer (success too); it keeps its text only after input the flow rejected without sending it.
 *
 * Inside `<mfa-prompt>` the element takes the flow from the context: Log In calls `flow.submitPasscode()` and
 * Send codes `flow.sendSmsCodes()`. On its own (no `flow`) it renders its properties and dispatches events;
 * the host then reads the code from `value`.
 *
 * The input has no `name`, so a `<form>` around the prompt never submits the code, and Enter in the field
 * does not submit such a form either.
 *
 * @summary One-time passcode entry with Log In, Send codes and the SMS hint.
 *
 * @slot input - The `<input>`; created when absent. A page-provided `<input slot="input">` is used as is, with
 *   missing attributes added (`autocomplete="one-time-code"`, `inputmode="numeric"`, `placeholder`...).
 * @slot label - The input's label, visually hidden. Defaults to a `<label>` reading "Passcode".
 * @slot hint - Managed by the element: the hint text, linked to the input by `aria-describedby`.
 * @slot error - Managed by the element: the error text, an assertive live region linked by `aria-describedby`.
 *
 * @csspart field - The row holding the input and Log In. (The input itself is in the light DOM: style it from
 *   the page, e.g. `mfa-passcode-input > input`.)
 * @csspart submit-button - Log In.
 * @csspart send-codes-button - Send codes.
 * @csspart send-codes-wait - In Send codes' place during the backend's cooldown after a batch: "You can send
 *   new codes in 25 s", updated every second, not announced. Send codes returns by itself; if it had focus,
 *   focus moves to the input meanwhile.
 * @csspart hint - The line under the field: "Next SMS passcode starts with 1." or a help text.
 * @csspart error - The error line, in the danger colour.
 *
 * @cssproperty --mfa-color-danger - The error text and the invalid input's border.
 * @cssproperty --mfa-color-text-muted - The hint text.
 * @cssproperty --mfa-color-border - The input's border.
 * @cssproperty --mfa-color-accent - Log In's fill and Send codes' outline and text.
 * @cssproperty --mfa-color-accent-contrast - Log In's text.
 * @cssproperty --mfa-color-focus - The focus ring.
 * @cssproperty --mfa-color-background - The input's background.
 * @cssproperty --mfa-color-text - The input's text.
 * @cssproperty --mfa-radius - Corner radius of the input and buttons.
 * @cssproperty --mfa-spacing - Base spacing unit.
 * @cssproperty --mfa-font-family
 * @cssproperty --mfa-font-size
 *
 * @fires {MfaPasscodeSubmitEvent} mfa-passcode-submit - Without a flow: Log In or Enter was pressed. Read the
 *   code from `value`; the event carries nothing.
 * @fires {MfaSendCodesEvent} mfa-send-codes - Without a flow: Send codes was pressed.
 */
export class MfaPasscodeInput extends LitElement {
  static override styles = [theme, styles];

  /** The flow to render and drive; inside `<mfa-prompt>` it comes from the context. */
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

  /** Without a flow: the line under the field. Defaults to a help text; empty for none. */
  @property()
  hint?: string;

  /** Without a flow: an error to show under the field; the input is then marked invalid. */
  @property()
  error: string | null = null;

  /** Without a flow: show Send codes (the device can receive SMS passcodes). */
  @property({ type: Boolean, attribute: 'can-send-codes' })
  canSendCodes = false;

  /** Without a flow: a code is being verified. Log In is disabled and does not fire. */
  @property({ type: Boolean })
  busy = false;

  /** Without a flow: codes are being sent. Send codes is disabled and does not fire. */
  @property({ type: Boolean, attribute: 'sending-codes' })
  sendingCodes = false;

  private readonly flowState = new FlowStateController(this);
  private readonly cooldown = new CountdownController(this, () => {
    const at = this.flowState.state?.sendCodesAvailableAt;
    return this.flow && at != null ? { clock: this.flow.clock, at } : undefined;
  });
  /** Send codes had focus before this update: if it goes away (the cooldown), focus moves to the input. */
  private sendCodesFocused = false;
  private input: HTMLInputElement | undefined;
  /** The input this element created, replaced if the page provides its own later. */
  private ownInput: HTMLInputElement | undefined;
  private ownLabel: HTMLLabelElement | undefined;
  /** The input's placeholder is the element's (the page set none). */
  private ownPlaceholder = false;
  private hintNode: HTMLElement | undefined;
  private errorNode: HTMLElement | undefined;
  /** The page's own `aria-describedby` on its input, kept in front of ours. */
  private authorDescribedBy = '';
  /** A value set before the input exists. */
  private pendingValue = '';
  private seenFlow: MfaFlow | undefined;
  private seenClearPasscode: number | undefined;

  /** The typed code. A property only: it is never reflected to an attribute. */
  get value(): string {
    return this.input?.value ?? this.pendingValue;
  }

  set value(value: string) {
    if (this.input) this.input.value = value;
    else this.pendingValue = value;
  }

  /** Focuses the input. */
  override focus(options?: FocusOptions): void {
    if (this.input) this.input.focus(options);
    else super.focus(options);
  }

  /** Empties the input. */
  clear(): void {
    this.value = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.upgradeValue();
    this.setUpLightDom();
  }

  override render() {
    const { error, canSendCodes, verifying, sendingCodes } = this.view;
    const wait = this.cooldown.secondsLeft;
    return html`
      <div class="field" part="field">
        <span class="visually-hidden"><slot name="label"></slot></span>
        <slot name="input" @slotchange=${this.setUpLightDom}></slot>
        <button
          class="button"
          part="submit-button"
          type="button"
          aria-disabled=${verifying ? 'true' : 'false'}
          @click=${this.submit}
        >
          ${messagesOf(this).logIn}
        </button>
      </div>
      <div class="error ${error ? '' : 'empty'}" part="error"><slot name="error"></slot></div>
      <div class="help">
        <div class="hint" part="hint"><slot name="hint"></slot></div>
        ${canSendCodes && wait
          ? html`<span class="send-codes-wait" part="send-codes-wait">${messagesOf(this).sendCodesIn(wait)}</span>`
          : canSendCodes
          ? html`<button
              class="button secondary"
              part="send-codes-button"
              type="button"
              aria-disabled=${sendingCodes || verifying ? 'true' : 'false'}
              @click=${this.sendCodes}
            >
              ${messagesOf(this).sendCodes}
            </button>`
          : nothing}
      </div>
    `;
  }

  protected override willUpdate(): void {
    this.sendCodesFocused = this.shadowRoot?.activeElement?.getAttribute('part') === 'send-codes-button';
  }

  protected override updated(): void {
    this.syncLightDom();
    this.clearWhenAsked();
    if (this.sendCodesFocused && !this.shadowRoot?.querySelector('[part="send-codes-button"]')) this.focus();
  }

  // ---- Handlers -------------------------------------------------------------------------------------------

  private readonly onKeydown = (event: KeyboardEvent): void => {
    // Enter while an IME composes confirms the composition, not the code.
    if (event.key !== 'Enter' || event.isComposing) return;
    // Also stops the implicit submission of a page form around the prompt.
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    const flow = this.flow;
    if (flow) {
      if (!flow.state.verifying) flow.submitPasscode(this.value);
    } else if (!this.busy) {
      this.dispatchEvent(new MfaPasscodeSubmitEvent());
    }
  }

  private sendCodes(): void {
    const { canSendCodes, verifying, sendingCodes } = this.view;
    if (!canSendCodes || verifying || sendingCodes) return;
    if (this.flow) this.flow.sendSmsCodes();
    else this.dispatchEvent(new MfaSendCodesEvent());
  }

  // ---- Light DOM ------------------------------------------------------------------------------------------

  private get view(): PasscodeView {
    const state = this.flowState.state;
    if (state) {
      const { passcodeHint, passcodeError, canSendCodes, sendingCodes, phase } = state;
      // Once the login is over, Log In looks as finished as every other control.
      const verifying = state.verifying || phase === 'success';
      return { hint: passcodeHint, error: passcodeError, canSendCodes, verifying, sendingCodes };
    }
    return {
      hint: this.hint ?? messagesOf(this).passcodeHelp[this.canSendCodes ? 'withSms' : 'withoutSms'],
      error: this.error || null,
      canSendCodes: this.canSendCodes,
      verifying: this.busy,
      sendingCodes: this.sendingCodes,
    };
  }

  /** Finds or creates the input, its label and the hint and error nodes. Safe to call again. */
  private setUpLightDom(): void {
    const doc = this.ownerDocument;
    const authored = [...this.children].find(
      (child): child is HTMLInputElement =>
        child.localName === 'input' && child.slot === 'input' && child !== this.ownInput,
    );
    if (authored && authored !== this.input) {
      // The page's input arrived after ours (the element upgraded before its children were parsed).
      if (this.ownInput) {
        if (!authored.value) authored.value = this.ownInput.value;
        this.ownInput.remove();
        this.ownInput = undefined;
      }
      this.adopt(authored);
    } else if (!this.input) {
      this.ownInput = doc.createElement('input');
      this.ownInput.slot = 'input';
      this.append(this.ownInput);
      this.adopt(this.ownInput);
    }
    const input = this.input!;

    const hasLabel = input.hasAttribute('aria-label') || input.hasAttribute('aria-labelledby');
    if (!this.ownLabel && !hasLabel && !this.querySelector(':scope > [slot="label"]')) {
      this.ownLabel = doc.createElement('label');
      this.ownLabel.slot = 'label';
      this.prepend(this.ownLabel);
    }
    if (this.ownLabel) this.ownLabel.htmlFor = input.id;

    if (!this.errorNode) {
      this.errorNode = doc.createElement('div');
      this.errorNode.slot = 'error';
      this.errorNode.id = uniqueId(doc, 'error');
      this.errorNode.setAttribute('aria-live', 'assertive');
      this.errorNode.setAttribute('aria-atomic', 'true');
      this.append(this.errorNode);
    }
    if (!this.hintNode) {
      this.hintNode = doc.createElement('div');
      this.hintNode.slot = 'hint';
      this.hintNode.id = uniqueId(doc, 'hint');
      this.append(this.hintNode);
    }
    this.requestUpdate();
  }

  private adopt(input: HTMLInputElement): void {
    this.input?.removeEventListener('keydown', this.onKeydown);
    this.input = input;
    if (!input.id) input.id = uniqueId(this.ownerDocument, 'input');
    for (const [name, value] of Object.entries(INPUT_ATTRIBUTES)) {
      if (!input.hasAttribute(name)) input.setAttribute(name, value);
    }
    // Ours to keep in the current language (see syncLightDom); an author's placeholder stays as it is.
    this.ownPlaceholder = !input.hasAttribute('placeholder');
    this.authorDescribedBy = input.getAttribute('aria-describedby') ?? '';
    if (this.pendingValue) input.value = this.pendingValue;
    this.pendingValue = '';
    input.addEventListener('keydown', this.onKeydown);
  }

  /** Writes the texts (as text, never HTML) and the input's ARIA state. */
  private syncLightDom(): void {
    const { input, hintNode, errorNode } = this;
    if (!input || !hintNode || !errorNode) return;
    const { hint, error } = this.view;
    // The label and placeholder this element made follow the language and `messages`, as its other texts do.
    const m = messagesOf(this);
    if (this.ownLabel && this.ownLabel.textContent !== m.passcodeLabel) this.ownLabel.textContent = m.passcodeLabel;
    if (this.ownPlaceholder && input.placeholder !== m.passcodePlaceholder) input.placeholder = m.passcodePlaceholder;
    if (hintNode.textContent !== hint) hintNode.textContent = hint;
    if (errorNode.textContent !== (error ?? '')) errorNode.textContent = error ?? '';

    const describedBy = [this.authorDescribedBy, error ? errorNode.id : '', hint ? hintNode.id : '']
      .filter(Boolean)
      .join(' ');
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    else input.removeAttribute('aria-describedby');
    if (error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  /**
   * Rule 19, **passcode cleared**: the flow asks for an empty field by bumping `clearPasscode` after every
   * answer to a code that was sent, success included, so no spent or still valid code stays in the light DOM.
   */
  private clearWhenAsked(): void {
    const flow = this.flow;
    const count = flow?.state.clearPasscode;
    if (flow !== this.seenFlow) {
      this.seenFlow = flow;
      this.seenClearPasscode = count;
      return;
    }
    if (count === this.seenClearPasscode) return;
    this.seenClearPasscode = count;
    this.clear();
    if (flow?.state.phase === 'success') return;
    // Keep the user in the field to type the next code, unless they have moved elsewhere meanwhile.
    const active = this.ownerDocument.activeElement;
    if (!active || active === this.ownerDocument.body || this.matches(':focus-within')) this.focus();
  }

  /** A `value` set on the element before it was upgraded shadows the accessor: move it to the input. */
  private upgradeValue(): void {
    if (!Object.prototype.hasOwnProperty.call(this, 'value')) return;
    const value = (this as { value?: unknown }).value;
    delete (this as { value?: unknown }).value;
    this.value = typeof value === 'string' ? value : '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mfa-passcode-input': MfaPasscodeInput;
  }
}
