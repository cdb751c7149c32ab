/**
 * What the user typed in the passcode field: a passcode, a keyword that starts a method ("second password"
 * keywords: `push`, `phone`, `sms`, optionally with a device number as in `push2`), or something to reject
 * before any request is sent.
 */
import type { Transaction } from '../adapter/types.js';

export type PasscodeKeyword = 'push' | 'phone' | 'sms';

export type PasscodeInput =
  /** 6 to 10 digits: an authenticator, token, SMS or bypass code. */
  | { kind: 'code'; value: string }
  /** `value` is what the backend receives, lower-cased (`push2`); `deviceNumber` counts from 1. */
  | { kind: 'keyword'; value: string; keyword: PasscodeKeyword; deviceNumber?: number }
  | { kind: 'invalid'; reason: 'empty' | 'format' };

/** Spaces, dashes (ASCII and Unicode) and dots that people and password managers put inside codes. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;
const CODE = /^[0-9]{6,10}$/;
const KEYWORD = /^(push|phone|sms)([1-9][0-9]?)?$/;

export function parsePasscode(raw: string): PasscodeInput {
  const value = raw.replace(SEPARATORS, '').toLowerCase();
  if (value === '') return { kind: 'invalid', reason: 'empty' };
  if (CODE.test(value)) return { kind: 'code', value };
  const keyword = KEYWORD.exec(value);
  if (!keyword) return { kind: 'invalid', reason: 'format' };
  const input: PasscodeInput = { kind: 'keyword', value, keyword: keyword[1] as PasscodeKeyword };
  if (keyword[2]) input.deviceNumber = Number(keyword[2]);
  return input;
}

/**
 * The digit that the next SMS passcode starts with once the code starting with `digit` is used: codes are
 * numbered 1 to 9, then 0 for the tenth. `null` when the batch is used up.
 */
export function nextSmsDigitAfter(digit: number, batchSize: number): number | null {
  const position = digit === 0 ? 10 : digit;
  return position >= batchSize ? null : (position + 1) % 10;
}

/** A backend that echoes the passcode in its text must not get it into the state: use the default text. */
export function withoutSecret(transaction: Transaction, passcode: string): Transaction {
  if (!transaction.status.message.includes(passcode)) return transaction;
  return { ...transaction, status: { ...transaction.status, message: '' } };
}
