import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderElement } from '../support/manifest.js';

// `<mfa-remember-me>` on its own, rendering its properties (no flow): ticking the box updates `checked`
// and fires `change` (see the Actions panel). Without `label`, the text comes from `duration-seconds`.
// (A line comment, not JSDoc: the docs page shows the element's own JSDoc from custom-elements.json.)
const meta = {
  title: 'Components/Remember me',
  component: 'mfa-remember-me',
  tags: ['autodocs'],
  render: renderElement(),
  parameters: { docs: { story: { iframeHeight: 80 } } },
  args: { 'duration-seconds': 28800 },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** "Remember me for 8 hours", not ticked. */
export const Unchecked: Story = {};

/** Ticked; here for 30 days. */
export const Checked: Story = { args: { checked: true, 'duration-seconds': 30 * 86400 } };

/** Greyed out, as while a push or call is pending. */
export const Disabled: Story = { args: { disabled: true } };

/** A label of the page's own. */
export const CustomLabel: Story = { name: 'Custom label', args: { label: 'Trust this browser for a week' } };
