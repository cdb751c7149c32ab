import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { http, HttpResponse } from 'msw';
import { promptStories } from '../support/prompt-stories.js';
import { reaches } from '../support/prompt.js';

/** When the network or the backend fails (MSW answers in the simulator's place). */
const meta = {
  title: 'Prompt/States/Network',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * A push is pending and the connection drops: every status poll fails, so the prompt keeps retrying with
 * growing pauses and says "Connection problem. Retrying..." with a spinner and Cancel.
 */
export const ConnectionProblem: Story = {
  name: 'Connection problem, retrying',
  tags: ['expect-http-errors'],
  args: { 'auto-method': 'push' },
  parameters: {
    scenario: { overrides: (baseUrl: string) => [http.get(`${baseUrl}/transactions/:txid`, () => HttpResponse.error())] },
  },
  play: reaches({ status: 'Connection problem. Retrying...' }),
};

/**
 * The backend answers 503 to the first request: the heading "Something went wrong", "The service is
 * unavailable right now. Please try again in a moment." in the error tone, and Retry (which works here: only
 * the first answer is a 503).
 */
export const BackendUnavailable: Story = {
  name: 'Backend unavailable',
  tags: ['expect-http-errors'],
  parameters: {
    scenario: {
      overrides: (baseUrl: string) => [
        http.post(`${baseUrl}/preauth`, () => HttpResponse.json({ error: { code: 'unavailable', message: 'Down for maintenance.' } }, { status: 503 }), {
          once: true,
        }),
      ],
    },
  },
  play: reaches({ phase: 'error', status: 'The service is unavailable right now.' }),
};
