/**
 * What every `<mfa-prompt>` state story shares: the element rendered from its args and the story's own
 * simulated backend. Spread into a meta next to its literal `title` and `tags` (Storybook reads those two
 * without running code). No `parameters` here: Storybook puts the meta's JSDoc into a literal `parameters`,
 * which would replace a spread one.
 */
import type { Meta } from '@storybook/web-components-vite';
import { renderElement } from './manifest.js';
import { BASE_URL, simulatedBackend } from './scenario.js';

export const promptStories = {
  component: 'mfa-prompt',
  render: renderElement(),
  ...simulatedBackend,
  args: { 'base-url': BASE_URL },
  // The manifest types these two as `AutoMethod` and not at all: give them the choices as controls.
  argTypes: {
    'auto-method': {
      name: 'auto-method',
      control: { type: 'select' },
      options: [undefined, 'push', 'phone', 'passcode', 'sms'],
      table: { category: 'attributes' },
    },
    'color-scheme': {
      name: 'color-scheme',
      control: { type: 'inline-radio' },
      options: [undefined, 'light', 'dark'],
      table: { category: 'attributes' },
    },
  },
} satisfies Partial<Meta>;
