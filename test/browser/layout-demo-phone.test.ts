/**
 * The demo's simulated phone (issue 11, item 7): nothing under its notch, spent SMS codes crossed out, and
 * keyboard focus kept in the phone when a button's card goes away. Driven through the simulator's own API (the
 * server side and the phone's control API), as the demo page does.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../demo/demo-phone.js';
import type { DemoPhone } from '../../demo/demo-phone.js';
import { DemoSimulator } from '../../demo/demo-simulator.js';
import { DEFAULT_USERS } from '../../mock-server/core/users.js';

async function phoneOf(username: string, width = 340): Promise<{ el: DemoPhone; simulator: DemoSimulator; attemptId: string }> {
  const simulator = new DemoSimulator({ users: DEFAULT_USERS });
  const el = await fixture<DemoPhone>(html`<demo-phone style="inline-size: ${width}px"></demo-phone>`);
  el.simulator = simulator;
  el.username = username;
  await el.updateComplete;
  const result = simulator.preauth({ username, ticket: simulator.issueTicket(username) });
  if (result.result !== 'auth') throw new Error(`preauth answered ${result.result}`);
  return { el, simulator, attemptId: result.attemptId };
}

const shadow = (el: DemoPhone): ShadowRoot => el.shadowRoot!;
const box = (node: Element): DOMRect => node.getBoundingClientRect();
const overlap = (a: DOMRect, b: DOMRect): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('the demo phone', () => {
  for (const width of [340, 260]) {
    it(`${width} px: the clock, the signal and the screen's content are never under the notch`, async () => {
      const { el } = await phoneOf('alice', width);
      const notch = box(shadow(el).querySelector('.notch')!);
      const clock = box(shadow(el).querySelector('.status-bar > span:first-child')!);
      const signal = box(shadow(el).querySelector('.signal')!);
      const screen = shadow(el).querySelector<HTMLElement>('.screen')!;
      expect(overlap(notch, clock), 'clock under the notch').to.equal(false);
      expect(overlap(notch, signal), 'signal under the notch').to.equal(false);
      screen.scrollTop = 120;
      expect(box(screen).top).to.be.at.least(notch.bottom, 'the scrolling screen starts below the notch');
    });
  }

  it('crosses out an SMS code once it logged in, and only that one', async () => {
    const { el, simulator, attemptId } = await phoneOf('alice');
    simulator.start({ attemptId, method: 'sms', deviceId: 'alice-ios' });
    await el.updateComplete;
    const codes = simulator.phone('alice').smsInbox()[0]!.codes;
    const used = () => [...shadow(el).querySelectorAll('ul.codes li.used code')].map((code) => code.textContent);
    expect(used()).to.deep.equal([]);

    simulator.start({ attemptId, method: 'passcode', passcode: codes[1]! });
    await el.updateComplete;
    expect(used()).to.deep.equal([codes[1]]);
    const spent = shadow(el).querySelector('ul.codes li.used')!;
    expect(getComputedStyle(spent.querySelector('code')!).textDecorationLine).to.equal('line-through');
    expect(spent.textContent).to.contain('(used)', 'screen readers hear it too');
  });

  it('approving a push with the keyboard keeps focus in the phone, on what happened', async () => {
    const { el, simulator, attemptId } = await phoneOf('alice');
    simulator.start({ attemptId, method: 'push', deviceId: 'alice-ios' });
    await el.updateComplete;
    const code = simulator.phone('alice').pendingPush()!.verificationCode;
    const input = shadow(el).querySelector<HTMLInputElement>('input[name="code"]');
    if (code !== undefined) input!.value = code;
    shadow(el).querySelector<HTMLButtonElement>('button.approve')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(simulator.phone('alice').pendingPush() === undefined).to.equal(true, 'approved');
    expect(document.activeElement === document.body).to.equal(false, 'focus fell to the page');
    const focused = shadow(el).activeElement;
    expect(focused?.className).to.equal('notice');
    expect(focused?.textContent).to.equal('You approved the login request.');
  });
});
