/**
 * The prompt's layout, measured on rendered boxes (issue 11): correct at every card width from 240 px up, no
 * text overflowing its box or broken inside a word, the branding first in one column, no blank status band,
 * controls that stay put when a status appears, a card height that does not jump between devices, and the
 * forced-colours and reduced-motion modes.
 *
 * Engine-neutral: boxes come from getBoundingClientRect and Range.getClientRects; media from support/media.ts,
 * whose `emulateMedia` reaches forced colours in every engine that has them.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import { MfaError } from '../../src/adapter/errors.js';
import type { Device, Transaction } from '../../src/adapter/types.js';
import type { MfaMethodChooser } from '../../src/elements/mfa-method-chooser.js';
import type { MethodOption } from '../../src/flow/index.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import type { MfaStatusBar } from '../../src/elements/mfa-status-bar.js';
import { loadLocale } from '../../src/i18n/locales.js';
import { FakeAdapter } from '../node/support/fake-adapter.js';
import { authResult, iphone, landline, token } from '../node/support/flow-fixtures.js';
import { flush } from './support/keyboard.js';
import { emulateMedia, needsMedia } from './support/media.js';

const WIDTHS = [240, 320, 375] as const;

/** A push with everything a pending push can show: the Verified Push code and the time left. */
const verifiedPush: Transaction = {
  txid: 'tx-push',
  method: 'push',
  status: {
    status: 'pushed',
    final: false,
    message: 'Pushed a login request to your device...',
    verificationCode: '708',
    expiresInSeconds: 60,
  },
};

