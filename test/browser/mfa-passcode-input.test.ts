import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { MfaError } from '../../src/adapter/errors.js';
import type { Device } from '../../src/adapter/types.js';
import { MfaPasscodeSubmitEvent, MfaSendCodesEvent } from '../../src/elements/events.js';
import { flowContext } from '../../src/elements/flow-context.js';
import { MfaPasscodeInput } from '../../src/elements/mfa-passcode-input.js';
import { MfaFlow } from '../../src/flow/index.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, iphone, sent, token, verified } from '../node/support/flow-fixtures.js';

// The element alone, so this file does not depend on the other parts; define.ts registers the same class.
if (!customElements.get('mfa-passcode-input')) customElements.define('mfa-passcode-input', MfaPasscodeInput);

/** An SMS-capable phone with no batch outstanding yet. */
const phone: Device = { ...iphone, nextSmsDigit: undefined };


/** A flow past preauth with the passcode entry open on the first device, and the element rendering it. */
async function passcodeEntry(devices: Device[] = [phone, token]) {
  const adapter = new FakeAdapter().reply('preauth', authResult({ devices }));
  const flow = new MfaFlow(adapter, { username: 'alice' });
  flow.start();
  await settle();
  flow.openPasscodeEntry();
  const el = await fixture<MfaPasscodeInput>(html`<mfa-passcode-input .flow=${flow}></mfa-passcode-input>`);
  return { adapter, flow, el, input: otpInput() };
}

async function standalone(template = html`<mfa-passcode-input></mfa-passcode-input>`) {
  const el = await fixture<MfaPasscodeInput>(template);
  return { el, input: otpInput() };
}

/** How autofill and password managers find the field. */
function otpInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');
  if (!input) throw new Error('no one-time-code input in the document');
  return input;
}

const logInButton = (el: MfaPasscodeInput) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!;
const sendCodesButton = (el: MfaPasscodeInput) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-codes-button"]');

/** The texts that describe the input, through its `aria-describedby` ids. */
function description(input: HTMLInputElement): string[] {
  const ids = input.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? `<missing #${id}>`);
}

async function type(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await sendKeys({ type: text });
}

/** A real mouse click in the middle of `target`, which also moves the focus there. */
async function click(target: Element): Promise<void> {
  const { x, y, width, height } = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
}

/** The accessible name as axe-core computes it (the runner has no accessibility-tree command configured). */
async function accessibleName(element: Element): Promise<string> {
  await expect(element).to.be.accessible(); // also loads axe-core onto the window
  const { axe } = globalThis as unknown as { axe: typeof import('axe-core') };
  axe.setup(document);
  try {
    return axe.commons.text.accessibleText(element);
  } finally {
    axe.teardown();
  }
}

/** Every attribute value of `root` and its descendants, shadow trees included. */
function allAttributeValues(root: Element): string[] {
  const values = [...root.attributes].map((attribute) => `${root.localName}[${attribute.name}=${attribute.value}]`);
  const children = [...root.children, ...(root.shadowRoot ? [...root.shadowRoot.children] : [])];
  return values.concat(children.flatMap(allAttributeValues));
}

function storedEverywhere(): string {
  const dump = (storage: Storage) => JSON.stringify(Object.entries({ ...storage }));
  return [dump(localStorage), dump(sessionStorage), document.cookie].join('\n');
}

afterEach(async () => {
  await resetMouse();
});

