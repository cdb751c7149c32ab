import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { defaultMessages } from '../../src/flow/messages.js';
import { securityKeyOnlyUser, securityKeyUser } from '../support/devices.js';
import { promptStories } from '../support/prompt-stories.js';
import { methodButton, offeredMethods, promptIn, reaches, statusButton, waitForStatus } from '../support/prompt.js';
import { browserWithoutWebAuthn, insecurePage, keyDialogCanceled, keyNotTouchedYet, keyTouched } from '../support/webauthn.js';

/**
 * Security keys and passkeys (WebAuthn). Kim has a YubiKey (listed first, so the prompt offers "Use a
 * security key", recommended) and an iPhone. The prompt asks the browser for the key with
 * `navigator.credentials.get()`; in these stories the browser's side is played by a stand-in given through
 * the prompt's `webauthn` property (`stories/support/webauthn.ts`), so each story shows the same state on
 * every machine. A key login cannot start by itself (`auto-method` has no WebAuthn: browsers want the user's
 * own gesture), so the stories that ask the key press "Use a security key" in their play function.
 */
const meta = {
  title: 'Prompt/States/Security key',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'kim', webauthn: keyNotTouchedYet },
  argTypes: { ...promptStories.argTypes, webauthn: { control: false } },
  parameters: { scenario: { simulator: { users: [securityKeyUser] } } },
} satisfies Meta;

export default meta;
// Args are the element's attributes and properties by name (`base-url`, `webauthn`): a plain record.
type Story = StoryObj;

/** The user's act: press "Use a security key" once the prompt offers it. */
async function useSecurityKey(context: StoryContext): Promise<void> {
  await reaches({ phase: 'choosing' })(context);
  const prompt = promptIn(context.canvasElement);
  await waitFor(() => expect(methodButton(prompt, 'webauthn')).toBeEnabled());
  await userEvent.click(methodButton(prompt, 'webauthn'));
}

/**
 * The methods for Kim's key: "Use a security key" with the Recommended badge (a key cannot be phished), and
 * the Device select to reach the iPhone's push, call and passcodes.
 */
export const Offered: Story = {
  name: 'Key offered',
  play: async (context) => {
    await reaches({ phase: 'choosing' })(context);
    await waitFor(() => expect(offeredMethods(promptIn(context.canvasElement))).toEqual(['webauthn']));
  },
};

/**
 * Waiting for the key: the backend's "Security key login: waiting for your security key or passkey..." with
 * a spinner and Cancel, while the browser's own dialog asks the user to touch the key (the browser draws
 * that dialog, not the prompt). The play function presses "Use a security key"; nobody touches the key.
 */
export const Waiting: Story = {
  name: 'Waiting for the key',
  play: async (context) => {
    await useSecurityKey(context);
    const prompt = promptIn(context.canvasElement);
    await waitForStatus(prompt, 'waiting for your security key');
    await expect(prompt.state?.step).toBe('challenge');
    await expect(statusButton(prompt, 'cancel')).toBeVisible();
  },
};

/**
 * The user touched the key: the backend checked the key's signature and the prompt logs in, "Success. Logging
 * you in..." with a check mark. The play function presses "Use a security key"; the browser's stand-in signs
 * for real with the story key, which the simulator verifies like any key (`support/webauthn.ts`).
 */
export const Approved: Story = {
  name: 'Key approved',
  args: { webauthn: keyTouched() },
  play: async (context) => {
    await useSecurityKey(context);
    await reaches({ phase: 'success', status: 'Success' })(context);
  },
};

/**
 * The user touched a key that is not registered for this account (here the browser's stand-in answers as
 * another key): the backend refuses it and its text is shown in the error tone, "This security key is not
 * registered for your account. Login denied."; the other methods stay usable. It counts as a failure.
 */
export const NotRegistered: Story = {
  name: 'Key not registered',
  args: { webauthn: keyTouched({ credentialId: 'AAAAAAAAAAAAAAAAAAAAAA' }) },
  play: async (context) => {
    await useSecurityKey(context);
    await reaches({ status: 'This security key is not registered for your account.' })(context);
  },
};

/**
 * The user closed the browser's dialog (or pressed its Cancel) instead of touching the key: "Canceled. Try
 * again, or choose another method." in the error tone, with a button that asks the key again ("Try the
 * security key again", named apart from the method's own button); the other methods stay usable. The play function presses "Use a security key"; the
 * browser's stand-in reports the dialog closed at once.
 */
export const Canceled: Story = {
  name: 'Key canceled',
  args: { webauthn: keyDialogCanceled },
  play: async (context) => {
    await useSecurityKey(context);
    const prompt = promptIn(context.canvasElement);
    await waitForStatus(prompt, defaultMessages.webauthnFailed.canceled);
    await waitFor(() => expect(statusButton(prompt, 'retry').textContent?.trim()).toBe(defaultMessages.webauthnAgain.securityKey));
  },
};

/**
 * The user pressed the prompt's own Cancel while the browser waited for the key: the browser's request is
 * aborted, the backend's challenge canceled, and "Authentication request canceled" shows; the methods are
 * available again. The play function presses "Use a security key", then Cancel.
 */
export const CanceledInPrompt: Story = {
  name: 'Canceled in the prompt',
  play: async (context) => {
    await useSecurityKey(context);
    const prompt = promptIn(context.canvasElement);
    await waitForStatus(prompt, 'waiting for your security key');
    await userEvent.click(statusButton(prompt, 'cancel'));
    await waitForStatus(prompt, 'Authentication request canceled');
  },
};

/**
 * A browser without WebAuthn: the key is not offered at all (it is left out of the Device select), and the
 * iPhone's methods are, as if Kim had no key. Nothing to press that could only fail.
 */
export const NotSupported: Story = {
  name: 'Key not supported',
  args: { webauthn: browserWithoutWebAuthn },
  play: async (context) => {
    await reaches({ phase: 'choosing' })(context);
    await waitFor(() => expect(offeredMethods(promptIn(context.canvasElement))).toEqual(['push', 'phone', 'passcode']));
  },
};

/**
 * The same on a page served over plain http (not localhost), where browsers refuse WebAuthn: the key is not
 * offered; the iPhone's methods are.
 */
export const InsecurePage: Story = {
  name: 'Key on an insecure page',
  args: { webauthn: insecurePage },
  play: async (context) => {
    await reaches({ phase: 'choosing' })(context);
    await waitFor(() => expect(offeredMethods(promptIn(context.canvasElement))).toEqual(['push', 'phone', 'passcode']));
  },
};

/**
 * Lena has only a security key, on a browser without WebAuthn: "Login not allowed", and in the error tone
 * the reason, "This browser cannot use security keys or passkeys." No method is offered.
 */
export const NotSupportedKeyOnly: Story = {
  name: 'Key not supported, no other device',
  args: { username: 'lena', webauthn: browserWithoutWebAuthn },
  parameters: { scenario: { simulator: { users: [securityKeyOnlyUser] } } },
  play: async (context) => {
    await reaches({ phase: 'denied', status: defaultMessages.webauthnFailed.unsupported })(context);
    await expect(offeredMethods(promptIn(context.canvasElement))).toEqual([]);
  },
};
