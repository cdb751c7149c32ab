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

/**
 * The `username` control of every `<mfa-prompt>` story: one dropdown of the users the stories' simulated
 * backends know (the fixtures, then the extra users of `devices.ts`, who exist only in their own stories'
 * backends: anywhere else the backend answers as for `nobody`), and `nobody`, a user the backend does not know.
 */
export const USERNAME_ARG_TYPE = {
  name: 'username',
  control: {
    type: 'select' as const,
    labels: {
      alice: 'alice (three devices)',
      bob: 'bob (one phone)',
      carol: 'carol (no device yet)',
      dave: 'dave (a remembered device)',
      erin: 'erin (denied)',
      frank: 'frank (a landline only)',
      grace: 'grace (a hardware token only)',
      heidi: 'heidi (eight devices)',
      kim: 'kim (a security key and a phone)',
      lena: 'lena (a security key only)',
      nobody: 'nobody (unknown to the backend)',
    },
  },
  options: [undefined, 'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'kim', 'lena', 'nobody'],
  table: { category: 'attributes' },
};

export const promptStories = {
  component: 'mfa-prompt',
  render: renderPrompt(),
  ...simulatedBackend,
  args: { 'base-url': BASE_URL },
  // The manifest types these two as `AutoMethod` and not at all: give them the choices as controls.
  argTypes: {
    username: USERNAME_ARG_TYPE,
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
