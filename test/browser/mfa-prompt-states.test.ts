/**
 * States that tell the truth (issue 11, item 3), as the user sees them in `<mfa-prompt>`: a lock-out, a keyword
 * that moves to a landline, a device switch during a push, Enter a Passcode as a toggle, and the final state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { MfaError } from '../../src/adapter/errors.js';
import type { MfaCancelEvent } from '../../src/elements/events.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { FakeAdapter } from '../node/support/fake-adapter.js';
import { allowed, authResult, calling, landline, pushed } from '../node/support/flow-fixtures.js';
import { flush } from './support/keyboard.js';

async function mount(adapter: FakeAdapter, template = html`<mfa-prompt .adapter=${adapter} username="alice"></mfa-prompt>`) {
  const el = await fixture<MfaPrompt>(template);
  await flush(el);
  return el;
}

const auth = (): FakeAdapter => new FakeAdapter().reply('preauth', authResult());
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const chooser = (el: MfaPrompt): ShadowRoot => el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!;
const methodButton = (el: MfaPrompt, method: string): HTMLButtonElement =>
  chooser(el).querySelector<HTMLButtonElement>(`button[data-method="${method}"]`)!;
const deviceSelect = (el: MfaPrompt): HTMLSelectElement => chooser(el).querySelector('select')!;
const bar = (el: MfaPrompt): ShadowRoot => el.shadowRoot!.querySelector('mfa-status-bar')!.shadowRoot!;
const statusText = (el: MfaPrompt): string => text(bar(el).querySelector('[part="message"]'));
const statusButtons = (el: MfaPrompt): string[] => [...bar(el).querySelectorAll('button')].map((button) => text(button));
const rememberMe = (el: MfaPrompt): HTMLInputElement => el.shadowRoot!.querySelector('mfa-remember-me')!.shadowRoot!.querySelector('input')!;
const passcodeField = (): HTMLInputElement | null => document.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');
const logIn = (el: MfaPrompt): HTMLButtonElement =>
  el.querySelector('mfa-passcode-input')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!;

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<mfa-prompt> after a lock-out', () => {
  async function lockedOut(): Promise<{ el: MfaPrompt; adapter: FakeAdapter }> {
    const adapter = auth().reply('verifyPasscode', new MfaError('locked_out', 'locked'));
    const el = await mount(adapter);
    methodButton(el, 'passcode').click();
    await flush(el);
    passcodeField()!.value = '1234567';
    logIn(el).click();
    await flush(el);
    return { el, adapter };
  }

  it('shows the lock, and disables every method, the device select and remember-me', async () => {
    const { el } = await lockedOut();
    expect(statusText(el)).to.equal('Your account is locked out. Contact your help desk to unlock it.');
    const icon = bar(el).querySelector('[part="icon"] path')!.getAttribute('d');
    const error = await fixture(html`<mfa-status-bar tone="error" message="Something failed"></mfa-status-bar>`);
    const alertSign = error.shadowRoot!.querySelector('[part="icon"] path')!.getAttribute('d');
    expect(icon).to.be.a('string');
    expect(icon).to.not.equal(alertSign, 'a padlock, not the generic alert sign');
    for (const method of ['push', 'phone', 'passcode']) expect(methodButton(el, method).disabled, method).to.equal(true);
    expect(deviceSelect(el).disabled).to.equal(true);
    expect(rememberMe(el).disabled).to.equal(true);
    expect(passcodeField() === null).to.equal(true, 'no passcode can be accepted: the entry is closed');
    await expect(el).to.be.accessible();
  });

  it('keeps showing the lock: no Dismiss, only Try again, which asks the backend afresh', async () => {
    const { el, adapter } = await lockedOut();
    expect(statusButtons(el)).to.deep.equal(['Try again']);
    adapter.reply('preauth', { result: 'deny', message: 'Your account is locked. Try again in 15 minutes.' });
    bar(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await flush(el);
    expect(adapter.count('preauth')).to.equal(2);
    expect(statusText(el)).to.equal('Your account is locked. Try again in 15 minutes.');
  });
});

describe('<mfa-prompt> keywords in the passcode field', () => {
  it('"phone2" calls the landline: the passcode entry closes and "phone2" leaves the page', async () => {
    const adapter = auth().reply('verifyPasscode', calling('tx-call-2'));
    const el = await mount(adapter);
    methodButton(el, 'passcode').click();
    await flush(el);
    passcodeField()!.value = 'phone2';
    logIn(el).click();
    await flush(el);
    expect(deviceSelect(el).value).to.equal(landline.id);
    expect(el.state?.pendingMethod).to.equal('phone');
    expect(passcodeField() === null).to.equal(true, 'a landline has no passcode entry');
    expect(el.querySelector('mfa-passcode-input') === null).to.equal(true);
    expect(methodButton(el, 'phone').getAttribute('aria-busy')).to.equal('true');
  });
});

describe('<mfa-prompt> switching device during a push', () => {
  it('says the push was canceled and fires mfa-cancel', async () => {
    const adapter = auth().reply('startPush', pushed());
    const canceled: MfaCancelEvent[] = [];
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} username="alice" @mfa-cancel=${(e: MfaCancelEvent) => canceled.push(e)}></mfa-prompt>`,
    );
    methodButton(el, 'push').click();
    await flush(el);
    const select = deviceSelect(el);
    select.value = landline.id;
    select.dispatchEvent(new Event('change'));
    await flush(el);
    expect(statusText(el)).to.equal('Push canceled: you chose another device.');
    expect(canceled.map((event) => event.detail)).to.deep.equal([{ method: 'push' }]);
    expect(adapter.count('cancel')).to.equal(1, 'canceled on the server too');
    expect(statusButtons(el)).to.deep.equal(['Dismiss']);
  });
});

describe('<mfa-prompt> Enter a Passcode', () => {
  it('is a toggle with aria-expanded: Enter opens the entry, Enter again closes it and focus stays on the button', async () => {
    const el = await mount(auth());
    const toggle = methodButton(el, 'passcode');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(methodButton(el, 'push').hasAttribute('aria-expanded')).to.equal(false, 'only the toggle has it');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await flush(el);
    expect(methodButton(el, 'passcode').getAttribute('aria-expanded')).to.equal('true');
    expect(passcodeField() !== null).to.equal(true);
    passcodeField()!.value = '12';

    methodButton(el, 'passcode').focus();
    await sendKeys({ press: 'Enter' });
    await flush(el);
    expect(methodButton(el, 'passcode').getAttribute('aria-expanded')).to.equal('false');
    expect(passcodeField() === null).to.equal(true, 'closed, and what was typed is gone');
    expect(deepActive() === methodButton(el, 'passcode')).to.equal(true, 'focus stays on the toggle');
    await expect(el).to.be.accessible();
  });
});

describe('<mfa-prompt> after success', () => {
  it('ends in a final state: a check mark and "Verification complete", no dimmed methods', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(adapter);
    methodButton(el, 'push').click();
    await flush(el);
    adapter.lastWatch.push(allowed('token-push'));
    await flush(el);
    const done = el.shadowRoot!.querySelector('[part="success"]')!;
    expect(text(done)).to.equal('Verification complete');
    expect(done.querySelector('svg')).to.exist;
    expect(el.shadowRoot!.querySelector('mfa-method-chooser') === null).to.equal(true);
    expect(el.shadowRoot!.querySelector('mfa-remember-me') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('the host can replace it through the success slot', async () => {
    const adapter = auth().reply('startPush', pushed());
    const el = await mount(
      adapter,
      html`<mfa-prompt .adapter=${adapter} username="alice"><p slot="success">Redirecting to your inbox...</p></mfa-prompt>`,
    );
    const hostText = el.querySelector('[slot="success"]')!;
    expect(hostText.assignedSlot === null).to.equal(true, 'not shown before the login succeeded');
    methodButton(el, 'push').click();
    await flush(el);
    adapter.lastWatch.push(allowed('token-push'));
    await flush(el);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('[part="success"] slot[name="success"]')!;
    expect(slot.assignedElements()).to.deep.equal([hostText]);
    expect(hostText.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(slot.querySelector('h2')!.getBoundingClientRect().height).to.equal(0, 'the default content gives way');
  });
});
