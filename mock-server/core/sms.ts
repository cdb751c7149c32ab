/**
 * SMS batches for one user: the **SMS cooldown** between them, and delivery to the simulated inbox. The codes
 * are look-up secrets (rule 9): not bound to an attempt, single use, expiring with the transaction that sent
 * them; a new batch invalidates every older code (`passcodes.ts`).
 */
import { newSmsBatch } from './passcodes.js';
import { randomId, type RandomSource } from './random.js';
import type { SmsMessage } from './types.js';
import type { UserState } from './user-state.js';
import type { SimulatedDevice } from './users.js';

/** Whole seconds from `now` until `at`, never below 0: rounded down for a time limit, up for a wait. */
export function secondsUntil(at: number, now: number, round: (seconds: number) => number): number {
  return Math.max(0, round((at - now) / 1000));
}

/** Seconds before the user may get another batch (0: now). */
export function smsCooldownSeconds(state: UserState, now: number, cooldownMs: number): number {
  return secondsUntil((state.lastSmsAt ?? -Infinity) + cooldownMs, now, Math.ceil);
}

/** A new batch of the policy's size for `device`: it replaces the older codes and lands in the inbox. */
export function deliverSmsBatch(
  state: UserState,
  device: SimulatedDevice,
  { now, random, expiresAt }: { now: number; random: RandomSource; expiresAt: number },
): SmsMessage {
  const codes = newSmsBatch(random, state.policy.smsBatchSize);
  state.lastSmsAt = now;
  state.passcodes.replaceSmsBatch(device.id, codes, expiresAt);
  const message: SmsMessage = {
    id: randomId(random, 'sms', 12),
    time: now,
    deviceId: device.id,
    deviceName: device.displayName,
    text: `SMS passcodes: ${codes.join(' ')}`,
    codes,
  };
  state.inbox.push(message);
  return message;
}
