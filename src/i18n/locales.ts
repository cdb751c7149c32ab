/**
 * Which language the prompt speaks: the nearest `lang` (the element's own, an ancestor's, across shadow roots
 * up to the document's), matched against the locales with a fallback chain (`pt-PT` → `pt` → English). English
 * is in the bundle; every other locale is its own module, loaded by dynamic import the first time it is used,
 * so English pages never download them (a bundler or the CDN build makes each a separate chunk).
 */
import { formats } from './format.js';
import type { LocaleMessages, LocaleModule } from './types.js';

/**
 * The locales shipped besides English; a tag's language alone (`pt`, `zh`) finds its one regional table.
 * A locale module imports nothing at run time (its formatters are passed in), so no bundler has to split
 * shared code out of the main file into a chunk of its own.
 */
const LOADERS: Record<string, () => Promise<LocaleModule>> = {
  ar: () => import('../locales/ar.js'),
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  he: () => import('../locales/he.js'),
  it: () => import('../locales/it.js'),
  ja: () => import('../locales/ja.js'),
  nl: () => import('../locales/nl.js'),
  pl: () => import('../locales/pl.js'),
  'pt-BR': () => import('../locales/pt-BR.js'),
  'zh-CN': () => import('../locales/zh-CN.js'),
};

/** The language alone stands for these regional tables; Traditional Chinese is not Simplified: English. */
const ALIASES: Record<string, string> = { pt: 'pt-BR', zh: 'zh-CN' };
const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/i;

/** Every locale tag the prompt speaks, English first (with those added by `registerLocale`). */
export const LOCALES: string[] = ['en', ...Object.keys(LOADERS)];

/**
 * Adds a locale, or replaces one, from outside the package: `registerLocale('sv', () => import('./sv.js'))`,
 * whose default export is a {@link LocaleModule}. Elements already on the page see it at their next `lang`
 * change; register before they connect.
 */
export function registerLocale(tag: string, load: () => Promise<LocaleModule>): void {
  if (!(tag in LOADERS)) LOCALES.push(tag);
  LOADERS[tag] = load;
  loaded.delete(tag);
}

/** The locale for a `lang` value: the tag itself, then its language (and alias), then `en`. */
export function matchLocale(lang: string): string {
  let tag: string;
  try {
    [tag = 'en'] = Intl.getCanonicalLocales(lang);
  } catch {
    return 'en'; // not a language tag
  }
  if (TRADITIONAL.test(tag)) return 'en';
  const language = tag.split('-')[0]!;
  for (const candidate of [tag, language, ALIASES[language]]) {
    if (candidate && (candidate === 'en' || candidate in LOADERS)) return candidate;
  }
  return 'en';
}

/** The nearest `lang` attribute's value, through shadow roots to the document's; '' when none. */
export function langOf(element: Element): string {
  for (let node: Element | null = element; node; ) {
    const found = node.closest('[lang]');
    if (found) return found.getAttribute('lang')!;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

const loaded = new Map<string, Promise<LocaleMessages | undefined>>();

/**
 * The table of `locale` (undefined for English, whose texts are the defaults). A table that fails to load
 * (a chunk missing from a deployment) leaves the prompt in English, with a warning, and is asked again later.
 */
export function loadLocale(locale: string): Promise<LocaleMessages | undefined> {
  const load = LOADERS[locale];
  if (!load) return Promise.resolve(undefined);
  let table = loaded.get(locale);
  if (!table) {
    table = load().then(
      (module) => module.default(formats(locale)),
      (error: unknown) => {
        loaded.delete(locale);
        console.warn(`mfa-prompt: no "${locale}" texts, English shown`, error);
        return undefined;
      },
    );
    loaded.set(locale, table);
  }
  return table;
}
