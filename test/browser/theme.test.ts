import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import type { MfaStatusBar } from '../../src/elements/mfa-status-bar.js';
import { FakeAdapter } from '../node/support/fake-adapter.js';
import { authResult } from '../node/support/flow-fixtures.js';

/** Relative luminance of a computed `rgb(...)` colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function prompt(scheme?: 'light' | 'dark'): Promise<MfaPrompt> {
  const adapter = new FakeAdapter().reply('preauth', authResult());
  const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} username="alice" color-scheme=${scheme ?? ''}></mfa-prompt>`);
  await el.updateComplete;
  return el;
}

const cardBackground = (el: MfaPrompt): string => getComputedStyle(el.shadowRoot!.querySelector('[part="card"]')!).backgroundColor;
const bodyText = (el: MfaPrompt): string => getComputedStyle(el).color;

describe('colour schemes', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('the prompt is a light card by default and a dark one when the user prefers dark', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const light = await prompt();
    expect(luminance(cardBackground(light))).to.be.above(0.8);
    expect(luminance(bodyText(light))).to.be.below(0.1);

    await emulateMedia({ colorScheme: 'dark' });
    expect(luminance(cardBackground(light))).to.be.below(0.05);
    expect(luminance(bodyText(light))).to.be.above(0.7);
  });

  it('color-scheme="dark" or "light" forces the scheme whatever the preference, parts included', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const dark = await prompt('dark');
    expect(luminance(cardBackground(dark))).to.be.below(0.05);
    const statusBar = dark.shadowRoot!.querySelector('mfa-status-bar')!;
    expect(luminance(getComputedStyle(statusBar).color)).to.be.above(0.7, 'the status bar inherits the dark scheme');

    await emulateMedia({ colorScheme: 'dark' });
    const light = await prompt('light');
    expect(luminance(cardBackground(light))).to.be.above(0.8);
  });

  it('a part used on its own follows its page, so it stays readable on a light page under a dark preference', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const bar = await fixture<MfaStatusBar>(html`<mfa-status-bar message="Calling your phone..."></mfa-status-bar>`);
    expect(luminance(getComputedStyle(bar).color)).to.be.below(0.1);
  });
});
