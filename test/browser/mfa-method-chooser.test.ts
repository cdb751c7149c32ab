import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { Device, PreauthResult } from '../../src/adapter/types.js';
import { flowContext } from '../../src/elements/flow-context.js';
import type { MfaMethodChooser } from '../../src/elements/mfa-method-chooser.js';
import { MfaFlow } from '../../src/flow/index.js';
import type { MethodOption } from '../../src/flow/index.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, iphone, landline, pushed, token } from '../node/support/flow-fixtures.js';


async function choosingFlow(preauth: PreauthResult = authResult()): Promise<{ flow: MfaFlow; adapter: FakeAdapter }> {
  const adapter = new FakeAdapter().reply('preauth', preauth);
  const flow = new MfaFlow(adapter, { username: 'alice' });
  flow.start();
  await settle();
  return { flow, adapter };
}

const shadow = (el: MfaMethodChooser): ShadowRoot => el.shadowRoot!;
const select = (el: MfaMethodChooser): HTMLSelectElement | null => shadow(el).querySelector('select');
const buttons = (el: MfaMethodChooser): HTMLButtonElement[] => [...shadow(el).querySelectorAll('button')];
const button = (el: MfaMethodChooser, method: string): HTMLButtonElement =>
  shadow(el).querySelector(`button[data-method="${method}"]`)!;
const methodsShown = (el: MfaMethodChooser): string[] => buttons(el).map((b) => b.dataset.method!);
const labels = (el: MfaMethodChooser): string[] =>
  [...shadow(el).querySelectorAll('.method-label')].map((label) => label.textContent!.trim());

/** The button's accessible name: its text content (it has no aria-label / aria-labelledby). */
function accessibleName(b: HTMLButtonElement): string {
  expect(b.hasAttribute('aria-label') || b.hasAttribute('aria-labelledby')).to.equal(false);
  return b.textContent!.replace(/\s+/g, ' ').trim();
}

async function standalone(devices: Device[], attrs: Partial<MfaMethodChooser> = {}): Promise<MfaMethodChooser> {
  const el = await fixture<MfaMethodChooser>(html`<mfa-method-chooser .devices=${devices}></mfa-method-chooser>`);
  Object.assign(el, attrs);
  await el.updateComplete;
  return el;
}

