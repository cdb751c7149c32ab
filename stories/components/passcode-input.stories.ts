import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderElement } from '../support/manifest.js';

// `<mfa-passcode-input>` on its own, rendering its properties (no flow): Log In or Enter fires
// `mfa-passcode-submit`, Send codes fires `mfa-send-codes` (see the Actions panel). The `<input>` it creates
// is in the light DOM, so the page's autofill and password managers can reach it.
// (A line comment, not JSDoc: the docs page shows the element's own JSDoc from custom-elements.json.)
const meta = {
  title: 'Components/Passcode input',
  component: 'mfa-passcode-input',
  tags: ['autodocs'],
  render: renderElement(),
  parameters: { docs: { story: { iframeHeight: 170 } } },
  args: {},
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** A device without SMS: the field, Log In, and a help line about authenticator and token codes. */
export const Default: Story = {};

/** An SMS-capable device: Send codes appears, and the hint says which code to use next. */
export const WithSmsHint: Story = {
  name: 'With SMS hint',
  args: { 'can-send-codes': true, hint: 'Next SMS passcode starts with 2.' },
};

/** A wrong code: the error under the field, which is marked invalid. */
export const WithError: Story = {
  name: 'With error',
  args: { 'can-send-codes': true, error: 'Incorrect passcode. Please try again. 9 attempts left.' },
};

/** A code being verified: Log In is disabled. */
export const Verifying: Story = { args: { busy: true } };

/** Codes being sent: Send codes is disabled. */
export const SendingCodes: Story = { name: 'Sending codes', args: { 'can-send-codes': true, 'sending-codes': true } };
