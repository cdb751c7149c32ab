/**
 * The contract's names and limits the bridge needs, copied from `src/adapter/wire.ts` so the server module
 * does not load the client's response validators (1.4 KB gzip, measured after the merge of main).
 * `test/node/duo-bridge-flows.test.ts` checks that they equal wire.ts's.
 */
export const ATTEMPT_HEADER = 'Mfa-Attempt-Id';
export const REMEMBER_COOKIE = 'mfa_remembered_device';
export const MAX_WAIT_SECONDS = 30;
export const MAX_RETRY_AFTER_SECONDS = 120;
