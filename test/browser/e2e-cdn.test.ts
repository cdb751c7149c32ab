/**
 * End to end, the CDN bundle (`dist/cdn/mfa-prompt.js`, built by `npm run build:cdn`) alone in a plain page:
 * a same-origin iframe whose document holds only the bundle's `<script type="module">` and the tag, so
 * nothing else loads Lit there. It must register every tag, export the classes and the HTTP client, render
 * the card, be one request, and complete a push login and a passcode login against the simulated backend. The
 * build renames private member names (vite.config.ts), and these logins are what would break if it renamed one
 * too many.
 *
 * MSW's service worker serves only the page that started it (this test page), so the iframe's prompt gets an
 * adapter, built by the iframe's own `createHttpAdapter`, whose requests go through this page's `fetch`.
 *
 * This file imports nothing from `src/` at run time (types only): every class the iframe uses is the bundle's.
 * Note: the test server passes `.js` files through esbuild (target es2022) like every other module, so the
 * iframe runs an esbuild reprint of the built file: the same code, not the same bytes.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type * as CdnModule from '../../src/cdn.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { BUNDLE, useBundlePages } from './support/bundle-page.js';
import {
  approveWithShownCode,
  logInButton,
  methodButton,
  passcodeErrorText,
  passcodeField,
  statusText,
  text,
  until,
} from './support/keyboard.js';

/** The whole page: the bundle and the tag, nothing else. */
const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>mfa-prompt from the CDN</title></head>
  <body>
    <script type="module" src="${BUNDLE}"></script>
    <mfa-prompt username="alice"></mfa-prompt>
  </body>
