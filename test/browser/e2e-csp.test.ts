/**
 * End to end, **Trusted Types**: the CDN bundle (`dist/cdn/mfa-prompt.js`, built by `npm run build:cdn`) in a
 * page whose Content Security Policy enforces Trusted Types and allows one policy, `lit-html` (the README's
 * security section documents this CSP). The login must complete with no violation at all; and with
 * `trusted-types 'none'` the same page breaks, so `lit-html` is the name that matters.
 *
 * The page is a same-origin iframe (`srcdoc`) whose `<meta http-equiv>` sets the policy; it holds a classic
 * script that records violations from the start (`csp-watch.js`), the bundle's module script and the tag with
 * its `base-url` and `ticket`. The prompt uses the bundle's own HTTP client and the iframe's own `fetch`: a
 * `srcdoc` document is controlled by the service worker of its parent, and MSW's worker answers a nested
 * frame's requests through the visible page that started it (this test page), so the simulated backend
 * answers them.
 */
import { expect } from '@open-wc/testing';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { BUNDLE, useBundlePages } from './support/bundle-page.js';
import { approveWithShownCode, methodButton, statusText, until } from './support/keyboard.js';

const WATCH = '/test/browser/csp-watch.js';

/**
 * Scripts from this origin only. The README says `'self'`, which means this origin in a page served from it;
 * in a `srcdoc` page Firefox lets `'self'` match nothing (what `'self'` means there is an open question of the
 * CSP spec: w3c/webappsec-csp#405), so the frame names the origin itself.
 */
const SELF = location.origin;
/** The policy the README gives: only scripts from this origin, and Lit's Trusted Types policy. */
const CSP_LIT_HTML = `script-src ${SELF}; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html`;
/** The same, with no Trusted Types policy allowed at all. */
const CSP_NONE = `script-src ${SELF}; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'`;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

type FrameWindow = Window & typeof globalThis & { cspViolations?: Violation[] };

interface CspPage {
  win: FrameWindow;
  prompt: MfaPrompt;
  violations(): Violation[];
}

const pages = useBundlePages();
const { sim } = pages;

async function openPage(csp: string, ticket: string): Promise<CspPage> {
  const frame = await pages.open(
    'The CDN bundle under a strict CSP',
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <title>mfa-prompt under Trusted Types</title>
    <script src="${WATCH}"></script>
    <script type="module" src="${BUNDLE}"></script>
  </head>
  <body>
    <mfa-prompt base-url="/mfa" username="alice" ticket="${ticket}"></mfa-prompt>
  </body>
</html>`,
  );
  // By now the bundle has run, or failed to.
  const win = frame.contentWindow as FrameWindow;
  const prompt = frame.contentDocument!.querySelector('mfa-prompt') as MfaPrompt;
  return { win, prompt, violations: () => [...(win.cspViolations ?? [])] };
}

describe('Trusted Types: the CDN bundle under a CSP that enforces them', () => {
  it(`with "trusted-types lit-html" a push login completes, and no violation is reported`, async () => {
    const { win, prompt, violations } = await openPage(CSP_LIT_HTML, sim.issueTicket('alice'));
    expect(win.cspViolations, 'the violation watcher ran (the policy allows scripts from this origin)').to.deep.equal([]);
    expect(win.customElements.get('mfa-prompt') !== undefined, 'the bundle loaded and registered <mfa-prompt>').to.equal(true);
    await until(prompt, () => prompt.state?.phase === 'choosing', 'alice\'s methods never came (preauth with her ticket)');

    const success = new Promise<CustomEvent>((resolve) => prompt.addEventListener('mfa-success', resolve as EventListener, { once: true }));
    methodButton(prompt, 'push')!.click();
    await until(prompt, () => sim.phone('alice').pendingPush() !== undefined, 'no push reached the phone');
    await approveWithShownCode(prompt, sim.phone('alice'));
    const { detail } = await success;
    expect(detail.method).to.equal('push');
    expect(detail.token).to.be.a('string').and.not.equal('');
    await until(prompt, () => statusText(prompt) === 'Success. Logging you in...', 'no success status');

    expect(violations(), 'CSP violations in the page').to.deep.equal([]);
  });

  it(`with "trusted-types 'none'" Lit cannot create its policy: a violation, and no prompt at all`, async () => {
    const { win, prompt, violations } = await openPage(CSP_NONE, sim.issueTicket('alice'));
    await until(prompt, () => violations().length > 0, 'no violation was reported', 2000);
    expect(violations().map((v) => `${v.directive} ${v.sample}`), 'the refused policy').to.deep.equal(['trusted-types lit-html']);
    expect(win.customElements.get('mfa-prompt'), 'the bundle registered no tag').to.equal(undefined);
    expect(prompt.shadowRoot, 'the prompt never rendered').to.equal(null);
  });
});
