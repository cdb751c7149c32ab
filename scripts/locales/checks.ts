/**
 * What the locale sweep (scripts/test-locales.mjs) looks for in a rendered story, as plain DOM functions: text
 * cut off or spilling out of its box, and texts left untranslated. They read the mfa-* elements under a root:
 * their shadow roots (recursively) and the light-DOM children they manage (the passcode field, its hint and
 * error), never the page's own content slotted into them.
 *
 * The exemptions are few and listed here with their reasons; anything else a check finds is a finding.
 */

export interface Problem {
  kind: 'overflow' | 'untranslated';
  /** Where: the part's host and the element ("mfa-status-bar button[part=cancel-button]"). */
  where: string;
  /** The text concerned (a label, a sentence), whitespace collapsed. */
  text: string;
  /** What is wrong, in a few words ("23 px wider than its box"). */
  detail: string;
  /** For texts: the element or attribute that carries it. */
  element?: Element;
}

// ---- Walking our elements -----------------------------------------------------------------------------------

/**
 * Light-DOM children a page slots into the prompt: its logo, footer line and success content. They are the
 * page's, in the page's language, not texts of ours.
 */
const PAGE_SLOTS = new Set(['branding', 'footer', 'success']);

interface Visited {
  element: Element;
  /** The outermost mfa-* element it belongs to (the part on its own, or the prompt). */
  host: Element;
  /** The nearest mfa-* element (whose shadow root, or light DOM, it is in). */
  owner: Element;
}

/** Every element of ours under `root`, in tree order, each with its outermost and nearest mfa-* element. */
export function ourElements(root: ParentNode): Visited[] {
  const found: Visited[] = [];
  const visit = (parent: ParentNode, host: Element | undefined, owner: Element | undefined) => {
    for (const element of parent.children) {
      const ours = element.localName.startsWith('mfa-');
      // The page's own content slotted into a part of ours.
      if (owner && !ours && element.parentNode === owner && PAGE_SLOTS.has(element.getAttribute('slot') ?? '')) continue;
      const nextHost = host ?? (ours ? element : undefined);
      const nextOwner = ours ? element : owner;
      if (nextHost && nextOwner) found.push({ element, host: nextHost, owner: nextOwner });
      if (element.shadowRoot && nextHost && nextOwner) visit(element.shadowRoot, nextHost, nextOwner);
      visit(element, nextHost, nextOwner);
    }
  };
  visit(root, undefined, undefined);
  return found;
}

/** `mfa-status-bar button[part=cancel-button]`: enough to find the element in the source. */
export function describe(element: Element, owner: Element): string {
  const part = element.getAttribute('part');
  const name = part ? `${element.localName}[part=${part.split(' ')[0]}]` : `${element.localName}${element.classList.length > 0 ? `.${[...element.classList].join('.')}` : ''}`;
  return element === owner ? `<${owner.localName}>` : `${owner.localName} ${name}`;
}

const visible = (element: Element): boolean => element.checkVisibility({ visibilityProperty: true, opacityProperty: false });

const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

// ---- Overflow ------------------------------------------------------------------------------------------------

/**
 * Not overflow, on purpose:
 * - `.visually-hidden`: screen-reader text (the live regions' extra words, the passcode field's label slotted
 *   into one) in a 1 px box that clips it.
 * - `select`: a device's name, the user's own, ellipsized inside the select by design (the method chooser's
 *   styles); the select never widens the card.
 */
const OVERFLOW_EXEMPT = '.visually-hidden, select, select *';

/**
 * In an exempt box, in the rendered tree (a slotted label inside a visually hidden slot's wrapper too).
 * `known` remembers the answers of one pass: ancestors are asked again for each of their descendants.
 */
function exempt(element: Element, known: Map<Element, boolean>): boolean {
  let answer = known.get(element);
  if (answer === undefined) {
    const parent = boxParent(element);
    answer = element.matches(OVERFLOW_EXEMPT) || (!!parent && exempt(parent, known));
    known.set(element, answer);
  }
  return answer;
}

