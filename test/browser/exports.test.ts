// The package's two entries: the classes register nothing; `define` registers every tag. And the default
// (production) build in dist/, whose templates are minified, renders what the sources render. That part
// reads dist/: run `npm run build` first (`npm test` does).
import { expect, fixture } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import * as api from '../../src/index.js';

const TAGS = ['mfa-prompt', 'mfa-method-chooser', 'mfa-passcode-input', 'mfa-status-bar', 'mfa-remember-me'];

describe('package entries', () => {
  it('importing the classes registers no tag, so a host may register them under names of its own', () => {
    expect(typeof api.MfaPrompt).to.equal('function');
    expect(typeof api.createHttpAdapter).to.equal('function');
    expect(TAGS.filter((tag) => customElements.get(tag))).to.deep.equal([]);
  });

  it('importing define registers every tag with the exported classes, and tolerates a second import', async () => {
    await import('../../src/define.js');
    expect(TAGS.filter((tag) => !customElements.get(tag))).to.deep.equal([]);
    expect(customElements.get('mfa-prompt') === api.MfaPrompt).to.equal(true);
    // A second copy of the module (another URL), as when two bundles on a page both carry the package.
    const secondCopy: string = new URL('../../src/define.ts?again', import.meta.url).href;
    await import(secondCopy);
    expect(customElements.get('mfa-status-bar') === api.MfaStatusBar).to.equal(true);
  });
});

const LOOKS = ['display', 'padding', 'margin', 'gap', 'color', 'background-color', 'font-size', 'border-radius'];
const ID_REFERENCES = new Set(['id', 'for', 'aria-describedby', 'aria-labelledby', 'aria-controls']);
/** `mfa-passcode-3-hint` → `mfa-passcode-N-hint`: each copy of the package numbers its ids on its own. */
const attributeText = (a: Attr) => {
  const value = a.value.replace(/\s+/g, ' ').trim();
  return `${a.name}="${ID_REFERENCES.has(a.name) ? value.replace(/\d+/g, 'N') : value}"`;
};

/** An element's shadow tree as text: tags with their attributes (without Lit's markers), then the text. */
function outline(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent!.replace(/\s+/g, ' ').trim();
  if (node.nodeType === Node.COMMENT_NODE) return '';
  const children = [...(node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : []), ...node.childNodes]
    .map(outline)
    .filter(Boolean)
    .join(' ');
  if (!(node instanceof Element)) return children;
  const attributes = [...node.attributes].map(attributeText).sort();
  return `<${node.localName.replace(/^prod-/, '')} ${attributes.join(' ')}>${children}</>`;
}

describe('the production build (dist/, templates minified)', () => {
  it('renders every element as the sources do, with the same styles', async () => {
    // A specifier TypeScript does not resolve: dist/ exists only after a build.
    const url: string = new URL('../../dist/define.js', import.meta.url).href;
    const production = (await import(url)) as { defineMfaElements(registry: CustomElementRegistry): void };
    const classes = new Map<string, CustomElementConstructor>();
    const registry = { get: () => undefined, define: (tag: string, element: CustomElementConstructor) => classes.set(tag, element) };
    production.defineMfaElements(registry as unknown as CustomElementRegistry);
    expect([...classes.keys()].sort()).to.deep.equal([...TAGS].sort());

    await import('../../src/define.js');
    const markup = (tag: string) =>
      tag === 'mfa-status-bar' ? ' message="Pushed a login request to your device..." tone="pending" cancelable retryable' : '';
    for (const [tag, element] of classes) {
      expect(element === customElements.get(tag), `${tag} is a second build`).to.equal(false);
      customElements.define(`prod-${tag}`, element);
      const attributes = unsafeStatic(markup(tag));
      const source = await fixture(html`<${unsafeStatic(tag)}${attributes}></${unsafeStatic(tag)}>`);
      const built = await fixture(html`<${unsafeStatic(`prod-${tag}`)}${attributes}></${unsafeStatic(`prod-${tag}`)}>`);
      expect(outline(built), tag).to.equal(outline(source));
      expect(outline(source).length, tag).to.be.greaterThan(20);
      const style = (el: Element) => [...el.shadowRoot!.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules]).length;
      expect(style(built), `${tag}: CSS rules`).to.equal(style(source));
      expect(style(source), tag).to.be.greaterThan(0);
      const part = source.shadowRoot!.querySelector('[part]');
      if (part) {
        const twin = built.shadowRoot!.querySelector(`[part="${part.getAttribute('part')}"]`)!;
        const looks = (el: Element) => LOOKS.map((property) => getComputedStyle(el).getPropertyValue(property));
        expect(looks(twin), `${tag}: ${part.getAttribute('part')}'s computed style`).to.deep.equal(looks(part));
      }
    }
  });
});
