/**
 * Keeps `docs/openapi.yaml` honest: the document backend teams implement from must describe the same
 * routes, shapes and examples as the runtime schemas in `src/adapter/wire.ts` that the client enforces.
 * The shapes are compared with the valibot form of those schemas (support/valibot-wire.ts), which a
 * comparison can walk; wire-equivalence.test.ts proves wire.ts's checks decide exactly as that form.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { parse } from 'yaml';
import type { WebAuthnAssertion } from '../../src/adapter/types.js';
import type { PreauthRequestBody, StartTransactionBody, WebAuthnAssertionBody } from '../../src/adapter/wire.js';
import {
  ATTEMPT_HEADER,
  DEVICE_TYPES,
  HTTP_STATUS_FOR_ERROR,
  IDEMPOTENCY_HEADER,
  MAX_RETRY_AFTER_SECONDS,
  MAX_WAIT_SECONDS,
  METHODS,
  REMEMBER_COOKIE,
} from '../../src/adapter/wire.js';
import {
  DeviceSchema,
  ErrorBodySchema,
  PolicySchema,
  PreauthResultSchema,
  StatusUpdateSchema,
  TransactionBodySchema,
} from './support/valibot-wire.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type AnySchema = v.GenericSchema;

const docUrl = new URL('../../docs/openapi.yaml', import.meta.url);
const guideUrl = new URL('../../docs/backend-guide.md', import.meta.url);
const wireUrl = new URL('../../src/adapter/wire.ts', import.meta.url);
const doc = parse(readFileSync(docUrl, 'utf8')) as JsonObject;

/** Document schemas whose instances the client validates, and the valibot schema it validates them with. */
const VALIDATED_BY: Record<string, AnySchema> = {
  PreauthResult: PreauthResultSchema,
  TransactionBody: TransactionBodySchema,
  ErrorBody: ErrorBodySchema,
};

/** Document schemas that must mirror a wire.ts schema field for field. */
const MIRRORS: Record<string, AnySchema> = {
  Device: DeviceSchema,
  Policy: PolicySchema,
  PreauthResult: PreauthResultSchema,
  StatusUpdate: StatusUpdateSchema,
  TransactionBody: TransactionBodySchema,
  ErrorBody: ErrorBodySchema,
};

// Request bodies exist only as TypeScript interfaces; these lists are checked against them at compile time.
type ExactKeys<T, K extends readonly PropertyKey[]> = [Exclude<keyof T, K[number]>] extends [never] ? K : never;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** `K` lists exactly the keys of `T` that are not optional. */
type ExactRequired<T, K extends readonly PropertyKey[]> = [Exclude<RequiredKeys<T>, K[number]>] extends [never]
  ? [Exclude<K[number], RequiredKeys<T>>] extends [never]
    ? K
    : never
  : never;
const PREAUTH_REQUEST_KEYS = ['username', 'ticket'] as const;
const START_REQUEST_KEYS = ['attemptId', 'method', 'deviceId', 'passcode', 'rememberMe'] as const;
const ASSERTION_REQUEST_KEYS = ['credential'] as const;
const CREDENTIAL_KEYS = ['id', 'rawId', 'type', 'response', 'clientExtensionResults', 'authenticatorAttachment'] as const;
const CREDENTIAL_RESPONSE_KEYS = ['clientDataJSON', 'authenticatorData', 'signature', 'userHandle'] as const;
const preauthKeys: ExactKeys<PreauthRequestBody, typeof PREAUTH_REQUEST_KEYS> = PREAUTH_REQUEST_KEYS;
const startKeys: ExactKeys<StartTransactionBody, typeof START_REQUEST_KEYS> = START_REQUEST_KEYS;
const assertionKeys: ExactKeys<WebAuthnAssertionBody, typeof ASSERTION_REQUEST_KEYS> = ASSERTION_REQUEST_KEYS;
const credentialKeys: ExactKeys<WebAuthnAssertion, typeof CREDENTIAL_KEYS> = CREDENTIAL_KEYS;
const credentialResponseKeys: ExactKeys<WebAuthnAssertion['response'], typeof CREDENTIAL_RESPONSE_KEYS> = CREDENTIAL_RESPONSE_KEYS;
const CREDENTIAL_REQUIRED = ['id', 'rawId', 'type', 'response', 'clientExtensionResults'] as const;
const CREDENTIAL_RESPONSE_REQUIRED = ['clientDataJSON', 'authenticatorData', 'signature'] as const;
const credentialRequired: ExactRequired<WebAuthnAssertion, typeof CREDENTIAL_REQUIRED> = CREDENTIAL_REQUIRED;
const credentialResponseRequired: ExactRequired<WebAuthnAssertion['response'], typeof CREDENTIAL_RESPONSE_REQUIRED> =
  CREDENTIAL_RESPONSE_REQUIRED;

/** The rules of the guide's "Security rules for servers", one heading each. */
const SERVER_RULES = 18;

