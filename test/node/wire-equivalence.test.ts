/**
 * Issue 10: the bundle dropped valibot for the hand-written checks in src/adapter/validate.ts. This proves
 * the new checks in wire.ts decide exactly as the valibot schemas did (test/node/support/valibot-wire.ts,
 * the oracle) and output the same value (same keys, in the same order, same values), for every example in
 * docs/openapi.yaml and thousands of mutations of them: keys dropped or added, values of the wrong type,
 * null, undefined, values of other enums, boundary, huge, negative, NaN and non-integer numbers, empty,
 * long and odd strings, wrapped and nested arrays. Set EQUIVALENCE_RUNS to change the runs per schema.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import fc from 'fast-check';
import * as v from 'valibot';
import { parse } from 'yaml';
import { validate, type Output, type Schema } from '../../src/adapter/validate.js';
import * as wire from '../../src/adapter/wire.js';
import * as oracle from './support/valibot-wire.js';

const RUNS = Number(process.env.EQUIVALENCE_RUNS ?? 3000);

// Compile-time: the new checks output exactly the types the valibot schemas inferred.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type OutputsMatch = [
  Assert<Same<Output<typeof wire.PreauthResultSchema>, v.InferOutput<typeof oracle.PreauthResultSchema>>>,
  Assert<Same<Output<typeof wire.TransactionBodySchema>, v.InferOutput<typeof oracle.TransactionBodySchema>>>,
  Assert<Same<Output<typeof wire.ErrorBodySchema>, v.InferOutput<typeof oracle.ErrorBodySchema>>>,
  Assert<Same<Output<typeof wire.StatusUpdateSchema>, v.InferOutput<typeof oracle.StatusUpdateSchema>>>,
  Assert<Same<Output<typeof wire.DeviceSchema>, v.InferOutput<typeof oracle.DeviceSchema>>>,
  Assert<Same<Output<typeof wire.PolicySchema>, v.InferOutput<typeof oracle.PolicySchema>>>,
  Assert<Same<Output<typeof wire.WebAuthnRequestOptionsSchema>, v.InferOutput<typeof oracle.WebAuthnRequestOptionsSchema>>>,
];

interface Pair {
  mine: Schema<unknown>;
  theirs: v.GenericSchema;
}

const PAIRS: Record<string, Pair> = {
  PreauthResult: { mine: wire.PreauthResultSchema, theirs: oracle.PreauthResultSchema },
  TransactionBody: { mine: wire.TransactionBodySchema, theirs: oracle.TransactionBodySchema },
  ErrorBody: { mine: wire.ErrorBodySchema, theirs: oracle.ErrorBodySchema },
  StatusUpdate: { mine: wire.StatusUpdateSchema, theirs: oracle.StatusUpdateSchema },
  Device: { mine: wire.DeviceSchema, theirs: oracle.DeviceSchema },
  Policy: { mine: wire.PolicySchema, theirs: oracle.PolicySchema },
  WebAuthnRequestOptions: { mine: wire.WebAuthnRequestOptionsSchema, theirs: oracle.WebAuthnRequestOptionsSchema },
};

// ---- the document's examples ------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const doc = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as Json;
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function deref(node: unknown): unknown {
  if (!isRecord(node) || typeof node['$ref'] !== 'string') return node;
  let target: unknown = doc;
  for (const part of node['$ref'].slice(2).split('/')) target = isRecord(target) ? target[part] : undefined;
  return deref(target);
}

/** Every `{ schema: $ref, examples }` media type in the document, as schema name → example values. */
function documentExamples(): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    const schema = node['schema'];
    if (isRecord(schema) && typeof schema['$ref'] === 'string' && isRecord(node['examples'])) {
      const name = schema['$ref'].split('/').at(-1)!;
      const values = Object.values(node['examples']).map((example) => (deref(example) as { value: unknown }).value);
      found.set(name, [...(found.get(name) ?? []), ...values]);
    }
    Object.values(node).forEach(walk);
  };
  walk(doc);
  return found;
}

const examples = documentExamples();
// The nested schemas get the nested parts of the examples as theirs.
const bodies = (name: string) => (examples.get(name) ?? []) as Record<string, any>[];
examples.set('StatusUpdate', bodies('TransactionBody').map((body) => body['status']));
examples.set('Device', bodies('PreauthResult').flatMap((body) => body['devices'] ?? []));
examples.set('Policy', bodies('PreauthResult').flatMap((body) => (body['policy'] ? [body['policy']] : [])));
examples.set(
  'WebAuthnRequestOptions',
  bodies('StatusUpdate').flatMap((status) => (status['publicKey'] ? [status['publicKey']] : [])),
);

