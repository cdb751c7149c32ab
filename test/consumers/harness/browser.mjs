// Headless Chromium for the consumer apps: one browser, a fresh context per page, and every console
// warning or error, uncaught exception or failed request of the page recorded as a problem.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser, HOW_TO_INSTALL } from '../../../scripts/find-browser.mjs';

const STEP_TIMEOUT_MS = 10_000;
/** Lit's one notice in a development build (lit.dev/msg/dev-mode): expected there, and only there. */
const LIT_DEV_MODE = /^Lit is in dev mode\. Not recommended for production!/;

export async function launchBrowser() {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(HOW_TO_INSTALL);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Opens `url` in a new context; `problems` collects what a consumer would see in the console. */
export async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && LIT_DEV_MODE.test(message.text()) && /-dev\//.test(page.url())) return;
    if (message.type() === 'warning' || message.type() === 'error') {
      problems.push(`console.${message.type() === 'warning' ? 'warn' : 'error'}: ${message.text()} (${message.location()?.url ?? '?'})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A long poll cut short by navigation or the context closing is not the page's fault.
    if (!/ERR_ABORTED/.test(request.failure()?.errorText ?? '')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** The prompt is up and talked to the backend: preauth answered and alice's phone is offered a push. */
export async function waitForPrompt(page) {
  await page.locator('mfa-prompt').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Send me a Push' }).waitFor({ state: 'visible' });
}

/**
 * A real push login, as the user does it: "Send me a Push", read the number the login screen shows, and
 * approve the push with it on alice's phone (mfa-prompt/mock's control API).
 */
export async function logInWithPush(page, host) {
  await page.getByRole('button', { name: 'Send me a Push' }).click();
  const shown = page.locator('[part="verification-code"]');
  await shown.waitFor({ state: 'visible' });
  const code = (await shown.textContent())?.trim() ?? '';
  const phone = host.phone('alice');
  const push = phone.pendingPush();
  if (!push) throw new Error('the page says a push was sent, but the phone has none');
  if (push.verificationCode !== undefined && push.verificationCode !== code) {
    throw new Error(`the page shows the code "${code}", the phone asks for "${push.verificationCode}"`);
  }
  phone.approvePush(code);
}