describe('<mfa-passcode-input>: the field', () => {
  it('never hands the code to a form around it, so a GET form cannot put it in a URL', async () => {
    const form = await fixture<HTMLFormElement>(html`<form method="get" action="/login"><mfa-passcode-input></mfa-passcode-input></form>`);
    const input = form.querySelector('input')!;
    input.value = '867539';
    expect([...new FormData(form).values()]).to.not.include('867539');
  });

  it('is one input in the light DOM that one-time-code autofill finds, with a numeric keyboard and no pattern', async () => {
    const { el, input } = await standalone();
    expect(input.parentElement).to.equal(el);
    expect(el.querySelectorAll('input')).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('input')).to.have.length(0);
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.getAttribute('placeholder')).to.equal('ex. 867539');
    expect(input.getAttribute('autocapitalize')).to.equal('off');
    expect(input.getAttribute('spellcheck')).to.equal('false');
    expect(['done', 'go']).to.include(input.getAttribute('enterkeyhint'));
    expect(input.maxLength).to.be.at.least(20);
    expect(input.hasAttribute('pattern')).to.equal(false);
    expect(input.assignedSlot?.name).to.equal('input');
  });

  it('is labelled "Passcode" by a light-DOM label, visually hidden', async () => {
    const { input } = await standalone();
    const [label] = input.labels!;
    expect(label?.textContent).to.equal('Passcode');
    const box = label!.assignedSlot!.parentElement!.getBoundingClientRect();
    expect(box.width * box.height).to.be.at.most(1);
    expect(await accessibleName(input)).to.equal('Passcode');
  });

  it('gives every instance its own ids', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div><mfa-passcode-input></mfa-passcode-input><mfa-passcode-input></mfa-passcode-input></div>`,
    );
    const ids = [...page.querySelectorAll('[id]')].map((node) => node.id);
    expect(ids).to.have.length(6);
    expect(new Set(ids).size).to.equal(6);
    for (const input of page.querySelectorAll('input')) {
      expect(input.labels?.[0]?.control).to.equal(input);
      expect(description(input)).to.deep.equal(['Enter a passcode from your authenticator app or token.']);
    }
  });

  it('uses an input the page provides, adding only the attributes it lacks', async () => {
    const { el, input } = await standalone(
      html`<mfa-passcode-input><input slot="input" id="otp" placeholder="Your code" /></mfa-passcode-input>`,
    );
    expect(el.querySelectorAll('input')).to.have.length(1);
    expect(input.id).to.equal('otp');
    expect(input.placeholder).to.equal('Your code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.labels?.[0]?.textContent).to.equal('Passcode');
  });

  it('hands over to the page input that arrives after it upgraded (children parsed late)', async () => {
    const { el } = await standalone();
    el.value = '12';
    const late = document.createElement('input');
    late.slot = 'input';
    el.append(late);
    await new Promise((resolve) => el.shadowRoot!.addEventListener('slotchange', resolve, { once: true }));
    expect(el.querySelectorAll('input')).to.have.length(1);
    expect(otpInput()).to.equal(late);
    expect(late.value).to.equal('12');
    expect(late.labels?.[0]?.textContent).to.equal('Passcode');
  });

  it('value, focus() and clear() work on the input, and value is never an attribute', async () => {
    const { el, input } = await standalone();
    el.value = '246810';
    expect(input.value).to.equal('246810');
    expect(allAttributeValues(el).join('\n')).not.to.include('246810');
    el.focus();
    expect(document.activeElement).to.equal(input);
    el.clear();
    expect(input.value).to.equal('');
  });
});

describe('<mfa-passcode-input>: with a flow', () => {
  it('takes the flow from the context, as inside <mfa-prompt>', async () => {
    const adapter = new FakeAdapter().reply('preauth', authResult({ devices: [phone] }));
    const flow = new MfaFlow(adapter, { username: 'alice' });
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(page, { context: flowContext, initialValue: flow });
    const el = document.createElement('mfa-passcode-input');
    page.append(el);
    flow.start();
    await settle();
    flow.openPasscodeEntry();
    await el.updateComplete;
    expect(el.flow).to.equal(flow);
    expect(sendCodesButton(el)).to.exist;
  });

  it('Log In sends the typed code once', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '864209');
    logInButton(el).click();
    expect(adapter.callsOf('verifyPasscode').map((call) => call.args[1])).to.deep.equal(['864209']);
  });

  it('a double click on Log In sends one verification; Log In is disabled meanwhile', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '864209');
    const button = logInButton(el);
    const { x, y, width, height } = button.getBoundingClientRect();
    const position: [number, number] = [Math.round(x + width / 2), Math.round(y + height / 2)];
    await sendMouse({ type: 'click', position });
    await sendMouse({ type: 'click', position });
    await el.updateComplete;
    expect(adapter.count('verifyPasscode')).to.equal(1);
    expect(button.getAttribute('aria-disabled')).to.equal('true');

    adapter.call('verifyPasscode').reject(new MfaError('invalid_passcode', 'wrong', { attemptsLeft: 4 }));
    await settle();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('false', 'enabled again to try another code');
  });

  it('after a successful login Log In stays disabled, like every other control', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '864209');
    await sendKeys({ press: 'Enter' });
    adapter.call('verifyPasscode').resolve(verified());
    await settle();
    await el.updateComplete;
    expect(logInButton(el).getAttribute('aria-disabled')).to.equal('true');
  });

  it('passcode cleared: after a successful login no spent code stays in the field', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '864209');
    await sendKeys({ press: 'Enter' });
    adapter.call('verifyPasscode').resolve(verified());
    await settle();
    await el.updateComplete;
    expect(el.flow?.state.phase).to.equal('success');
    expect(input.value).to.equal('');
    expect(el.value).to.equal('');
  });

  for (const code of ['network', 'unavailable', 'rate_limited'] as const) {
    it(`passcode cleared: after "${code}" the field is emptied, since the code was sent`, async () => {
      const { adapter, el, input } = await passcodeEntry();
      await type(input, '864209');
      await sendKeys({ press: 'Enter' });
      adapter.call('verifyPasscode').reject(new MfaError(code, 'no'));
      await settle();
      await el.updateComplete;
      expect(input.value).to.equal('');
    });
  }

  it('passcode cleared: input that cannot be a code is kept, to be fixed', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '12345');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(adapter.count('verifyPasscode')).to.equal(0);
    expect(input.value).to.equal('12345');
  });

  it('Enter in the field sends the code once, also when pressed again while verifying', async () => {
    const { adapter, input } = await passcodeEntry();
    await type(input, '864209');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    expect(adapter.callsOf('verifyPasscode').map((call) => call.args[1])).to.deep.equal(['864209']);
  });

  for (const pasted of ['123 456', '123-456']) {
    it(`accepts a code pasted as "${pasted}"; the flow normalises it`, async () => {
      const { adapter, input } = await passcodeEntry();
      input.focus();
      // What a paste does to the field: an editing command that inserts the text, subject to maxlength.
      document.execCommand('insertText', false, pasted);
      expect(input.value).to.equal(pasted);
      await sendKeys({ press: 'Enter' });
      expect(adapter.call('verifyPasscode').args[1]).to.equal('123456');
    });
  }

  it('passes keywords such as "push" on to the flow, which sends a push to the device', async () => {
    const { adapter, input } = await passcodeEntry();
    await type(input, 'push');
    await sendKeys({ press: 'Enter' });
    expect(adapter.call('startPush').args[1]).to.equal(iphone.id);
  });

  it('after a wrong code: empties the field, keeps the focus there, shows and describes the error', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '111111');
    await click(logInButton(el));
    adapter.call('verifyPasscode').reject(new MfaError('invalid_passcode', 'Wrong passcode', { attemptsLeft: 2 }));
    await settle();
    await el.updateComplete;

    expect(input.value).to.equal('');
    expect(document.activeElement).to.equal(input);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = 'Incorrect passcode. Please try again. 2 attempts left.';
    expect(description(input)).to.include(error);
    const errorNode = [...el.children].find((child) => child.textContent === error)!;
    expect(errorNode.assignedSlot?.parentElement?.getAttribute('part')).to.equal('error');
    expect(errorNode.getAttribute('aria-live')).to.equal('assertive');
    expect(getComputedStyle(errorNode).color).to.equal('rgb(207, 34, 46)');

    // The next attempt clears the error.
    await type(input, '222222');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
    expect(description(input)).not.to.include(error);
  });

  it('Send codes shows for an SMS-capable device, sends a batch, and the hint then names the next code', async () => {
    const { adapter, el, input } = await passcodeEntry();
    expect(description(input)).to.deep.equal(['Create passcodes in your authenticator app or have them texted to you.']);
    const button = sendCodesButton(el)!;
    expect(button.textContent?.trim()).to.equal('Send codes');

    button.click();
    button.click();
    await el.updateComplete;
    expect(adapter.count('sendSmsPasscodes')).to.equal(1);
    expect(button.getAttribute('aria-disabled')).to.equal('true');

    adapter.call('sendSmsPasscodes').resolve(sent(1));
    await settle();
    await el.updateComplete;
    expect(description(input)).to.deep.equal(['Next SMS passcode starts with 1.']);
    const hintNode = [...el.children].find((child) => child.textContent === 'Next SMS passcode starts with 1.')!;
    expect(hintNode.assignedSlot?.parentElement?.getAttribute('part')).to.equal('hint');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
  });

  it('has no Send codes for a device that cannot receive SMS', async () => {
    const { el, flow, input } = await passcodeEntry();
    flow.selectDevice(token.id);
    await el.updateComplete;
    expect(sendCodesButton(el)).to.equal(null);
    expect(description(input)).to.deep.equal(['Enter a passcode from your authenticator app or token.']);
  });

  it('never puts the typed code in an attribute, storage, a cookie or the console', async () => {
    const secret = '864209';
    const logged: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((method) => console[method]);
    for (const method of methods) console[method] = (...args: unknown[]) => void logged.push(...args);
    try {
      const { adapter, el, input } = await passcodeEntry();
      await type(input, secret);
      expect(allAttributeValues(el).join('\n')).not.to.include(secret);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(allAttributeValues(el).join('\n')).not.to.include(secret);
      adapter.call('verifyPasscode').reject(new MfaError('invalid_passcode', 'Wrong', { attemptsLeft: 1 }));
      await settle();
      await el.updateComplete;
      await type(input, secret);

      expect(allAttributeValues(document.documentElement).join('\n')).not.to.include(secret);
      expect(el.shadowRoot!.innerHTML).not.to.include(secret);
      expect(storedEverywhere()).not.to.include(secret);
      expect(logged.map(String).join('\n')).not.to.include(secret);
    } finally {
      methods.forEach((method, index) => (console[method] = originals[index]!));
    }
  });
});

describe('<mfa-passcode-input>: on its own', () => {
  it('Log In and Enter fire mfa-passcode-submit with nothing in it; the host reads value', async () => {
    const { el, input } = await standalone();
    const events: Event[] = [];
    el.addEventListener('mfa-passcode-submit', (event) => events.push(event));
    await type(input, '135790');
    const byEnter = oneEvent(el, 'mfa-passcode-submit');
    await sendKeys({ press: 'Enter' });
    const event = await byEnter;
    logInButton(el).click();

    expect(events).to.have.length(2);
    expect(event).to.be.instanceOf(MfaPasscodeSubmitEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect('detail' in event).to.equal(false);
    expect(el.value).to.equal('135790');
  });

  it('does not fire mfa-passcode-submit while busy; Log In is disabled', async () => {
    const { el, input } = await standalone(html`<mfa-passcode-input busy></mfa-passcode-input>`);
    let fired = 0;
    el.addEventListener('mfa-passcode-submit', () => fired++);
    await type(input, '135790');
    await sendKeys({ press: 'Enter' });
    logInButton(el).click();
    expect(fired).to.equal(0);
    expect(logInButton(el).getAttribute('aria-disabled')).to.equal('true');
  });

  it('Send codes shows with can-send-codes and fires mfa-send-codes, except while sending', async () => {
    const { el } = await standalone(html`<mfa-passcode-input can-send-codes></mfa-passcode-input>`);
    const sending = oneEvent(el, 'mfa-send-codes');
    sendCodesButton(el)!.click();
    expect(await sending).to.be.instanceOf(MfaSendCodesEvent);

    let fired = 0;
    el.addEventListener('mfa-send-codes', () => fired++);
    el.sendingCodes = true;
    await el.updateComplete;
    sendCodesButton(el)!.click();
    expect(fired).to.equal(0);
    expect(sendCodesButton(el)!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('shows its hint and error, linked to the input', async () => {
    const { el, input } = await standalone(
      html`<mfa-passcode-input hint="Next SMS passcode starts with 3." error="Enter a passcode."></mfa-passcode-input>`,
    );
    expect(description(input)).to.deep.equal(['Enter a passcode.', 'Next SMS passcode starts with 3.']);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    el.error = null;
    el.hint = '';
    await el.updateComplete;
    expect(input.hasAttribute('aria-describedby')).to.equal(false);
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
  });
});

describe('<mfa-passcode-input>: accessibility', () => {
  it('is accessible empty', async () => {
    const { el } = await passcodeEntry();
    await expect(el).to.be.accessible();
  });

  it('is accessible with an error', async () => {
    const { adapter, el, input } = await passcodeEntry();
    await type(input, '111111');
    await sendKeys({ press: 'Enter' });
    adapter.call('verifyPasscode').reject(new MfaError('invalid_passcode', 'Wrong', { attemptsLeft: 2 }));
    await settle();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('is accessible with the SMS hint and Send codes', async () => {
    const { el } = await standalone(
      html`<mfa-passcode-input can-send-codes hint="Next SMS passcode starts with 1."></mfa-passcode-input>`,
    );
    expect(sendCodesButton(el)).to.exist;
    await expect(el).to.be.accessible();
  });
});
