/**
 * Compile-time proof that the runtime schemas (wire.ts) and the TypeScript contract (types.ts) describe
 * the same JSON: if either drifts, `npm run typecheck` fails here. No runtime code.
 */
import type * as v from 'valibot';
import type { Device, Policy, PreauthResult, StatusUpdate } from './types.js';
import type { DeviceSchema, PolicySchema, PreauthResultSchema, StatusUpdateSchema } from './wire.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type ContractChecks = [
  Assert<Same<v.InferOutput<typeof DeviceSchema>, Device>>,
  Assert<Same<v.InferOutput<typeof PolicySchema>, Policy>>,
  Assert<Same<v.InferOutput<typeof PreauthResultSchema>, PreauthResult>>,
  Assert<Same<v.InferOutput<typeof StatusUpdateSchema>, StatusUpdate>>,
];
