export { addColumnVector, addColumnVectorInto } from "./broadcast";
export { ByteColumns } from "./byte-columns";
export {
  add,
  addInto,
  axpy,
  axpyInto,
  hadamard,
  hadamardInto,
  map,
  mapInto,
  scale,
  scaleInto,
  subtract,
  subtractInto,
} from "./elementwise";
export { approxEqual } from "./equal";
export type { GemmOptions } from "./gemm";
export { gemm, gemmInto, gemmShape } from "./gemm";
export { gemmNaiveInto } from "./gemm-naive";
export { gemmSparseInto, gemmSparseTransposedInto } from "./gemm-sparse";
export type { DType, FloatArray } from "./matrix";
export { Matrix } from "./matrix";
export type { RngState } from "./random";
export { Rng } from "./random";
export {
  argmaxColumns,
  argmaxColumnsInto,
  sumColumns,
  sumColumnsInto,
  sumRows,
  sumRowsInto,
} from "./reduce";
export { formatShape } from "./shape";
export { SparseColumns } from "./sparse-columns";
export { transpose, transposeInto } from "./transpose";
export type { Panels } from "./wasm/panels";
export { fromPanels, panelIndex, panelsFor, toPanels } from "./wasm/panels";
export type { ArenaSparse, SimdArenaOptions } from "./wasm/simd-arena";
export { SimdArena } from "./wasm/simd-arena";
