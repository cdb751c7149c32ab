import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { promptStories } from '../support/prompt-stories.js';
import { reaches } from '../support/prompt.js';

/** A phone call to Bob, started without a click by `auto-method="phone"`; his simulated phone does as each story's script says. */
const meta = {
  title: 'Prompt/States/Call',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob', 'auto-method': 'phone' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** Ringing: "Dialing XXX-XXX-4242..." with a spinner and Cancel; Call Me disabled and marked busy. (Nobody answers here.) */
export const Dialing: Story = {
  play: reaches({ status: 'Dialing XXX-XXX-4242...' }),
};

/** The user picked up: "Answered. Press any key on your phone to log in." with a spinner and Cancel. */
export const Answered: Story = {
  parameters: { scenario: { scripts: { bob: { call: { action: 'answer', afterMs: 0 } } } } },
  play: reaches({ status: 'Answered. Press any key on your phone to log in.' }),
};

/**
 * Nobody picked up in time (the simulator's call timeout is 1 ms here): "The call was not answered.
 * Authentication timed out. Choose a method to try again." in the error tone, with Dismiss.
 */
export const TimedOut: Story = {
  name: 'Timed out',
  parameters: { scenario: { simulator: { callTimeoutMs: 1 } } },
  play: reaches({ status: 'The call was not answered.' }),
};