/** How far a box goes past another horizontally, in px (0 when within, 1 px of rounding allowed). */
function pastInline(inner: DOMRect, outer: DOMRect): number {
  const past = Math.max(outer.left - inner.left, inner.right - outer.right);
  return past > 1 ? Math.round(past) : 0;
}

/** The element whose box contains this one's in the rendered tree: through slots and shadow roots. */
function boxParent(element: Element): Element | undefined {
  let node: Element | undefined = element.assignedSlot ?? element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host;
  while (node && getComputedStyle(node).display === 'contents') {
    node = node.assignedSlot ?? node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host;
  }
  return node;
}

/** The box a text is laid out in: its nearest ancestor that is not inline (a button, a paragraph, a cell). */
function layoutBox(node: Node): Element | undefined {
  for (let element = node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host; element; ) {
    if (!getComputedStyle(element).display.startsWith('inline') || element.localName === 'button') return element;
    element = element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host ?? undefined;
  }
  return undefined;
}

/**
 * Text cut off or spilling, in the elements of ours under `root`:
 * 1. an element that clips or scrolls (overflow hidden, clip, auto, scroll) with content wider or taller
 *    than its box (text-overflow: ellipsis that truncates is one of these);
 * 2. a visible element whose box reaches outside the card (the prompt's card, or a part's own box);
 * 3. a text running out of the box it is laid out in (a label out of its button, a word wider than a column).
 */
export function overflowProblems(root: ParentNode): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<Element>();
  const known = new Map<Element, boolean>();
  const report = (element: Element, owner: Element, detail: string, text = element.textContent ?? '') => {
    if (reported.has(element)) return;
    reported.add(element);
    problems.push({ kind: 'overflow', where: describe(element, owner), text: collapsed(text), detail, element });
  };
  const cards = new Map<Element, DOMRect>();
  const cardOf = (host: Element): DOMRect => {
    let box = cards.get(host);
    if (!box) {
      box = (host.shadowRoot?.querySelector('[part="card"]') ?? host).getBoundingClientRect();
      cards.set(host, box);
    }
    return box;
  };

  for (const { element, host, owner } of ourElements(root)) {
    if (!visible(element) || exempt(element, known)) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const clips = (value: string) => value !== 'visible';
    const wider = element.scrollWidth - element.clientWidth;
    const taller = element.scrollHeight - element.clientHeight;
    if (clips(style.overflowX) && wider > 1) {
      report(element, owner, `${wider} px of content cut off (overflow-x: ${style.overflowX}${style.textOverflow === 'ellipsis' ? ', ellipsis' : ''})`);
    } else if (clips(style.overflowY) && taller > 1) {
      report(element, owner, `${taller} px of content cut off (overflow-y: ${style.overflowY})`);
    }
    const past = pastInline(box, cardOf(host));
    if (past > 0 && element !== host) report(element, owner, `${past} px outside the card`);
    const parent = boxParent(element);
    if (parent && !['absolute', 'fixed'].includes(style.position)) {
      const out = pastInline(box, parent.getBoundingClientRect());
      if (out > 0) report(element, owner, `${out} px outside its container ${describe(parent, owner)}`);
    }
  }

  // Texts, against the box they are laid out in.
  for (const { element, owner } of ourElements(root)) {
    if (!visible(element) || exempt(element, known)) continue;
    for (const node of textNodes(element)) {
      const box = layoutBox(node);
      if (!box || exempt(box, known)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const outer = box.getBoundingClientRect();
      const past = Math.max(0, ...[...range.getClientRects()].map((line) => pastInline(line, outer)));
      if (past > 0) report(box, owner, `text runs ${past} px out of its box`, node.textContent ?? '');
    }
  }
  return problems;
}

