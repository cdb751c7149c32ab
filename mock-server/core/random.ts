/** Randomness, injected: ids, tokens and SMS codes come from a `() => number` in [0, 1), like `Math.random`. */

export type RandomSource = () => number;

/** Cryptographic randomness where the platform has it (Node 20 and browsers do). */
export const secureRandom: RandomSource = () => {
  const words = new Uint32Array(1);
  globalThis.crypto.getRandomValues(words);
  return (words[0] as number) / 2 ** 32;
};

/** A small deterministic generator (mulberry32) for tests and stories that want the same ids every run. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomInt(random: RandomSource, below: number): number {
  // Guards against a custom source that returns exactly 1 or slightly out of range.
  return Math.min(below - 1, Math.max(0, Math.floor(random() * below)));
}

/** `length` letters and digits. */
export function randomChars(random: RandomSource, length: number): string {
  let chars = '';
  for (let i = 0; i < length; i++) chars += ID_ALPHABET[randomInt(random, ID_ALPHABET.length)];
  return chars;
}

/** **identifier entropy**: 26 characters of a 36-letter alphabet carry 134 random bits (at least 128). */
export const ID_LENGTH = 26;

/** An opaque id such as `tx_k3j9...`. */
export function randomId(random: RandomSource, prefix: string, length = ID_LENGTH): string {
  return `${prefix}_${randomChars(random, length)}`;
}

export function randomDigits(random: RandomSource, count: number): string {
  let digits = '';
  for (let i = 0; i < count; i++) digits += String(randomInt(random, 10));
  return digits;
}