// ---- mutations ------------------------------------------------------------------------------------

/** Every string the contract gives meaning to, so a mutation can swap one enum or discriminator for another. */
const CONTRACT_WORDS = [
  ...wire.METHODS,
  ...wire.DEVICE_TYPES,
  ...wire.PREAUTH_ALLOW_REASONS,
  ...['auth', 'allow', 'deny', 'enroll', 'pushed', 'calling', 'answered', 'challenge', 'sent', 'timeout'],
  ...['fraud', 'locked_out', 'canceled', 'public-key', 'required', 'preferred', 'discouraged', 'expired'],
];
const KEYS = [
  ...['result', 'status', 'final', 'message', 'token', 'remembered', 'txid', 'method', 'version', 'error', 'code'],
  ...['attemptId', 'devices', 'policy', 'enrollUrl', 'reason', 'id', 'displayName', 'type', 'maskedNumber'],
  ...['capabilities', 'nextSmsDigit', 'methods', 'rememberMe', 'allowed', 'durationSeconds', 'smsBatchSize'],
  ...['verifiedPush', 'verificationCode', 'expiresInSeconds', 'publicKey', 'resendInSeconds', 'challenge'],
  ...['rpId', 'timeout', 'allowCredentials', 'transports', 'userVerification', 'retryAfter', 'attemptsLeft'],
  ...['__proto__', 'constructor', 'toString', 'length', 'extra', ''],
];
/** Numbers at and beyond every bound in the contract, and the ones JSON cannot carry. */
const NUMBERS = [
  0, -0, 1, -1, 0.5, 1.5, 3, 9, 10, 11, 32, 64, 65, 120, 200, 201, 1000, 1001, 86_400, 86_401, 600_000, 600_001,
  2 ** 31, Number.MAX_SAFE_INTEGER + 2, 1e21, 1e308, Number.MIN_VALUE, -1e-9, NaN, Infinity, -Infinity,
];
const LENGTHS = [0, 1, 2, 3, 6, 7, 21, 22, 32, 33, 200, 201, 253, 254, 1000, 1001, 8192, 8193, 16_384, 16_385];
const STRINGS = [
  '', ' ', '0', '123', '12', '1234567', '12a', '٣٤٥', 'https://example.com/enroll', 'mailto:x', 'not a url', '//x',
  'http://', 'abc+/=', 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAA', 'ü', '😀', 'true', 'null', '\n',
];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, {}, [], [[]], ...NUMBERS, ...STRINGS, ...CONTRACT_WORDS),
  fc.integer(),
  fc.double(),
  fc.string(),
);

