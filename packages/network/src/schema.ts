/**
 * One small validator for every JSON document backprop reads (model files, network2.py
 * files, checkpoints, plugin shapes), so each is checked whole, in one way, before anything
 * is built from it. A schema is a function that returns the checked value or throws a
 * SchemaError naming the path in the document (`state.history[2].epoch`), what was
 * expected and what was found, in at most a few hundred characters. Loaders turn it into
 * their own typed error (ModelFileError, CheckpointError…).
 *
 * Why our own and not zod or valibot: about 150 lines cover what our files need, errors
 * read the way the rest of the project's do, and `@backprop/network` stays dependency-free.
 */

/**
 * A JSON document does not fit its schema: `path` says where, and the message
 * "path: expected …, found …" says what was wanted and what was there.
 */
export class SchemaError extends Error {
  /** "SchemaError", for `error.name` checks and logs. */
  override readonly name = "SchemaError";
  constructor(
    /** Where, in the document's own notation: `weights[1][3]`, `state.rng.s`. "" is the whole. */
    readonly path: string,
    /** What the schema wanted there, e.g. "an integer from 1 to 100000". */
    readonly expected: string,
    /** A short description of what was there (never the whole value). */
    readonly found: string,
  ) {
    super(`${path || "the document"}: expected ${expected}, found ${found}`);
  }
}

/** Checks `value` found at `path`; returns it typed, or throws a SchemaError. */
export type Schema<T> = (value: unknown, path: string) => T;

/** The JSON path of a key or index below `path`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return key.length <= 40 && /^[A-Za-z_$][\w$]*$/.test(key)
    ? `${path ? `${path}.` : ""}${key}`
    : `${path}[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

/** A short description of what was found: never the whole value, however large. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return "an object";
  return typeof value;
}

export function fail(path: string, expected: string, value: unknown): never {
  throw new SchemaError(path, expected, describe(value));
}

/** Limits for {@link number}. */
export interface NumberRule {
  /** Whole numbers only. */
  integer?: boolean;
  /** The smallest value allowed (inclusive). */
  min?: number;
  /** The largest value allowed (inclusive). */
  max?: number;
  /** What the message says is expected, where the default ("an integer from 1 to …") reads badly. */
  expected?: string;
}

/** A finite number (JSON has no NaN or ∞), optionally whole and within [min, max]. */
export function number(rule: NumberRule = {}): Schema<number> {
  const kind = rule.integer ? "an integer" : "a finite number";
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` from ${rule.min} to ${rule.max}`
      : rule.min !== undefined
        ? ` ≥ ${rule.min}`
        : rule.max !== undefined
          ? ` ≤ ${rule.max}`
          : "";
  const expected = rule.expected ?? kind + range;
  return (value, path) => {
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (rule.integer && !Number.isInteger(value)) ||
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max)
    ) {
      fail(path, expected, value);
    }
    return value;
  };
}

/** A string of at most `maxLength` characters (default 10,000, so a file cannot hand over megabytes). */
export function string(rule: { maxLength?: number } = {}): Schema<string> {
  const max = rule.maxLength ?? 10_000;
  return (value, path) => {
    if (typeof value !== "string" || value.length > max)
      fail(path, `a string of at most ${max} characters`, value);
    return value;
  };
}

/** true or false, nothing else (no 0/1, no "true"). */
export const boolean: Schema<boolean> = (value, path) =>
  typeof value === "boolean" ? value : fail(path, "true or false", value);

/** One of a fixed list of values (names, formats): compared with ===, never looked up. */
export function oneOf<const T extends string | number | boolean>(values: readonly T[]): Schema<T> {
  const quoted = values.map((v) => JSON.stringify(v));
  const expected = quoted.length <= 2 ? quoted.join(" or ") : `one of ${quoted.join(", ")}`;
  return (value, path) =>
    values.includes(value as T) ? (value as T) : fail(path, expected, value);
}

/** null, or whatever `schema` accepts. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return (value, path) => (value === null ? null : schema(value, path));
}

/** Length limits for {@link array}, checked before any item is. */
export interface ArrayRule {
  /** Exactly this many entries. */
  length?: number;
  /** At least this many entries. */
  minLength?: number;
  /** At most this many entries. */
  maxLength?: number;
}

