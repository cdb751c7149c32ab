/**
 * Every text a message table can produce, by key: the strings as they are, the functions called with sample
 * arguments. The locale sweep (scripts/test-locales.mjs) compares what a story shows with the English
 * catalogue, and lets an English text pass where the locale's own catalogue has the same text for that key
 * ("Passcode" is German for passcode too).
 *
 * Texts are compared normalised (see `normalise`): digits in any script become `#`, so "Try again in 3 minutes"
 * matches the sample "Try again in 2 minutes" while the sample arguments need not hit the story's numbers.
 */

/** Key path ("status.timeout") → the normalised texts that key can show. */
export type Catalogue = Map<string, Set<string>>;

/** A table of texts: strings, functions of numbers, nested tables (RegExps, which no one sees, are skipped). */
type Table = { [key: string]: unknown };

/** Seconds that reach every unit and plural form of a duration in the twelve locales. */
const SECONDS = [1, 2, 3, 5, 11, 20, 22, 25, 30, 45, 60, 65, 90, 120, 300, 3600, 7200, 18000, 86400, 172800, 432000];
const COUNTS = [0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 21, 22, 25, 100, 101, 102];
const UNITS = ['day', 'hour', 'minute', 'second'] as const;

/**
 * The sample arguments of each function key. A function key missing here throws (see `catalogue`): a new
 * message function must say how to sample it, or its texts would go unchecked.
 */
function samples(key: string, table: Table): unknown[][] {
  const duration = table['duration'] as (count: number, unit: string) => string;
  switch (key) {
    case 'attemptsLeft':
      return COUNTS.map((count) => [count]);
    case 'nextSmsDigit':
      return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((digit) => [digit]);
    case 'duration':
      return UNITS.flatMap((unit) => COUNTS.map((count) => [count, unit]));
    case 'rememberMe':
      return UNITS.flatMap((unit) => COUNTS.map((count) => [duration(count, unit)]));
    case 'tooManyAttempts':
      return [[undefined], ...SECONDS.map((seconds) => [seconds])];
    case 'tooManyRequests':
      return ['push', 'phone'].flatMap((method) => [[method, undefined], ...SECONDS.map((seconds) => [method, seconds])]);
    case 'timeLeft':
    case 'timeWarning':
    case 'sendCodesIn':
      return SECONDS.map((seconds) => [seconds]);
    default:
      throw new Error(`No sample arguments for the message function "${key}": add them in scripts/locales/catalogue.ts`);
  }
}

/** Whitespace collapsed (no-break spaces included), digits of any script as `#`, trimmed. */
export function normalise(text: string): string {
  return text
    .replace(/\p{Nd}+/gu, '#')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

/** The catalogue of a table (the English defaults, or a locale's table). */
export function catalogue(table: Table): Catalogue {
  const result: Catalogue = new Map();
  const add = (key: string, text: unknown) => {
    if (typeof text !== 'string') return;
    const texts = result.get(key) ?? new Set<string>();
    texts.add(normalise(text));
    result.set(key, texts);
  };
  const visit = (node: Table, path: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = path ? `${path}.${name}` : name;
      if (typeof value === 'string') add(key, value);
      else if (typeof value === 'function') {
        for (const args of samples(name, node)) add(key, (value as (...a: unknown[]) => unknown)(...args));
      } else if (value && typeof value === 'object' && !(value instanceof RegExp)) visit(value as Table, key);
    }
  };
  visit(table, '');
  return result;
}

/** A text that is too short to be told from a word the locale borrows ("Push", "OK") is matched whole only. */
const SENTENCE_WORDS = 3;

/**
 * A matcher for texts left in English in one locale: given a shown text, the key of the English default it is
 * (or, for a sentence of three words or more, contains: statuses are joined from several keys, "Authentication
 * timed out. Choose a method to try again."), or undefined. An English text passes where the locale's own
 * text for that key is the same.
 */
export function englishMatcher(english: Catalogue, own: Catalogue): (text: string) => string | undefined {
  const whole = new Map<string, string[]>();
  const sentences: Array<[string, string]> = [];
  for (const [key, texts] of english) {
    for (const text of texts) {
      if (own.get(key)?.has(text)) continue;
      if (!/\p{L}/u.test(text)) continue; // "#:#": nothing to translate
      whole.set(text, [...(whole.get(text) ?? []), key]);
      if (text.split(' ').length >= SENTENCE_WORDS) sentences.push([text, key]);
    }
  }
  // Longest first: the most specific key is named.
  sentences.sort(([a], [b]) => b.length - a.length);
  // The same English text under another key the locale leaves identical: not missing (e.g. both "Try again").
  const ownTexts = new Set([...own.values()].flatMap((texts) => [...texts]));
  return (shown) => {
    const text = normalise(shown);
    if (ownTexts.has(text)) return undefined;
    const exact = whole.get(text);
    if (exact) return exact[0];
    return sentences.find(([sentence]) => text.includes(sentence))?.[1];
  };
}

/** The key of a locale's text (for reports: which string overflows), or undefined when it is not one of them. */
export function keyOf(own: Catalogue, shown: string): string | undefined {
  const text = normalise(shown);
  for (const [key, texts] of own) if (texts.has(text)) return key;
  return undefined;
}
