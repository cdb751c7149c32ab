/**
 * What the client reads about a transaction: its status, with the time limits the user can see (WCAG 2.2.1)
 * relative to this answer so the user's clock does not matter, and a remember token while it is valid.
 */
import { secondsUntil } from './sms.js';
import type { TransactionRecord } from './transactions.js';
import type { TransactionSnapshot } from './types.js';

export interface SnapshotContext {
  now(): number;
  smsCooldownMs: number;
  /** When the transaction's user got their last SMS batch, if ever. */
  lastSmsAt(username: string): number | undefined;
}

export function transactionSnapshot(tx: TransactionRecord, { now, smsCooldownMs, lastSmsAt }: SnapshotContext): TransactionSnapshot {
  const status = structuredClone(tx.status);
  // Rounded down, so the prompt never promises time the server does not give.
  if (!status.final && tx.expiresAt !== undefined) status.expiresInSeconds = secondsUntil(tx.expiresAt, now(), Math.floor);
  // Rounded up, so the prompt never offers a batch the server would refuse.
  if (status.status === 'sent' && smsCooldownMs > 0) {
    const lastBatchAt = Math.max(tx.createdAt, lastSmsAt(tx.username) ?? -Infinity);
    status.resendInSeconds = secondsUntil(lastBatchAt + smsCooldownMs, now(), Math.ceil);
  }
  const snapshot: TransactionSnapshot = { body: { txid: tx.txid, method: tx.method, version: tx.version, status } };
  const secondsLeft = tx.remember ? Math.floor((tx.remember.expiresAt - now()) / 1000) : 0;
  if (tx.remember && secondsLeft > 0) {
    snapshot.rememberToken = tx.remember.token;
    snapshot.rememberMaxAgeSeconds = secondsLeft;
  }
  return snapshot;
}
