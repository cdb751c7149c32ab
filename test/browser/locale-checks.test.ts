/**
 * The locale sweep's checks (scripts/locales/checks.ts, run on every story in every locale by
 * scripts/test-locales.mjs) can fail: a label too long for its box, text cut off or ellipsized, and English
 * left in a German or pseudo page are reported; what a user would not call broken is not.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { MfaStatusBar } from '../../src/elements/mfa-status-bar.js';
import { defaultPromptMessages } from '../../src/elements/mfa-prompt.messages.js';
import { defaultMessages } from '../../src/flow/messages.js';
import { formats } from '../../src/i18n/format.js';
import de from '../../src/locales/de.js';
import { catalogue, englishMatcher, keyOf } from '../../scripts/locales/catalogue.js';
import { overflowProblems, shownTexts, unpseudoTexts, untranslatedTexts } from '../../scripts/locales/checks.js';

/** A stand-in part of ours: `mfa-*`, its content in a shadow root. */
class MfaTestBox extends HTMLElement {
  set content(markup: string) {
    (this.shadowRoot ?? this.attachShadow({ mode: 'open' })).innerHTML = markup;
  }
}
customElements.define('mfa-test-box', MfaTestBox);

async function box(markup: string, width = 240): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: ${width}px; font: 15px/1.4 sans-serif"><mfa-test-box style="display: block"></mfa-test-box></div>`);
  wrapper.querySelector<MfaTestBox>('mfa-test-box')!.content = markup;
  return wrapper;
}

const english = catalogue({ ...defaultMessages, ...defaultPromptMessages });
const german = catalogue({ ...de(formats('de')) });
const inGerman = englishMatcher(english, german);

describe('locale sweep: overflow', () => {
  it('reports a button label that runs out of the card at the narrowest width', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div style="inline-size: 240px"><mfa-status-bar tone="error" dismissible message="Fehler"></mfa-status-bar></div>`,
    );
    const bar = wrapper.querySelector<MfaStatusBar>('mfa-status-bar')!;
    bar.messages = { dismiss: 'Donaudampfschifffahrtsgesellschaftskapitänsmütze' };
    await bar.updateComplete;

    const problems = overflowProblems(wrapper);
    expect(problems.map((problem) => problem.where)).to.include('mfa-status-bar button[part=dismiss-button]');
    expect(problems.find((problem) => problem.where.endsWith('[part=dismiss-button]'))!.detail).to.match(/^\d+ px outside the card$/);
  });

  it('reports text cut off by a box that hides its overflow, and an ellipsis that truncates', async () => {
    const wrapper = await box(`
      <span part="cut" style="display: block; inline-size: 60px; overflow: hidden; white-space: nowrap">Sicherheitsschlüssel verwenden</span>
      <span part="dots" style="display: block; inline-size: 60px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">Passcode eingeben</span>`);

    const details = Object.fromEntries(overflowProblems(wrapper).map((problem) => [problem.where, problem.detail]));
    expect(details['mfa-test-box span[part=cut]']).to.match(/^\d+ px of content cut off \(overflow-x: hidden\)$/);
    expect(details['mfa-test-box span[part=dots]']).to.match(/cut off \(overflow-x: hidden, ellipsis\)$/);
  });

  it('reports a word wider than the box it is laid out in', async () => {
    const wrapper = await box(`<p part="line" style="inline-size: 80px; margin: 0">Anmeldeanfrageüberprüfung</p>`);

    const [problem] = overflowProblems(wrapper);
    expect(problem?.where).to.equal('mfa-test-box p[part=line]');
    expect(problem?.detail).to.match(/^text runs \d+ px out of its box$/);
  });

  it('leaves alone what fits, visually hidden screen-reader text, and a long device name in its select', async () => {
    const wrapper = await box(`
      <p style="margin: 0">Anmeldemethode wählen</p>
      <span class="visually-hidden" style="position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; white-space: nowrap">Geben Sie diesen Code in Ihrer App ein</span>
      <select style="inline-size: 80px; overflow: hidden; text-overflow: ellipsis"><option>iPhone 15 Pro Max von Alice (XXX-XXX-0105)</option></select>`);

    expect(overflowProblems(wrapper)).to.deep.equal([]);
  });
});

describe('locale sweep: missing texts', () => {
  it('reports English defaults on a German page, in text and in accessible names, with their keys', async () => {
    const wrapper = await box(`
      <h2>Choose an authentication method</h2>
      <button aria-label="Cancel">Abbrechen</button>
      <p>Anmeldung fehlgeschlagen. Choose a method to try again.</p>
      <p>Too many attempts. Try again in 3 minutes.</p>`);

    const problems = untranslatedTexts(shownTexts(wrapper), inGerman);
    expect(problems.map(({ where, detail }) => `${where}: ${detail}`)).to.deep.equal([
      'mfa-test-box h2: English (chooseMethod)',
      'mfa-test-box button @aria-label: English (cancel)',
      'mfa-test-box p: English (nextStep.timeout)',
      'mfa-test-box p: English (tooManyAttempts)',
    ]);
  });

  it('lets an English word pass where German says the same, and leaves device names and the page’s own content alone', async () => {
    const wrapper = await box(`
      <span>Passkey</span>
      <span part="device-name">Landline</span>
      <slot name="footer"></slot>`);
    const footer = document.createElement('span');
    footer.slot = 'footer';
    footer.textContent = 'Need help?';
    wrapper.querySelector('mfa-test-box')!.append(footer);

    expect(untranslatedTexts(shownTexts(wrapper), inGerman)).to.deep.equal([]);
  });

  it('finds a real part in German clean, and the same part with English forced through its text reported', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="de"><mfa-status-bar message="Fehler" tone="error" dismissible retryable></mfa-status-bar></div>`);
    const bar = wrapper.querySelector<MfaStatusBar>('mfa-status-bar')!;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('[part="retry-button"]')!.textContent!.trim()).to.equal('Erneut versuchen');
    expect(untranslatedTexts(shownTexts(wrapper), inGerman)).to.deep.equal([]);

    bar.shadowRoot!.querySelector('[part="retry-button"]')!.setAttribute('title', 'Retry');
    expect(untranslatedTexts(shownTexts(wrapper), inGerman).map((problem) => problem.detail)).to.deep.equal(['English (retry)']);
  });

  it('reports text without brackets in the pseudo-locale', async () => {
    const wrapper = await box(`<span>[Çàñçél ··]</span><span>Cancel</span><span>[Réméḿbér ḿé] for 8 hours</span><span>1:05</span>`);

    expect(unpseudoTexts(shownTexts(wrapper)).map((problem) => problem.text)).to.deep.equal(['Cancel', '[Réméḿbér ḿé] for 8 hours']);
  });

  it('names the key of a locale’s text, to tell a translator which string overflows', () => {
    expect(keyOf(german, 'Sicherheitsschlüssel verwenden')).to.equal('webauthnMethod.securityKey');
    expect(keyOf(german, 'Noch 12:34')).to.equal('timeLeft');
  });
});
