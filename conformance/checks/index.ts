/** Every check, in the order the kit runs them: the contract checks that review the whole run come last. */
import type { CheckContext } from '../context.js';
import type { Check } from '../runner.js';
import { contractChecks } from './contract.js';
import { firstFactorChecks } from './first-factor.js';
import { flowChecks } from './flows.js';
import { limitChecks } from './limits.js';
import { longPollChecks } from './long-poll.js';
import { secretChecks } from './secrets.js';
import { securityChecks } from './security.js';
import { webauthnChecks } from './webauthn.js';

const byId = (checks: Check<CheckContext>[], id: string) => checks.find((c) => c.id === id) as Check<CheckContext>;

export const ALL_CHECKS: readonly Check<CheckContext>[] = [
  ...firstFactorChecks.filter((c) => c.id !== 'preauth.rate-limit'),
  byId(contractChecks, 'contract.errors'),
  ...longPollChecks,
  ...flowChecks,
  ...webauthnChecks,
  ...securityChecks,
  ...limitChecks,
  byId(firstFactorChecks, 'preauth.rate-limit'),
  byId(contractChecks, 'retry-after'),
  ...secretChecks,
  byId(contractChecks, 'versions.consistent'),
  byId(contractChecks, 'contract.schemas'),
  byId(contractChecks, 'contract.cache-control'),
];