/** An array whose length fits `rule` and whose every entry `item` accepts (paths `a[i]`). */
export function array<T>(item: Schema<T>, rule: ArrayRule = {}): Schema<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, "an array", value);
    const n = value.length;
    if (rule.length !== undefined && n !== rule.length)
      throw new SchemaError(path, `${rule.length} entries`, `${n}`);
    if (rule.minLength !== undefined && n < rule.minLength)
      throw new SchemaError(path, `at least ${rule.minLength} entries`, `${n}`);
    if (rule.maxLength !== undefined && n > rule.maxLength)
      throw new SchemaError(path, `at most ${rule.maxLength} entries`, `${n}`);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(value[i], childPath(path, i));
    return out;
  };
}

/** Marks a property that may be absent (or undefined) in an `object` schema. */
export interface Optional<T> {
  /** The schema the property must fit when it is present. */
  readonly optional: Schema<T>;
}
/** Wraps `schema` for a property of an `object` schema that may be absent or undefined. */
export function optional<T>(schema: Schema<T>): Optional<T> {
  return { optional: schema };
}

type Shape = Record<string, Schema<unknown> | Optional<unknown>>;
type Out<S extends Shape> = {
  [K in keyof S as S[K] extends Optional<unknown> ? never : K]: S[K] extends Schema<infer T>
    ? T
    : never;
} & {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Optional<infer T>
    ? T
    : never;
};

/**
 * A plain object with the given properties, read as own properties only (a file's
 * "__proto__" or "constructor" is just a key). Keys not in the shape are left out of the
 * result, unchecked (files from newer versions may add some; what is returned is only what
 * was checked, so nothing unchecked, such as 100,000 nested brackets, is written back
 * later); `strict` refuses them.
 */
export function object<S extends Shape>(shape: S, rule: { strict?: boolean } = {}): Schema<Out<S>> {
  return (value, path) => {
    const record = plainObject(value, path);
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(shape)) {
      const present = Object.hasOwn(record, key) && record[key] !== undefined;
      if ("optional" in entry) {
        if (present) out[key] = entry.optional(record[key], childPath(path, key));
      } else if (present) out[key] = entry(record[key], childPath(path, key));
      else throw new SchemaError(childPath(path, key), "a value", "nothing (the key is missing)");
    }
    if (rule.strict) {
      for (const key of Object.keys(record))
        if (!Object.hasOwn(shape, key))
          throw new SchemaError(childPath(path, key), "no such key", "one");
    }
    return out as Out<S>;
  };
}

/** Any plain object (not null, not an array), its keys unchecked: for reading a format tag first. */
export const anyObject: Schema<Record<string, unknown>> = (value, path) => plainObject(value, path);

function plainObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(path, "an object", value);
  return value as Record<string, unknown>;
}

/**
 * Any JSON value nested at most `maxDepth` deep (metadata, free-form settings): checked
 * without recursion, so a file of 100,000 nested brackets is an error, not a stack overflow.
 */
export function json(maxDepth = 32): Schema<unknown> {
  return (value, path) => {
    const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
    while (stack.length > 0) {
      const top = stack.pop() as { value: unknown; path: string; depth: number };
      const v = top.value;
      if (v === null || typeof v === "string" || typeof v === "boolean") continue;
      if (typeof v === "number") {
        if (!Number.isFinite(v)) fail(top.path, "a finite number", v);
        continue;
      }
      if (typeof v !== "object") fail(top.path, "JSON data", v);
      if (top.depth >= maxDepth)
        throw new SchemaError(top.path, `at most ${maxDepth} levels of nesting`, "more");
      const entries = Array.isArray(v) ? v.entries() : Object.entries(v as object);
      for (const [key, child] of entries)
        stack.push({ value: child, path: childPath(top.path, key), depth: top.depth + 1 });
    }
    return value;
  };
}

/** A JSON object of anything (metadata): `json` for its values, and an object itself. */
export function jsonObject(maxDepth = 32): Schema<Record<string, unknown>> {
  const inner = json(maxDepth);
  return (value, path) => inner(plainObject(value, path), path) as Record<string, unknown>;
}

/** A value that passes `schema` and then `test`; `expected` says what `test` wants. */
export function refine<T>(
  schema: Schema<T>,
  test: (value: T) => boolean,
  expected: string,
): Schema<T> {
  return (value, path) => {
    const checked = schema(value, path);
    if (!test(checked)) fail(path, expected, value);
    return checked;
  };
}

/** The own property `name` of `table`, or undefined: names from files never reach Object.prototype. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
