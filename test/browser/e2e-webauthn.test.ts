/**
 * End to end with the keyboard alone: a security key registered with the simulated backend (a real
 * `navigator.credentials.create()` on the engine's virtual authenticator, verified by the simulator
 * with @simplewebauthn/server), then a login with it through `<mfa-prompt base-url>` and the real browser
 * client; a refused user verification shows its message and "Try the security key again" logs in. Skipped, with
 * the reason printed, in an engine without WebAuthn (WebKitGTK): see support/virtual-authenticator.ts.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  button,
  controls,
  chooseDevice,
  nextEvent,
  openPrompt,
  statusText,
  until,
  useSimulatedBackend,
  waitForStatus,
} from './support/e2e.js';
import { addVirtualAuthenticator, needs, type VirtualAuthenticator } from './support/virtual-authenticator.js';

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('e2e: a security key, keyboard only', function () {
  // A registration and a login, each through real WebAuthn on a fresh virtual authenticator and the simulator's
  // @simplewebauthn/server verification (loaded on first use): the first test took over the default 10 s with the
  // three engines running side by side on two cores (seen in Chromium and in Firefox), and well under it alone.
  this.timeout(30_000);
  const backend = useSimulatedBackend();
  let authenticator: VirtualAuthenticator | undefined;

  afterEach(async () => {
    await authenticator?.remove();
    authenticator = undefined;
  });

  /** What the demo's "Add a security key" does: the simulator's options, the browser's create(), back to the simulator. */
  async function registerKey(username: string): Promise<void> {
    authenticator = await addVirtualAuthenticator({ transport: 'usb' });
    const options = await backend.sim.webAuthnRegistrationOptions(username);
    const credential = (await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options),
    })) as PublicKeyCredential;
    await backend.sim.registerWebAuthnCredential(username, credential.toJSON() as RegistrationResponseJSON, {
      displayName: 'Security key',
      type: 'security-key',
    });
  }

  /** The device select by keyboard, then Tab to the key's one button. */
  async function focusKeyButton(prompt: Awaited<ReturnType<typeof openPrompt>>): Promise<HTMLButtonElement> {
    await chooseDevice(prompt.el, 'Security key');
    await sendKeys({ press: 'Tab' });
    const key = button(prompt.el, /^Use a security key/);
    expect(deepActive() === key, 'Tab from the device select reaches Use a security key').to.equal(true);
    return key;
  }

  it('registered, then Use a security key with Enter logs in; mfa-success says webauthn', async function () {
    await needs(this, 'authenticator');
    await registerKey('alice');
    const prompt = await openPrompt('alice');
    await focusKeyButton(prompt);
    await sendKeys({ press: 'Enter' });
    const detail = await nextEvent<{ method: string; token: string }>(prompt, 'mfa-success', 5000);
    expect(detail.method).to.equal('webauthn');
    expect(detail.token).to.be.a('string').and.not.equal('');
    await waitForStatus(prompt.el, 'Success. Logging you in...');
  });

  it('a key that refuses user verification: its message, the other methods stay, and Retry logs in', async function () {
    await needs(this, 'authenticator');
    await registerKey('alice');
    await authenticator!.setUserVerified(false);
    const prompt = await openPrompt('alice');
    await focusKeyButton(prompt);
    await sendKeys({ press: 'Enter' });
    await until(() => prompt.el.state?.step?.startsWith('webauthn-') ?? false, 'no WebAuthn failure shown', () => statusText(prompt.el), 5000);
    expect(statusText(prompt.el)).to.equal('Canceled. Try again, or choose another method.');
    expect(prompt.el.state?.devices.length).to.be.greaterThan(1, 'the other devices are still there');
    // The status bar's Retry names its action: one button per name, the method's own stays "Use a security key".
    const named = (name: string) => controls(prompt.el, 'button').filter((control) => control.name === name);
    expect(named('Use a security key').map(({ node }) => node.dataset.method)).to.deep.equal(['webauthn']);
    expect(named('Try the security key again').map(({ node }) => node.dataset.action)).to.deep.equal(['retry']);
    const retry = named('Try the security key again')[0]!.node;

    await authenticator!.setUserVerified(true);
    retry.focus();
    await sendKeys({ press: 'Enter' });
    const detail = await nextEvent<{ method: string }>(prompt, 'mfa-success', 5000);
    expect(detail.method).to.equal('webauthn');
  });
});
