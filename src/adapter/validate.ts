/**
 * A tiny validator for the JSON the contract's responses carry: just the checks `wire.ts` needs, so the
 * bundle does not ship a general schema library (valibot cost 2.3 KB gzip). It decides exactly as the
 * valibot schemas it replaced did, and outputs the same values (a copy of each object with only the keys
 * its schema knows): test/node/wire-equivalence.test.ts proves that against those schemas, kept as the
 * oracle in test/node/support/valibot-wire.ts.
 *
 * A check walks the input, pushes what is wrong onto `issues` ("status.message: expected ..."), and returns
 * the output; the output means nothing once an issue was pushed. It goes on after an issue, so a developer
 * reading a `bad_response` cause learns every problem at once.
 */
export type Schema<T> = ((input: unknown, issues: string[], path: string) => T) & { optional?: true };

/** The value a check outputs. */
export type Output<C> = C extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] };
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type ObjectOutput<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]> } & { [K in OptionalKeys<S>]?: Output<S[K]> }
>;
/** An object check keeps its shape: a variant reads its options' discriminators from it. */
export type ObjectSchema<S extends Shape> = Schema<ObjectOutput<S>> & { shape: S };

/**
 * The output of `schema` for `input`, or undefined when `input` does not pass (every schema here outputs an
 * object, so undefined is unambiguous). Pass `issues` to learn why.
 */
export function validate<T>(schema: Schema<T>, input: unknown, issues: string[] = []): T | undefined {
  const output = schema(input, issues, '');
  return issues.length ? undefined : output;
}

function passes(check: Schema<unknown>, input: unknown): boolean {
  const issues: string[] = [];
  check(input, issues, '');
  return !issues.length;
}

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : `${key}`);

function fail(issues: string[], path: string, expected: string): void {
  issues.push(`${path || '(body)'}: expected ${expected}`);
}

/** A check of a single value, which passes through unchanged. */
function leaf<T>(test: (input: any) => boolean, expected: string): Schema<T> {
  return (input, issues, path) => {
    if (!test(input)) fail(issues, path, expected);
    return input as T;
  };
}

/** A string of `min` to `max` UTF-16 code units (`length`, as valibot counted), matching `pattern` if given. */
export const string = (max = Infinity, min = 0, pattern?: RegExp) =>
  leaf<string>(
    (s) => typeof s == 'string' && s.length >= min && s.length <= max && (!pattern || pattern.test(s)),
    `string of ${min} to ${max} characters${pattern ? ` matching ${pattern}` : ''}`,
  );

/** A number from `min` to `max`, an integer unless `integer` is false. NaN fails the comparisons. */
export const number = (min: number, max = Infinity, integer = true) =>
  leaf<number>(
    (n) => typeof n == 'number' && n >= min && n <= max && (!integer || Number.isInteger(n)),
    `${integer ? 'integer' : 'number'} from ${min} to ${max}`,
  );

export const boolean = leaf<boolean>((b) => typeof b == 'boolean', 'boolean');

/** One of `values`, compared with `===` (a single value stands for a literal). */
export const oneOf = <const T extends readonly (string | boolean)[]>(values: T) =>
  leaf<T[number]>((x) => values.includes(x), values.join(' | '));

/** An absolute URL, as `new URL` parses it. */
export const url = leaf<string>((s) => {
  try {
    return typeof s == 'string' && !!new URL(s);
  } catch {
    return false;
  }
}, 'URL');

/** The key may be missing (or undefined); when present, its value must pass `check`. */
export const optional = <T>(check: Schema<T>): Schema<T | undefined> & { optional: true } =>
  Object.assign((input: unknown, issues: string[], path: string) => (input === undefined ? input : check(input, issues, path)), {
    optional: true as const,
  });

/** An array of at most `max` items, each passing `item`; outputs a new array of the items' outputs. */
export const array =
  <T>(item: Schema<T>, max = Infinity): Schema<T[]> =>
  (input, issues, path) => {
    if (!Array.isArray(input) || input.length > max) {
      fail(issues, path, `array of at most ${max} items`);
      return [];
    }
    // Array.from visits holes (as undefined), like valibot's loop; `map` would skip them.
    return Array.from(input, (value, index) => item(value, issues, at(path, index)));
  };

const isObject = (input: unknown): input is Record<string, unknown> => !!input && typeof input == 'object';

/**
 * An object with the keys of `shape`; other keys are dropped from the output. As in valibot, any non-null
 * object passes the type test (an array too) and `in` finds a key, so a present but undefined value counts
 * as present.
 */
export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  const check: Schema<ObjectOutput<S>> = (input, issues, path) => {
    const output: Record<string, unknown> = {};
    if (!isObject(input)) fail(issues, path, 'object');
    else
      for (const key in shape) {
        const schema = shape[key]!;
        if (key in input) output[key] = schema(input[key], issues, at(path, key));
        else if (!schema.optional) fail(issues, at(path, key), 'a value');
      }
    return output as ObjectOutput<S>;
  };
  return Object.assign(check, { shape });
}

/**
 * One of several object shapes, told apart by the value of `key`: the first option whose `key` check
 * passes decides. (valibot tries further options only when their discriminators overlap; ours never do.)
 */
export function variant<O extends readonly ObjectSchema<Shape>[]>(key: string, options: O): Schema<Output<O[number]>> {
  return (input, issues, path) => {
    if (!isObject(input)) {
      fail(issues, path, 'object');
      return input as Output<O[number]>;
    }
    const option = key in input && options.find((o) => passes(o.shape[key]!, input[key]));
    if (!option) {
      fail(issues, at(path, key), 'a known value');
      return input as Output<O[number]>;
    }
    return option(input, issues, path) as Output<O[number]>;
  };
}
