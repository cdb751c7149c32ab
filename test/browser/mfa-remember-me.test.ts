import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { PreauthResult, StartOptions } from '../../src/adapter/types.js';
import type { MfaRememberMe } from '../../src/elements/mfa-remember-me.js';
import { MfaFlow } from '../../src/flow/index.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, policy, pushed } from '../node/support/flow-fixtures.js';


async function choosingFlow(preauth: PreauthResult = authResult()): Promise<{ flow: MfaFlow; adapter: FakeAdapter }> {
  const adapter = new FakeAdapter().reply('preauth', preauth);
  const flow = new MfaFlow(adapter, { username: 'alice' });
  flow.start();
  await settle();
  return { flow, adapter };
}

const checkbox = (el: MfaRememberMe): HTMLInputElement | null => el.shadowRoot!.querySelector('input[type="checkbox"]');
const labelText = (el: MfaRememberMe): string => el.shadowRoot!.querySelector('label')!.textContent!.trim();

describe('<mfa-remember-me> on its own', () => {
  it('is a native checkbox labelled "Remember me for 8 hours" by default', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me></mfa-remember-me>`);
    expect(checkbox(el)!.closest('label')).to.exist;
    expect(labelText(el)).to.equal('Remember me for 8 hours');
    expect(checkbox(el)!.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('builds its label from duration-seconds, or shows the label it is given', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me duration-seconds="86400"></mfa-remember-me>`);
    expect(labelText(el)).to.equal('Remember me for 1 day');
    el.durationSeconds = 43_200;
    await el.updateComplete;
    expect(labelText(el)).to.equal('Remember me for 12 hours');
    el.setAttribute('label', 'Trust this browser for 30 days');
    await el.updateComplete;
    expect(labelText(el)).to.equal('Trust this browser for 30 days');
  });

  it('renders its label as text', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me label="<img src=x onerror=alert(1)>"></mfa-remember-me>`);
    expect(labelText(el)).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('checked ticks the box', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me checked></mfa-remember-me>`);
    expect(checkbox(el)!.checked).to.equal(true);
    el.checked = false;
    await el.updateComplete;
    expect(checkbox(el)!.checked).to.equal(false);
  });

  it('a click ticks it and dispatches a composed change from the host, with checked updated', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me></mfa-remember-me>`);
    setTimeout(() => el.shadowRoot!.querySelector('label')!.click());
    const event = await oneEvent(el, 'change');
    expect(event.target).to.equal(el);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.checked).to.equal(true);
  });

  it('a page that undoes the change in its change listener gets the box unticked again', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me></mfa-remember-me>`);
    el.addEventListener('change', () => (el.checked = false));
    checkbox(el)!.click();
    await el.updateComplete;
    expect(el.checked).to.equal(false);
    expect(checkbox(el)!.checked).to.equal(false, 'the box shows checked, not the refused click');
  });

  it('Space toggles it from the keyboard, each time with a change event', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me></mfa-remember-me>`);
    const seen: boolean[] = [];
    el.addEventListener('change', () => seen.push(el.checked));
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(checkbox(el), 'focus() reaches the checkbox');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Space' });
    expect(seen).to.deep.equal([true, false]);
  });

  it('disabled greys it out: clicks change nothing', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me disabled></mfa-remember-me>`);
    let changed = false;
    el.addEventListener('change', () => (changed = true));
    expect(checkbox(el)!.disabled).to.equal(true);
    checkbox(el)!.click();
    expect(changed).to.equal(false);
    expect(el.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('hidden (not offered) takes no space', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me hidden></mfa-remember-me>`);
    expect(getComputedStyle(el).display).to.equal('none');
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it('exposes its parts', async () => {
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me></mfa-remember-me>`);
    expect(el.shadowRoot!.querySelector('[part="checkbox"]')).to.equal(checkbox(el));
    expect(el.shadowRoot!.querySelector('[part="label"]')).to.exist;
  });
});

describe('<mfa-remember-me> with a flow', () => {
  async function withFlow(preauth?: PreauthResult): Promise<{ el: MfaRememberMe; flow: MfaFlow; adapter: FakeAdapter }> {
    const { flow, adapter } = await choosingFlow(preauth);
    const el = await fixture<MfaRememberMe>(html`<mfa-remember-me .flow=${flow}></mfa-remember-me>`);
    return { el, flow, adapter };
  }

  it('renders the flow’s label and ignores its own properties', async () => {
    const { el } = await withFlow(authResult({ policy: policy({ rememberMe: { allowed: true, durationSeconds: 604_800 } }) }));
    el.label = 'ignored';
    await el.updateComplete;
    expect(labelText(el)).to.equal('Remember me for 7 days');
    await expect(el).to.be.accessible();
  });

  it('ticking it calls setRememberMe; the next push asks the backend to remember the device; no change event', async () => {
    const { el, flow, adapter } = await withFlow();
    let changed = false;
    el.addEventListener('change', () => (changed = true));
    el.focus();
    await sendKeys({ press: 'Space' });
    expect(flow.state.rememberMe.checked).to.equal(true);
    await el.updateComplete;
    expect(checkbox(el)!.checked).to.equal(true);
    expect(changed).to.equal(false);
    flow.push();
    expect((adapter.call('startPush').args[2] as StartOptions).rememberMe).to.equal(true);
  });

  it('is disabled while a push is pending, and a click then changes nothing', async () => {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    await el.updateComplete;
    expect(flow.state.phase).to.equal('pending');
    expect(checkbox(el)!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    // Even if a click got through (a stale DOM), the box keeps showing the flow's value.
    checkbox(el)!.disabled = false;
    checkbox(el)!.click();
    await el.updateComplete;
    expect(flow.state.rememberMe.checked).to.equal(false);
    expect(checkbox(el)!.checked).to.equal(false);
    flow.cancel();
    await el.updateComplete;
    expect(checkbox(el)!.disabled).to.equal(false);
  });

  it('renders nothing when the policy does not offer it', async () => {
    const { el } = await withFlow(authResult({ policy: policy({ rememberMe: { allowed: false, durationSeconds: 28_800 } }) }));
    expect(checkbox(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('label')).to.equal(null);
    expect(el.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();
  });
});
