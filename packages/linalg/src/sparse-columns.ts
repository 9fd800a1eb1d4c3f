import type { FloatArray } from "./matrix";
import { Matrix } from "./matrix";
import { assertDimension } from "./shape";

/**
 * A sparse matrix stored by columns (CSC): column j's non-zero entries are
 * rowIndex[colStart[j] … colStart[j+1]) with their values. A mini-batch of MNIST images
 * (784 × m, one image per column) is 81% zeros; this form lets the first layer's products
 * touch only the ~150 inked pixels of each image.
 *
 * Capacity is fixed at construction, so refilling it for every batch allocates nothing.
 */
export class SparseColumns {
  /** Rows of the dense matrix (for a batch of images: pixels per image). */
  readonly rows: number;
  /** Columns of the dense matrix (samples in the batch). */
  readonly cols: number;
  /** cols + 1 offsets: column j's entries are [colStart[j], colStart[j+1]). */
  readonly colStart: Int32Array;
  /** The row of each stored entry, column by column; `capacity` long. */
  readonly rowIndex: Int32Array;
  /** The value of each stored entry, beside rowIndex; float64 unless given. */
  readonly values: FloatArray;

  /** An empty rows×cols matrix with room for `capacity` non-zeros (values float64 by default). */
  constructor(
    rows: number,
    cols: number,
    capacity: number,
    values: FloatArray = new Float64Array(capacity),
  ) {
    assertDimension("SparseColumns", rows);
    assertDimension("SparseColumns", cols);
    this.rows = rows;
    this.cols = cols;
    this.colStart = new Int32Array(cols + 1);
    this.rowIndex = new Int32Array(capacity);
    this.values = values;
  }

  /** Non-zero entries stored. */
  get nonZeros(): number {
    return this.colStart[this.cols];
  }

  /** The sparse form of a dense matrix (copies). */
  static fromDense(m: Matrix): SparseColumns {
    let count = 0;
    for (const v of m.data) if (v !== 0) count++;
    const s = new SparseColumns(m.rows, m.cols, count);
    let t = 0;
    for (let j = 0; j < m.cols; j++) {
      s.colStart[j] = t;
      for (let i = 0; i < m.rows; i++) {
        const v = m.data[i * m.cols + j];
        if (v !== 0) {
          s.rowIndex[t] = i;
          s.values[t++] = v;
        }
      }
    }
    s.colStart[m.cols] = t;
    return s;
  }

  /** The dense matrix (for tests and printing). */
  toDense(): Matrix {
    const m = Matrix.zeros(this.rows, this.cols);
    for (let j = 0; j < this.cols; j++) {
      for (let t = this.colStart[j]; t < this.colStart[j + 1]; t++)
        m.data[this.rowIndex[t] * this.cols + j] = this.values[t];
    }
    return m;
  }
}
