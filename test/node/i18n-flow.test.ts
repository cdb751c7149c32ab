/**
 * The flow's texts and languages: the prompt's own texts win over a backend's (unless the host opts in), and
 * texts set while the login is under way re-translate what is on screen at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MfaError } from '../../src/adapter/errors.js';
import { MfaFlow } from '../../src/flow/index.js';
import type { FlowMessages } from '../../src/flow/index.js';
import { loadLocale } from '../../src/i18n/locales.js';
import { FakeAdapter, settle } from './support/fake-adapter.js';
import { authResult, choosingFlow, pushed, record } from './support/flow-fixtures.js';

const german = {
  status: { ...new MfaFlow(new FakeAdapter()).messages.status, pushed: 'Anmeldeanfrage an Ihr Gerät gesendet …' },
  passcodeIncorrect: 'Falscher Code.',
  attemptsLeft: (count: number) => `Noch ${count} Versuche.`,
  methods: { push: 'Push senden', phone: 'Anrufen', passcode: 'Code eingeben' },
};

describe('backend texts', () => {
  it("in another language the prompt's own text wins over the backend's for a status it knows", async () => {
    const { flow, adapter } = await choosingFlow(authResult(), { username: 'alice', messages: german });
    adapter.reply('startPush', { ...pushed(), status: { status: 'pushed', final: false, message: 'Pushed (English)' } });
    flow.push();
    await settle();
    assert.equal(flow.state.status?.message, 'Anmeldeanfrage an Ihr Gerät gesendet …');
  });

  it("a preauth denial: the backend's text while the prompt speaks its English defaults, its own otherwise", async () => {
    const denied = { result: 'deny', message: 'Account disabled (backend)' } as const;
    const english = await choosingFlow(denied, { username: 'alice' });
    assert.equal(english.flow.state.status?.message, 'Account disabled (backend)', 'auto, in English');
    english.flow.setMessages({ loginDenied: 'Anmeldung nicht erlaubt.' });
    assert.equal(english.flow.state.status?.message, 'Anmeldung nicht erlaubt.', 'auto, once the text is translated');
    english.flow.setMessages();
    assert.equal(english.flow.state.status?.message, 'Account disabled (backend)', 'auto, back in English');
    const never = await choosingFlow(denied, { username: 'alice', backendTexts: 'never' });
    assert.equal(never.flow.state.status?.message, never.flow.messages.loginDenied);
    const always = await choosingFlow(denied, { username: 'alice', backendTexts: 'always', messages: { loginDenied: 'Nein.' } });
    assert.equal(always.flow.state.status?.message, 'Account disabled (backend)');
  });

  it('a timeout says what to do next once, whether the text is the backend\'s or the prompt\'s', async () => {
    const { flow, adapter } = await choosingFlow(authResult(), { username: 'alice' });
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    adapter.lastWatch.push({ status: 'timeout', final: true, message: 'Timed out. Please try again.' });
    await settle();
    assert.equal(flow.state.status?.message, 'Timed out. Please try again.');
    flow.setMessages({ status: { ...flow.messages.status, timeout: 'Zeit abgelaufen.' }, nextStep: { timeout: 'Methode wählen.', locked_out: '-' } });
    assert.equal(flow.state.status?.message, 'Zeit abgelaufen. Methode wählen.');
  });

  describe('a German page that shows the backend\'s texts: the next step is added once, in either language', () => {
    /** A push that ends with `final` under German texts and `backend-texts="always"`; its status text. */
    async function ended(final: { status: 'timeout' | 'locked_out'; message: string }, messages?: Partial<FlowMessages>): Promise<string> {
      const de = (await loadLocale('de'))!;
      const { flow, adapter } = await choosingFlow(authResult(), { username: 'alice', backendTexts: 'always', messages: messages ?? de });
      adapter.reply('startPush', pushed());
      flow.push();
      await settle();
      adapter.lastWatch.push({ ...final, final: true });
      await settle();
      return flow.state.status?.message ?? '';
    }

    it('a German text that says "try again" or "contact IT" gets no second next step', async () => {
      const timeout = 'Zeitüberschreitung. Bitte versuchen Sie es erneut.';
      assert.equal(await ended({ status: 'timeout', message: timeout }), timeout);
      const locked = 'Ihr Konto ist gesperrt. Wenden Sie sich an die IT-Abteilung.';
      assert.equal(await ended({ status: 'locked_out', message: locked }), locked);
    });

    it('an English text that says "try again" gets none either: a backend may answer in English', async () => {
      assert.equal(await ended({ status: 'timeout', message: 'Timed out. Please try again.' }), 'Timed out. Please try again.');
    });

    it('a text that does not say it gets the German next step', async () => {
      assert.equal(await ended({ status: 'timeout', message: 'Zeitüberschreitung.' }), 'Zeitüberschreitung. Wählen Sie eine Methode, um es erneut zu versuchen.');
    });

    it("the host's mentionsNextStep replaces the language's", async () => {
      const de = (await loadLocale('de'))!;
      const strict = { ...de, mentionsNextStep: { timeout: /wählen Sie eine Methode/i, locked_out: /IT-Support/ } };
      assert.equal(
        await ended({ status: 'timeout', message: 'Bitte versuchen Sie es erneut.' }, strict),
        'Bitte versuchen Sie es erneut. Wählen Sie eine Methode, um es erneut zu versuchen.',
      );
    });
  });

  it('a backend notice the prompt has no words for is shown as it came', async () => {
    const { flow } = await choosingFlow(authResult({ message: 'Maintenance tonight' }), { username: 'alice' });
    assert.equal(flow.state.status?.message, 'Maintenance tonight');
  });
});