async function mount(width: number, adapter = new FakeAdapter().reply('preauth', authResult())): Promise<MfaPrompt> {
  const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} username="alice" style="inline-size: ${width}px">
    <img
      slot="branding"
      alt="Example Corp"
      width="160"
      height="32"
      src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='160' height='32'/%3E"
    />
    <span slot="footer">Secured by Example Security</span>
  </mfa-prompt>`);
  await flush(el);
  return el;
}

// ---- Measuring ------------------------------------------------------------------------------------------------

/** Every element in the prompt, through shadow roots and slots' light-DOM content. */
function* elements(root: Element | ShadowRoot): Generator<Element> {
  for (const child of root.children) {
    yield child;
    if (child.shadowRoot) yield* elements(child.shadowRoot);
    yield* elements(child);
  }
}

/** Every element of `el`'s own shadow root and light DOM, through the shadow roots inside. */
function* inside(el: Element): Generator<Element> {
  if (el.shadowRoot) yield* elements(el.shadowRoot);
  yield* elements(el);
}

/** Every rendered text node in the prompt. */
function* texts(el: Element): Generator<Text> {
  for (const node of [el, ...inside(el)]) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent!.trim()) yield child as Text;
    }
  }
}

const hidden = (node: Element): boolean => !!node.closest('.visually-hidden, option, style, svg');

/**
 * Text that does not fit: an element whose content is wider than its box, or that sticks out of the card; and
 * words broken mid-letter (a word whose characters sit on more than one line). A break after a hyphen or a
 * slash is a legitimate line break, so those split words.
 */
function layoutProblems(el: MfaPrompt): string[] {
  const card = el.shadowRoot!.querySelector('[part="card"]')!.getBoundingClientRect();
  if (card.width > el.getBoundingClientRect().width + 0.5) return [`the card is ${card.width}px wide`];
  return fitProblems(el, card);
}

/** {@link layoutProblems} of any element: what overflows its box, sticks out of `frame`, or breaks inside a word. */
function fitProblems(el: Element, card: DOMRect): string[] {
  const problems: string[] = [];
  for (const node of inside(el)) {
    if (hidden(node) || !(node instanceof HTMLElement)) continue;
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const name = `<${node.localName}${node.getAttribute('part') ? ` part="${node.getAttribute('part')}"` : ''}>`;
    if (node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0) {
      problems.push(`${name} overflows: ${node.scrollWidth} > ${node.clientWidth}`);
    }
    if (box.left < card.left - 0.5 || box.right > card.right + 0.5) problems.push(`${name} sticks out of the card`);
  }
  for (const text of texts(el)) {
    if (hidden(text.parentElement!)) continue;
    for (const match of text.data.matchAll(/[^\s\-/]+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
      if (tops.size > 1) problems.push(`"${match[0]}" is broken over ${tops.size} lines`);
    }
  }
  return problems;
}

const part = (el: MfaPrompt, name: string): Element => el.shadowRoot!.querySelector(`[part="${name}"]`)!;
const box = (node: Element): DOMRect => node.getBoundingClientRect();
const chooserRoot = (el: MfaPrompt): ShadowRoot => el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!;
const methodButton = (el: MfaPrompt, method: string): HTMLButtonElement =>
  chooserRoot(el).querySelector<HTMLButtonElement>(`button[data-method="${method}"]`)!;

// ---- Tests -----------------------------------------------------------------------------------------------------

describe('layout at narrow card widths', () => {
  before(() => setViewport({ width: 800, height: 1400 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of WIDTHS) {
    describe(`${width} px`, () => {
      it('choosing, the passcode entry with an error, a Verified Push, a lock-out: no overflow, no word broken', async () => {
        const adapter = new FakeAdapter()
          .reply('preauth', authResult())
          .reply('verifyPasscode', new MfaError('invalid_passcode', 'wrong', { attemptsLeft: 4 }));
        const el = await mount(width, adapter);
        expect(layoutProblems(el), 'choosing').to.deep.equal([]);

        methodButton(el, 'passcode').click();
        await flush(el);
        el.flow!.submitPasscode('1234567');
        await flush(el);
        expect(el.state?.passcodeError).to.match(/Incorrect/);
        expect(layoutProblems(el), 'passcode error').to.deep.equal([]);

        adapter.reply('startPush', verifiedPush);
        methodButton(el, 'push').click();
        await flush(el);
        expect(el.state?.verificationCode).to.equal('708');
        expect(layoutProblems(el), 'Verified Push').to.deep.equal([]);

        adapter.reply('startCall', new MfaError('locked_out', 'locked'));
        methodButton(el, 'phone').click();
        await flush(el);
        expect(el.state?.lockedOut).to.equal(true);
        expect(layoutProblems(el), 'locked out').to.deep.equal([]);
      });

      it('one column: the branding first, then the task, the status, and the links last', async () => {
        const el = await mount(width);
        const [brand, main, side] = ['brand', 'main', 'side'].map((name) => box(part(el, name)));
        expect(brand!.height).to.be.greaterThan(0);
        expect(brand!.bottom).to.be.at.most(main!.top + 0.5);
        expect(side!.top).to.be.at.least(main!.bottom - 0.5);
      });

      it('no blank status band; a status that comes moves no control above it', async () => {
        const el = await mount(width, new FakeAdapter().reply('preauth', authResult()).reply('startPush', verifiedPush));
        const status = el.shadowRoot!.querySelector('mfa-status-bar')!;
        expect(box(status).height).to.equal(0, 'nothing to say, no room taken');
        const before = ['push', 'phone', 'passcode'].map((method) => box(methodButton(el, method)).top);
        methodButton(el, 'push').click();
        await flush(el);
        expect(box(status).height).to.be.greaterThan(0);
        const after = ['push', 'phone', 'passcode'].map((method) => box(methodButton(el, method)).top);
        expect(after).to.deep.equal(before);
      });
    });
  }

  it('at every card width from 240 px to 660 px (12 px steps), the methods and the passcode entry fit', async () => {
    const el = await mount(240);
    methodButton(el, 'passcode').click();
    await flush(el);
    for (let width = 240; width <= 660; width += 12) {
      el.style.inlineSize = `${width}px`;
      await new Promise(requestAnimationFrame);
      expect(layoutProblems(el), `${width} px`).to.deep.equal([]);
    }
  });

  for (const width of [...WIDTHS, 640]) {
    it(`${width} px: the card keeps its height when the device changes`, async () => {
      const el = await mount(width, new FakeAdapter().reply('preauth', authResult({ devices: [iphone, landline, token] })));
      const heights = [];
      for (const device of [iphone, landline, token, iphone]) {
        el.flow!.selectDevice(device.id);
        await flush(el);
        heights.push(Math.round(box(el).height));
      }
      expect(new Set(heights).size, `heights ${heights.join(', ')}`).to.equal(1);
    });
  }

  it('every device has a primary (filled) action: the first method', async () => {
    const el = await mount(320, new FakeAdapter().reply('preauth', authResult({ devices: [iphone, landline, token] })));
    const filled = (button: HTMLButtonElement) => !button.classList.contains('secondary');
    for (const [device, first] of [
      [iphone, 'push'],
      [landline, 'phone'],
      [token, 'passcode'],
    ] as const) {
      el.flow!.selectDevice(device.id);
      await flush(el);
      const buttons = [...chooserRoot(el).querySelectorAll<HTMLButtonElement>('button[data-method]')];
      expect(buttons.filter(filled).map((button) => button.dataset.method), device.id).to.deep.equal([first]);
      expect(getComputedStyle(methodButton(el, first)).backgroundColor).to.not.equal(getComputedStyle(chooserRoot(el).host).backgroundColor);
    }
  });

  it('each method row shows an inline SVG icon in the text colour, its name, and its button', async () => {
    const el = await mount(375);
    for (const row of chooserRoot(el).querySelectorAll('[part="method"]')) {
      const svg = row.querySelector('[part="method-icon"] svg')!;
      expect(svg.getAttribute('fill')).to.equal('currentColor');
      expect(box(svg).width).to.be.greaterThan(10);
      expect(row.querySelector('[part="method-name"]')!.textContent!.trim()).to.not.equal('');
      expect(row.querySelector('button')).to.exist;
    }
  });
});

describe('long method names in other languages', () => {
  const securityKey: Device = { id: 'dev-key', displayName: 'YubiKey 5C', type: 'security-key', capabilities: ['webauthn'] };

  /** A standalone chooser in `lang`, in a box `width` px wide, once it speaks that language. */
  async function chooserIn(lang: string, width: number, devices: Device[], methods?: MethodOption[], fontSize = '15px') {
    const wrapper = await fixture<HTMLElement>(html`<div lang=${lang} style="inline-size: ${width}px; --mfa-font-size: ${fontSize}">
      <mfa-method-chooser .devices=${devices} .methods=${methods}></mfa-method-chooser>
    </div>`);
    const chooser = wrapper.querySelector<MfaMethodChooser>('mfa-method-chooser')!;
    await waitUntil(() => chooser.locale.locale === lang, `the chooser speaks ${lang}`);
    await chooser.updateComplete;
    return { wrapper, chooser };
  }

  /** How far each method's name reaches past the start of its button (0: beside it, as it should be). */
  async function nameOverlaps(lang: string, devices: Device[], fontSize: string, methods?: MethodOption[]): Promise<Record<string, number>> {
    // 420 px: the chooser's width in a 640 px card beside its side column.
    const { chooser } = await chooserIn(lang, 420, devices, methods, fontSize);
    const overlaps: Record<string, number> = {};
    for (const row of chooser.shadowRoot!.querySelectorAll('[part="method"]')) {
      const name = row.querySelector('[part="method-name"] > span:not([part="badge"])')!;
      const range = document.createRange();
      range.selectNodeContents(name);
      overlaps[name.textContent!.trim()] = Math.max(0, Math.round(range.getBoundingClientRect().right - box(row.querySelector('button')!).left));
    }
    return overlaps;
  }

  it('a German security key keeps its whole name beside its button, not under it', async () => {
    const useKey: MethodOption = { method: 'webauthn', label: 'Sicherheitsschlüssel verwenden', recommended: true };
    expect(await nameOverlaps('de', [securityKey], '15px', [useKey])).to.deep.equal({ Sicherheitsschlüssel: 0 });
  });

  it('Polish method names at a larger font keep their longest word beside the buttons', async () => {
    expect(await nameOverlaps('pl', [iphone], '17px')).to.deep.equal({ 'Powiadomienie push': 0, Połączenie: 0, 'Kod weryfikacyjny': 0 });
  });

  it('in the longest languages, from the narrowest card (206 px of chooser) to 620 px, every row fits without a broken word', async function () {
    // 108 layouts: a frame each, up to 200 ms in WebKit under load.
    this.timeout(40_000);
    for (const lang of ['de', 'nl', 'pl']) {
      // Without a flow the chooser offers no WebAuthn by itself: the key's button is given, in the language's words.
      const useKey: MethodOption = { method: 'webauthn', label: (await loadLocale(lang))!.webauthnMethod.securityKey, recommended: true };
      for (const [devices, methods] of [[[securityKey], [useKey]], [[iphone], undefined]] as const) {
        const { wrapper, chooser } = await chooserIn(lang, 206, [...devices], methods && [...methods]);
        expect(chooser.shadowRoot!.querySelectorAll('[part="method-button"]').length).to.be.at.least(1, 'the device’s methods are shown');
        for (let width = 206; width <= 620; width += 24) {
          wrapper.style.inlineSize = `${width}px`;
          await new Promise(requestAnimationFrame);
          expect(fitProblems(chooser, chooser.getBoundingClientRect()), `${lang}, ${devices[0]!.displayName}, ${width} px`).to.deep.equal([]);
        }
      }
    }
  });
});

describe('theme tokens and parts', () => {
  it('the method rows follow --mfa-font-size, --mfa-spacing and --mfa-color-accent, and their parts are styleable', async () => {
    const style = document.createElement('style');
    style.textContent = 'mfa-prompt.tokens::part(method-name) { letter-spacing: 2px } mfa-prompt.tokens::part(method-icon) { opacity: 0.5 }';
    document.head.append(style);
    try {
      const el = await fixture<MfaPrompt>(html`<mfa-prompt
        class="tokens"
        .adapter=${new FakeAdapter().reply('preauth', authResult())}
        username="alice"
        style="--mfa-font-size: 20px; --mfa-spacing: 8px; --mfa-color-accent: rgb(200, 0, 0)"
      ></mfa-prompt>`);
      await flush(el);
      const row = chooserRoot(el).querySelector('[part="method"]')!;
      const name = getComputedStyle(row.querySelector('[part="method-name"]')!);
      const icon = getComputedStyle(row.querySelector('[part="method-icon"]')!);
      expect(name.fontSize).to.equal('20px');
      expect(getComputedStyle(row).paddingTop).to.equal('3px', '0.375 of the spacing unit');
      expect(icon.color).to.equal('rgb(200, 0, 0)');
      expect(name.letterSpacing).to.equal('2px', '::part(method-name) from the page');
      expect(icon.opacity).to.equal('0.5', '::part(method-icon) from the page');
    } finally {
      style.remove();
    }
  });
});

describe('reduced motion and forced colours', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference', forcedColors: 'none' }));

  const bar = async (tone: string, message = 'Something happened'): Promise<MfaStatusBar> => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar tone=${tone} message=${message}></mfa-status-bar>`);
    await el.updateComplete;
    return el;
  };
  const spinnerOf = (el: MfaStatusBar): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('.spinner')!;

  it('the spinner turns, except under prefers-reduced-motion: then nothing moves', async function () {
    await needsMedia(this, 'prefers-reduced-motion');
    const el = await bar('pending');
    expect(spinnerOf(el).getAnimations().length).to.be.greaterThan(0, 'it turns by default');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
    await el.updateComplete;
    expect(spinnerOf(el).getAnimations()).to.have.length(0);
    const prompt = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${new FakeAdapter()} username="alice"></mfa-prompt>`);
    await prompt.updateComplete;
    const moving = [...elements(prompt)].filter((node) => node.getAnimations().length > 0);
    expect(moving.map((node) => node.className)).to.deep.equal([], 'the loading placeholder stands still too');
  });

  it('forced colours: every tone has its own edge (not only a colour), and its own icon', async function () {
    await needsMedia(this, 'forced-colors');
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const signatures: string[] = [];
    for (const tone of ['info', 'pending', 'success', 'error']) {
      const el = await bar(tone);
      const style = getComputedStyle(el.shadowRoot!.querySelector('[part="bar"]')!);
      const icon = el.shadowRoot!.querySelector('[part="icon"]')!;
      signatures.push(
        [style.borderInlineStartStyle, style.borderInlineStartWidth, style.borderBlockStartWidth].join(' ') +
          ` | ${icon.querySelector('path')?.outerHTML ?? icon.firstElementChild?.className}`,
      );
    }
    const edges = signatures.map((signature) => signature.split(' | ')[0]);
    expect(new Set(edges).size, edges.join('; ')).to.equal(4);
    expect(new Set(signatures.map((signature) => signature.split(' | ')[1])).size).to.equal(4);
  });

  it('forced colours: the empty bar shows no edge, and the spinner keeps its gap', async function () {
    await needsMedia(this, 'forced-colors');
    await emulateMedia({ forcedColors: 'active' });
    const empty = await bar('info', '');
    expect(empty.getBoundingClientRect().height).to.equal(0);
    const style = getComputedStyle(empty.shadowRoot!.querySelector('[part="bar"]')!);
    expect(style.borderInlineStartWidth).to.equal('0px');
    const spinner = getComputedStyle(spinnerOf(await bar('pending')));
    expect(spinner.borderBlockStartColor).to.not.equal(spinner.borderInlineStartColor, 'a ring with a gap, not a circle');
  });

  it('forced colours: the primary method and a disabled one stand out from the others', async function () {
    await needsMedia(this, 'forced-colors');
    await emulateMedia({ forcedColors: 'active' });
    const el = await mount(375, new FakeAdapter().reply('preauth', authResult()).reply('startPush', verifiedPush));
    const width = (method: string) => getComputedStyle(methodButton(el, method)).borderTopWidth;
    expect(width('push')).to.not.equal(width('phone'));
    const enabled = getComputedStyle(methodButton(el, 'phone')).color;
    methodButton(el, 'push').click();
    await flush(el);
    expect(methodButton(el, 'push').disabled).to.equal(true);
    expect(getComputedStyle(methodButton(el, 'push')).color).to.not.equal(enabled);
  });
});