// ---- reading the document -------------------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: Json | undefined, where: string): JsonObject {
  assert.ok(isObject(value), `${where} is an object`);
  return value;
}

/** Follows a local `$ref` (`#/components/...`). */
function resolve(document: JsonObject, value: Json | undefined, where: string): JsonObject {
  const node = objectAt(value, where);
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  assert.ok(ref.startsWith('#/'), `${where}: only local references are used (${ref})`);
  let target: Json | undefined = document;
  for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part] : undefined;
  return resolve(document, target, ref);
}

function refName(value: Json | undefined): string | undefined {
  const ref = isObject(value) ? value['$ref'] : undefined;
  return typeof ref === 'string' ? ref.split('/').at(-1) : undefined;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  method: string;
  path: string;
  node: JsonObject;
}

function operationsOf(document: JsonObject): Operation[] {
  const paths = objectAt(document['paths'], 'paths');
  return Object.entries(paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => isObject(item) && isObject(item[method])).map((method) => ({
      method: method.toUpperCase(),
      path,
      node: objectAt(objectAt(item, path)[method], `${method} ${path}`),
    })),
  );
}

interface Example {
  /** Where the example is, for messages: `POST /preauth 200 auth`. */
  where: string;
  /** The HTTP status for a response example, undefined for a request example. */
  status?: number;
  /** The component name of the body's schema, e.g. `TransactionBody`. */
  schemaName: string | undefined;
  value: Json;
}

/** Named examples of a `content` map's JSON media type; every body must have at least one. */
function examplesOf(document: JsonObject, content: Json | undefined, where: string): Omit<Example, 'status'>[] {
  const media = resolve(document, objectAt(content, `${where} content`)['application/json'], `${where} application/json`);
  const examples = objectAt(media['examples'], `${where} examples`);
  assert.ok(Object.keys(examples).length > 0, `${where} has examples`);
  return Object.entries(examples).map(([name, example]) => {
    const value = resolve(document, example, `${where} ${name}`)['value'];
    assert.ok(value !== undefined, `${where} ${name} has a value`);
    return { where: `${where} ${name}`, schemaName: refName(media['schema']), value };
  });
}

function requestExamples(document: JsonObject): Example[] {
  return operationsOf(document).flatMap(({ method, path, node }) => {
    if (node['requestBody'] === undefined) return [];
    const body = resolve(document, node['requestBody'], `${method} ${path} requestBody`);
    return examplesOf(document, body['content'], `${method} ${path} request`);
  });
}

function responseExamples(document: JsonObject): Example[] {
  return operationsOf(document).flatMap(({ method, path, node }) =>
    Object.entries(objectAt(node['responses'], `${method} ${path} responses`)).flatMap(([status, ref]) => {
      const response = resolve(document, ref, `${method} ${path} ${status}`);
      if (response['content'] === undefined) return [];
      return examplesOf(document, response['content'], `${method} ${path} ${status}`).map((example) => ({
        ...example,
        status: Number(status),
      }));
    }),
  );
}

function schemaOf(document: JsonObject, name: string): JsonObject {
  const schemas = objectAt(objectAt(document['components'], 'components')['schemas'], 'components.schemas');
  return objectAt(schemas[name], `components.schemas.${name}`);
}

// ---- checking the examples against wire.ts --------------------------------------------------------

const STATUS_FOR_CODE: Record<string, number> = HTTP_STATUS_FOR_ERROR;

/** Every way the document's examples disagree with wire.ts; empty when they agree. */
function exampleProblems(document: JsonObject): string[] {
  const problems: string[] = [];
  for (const example of responseExamples(document)) {
    const schema = example.schemaName === undefined ? undefined : VALIDATED_BY[example.schemaName];
    if (schema === undefined) {
      problems.push(`${example.where}: body schema ${example.schemaName ?? '(inline)'} has no wire.ts counterpart`);
      continue;
    }
    const isError = example.status !== undefined && example.status >= 400;
    if (isError !== (example.schemaName === 'ErrorBody')) {
      problems.push(`${example.where}: a ${example.status} response must ${isError ? '' : 'not '}use ErrorBody`);
    }
    const result = v.safeParse(schema, example.value);
    if (!result.success) {
      const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
      problems.push(`${example.where}: does not match ${example.schemaName}: ${issues.join('; ')}`);
      continue;
    }
    if (isError) {
      const code = (result.output as v.InferOutput<typeof ErrorBodySchema>).error.code;
      const expected = STATUS_FOR_CODE[code];
      if (expected !== example.status) {
        problems.push(`${example.where}: code ${code} belongs to HTTP ${expected ?? '(none: not a server code)'}`);
      }
    }
  }
  return problems;
}

// ---- comparing the document's schemas with wire.ts's ----------------------------------------------

