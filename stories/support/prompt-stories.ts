/**
 * What every `<mfa-prompt>` state story shares: the element rendered from its args and the story's own
 * simulated backend. Spread into a meta next to its literal `title` and `tags` (Storybook reads those two
 * without running code). No `parameters` here: Storybook puts the meta's JSDoc into a literal `parameters`,
 * which would replace a spread one.
 */
import type { Args, Meta, StoryContext } from '@storybook/web-components-vite';
import type { nothing, TemplateResult } from 'lit';
import { renderElement } from './manifest.js';
import { BASE_URL, simulatedBackend, withTicket } from './scenario.js';

/**
 * `<mfa-prompt>` from its args, with the first-factor ticket for its `username` from the story's simulated
 * backend (what the host page sets after its password step), and optional children (slots).
 */
export function renderPrompt(
  children?: (args: Args, context: StoryContext) => TemplateResult | typeof nothing,
): (args: Args, context: StoryContext) => TemplateResult {
  const render = renderElement(children);
  return (args, context) => render(withTicket(args, context), context);
}

export const promptStories = {
  component: 'mfa-prompt',
  render: renderPrompt(),
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
