/** What a locale module exports as its default: every text of the prompt and its parts, in one language. */
import type { FlowMessages } from '../flow/messages.js';
import type { PromptMessages } from '../elements/mfa-prompt.messages.js';
import type { Formats } from './format.js';

/**
 * Every key of the English defaults. `mentionsNextStep` lists the language's own phrases and the English ones:
 * a backend may answer in English on any page.
 */
export type LocaleMessages = FlowMessages & PromptMessages;

/** A locale module (src/locales/<tag>.ts): its default export makes the table with the locale's formatters. */
export interface LocaleModule {
  default: (f: Formats) => LocaleMessages;
}