describe('<mfa-method-chooser> on its own', () => {
  it('lists two or more devices in a select labelled "Device", showing their display names', async () => {
    const el = await standalone([iphone, landline, token]);
    const devices = select(el)!;
    expect(devices).to.exist;
    expect(shadow(el).querySelector(`label[for="${devices.id}"]`)!.textContent!.trim()).to.equal('Device');
    expect([...devices.options].map((option) => option.textContent!.trim())).to.deep.equal([
      'iOS (XXX-XXX-0105)',
      'Landline (XXX-XXX-1311)',
      'Hardware token',
    ]);
    expect(devices.value).to.equal(iphone.id, 'the first device until one is chosen');
    await expect(el).to.be.accessible();
  });

  it('with one device shows its name as text and no select', async () => {
    const el = await standalone([iphone]);
    expect(select(el)).to.equal(null);
    expect(shadow(el).querySelector('[part="device-name"]')!.textContent).to.equal('iOS (XXX-XXX-0105)');
    await expect(el).to.be.accessible();
  });

  it('offers the selected device’s methods, push first with a visible "Recommended" badge', async () => {
    const el = await standalone([iphone, landline]);
    expect(methodsShown(el)).to.deep.equal(['push', 'phone', 'passcode']);
    expect(labels(el)).to.deep.equal(['Send me a Push', 'Call Me', 'Enter a Passcode']);
    const badge = shadow(el).querySelector<HTMLElement>('[part="badge"]')!;
    expect(badge.textContent!.trim()).to.equal('Recommended');
    expect(badge.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(button(el, 'push').contains(badge)).to.equal(false, 'the badge takes no room from the label');
    expect(accessibleName(button(el, 'push'))).to.equal('Send me a Push');
    expect(accessibleName(button(el, 'phone'))).to.equal('Call Me');
    // Screen readers hear the method's name and the badge as the button's description.
    const description = (method: string) =>
      shadow(el).getElementById(button(el, method).getAttribute('aria-describedby')!)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(description('push')).to.equal('Push Recommended');
    expect(description('phone')).to.equal('Phone call');
  });

  it('follows selected-device-id: a landline offers only Call Me, a token only Enter a Passcode', async () => {
    const el = await standalone([iphone, landline, token], { selectedDeviceId: landline.id });
    expect(select(el)!.value).to.equal(landline.id);
    expect(methodsShown(el)).to.deep.equal(['phone']);
    expect(shadow(el).querySelector('[part="badge"]')).to.equal(null);
    el.selectedDeviceId = token.id;
    await el.updateComplete;
    expect(methodsShown(el)).to.deep.equal(['passcode']);
  });

  it('shows the methods it is given, when given', async () => {
    const methods: MethodOption[] = [{ method: 'phone', label: 'Anrufen', recommended: false }];
    const el = await standalone([iphone], { methods });
    expect(labels(el)).to.deep.equal(['Anrufen']);
  });

  it('dispatches mfa-method-choose on click', async () => {
    const el = await standalone([iphone]);
    setTimeout(() => button(el, 'phone').click());
    const event = await oneEvent(el, 'mfa-method-choose');
    expect(event.detail).to.deep.equal({ method: 'phone' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('dispatches mfa-method-choose on Enter and on Space', async () => {
    const el = await standalone([iphone]);
    const chosen: string[] = [];
    el.addEventListener('mfa-method-choose', (event) => chosen.push(event.detail.method));
    button(el, 'push').focus();
    await sendKeys({ press: 'Enter' });
    button(el, 'passcode').focus();
    await sendKeys({ press: 'Space' });
    expect(chosen).to.deep.equal(['push', 'passcode']);
  });

  it('dispatches mfa-device-change when another device is picked with the keyboard, and shows its methods', async () => {
    const el = await standalone([iphone, landline]);
    select(el)!.focus();
    const changed = oneEvent(el, 'mfa-device-change');
    await sendKeys({ press: 'ArrowDown' });
    expect((await changed).detail).to.deep.equal({ deviceId: landline.id });
    expect(el.selectedDeviceId).to.equal(landline.id);
    await el.updateComplete;
    expect(methodsShown(el)).to.deep.equal(['phone']);
  });

  it('a page that refuses a device change gets the select back on the device it keeps', async () => {
    const el = await standalone([iphone, landline]);
    el.addEventListener('mfa-device-change', () => (el.selectedDeviceId = iphone.id));
    select(el)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.selectedDeviceId).to.equal(iphone.id);
    expect(select(el)!.value).to.equal(iphone.id, 'the select shows the kept device');
    expect(methodsShown(el)).to.deep.equal(['push', 'phone', 'passcode']);
  });

  it('while a push is pending: push is disabled and busy; the other methods and the select still work', async () => {
    const el = await standalone([iphone, landline], { pendingMethod: 'push' });
    expect(buttons(el).filter((b) => b.disabled).map((b) => b.dataset['method'])).to.deep.equal(['push']);
    expect(button(el, 'push').getAttribute('aria-busy')).to.equal('true');
    expect(button(el, 'push').querySelector('[part="spinner"]')).to.exist;
    expect(button(el, 'phone').hasAttribute('aria-busy')).to.equal(false);
    expect(select(el)!.disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('marking a button busy does not change its size', async () => {
    const el = await standalone([iphone]);
    const before = button(el, 'push').getBoundingClientRect();
    el.pendingMethod = 'push';
    await el.updateComplete;
    const after = button(el, 'push').getBoundingClientRect();
    expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
  });

  it('disabled disables the select and every button, and nothing is dispatched', async () => {
    const el = await standalone([iphone, landline], { disabled: true });
    expect(select(el)!.disabled).to.equal(true);
    expect(buttons(el).every((b) => b.disabled)).to.equal(true);
    let dispatched = false;
    el.addEventListener('mfa-method-choose', () => (dispatched = true));
    button(el, 'push').click();
    expect(dispatched).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('renders device names as text, never as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const devices = [{ ...iphone, displayName: evil }, landline];
    const el = await standalone(devices);
    expect(select(el)!.options[0]!.textContent!.trim()).to.equal(evil);
    expect(shadow(el).querySelector('img')).to.equal(null);
    const single = await standalone([{ ...iphone, displayName: evil }]);
    expect(shadow(single).querySelector('[part="device-name"]')!.textContent).to.equal(evil);
    expect(shadow(single).querySelector('img')).to.equal(null);
  });

  it('a long device name and many devices do not widen it', async () => {
    const long = { ...iphone, id: 'long', displayName: `${'Very long device name '.repeat(12)}(XXX-XXX-0105)` };
    const many = Array.from({ length: 40 }, (_, i) => ({ ...landline, id: `d${i}`, displayName: `Phone ${i}` }));
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 320px"><mfa-method-chooser .devices=${[long, ...many]}></mfa-method-chooser></div>`,
    );
    const el = wrapper.querySelector('mfa-method-chooser')!;
    await el.updateComplete;
    expect(el.getBoundingClientRect().width).to.equal(320);
    expect(select(el)!.getBoundingClientRect().width).to.be.at.most(320);
    const single = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 320px"><mfa-method-chooser .devices=${[long]}></mfa-method-chooser></div>`,
    );
    const name = single.querySelector('mfa-method-chooser')!.shadowRoot!.querySelector('[part="device-name"]')!;
    expect(name.getBoundingClientRect().width).to.be.at.most(320);
  });

  it('exposes its parts', async () => {
    const el = await standalone([iphone, landline]);
    for (const part of ['device-select', 'methods', 'method', 'method-button', 'badge']) {
      expect(shadow(el).querySelector(`[part~="${part}"]`), part).to.exist;
    }
  });
});

describe('<mfa-method-chooser> with a flow', () => {
  async function withFlow(preauth?: PreauthResult): Promise<{ el: MfaMethodChooser; flow: MfaFlow; adapter: FakeAdapter }> {
    const { flow, adapter } = await choosingFlow(preauth);
    const el = await fixture<MfaMethodChooser>(html`<mfa-method-chooser .flow=${flow}></mfa-method-chooser>`);
    return { el, flow, adapter };
  }

  it('renders the flow’s devices and the selected device’s methods, ignoring its own properties', async () => {
    const { el } = await withFlow();
    el.devices = [token];
    await el.updateComplete;
    expect([...select(el)!.options].map((option) => option.value)).to.deep.equal([iphone.id, landline.id, token.id]);
    expect(methodsShown(el)).to.deep.equal(['push', 'phone', 'passcode']);
    await expect(el).to.be.accessible();
  });

  it('gets the flow from the context of an enclosing provider', async () => {
    const { flow } = await choosingFlow();
    const host = document.createElement('div');
    new ContextProvider(host, { context: flowContext, initialValue: flow });
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(host);
    host.innerHTML = '<mfa-method-chooser></mfa-method-chooser>';
    const el = host.querySelector('mfa-method-chooser')!;
    await el.updateComplete;
    expect(el.flow).to.equal(flow);
    expect(methodsShown(el)).to.deep.equal(['push', 'phone', 'passcode']);
  });

  it('shows the select only with two or more devices', async () => {
    const { el } = await withFlow(authResult({ devices: [iphone] }));
    expect(select(el)).to.equal(null);
    expect(shadow(el).querySelector('[part="device-name"]')!.textContent).to.equal(iphone.displayName);
  });

  it('selecting a device calls selectDevice: a landline offers only Call Me, a token only Enter a Passcode', async () => {
    const { el, flow } = await withFlow();
    const devices = select(el)!;
    devices.value = landline.id;
    devices.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(flow.state.selectedDevice?.id).to.equal(landline.id);
    expect(methodsShown(el)).to.deep.equal(['phone']);
    devices.value = token.id;
    devices.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(methodsShown(el)).to.deep.equal(['passcode']);
    await expect(el).to.be.accessible();
  });

  it('Send me a Push starts a push on the selected device; push is busy, the others stay usable, nothing is dispatched', async () => {
    const { el, flow, adapter } = await withFlow();
    let dispatched = false;
    el.addEventListener('mfa-method-choose', () => (dispatched = true));
    button(el, 'push').focus();
    await sendKeys({ press: 'Enter' });
    expect(adapter.count('startPush')).to.equal(1);
    expect(adapter.call('startPush').args[1]).to.equal(iphone.id);
    expect(flow.state.pendingMethod).to.equal('push');
    await el.updateComplete;
    expect(buttons(el).filter((b) => b.disabled).map((b) => b.dataset['method'])).to.deep.equal(['push']);
    expect(button(el, 'push').getAttribute('aria-busy')).to.equal('true');
    expect(select(el)!.disabled).to.equal(false);
    expect(dispatched).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('Call Me while a push is pending cancels the push and calls instead', async () => {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', pushed('tx-1'));
    button(el, 'push').click();
    await settle();
    button(el, 'phone').click();
    expect(adapter.call('cancel').args[0]).to.equal('tx-1');
    expect(adapter.count('startCall')).to.equal(1);
    expect(flow.state.pendingMethod).to.equal('phone');
  });

  it('switching device while a push is pending cancels it and offers the new device’s methods', async () => {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', pushed('tx-1'));
    button(el, 'push').click();
    await settle();
    expect(flow.state.phase).to.equal('pending');
    select(el)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle();
    expect(flow.state.selectedDevice?.id).to.equal(landline.id);
    expect(adapter.call('cancel').args[0]).to.equal('tx-1');
    await el.updateComplete;
    expect(methodsShown(el)).to.deep.equal(['phone']);
    expect(button(el, 'phone').disabled).to.equal(false);
  });

  it('Call Me starts a call; Enter a Passcode opens the passcode entry', async () => {
    const { el, flow, adapter } = await withFlow();
    button(el, 'phone').click();
    expect(adapter.count('startCall')).to.equal(1);
    flow.cancel();
    await el.updateComplete;
    button(el, 'passcode').focus();
    await sendKeys({ press: 'Space' });
    expect(flow.state.passcodeEntryOpen).to.equal(true);
  });

  /** A chooser whose flow's login is over: a push approved. */
  async function loggedIn(): Promise<{ el: MfaMethodChooser; flow: MfaFlow }> {
    const { el, flow, adapter } = await withFlow();
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    adapter.lastWatch.push({ status: 'allow', final: true, message: 'Success. Logging you in...', token: 't', remembered: false });
    await settle();
    return { el, flow };
  }

  it('is disabled once the login is over', async () => {
    const { el, flow } = await loggedIn();
    expect(flow.state.phase).to.equal('success');
    await el.updateComplete;
    expect(select(el)!.disabled).to.equal(true);
    expect(buttons(el).every((b) => b.disabled)).to.equal(true);
  });

  it('once the login is over, a device change that got through is refused and the select shows the flow’s device', async () => {
    const { el, flow } = await loggedIn();
    await el.updateComplete;
    // Even if a change got through (a stale DOM), the select keeps showing the flow's device.
    select(el)!.disabled = false;
    select(el)!.value = landline.id;
    select(el)!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(flow.state.selectedDevice!.id).to.equal(iphone.id);
    expect(select(el)!.value).to.equal(iphone.id);
  });

  it('renders backend device names as text', async () => {
    const evil = { ...iphone, displayName: '<img src=x onerror=alert(1)>' };
    const { el } = await withFlow(authResult({ devices: [evil, landline] }));
    expect(select(el)!.options[0]!.textContent!.trim()).to.equal(evil.displayName);
    expect(shadow(el).querySelector('img')).to.equal(null);
  });
});
