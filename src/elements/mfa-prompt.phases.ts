/**
 * What `<mfa-prompt>`'s main column shows in each phase of the flow: the heading, the loading skeletons, the
 * parts while the user works (chooser, passcode slot, remember-me), the enroll link, and the setup message.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { FlowState } from '../flow/index.js';
import { checkIcon } from './icons.js';
import { renderEnrollLink, type LinkHandler } from './mfa-prompt.links.js';
import type { PromptText } from './mfa-prompt.messages.js';

// The parts' own parts, styleable from the page as `mfa-prompt::part(method-button)` etc.
const CHOOSER_PARTS =
  'device, device-label, device-select, device-name, methods, method, method-icon, method-name, method-button, badge, ' +
  'spinner: method-spinner';
const REMEMBER_PARTS = 'checkbox: remember-me-checkbox, label: remember-me-label';

/** The main column for `state`; `enrollUrl` is the "Add a new device" link's safe URL, if any. */
export function renderMain(
  state: FlowState,
  t: PromptText,
  enrollUrl: string | undefined,
  onLink: LinkHandler,
): TemplateResult {
  switch (state.phase) {
    case 'loading':
      // The skeletons are shaped like what usually comes: a device select, three method buttons, remember-me.
      return html`
        ${renderHeading(t.chooseMethod)}
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
      return renderHeading(t.headings.denied);
    case 'error':
      return renderHeading(t.headings.error);
    case 'success':
      // Preauth allowed the login (a remembered device, a user exempt): there were never any methods to show.
      if (state.result?.method === 'remembered') return renderHeading(t.headings.remembered);
      if (state.result?.method === 'not-required') return renderHeading(t.headings.notRequired);
      // A final state, not dimmed methods: nothing is left to do here. The host may put its own in the slot.
      return html`<div class="done" part="success">
        <slot name="success"><span class="done-icon" aria-hidden="true">${checkIcon}</span>${renderHeading(t.headings.success)}</slot>
      </div>`;
    case 'enroll':
      return html`
        ${renderHeading(t.headings.enroll)}
        ${renderEnrollLink(enrollUrl, t, onLink)}
      `;
    default:
      return renderWorking(state, t);
  }
}

/** Choosing, pending: the parts render the details from the flow. */
function renderWorking(state: FlowState, t: PromptText): TemplateResult {
  return html`
    ${renderHeading(t.chooseMethod)}
    ${state.devices.length > 0
      ? html`<mfa-method-chooser part="chooser" exportparts=${CHOOSER_PARTS}></mfa-method-chooser>`
      : nothing}
    <slot name="passcode"></slot>
    <mfa-remember-me part="remember-me" exportparts=${REMEMBER_PARTS}></mfa-remember-me>
  `;
}

function renderHeading(text: string): TemplateResult {
  // tabindex -1: a place to put focus when the control that had it disappears.
  return html`<h2 class="heading" part="heading" tabindex="-1">${text}</h2>`;
}

/** For the developer integrating the prompt, not for end users: deliberately not localised. */
export function renderSetup(): TemplateResult {
  return html`<p class="setup" part="setup">
    <strong>&lt;mfa-prompt&gt; is not configured.</strong>
    Set its <code>base-url</code> attribute (and <code>username</code> or <code>ticket</code>), or its
    <code>adapter</code> property.
  </p>`;
}
