/**
 * Security keys and passkeys in <mfa-prompt>, over a fake backend and a fake browser WebAuthn: the button's
 * label fits the device, the request runs from the keyboard, each reason the browser gives shows its own
 * message with the other methods still there, Cancel aborts, and mfa-success says `webauthn`.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { Device, Transaction, WebAuthnAssertion, WebAuthnRequestOptions } from '../../src/adapter/types.js';
import type { MfaCancelEvent, MfaSuccessEvent } from '../../src/elements/events.js';
import type { MfaPrompt } from '../../src/elements/mfa-prompt.js';
import { WebAuthnError } from '../../src/webauthn/types.js';
import type { WebAuthnClient } from '../../src/webauthn/types.js';
import { FakeAdapter, settle } from '../node/support/fake-adapter.js';
import { authResult, iphone, policy } from '../node/support/flow-fixtures.js';
import { buttonNames, repeatedButtonNames } from './support/e2e.js';

const securityKey: Device = { id: 'dev-key', displayName: 'Security key', type: 'security-key', capabilities: ['webauthn'] };
const passkey: Device = { id: 'dev-passkey', displayName: 'Passkey', type: 'passkey', capabilities: ['webauthn'] };
const publicKey: WebAuthnRequestOptions = { challenge: 'Y2hhbGxlbmdl', timeout: 60_000 };
const assertion: WebAuthnAssertion = {
  id: 'cred',
  rawId: 'Y3JlZA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'c2ln' },
  clientExtensionResults: {},
};

/** The fake backend, with WebAuthn: every start is answered with a challenge, every assertion with allow. */
class KeyAdapter extends FakeAdapter {
  starts = 0;
  async startWebAuthn(): Promise<Transaction> {
    this.starts += 1;
    return { txid: `tx-key-${this.starts}`, method: 'webauthn', status: { status: 'challenge', final: false, message: '', publicKey } };
  }
  async completeWebAuthn(txid: string): Promise<Transaction> {
    return { txid, method: 'webauthn', status: { status: 'allow', final: true, message: '', token: 'token-key', remembered: false } };
  }
}

/** The browser's side: answers what the test says, or waits (then an abort rejects). */
function fakeWebAuthn(answer: () => Promise<WebAuthnAssertion> | null, unavailable: ReturnType<WebAuthnClient['unavailable']> = null) {
  const signals: AbortSignal[] = [];
  const client: WebAuthnClient = {
    unavailable: () => unavailable,
    getAssertion: (_options, signal) => {
      signals.push(signal);
      return answer() ?? new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    },
  };
  return { client, signals };
}

