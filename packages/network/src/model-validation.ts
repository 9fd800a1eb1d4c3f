import { Matrix } from "@backprop/linalg";
import { ModelFileError } from "./errors";

/** Checks that ran while reading a model file; each throws a ModelFileError naming the path. */

export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ModelFileError(path, `expected an object, found ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function expectArray(value: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(value))
    throw new ModelFileError(path, `expected an array, found ${describe(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new ModelFileError(path, `expected ${length} entries, found ${value.length}`);
  }
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== "string")
    throw new ModelFileError(path, `expected a string, found ${describe(value)}`);
  return value;
}

export function expectSizes(value: unknown, path: string): number[] {
  const sizes = expectArray(value, path);
  if (sizes.length < 2) {
    throw new ModelFileError(
      path,
      `expected at least 2 layer sizes (input and output), found ${sizes.length}`,
    );
  }
  for (const [i, n] of sizes.entries()) {
    if (!Number.isInteger(n) || (n as number) < 1) {
      throw new ModelFileError(
        `${path}[${i}]`,
        `expected a positive integer, found ${describe(n)}`,
      );
    }
  }
  return sizes as number[];
}

/** A rows×cols matrix from nested rows of finite numbers (`columnOfRows`: network2's [[b₀], [b₁], …]). */
export function readMatrix(value: unknown, path: string, rows: number, cols: number): Matrix {
  const list = expectArray(value, path, rows);
  const m = Matrix.zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    const row = expectArray(list[i], `${path}[${i}]`, cols);
    for (let j = 0; j < cols; j++)
      m.data[i * cols + j] = expectFinite(row[j], `${path}[${i}][${j}]`);
  }
  return m;
}

/** A column vector from a flat list of finite numbers. */
export function readVector(value: unknown, path: string, length: number): Matrix {
  const list = expectArray(value, path, length);
  const v = Matrix.zeros(length, 1);
  for (let i = 0; i < length; i++) v.data[i] = expectFinite(list[i], `${path}[${i}]`);
  return v;
}

function expectFinite(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ModelFileError(path, `expected a finite number, found ${describe(value)}`);
  }
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return String(value);
  return typeof value;
}

export function parseJson(source: unknown): unknown {
  if (typeof source !== "string") return source;
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ModelFileError(
      "",
      `not valid JSON (${(error as Error).message}); is this a model file, and was it written completely?`,
    );
  }
}
