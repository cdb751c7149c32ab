import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { http } from 'msw';
import { expect, userEvent, waitFor } from 'storybook/test';
import { landlineOnlyUser, manyDevicesUser, tokenOnlyUser } from '../support/devices.js';
import { promptStories } from '../support/prompt-stories.js';
import { promptIn, reaches, rememberMeBox } from '../support/prompt.js';

/** The prompt waiting for the user to choose a device and a method. */
const meta = {
  title: 'Prompt/States/Choosing',
  tags: ['autodocs'],
  ...promptStories,
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * Before the backend has answered: the heading, "Checking your account..." and grey placeholders where the
 * device and the methods will be. (The simulated backend here never answers.)
 */
export const Loading: Story = {
  args: { username: 'bob' },
  parameters: {
    scenario: {
      overrides: (baseUrl: string) => [http.post(`${baseUrl}/preauth`, () => new Promise<never>(() => {}))],
    },
  },
  play: reaches({ phase: 'loading' }),
};

/** Bob's one phone: its name as text (no select), and all three methods, Send me a Push recommended. */
export const OneDevice: Story = {
  name: 'One device',
  args: { username: 'bob' },
  play: reaches({ phase: 'choosing' }),
};

/**
 * Alice's three devices: a Device select (her iPhone first), and the iPhone's three methods. Choosing the
 * landline leaves Call Me only; the hardware token, Enter a Passcode only.
 */
export const SeveralDevices: Story = {
  name: 'Several devices',
  args: { username: 'alice' },
  play: reaches({ phase: 'choosing' }),
};

/** A user whose only device is a desk phone: the device's name and a single button, Call Me (recommended is push only, so no badge). */
export const LandlineOnly: Story = {
  name: 'Landline only',
  args: { username: landlineOnlyUser.username },
  parameters: { scenario: { simulator: { users: [landlineOnlyUser] } } },
  play: reaches({ phase: 'choosing' }),
};

/** A user whose only device is a hardware token: a single button, Enter a Passcode. */
export const TokenOnly: Story = {
  name: 'Token only',
  args: { username: tokenOnlyUser.username },
  parameters: { scenario: { simulator: { users: [tokenOnlyUser] } } },
  play: reaches({ phase: 'choosing' }),
};

/**
 * Eight devices, several with very long names: the select is as wide as the card and a long name is cut
 * inside the select, never widening the card; the selected phone's long name does not push the buttons.
 */
export const ManyDevicesWithLongNames: Story = {
  name: 'Many devices with long names',
  args: { username: manyDevicesUser.username },
  parameters: { scenario: { simulator: { users: [manyDevicesUser] } } },
  play: reaches({ phase: 'choosing' }),
};

/**
 * "Remember me for 8 hours" ticked, before choosing a method. Ticking it is the user's act, so the story's
 * play function ticks the checkbox once the prompt is ready.
 */
export const RememberMeTicked: Story = {
  name: 'Remember me ticked',
  args: { username: 'bob' },
  play: async (context) => {
    await reaches({ phase: 'choosing' })(context);
    const prompt = promptIn(context.canvasElement);
    await waitFor(() => expect(rememberMeBox(prompt)).toBeEnabled());
    await userEvent.click(rememberMeBox(prompt));
    await waitFor(() => expect(rememberMeBox(prompt)).toBeChecked());
  },
};
