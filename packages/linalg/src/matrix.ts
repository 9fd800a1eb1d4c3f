import { plainNumbers } from "./plain-numbers";
import { assertDimension, assertSameShape, formatShape } from "./shape";

/**
 * The element type of a matrix. Float64 is the default and matches numpy;
 * float32 is there for speed work: every kernel is written against `FloatArray`,
 * so callers choose the precision in one place, when they create the matrix.
 */
export type DType = "float64" | "float32";
/** The typed array behind a Matrix: Float64Array for "float64", Float32Array for "float32". */
export type FloatArray = Float64Array | Float32Array;

function allocate(dtype: DType, length: number): FloatArray {
  return dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
}

/**
 * A dense matrix over one flat, row-major typed array:
 * element (i, j) is `data[i * cols + j]`. A column vector is an n×1 matrix,
 * and a mini-batch of m samples is an n×m matrix with one sample per column.
 */
export class Matrix {
  /** Number of rows (for a layer's activations: its neurons). */
  readonly rows: number;
  /** Number of columns (for a batch: its samples). */
  readonly cols: number;
  /** rows × cols values, row-major: element (i, j) is data[i * cols + j]. */
  readonly data: FloatArray;

  /** Wraps `data` without copying; its length must be rows × cols. */
  constructor(rows: number, cols: number, data: FloatArray) {
    assertDimension("Matrix", rows);
    assertDimension("Matrix", cols);
    if (data.length !== rows * cols) {
      throw new RangeError(
        `Matrix: a ${rows}×${cols} matrix needs ${rows * cols} values, got ${data.length}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** The element type, read from `data`: "float32" for a Float32Array, else "float64". */
  get dtype(): DType {
    return this.data instanceof Float32Array ? "float32" : "float64";
  }

  /** A rows×cols matrix of zeros. */
  static zeros(rows: number, cols: number, dtype: DType = "float64"): Matrix {
    assertDimension("Matrix.zeros", rows);
    assertDimension("Matrix.zeros", cols);
    return new Matrix(rows, cols, allocate(dtype, rows * cols));
  }

  /** From nested arrays, one inner array per row; every row must have the same length. */
  static fromArrays(rows: readonly (readonly number[])[], dtype: DType = "float64"): Matrix {
    const cols = rows.length === 0 ? 0 : rows[0].length;
    const m = Matrix.zeros(rows.length, cols, dtype);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.length !== cols) {
        throw new RangeError(
          `Matrix.fromArrays: row ${i} has ${row.length} values but row 0 has ${cols}; every row needs the same length`,
        );
      }
      m.data.set(row, i * cols);
    }
    return m;
  }

  /** From a flat row-major array (copied); its length must be rows × cols. */
  static fromFlat(
    rows: number,
    cols: number,
    values: ArrayLike<number>,
    dtype: DType = "float64",
  ): Matrix {
    assertDimension("Matrix.fromFlat", rows);
    assertDimension("Matrix.fromFlat", cols);
    if (values.length !== rows * cols) {
      throw new RangeError(
        `Matrix.fromFlat: a ${rows}×${cols} matrix needs ${rows * cols} values, got ${values.length}`,
      );
    }
    const m = Matrix.zeros(rows, cols, dtype);
    m.data.set(values);
    return m;
  }

  /** A column vector (n×1) holding `values`. */
  static column(values: ArrayLike<number>, dtype: DType = "float64"): Matrix {
    return Matrix.fromFlat(values.length, 1, values, dtype);
  }

  /** Element (i, j), 0-based; no bounds check (out of range reads undefined or a wrong cell). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets element (i, j), 0-based; no bounds check, as `get`. */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Nested arrays, one per row (for printing, JSON and tests). */
  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(plainNumbers(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  /** A deep copy with the same dtype. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Copies `source` (same shape) into this matrix. */
  copyFrom(source: Matrix): this {
    assertSameShape("Matrix.copyFrom", this, source);
    this.data.set(source.data);
    return this;
  }

  /** Sets every element to `value`. */
  fill(value: number): this {
    this.data.fill(value);
    return this;
  }

  /** A short description for logs, e.g. `Matrix 30×784 float64` (not the values). */
  toString(): string {
    return `Matrix ${formatShape(this)} ${this.dtype}`;
  }
}
