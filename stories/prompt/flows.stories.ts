import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { http, HttpResponse } from 'msw';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { promptStories } from '../support/prompt-stories.js';
import {
  methodButton,
  passcodeButton,
  passcodeField,
  passcodeHint,
  promptIn,
  reaches,
  statusButton,
  verificationCode,
  waitForStatus,
} from '../support/prompt.js';
import { securityKeyUser } from '../support/devices.js';
import { backendOf } from '../support/scenario.js';
import { keyTouched } from '../support/webauthn.js';

/**
 * The main flows from end to end, as a user goes through them: each play function clicks what the user
 * clicks, plays Bob's phone through the simulator (approve the push, answer the call, read the SMS) or Kim's
 * security key, and checks what the prompt shows and the `mfa-success` event. Watch them step by step in the
 * Interactions panel.
 */
const meta = {
  title: 'Prompt/Flows',
  tags: ['autodocs'],
  ...promptStories,
  args: { ...promptStories.args, username: 'bob', onMfaSuccess: fn(), onMfaCancel: fn() },
} satisfies Meta;

export default meta;
// Args are the element's attributes by name (`base-url`, `auto-method`): a plain record.
type Story = StoryObj;

/** Send me a Push → the push arrives on the phone → the user approves it → "Success. Logging you in...". */
export const PushApproved: Story = {
  name: 'Push approved',
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const phone = backendOf(context).simulator.phone('bob');
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Send me a Push', async () => {
      await userEvent.click(methodButton(prompt, 'push'));
      await waitForStatus(prompt, 'Pushed a login request to your device...');
      await waitFor(() => expect(phone.pendingPush()).toBeDefined());
    });
    await step('Approve the push on the phone', async () => {
      phone.approvePushWithShownCode();
      await waitForStatus(prompt, 'Success. Logging you in...');
    });
    await expect(args.onMfaSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ method: 'push', remembered: false }) }),
    );
  },
};

/**
 * Verified Push, a wrong code and then the right one: Send me a Push → the screen shows the code → the user
 * types another one on the phone → "Wrong verification code: login request denied." → Send me a Push again
 * → a new code → typed right → "Success. Logging you in...".
 */
export const WrongCodeThenRight: Story = {
  name: 'Verified Push: wrong code, then right',
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const phone = backendOf(context).simulator.phone('bob');
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Send me a Push: the code shows', async () => {
      await userEvent.click(methodButton(prompt, 'push'));
      await waitFor(() => expect(verificationCode(prompt)).toMatch(/^\d{3}$/));
      await expect(verificationCode(prompt)).toBe(phone.pendingPush()?.verificationCode);
    });
    await step('Type a wrong code on the phone', async () => {
      phone.approvePush(verificationCode(prompt) === '000' ? '111' : '000');
      await waitForStatus(prompt, 'Wrong verification code: login request denied.');
    });
    await step('Press Send me a Push again and type the new code', async () => {
      await waitFor(() => expect(methodButton(prompt, 'push')).toBeEnabled());
      await userEvent.click(methodButton(prompt, 'push'));
      await waitFor(() => expect(verificationCode(prompt)).toMatch(/^\d{3}$/));
      phone.approvePushWithShownCode();
      await waitForStatus(prompt, 'Success. Logging you in...');
    });
    await expect(args.onMfaSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ method: 'push' }) }),
    );
  },
};

/**
 * A push that expires, then another: Send me a Push → nobody answers for its 3 seconds (the time left counts
 * down) → "Authentication timed out." with Send another push → pressed → the new push is approved with its
 * code → "Success. Logging you in...".
 */
export const PushExpiredThenAnother: Story = {
  name: 'Push expired, then another',
  parameters: { scenario: { simulator: { pushTimeoutMs: 3_000 } } },
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const phone = backendOf(context).simulator.phone('bob');
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Send me a Push and let it expire', async () => {
      await userEvent.click(methodButton(prompt, 'push'));
      await waitForStatus(prompt, 'Pushed a login request to your device...');
      await waitForStatus(prompt, 'Authentication timed out.');
    });
    await step('Press Send another push', async () => {
      const again = statusButton(prompt, 'retry');
      await expect(again.textContent?.trim()).toBe('Send another push');
      await userEvent.click(again);
      await waitFor(() => expect(phone.pendingPush()).toBeDefined());
    });
    await step('Approve the new push on the phone', async () => {
      await waitFor(() => expect(verificationCode(prompt)).toBe(phone.pendingPush()?.verificationCode));
      phone.approvePushWithShownCode();
      await waitForStatus(prompt, 'Success. Logging you in...');
    });
    await expect(args.onMfaSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ method: 'push' }) }),
    );
  },
};

/**
 * Kim logs in with a security key: Use a security key → "waiting for your security key" while the browser
 * asks for it → the user touches the key a second later (a stand-in for the browser that signs for real with
 * the story key, `support/webauthn.ts`) → the simulator checks the signature → "Success. Logging you in...".
 */