/** A schema reduced to what both sides can express: types, fields, required-ness, enums and bounds. */
type Shape =
  | { kind: 'object'; properties: Record<string, Shape>; required: string[] }
  | { kind: 'array'; items: Shape; minItems?: number; maxItems?: number }
  | { kind: 'string'; minLength?: number; maxLength?: number; format?: string; pattern?: string }
  | { kind: 'number' | 'integer'; minimum?: number; maximum?: number }
  | { kind: 'boolean' }
  | { kind: 'const'; value: Json }
  | { kind: 'enum'; values: string[] }
  | { kind: 'oneOf'; discriminator: string; options: Shape[] };

const sortShapes = (shapes: Shape[]): Shape[] =>
  [...shapes].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const enumShape = (values: readonly Json[]): Shape =>
  values.length === 1 ? { kind: 'const', value: values[0] as Json } : { kind: 'enum', values: values.map(String).sort() };

interface ValibotAction {
  kind: string;
  type: string;
  requirement?: unknown;
  pipe?: ValibotAction[];
}

interface ValibotNode {
  type: string;
  pipe?: ValibotAction[];
  entries?: Record<string, ValibotNode>;
  wrapped?: ValibotNode;
  item?: ValibotNode;
  options?: ValibotNode[] | Json[];
  literal?: Json;
  key?: string;
}

/** A schema's validations, including those of a piped schema it extends (`v.pipe(Base64url, v.minLength(16))`). */
function actionsOf(schema: { pipe?: ValibotAction[] }): ValibotAction[] {
  const [base, ...actions] = schema.pipe ?? [];
  return [...(base === undefined ? [] : actionsOf(base)), ...actions];
}

function shapeOfValibot(schema: ValibotNode): Shape {
  const actions = actionsOf(schema);
  const bound = (type: string): number | undefined => {
    const action = actions.find((a) => a.type === type);
    return action === undefined ? undefined : Number(action.requirement);
  };
  for (const action of actions) {
    const known = ['min_length', 'max_length', 'url', 'integer', 'min_value', 'max_value', 'regex'];
    assert.ok(known.includes(action.type), `the comparison understands valibot's ${action.type}; teach it`);
  }
  switch (schema.type) {
    case 'object':
      return {
        kind: 'object',
        properties: Object.fromEntries(
          Object.entries(schema.entries ?? {}).map(([key, entry]) => [
            key,
            shapeOfValibot(entry.type === 'optional' ? (entry.wrapped as ValibotNode) : entry),
          ]),
        ),
        required: Object.entries(schema.entries ?? {})
          .filter(([, entry]) => entry.type !== 'optional')
          .map(([key]) => key)
          .sort(),
      };
    case 'array':
      return withDefined({
        kind: 'array',
        items: shapeOfValibot(schema.item as ValibotNode),
        minItems: bound('min_length'),
        maxItems: bound('max_length'),
      });
    case 'string':
      return withDefined({
        kind: 'string',
        minLength: bound('min_length'),
        maxLength: bound('max_length'),
        format: actions.some((a) => a.type === 'url') ? 'uri' : undefined,
        pattern: (actions.find((a) => a.type === 'regex')?.requirement as RegExp | undefined)?.source,
      });
    case 'number':
      return withDefined({
        kind: actions.some((a) => a.type === 'integer') ? 'integer' : 'number',
        minimum: bound('min_value'),
        maximum: bound('max_value'),
      });
    case 'boolean':
      return { kind: 'boolean' };
    case 'literal':
      return enumShape([schema.literal as Json]);
    case 'picklist':
      return enumShape(schema.options as Json[]);
    case 'variant':
      return {
        kind: 'oneOf',
        discriminator: schema.key as string,
        options: sortShapes((schema.options as ValibotNode[]).map(shapeOfValibot)),
      };
    default:
      throw new Error(`the comparison does not understand valibot's ${schema.type}; teach it`);
  }
}

/** Keywords that only describe; everything else in a document schema must be understood below. */
const DESCRIPTIVE = new Set(['description', 'title', 'example', 'examples', 'deprecated', 'externalDocs']);
const STRUCTURAL = new Set(['$ref', 'type', 'properties', 'required', 'items', 'enum', 'const', 'format', 'pattern']);
const BOUNDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

