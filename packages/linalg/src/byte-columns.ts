import type { DType } from "./matrix";
import { assertDimension } from "./shape";
import { SparseColumns } from "./sparse-columns";

/**
 * A sparse batch of byte images as a data set stores them: by columns (one image per
 * column, as SparseColumns), each non-zero pixel a u16 row index and its u8 value (the
 * input is value / 255). Filling one is two memory copies per image; the SIMD first layer
 * widens it to its own form in WebAssembly (SimdArena.expandBytes). Rows ≤ 65,536.
 */
export class ByteColumns {
  /** Pixels per image (the dense matrix's rows), at most 65,536. */
  readonly rows: number;
  /** Images in the batch (the dense matrix's columns). */
  readonly cols: number;
  /** cols + 1 offsets: column j's entries are [colStart[j], colStart[j+1]). */
  readonly colStart: Int32Array;
  /** The pixel (row) of each stored entry, column by column; `capacity` long. */
  readonly rowIndex: Uint16Array;
  /** Each stored entry's byte, 1…255 (the input is value / 255); `capacity` long. */
  readonly values: Uint8Array;

  /** An empty batch of `cols` images of `rows` pixels, room for `capacity` non-zeros. */
  constructor(rows: number, cols: number, capacity: number) {
    assertDimension("ByteColumns", rows);
    assertDimension("ByteColumns", cols);
    if (rows > 65536) {
      throw new RangeError(`ByteColumns: rows are u16 indices, so at most 65536, got ${rows}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.colStart = new Int32Array(cols + 1);
    this.rowIndex = new Uint16Array(capacity);
    this.values = new Uint8Array(capacity);
  }

  /** Non-zero entries stored. */
  get nonZeros(): number {
    return this.colStart[this.cols];
  }

  /** The same batch with values v / 255 (copies; for tests and JS paths). */
  toSparseColumns(dtype: DType = "float64"): SparseColumns {
    const count = this.nonZeros;
    const values = dtype === "float32" ? new Float32Array(count) : new Float64Array(count);
    const s = new SparseColumns(this.rows, this.cols, count, values);
    s.colStart.set(this.colStart);
    for (let t = 0; t < count; t++) {
      s.rowIndex[t] = this.rowIndex[t];
      values[t] = this.values[t] / 255;
    }
    return s;
  }
}
