/**
 * The locale tables: every locale has every key of the English defaults, every function takes the same
 * arguments and shows each of them, formatted in its own locale; `lang` values find their table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPromptMessages } from '../../src/elements/mfa-prompt.messages.js';
import { defaultMessages } from '../../src/flow/messages.js';
import { formats } from '../../src/i18n/format.js';
import { LOCALES, loadLocale, matchLocale } from '../../src/i18n/locales.js';
import type { LocaleMessages } from '../../src/i18n/types.js';

const english: LocaleMessages = { ...defaultMessages, ...defaultPromptMessages };

/** Every key path with the type of its value: `status.pushed: string`, `attemptsLeft: function/1`. */
function shape(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? shape(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}: ${typeof value === 'function' ? `function/${(value as () => void).length}` : typeof value}`],
  ).sort();
}

/** Sample calls of every function, and the arguments each output must show. */
function samples(t: LocaleMessages, n: (value: number) => string): Array<[string, string, string[]]> {
  return [
    ['attemptsLeft(3)', t.attemptsLeft(3), [n(3)]],
    ['attemptsLeft(27)', t.attemptsLeft(27), [n(27)]],
    ['tooManyAttempts(45)', t.tooManyAttempts(45), [n(45)]],
    ['tooManyAttempts()', t.tooManyAttempts(), []],
    ['nextSmsDigit(7)', t.nextSmsDigit(7), [n(7)]],
    ['rememberMe("«D»")', t.rememberMe('«D»'), ['«D»']],
    ['duration(8, "hour")', t.duration(8, 'hour'), [n(8)]],
    ['timeLeft(125)', t.timeLeft(125), [n(2), n(5)]],
    ['timeWarning(20)', t.timeWarning(20), [n(20)]],
    ['sendCodesIn(25)', t.sendCodesIn(25), [n(25)]],
    ['tooManyRequests("push", 30)', t.tooManyRequests('push', 30), [n(30)]],
    ['tooManyRequests("phone", 30)', t.tooManyRequests('phone', 30), [n(30)]],
    ['tooManyRequests("push")', t.tooManyRequests('push'), []],
  ];
}

/** English backend texts that say what to do next, which every locale must recognise as the English defaults do. */
const ENGLISH_NEXT_STEPS = {
  timeout: ['Timed out. Please try again.', 'Request timed out. Retry.'],
  locked_out: ['Locked. Contact your helpdesk.', 'Contact your administrator.', 'Call support to unlock it.'],
};

/**
 * The status bar's buttons that repeat a method ("Send another push", "Try the security key again") named like
 * the method's own button: two controls with one name, which a screen reader user cannot tell apart.
 */
function sameNames(t: LocaleMessages): string[] {
  const pairs: Array<[string, string]> = [
    [t.sendAgain.push, t.methods.push],
    [t.sendAgain.phone, t.methods.phone],
    [t.webauthnAgain.securityKey, t.webauthnMethod.securityKey],
    [t.webauthnAgain.passkey, t.webauthnMethod.passkey],
  ];
  return pairs.filter(([again, method]) => again.toLowerCase() === method.toLowerCase()).map(([again]) => again);
}

describe('locale tables', () => {
  it('twelve locales, English first', () => {
    assert.deepEqual(LOCALES, ['en', 'ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt-BR', 'zh-CN']);
  });

  it('en names each button that repeats a method apart from that method\'s own button', () => {
    assert.deepEqual(sameNames(english), []);
  });

  it('en recognises its next steps in a backend text, and not its bare statuses', () => {
    for (const reason of ['timeout', 'locked_out'] as const) {
      const mentions = defaultMessages.mentionsNextStep[reason];
      for (const english of [defaultMessages.nextStep[reason], ...ENGLISH_NEXT_STEPS[reason]]) assert.match(english, mentions);
      assert.doesNotMatch(defaultMessages.status[reason], mentions);
    }
  });

  for (const locale of LOCALES.filter((tag) => tag !== 'en')) {
    describe(locale, () => {
      it('has every key of the English texts, each of the same kind, functions with the same arguments', async () => {
        const table = await loadLocale(locale);
        assert.ok(table, 'the table loads');
        assert.deepEqual(shape(table), shape(english));
      });

      it('has no empty text and no template placeholder left in a text', async () => {
        const table = (await loadLocale(locale))!;
        const texts = shape(table).filter((entry) => entry.endsWith(': string')).map((entry) => entry.split(':')[0]!);
        for (const path of texts) {
          const text = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], table) as string;
          assert.ok(text.trim(), `${path} is empty`);
          assert.doesNotMatch(text, /\$\{|\{\w+\}|%s/, `${path} holds a placeholder`);
        }
      });

      it('recognises its own next steps and the English ones in a backend text, and not its bare statuses', async () => {
        const table = (await loadLocale(locale))!;
        for (const reason of ['timeout', 'locked_out'] as const) {
          const mentions = table.mentionsNextStep[reason];
          // Its own next step unrecognised: a backend that says just that would get it twice.
          assert.match(table.nextStep[reason], mentions, `${locale} ${reason}: its own next step`);
          // A backend may answer in English on any page.
          assert.match(defaultMessages.nextStep[reason], mentions, `${locale} ${reason}: the English next step`);
          for (const english of ENGLISH_NEXT_STEPS[reason]) assert.match(english, mentions, `${locale} ${reason}: "${english}"`);
          // Its bare status recognised: the prompt's own text would lose its next step.
          assert.doesNotMatch(table.status[reason], mentions, `${locale} ${reason}: the status alone`);
        }
      });

      it('names each button that repeats a method apart from that method\'s own button', async () => {
        assert.deepEqual(sameNames((await loadLocale(locale))!), []);
      });

      it('shows every argument, formatted as the locale writes numbers', async () => {
        const table = (await loadLocale(locale))!;
        const { n } = formats(locale);
        for (const [call, output, shown] of samples(table, n)) {
          for (const part of shown) assert.ok(output.includes(part), `${locale} ${call} = "${output}" lacks "${part}"`);
          assert.doesNotMatch(output, /undefined|NaN/, `${locale} ${call} = "${output}"`);
        }
      });
    });
  }
});

describe('plurals and durations from Intl', () => {
  it('English: one and other, and a wait in its largest unit', () => {
    assert.equal(defaultMessages.attemptsLeft(1), '1 attempt left.');
    assert.equal(defaultMessages.attemptsLeft(2), '2 attempts left.');
    assert.equal(defaultMessages.attemptsLeft(0), 'No attempts left.');
    assert.equal(defaultMessages.tooManyAttempts(86_400), 'Too many attempts. Try again in 1 day.');
    assert.equal(defaultMessages.tooManyAttempts(90), 'Too many attempts. Try again in 2 minutes.');
    assert.equal(defaultMessages.rememberMe(defaultMessages.duration(8, 'hour')), 'Remember me for 8 hours');
    assert.equal(defaultMessages.timeLeft(65), '1:05 left');
  });

  it('Arabic: a different form for one, two, a few, many and zero attempts', async () => {
    const ar = (await loadLocale('ar'))!;
    const forms = [0, 1, 2, 3, 11].map((count) => ar.attemptsLeft(count));
    assert.equal(new Set(forms).size, 5, forms.join(' | '));
  });

  it('Polish: one, few and many', async () => {
    const pl = (await loadLocale('pl'))!;
    assert.equal(pl.attemptsLeft(1), 'Pozostała 1 próba.');
    assert.equal(pl.attemptsLeft(3), 'Pozostały 3 próby.');
    assert.equal(pl.attemptsLeft(5), 'Pozostało 5 prób.');
    assert.equal(pl.attemptsLeft(22), 'Pozostały 22 próby.');
  });

  it('Arabic: a wait of two units after بعد or لمدة in the genitive dual ("بعد دقيقتين"), not Intl\'s nominative', async () => {
    const ar = (await loadLocale('ar'))!;
    assert.equal(ar.tooManyAttempts(90), 'محاولات كثيرة جدًا. حاول مرة أخرى بعد دقيقتين.');
    assert.equal(ar.rememberMe(ar.duration(2, 'day')), 'تذكّرني لمدة يومين');
    assert.equal(ar.rememberMe(ar.duration(8, 'hour')), 'تذكّرني لمدة 8 ساعات');
    assert.equal(ar.sendCodesIn(2), 'يمكنك إرسال رموز جديدة بعد ثانيتين');
  });

  it('Hebrew: a single unit without its number ("בעוד שעה")', async () => {
    const he = (await loadLocale('he'))!;
    assert.equal(he.tooManyAttempts(3_600), 'יותר מדי ניסיונות. אפשר לנסות שוב בעוד שעה.');
    assert.equal(he.rememberMe(he.duration(1, 'day')), 'לזכור אותי למשך יום');
    assert.equal(he.rememberMe(he.duration(8, 'hour')), 'לזכור אותי למשך 8 שעות');
  });

  it('French: no-break spaces before the colon and the question mark, so neither starts a line', async () => {
    const fr = (await loadLocale('fr'))!;
    assert.equal(fr.timeLeft(65), 'Temps restant\u00a0: 1:05');
    assert.equal(fr.links.help, 'Besoin d’aide\u202f?');
  });

  it('German durations and numbers: "8 Stunden", "1.234"', async () => {
    const de = (await loadLocale('de'))!;
    assert.equal(de.rememberMe(de.duration(8, 'hour')), 'Angemeldet bleiben für 8 Stunden');
    assert.equal(de.rememberMe(de.duration(1, 'day')), 'Angemeldet bleiben für 1 Tag');
    assert.equal(de.nextSmsDigit(1234), 'Der nächste SMS-Code beginnt mit 1.234.');
  });
});

describe('choosing the locale from lang', () => {
  const cases: Array<[string, string]> = [
    ['de', 'de'],
    ['de-CH', 'de'],
    ['pt-BR', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'en'],
    ['zh-Hant', 'en'],
    ['EN-gb', 'en'],
    ['sv', 'en'],
    ['', 'en'],
    ['not a tag!', 'en'],
    ['AR-eg', 'ar'],
  ];
  for (const [lang, locale] of cases) {
    it(`lang="${lang}" → ${locale}`, () => assert.equal(matchLocale(lang), locale));
  }
});
