import { UnknownNameError } from "@backprop/activations";
import { ModelFileError } from "./errors";
import { array, number, type Schema, SchemaError } from "./schema";

/**
 * The pieces model files (ours and network2.py's) share, built on schema.ts. Every check
 * runs on the parsed JSON before anything is allocated from what the file declares: a
 * weight matrix is read only after its rows and columns were counted in the file itself,
 * so a 171-byte file declaring sizes [30000, 30000] costs nothing.
 */

/** Layer sizes: at least input and output, each a positive whole number. */
export const sizesSchema: Schema<number[]> = array(
  number({ integer: true, min: 1, max: 2 ** 31 - 1, expected: "a positive integer" }),
  {
    minLength: 2,
    maxLength: 10_000,
  },
);

/** rows × cols finite numbers as nested rows, flattened row-major (row i is `[path][i]`). */
export function matrixSchema(rows: number, cols: number): Schema<number[][]> {
  return array(array(number(), { length: cols }), { length: rows });
}

/** A flat list of `length` finite numbers. */
export function vectorSchema(length: number): Schema<number[]> {
  return array(number(), { length });
}

/** JSON text or an already parsed value. */
export function parseJson(source: unknown): unknown {
  if (typeof source !== "string") return source;
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ModelFileError(
      "",
      `not valid JSON (${(error as Error).message.slice(0, 120)}); is this a model file, and was it written completely?`,
    );
  }
}

/** Runs `read`, turning a SchemaError into the ModelFileError a caller expects. */
export function asModelFileError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SchemaError) {
      throw new ModelFileError(error.path, `expected ${error.expected}, found ${error.found}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Copies checked nested rows into a flat, row-major array (the layout Matrix.data has). */
export function flattenRows(
  rows: readonly (readonly number[])[],
  into: { data: ArrayLike<number> & { [i: number]: number } },
): void {
  let k = 0;
  for (const row of rows) for (const v of row) into.data[k++] = v;
}

/**
 * Resolves a stored activation or cost name, turning an unknown one into a ModelFileError
 * at `path` that says how to pass it in.
 */
export function resolveName<T>(lookup: () => T, path: string): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof UnknownNameError) {
      const option = error.kind === "activation" ? "activations" : "costs";
      throw new ModelFileError(
        path,
        `${error.message} If the model was trained with a plugin, load it with { ${option}: [yourOwn] } or register it first.`,
        { cause: error }, // the UnknownNameError, for callers that give other advice (the CLI)
      );
    }
    throw error;
  }
}
