import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { promptStories } from '../support/prompt-stories.js';
import type { MfaSimulator } from '../../mock-server/core/simulator.js';
import { promptIn, reaches, statusButton, timeLeft } from '../support/prompt.js';
import { stoppedClock, useCalls } from '../support/scenario.js';

/** A phone call to Bob, started without a click by `auto-method="phone"`; his simulated phone does as each story's script says. */
const meta = {
  title: 'Prompt/States/Call',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob', 'auto-method': 'phone' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** Ringing: "Dialing XXX-XXX-4242..." with a spinner and Cancel; Call Me disabled and marked busy. (Nobody answers here.) */
export const Dialing: Story = {
  play: reaches({ status: 'Dialing XXX-XXX-4242...' }),
};

/** The user picked up: "Answered. Press any key on your phone to log in." with a spinner and Cancel. */
export const Answered: Story = {
  parameters: { scenario: { scripts: { bob: { call: { action: 'answer', afterMs: 0 } } } } },
  play: reaches({ status: 'Answered. Press any key on your phone to log in.' }),
};

/**
 * Too many calls in a short time: the backend refuses the call and says how long until the next one, shown
 * as a clear message, not a generic error: "Too many login requests. You can call again in 60 seconds." The
 * phone does not ring. Here the limit is one call a minute, used up by another login attempt just before the
 * story renders.
 */
export const RateLimited: Story = {
  name: 'Too many calls',
  tags: ['expect-http-errors'],
  parameters: {
    scenario: {
      simulator: { clock: stoppedClock(), rateLimits: { phone: { max: 1, windowMs: 60_000 } } },
      prepare: (simulator: MfaSimulator) => useCalls(simulator, 'bob', 1),
    },
  },
  play: reaches({ status: /^Too many login requests\. You can call again in \d+ (?:seconds?|minutes?)\.$/ }),
};

/**
 * The call is about to ring out: the time left counts down ("0:19 left") and one announcement replaces the
 * status, "About 20 seconds left to approve." (said once); Cancel stays. Here the phone rings for 22 seconds,
 * so the announcement comes about 2 seconds after the call started; then see Expired: Call again.
 */
export const ExpiringSoon: Story = {
  name: 'Expiring soon',
  parameters: { scenario: { simulator: { callTimeoutMs: 22_000 } } },
  play: async (context) => {
    await reaches({ status: 'About 20 seconds left to approve.' })(context);
    const prompt = promptIn(context.canvasElement);
    await expect(prompt.state?.step).toBe('expiring');
    await expect(timeLeft(prompt)).toMatch(/^0:[012]\d left$/);
  },
};

/**
 * Nobody picked up in time (the simulator's call timeout is 1 ms here; with a longer one the time left counts
 * down to this, see Expiring soon): "The call was not answered. Authentication timed out. Choose a method to
 * try again." in the error tone, with Dismiss and one button that places a new call, "Call again".
 */
export const TimedOut: Story = {
  name: 'Expired: Call again',
  parameters: { scenario: { simulator: { callTimeoutMs: 1 } } },
  play: async (context) => {
    await reaches({ status: 'The call was not answered.' })(context);
    await waitFor(() => expect(statusButton(promptIn(context.canvasElement), 'retry').textContent?.trim()).toBe('Call again'));
  },
};

