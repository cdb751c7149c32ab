import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { MfaSimulator } from '../../mock-server/core/simulator.js';
import { promptStories } from '../support/prompt-stories.js';
import { promptIn, reaches, statusButton, statusText, timeLeft, verificationCode } from '../support/prompt.js';
import { backendOf, stoppedClock, typeWrongCode, usePushes } from '../support/scenario.js';

/**
 * A push to Bob's phone, started without a click by `auto-method="push"`; his simulated phone answers as
 * each story's script says.
 */
const meta = {
  title: 'Prompt/States/Push',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob', 'auto-method': 'push' },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/**
 * A classic push, from a backend without Verified Push (`verifiedPush: false`): "Pushed a login request to
 * your device..." with a spinner, the time left ("1:00 left", counting down) and Cancel; no code to type.
 * Send me a Push is disabled and marked busy (the other methods stay usable: choosing one cancels the push);
 * remember-me is greyed out. (Nobody answers here.)
 */
export const Sent: Story = {
  name: 'Sent (classic push, no code)',
  parameters: { scenario: { simulator: { verifiedPush: false } } },
  play: async (context) => {
    await reaches({ status: 'Pushed a login request to your device...' })(context);
    await waitFor(() => expect(timeLeft(promptIn(context.canvasElement))).toMatch(/^\d+:\d\d left$/));
    await expect(verificationCode(promptIn(context.canvasElement))).toBe('');
  },
};

/**
 * Verified Push (number matching, the default): under "Pushed a login request to your device..." the
 * 3-digit code in large digits, below "Enter this code in your app", and the time left ("1:00 left"). The
 * user types that code on the phone; screen readers hear it once with the status, digit by digit ("7 0 8").
 * Cancel stays available. The code is the one the simulated phone asks for. (Nobody answers here.)
 */
export const VerifiedPushPending: Story = {
  name: 'Verified Push: code shown',
  play: async (context) => {
    await reaches({ status: 'Pushed a login request to your device...' })(context);
    const prompt = promptIn(context.canvasElement);
    const phone = backendOf(context).simulator.phone('bob');
    await waitFor(() => expect(verificationCode(prompt)).toMatch(/^\d{3}$/));
    await expect(verificationCode(prompt)).toBe(phone.pendingPush()?.verificationCode);
    await expect(statusText(prompt)).toContain('Enter this code in your app');
    await expect(timeLeft(prompt)).toMatch(/^\d+:\d\d left$/);
  },
};

/**
 * The user typed a wrong code on the phone (the simulated phone types one into the push as soon as it
 * arrives): the backend denies the push and its text is shown in the error tone, "Wrong verification code:
 * login request denied.", with Dismiss; the code is gone and the methods are available again. It counts as
 * a failure toward lock-out, like a denied push.
 */
export const WrongCode: Story = {
  name: 'Wrong code on the phone',
  parameters: { scenario: { prepare: (simulator: MfaSimulator) => typeWrongCode(simulator, 'bob') } },
  play: async (context) => {
    await reaches({ phase: 'choosing', status: 'Wrong verification code: login request denied.' })(context);
    await expect(verificationCode(promptIn(context.canvasElement))).toBe('');
  },
};

/**
 * Too many pushes in a short time (the defence against push bombing): the backend refuses the push and
 * says how long until the next one, and the prompt shows it as a clear message, not a generic error: "Too
 * many login requests. You can send another push in 60 seconds." Nothing reached the phone. Here the limit
 * is one push a minute, and another login attempt used it up just before the story renders.
 */
export const RateLimited: Story = {
  name: 'Too many pushes',
  tags: ['expect-http-errors'],
  parameters: {
    scenario: {
      simulator: { clock: stoppedClock(), rateLimits: { push: { max: 1, windowMs: 60_000 } } },
      prepare: (simulator: MfaSimulator) => usePushes(simulator, 'bob', 1),
    },
  },
  play: reaches({ status: /^Too many login requests\. You can send another push in \d+ (?:seconds?|minutes?)\.$/ }),
};

/** The user approved on the phone: "Success. Logging you in..." with a check mark; everything else disabled. */
export const Approved: Story = {
  parameters: { scenario: { scripts: { bob: { push: { action: 'approve', afterMs: 0 } } } } },
  play: reaches({ phase: 'success', status: 'Success. Logging you in...' }),
};

/** The user denied it on the phone: the reason in the error tone, with Dismiss; the methods are available again. */
export const Denied: Story = {
  parameters: { scenario: { scripts: { bob: { push: { action: 'deny', afterMs: 0 } } } } },
  play: reaches({ status: 'Login request denied on your device.' }),
};

/** The user tapped "Report" on the phone: the fraud message in the error tone, with Dismiss. */
export const ReportedAsFraud: Story = {
  name: 'Reported as fraud',
  parameters: { scenario: { scripts: { bob: { push: { action: 'fraud', afterMs: 0 } } } } },
  play: reaches({ status: 'Login request reported as fraudulent.' }),
};

/**
 * The push is about to expire: the time left counts down ("0:19 left") and one announcement replaces the
 * status, "About 20 seconds left to approve." (said once, never a ticking live region); the code and
 * Cancel stay. Here the push lasts 22 seconds, so the announcement comes about 2 seconds after it arrives;
 * the push expires about 20 seconds later (then see Expired: Send another push).
 */
export const ExpiringSoon: Story = {
  name: 'Expiring soon',
  parameters: { scenario: { simulator: { pushTimeoutMs: 22_000 } } },
  play: async (context) => {
    await reaches({ status: 'About 20 seconds left to approve.' })(context);
    const prompt = promptIn(context.canvasElement);
    await expect(prompt.state?.step).toBe('expiring');
    await expect(timeLeft(prompt)).toMatch(/^0:[012]\d left$/);
    await expect(verificationCode(prompt)).toMatch(/^\d{3}$/);
  },
};

/**
 * Nobody answered the push before its time ran out (the simulator's push timeout is 1 ms here; with a longer
 * one the time left counts down to this, see Expiring soon): "Authentication timed out. Choose a method to
 * try again." in the error tone, with Dismiss and one button that sends a new push, "Send another push"; the
 * methods are available again.
 */
export const TimedOut: Story = {
  name: 'Expired: Send another push',
  parameters: { scenario: { simulator: { pushTimeoutMs: 1 } } },
  play: async (context) => {
    await reaches({ status: 'Authentication timed out.' })(context);
    await waitFor(() => expect(statusButton(promptIn(context.canvasElement), 'retry').textContent?.trim()).toBe('Send another push'));
  },
};
