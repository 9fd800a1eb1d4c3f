import type { FloatArray } from "@backprop/linalg";
import type { Shape3 } from "@backprop/network";
import { type Attributes, attributesOf } from "./attributes";
import { type ImportState, weights } from "./import-state";
import type { NodeProto } from "./proto/onnx-types";

/**
 * Dense layers from ONNX (z = x·w + b, one sample per row, so ONNX's B is our wᵀ):
 *   Gemm(x, B, C) with transA 0 and alpha = beta = 1: w = B when transB = 1 (PyTorch's
 *   nn.Linear, [out, in] as ours), else Bᵀ; b = C ([out] or [1, out]) or zeros;
 *   MatMul(x, B): w = Bᵀ and zero biases, which an Add of a constant right after sets.
 */

export const flat = (n: number): Shape3 => ({ channels: n, height: 1, width: 1 });
export const list = (values: FloatArray) => Array.from(values);

/** Throws unless the value read is of this rank. */
export function needRank(
  attributes: Attributes,
  state: ImportState,
  rank: 2 | 4,
  hint: string,
): void {
  if (state.rank !== rank) {
    throw attributes.unsupported(`reads a ${state.rank}-D value, expected ${rank}-D: ${hint}`);
  }
}

export function readGemm(attributes: Attributes, inputs: string[], state: ImportState): void {
  const { node } = attributes;
  needRank(attributes, state, 2, "put a Flatten before it");
  attributes.only("transA", [0], "the input must be [batch, features] as it is");
  attributes.only("alpha", [1], "only alpha = 1 (z = x·w + b) is a dense layer");
  attributes.only("beta", [1], "only beta = 1 (z = x·w + b) is a dense layer");
  const n = state.shape.channels;
  const transB = attributes.int("transB", 0) === 1;
  const w = weights(state, node, inputs[1], [transB ? [-1, n] : [n, -1]], "B");
  const outputs = transB ? w.dims[0] : w.dims[1];
  const b = inputs[2]
    ? weights(state, node, inputs[2], [[outputs], [1, outputs]], "C").values
    : new Float64Array(outputs);
  const rows = transB ? list(w.values) : transpose(w.values, n, outputs);
  addDense(state, n, outputs, rows, list(b));
}

export function readMatMul(node: NodeProto, inputs: string[], state: ImportState): void {
  needRank(attributesOf(node), state, 2, "put a Flatten before it");
  const n = state.shape.channels;
  const w = weights(state, node, inputs[1], [[n, -1]], "B");
  const outputs = w.dims[1];
  addDense(state, n, outputs, transpose(w.values, n, outputs), new Array(outputs).fill(0));
  state.biasPending = state.layers.length - 1;
}

export function readAdd(attributes: Attributes, inputs: string[], state: ImportState): void {
  const layer = state.biasPending === null ? null : state.layers[state.biasPending];
  if (layer?.kind !== "dense") {
    throw attributes.unsupported("is read only right after a MatMul, as its bias");
  }
  const bias = inputs.find((name) => state.constants.has(name)) ?? "";
  const b = weights(state, attributes.node, bias, [[layer.outputs], [1, layer.outputs]], "bias");
  layer.biases = list(b.values);
  state.biasPending = null;
}

export function addDense(
  state: ImportState,
  inputs: number,
  outputs: number,
  w: number[],
  b: number[],
) {
  state.layers.push({
    kind: "dense",
    inputs,
    outputs,
    activation: "identity",
    weights: w,
    biases: b,
  });
  state.shape = flat(outputs);
  state.biasPending = null;
}

/** A rows × cols row-major matrix transposed, as a list (ONNX's [in, out] → our out × in). */
export function transpose(values: FloatArray, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j];
  return out;
}
