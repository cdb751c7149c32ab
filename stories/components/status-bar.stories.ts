import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { renderElement } from '../support/manifest.js';

// `<mfa-status-bar>` on its own, rendering its attributes (no flow): Cancel, Dismiss and Retry fire
// `mfa-status-action` (see the Actions panel). Its height stays the same for one or two lines of text; with
// nothing to say it takes no room.
// (A line comment, not JSDoc: the docs page shows the element's own JSDoc from custom-elements.json.)
const meta = {
  title: 'Components/Status bar',
  component: 'mfa-status-bar',
  tags: ['autodocs'],
  render: renderElement(),
  parameters: { docs: { story: { iframeHeight: 120 } } },
  args: { message: 'Pushed a login request to your device...', tone: 'pending', cancelable: true },
  argTypes: {
    tone: { control: { type: 'inline-radio' }, options: ['info', 'pending', 'success', 'error'] },
  },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** A push or call under way: a spinner and Cancel. */
export const Pending: Story = {};

/** Information, e.g. after SMS codes were sent: Dismiss. */
export const Info: Story = {
  args: { message: 'New SMS passcodes sent', tone: 'info', cancelable: false, dismissible: true },
};

/** Done: a check mark, no buttons. */
export const Success: Story = { args: { message: 'Success. Logging you in...', tone: 'success', cancelable: false } };

/** A failure worth retrying: an alert sign, Dismiss and Retry; announced assertively. */
export const ErrorWithRetry: Story = {
  name: 'Error with Retry',
  args: {
    message: 'Could not reach the server. Check your connection and try again.',
    tone: 'error',
    cancelable: false,
    dismissible: true,
    retryable: true,
  },
};

/**
 * Nothing to say: the bar takes no room (no blank band, no edge), between the two dashed lines here. Its live
 * regions are still in the page, so the first message is announced.
 */
export const Empty: Story = {
  args: { message: '', tone: 'info', cancelable: false },
  decorators: [
    (story) => html`<div style="border-block: 1px dashed #8c959f; padding-block: 4px">
      <span>Above the bar</span>${story()}<span>Below the bar</span>
    </div>`,
  ],
};
