/**
 * The IDX element types (LeCun's MNIST page): the third byte of the magic number names
 * the type, and every multi-byte value is big-endian.
 */

export type IdxType = "ubyte" | "byte" | "short" | "int" | "float" | "double";
/** The typed array holding an IDX file's values: one per IdxType, in the same order. */
export type IdxData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** One IDX file in memory: the element type, the dimensions, and the values in row-major order. */
export interface IdxTensor {
  /** The element type the magic number names ("ubyte" for MNIST). */
  readonly type: IdxType;
  /** The dimensions from the header, e.g. [60000, 28, 28] for MNIST's training images. */
  readonly dims: readonly number[];
  /** The values (the product of dims of them), row-major, in the typed array of `type`. */
  readonly data: IdxData;
}

export interface IdxTypeInfo {
  readonly type: IdxType;
  readonly code: number;
  readonly bytes: number;
  /** The typed array that holds this type's values in memory. */
  readonly array: new (
    length: number,
  ) => IdxData;
}

export const IDX_TYPES: readonly IdxTypeInfo[] = [
  { type: "ubyte", code: 0x08, bytes: 1, array: Uint8Array },
  { type: "byte", code: 0x09, bytes: 1, array: Int8Array },
  { type: "short", code: 0x0b, bytes: 2, array: Int16Array },
  { type: "int", code: 0x0c, bytes: 4, array: Int32Array },
  { type: "float", code: 0x0d, bytes: 4, array: Float32Array },
  { type: "double", code: 0x0e, bytes: 8, array: Float64Array },
];

export function idxTypeByCode(code: number): IdxTypeInfo | undefined {
  return IDX_TYPES.find((t) => t.code === code);
}

export function idxTypeByName(type: IdxType): IdxTypeInfo {
  const info = IDX_TYPES.find((t) => t.type === type);
  if (info === undefined) {
    throw new RangeError(
      `IDX: unknown element type ${JSON.stringify(type)}; use one of ${IDX_TYPES.map((t) => t.type).join(", ")}`,
    );
  }
  return info;
}

/** "0x08 (ubyte), 0x09 (byte), …" for error messages. */
export function describeIdxTypes(): string {
  return IDX_TYPES.map((t) => `0x${hex2(t.code)} (${t.type})`).join(", ");
}

export function hex2(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

/** The number of values of a tensor with these dimensions (1 for no dimensions). */
export function product(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}
