/**
 * Dense row-major matrices and the kernels a neural network needs: gemm with transpose
 * flags, allocation-free element-wise `…Into` kernels, sparse first-layer products, and a
 * seeded RNG. Every function states its shapes, e.g. (m×n)·(n×p) → (m×p), and throws a
 * `RangeError` naming both shapes on a mismatch.
 *
 * @module @backprop/linalg
 */
// Mini-batches over any LabelledSamples (one sample per column, allocation-free).
export type { Batch, Batches, BatchOptions } from "./batches";
export { batches } from "./batches";
export { addColumnVector, addColumnVectorInto } from "./broadcast";
export { ByteColumns } from "./byte-columns";
export type { ConvOptions } from "./conv/conv-products";
export {
  convForwardInto,
  convInputGradientInto,
  convWeightGradientInto,
} from "./conv/conv-products";
export type { ConvShape, ImageShape } from "./conv/conv-shape";
export { col2imInto, im2colInto } from "./conv/im2col";
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
export { fillSample } from "./fill-sample";
export type { GemmOptions } from "./gemm";
export { gemm, gemmInto, gemmShape } from "./gemm";
export { gemmNaiveInto } from "./gemm-naive";
export { gemmSparseInto, gemmSparseTransposedInto } from "./gemm-sparse";
// The kernel seam: what training's hot path needs, with JS and WebAssembly behind it.
export type { ParameterBlock } from "./kernels/parameter-block";
export { matrixBlock } from "./kernels/parameter-block";
export type { KernelOptions, SparseLayer } from "./kernels/sparse-layer";
export { createSparseLayer } from "./kernels/sparse-layer";
export type { FastRuleSettings, UpdateRule } from "./kernels/update-rules";
export { adamRule, momentumRule, sgdRule } from "./kernels/update-rules";
export type { InputArray, LabelArray, LabelledSamples } from "./labelled-samples";
// exp, log, sin, … that give the same double on every JavaScript engine (Math.* may not).
export { cos, exp, expm1, log, log1p, powInteger, sin, tanh } from "./math";
export type { DType, FloatArray } from "./matrix";
export { Matrix } from "./matrix";
// relu and 2×2 max pooling without branches on the values (WebAssembly SIMD or JS, same bits).
export type { MaxPoolOptions } from "./max-pool-kernels";
export { maxPool2x2BackwardInto, maxPool2x2Into } from "./max-pool-kernels";
export type { ParameterMatricesOptions } from "./parameter-arena";
export {
  ARENA_MIN_PARAMETERS,
  decayInto,
  parameterMatrices,
  sgdStepInto,
} from "./parameter-arena";
export { plainNumbers } from "./plain-numbers";
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
export type { ReluOptions } from "./relu-kernels";
export { reluBackwardInto, reluInto } from "./relu-kernels";
export { reluBackwardLoop, reluLoop } from "./relu-loops";
export { formatShape } from "./shape";
// sigmoid with linalg's exp, over whole arrays (WebAssembly SIMD or JS, the same bits).
export type { SigmoidOptions } from "./sigmoid-kernels";
export { sigmoidDerivativeInto, sigmoidInto, WASM_SIGMOID_MIN_LENGTH } from "./sigmoid-kernels";
export { sigmoidScalar } from "./sigmoid-scalar";
export { SparseColumns } from "./sparse-columns";
export { FLOAT32_MIN_NORMAL, flushSubnormals } from "./subnormals";
export { transpose, transposeInto } from "./transpose";
export { fusedMultiplyAddAvailable } from "./wasm/gemm-wasm";
export type { ThreadChooserOptions } from "./wasm/thread-chooser";
export { ThreadChooser } from "./wasm/thread-chooser";
