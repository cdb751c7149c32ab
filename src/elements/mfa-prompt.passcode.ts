/**
 * `<mfa-prompt>`'s passcode field, kept in the element's light DOM (slot `passcode`) while the passcode entry
 * is open: page autofill and password managers cannot see into shadow roots.
 */
import type { FlowState, MfaFlow } from '../flow/index.js';
import type { MfaPasscodeInput } from './mfa-passcode-input.js';

/** Phases in which the device and method controls are shown (after success, a final state replaces them). */
const WORKING = new Set<FlowState['phase']>(['choosing', 'pending']);

/**
 * Puts the field into `host` while `flow`'s passcode entry is open (creating it the first time), and removes it
 * otherwise. Returns the field now in `host`, if any: pass it back on the next call.
 */
export function syncPasscodeInput(
  host: HTMLElement,
  flow: MfaFlow | undefined,
  input: MfaPasscodeInput | undefined,
): MfaPasscodeInput | undefined {
  const state = flow?.state;
  const open = !!state && state.passcodeEntryOpen && WORKING.has(state.phase);
  if (!open) {
    input?.remove();
    return undefined;
  }
  if (!input) {
    input = host.ownerDocument.createElement('mfa-passcode-input') as MfaPasscodeInput;
    input.slot = 'passcode';
  }
  input.flow = flow;
  if (input.parentNode !== host) host.append(input);
  return input;
}
