import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { iphone, landline, token } from '../support/devices.js';
import { renderElement } from '../support/manifest.js';

// `<mfa-method-chooser>` on its own, rendering its properties (no flow): pressing a button or choosing a
// device fires `mfa-method-choose` / `mfa-device-change` (see the Actions panel).
// (A line comment, not JSDoc: the docs page shows the element's own JSDoc from custom-elements.json.)
const meta = {
  title: 'Components/Method chooser',
  component: 'mfa-method-chooser',
  tags: ['autodocs'],
  render: renderElement(),
  parameters: { docs: { story: { iframeHeight: 260 } } },
  args: { devices: [iphone, landline, token] },
  argTypes: {
    devices: { control: { type: 'object' } },
    methods: { control: { type: 'object' } },
    'selected-device-id': { control: { type: 'select' }, options: [undefined, 'iphone', 'landline', 'token'] },
  },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** Three devices: a select to pick one, then the methods of the selected device (an iPhone: all three). */
export const SeveralDevices: Story = { name: 'Several devices' };

/** One device: its name as text instead of a select. */
export const OneDevice: Story = { name: 'One device', args: { devices: [iphone] } };

/** The landline selected: Call Me only. */
export const LandlineSelected: Story = { name: 'Landline selected', args: { 'selected-device-id': 'landline' } };

/** A push under way: Send me a Push disabled and marked busy with a spinner; the other methods stay usable. */
export const PushPending: Story = { name: 'Push pending', args: { 'pending-method': 'push' } };

/** Everything greyed out. */
export const Disabled: Story = { args: { disabled: true } };
