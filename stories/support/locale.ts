/**
 * Languages in Storybook: a toolbar to show every story in any of the prompt's locales (the decorator wraps
 * the story in an element with that `lang`, and `dir="rtl"` for Arabic and Hebrew, as a page would), and a
 * pseudo-locale, `en-XA`: every English text accented and about 40% longer, in brackets, to catch layouts that
 * only fit English and texts that are not translated (they show without brackets).
 */
import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defaultPromptMessages } from '../../src/elements/mfa-prompt.messages.js';
import { defaultMessages } from '../../src/flow/messages.js';
import { LOCALES, registerLocale } from '../../src/i18n/locales.js';
import type { LocaleMessages } from '../../src/i18n/types.js';

export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'aeiouycnAEIOUYCN'].map((letter, index) => [letter, 'àéîöûýçñÀÉÎÖÛÝÇÑ'[index]!]),
);

/** "Log In" → "[Ļöĝ Îñ ·····]": accented, padded by about 40%, digits and punctuation kept. */
export function pseudo(text: string): string {
  const accented = text.replace(/[a-zA-Z]/g, (letter) => ACCENTED[letter] ?? letter);
  return `[${accented} ${'·'.repeat(Math.max(2, Math.round(text.length * 0.4)))}]`;
}

/** Every string and every function's result of `table`, through {@link pseudo}. */
function pseudoTable<T>(table: T): T {
  if (typeof table === 'string') return pseudo(table) as T;
  if (typeof table === 'function') return ((...args: unknown[]) => pseudo((table as (...a: unknown[]) => string)(...args))) as T;
  if (table instanceof RegExp || typeof table !== 'object' || table === null) return table;
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, pseudoTable(value)])) as T;
}

// The durations stay Intl's English inside the pseudo sentence ("Rémémbér mé för 8 hours"): not ours to pad.
// `mentionsNextStep` stays English (regular expressions pass through): the backend's texts are not pseudo.
const pseudoMessages: LocaleMessages = { ...pseudoTable({ ...defaultMessages, ...defaultPromptMessages }), duration: defaultMessages.duration };
registerLocale(PSEUDO_LOCALE, () => Promise.resolve({ default: () => pseudoMessages }));

const NAMES: Record<string, string> = {
  en: 'English',
  ar: 'العربية (Arabic)',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  he: 'עברית (Hebrew)',
  it: 'Italiano',
  ja: '日本語 (Japanese)',
  nl: 'Nederlands',
  pl: 'Polski',
  'pt-BR': 'Português (Brasil)',
  'zh-CN': '简体中文 (Chinese)',
  [PSEUDO_LOCALE]: 'Pseudo-locale (long, accented)',
};

/** The toolbar's language menu (`globalTypes.locale` in .storybook/preview.ts). */
export const localeGlobalType = {
  description: 'The language of the prompt',
  toolbar: {
    title: 'Language',
    icon: 'globe',
    items: LOCALES.map((value) => ({ value, title: NAMES[value] ?? value })),
    dynamicTitle: true,
  },
};

const RTL = new Set(['ar', 'he']);

/**
 * Every story inside an element with the toolbar's `lang` (and `dir`): the elements follow it. English, the
 * page's own language, needs no wrapper: the stories keep their layout box (the visual baselines crop to it).
 */
export const withLocale: Decorator = (story, context) => {
  const locale = (context.globals['locale'] as string | undefined) ?? 'en';
  if (locale === 'en') return story();
  return html`<div lang=${locale} dir=${RTL.has(locale) ? 'rtl' : 'ltr'}>${story()}</div>`;
};
