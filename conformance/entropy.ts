/**
 * **identifier entropy**, statistically: from a sample of ids of one kind, how many random bits each
 * carries, and whether they look like a sequence. The kit cannot see the generator, so it estimates:
 * - the random part is what follows the prefix every sample shares (`att_`), minus positions that never
 *   change (separators, version digits);
 * - the alphabet is the smallest usual one (10, 16, 32, 36, 62, 64 characters) holding every character seen
 *   in the changing positions;
 * - bits = changing positions x log2(alphabet), at the shortest sample's length.
 * Repeats, ids that increase in the order they were issued, and characters that follow each other in
 * alphabet order far more often than chance are reported as problems.
 */

export interface EntropyAssessment {
  samples: number;
  prefix: string;
  alphabetSize: number;
  randomLength: number;
  bits: number;
  problems: string[];
}

const ALPHABETS: readonly string[] = [
  '0123456789',
  '0123456789abcdef',
  '0123456789ABCDEF',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  'abcdefghijklmnopqrstuvwxyz234567',
  '0123456789abcdefghijklmnopqrstuvwxyz',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
];

/** A position counts as random only if, in this many samples or more, it shows more than two characters. */
const MIN_SAMPLES_FOR_POSITIONS = 16;

export function assessIdentifiers(ids: readonly string[], minBits = 128): EntropyAssessment {
  const problems: string[] = [];
  const samples = ids.length;
  if (samples === 0) return { samples, prefix: '', alphabetSize: 0, randomLength: 0, bits: 0, problems: ['no samples'] };
  if (new Set(ids).size < samples) problems.push(`${samples - new Set(ids).size} repeated id(s) among ${samples}`);
  const prefix = commonPrefix(ids);
  const tails = ids.map((id) => id.slice(prefix.length));
  const length = Math.min(...tails.map((t) => t.length));
  const changing: number[] = [];
  for (let i = 0; i < length; i++) {
    const seen = new Set(tails.map((t) => t[i]));
    if (samples >= MIN_SAMPLES_FOR_POSITIONS ? seen.size > 2 : seen.size > 1 || samples < 2) changing.push(i);
  }
  const characters = new Set(tails.flatMap((t) => changing.map((i) => t[i] as string)));
  const alphabet = ALPHABETS.filter((a) => [...characters].every((c) => a.includes(c))).sort((a, b) => a.length - b.length)[0];
  const alphabetSize = alphabet?.length ?? Math.max(characters.size, 2);
  const bits = changing.length * Math.log2(alphabetSize);
  if (bits < minBits) {
    problems.push(`about ${Math.floor(bits)} random bits (${changing.length} changing characters of a ${alphabetSize}-character alphabet after "${prefix}"), fewer than ${minBits}`);
  }
  if (samples >= 8 && ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)) {
    problems.push(`the ${samples} ids increase in the order they were issued (a counter or a timestamp?)`);
  }
  if (alphabet && samples >= 4) {
    let pairs = 0;
    let successive = 0;
    for (const tail of tails) {
      const random = changing.map((i) => tail[i] as string);
      for (let i = 1; i < random.length; i++) {
        pairs += 1;
        if (alphabet.indexOf(random[i] as string) === (alphabet.indexOf(random[i - 1] as string) + 1) % alphabet.length) successive += 1;
      }
    }
    const expected = pairs / alphabet.length;
    if (pairs > 0 && successive > Math.max(3 * expected, expected + 4 * Math.sqrt(expected) + 2)) {
      problems.push(`characters follow each other in alphabet order ${successive} times in ${pairs} pairs (chance: about ${Math.round(expected)}): not random`);
    }
  }
  return { samples, prefix, alphabetSize, randomLength: changing.length, bits, problems };
}

function commonPrefix(ids: readonly string[]): string {
  if (ids.length < 2) {
    // One sample: take a conventional `word_` prefix off, nothing else.
    return /^[a-z]{1,12}_/.exec(ids[0] ?? '')?.[0] ?? '';
  }
  let prefix = ids[0] as string;
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
