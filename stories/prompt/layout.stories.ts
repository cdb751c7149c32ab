import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { promptStories } from '../support/prompt-stories.js';
import { onDarkPage, onNarrowestCard, onPhoneScreen, onRtlPage, reaches } from '../support/prompt.js';

/** The same prompt on different pages: a dark one, a phone's narrow screen, a right-to-left language. */
const meta = {
  title: 'Prompt/States/Layout',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'alice' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** `color-scheme="dark"` on a dark page: light text on dark surfaces, a lighter blue for buttons and links. */
export const DarkScheme: Story = {
  name: 'Dark scheme',
  args: { 'color-scheme': 'dark' },
  decorators: [onDarkPage],
  parameters: { layout: 'fullscreen' },
  play: reaches({ phase: 'choosing' }),
};

/**
 * The dark scheme during a Verified Push: the large code, "Enter this code in your app" and the time left on
 * the dark status bar.
 */
export const DarkSchemePush: Story = {
  name: 'Dark scheme, push pending',
  args: { 'color-scheme': 'dark', 'auto-method': 'push' },
  decorators: [onDarkPage],
  parameters: { layout: 'fullscreen' },
  play: reaches({ status: 'Enter this code in your app' }),
};

/**
 * A 320 px wide phone screen (the dashed outline): one column, the branding first and the links last; each
 * method's button goes under its name, full width; here during a push, so the status bar shows the Verified
 * Push code and the time left, with Cancel under them.
 */
export const PhoneScreen: Story = {
  name: 'Phone screen (320 px)',
  args: { 'auto-method': 'push' },
  decorators: [onPhoneScreen],
  play: reaches({ status: 'Pushed a login request to your device...' }),
};

/**
 * The narrowest card the prompt supports, 240 px (the dashed outline), with a push pending: no word breaks
 * mid-letter, nothing overflows, and the status bar takes room only now that it has something to say.
 */
export const NarrowestCard: Story = {
  name: 'Narrowest card (240 px)',
  args: { 'auto-method': 'push' },
  decorators: [onNarrowestCard],
  play: reaches({ status: 'Pushed a login request to your device...' }),
};

/**
 * A right-to-left page (`dir="rtl"` around the prompt): the side column, the select's arrow, the badge and
 * the status bar's buttons mirror; here with a push pending (its code's digits keep their order).
 */
export const RightToLeft: Story = {
  name: 'Right to left',
  args: { 'auto-method': 'push' },
  decorators: [onRtlPage],
  play: reaches({ status: 'Pushed a login request to your device...' }),
};
