import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { MfaError } from '../../src/adapter/errors.js';
import type { MfaStatusAction } from '../../src/elements/events.js';
import type { MfaStatusBar } from '../../src/elements/mfa-status-bar.js';
import { MfaFlow } from '../../src/flow/index.js';
import type { StatusTone } from '../../src/flow/index.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, pushed } from '../node/support/flow-fixtures.js';


async function choosingFlow(): Promise<{ flow: MfaFlow; adapter: FakeAdapter }> {
  const adapter = new FakeAdapter().reply('preauth', authResult());
  const flow = new MfaFlow(adapter, { username: 'alice' });
  flow.start();
  await settle();
  return { flow, adapter };
}

const $ = <T extends Element = HTMLElement>(el: MfaStatusBar, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);
const politeRegion = (el: MfaStatusBar): HTMLElement => $(el, '[role="status"]')!;
const alertRegion = (el: MfaStatusBar): HTMLElement => $(el, '[role="alert"]')!;
const shownText = (el: MfaStatusBar): string => $(el, '[part="message"]')!.textContent!.trim();
const buttonTexts = (el: MfaStatusBar): string[] =>
  [...el.shadowRoot!.querySelectorAll('button')].map((button) => button.textContent!.trim());
const height = (el: MfaStatusBar): number => $(el, '[part="bar"]')!.getBoundingClientRect().height;

