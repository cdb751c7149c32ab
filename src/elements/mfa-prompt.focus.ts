/**
 * Focus management for `<mfa-prompt>`: after the parts have rendered a change, focus the passcode field when it
 * opens, the status bar when a push or call starts, and a nearby landmark when the focused control disappeared.
 * Only when focus was in the prompt: it never steals focus from the rest of the page.
 */
import type { LitElement } from 'lit';
import type { FlowState } from '../flow/index.js';
import type { MfaPasscodeInput } from './mfa-passcode-input.js';

/** What the focus manager reads from its element. */
export interface FocusHost extends LitElement {
  /** The flow's current state, or undefined when nothing is configured. */
  readonly state: FlowState | undefined;
}

export class PromptFocus {
  /** The state the last change notification brought. */
  private lastState: FlowState | undefined;
  /** The state before the changes not yet handled by `manageFocus`, and where focus was then. */
  private focusSnapshot: { previous: FlowState; focused: Element | null } | undefined;

  constructor(
    private readonly owner: FocusHost,
    private readonly passcodeInput: () => MfaPasscodeInput | undefined,
  ) {}

  /** A new flow starts from `state`; undefined when the flow is dropped (pending focus moves are forgotten). */
  reset(state: FlowState | undefined): void {
    this.lastState = state;
    this.focusSnapshot = undefined;
  }

  /** The flow's state changed: remember where focus was, and move it once the change has rendered. */
  stateChanged(state: FlowState): void {
    // Keep the first snapshot until manageFocus runs: several changes can come before one render.
    if (!this.focusSnapshot) {
      this.focusSnapshot = { previous: this.lastState ?? state, focused: this.focusedElement() };
      void this.manageFocus();
    }
    this.lastState = state;
  }

  private async manageFocus(): Promise<void> {
    const host = this.owner;
    await host.updateComplete;
    await this.partsUpdated();
    const snapshot = this.focusSnapshot;
    this.focusSnapshot = undefined;
    const state = host.state;
    if (!snapshot || !state || !snapshot.focused) return;
    const { previous, focused } = snapshot;
    const statusBar = host.renderRoot.querySelector('mfa-status-bar');
    const passcodeInput = this.passcodeInput();

    if (!previous.passcodeEntryOpen && state.passcodeEntryOpen && passcodeInput) {
      passcodeInput.focus();
    } else if (previous.phase !== 'pending' && state.phase === 'pending' && statusBar) {
      statusBar.focus();
    } else if (this.focusLost(focused)) {
      if (state.status && statusBar) statusBar.focus();
      else host.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
    }
  }

  /** Focus left the element that had it because it was removed or disabled, rather than by the user's choice. */
  private focusLost(focused: Element): boolean {
    const now = this.focusedElement();
    if (now) return now === focused && focused.matches(':disabled');
    const active = (this.owner.getRootNode() as Document | ShadowRoot).activeElement;
    const nowhere = active === null || active === document.body;
    return nowhere && (!focused.isConnected || focused.matches(':disabled'));
  }

  /** The innermost focused element when focus is inside the prompt (shadow tree or light DOM), else null. */
  private focusedElement(): Element | null {
    const host = this.owner;
    const root = host.getRootNode() as Document | ShadowRoot;
    let active = root.activeElement;
    if (!active || !(active === host || host.contains(active))) return null;
    while (active.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  private async partsUpdated(): Promise<void> {
    const passcodeInput = this.passcodeInput();
    const parts = [
      ...this.owner.renderRoot.querySelectorAll<LitElement>('mfa-method-chooser, mfa-remember-me, mfa-status-bar'),
      ...(passcodeInput ? [passcodeInput] : []),
    ];
    await Promise.all(parts.map((part) => part.updateComplete));
  }
}
