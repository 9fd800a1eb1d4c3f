import type { ByteColumns } from "./byte-columns";
import type { InputArray, LabelledSamples } from "./labelled-samples";
import type { Matrix } from "./matrix";
import { formatShape } from "./shape";
import type { SparseColumns } from "./sparse-columns";
import type { SparseIndex } from "./sparse-index";

/** BYTE_TO_UNIT[v] = v / 255, exactly the quotient (a table, not a multiply by 1/255). */
const BYTE_TO_UNIT = Float64Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * Writes sample `index` into column `column` of `x` (features × m) and its one-hot label
 * into the same column of `y` (classes × m), allocating nothing. With the default
 * column 0 and m = 1 this gives the seed's pair of column vectors (x: 784×1, y: 10×1).
 * Byte inputs are scaled to [0, 1] by v / 255; float inputs are copied as they are.
 */
export function fillSample(
  data: LabelledSamples,
  index: number,
  x: Matrix,
  y: Matrix,
  column = 0,
): void {
  if (!Number.isInteger(index) || index < 0 || index >= data.length) {
    throw new RangeError(`fillSample: sample index ${index} is outside [0, ${data.length})`);
  }
  if (x.rows !== data.features || y.rows !== data.classes || x.cols !== y.cols) {
    throw new RangeError(
      `fillSample: x is ${formatShape(x)} and y is ${formatShape(y)}, but this data needs x of ${data.features}×m and y of ${data.classes}×m with the same m`,
    );
  }
  if (!Number.isInteger(column) || column < 0 || column >= x.cols) {
    throw new RangeError(`fillSample: column ${column} is outside [0, ${x.cols})`);
  }
  fillColumn(data, index, x, y, column);
}

/** fillSample without the checks, for the batch loop (whose shapes are right by construction). */
export function fillColumn(
  data: LabelledSamples,
  index: number,
  x: Matrix,
  y: Matrix,
  column: number,
): void {
  const features = data.features;
  const stride = x.cols;
  const out = x.data;
  const inputs: InputArray = data.inputs;
  const start = index * features;
  if (inputs instanceof Uint8Array) {
    for (let f = 0; f < features; f++) out[f * stride + column] = BYTE_TO_UNIT[inputs[start + f]];
  } else {
    for (let f = 0; f < features; f++) out[f * stride + column] = inputs[start + f];
  }
  fillTargetColumn(data, index, y, column);
}

/** The one-hot label of sample `index` into column `column` of y (classes × m). */
export function fillTargetColumn(
  data: LabelledSamples,
  index: number,
  y: Matrix,
  column: number,
): void {
  const target = y.data;
  const stride = y.cols;
  const label = data.labels[index];
  for (let c = 0; c < data.classes; c++) target[c * stride + column] = c === label ? 1 : 0;
}

/**
 * Appends byte sample `index` as column `column` of `sparse` (its non-zero pixels, scaled
 * by v / 255), after columns 0 … column−1, copying from the data set's sparse index.
 * Allocates nothing; the capacity is features × m.
 */
export function fillSparseColumn(
  index: SparseIndex,
  sample: number,
  sparse: SparseColumns,
  column: number,
): void {
  const { colStart, rowIndex, values } = sparse;
  const { feature, value } = index;
  const first = index.start[sample];
  const count = index.start[sample + 1] - first;
  const t = colStart[column];
  // Bounds read once: the loop body is then two loads and two stores per non-zero.
  for (let i = 0; i < count; i++) {
    rowIndex[t + i] = feature[first + i];
    values[t + i] = BYTE_TO_UNIT[value[first + i]];
  }
  colStart[column + 1] = t + count;
}

/**
 * Appends byte sample `sample` as column `column` of `bytes`, as stored: two copies, its
 * u16 pixel indices and its u8 values. The index's features must be u16 (≤ 65,536).
 */
export function fillByteColumn(
  index: SparseIndex,
  sample: number,
  bytes: ByteColumns,
  column: number,
): void {
  const first = index.start[sample];
  const end = index.start[sample + 1];
  const t = bytes.colStart[column];
  bytes.rowIndex.set((index.feature as Uint16Array).subarray(first, end), t);
  bytes.values.set(index.value.subarray(first, end), t);
  bytes.colStart[column + 1] = t + end - first;
}
