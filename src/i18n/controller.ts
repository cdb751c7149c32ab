/**
 * An element's language, kept current: on connect it reads the nearest `lang` and loads that locale's table;
 * a `lang` set or changed later (on the element, an ancestor, the document, or a shadow host on the way) is
 * seen by a MutationObserver on each root between the element and the document, and the element re-renders
 * in the new language once its table has loaded.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf, loadLocale, matchLocale } from './locales.js';
import type { LocaleMessages } from './types.js';

export class LocaleController implements ReactiveController {
  /** The locale shown: `en` until another one's table has loaded. */
  locale = 'en';
  /** Its table; undefined for English (the defaults). */
  table: LocaleMessages | undefined;
  private wanted = 'en';
  private observer: MutationObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called after the language changed (the host has been asked to update). */
    private readonly changed?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.resolve());
    // Every root from the element's up to the document: a lang anywhere on the way may be the nearest one.
    for (let root = this.host.getRootNode(); ; root = (root as ShadowRoot).host.getRootNode()) {
      this.observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
      if (!(root instanceof ShadowRoot)) break;
    }
    this.resolve();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  private resolve(): void {
    const locale = matchLocale(langOf(this.host));
    if (locale === this.wanted) return;
    this.wanted = locale;
    void loadLocale(locale).then((table) => {
      // A later change won meanwhile; a table that failed to load keeps English.
      if (this.wanted !== locale) return;
      this.locale = table ? locale : 'en';
      this.table = table;
      this.host.requestUpdate();
      this.changed?.();
    });
  }
}
