/**
 * The locale sweep's side in the story's page (bundled by scripts/test-locales.mjs with esbuild and added to
 * the page before Storybook): switches the shown story to a language at run time, as a page would (its `lang`
 * and `dir`), waits until every mfa-* element has re-rendered in it, and runs the checks of checks.ts. The
 * English defaults and every locale's table are bundled here, so texts are compared with what the same
 * browser's `Intl` makes of them.
 */
import { defaultPromptMessages } from '../../src/elements/mfa-prompt.messages.js';
import { defaultMessages } from '../../src/flow/messages.js';
import { formats } from '../../src/i18n/format.js';
import type { LocaleModule } from '../../src/i18n/types.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';
import es from '../../src/locales/es.js';
import fr from '../../src/locales/fr.js';
import he from '../../src/locales/he.js';
import it from '../../src/locales/it.js';
import ja from '../../src/locales/ja.js';
import nl from '../../src/locales/nl.js';
import pl from '../../src/locales/pl.js';
import ptBR from '../../src/locales/pt-BR.js';
import zhCN from '../../src/locales/zh-CN.js';
import { catalogue, englishMatcher, keyOf, type Catalogue } from './catalogue.js';
import { ourElements, overflowProblems, shownTexts, unpseudoTexts, untranslatedTexts, type Problem } from './checks.js';

/** The pseudo-locale of stories/support/locale.ts: every text bracketed, about 40% longer. */
const PSEUDO = 'en-XA';
const TABLES: Record<string, LocaleModule['default']> = { ar, de, es, fr, he, it, ja, nl, pl, 'pt-BR': ptBR, 'zh-CN': zhCN };
const RTL = new Set(['ar', 'he']);
/** English, every other locale, then the pseudo-locale. */
const LOCALES = ['en', ...Object.keys(TABLES), PSEUDO];
const SWITCH_TIMEOUT_MS = 5000;

const english = catalogue({ ...defaultMessages, ...defaultPromptMessages });
const catalogues = new Map<string, Catalogue>();
function catalogueOf(locale: string): Catalogue {
  let found = catalogues.get(locale);
  if (!found) {
    const table = TABLES[locale];
    found = table ? catalogue({ ...table(formats(locale)) }) : english;
    catalogues.set(locale, found);
  }
  return found;
}

interface LocalisedElement extends HTMLElement {
  locale?: { locale: string };
  updateComplete?: Promise<unknown>;
  isUpdatePending?: boolean;
  flow?: object;
}

const storyRoot = (): Element => document.querySelector('#storybook-root') ?? document.body;
const ourHosts = (): LocalisedElement[] =>
  ourElements(storyRoot())
    .map(({ element }) => element as LocalisedElement)
    .filter((element) => element.localName.startsWith('mfa-'));

/**
 * Where the language is set: the document, and every element of the story around our elements that sets its
 * own `lang` (a story fixed to one language, as Prompt/States/Languages): the nearest `lang` wins.
 */
let targets: Array<{ element: Element; lang: string | null; dir: string | null }> = [];
const flows = new WeakMap<Element, object | undefined>();

function remember(): void {
  targets = [document.documentElement, ...storyRoot().querySelectorAll('[lang]')].map((element) => ({
    element,
    lang: element.getAttribute('lang'),
    dir: element.getAttribute('dir'),
  }));
  for (const host of ourHosts()) flows.set(host, host.flow);
}

/** A task later: a locale's table arrives in a promise, so a few microtasks after the `lang` change. */
const tick = () => new Promise((resolve) => setTimeout(resolve));

/** Shows the story in `locale`; resolves once every mfa-* element speaks it and has rendered. */
async function show(locale: string): Promise<void> {
  if (targets.length === 0) remember();
  for (const { element } of targets) {
    element.setAttribute('lang', locale);
    element.setAttribute('dir', RTL.has(locale) ? 'rtl' : 'ltr');
  }
  const deadline = Date.now() + SWITCH_TIMEOUT_MS;
  for (;;) {
    const behind = ourHosts().filter((host) => host.locale && host.locale.locale !== locale);
    if (behind.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`${behind.map((host) => `<${host.localName}>`).join(', ')} still in "${behind[0]!.locale!.locale}" after ${SWITCH_TIMEOUT_MS / 1000} s`);
    }
    await tick();
  }
  // A part re-renders after the prompt has handed the flow its new texts: until no update is pending.
  for (let round = 0; round < 10; round += 1) {
    const hosts = ourHosts();
    await Promise.all(hosts.map((host) => host.updateComplete));
    if (!ourHosts().some((host) => host.isUpdatePending)) break;
  }
  // Layout is read synchronously by the checks; only a web font still loading would change it.
  await document.fonts.ready;
}

/**
 * What is wrong in the story as it shows now in `locale`, without the elements (they do not leave the page),
 * and how many texts were read (a check that reads none proves nothing).
 */
function check(locale: string): { problems: Array<Omit<Problem, 'element'> & { key?: string }>; texts: number } {
  const root = storyRoot();
  const own = catalogueOf(locale);
  const shown = shownTexts(root);
  const problems = [
    ...overflowProblems(root),
    ...(locale === PSEUDO ? unpseudoTexts(shown) : locale === 'en' ? [] : untranslatedTexts(shown, englishMatcher(english, own))),
  ];
  return {
    problems: problems.map(({ element: _element, ...problem }) => {
      const key = problem.kind === 'overflow' ? keyOf(own, problem.text) : undefined;
      return key ? { ...problem, key } : problem;
    }),
    texts: shown.length,
  };
}

/** Back to the story's own languages; says whether any prompt started a new flow meanwhile (it must not). */
function restore(): string[] {
  for (const { element, lang, dir } of targets) {
    if (lang === null) element.removeAttribute('lang');
    else element.setAttribute('lang', lang);
    if (dir === null) element.removeAttribute('dir');
    else element.setAttribute('dir', dir);
  }
  targets = [];
  return ourHosts()
    .filter((host) => flows.has(host) && flows.get(host) !== host.flow)
    .map((host) => `<${host.localName}> started a new flow while its language changed`);
}

declare global {
  interface Window {
    __localeSweep: { locales: string[]; show: typeof show; check: typeof check; restore: typeof restore };
  }
}

window.__localeSweep = { locales: LOCALES, show, check, restore };
