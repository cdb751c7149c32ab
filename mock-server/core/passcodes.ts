/**
 * Passcode rules: typing normalisation, "second password" keywords, SMS batches, and one-time codes via
 * otplib (TOTP for authenticator apps, HOTP for hardware tokens). All synchronous: otplib's default crypto
 * plugin (noble) computes HMACs synchronously in Node and the browser.
 */
import { generateSync, verifySync } from 'otplib';
import { randomDigits, type RandomSource } from './random.js';
import type { SimulatedDevice, SimulatedUser } from './users.js';

const TOTP_PERIOD_SECONDS = 30;

/** What people type: `123 456`, `123-456`, `PUSH2`. */
export function normalisePasscode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toLowerCase();
}

export interface PasscodeKeyword {
  method: 'push' | 'phone' | 'sms';
  /** 1 for `push` and `push1`, 2 for `push2`: counts only the devices capable of the method. */
  deviceNumber: number;
}

/** `push`, `phone`, `sms`, optionally followed by a device number; anything else is a passcode. */
export function parseKeyword(normalised: string): PasscodeKeyword | undefined {
  const match = /^(push|phone|sms)(\d{0,2})$/.exec(normalised);
  if (!match) return undefined;
  return { method: match[1] as PasscodeKeyword['method'], deviceNumber: match[2] ? Number(match[2]) : 1 };
}

/** A code's first digit is its position in the batch: 1 to 9, and 0 for the tenth. */
export function smsDigitForPosition(index: number): number {
  return (index + 1) % 10;
}

export function smsPositionOfDigit(digit: number): number {
  return digit === 0 ? 9 : digit - 1;
}

/** A batch of 7-digit SMS passcodes whose first digit is their position. */
export function newSmsBatch(random: RandomSource, size: number): string[] {
  return Array.from({ length: size }, (_, index) => `${smsDigitForPosition(index)}${randomDigits(random, 6)}`);
}

export function totpCode(secret: string, nowMs: number): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step a 6-digit authenticator code matches, or undefined. **TOTP window**: the current step, and
 * the previous one for `graceSeconds` into the current one (a code typed just before it changed); never a
 * future step, so a code lives at most 30 + `graceSeconds` seconds (ASVS 6.5.5). Steps up to
 * `lastAcceptedStep` are refused (a replayed code).
 */
