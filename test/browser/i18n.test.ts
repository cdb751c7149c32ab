/**
 * Languages as the user meets them: the prompt speaks the nearest lang (its own, an ancestor's, across shadow
 * roots, the document's), follows a lang changed at run time, takes `messages` at any time, lets standalone
 * parts be translated too, mirrors its layout right to left, and stays accessible in Arabic and German.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { MfaMethodChooser } from '../../src/elements/mfa-method-chooser.js';
import type { MfaPasscodeInput } from '../../src/elements/mfa-passcode-input.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import type { MfaRememberMe } from '../../src/elements/mfa-remember-me.js';
import type { MfaStatusBar } from '../../src/elements/mfa-status-bar.js';
import { loadLocale } from '../../src/i18n/locales.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, iphone, policy, pushed } from '../node/support/flow-fixtures.js';

async function flush(el: MfaPrompt): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await settle();
    await el.updateComplete;
    const parts = [...el.shadowRoot!.querySelectorAll('*'), ...el.querySelectorAll('*')].filter(
      (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
    );
    await Promise.all(parts.map((part) => part.updateComplete));
  }
}

const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const heading = (el: MfaPrompt) => text(el.shadowRoot!.querySelector('.heading'));
const chooserRoot = (el: MfaPrompt) => el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!;
const pushButton = (el: MfaPrompt) => chooserRoot(el).querySelector<HTMLButtonElement>('button[data-method="push"]')!;
const statusText = (el: MfaPrompt) => text(el.shadowRoot!.querySelector('mfa-status-bar')!.shadowRoot!.querySelector('[role="status"]'));
const rememberLabel = (el: MfaPrompt) => text(el.shadowRoot!.querySelector('mfa-remember-me')!.shadowRoot!.querySelector('label'));

const preauth = () => authResult({ policy: policy({ rememberMe: { allowed: true, durationSeconds: 28_800 } }) });

/** A prompt whose texts are in the language it resolved (its table loaded). */
async function prompt(template = (adapter: FakeAdapter) => html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`) {
  const adapter = new FakeAdapter().reply('preauth', preauth());
  const wrapper = await fixture<HTMLElement>(html`<div>${template(adapter)}</div>`);
  const el = wrapper.querySelector('mfa-prompt') ?? (wrapper.firstElementChild?.shadowRoot?.querySelector('mfa-prompt') as MfaPrompt);
  await flush(el);
  return { el, adapter, wrapper };
}

async function inLanguage(el: MfaPrompt, chooseMethod: string): Promise<void> {
  await waitUntil(() => heading(el) === chooseMethod, `heading "${heading(el)}", expected "${chooseMethod}"`);
  await flush(el);
}

afterEach(() => document.documentElement.setAttribute('lang', 'en'));

describe('the language of <mfa-prompt>', () => {
  it("follows an ancestor's lang: headings, buttons, remember-me with its duration", async () => {
    const { el } = await prompt((adapter) => html`<section lang="de"><mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt></section>`);
    await inLanguage(el, 'Anmeldemethode wählen');
    expect(text(pushButton(el))).to.equal('Push senden');
    expect(rememberLabel(el)).to.equal('Angemeldet bleiben für 8 Stunden');
    expect(el.shadowRoot!.querySelector('.card')!.getAttribute('lang')).to.equal('de');
  });

  it("its own lang wins over the document's; pt-PT falls back to Brazilian Portuguese", async () => {
    document.documentElement.setAttribute('lang', 'fr');
    const { el } = await prompt((adapter) => html`<mfa-prompt lang="pt-PT" .adapter=${adapter} username="alice"></mfa-prompt>`);
    await inLanguage(el, 'Escolha um método de verificação');
  });

  it("reads the lang of a shadow host above it, and the document's when nothing nearer says", async () => {
    document.documentElement.setAttribute('lang', 'ja');
    const host = document.createElement('div');
    host.setAttribute('lang', 'es');
    const adapter = new FakeAdapter().reply('preauth', preauth());
    const el = document.createElement('mfa-prompt');
    el.adapter = adapter;
    el.username = 'alice';
    host.attachShadow({ mode: 'open' }).append(el);
    document.body.append(host);
    try {
      await inLanguage(el, 'Elige un método de verificación');
      host.removeAttribute('lang');
      await inLanguage(el, '認証方法を選択してください');
    } finally {
      host.remove();
    }
  });

  it('re-renders when lang changes at run time, the pending status included', async () => {
    const { el, adapter, wrapper } = await prompt();
    adapter.reply('startPush', pushed());
    pushButton(el).click();
    await flush(el);
    expect(statusText(el)).to.equal('Pushed a login request to your device...');
    wrapper.setAttribute('lang', 'fr');
    await inLanguage(el, 'Choisissez une méthode de vérification');
    expect(statusText(el)).to.equal('Demande de connexion envoyée à votre appareil…');
    wrapper.setAttribute('lang', 'en');
    await inLanguage(el, 'Choose an authentication method');
    expect(statusText(el)).to.equal('Pushed a login request to your device...');
  });

  it('an unknown language stays English', async () => {
    const { el } = await prompt((adapter) => html`<mfa-prompt lang="sv" .adapter=${adapter} username="alice"></mfa-prompt>`);
    expect(heading(el)).to.equal('Choose an authentication method');
    expect(el.shadowRoot!.querySelector('.card')!.getAttribute('lang')).to.equal('en');
  });
});

describe('messages set at any time', () => {
  it('after connecting, reach the status, the buttons and the frame at once', async () => {
    const { el, adapter } = await prompt();
    adapter.reply('startPush', pushed());
    pushButton(el).click();
    await flush(el);
    el.messages = {
      chooseMethod: 'Wähle, wie',
      methods: { push: 'Schubs', phone: 'Ruf an', passcode: 'Code' },
      status: { ...el.flow!.messages.status, pushed: 'Geschubst' },
    };
    await flush(el);
    expect(heading(el)).to.equal('Wähle, wie');
    expect(text(pushButton(el))).to.equal('Schubs');
    expect(statusText(el)).to.equal('Geschubst');
  });

  it("override the language's texts, in any language", async () => {
    const { el } = await prompt((adapter) => html`<mfa-prompt lang="de" .adapter=${adapter} username="alice" .messages=${{ logIn: 'Los' }}></mfa-prompt>`);
    await inLanguage(el, 'Anmeldemethode wählen');
    expect(el.flow!.messages.logIn).to.equal('Los');
    expect(el.flow!.messages.cancel).to.equal('Abbrechen');
  });
});

describe('standalone parts', () => {
  it('follow lang and take messages for every text', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="it">
      <mfa-method-chooser .devices=${[iphone]}></mfa-method-chooser>
      <mfa-status-bar message="x" cancelable dismissible retryable></mfa-status-bar>
      <mfa-passcode-input can-send-codes></mfa-passcode-input>
      <mfa-remember-me duration-seconds="86400"></mfa-remember-me>
    </div>`);
    const chooser = wrapper.querySelector<MfaMethodChooser>('mfa-method-chooser')!;
    const bar = wrapper.querySelector<MfaStatusBar>('mfa-status-bar')!;
    const input = wrapper.querySelector<MfaPasscodeInput>('mfa-passcode-input')!;
    const remember = wrapper.querySelector<MfaRememberMe>('mfa-remember-me')!;
    const chooserText = () => text(chooser.shadowRoot!.querySelector('[part="device-label"]'));
    await waitUntil(() => chooserText() === 'Dispositivo', chooserText());
    await Promise.all([chooser, bar, input, remember].map((part) => part.updateComplete));
    expect(text(chooser.shadowRoot!.querySelector('button[data-method="push"]'))).to.equal('Invia notifica');
    expect(text(bar.shadowRoot!.querySelector('[part="cancel-button"]'))).to.equal('Annulla');
    expect(text(input.shadowRoot!.querySelector('[part="submit-button"]'))).to.equal('Accedi');
    expect(text(input.querySelector('label'))).to.equal('Codice di verifica');
    expect(input.querySelector('input')!.placeholder).to.equal('es. 867539');
    expect(text(remember.shadowRoot!.querySelector('label'))).to.equal('Ricordami per 1 giorno');

    bar.messages = { cancel: 'Stop' };
    input.messages = { logIn: 'Vai', passcodeLabel: 'Codice', passcodePlaceholder: '123456' };
    remember.messages = { rememberMe: (duration) => `Fidati per ${duration}` };
    chooser.messages = { device: 'Telefono' };
    await Promise.all([chooser, bar, input, remember].map((part) => part.updateComplete));
    expect(text(bar.shadowRoot!.querySelector('[part="cancel-button"]'))).to.equal('Stop');
    expect(text(input.shadowRoot!.querySelector('[part="submit-button"]'))).to.equal('Vai');
    expect(text(input.querySelector('label'))).to.equal('Codice');
    expect(input.querySelector('input')!.placeholder).to.equal('123456');
    expect(text(remember.shadowRoot!.querySelector('label'))).to.equal('Fidati per 1 giorno');
    expect(chooserText()).to.equal('Telefono');
  });

  it("an author's own placeholder is kept in every language", async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="de">
      <mfa-passcode-input><input slot="input" placeholder="Mein Code" /></mfa-passcode-input>
    </div>`);
    const input = wrapper.querySelector<MfaPasscodeInput>('mfa-passcode-input')!;
    await waitUntil(() => text(input.shadowRoot!.querySelector('[part="submit-button"]')) === 'Anmelden');
    expect(input.querySelector('input')!.placeholder).to.equal('Mein Code');
  });
});

describe('right to left', () => {
  /** Box edges of the side column, the main column, and the first method row's icon and button. */
  function boxes(el: MfaPrompt) {
    const root = el.shadowRoot!;
    const row = chooserRoot(el).querySelector('[part="method"]')!;
    return {
      main: root.querySelector('.main')!.getBoundingClientRect(),
      side: root.querySelector('.side')!.getBoundingClientRect(),
      icon: row.querySelector('[part="method-icon"]')!.getBoundingClientRect(),
      button: row.querySelector('[part="method-button"]')!.getBoundingClientRect(),
    };
  }

  it('Arabic mirrors the card: the side column and each row read from the right', async () => {
    const ltr = await prompt((adapter) => html`<mfa-prompt style="width: 640px" .adapter=${adapter} username="alice"></mfa-prompt>`);
    const rtl = await prompt((adapter) => html`<mfa-prompt lang="ar" style="width: 640px" .adapter=${adapter} username="alice"></mfa-prompt>`);
    await inLanguage(rtl.el, 'اختر طريقة التحقق');
    expect(rtl.el.shadowRoot!.querySelector('.card')!.getAttribute('dir')).to.equal('rtl');
    const left = boxes(ltr.el);
    const right = boxes(rtl.el);
    // Left to right: the side column at the left, the task to its right; the icon before the button.
    expect(left.side.right).to.be.at.most(left.main.left + 1);
    expect(left.icon.right).to.be.at.most(left.button.left);
    // Right to left: the same, mirrored.
    expect(right.side.left).to.be.at.least(right.main.right - 1);
    expect(right.icon.left).to.be.at.least(right.button.right);
    const cardLeft = rtl.el.getBoundingClientRect().left;
    const cardRight = rtl.el.getBoundingClientRect().right;
    expect(Math.abs(right.side.right - cardRight - (ltr.el.getBoundingClientRect().left - left.side.left))).to.be.below(2);
    expect(right.main.left - cardLeft).to.be.closeTo(ltr.el.getBoundingClientRect().right - left.main.right, 2);
  });

  it('Hebrew is right to left too; a left-to-right language in an rtl page keeps the page direction', async () => {
    const he = await prompt((adapter) => html`<mfa-prompt lang="he" .adapter=${adapter} username="alice"></mfa-prompt>`);
    await inLanguage(he.el, 'בחירת שיטת אימות');
    expect(getComputedStyle(he.el.shadowRoot!.querySelector('.card')!).direction).to.equal('rtl');
    const de = await prompt((adapter) => html`<div dir="rtl"><mfa-prompt lang="de" .adapter=${adapter} username="alice"></mfa-prompt></div>`);
    await inLanguage(de.el, 'Anmeldemethode wählen');
    expect(de.el.shadowRoot!.querySelector('.card')!.hasAttribute('dir')).to.equal(false);
  });
});

describe('accessible in other languages', () => {
  for (const [lang, chooseMethod] of [
    ['ar', 'اختر طريقة التحقق'],
    ['de', 'Anmeldemethode wählen'],
  ] as const) {
    it(`${lang}: axe finds nothing, a push pending included`, async () => {
      const { el, adapter } = await prompt((a) => html`<mfa-prompt lang=${lang} .adapter=${a} username="alice"></mfa-prompt>`);
      await inLanguage(el, chooseMethod);
      await expect(el).to.be.accessible();
      adapter.reply('startPush', pushed());
      pushButton(el).click();
      await flush(el);
      await expect(el).to.be.accessible();
    });
  }
});

describe("grammar around the browser's own duration names (Intl.DurationFormat where it has one)", () => {
  it('Arabic puts two units after بعد and لمدة in the genitive; Hebrew names one unit without "1"', async () => {
    const ar = (await loadLocale('ar'))!;
    expect(ar.tooManyAttempts(90)).to.equal('محاولات كثيرة جدًا. حاول مرة أخرى بعد دقيقتين.');
    expect(ar.rememberMe(ar.duration(2, 'day'))).to.equal('تذكّرني لمدة يومين');
    const he = (await loadLocale('he'))!;
    expect(he.rememberMe(he.duration(1, 'day'))).to.equal('לזכור אותי למשך יום');
  });
});