/** The element's own text nodes (and, for a host, those directly in its shadow root) that show letters. */
function textNodes(element: Element): Text[] {
  const nodes = [...element.childNodes, ...(element.shadowRoot?.childNodes ?? [])];
  return nodes.filter((node): node is Text => node.nodeType === Node.TEXT_NODE && /\S/.test(node.textContent ?? ''));
}

// ---- Texts -----------------------------------------------------------------------------------------------------

/** The attributes that carry accessible names and descriptions, or hints shown in a field. */
const TEXT_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'title', 'placeholder', 'alt'];

/**
 * Not texts of ours to translate:
 * - `[part="setup"]`: the "not configured" note is for the developer integrating the prompt, deliberately
 *   English (mfa-prompt.phases.ts).
 * - `option`, `[part="device-name"]`: device names, the user's own data ("iPhone 15", "Landline").
 * - `[part="verification-code"]`: the Verified Push digits.
 */
const TEXT_EXEMPT = '[part="setup"], [part="setup"] *, option, [part="device-name"], [part="verification-code"]';

/**
 * A part on its own (without a flow) renders texts the page gave it (`message` of the status bar, `hint` and
 * `error` of the passcode input, `label` of remember-me): those are the page's, in whatever language it chose.
 */
const PAGE_TEXT_PROPERTIES = ['message', 'hint', 'error', 'label'];

export interface ShownText {
  text: string;
  where: string;
  element: Element;
}

/**
 * Every text of ours a user sees or hears under `root`: text nodes of rendered elements (visually hidden ones
 * too: a screen reader reads them) and the accessible-name attributes. Skips the exemptions above, and the
 * texts of a prompt whose host set `messages` (those override any language: a story that sets them on purpose
 * shows them in every locale).
 */
export function shownTexts(root: ParentNode): ShownText[] {
  const shown: ShownText[] = [];
  for (const { element, host, owner } of ourElements(root)) {
    if ((host as { messages?: unknown }).messages || (owner as { messages?: unknown }).messages) continue;
    if (element.matches(TEXT_EXEMPT) || !visible(element)) continue;
    const pageTexts = new Set(
      ((owner as { flow?: unknown }).flow ? [] : PAGE_TEXT_PROPERTIES)
        .map((name) => (owner as unknown as Record<string, unknown>)[name])
        .filter((value): value is string => typeof value === 'string' && value !== '')
        .map((value) => value.trim()),
    );
    for (const node of textNodes(element)) {
      const text = (node.textContent ?? '').trim();
      if (!pageTexts.has(text)) shown.push({ text, where: describe(element, owner), element });
    }
    for (const name of TEXT_ATTRIBUTES) {
      const text = element.getAttribute(name)?.trim();
      if (text && !pageTexts.has(text)) shown.push({ text, where: `${describe(element, owner)} @${name}`, element });
    }
  }
  return shown;
}

/** Texts that are English defaults in a real locale (`englishKey`: from catalogue.ts's `englishMatcher`). */
export function untranslatedTexts(shown: ShownText[], englishKey: (text: string) => string | undefined): Problem[] {
  return shown.flatMap(({ text, where, element }) => {
    const key = englishKey(text);
    return key ? [{ kind: 'untranslated' as const, where, text: collapsed(text), detail: `English (${key})`, element }] : [];
  });
}

/**
 * Texts that are not pseudo in the pseudo-locale: every text of ours carries its brackets ("[Ĉåñçéļ ···]"), so
 * letters outside any bracket are a text the locale's table did not provide.
 */
export function unpseudoTexts(shown: ShownText[]): Problem[] {
  return shown.flatMap(({ text, where, element }) => {
    const outside = text.replace(/\[[^\]]*\]/g, '');
    return /\p{L}/u.test(outside) ? [{ kind: 'untranslated' as const, where, text: collapsed(text), detail: 'not pseudo (no brackets)', element }] : [];
  });
}