function shapeOfJsonSchema(document: JsonObject, value: Json | undefined, where: string): Shape {
  let node = objectAt(value, where);
  if (typeof node['$ref'] === 'string') {
    const { $ref: _ref, ...siblings } = node;
    node = { ...resolve(document, node, where), ...siblings };
  }
  for (const key of Object.keys(node)) {
    const understood = DESCRIPTIVE.has(key) || STRUCTURAL.has(key) || (BOUNDS as readonly string[]).includes(key);
    if (!understood && key !== 'oneOf' && key !== 'discriminator') {
      assert.fail(`${where}: the comparison does not understand the keyword ${key}; teach it`);
    }
  }
  if (Array.isArray(node['oneOf'])) {
    const discriminator = objectAt(node['discriminator'], `${where}.discriminator`)['propertyName'];
    assert.equal(typeof discriminator, 'string', `${where} names its discriminator`);
    return {
      kind: 'oneOf',
      discriminator: discriminator as string,
      options: sortShapes(node['oneOf'].map((option, i) => shapeOfJsonSchema(document, option, `${where}.oneOf[${i}]`))),
    };
  }
  if (node['const'] !== undefined) return enumShape([node['const']]);
  if (Array.isArray(node['enum'])) return enumShape(node['enum']);
  const bounds = Object.fromEntries(BOUNDS.map((key) => [key, node[key] as number | undefined]));
  switch (node['type']) {
    case 'object': {
      const properties = objectAt(node['properties'] ?? {}, `${where}.properties`);
      return {
        kind: 'object',
        properties: Object.fromEntries(
          Object.entries(properties).map(([key, property]) => [
            key,
            shapeOfJsonSchema(document, property, `${where}.${key}`),
          ]),
        ),
        required: [...((node['required'] as string[] | undefined) ?? [])].sort(),
      };
    }
    case 'array':
      return withDefined({
        kind: 'array',
        items: shapeOfJsonSchema(document, node['items'], `${where}.items`),
        minItems: bounds['minItems'],
        maxItems: bounds['maxItems'],
      });
    case 'string':
      return withDefined({
        kind: 'string',
        minLength: bounds['minLength'],
        maxLength: bounds['maxLength'],
        format: node['format'] as string | undefined,
        pattern: node['pattern'] as string | undefined,
      });
    case 'number':
    case 'integer':
      return withDefined({ kind: node['type'], minimum: bounds['minimum'], maximum: bounds['maximum'] });
    case 'boolean':
      return { kind: 'boolean' };
    default:
      throw new Error(`${where}: the comparison does not understand type ${JSON.stringify(node['type'])}`);
  }
}

function withDefined<T extends object>(shape: T): T {
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined)) as T;
}

// ---- helpers for the enum checks -------------------------------------------------------------------

/** The values a valibot variant accepts for its discriminator, in all its options together. */
function discriminatorValues(schema: AnySchema): string[] {
  const variant = schema as unknown as ValibotNode;
  return (variant.options as ValibotNode[])
    .flatMap((option) => {
      const key = option.entries?.[variant.key as string] as ValibotNode;
      return key.type === 'literal' ? [key.literal as string] : (key.options as string[]);
    })
    .sort();
}

const sorted = (values: readonly string[]): string[] => [...values].sort();
const enumOf = (name: string): string[] => sorted(schemaOf(doc, name)['enum'] as string[]);

// ---- the specification --------------------------------------------------------------------------------

