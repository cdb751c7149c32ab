/**
 * Compile-time proof that the runtime schemas (wire.ts) and the TypeScript contract (types.ts) describe
 * the same JSON: if either drifts, `npm run typecheck` fails here. No runtime code.
 */
import type { Device, Policy, PreauthResult, StatusUpdate } from './types.js';
import type { Output } from './validate.js';
import type { DeviceSchema, PolicySchema, PreauthResultSchema, StatusUpdateSchema } from './wire.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type ContractChecks = [
  Assert<Same<Output<typeof DeviceSchema>, Device>>,
  Assert<Same<Output<typeof PolicySchema>, Policy>>,
  Assert<Same<Output<typeof PreauthResultSchema>, PreauthResult>>,
  Assert<Same<Output<typeof StatusUpdateSchema>, StatusUpdate>>,
];