</html>`;

type FrameWindow = Window & typeof globalThis & { litHtmlVersions?: string[]; litElementVersions?: string[] };

interface CdnPage {
  win: FrameWindow;
  doc: Document;
  prompt: MfaPrompt;
  /** The bundle's exports, through a dynamic `import()` run in the iframe's own realm. */
  load(): Promise<typeof CdnModule>;
}

const pages = useBundlePages();
const { sim } = pages;

async function openCdnPage(): Promise<CdnPage> {
  const frame = await pages.open('The CDN bundle alone', PAGE);
  // By now the bundle has run and defined whatever it defines.
  const win = frame.contentWindow as FrameWindow;
  const doc = frame.contentDocument!;
  const prompt = doc.querySelector('mfa-prompt') as MfaPrompt;
  // A Function of the iframe's realm, so import() resolves in the iframe's module map: the module instance
  // its <script> loaded, not a second copy.
  const importInFrame = new win.Function('url', 'return import(url)') as (url: string) => Promise<typeof CdnModule>;
  return { win, doc, prompt, load: () => importInFrame(BUNDLE) };
}

/** The bundle's classes by tag. */
const classesOf = (cdn: typeof CdnModule): Record<string, CustomElementConstructor> => ({
  'mfa-prompt': cdn.MfaPrompt,
  'mfa-method-chooser': cdn.MfaMethodChooser,
  'mfa-passcode-input': cdn.MfaPasscodeInput,
  'mfa-remember-me': cdn.MfaRememberMe,
  'mfa-status-bar': cdn.MfaStatusBar,
});

const TAGS = ['mfa-prompt', 'mfa-method-chooser', 'mfa-passcode-input', 'mfa-remember-me', 'mfa-status-bar'];

/** What the iframe's document fetched, apart from itself and the API calls. */
function resources(win: FrameWindow): string[] {
  return (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => !path.startsWith('/mfa/'));
}

describe('the CDN bundle alone in a plain page', () => {
  it('the page holds only the bundle\'s script and the tag; Lit is loaded once, by the bundle', async () => {
    const { win, doc } = await openCdnPage();
    expect([...doc.scripts].map((script) => script.getAttribute('src'))).to.deep.equal([BUNDLE]);
    expect([...doc.body.children].map((child) => child.localName)).to.deep.equal(['script', 'mfa-prompt']);
    expect(win.litHtmlVersions?.length, 'one copy of lit-html in the iframe').to.equal(1);
    expect(win.litElementVersions?.length, 'one copy of LitElement in the iframe').to.equal(1);
  });

  it('exports MfaPrompt, createHttpAdapter and the other classes, built on the iframe\'s HTMLElement', async () => {
    const { win, load } = await openCdnPage();
    const cdn = await load();
    expect(typeof cdn.MfaPrompt, 'MfaPrompt').to.equal('function');
    expect(typeof cdn.createHttpAdapter, 'createHttpAdapter').to.equal('function');
    for (const name of ['MfaMethodChooser', 'MfaPasscodeInput', 'MfaRememberMe', 'MfaStatusBar', 'MfaSuccessEvent', 'MfaFlow'] as const) {
      expect(typeof cdn[name], name).to.equal('function');
    }
    expect(cdn.MfaPrompt.prototype instanceof win.HTMLElement, 'MfaPrompt extends the iframe\'s HTMLElement').to.equal(true);
    expect(typeof cdn.createHttpAdapter({ baseUrl: '/mfa' }).preauth).to.equal('function');
  });

  it('registers the five tags in the page\'s own registry, as the exported classes, as it loads', async () => {
    const { win, prompt, load } = await openCdnPage();
    const missing = TAGS.filter((tag) => win.customElements.get(tag) === undefined);
    expect(missing, 'tags the bundle did not define').to.deep.equal([]);
    const cdn = await load();
    for (const [tag, exported] of Object.entries(classesOf(cdn))) {
      expect(win.customElements.get(tag) === exported, `the registered <${tag}> is the exported class`).to.equal(true);
    }
    expect(prompt instanceof cdn.MfaPrompt, 'the page\'s <mfa-prompt> is upgraded to the exported class').to.equal(true);
  });

  it('renders its card as it loads (unconfigured: the setup message, no base-url or adapter yet)', async () => {
    const { win, prompt } = await openCdnPage();
    await until(prompt, () => prompt.shadowRoot?.querySelector('[part="card"]') != null, '<mfa-prompt> rendered no card', 1000);
    const card = prompt.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
    const box = card.getBoundingClientRect();
    expect(box.width, 'the card has a width').to.be.greaterThan(200);
    expect(box.height, 'the card has a height').to.be.greaterThan(100);
    // The bundle's styles apply in the iframe: the card is a grid with the theme's border.
    expect(win.getComputedStyle(card).display).to.equal('grid');
    expect(win.getComputedStyle(card).borderTopStyle).to.equal('solid');
    expect(text(prompt.shadowRoot!.querySelector('[part="setup"]'))).to.contain('not configured');
    expect(prompt.shadowRoot!.querySelectorAll('[part~="link"]').length, 'the four side links').to.equal(4);
  });

  it('completes a push login against the simulated backend: mfa-success fires inside the iframe', async () => {
    const { win, prompt, load } = await openCdnPage();
    const cdn = await load();
    await win.customElements.whenDefined('mfa-prompt');
    // What the host page does after its password step: set the ticket its server issued.
    prompt.setAttribute('ticket', sim.issueTicket('alice'));
    const requests: string[] = [];
    prompt.adapter = cdn.createHttpAdapter({
      baseUrl: '/mfa',
      // Through this page, whose service worker answers with the simulated backend.
      fetch: (url, init) => {
        requests.push(`${init.method ?? 'GET'} ${url.replace(/\?.*$/, '')}`);
        return window.fetch(url, init);
      },
    });
    await until(prompt, () => prompt.state?.phase === 'choosing', 'alice\'s methods never came');
    expect(methodButton(prompt, 'push') !== null, 'Send me a Push is shown').to.equal(true);

    const success = oneEvent(prompt, 'mfa-success');
    methodButton(prompt, 'push')!.click();
    await until(
      prompt,
      () => sim.phone('alice').pendingPush() !== undefined && prompt.state?.step === 'pushed',
      'no push reached the phone',
    );
    expect(statusText(prompt)).to.equal('Pushed a login request to your device...');
    await approveWithShownCode(prompt, sim.phone('alice'));

    const event = await success;
    expect(event instanceof cdn.MfaSuccessEvent, 'the bundle\'s own MfaSuccessEvent').to.equal(true);
    expect(event.target === prompt, 'dispatched by the iframe\'s prompt').to.equal(true);
    expect(event.detail.method).to.equal('push');
    expect(event.detail.token).to.be.a('string').and.not.equal('');
    await until(prompt, () => prompt.state?.phase === 'success', 'no success state');
    expect(statusText(prompt)).to.equal('Success. Logging you in...');
    expect(requests.slice(0, 2)).to.deep.equal(['POST /mfa/preauth', 'POST /mfa/transactions']);
    expect(requests.slice(2).every((request) => request.startsWith('GET /mfa/transactions/')), requests.join(', ')).to.equal(true);

    // Everything it needed was in the one file: no further module, style sheet, font or image.
    expect(resources(win)).to.deep.equal([BUNDLE]);
  });

  it('completes a passcode login after a wrong code: the passcode entry, its error and Log In work from the bundle', async () => {
    const { win, prompt, load } = await openCdnPage();
    const cdn = await load();
    await win.customElements.whenDefined('mfa-prompt');
    prompt.setAttribute('ticket', sim.issueTicket('alice'));
    prompt.adapter = cdn.createHttpAdapter({ baseUrl: '/mfa', fetch: (url, init) => window.fetch(url, init) });
    await until(prompt, () => prompt.state?.phase === 'choosing', 'alice\'s methods never came');
    methodButton(prompt, 'passcode')!.click();
    await until(prompt, () => passcodeField(prompt) !== null && logInButton(prompt) !== null, 'no passcode entry');

    const enter = (code: string): void => {
      const field = passcodeField(prompt)!;
      field.value = code;
      field.dispatchEvent(new win.Event('input', { bubbles: true, composed: true }));
      logInButton(prompt)!.click();
    };
    enter('987654321');
    await until(prompt, () => passcodeErrorText(prompt) !== '', 'no error under the field');
    expect(passcodeErrorText(prompt)).to.equal('Incorrect passcode. Please try again. 9 attempts left.');
    expect(passcodeField(prompt)!.value, 'the field is emptied for the next try').to.equal('');

    const success = oneEvent(prompt, 'mfa-success');
    enter('123456789'); // one of alice's bypass codes
    expect((await success).detail.method).to.equal('passcode');
    await until(prompt, () => prompt.state?.phase === 'success', 'no success state');
  });

  it('is a single request: the page fetched the bundle and nothing else, and import() fetches nothing more', async () => {
    const { win, load } = await openCdnPage();
    await load();
    await load();
    expect(resources(win)).to.deep.equal([BUNDLE]);
  });
});
