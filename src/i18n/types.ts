/** What a locale module exports as its default: every text of the prompt and its parts, in one language. */
import type { FlowMessages } from '../flow/messages.js';
import type { PromptMessages } from '../elements/mfa-prompt.messages.js';
import type { Formats } from './format.js';

/**
 * Every key of the English defaults except `mentionsNextStep`, which reads backend texts (with `backendTexts`),
 * whatever the prompt's language: it stays the default's.
 */
export type LocaleMessages = Omit<FlowMessages, 'mentionsNextStep'> & PromptMessages;

/** A locale module (src/locales/<tag>.ts): its default export makes the table with the locale's formatters. */
export interface LocaleModule {
  default: (f: Formats) => LocaleMessages;
}