describe('docs/openapi.yaml', () => {
  it('is an OpenAPI 3.1 document', () => {
    assert.match(String(doc['openapi']), /^3\.1\.\d+$/);
    assert.ok(isObject(doc['info']) && typeof doc['info']['version'] === 'string', 'info.version is set');
  });

  it('documents every route in the header of wire.ts, with its method and success status', () => {
    const header = readFileSync(wireUrl, 'utf8').split('*/')[0] ?? '';
    const routes = [...header.matchAll(/^\s*\*\s+(GET|POST|PUT|PATCH|DELETE)\s+(\S+).*?->\s*(\d{3})/gm)];
    assert.ok(routes.length >= 5, 'the header of wire.ts lists the routes');
    const operations = operationsOf(doc);
    for (const [, method, target, status] of routes) {
      const [path, query] = (target as string).split('?') as [string, string | undefined];
      const operation = operations.find((op) => op.method === method && op.path === path);
      assert.ok(operation, `${method} ${path} is documented`);
      const responses = objectAt(operation.node['responses'], `${method} ${path} responses`);
      assert.ok(responses[status as string], `${method} ${path} answers ${status}`);
      const parameterNames = ((operation.node['parameters'] as Json[] | undefined) ?? []).map(
        (parameter) => resolve(doc, parameter, `${method} ${path} parameter`)['name'],
      );
      for (const name of [...(query ?? '').matchAll(/(\w+)=/g)].map((match) => match[1])) {
        assert.ok(parameterNames.includes(name as string), `${method} ${path} takes the query parameter ${name}`);
      }
    }
    assert.equal(operations.length, routes.length, 'the document has no routes that wire.ts does not list');
  });

  it('every response body example passes the wire.ts schema the client validates it with', (t) => {
    const examples = responseExamples(doc);
    const distinct = new Set(examples.map((example) => example.value)).size;
    t.diagnostic(`${distinct} response examples checked (${examples.length} uses: shared error examples count once per route)`);
    assert.deepEqual(exampleProblems(doc), []);
  });

  it('every error example carries the code that HTTP_STATUS_FOR_ERROR fixes for its status', () => {
    const errors = responseExamples(doc).filter((example) => (example.status ?? 0) >= 400);
    assert.ok(errors.length > 0);
    for (const example of errors) {
      const code = (example.value as { error: { code: string } }).error.code;
      assert.equal(STATUS_FOR_CODE[code], example.status, `${example.where}: ${code}`);
    }
  });

  it('a broken example is caught', () => {
    const broken = structuredClone(doc);
    const examples = responseExamples(broken);
    const allow = examples.find((e) => isObject(e.value) && isObject(e.value['status']) && e.value['status']['status'] === 'allow');
    const limited = examples.find((e) => e.status === 429);
    assert.ok(allow && limited && isObject(allow.value) && isObject(limited.value));
    delete objectAt(allow.value['status'], 'status')['token'];
    objectAt(limited.value['error'], 'error')['code'] = 'expired';
    const problems = exampleProblems(broken);
    assert.ok(problems.some((p) => p.startsWith(allow.where) && p.includes('token')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith(limited.where) && p.includes('404')), problems.join('\n'));
  });

  it('documents every error status of HTTP_STATUS_FOR_ERROR with ErrorBody, and Retry-After on 429', () => {
    const allowed = new Set<number>(Object.values(HTTP_STATUS_FOR_ERROR));
    const seen = new Set<number>();
    for (const { method, path, node } of operationsOf(doc)) {
      for (const [status, ref] of Object.entries(objectAt(node['responses'], 'responses'))) {
        const code = Number(status);
        if (code < 400) continue;
        seen.add(code);
        assert.ok(allowed.has(code), `${method} ${path} ${status} is a status the contract defines`);
        const response = resolve(doc, ref, `${method} ${path} ${status}`);
        const media = objectAt(objectAt(response['content'], 'content')['application/json'], 'application/json');
        assert.equal(refName(media['schema']), 'ErrorBody', `${method} ${path} ${status} uses ErrorBody`);
        if (code === 429) {
          const header = resolve(doc, objectAt(response['headers'], 'headers')['Retry-After'], 'Retry-After');
          assert.equal(header['required'], true, `${method} ${path} 429 always sends Retry-After`);
        }
      }
    }
    assert.deepEqual([...seen].sort(), [...allowed].sort());
  });

  it('the example exchanges in backend-guide.md follow the same schemas', () => {
    const blocks = [...readFileSync(guideUrl, 'utf8').matchAll(/```http\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    let responses = 0;
    for (const block of blocks) {
      const [head = '', body] = block.split(/\n\n/, 2);
      const firstLine = head.split('\n')[0] ?? '';
      const status = /^HTTP\/1\.1 (\d{3})/.exec(firstLine)?.[1];
      if (body === undefined) continue;
      const json = JSON.parse(body) as Json;
      if (status !== undefined) {
        responses += 1;
        const code = Number(status);
        const schema = code >= 400 ? ErrorBodySchema : isObject(json) && 'result' in json ? PreauthResultSchema : TransactionBodySchema;
        const result = v.safeParse(schema, json);
        assert.ok(result.success, `${firstLine}: ${body}`);
        if (code >= 400) assert.equal(STATUS_FOR_CODE[(json as { error: { code: string } }).error.code], code, firstLine);
      } else {
        const keys: readonly string[] = firstLine.endsWith('/preauth HTTP/1.1')
          ? preauthKeys
          : firstLine.endsWith('/assertion HTTP/1.1')
            ? assertionKeys
            : startKeys;
        for (const key of Object.keys(objectAt(json, firstLine))) assert.ok(keys.includes(key), `${firstLine}: ${key}`);
      }
    }
    assert.ok(responses >= 5, 'the guide shows example responses');
  });

  it('the guide\'s example requests carry the headers and the ticket the rules require', () => {
    const blocks = [...readFileSync(guideUrl, 'utf8').matchAll(/```http\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    const requests = blocks
      .map((block, index) => ({ block, index, lines: (block.split(/\n\n/, 1)[0] ?? '').split('\n') }))
      .filter(({ lines }) => / HTTP\/1\.1$/.test(lines[0] ?? ''));
    const header = (lines: string[], name: string): string | undefined =>
      lines.find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}: `))?.slice(name.length + 2);
    let starts = 0;
    let bound = 0;
    let preauths = 0;
    for (const { block, index, lines } of requests) {
      const [method, target] = (lines[0] ?? '').split(' ') as [string, string];
      const path = target.replace(/^\/mfa/, '').split('?')[0] as string;
      if (method === 'POST' && path === '/transactions') {
        starts += 1;
        const key = header(lines, IDEMPOTENCY_HEADER);
        assert.ok(key && /^[\x21-\x7E]{1,200}$/.test(key), `${lines[0]} carries ${IDEMPOTENCY_HEADER}`);
      } else if (path.startsWith('/transactions/')) {
        bound += 1;
        assert.match(header(lines, ATTEMPT_HEADER) ?? '', /^att_\w+$/, `${lines[0]} carries ${ATTEMPT_HEADER}`);
      } else if (path === '/preauth') {
        preauths += 1;
        const body = JSON.parse(block.split(/\n\n/, 2)[1] ?? '{}') as JsonObject;
        // A preauth without a ticket appears only to show its answer: 400 invalid_request.
        if (!('ticket' in body)) assert.match(blocks[index + 1] ?? '', /^HTTP\/1\.1 400 [\s\S]*"invalid_request"/, `${lines[0]} without a ticket`);
      }
    }
    assert.ok(starts >= 3 && bound >= 3 && preauths >= 2, `${starts} starts, ${bound} txid requests, ${preauths} preauths shown`);
  });

  it(`the guide states the ${SERVER_RULES} server rules once each, and its checklist names only those rules`, () => {
    const guide = readFileSync(guideUrl, 'utf8');
    const section = guide.split('## Security rules for servers')[1]?.split(/\n## /)[0] ?? '';
    const headings = [...section.matchAll(/^### (\d+)\. (.+)$/gm)];
    assert.deepEqual(headings.map((m) => Number(m[1])), Array.from({ length: SERVER_RULES }, (_, i) => i + 1));
    const names = headings.map((m) => (m[2] as string).toLowerCase());
    assert.equal(new Set(names).size, SERVER_RULES, `${SERVER_RULES} different names`);
    for (const name of names) {
      assert.equal(guide.split(`\n### `).filter((h) => h.toLowerCase().includes(`. ${name}\n`)).length, 1, `${name} stated once`);
    }
    const checklist = guide.split('## Security checklist')[1]?.split(/\n## /)[0] ?? '';
    const named = [...checklist.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => (m[1] as string).replace(/\s+/g, ' ').toLowerCase());
    for (const name of named) assert.ok(names.includes(name), `the checklist's ${name} is a rule`);
    for (const name of names) assert.ok(named.includes(name), `the checklist names ${name}`);
  });

  it('names the attempt header ATTEMPT_HEADER and the idempotency header IDEMPOTENCY_HEADER, on the routes that take them', () => {
    const headersOf = (node: JsonObject): JsonObject[] =>
      ((node['parameters'] as Json[] | undefined) ?? [])
        .map((p) => resolve(doc, p, 'parameter'))
        .filter((p) => p['in'] === 'header');
    for (const { method, path, node } of operationsOf(doc)) {
      const headers = headersOf(node);
      if (path.includes('{txid}')) {
        // attempt binding: polls, cancels and assertions name their attempt, always.
        assert.deepEqual(headers.map((h) => [h['name'], h['required']]), [[ATTEMPT_HEADER, true]], `${method} ${path}`);
        assert.equal(refName(headers[0]?.['schema']), 'Id', `${method} ${path}: the header holds an attemptId`);
        const gone = resolve(doc, objectAt(node['responses'], 'responses')['404'], `${method} ${path} 404`);
        assert.match(String(gone['description']), new RegExp(`${ATTEMPT_HEADER}[\\s\\S]*token`), `${method} ${path} 404 says why`);
      } else if (method === 'POST' && path === '/transactions') {
        // idempotent starts: optional, so older clients still work.
        assert.deepEqual(headers.map((h) => [h['name'], h['required']]), [[IDEMPOTENCY_HEADER, false]]);
        const schema = objectAt(headers[0]?.['schema'], 'Idempotency-Key schema');
        assert.deepEqual([schema['minLength'], schema['maxLength']], [1, 200]);
        const pattern = new RegExp(String(schema['pattern']));
        assert.ok(pattern.test(String(headers[0]?.['example'])) && !pattern.test('two words') && !pattern.test('é'), 'visible ASCII');
      } else {
        assert.deepEqual(headers, [], `${method} ${path} takes no header parameter`);
      }
    }
  });

  it('preauth requires the first-factor ticket: 400 without one, 404 for one it does not accept', () => {
    assert.deepEqual(schemaOf(doc, 'PreauthRequest')['required'], ['ticket']);
    const preauth = operationsOf(doc).find((op) => op.method === 'POST' && op.path === '/preauth');
    assert.ok(preauth);
    const responses = objectAt(preauth.node['responses'], 'responses');
    const missing = examplesOf(doc, resolve(doc, responses['400'], '400')['content'], 'preauth 400');
    assert.ok(missing.some((e) => /ticket/i.test(JSON.stringify(e.value))), 'the 400 example is the missing ticket');
    const rejected = resolve(doc, responses['404'], 'preauth 404');
    for (const why of ['malformed', 'signed', 'expired', 'unknown user', 'username']) {
      assert.ok(String(rejected['description']).includes(why), `the 404 covers: ${why}`);
    }
    assert.equal(examplesOf(doc, rejected['content'], 'preauth 404').length, 1, 'one answer for every rejected ticket');
  });

  it('documents Retry-After on every 429 and 503 with the cap MAX_RETRY_AFTER_SECONDS, as the guide does', () => {
    const cap = `${MAX_RETRY_AFTER_SECONDS} seconds`;
    for (const { method, path, node } of operationsOf(doc)) {
      for (const status of ['429', '503']) {
        const response = resolve(doc, objectAt(node['responses'], 'responses')[status], `${method} ${path} ${status}`);
        const header = resolve(doc, objectAt(response['headers'], `${status} headers`)['Retry-After'], 'Retry-After');
        assert.ok(String(header['description']).includes(cap), `${method} ${path} ${status}: Retry-After says the client waits at most ${cap}`);
      }
    }
    const guide = readFileSync(guideUrl, 'utf8');
    const rule = guide.split('### 12. Retry-After')[1]?.split('\n### ')[0] ?? '';
    assert.ok(rule.includes(`up to ${MAX_RETRY_AFTER_SECONDS} s`) && rule.includes('MAX_RETRY_AFTER_SECONDS'), 'rule 12 states the cap');
    const examples = responseExamples(doc).filter((e) => e.status === 429 || e.status === 503);
    for (const example of examples) {
      const wait = (example.value as { error: { retryAfter?: number } }).error.retryAfter ?? 0;
      assert.ok(wait <= MAX_RETRY_AFTER_SECONDS, `${example.where}: retryAfter ${wait} is within the cap`);
    }
  });

  it('has examples for every request body, with only the fields the TypeScript request types define', () => {
    const fields: Record<string, readonly string[]> = {
      PreauthRequest: preauthKeys,
      StartTransactionRequest: startKeys,
      WebAuthnAssertionRequest: assertionKeys,
    };
    for (const [name, keys] of Object.entries(fields)) {
      assert.deepEqual(sorted(Object.keys(objectAt(schemaOf(doc, name)['properties'], name))), sorted(keys));
    }
    const examples = requestExamples(doc);
    assert.ok(examples.length > 0);
    for (const example of examples) {
      const keys = fields[example.schemaName ?? ''];
      assert.ok(keys, `${example.where} uses a known request schema`);
      const value = objectAt(example.value, example.where);
      for (const key of Object.keys(value)) assert.ok(keys.includes(key), `${example.where}: ${key} is a field`);
      const required = (schemaOf(doc, example.schemaName as string)['required'] as string[] | undefined) ?? [];
      for (const key of required) assert.ok(key in value, `${example.where} has ${key}`);
      if ('method' in value) assert.ok((METHODS as readonly Json[]).includes(value['method'] as Json));
    }
  });

  it('describes the assertion body as WebAuthnAssertion does: fields, required-ness, base64url values', () => {
    const credential = resolve(doc, objectAt(schemaOf(doc, 'WebAuthnAssertionRequest')['properties'], 'properties')['credential'], 'credential');
    const response = resolve(doc, objectAt(credential['properties'], 'credential')['response'], 'credential.response');
    for (const [node, keys, required, where] of [
      [credential, credentialKeys, credentialRequired, 'credential'],
      [response, credentialResponseKeys, credentialResponseRequired, 'credential.response'],
    ] as const) {
      assert.deepEqual(sorted(Object.keys(objectAt(node['properties'], where))), sorted(keys), `${where} fields`);
      assert.deepEqual(sorted((node['required'] as string[] | undefined) ?? []), sorted(required), `${where} required`);
    }
    for (const key of ['clientDataJSON', 'authenticatorData', 'signature', 'userHandle']) {
      const field = resolve(doc, objectAt(response['properties'], 'response')[key], key);
      assert.equal(field['pattern'], '^[A-Za-z0-9_-]*$', `${key} is base64url`);
    }
    const examples = requestExamples(doc).filter((e) => e.schemaName === 'WebAuthnAssertionRequest');
    assert.ok(examples.length > 0, 'the assertion route has a request example');
    for (const example of examples) {
      const value = objectAt(objectAt(example.value, example.where)['credential'], `${example.where} credential`);
      for (const key of Object.keys(value)) assert.ok((credentialKeys as readonly string[]).includes(key), `${example.where}: ${key}`);
      for (const key of Object.keys(objectAt(value['response'], 'response'))) {
        assert.ok((credentialResponseKeys as readonly string[]).includes(key), `${example.where}: response.${key}`);
      }
    }
  });

  it('shows a verified push, the time limits, a WebAuthn challenge and the assertion route answering allow and deny', () => {
    const examples = responseExamples(doc);
    const statusOf = (e: Example): JsonObject | undefined =>
      isObject(e.value) && isObject(e.value['status']) ? e.value['status'] : undefined;
    const has = (predicate: (status: JsonObject) => boolean) => examples.some((e) => {
      const status = statusOf(e);
      return status !== undefined && predicate(status);
    });
    assert.ok(has((s) => s['status'] === 'pushed' && typeof s['verificationCode'] === 'string'), 'a verified push');
    assert.ok(has((s) => s['status'] === 'pushed' && s['verificationCode'] === undefined), 'a classic push (older backends)');
    assert.ok(has((s) => s['status'] === 'calling' && typeof s['expiresInSeconds'] === 'number'), 'a call with expiresInSeconds');
    assert.ok(has((s) => s['status'] === 'sent' && typeof s['resendInSeconds'] === 'number'), 'an SMS batch with resendInSeconds');
    assert.ok(has((s) => s['status'] === 'challenge' && isObject(s['publicKey'])), 'a WebAuthn challenge');
    const answers = examples.filter((e) => e.where.startsWith('POST /transactions/{txid}/assertion 200'));
    const finals = answers.map((e) => statusOf(e)).filter((s) => s?.['final'] === true).map((s) => s?.['status']);
    assert.equal(finals.length, answers.length, 'an assertion is always answered with a final status');
    assert.ok(finals.includes('allow') && finals.includes('deny'), 'the assertion route answers allow and deny');
  });

  it('every transaction status, preauth result and server error code appears in an example', () => {
    const bodies = responseExamples(doc).map((example) => example.value);
    const statuses = new Set(bodies.map((body) => (isObject(body) && isObject(body['status']) ? body['status']['status'] : undefined)));
    const results = new Set(bodies.map((body) => (isObject(body) ? body['result'] : undefined)));
    const codes = new Set(bodies.map((body) => (isObject(body) && isObject(body['error']) ? body['error']['code'] : undefined)));
    for (const status of discriminatorValues(StatusUpdateSchema)) assert.ok(statuses.has(status), `an example shows ${status}`);
    for (const result of discriminatorValues(PreauthResultSchema)) assert.ok(results.has(result), `an example shows ${result}`);
    for (const code of Object.keys(HTTP_STATUS_FOR_ERROR)) assert.ok(codes.has(code), `an example shows ${code}`);
  });

  it('lists the same transaction statuses, preauth results, methods, device types and server error codes as wire.ts', () => {
    assert.deepEqual(enumOf('TransactionStatus'), discriminatorValues(StatusUpdateSchema));
    const statusMapping = objectAt(objectAt(schemaOf(doc, 'StatusUpdate')['discriminator'], 'discriminator')['mapping'], 'mapping');
    assert.deepEqual(sorted(Object.keys(statusMapping)), discriminatorValues(StatusUpdateSchema));
    const resultMapping = objectAt(objectAt(schemaOf(doc, 'PreauthResult')['discriminator'], 'discriminator')['mapping'], 'mapping');
    assert.deepEqual(sorted(Object.keys(resultMapping)), discriminatorValues(PreauthResultSchema));
    assert.deepEqual(enumOf('Method'), sorted(METHODS));
    assert.deepEqual(enumOf('DeviceType'), sorted(DEVICE_TYPES));
    assert.deepEqual(enumOf('ServerErrorCode'), sorted(Object.keys(HTTP_STATUS_FOR_ERROR)));
  });

  it('maps each discriminator value to the branch that accepts it', () => {
    for (const name of ['StatusUpdate', 'PreauthResult']) {
      const discriminator = objectAt(schemaOf(doc, name)['discriminator'], `${name}.discriminator`);
      const property = discriminator['propertyName'] as string;
      for (const [value, ref] of Object.entries(objectAt(discriminator['mapping'], `${name} mapping`))) {
        const branch = resolve(doc, { $ref: ref }, `${name} mapping ${value}`);
        const field = objectAt(objectAt(branch['properties'], 'properties')[property], property);
        const accepted = field['const'] !== undefined ? [field['const']] : (field['enum'] as Json[]);
        assert.ok(accepted.includes(value), `${name}: ${value} maps to ${ref}, which accepts it`);
      }
    }
  });

  for (const [name, schema] of Object.entries(MIRRORS)) {
    it(`schema ${name} mirrors wire.ts: same fields, required-ness, enums and bounds`, () => {
      assert.deepEqual(
        shapeOfJsonSchema(doc, schemaOf(doc, name), name),
        shapeOfValibot(schema as unknown as ValibotNode),
      );
    });
  }

  it('bounds the long poll by MAX_WAIT_SECONDS and names the remembered-device cookie REMEMBER_COOKIE', () => {
    const poll = operationsOf(doc).find((op) => op.method === 'GET' && op.path === '/transactions/{txid}');
    assert.ok(poll);
    const parameters = ((poll.node['parameters'] as Json[] | undefined) ?? []).map((p) => resolve(doc, p, 'parameter'));
    const wait = parameters.find((p) => p['name'] === 'wait' && p['in'] === 'query');
    assert.equal(objectAt(wait?.['schema'], 'wait schema')['maximum'], MAX_WAIT_SECONDS);
    const preauth = operationsOf(doc).find((op) => op.path === '/preauth');
    const cookies = ((preauth?.node['parameters'] as Json[] | undefined) ?? [])
      .map((p) => resolve(doc, p, 'parameter'))
      .filter((p) => p['in'] === 'cookie');
    assert.deepEqual(cookies.map((p) => p['name']), [REMEMBER_COOKIE]);
    const setCookie = resolve(doc, { $ref: '#/components/headers/SetRememberedDeviceCookie' }, 'Set-Cookie');
    const example = String(setCookie['example']);
    assert.ok(example.startsWith(`${REMEMBER_COOKIE}=`), example);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict']) assert.ok(example.includes(attribute), attribute);
  });
});