export const SecurityKeyLogin: Story = {
  name: 'Security key login',
  args: { username: 'kim', webauthn: keyTouched({ afterMs: 1000 }) },
  argTypes: { webauthn: { control: false } },
  parameters: { scenario: { simulator: { users: [securityKeyUser] } } },
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Use a security key', async () => {
      await waitFor(() => expect(methodButton(prompt, 'webauthn')).toBeEnabled());
      await userEvent.click(methodButton(prompt, 'webauthn'));
      await waitForStatus(prompt, 'waiting for your security key');
    });
    await step('Touch the key', async () => {
      await waitForStatus(prompt, 'Success. Logging you in...');
    });
    await expect(args.onMfaSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ method: 'webauthn' }) }),
    );
  },
};

/** Call Me → the phone rings → the user answers → presses a key → "Success. Logging you in...". */
export const CallAnswered: Story = {
  name: 'Call answered',
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const phone = backendOf(context).simulator.phone('bob');
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Call Me', async () => {
      await userEvent.click(methodButton(prompt, 'phone'));
      await waitForStatus(prompt, 'Dialing XXX-XXX-4242...');
      await waitFor(() => expect(phone.activeCall()?.state).toBe('ringing'));
    });
    await step('Answer the call', async () => {
      phone.answerCall();
      await waitForStatus(prompt, 'Answered. Press any key on your phone to log in.');
    });
    await step('Press 1 on the phone', async () => {
      phone.pressKey('1');
      await waitForStatus(prompt, 'Success. Logging you in...');
    });
    await expect(args.onMfaSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ method: 'phone' }) }),
    );
  },
};

/**
 * Enter a Passcode → Send codes → the phone receives a batch of SMS passcodes ("Next SMS passcode starts
 * with 1.") → the user types the first one → Log In → "Success. Logging you in...".
 */
export const SmsThenPasscode: Story = {
  name: 'SMS codes, then a passcode',
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const phone = backendOf(context).simulator.phone('bob');
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Enter a Passcode', async () => {
      await userEvent.click(methodButton(prompt, 'passcode'));
      await waitFor(() => expect(passcodeField(canvasElement)).toBeVisible());
    });
    await step('Press Send codes', async () => {
      await userEvent.click(passcodeButton(prompt, 'send-codes-button'));
      await waitForStatus(prompt, 'New SMS passcodes sent');
      await waitFor(() => expect(passcodeHint(canvasElement)).toBe('Next SMS passcode starts with 1.'));
    });
    const code = phone.smsInbox().at(-1)?.codes[0];
    await expect(code).toMatch(/^1\d{6}$/);
    await step(`Type the first code (${code}) and press Log In`, async () => {
      await userEvent.type(passcodeField(canvasElement), code!);
      await userEvent.click(passcodeButton(prompt, 'submit-button'));
      await waitForStatus(prompt, 'Success. Logging you in...');
    });
    await expect(args.onMfaSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.objectContaining({ method: 'passcode' }) }),
    );
  },
};

/** Send me a Push → Cancel before the phone answers → "Authentication request canceled"; the methods are back. */
export const PushCanceled: Story = {
  name: 'Push canceled',
  play: async (context) => {
    const { args, canvasElement, step } = context;
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'choosing' })(context);

    await step('Press Send me a Push', async () => {
      await userEvent.click(methodButton(prompt, 'push'));
      await waitForStatus(prompt, 'Pushed a login request to your device...');
    });
    await step('Press Cancel', async () => {
      await userEvent.click(statusButton(prompt, 'cancel'));
      await waitForStatus(prompt, 'Authentication request canceled');
      await waitFor(() => expect(methodButton(prompt, 'push')).toBeEnabled());
    });
    await expect(args.onMfaCancel).toHaveBeenCalledWith(expect.objectContaining({ detail: { method: 'push' } }));
  },
};

/** The backend is down at first (a 503) → the user presses Retry → the backend answers → the methods show. */
export const RetryAfterOutage: Story = {
  name: 'Retry after an outage',
  tags: ['expect-http-errors'],
  parameters: {
    scenario: {
      overrides: (baseUrl: string) => [
        http.post(`${baseUrl}/preauth`, () => HttpResponse.json({ error: { code: 'unavailable', message: 'Down.' } }, { status: 503 }), {
          once: true,
        }),
      ],
    },
  },
  play: async (context) => {
    const { canvasElement, step } = context;
    const prompt = promptIn(canvasElement);
    await reaches({ phase: 'error', status: 'The service is unavailable right now.' })(context);
    await step('Press Retry', async () => {
      await userEvent.click(statusButton(prompt, 'retry'));
      await waitFor(() => expect(prompt.state?.phase).toBe('choosing'));
      await waitFor(() => expect(methodButton(prompt, 'push')).toBeEnabled());
    });
  },
};
