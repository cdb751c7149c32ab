import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { promptStories } from '../support/prompt-stories.js';
import { reaches } from '../support/prompt.js';

/**
 * A push to Bob's phone, started without a click by `auto-method="push"`; his simulated phone answers as
 * each story's script says.
 */
const meta = {
  title: 'Prompt/States/Push',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob', 'auto-method': 'push' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * Waiting for the phone: "Pushed a login request to your device..." with a spinner and Cancel; Send me a
 * Push is disabled and marked busy (the other methods stay usable: choosing one cancels the push);
 * remember-me is greyed out. (Nobody answers here.)
 */
export const Sent: Story = {
  play: reaches({ status: 'Pushed a login request to your device...' }),
};

/** The user approved on the phone: "Success. Logging you in..." with a check mark; everything else disabled. */
export const Approved: Story = {
  parameters: { scenario: { scripts: { bob: { push: { action: 'approve', afterMs: 0 } } } } },
  play: reaches({ phase: 'success', status: 'Success. Logging you in...' }),
};

/** The user denied it on the phone: the reason in the error tone, with Dismiss; the methods are available again. */
export const Denied: Story = {
  parameters: { scenario: { scripts: { bob: { push: { action: 'deny', afterMs: 0 } } } } },
  play: reaches({ status: 'Login request denied on your device.' }),
};

/** The user tapped "Report" on the phone: the fraud message in the error tone, with Dismiss. */
export const ReportedAsFraud: Story = {
  name: 'Reported as fraud',
  parameters: { scenario: { scripts: { bob: { push: { action: 'fraud', afterMs: 0 } } } } },
  play: reaches({ status: 'Login request reported as fraudulent.' }),
};

/**
 * Nobody answered in time (the simulator's push timeout is 1 ms here): "Authentication timed out. Choose a
 * method to try again." in the error tone; the methods are available again.
 */
export const TimedOut: Story = {
  name: 'Timed out',
  parameters: { scenario: { simulator: { pushTimeoutMs: 1 } } },
  play: reaches({ status: 'Authentication timed out.' }),
};
