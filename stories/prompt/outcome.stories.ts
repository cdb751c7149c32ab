import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { promptStories } from '../support/prompt-stories.js';
import { reaches } from '../support/prompt.js';

/** How a login ends, or why it cannot start. */
const meta = {
  title: 'Prompt/States/Outcome',
  tags: ['autodocs'],
  ...promptStories,
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * Logged in (here by a call Bob answers at once and confirms with a key a second later, started by
 * `auto-method="phone"`): "Success. Logging you in..." with a check mark; the controls are disabled.
 */
export const Success: Story = {
  args: { username: 'bob', 'auto-method': 'phone' },
  parameters: { scenario: { scripts: { bob: { call: { action: 'answer-and-press', afterMs: 0 } } } } },
  play: reaches({ phase: 'success', status: 'Success. Logging you in...' }),
};

/** Dave's device is remembered: no second factor asked; "This device is remembered. Logging you in..." at once. */
export const RememberedDevice: Story = {
  name: 'Remembered device',
  args: { username: 'dave' },
  play: reaches({ phase: 'success', status: 'This device is remembered.' }),
};

/**
 * Carol has no device yet: the heading "Add a device to continue", a prominent "Add a new device" button
 * (her enrollment page, in a new tab) and why in the status bar.
 */
export const EnrollmentRequired: Story = {
  name: 'Enrollment required',
  args: { username: 'carol' },
  play: reaches({ phase: 'enroll', heading: 'Add a device to continue' }),
};

/** Erin's account may not log in this way: the heading "Login not allowed" and the administrator's reason, in the error tone. */
export const AccessDenied: Story = {
  name: 'Access denied',
  args: { username: 'erin' },
  play: reaches({ phase: 'denied', heading: 'Login not allowed' }),
};