/** All paths to values inside `value`, the root included. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(...Array.from(value, (item, i) => pathsOf(item, [...path, i])));
  if (isRecord(value)) return here.concat(...Object.keys(value).map((key) => pathsOf(value[key], [...path, key])));
  return here;
}

type Mutation = (value: unknown, pick: (n: number) => number, extra: unknown) => unknown;

/** What replaces a value: each sees the old value, a picker for indices, and a random scalar. */
const MUTATIONS: Record<string, Mutation> = {
  replaceWithScalar: (_, __, extra) => extra,
  wrapInArray: (value) => [value],
  nestArrays: (value) => [[value], value],
  unwrap: (value) => (Array.isArray(value) ? value[0] : value),
  emptyArray: (value) => (Array.isArray(value) ? [] : value),
  repeatItems: (value, pick) => (Array.isArray(value) ? Array.from({ length: [2, 63, 64, 65][pick(4)]! }, () => value[0]) : value),
  stringOfLength: (value, pick) =>
    'aA0_-'[pick(5)]!.repeat(LENGTHS[pick(LENGTHS.length)]!) + (typeof value === 'string' && pick(2) ? value : ''),
  nudgeNumber: (value, pick) =>
    typeof value === 'number' ? [value + 1, value - 1, -value, value + 0.5, value * 1e6, value / 3][pick(6)] : value,
  asString: (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
  asObject: (value) => (Array.isArray(value) ? { ...value } : isRecord(value) ? Object.values(value) : { value }),
  otherWord: (_, pick) => CONTRACT_WORDS[pick(CONTRACT_WORDS.length)],
  drop: () => DROP,
  undefine: () => undefined,
  addKey: (value, pick, extra) => {
    if (!isRecord(value)) return value;
    const copy = { ...value };
    // Own property as JSON.parse makes it (even `__proto__`), not an assignment through a setter.
    Object.defineProperty(copy, KEYS[pick(KEYS.length)]!, { value: extra, enumerable: true, writable: true, configurable: true });
    return copy;
  },
  holeyArray: (value) => (Array.isArray(value) ? [, ...value] : value),
};
const DROP = Symbol('drop');

/** `value` with the mutation applied at `path` (a deep copy: the examples stay untouched). */
function mutateAt(value: unknown, path: (string | number)[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const child = (value as Record<string | number, unknown>)[head];
  const next = mutateAt(child, rest, replace);
  if (Array.isArray(value)) {
    const copy = [...value];
    if (next === DROP) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) {
    if (key === head && next === DROP) continue;
    Object.defineProperty(copy, key, {
      value: key === head ? next : (value as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const mutationStep = fc.tuple(
  fc.nat(),
  fc.constantFrom(...Object.keys(MUTATIONS)),
  fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  scalar,
);

/** An example from the document with one to four mutations applied, at random places. */
function mutated(seeds: unknown[]): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutationStep, { minLength: 1, maxLength: 4 })).map(([seed, steps]) => {
    let value: unknown = seed;
    for (const [where, name, picks, extra] of steps) {
      const paths = pathsOf(value);
      let i = 0;
      const pick = (n: number) => (picks[i++ % picks.length]! + where) % n;
      const replaced = mutateAt(value, paths[where % paths.length]!, (old) => MUTATIONS[name]!(old, pick, extra));
      value = replaced === DROP ? undefined : replaced;
    }
    return value;
  });
}

// ---- the comparison --------------------------------------------------------------------------------

/** Outputs are equal when they print the same (key order, undefined, -0 and NaN included) and are deep-equal. */
function agree({ mine, theirs }: Pair, input: unknown): { accepted: boolean } {
  const expected = v.safeParse(theirs, input);
  const issues: string[] = [];
  const actual = validate(mine, input, issues);
  const shown = inspect(input, { depth: 6, breakLength: Infinity, maxStringLength: 60 });
  assert.equal(actual !== undefined, expected.success, `${expected.success ? 'valibot accepts' : 'valibot rejects'} ${shown}; ours: ${issues.join('; ') || 'accepts'}`);
  if (expected.success) {
    const print = (x: unknown) => inspect(x, { depth: null, breakLength: Infinity, sorted: false });
    assert.equal(print(actual), print(expected.output), `same output for ${shown}`);
    assert.deepStrictEqual(actual, expected.output);
  } else {
    assert.ok(issues.length > 0 && issues.every((issue) => /^\S*: expected /.test(issue)), `issues name a path: ${issues}`);
  }
  return { accepted: expected.success };
}

/** Every single replacement the sweep tries: each boundary and odd value, a missing key, undefined. */
const SWEEP: unknown[] = [
  DROP,
  undefined,
  null,
  true,
  false,
  [],
  {},
  ...NUMBERS,
  ...STRINGS,
  ...CONTRACT_WORDS,
  ...LENGTHS.map((n) => 'A'.repeat(n)),
  ...[2, 3, 6, 7].map((n) => '7'.repeat(n)),
];

describe('the hand-written checks decide and output exactly as the valibot schemas did', () => {
  for (const [name, pair] of Object.entries(PAIRS)) {
    const seeds = examples.get(name) ?? [];

    test(`${name}: every example in docs/openapi.yaml (${seeds.length})`, () => {
      assert.ok(seeds.length > 0, `docs/openapi.yaml has examples of ${name}`);
      for (const seed of seeds) assert.equal(agree(pair, seed).accepted, true, 'the examples are valid');
    });

    test(`${name}: every value of every example replaced by each of ${SWEEP.length} boundary and odd values`, () => {
      for (const seed of seeds) {
        for (const path of pathsOf(seed)) {
          for (const replacement of SWEEP) {
            const input = mutateAt(seed, path, () => replacement);
            agree(pair, input === DROP ? undefined : input);
          }
        }
      }
    });

    test(`${name}: ${RUNS} mutations of the examples`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(mutated(seeds), (input) => {
          if (agree(pair, input).accepted) accepted += 1;
        }),
        { numRuns: RUNS },
      );
      // The property means something only if the mutations land on both sides of the line.
      assert.ok(accepted > RUNS * 0.05 && accepted < RUNS * 0.95, `accepted ${accepted} of ${RUNS}`);
    });

    test(`${name}: ${RUNS / 10} arbitrary values`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.anything(), scalar), (input) => {
          agree(pair, input);
        }),
        { numRuns: RUNS / 10 },
      );
    });
  }
});