describe('two sentences in one text', () => {
  /** A push that timed out (the backend gave no text) on a prompt in `tag`. */
  async function pushTimedOut(tag: string) {
    const table = (await loadLocale(tag))!;
    const { flow, adapter } = await choosingFlow(authResult(), { username: 'alice', messages: table });
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    adapter.lastWatch.push({ status: 'timeout', final: true, message: '' });
    await settle();
    return { flow, adapter, table };
  }

  for (const tag of ['ja', 'zh-CN'] as const) {
    it(`in ${tag}, a timeout and its next step, and a wrong code and the attempts left, follow "。" without a space`, async () => {
      const { flow, adapter, table } = await pushTimedOut(tag);
      assert.equal(flow.state.status?.message, `${table.status.timeout}${table.nextStep.timeout}`);
      flow.openPasscodeEntry();
      adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'x', { attemptsLeft: 2 }));
      flow.submitPasscode('123456');
      await settle();
      assert.equal(flow.state.passcodeError, `${table.passcodeIncorrect}${table.attemptsLeft(2)}`);
    });
  }

  it('in a language that spaces its sentences, one space between them', async () => {
    const { flow, table } = await pushTimedOut('fr');
    assert.equal(flow.state.status?.message, `${table.status.timeout} ${table.nextStep.timeout}`);
  });
});

describe('setMessages while the login is under way', () => {
  it('re-translates the status shown and the method buttons at once', async () => {
    const { flow, adapter } = await choosingFlow(authResult(), { username: 'alice' });
    adapter.reply('startPush', pushed());
    flow.push();
    await settle();
    assert.equal(flow.state.status?.message, 'Pushed a login request to your device...');
    const seen: string[] = [];
    flow.subscribe((state) => seen.push(state.status?.message ?? ''));
    flow.setMessages(german);
    assert.equal(flow.state.status?.message, 'Anmeldeanfrage an Ihr Gerät gesendet …');
    assert.deepEqual(seen, ['Anmeldeanfrage an Ihr Gerät gesendet …'], 'listeners hear of the change');
    assert.equal(flow.state.methods.find((option) => option.method === 'push')?.label, 'Push senden');
  });

  it('re-translates an inline passcode error with its count', async () => {
    const adapter = new FakeAdapter().reply('preauth', authResult());
    const flow = new MfaFlow(adapter, { username: 'alice' });
    const recording = record(flow);
    flow.start();
    await settle();
    flow.openPasscodeEntry();
    adapter.reply('verifyPasscode', new MfaError('invalid_passcode', 'x', { attemptsLeft: 2 }));
    flow.submitPasscode('123456');
    await settle();
    assert.equal(flow.state.passcodeError, 'Incorrect passcode. Please try again. 2 attempts left.');
    flow.setMessages(german);
    assert.equal(flow.state.passcodeError, 'Falscher Code. Noch 2 Versuche.');
    assert.equal(recording.of('failure')[0]?.message, 'Incorrect passcode. Please try again. 2 attempts left.', 'the event keeps what was shown then');
    flow.setMessages();
    assert.equal(flow.state.passcodeError, 'Incorrect passcode. Please try again. 2 attempts left.', 'back to English');
  });
});
