import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { promptStories } from '../support/prompt-stories.js';
import { passcodeButton, passcodeError, passcodeField, passcodeHint, promptIn, reaches, sendCodesWait } from '../support/prompt.js';
import type { MfaSimulator } from '../../mock-server/core/simulator.js';
import { lockOut } from '../support/scenario.js';

/** Passcodes: the entry opened without a click by `auto-method="passcode"` (or `sms`, which also texts a batch of codes). */
const meta = {
  title: 'Prompt/States/Passcode',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob', 'auto-method': 'passcode' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * The passcode entry under the methods: an empty field ("ex. 867539"), Log In, Send codes (Bob's phone
 * takes SMS) and a help line about authenticator apps and texted codes.
 */
export const Entry: Story = {
  play: async (context) => {
    await reaches({ phase: 'choosing' })(context);
    await waitFor(() => expect(passcodeField(context.canvasElement)).toBeVisible());
  },
};

/**
 * After `auto-method="sms"`: "New SMS passcodes sent" in the status bar (Dismiss), and under the field
 * "Next SMS passcode starts with 1.", the first code of the batch texted to the phone.
 */
export const SmsCodesSent: Story = {
  name: 'SMS codes sent',
  args: { 'auto-method': 'sms' },
  play: async (context) => {
    await reaches({ status: 'New SMS passcodes sent' })(context);
    await waitFor(() => expect(passcodeHint(context.canvasElement)).toBe('Next SMS passcode starts with 1.'));
  },
};

/**
 * Right after Send codes (here `auto-method="sms"` sent them): the SMS cooldown of the backend. In Send
 * codes' place, "You can send new codes in 30 s", counting down; the button comes back by itself at the end.
 * It is not an error: the status bar says "New SMS passcodes sent" as usual.
 */
export const SmsCooldown: Story = {
  name: 'SMS cooldown',
  args: { 'auto-method': 'sms' },
  play: async (context) => {
    await reaches({ status: 'New SMS passcodes sent' })(context);
    await waitFor(() => expect(sendCodesWait(promptIn(context.canvasElement))).toMatch(/^You can send new codes in \d+ s$/));
  },
};

/**
 * A wrong code was typed: the field is emptied and marked invalid, and under it "Incorrect passcode. Please
 * try again. 4 attempts left." (the simulator locks an account after 5 failures here). Typing is the user's
 * act, so the story's play function types 000000 into the field and presses Log In.
 */
export const WrongPasscode: Story = {
  name: 'Wrong passcode',
  tags: ['expect-http-errors'],
  parameters: { scenario: { simulator: { lockoutThreshold: 5 } } },
  play: async (context) => {
    const { canvasElement } = context;
    await reaches({ phase: 'choosing' })(context);
    await waitFor(() => expect(passcodeField(canvasElement)).toBeVisible());
    await userEvent.type(passcodeField(canvasElement), '000000');
    await userEvent.click(passcodeButton(promptIn(canvasElement), 'submit-button'));
    await waitFor(() => expect(passcodeError(canvasElement)).toBe('Incorrect passcode. Please try again. 4 attempts left.'));
  },
};

/**
 * Bob failed too many passcodes (five wrong ones, sent to the simulator before the story renders): the
 * login is refused with how long the lock lasts and whom to ask; no method is offered.
 */
export const LockedOut: Story = {
  name: 'Locked out',
  args: { 'auto-method': undefined },
  parameters: {
    scenario: { simulator: { lockoutThreshold: 5 }, prepare: (simulator: MfaSimulator) => lockOut(simulator, 'bob') },
  },
  play: reaches({ phase: 'denied', status: 'Your account is locked after too many failed attempts.' }),
};