export function verifyTotp(
  secret: string,
  code: string,
  nowMs: number,
  graceSeconds: number,
  lastAcceptedStep?: number,
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  try {
    const result = verifySync({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      period: TOTP_PERIOD_SECONDS,
      // [past, future], in seconds.
      epochTolerance: [graceSeconds, 0],
      ...(lastAcceptedStep === undefined ? {} : { afterTimeStep: lastAcceptedStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    // otplib refuses an afterTimeStep beyond its window, which only a clock moved backwards produces.
    return undefined;
  }
}

export function hotpCode(secret: string, counter: number, digits: 6 | 8 = 6): string {
  return generateSync({ strategy: 'hotp', secret, counter, digits });
}

/** The counter a hardware-token code matches, from `nextCounter` up to `lookAhead` presses ahead, or undefined. */
export function verifyHotp(
  secret: string,
  code: string,
  nextCounter: number,
  lookAhead: number,
  digits: 6 | 8 = 6,
): number | undefined {
  if (code.length !== digits || !/^\d+$/.test(code)) return undefined;
  const result = verifySync({ strategy: 'hotp', secret, token: code, counter: nextCounter, counterTolerance: lookAhead, digits });
  return result.valid ? nextCounter + result.delta : undefined;
}

/** Throws a clear error for a secret otplib would refuse (bad Base32, shorter than 16 bytes). */
export function assertUsableSecret(secret: string, where: string): void {
  try {
    generateSync({ secret, epoch: 0 });
  } catch (error) {
    throw new TypeError(`${where}: not a usable Base32 OTP secret (${(error as Error).message})`);
  }
}

/**
 * One user's passcode state: spent bypass codes, the current SMS batch, the last accepted authenticator
 * step per app and the next counter per token. Every accepted code is spent, so none is accepted twice.
 */
export class UserPasscodes {
  readonly #user: SimulatedUser;
  readonly #hotpLookAhead: number;
  readonly #totpGraceSeconds: number;
  readonly #usedBypassCodes = new Set<string>();
  readonly #lastTotpStep = new Map<string, number>();
  readonly #nextHotpCounter = new Map<string, number>();
  #smsBatch?: { deviceId: string; codes: string[]; used: boolean[]; expiresAt: number };

  constructor(user: SimulatedUser, { hotpLookAhead, totpGraceSeconds }: { hotpLookAhead: number; totpGraceSeconds: number }) {
    this.#user = user;
    this.#hotpLookAhead = hotpLookAhead;
    this.#totpGraceSeconds = totpGraceSeconds;
  }

  /** One batch per user: a new one replaces, and so invalidates, every older code. */
  replaceSmsBatch(deviceId: string, codes: string[], expiresAt: number): void {
    this.#smsBatch = { deviceId, codes: [...codes], used: codes.map(() => false), expiresAt };
  }

  /** The first digit of the device's next unused SMS code, while its batch is valid and not used up. */
  nextSmsDigit(deviceId: string, nowMs: number): number | undefined {
    const batch = this.#smsBatch;
    if (!batch || batch.deviceId !== deviceId || batch.expiresAt <= nowMs) return undefined;
    const position = batch.used.indexOf(false);
    return position < 0 ? undefined : smsDigitForPosition(position);
  }

  remainingBypassCodes(): string[] {
    return (this.#user.bypassCodes ?? []).filter((code) => !this.#usedBypassCodes.has(code));
  }

  /** The code the token shows at the counter the server expects next. */
  tokenCode(device: SimulatedDevice): string {
    if (!device.hotp) throw new Error(`${device.displayName} is not a hardware token.`);
    return hotpCode(device.hotp.secret, this.#counterOf(device), device.hotp.digits ?? 6);
  }

  /** Tries a normalised code as, in order, a bypass code, an SMS code, an authenticator code, a token code. */
  accept(passcode: string, nowMs: number): boolean {
    if (!/^\d+$/.test(passcode)) return false;
    if (passcode.length === 9) return this.#acceptBypass(passcode);
    if (passcode.length === 7) return this.#acceptSms(passcode, nowMs);
    return this.#acceptAuthenticator(passcode, nowMs) || this.#acceptToken(passcode);
  }

  #acceptBypass(passcode: string): boolean {
    if (!this.#user.bypassCodes?.includes(passcode) || this.#usedBypassCodes.has(passcode)) return false;
    this.#usedBypassCodes.add(passcode);
    return true;
  }

  #acceptSms(passcode: string, nowMs: number): boolean {
    const batch = this.#smsBatch;
    if (!batch || batch.expiresAt <= nowMs) return false;
    const position = smsPositionOfDigit(Number(passcode[0]));
    if (batch.codes[position] !== passcode || batch.used[position]) return false;
    batch.used[position] = true;
    return true;
  }

  #acceptAuthenticator(passcode: string, nowMs: number): boolean {
    for (const device of this.#user.devices) {
      if (!device.authenticatorSecret) continue;
      const step = verifyTotp(device.authenticatorSecret, passcode, nowMs, this.#totpGraceSeconds, this.#lastTotpStep.get(device.id));
      if (step === undefined) continue;
      this.#lastTotpStep.set(device.id, step);
      return true;
    }
    return false;
  }

  #acceptToken(passcode: string): boolean {
    for (const device of this.#user.devices) {
      if (!device.hotp) continue;
      const counter = verifyHotp(device.hotp.secret, passcode, this.#counterOf(device), this.#hotpLookAhead, device.hotp.digits ?? 6);
      if (counter === undefined) continue;
      this.#nextHotpCounter.set(device.id, counter + 1);
      return true;
    }
    return false;
  }

  #counterOf(device: SimulatedDevice): number {
    return this.#nextHotpCounter.get(device.id) ?? device.hotp?.counter ?? 0;
  }
}