describe('<mfa-status-bar> on its own', () => {
  it('has its polite live region in the page before any message, and changes its text in place', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar></mfa-status-bar>`);
    const region = politeRegion(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent!.trim()).to.equal('');
    expect(getComputedStyle(region).display).to.not.equal('none');
    await expect(el).to.be.accessible();

    el.message = 'Pushed a login request to your device...';
    await el.updateComplete;
    expect(politeRegion(el)).to.equal(region);
    expect(region.textContent!.trim()).to.equal('Pushed a login request to your device...');
    const textNode = [...region.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent);

    el.message = 'Success. Logging you in...';
    await el.updateComplete;
    expect(politeRegion(el)).to.equal(region);
    expect([...region.childNodes]).to.include(textNode, 'the same text node, with new text');
    expect(textNode!.textContent).to.equal('Success. Logging you in...');
  });

  it('puts each message in exactly one live region: errors in the assertive one', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="Calling your phone..." tone="pending"></mfa-status-bar>`);
    const alert = alertRegion(el);
    expect(politeRegion(el).textContent!.trim()).to.equal('Calling your phone...');
    expect(alert.textContent!.trim()).to.equal('');

    el.tone = 'error';
    el.message = 'Login request denied.';
    await el.updateComplete;
    expect(alertRegion(el)).to.equal(alert, 'the alert region existed before its text');
    expect(alert.textContent!.trim()).to.equal('Login request denied.');
    expect(politeRegion(el).textContent!.trim()).to.equal('');

    el.tone = 'info';
    el.message = 'Authentication request canceled';
    await el.updateComplete;
    expect(politeRegion(el).textContent!.trim()).to.equal('Authentication request canceled');
    expect(alert.textContent!.trim()).to.equal('');
  });

  it('shows an icon in every tone (a spinner for pending); axe clean in each tone', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="Working on it"></mfa-status-bar>`);
    const icons: Record<StatusTone, string> = { info: 'svg', pending: '.spinner', success: 'svg', error: 'svg' };
    for (const tone of ['info', 'pending', 'success', 'error'] as const) {
      el.tone = tone;
      await el.updateComplete;
      const icon = $(el, '[part="icon"]')!;
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      if (icons[tone]) expect(icon.querySelector(icons[tone]), tone).to.exist;
      else expect(icon.children.length, tone).to.equal(0);
      expect(el.getAttribute('tone')).to.equal(tone);
      await expect(el).to.be.accessible();
    }
  });

  it('shows Cancel, Dismiss and Retry per cancelable, dismissible and retryable', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="Pushed a login request to your device..."></mfa-status-bar>`);
    expect(buttonTexts(el)).to.deep.equal([]);
    el.cancelable = true;
    await el.updateComplete;
    expect(buttonTexts(el)).to.deep.equal(['Cancel']);
    expect($(el, '[part="cancel-button"]')).to.exist;
    await expect(el).to.be.accessible();
    el.cancelable = false;
    el.dismissible = true;
    el.retryable = true;
    await el.updateComplete;
    expect(buttonTexts(el)).to.deep.equal(['Dismiss', 'Retry']);
    expect($(el, '[part="dismiss-button"]')).to.exist;
    expect($(el, '[part="retry-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('dispatches mfa-status-action on click', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="x" cancelable></mfa-status-bar>`);
    setTimeout(() => $(el, '[part="cancel-button"]')!.click());
    const event = await oneEvent(el, 'mfa-status-action');
    expect(event.detail).to.deep.equal({ action: 'cancel' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('dispatches mfa-status-action on Enter and on Space', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="x" dismissible retryable></mfa-status-bar>`);
    const actions: MfaStatusAction[] = [];
    el.addEventListener('mfa-status-action', (event) => actions.push(event.detail.action));
    $(el, '[part="retry-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    $(el, '[part="dismiss-button"]')!.focus();
    await sendKeys({ press: 'Space' });
    expect(actions).to.deep.equal(['retry', 'dismiss']);
  });

  it('focused (as the prompt does after a push starts), the message draws no ring: it is not a field', async () => {
    const page = await fixture<HTMLElement>(
      html`<div><button>Before</button><mfa-status-bar tone="pending" message="Pushed a login request to your device..."></mfa-status-bar></div>`,
    );
    const el = page.querySelector('mfa-status-bar')!;
    // Keyboard modality, so :focus-visible would match. The Tab lands on a control of the page: with none, Firefox
    // moves focus out of the page, into its own toolbar.
    await sendKeys({ press: 'Tab' });
    el.focus();
    const message = $(el, '[part="message"]')!;
    expect(el.shadowRoot!.activeElement === message).to.equal(true);
    const style = getComputedStyle(message);
    expect(style.outlineStyle).to.equal('none');
    expect(style.borderTopStyle).to.equal('none');
  });

  it('renders messages as text, never as HTML', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="<img src=x onerror=alert(1)>"></mfa-status-bar>`);
    expect(shownText(el)).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('takes no room when empty; with a message, keeps its height for one line or two, with buttons or not', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar style="inline-size: 420px"></mfa-status-bar>`);
    expect(height(el)).to.equal(0, 'no blank band');
    expect(el.hasAttribute('empty')).to.equal(true);
    el.message = 'Pushed a login request to your device...';
    el.tone = 'pending';
    el.cancelable = true;
    await el.updateComplete;
    const shown = height(el);
    expect(shown).to.be.greaterThan(0);
    expect(el.hasAttribute('empty')).to.equal(false);
    el.message = 'Authentication timed out. Choose a method to try again.';
    el.tone = 'error';
    el.cancelable = false;
    el.dismissible = true;
    await el.updateComplete;
    expect(height(el)).to.equal(shown, 'two lines fit in the reserved height');
  });

  it('focus() moves focus to the message region, which is not in the tab order', async () => {
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar message="Calling your phone..."></mfa-status-bar>`);
    el.focus();
    const message = $(el, '[part="message"]')!;
    expect(el.shadowRoot!.activeElement).to.equal(message);
    expect(message.getAttribute('tabindex')).to.equal('-1');
  });
});