async function flush(el: MfaPrompt): Promise<void> {
  await settle();
  await el.updateComplete;
  const parts = [...el.shadowRoot!.querySelectorAll('*'), ...el.querySelectorAll('*')].filter(
    (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
  );
  await Promise.all(parts.map((part) => part.updateComplete));
  await settle();
}

async function mount(client: WebAuthnClient, devices: Device[] = [securityKey, iphone], adapter: FakeAdapter = new KeyAdapter()) {
  adapter.reply('preauth', authResult({ devices, policy: policy({ methods: ['push', 'phone', 'sms', 'passcode', 'webauthn'] }) }));
  const el = await fixture<MfaPrompt>(html`<mfa-prompt .adapter=${adapter} .webauthn=${client} username="alice"></mfa-prompt>`);
  await flush(el);
  return { el, adapter };
}

const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const methodButtons = (el: MfaPrompt): HTMLButtonElement[] => [
  ...el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[data-method]'),
];
const keyButton = (el: MfaPrompt): HTMLButtonElement =>
  el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!.querySelector('button[data-method="webauthn"]')!;
const bar = (el: MfaPrompt): ShadowRoot => el.shadowRoot!.querySelector('mfa-status-bar')!.shadowRoot!;
const statusButton = (el: MfaPrompt, action: string): HTMLButtonElement | null => bar(el).querySelector(`button[data-action="${action}"]`);

describe('<mfa-prompt> with security keys and passkeys', () => {
  it('offers "Use a security key" or "Use a passkey" by device, with the Recommended badge', async () => {
    const { el } = await mount(fakeWebAuthn(() => null).client, [securityKey, passkey, iphone]);
    const badge = () => text(el.shadowRoot!.querySelector('mfa-method-chooser')!.shadowRoot!.querySelector('[part="method-name"]'));
    expect(methodButtons(el).map((button) => text(button))).to.deep.equal(['Use a security key']);
    expect(badge()).to.equal('Security key Recommended');
    el.flow!.selectDevice(passkey.id);
    await flush(el);
    expect(methodButtons(el).map((button) => text(button))).to.deep.equal(['Use a passkey']);
    expect(badge()).to.equal('Passkey Recommended');
    await expect(el).to.be.accessible();
  });

  it('is not offered where WebAuthn cannot work (an insecure page): the key is not even listed', async () => {
    const { el } = await mount(fakeWebAuthn(() => null, 'insecure-context').client);
    expect(el.state?.devices.map((device) => device.id)).to.deep.equal([iphone.id]);
    expect(methodButtons(el).some((button) => button.dataset.method === 'webauthn')).to.equal(false);
  });

  it('Enter on the button: the key is asked, and mfa-success says webauthn', async () => {
    const { el } = await mount(fakeWebAuthn(() => Promise.resolve(assertion)).client);
    keyButton(el).focus();
    const success = oneEvent(el, 'mfa-success') as Promise<MfaSuccessEvent>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await success;
    expect(detail).to.deep.equal({ token: 'token-key', method: 'webauthn', remembered: false });
    await flush(el);
    expect(text(bar(el).querySelector('[role="status"]'))).to.equal('Success. Logging you in...');
  });

  it('while the key is asked: "Waiting for your security key...", Cancel aborts and says canceled', async () => {
    const { client, signals } = fakeWebAuthn(() => null);
    const { el, adapter } = await mount(client);
    keyButton(el).click();
    await flush(el);
    expect(text(bar(el).querySelector('[role="status"]'))).to.equal('Waiting for your security key...');
    expect(keyButton(el).getAttribute('aria-busy')).to.equal('true');
    const canceled = oneEvent(el, 'mfa-cancel') as Promise<MfaCancelEvent>;
    statusButton(el, 'cancel')!.click();
    expect((await canceled).detail).to.deep.equal({ method: 'webauthn' });
    expect(signals[0]!.aborted).to.equal(true);
    expect(adapter.callsOf('cancel').map((call) => call.args[0])).to.deep.equal(['tx-key-1']);
    await flush(el);
    expect(text(bar(el).querySelector('[role="status"]'))).to.equal('Authentication request canceled');
  });

  it('the user canceled in the browser: its message, Retry to try the key again, and the other methods stay', async () => {
    let fails = true;
    const { client } = fakeWebAuthn(() => (fails ? Promise.reject(new WebAuthnError('canceled')) : Promise.resolve(assertion)));
    const { el, adapter } = await mount(client);
    keyButton(el).click();
    await flush(el);
    expect(text(bar(el).querySelector('[role="status"]'))).to.equal('Canceled. Try again, or choose another method.');
    expect(text(statusButton(el, 'retry'))).to.equal('Try the security key again');
    expect(el.state?.devices.length).to.equal(2, 'the phone is still there to choose');
    await expect(el).to.be.accessible();

    fails = false;
    const success = oneEvent(el, 'mfa-success') as Promise<MfaSuccessEvent>;
    statusButton(el, 'retry')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await success).detail.method).to.equal('webauthn');
    expect((adapter as KeyAdapter).starts).to.equal(2);
  });

  // Two controls with one name in two places (the chooser's method, the status bar's Retry) leave a screen
  // reader user guessing which is which: the Retry names its own action, as "Send another push" does.
  for (const [device, retry] of [
    [securityKey, 'Try the security key again'],
    [passkey, 'Try the passkey again'],
  ] as const) {
    for (const reason of ['canceled', 'timeout', 'no-credential', 'failed'] as const) {
      it(`${device.type}, ${reason}: the status bar's Retry reads "${retry}", no two buttons share a name`, async () => {
        const { el } = await mount(fakeWebAuthn(() => Promise.reject(new WebAuthnError(reason))).client, [device, iphone]);
        keyButton(el).click();
        await flush(el);
        expect(repeatedButtonNames(el), buttonNames(el).join(' | ')).to.deep.equal([]);
        expect(text(statusButton(el, 'retry'))).to.equal(retry);
      });
    }
  }

  it('a browser without WebAuthn at the moment of the request: an error without Retry', async () => {
    const { el } = await mount(fakeWebAuthn(() => Promise.reject(new WebAuthnError('unsupported'))).client);
    keyButton(el).click();
    await flush(el);
    expect(text(bar(el).querySelector('[role="alert"]'))).to.equal('This browser cannot use security keys or passkeys.');
    expect(statusButton(el, 'retry')).to.equal(null);
    expect(statusButton(el, 'dismiss')).to.not.equal(null);
  });
});
