/**
 * Numbers, plurals and durations from `Intl`, bound to one locale: what a message table's functions use, so no
 * table builds English grammar ("1 second" / "2 seconds") into another language. Each call creates its
 * formatter: the texts are few and short-lived, and a cache would cost more bytes than it saves time.
 */
import type { DurationUnit } from '../flow/messages.js';

/** A text per plural category of the locale (`one`, `few`, `many`...; `other` is required); `#` is the count. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** `Intl.DurationFormat` where the browser has it (not in lib ES2023's types yet). */
type DurationFormat = new (locale: string, options: { style: 'long' }) => { format(duration: object): string };

/** The units of durations, largest first, with their size in seconds. */
export const UNITS: ReadonlyArray<readonly [DurationUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

export interface Formats {
  /** A number as the locale writes it ("1,234", "١٬٢٣٤"). */
  n(value: number, options?: Intl.NumberFormatOptions): string;
  /** The form of `forms` that `count` takes in this language, `#` replaced by the count. */
  plural(count: number, forms: Plural): string;
  /** "8 hours", "1 Tag": `Intl.DurationFormat`, or `Intl.NumberFormat` with the unit where it is missing. */
  duration(count: number, unit: DurationUnit): string;
  /** Seconds in the largest unit they reach, rounded up: 45 → "45 seconds", 90 → "2 minutes", 86400 → "1 day". */
  span(seconds: number): string;
  /** Minutes and seconds, "1:05", in the locale's digits. */
  clock(seconds: number): string;
}

export function formats(locale: string): Formats {
  const n = (value: number, options?: Intl.NumberFormatOptions): string => new Intl.NumberFormat(locale, options).format(value);
  const duration = (count: number, unit: DurationUnit): string => {
    const Format = (Intl as { DurationFormat?: DurationFormat }).DurationFormat;
    return Format
      ? new Format(locale, { style: 'long' }).format({ [`${unit}s`]: count })
      : n(count, { style: 'unit', unit, unitDisplay: 'long' });
  };
  return {
    n,
    duration,
    plural: (count, forms) => (forms[new Intl.PluralRules(locale).select(count)] ?? forms.other).replace('#', n(count)),
    span: (seconds) => {
      const whole = Math.max(1, Math.ceil(seconds));
      const [unit, size] = UNITS.find(([, size]) => whole >= size)!;
      return duration(Math.ceil(whole / size), unit);
    },
    clock: (seconds) => `${n(Math.floor(seconds / 60))}:${n(seconds % 60, { minimumIntegerDigits: 2 })}`,
  };
}
