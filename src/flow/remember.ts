/** The "Remember me for 8 hours" label, from the policy's duration in seconds. */
import type { FlowMessages } from './messages.js';
import { UNITS } from '../i18n/format.js';

/** In the largest unit that divides it exactly: 28800 → "8 hours", 86400 → "1 day", 5400 → "90 minutes". */
export function formatDuration(seconds: number, messages: FlowMessages): string {
  const whole = Math.max(0, Math.round(seconds));
  const [unit, size] = UNITS.find(([, size]) => whole >= size && whole % size === 0) ?? UNITS[3]!;
  return messages.duration(whole / size, unit);
}

export function rememberMeLabel(seconds: number, messages: FlowMessages): string {
  return messages.rememberMe(formatDuration(seconds, messages));
}
