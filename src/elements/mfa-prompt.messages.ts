/**
 * The texts of `<mfa-prompt>`'s frame (loading, headings, side links), their English defaults, and how the
 * `messages` property merges over them. The parts' texts are the flow's, in {@link FlowMessages}.
 */
import { defaultMessages } from '../flow/index.js';
import type { FlowMessages } from '../flow/index.js';

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
  headings: { denied: string; enroll: string; error: string; remembered: string; notRequired: string; success: string };
}

/** What `messages` accepts: any of the flow's texts and of the frame's (the nested `links` and `headings` in part too). */
export type MfaPromptMessages = Partial<FlowMessages> &
  Partial<Omit<PromptMessages, 'links' | 'headings'>> & {
    links?: Partial<PromptMessages['links']>;
    headings?: Partial<PromptMessages['headings']>;
  };

/** Every text the prompt's frame shows: the flow's and the frame's. */
export type PromptText = PromptMessages & FlowMessages;

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
    success: 'Verification complete',
  },
};

/** The defaults with the host's `messages` over them, the nested `links` and `headings` merged key by key. */
export function promptText(messages: MfaPromptMessages | undefined): PromptText {
  const custom = messages ?? {};
  return {
    ...defaultMessages,
    ...defaultPromptMessages,
    ...custom,
    links: { ...defaultPromptMessages.links, ...custom.links },
    headings: { ...defaultPromptMessages.headings, ...custom.headings },
  };
}