describe('<mfa-status-bar> with a flow', () => {
  async function withFlow(): Promise<{ el: MfaStatusBar; flow: MfaFlow; adapter: FakeAdapter }> {
    const { flow, adapter } = await choosingFlow();
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar .flow=${flow}></mfa-status-bar>`);
    return { el, flow, adapter };
  }

  it('is empty with no status, but its live region is there; then shows each step in the same region', async () => {
    const { el, flow, adapter } = await withFlow();
    el.message = 'ignored without a status';
    await el.updateComplete;
    const region = politeRegion(el);
    expect(shownText(el)).to.equal('');
    await expect(el).to.be.accessible();

    adapter.reply('startPush', pushed());
    flow.push();
    await el.updateComplete;
    expect(region.textContent!.trim()).to.equal('Sending a login request to your device...');
    expect($(el, '.spinner')).to.exist;
    await settle();
    await el.updateComplete;
    expect(politeRegion(el)).to.equal(region);
    expect(region.textContent!.trim()).to.equal('Pushed a login request to your device...');
    expect(buttonTexts(el)).to.deep.equal(['Cancel']);
    await expect(el).to.be.accessible();

    adapter.lastWatch.push({ status: 'allow', final: true, message: 'Success. Logging you in...', token: 't', remembered: false });
    await settle();
    await el.updateComplete;
    expect(region.textContent!.trim()).to.equal('Success. Logging you in...');
    expect(buttonTexts(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it("labels its buttons with the flow's texts, so a localised prompt is localised throughout", async () => {
    const adapter = new FakeAdapter().reply('preauth', authResult());
    const flow = new MfaFlow(adapter, { username: 'alice', messages: { cancel: 'Annuler' } });
    flow.start();
    await settle();
    const el = await fixture<MfaStatusBar>(html`<mfa-status-bar .flow=${flow}></mfa-status-bar>`);
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    await el.updateComplete;
    expect(buttonTexts(el)).to.deep.equal(['Annuler']);
  });

  it('Cancel cancels the push; focus stays in the bar; Dismiss then clears the message', async () => {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', pushed('tx-1'));
    flow.push();
    await settle();
    await el.updateComplete;
    let dispatched = false;
    el.addEventListener('mfa-status-action', () => (dispatched = true));

    $(el, '[part="cancel-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(adapter.call('cancel').args[0]).to.equal('tx-1');
    expect(flow.state.status?.message).to.equal('Authentication request canceled');
    await el.updateComplete;
    expect(shownText(el)).to.equal('Authentication request canceled');
    expect(buttonTexts(el)).to.deep.equal(['Dismiss']);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="message"]'), 'not lost to <body>');
    await expect(el).to.be.accessible();

    $(el, '[part="dismiss-button"]')!.click();
    expect(flow.state.status).to.equal(null);
    await el.updateComplete;
    expect(shownText(el)).to.equal('');
    expect(dispatched).to.equal(false, 'with a flow, no event of its own');
  });

  it('shows an error assertively with Retry, which repeats the failed step', async () => {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', new MfaError('network', 'offline'));
    flow.push();
    await settle();
    await el.updateComplete;
    expect(flow.state.status?.tone).to.equal('error');
    expect(alertRegion(el).textContent!.trim()).to.equal(flow.state.status!.message);
    expect(politeRegion(el).textContent!.trim()).to.equal('');
    expect(buttonTexts(el)).to.deep.equal(['Dismiss', 'Retry']);
    await expect(el).to.be.accessible();

    $(el, '[part="retry-button"]')!.focus();
    await sendKeys({ press: 'Space' });
    expect(adapter.count('startPush')).to.equal(2);
    await el.updateComplete;
    expect(politeRegion(el).textContent!.trim()).to.equal('Sending a login request to your device...');
    expect(alertRegion(el).textContent!.trim()).to.equal('');
  });

  it('renders backend messages as text', async () => {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', { ...pushed(), status: { status: 'pushed', final: false, message: '<img src=x onerror=alert(1)>' } });
    flow.push();
    await settle();
    await el.updateComplete;
    expect(shownText(el)).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });
});

describe('<mfa-status-bar> on a right-to-left page', () => {
  it('keeps a backend text in its own direction, so English punctuation stays at its end', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><mfa-status-bar message="Pushed a login request to your device..." tone="pending"></mfa-status-bar></div>`,
    );
    const bar = wrapper.querySelector('mfa-status-bar')!;
    await bar.updateComplete;
    const region = politeRegion(bar);
    expect(region.getAttribute('dir')).to.equal('auto');
    expect(region.matches(':dir(ltr)')).to.equal(true, 'English text is laid out left to right');
  });
});
