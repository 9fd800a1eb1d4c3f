import type { Activation } from "@backprop/activations";
import type { DType, FloatArray } from "@backprop/linalg";
import type { LayerRecord, Shape3 } from "@backprop/network";
import { OnnxFormatError } from "./errors";
import type { NodeProto, TensorProto } from "./proto/onnx-types";
import { elemType, readFloatTensor, tensorDims } from "./tensors";

/**
 * What the node readers (import-nodes.ts) share while they walk the chain: the shape of one
 * sample at this point (ONNX's [N, C, H, W] or [N, features]), the layers read so far as our
 * model file's records, and the constants to take weights from.
 */
export interface ImportState {
  /** The model's element type; every weight must have it. */
  readonly dtype: DType;
  /** The version of ONNX's operator set (attribute defaults changed over versions). */
  readonly opset: number;
  /** Initializers and Constant values by name. */
  readonly constants: Map<string, TensorProto>;
  /** One sample here: { channels: features, 1, 1 } at rank 2. */
  shape: Shape3;
  /** 2 ([N, features]) or 4 ([N, C, H, W]). */
  rank: 2 | 4;
  /** Our layers so far. */
  readonly layers: LayerRecord[];
  /** The index of a dense layer read from MatMul whose bias may follow as an Add. */
  biasPending: number | null;
  /** A user's activations for operators we do not know: op_type → Activation. */
  readonly activationOps: Readonly<Record<string, Activation>>;
  /** The user's activations used so far (loadLayerModel resolves their names from these). */
  readonly used: Activation[];
}

/** "node "/fc1/Gemm" (Gemm)", for messages. */
export function nodeWhere(node: NodeProto): string {
  return `node ${JSON.stringify(node.name ?? "")} (${node.op_type})`;
}

/** The constant `name` (an initializer or Constant), or an error naming the node. */
export function constant(state: ImportState, node: NodeProto, name: string): TensorProto {
  const tensor = state.constants.get(name);
  if (!tensor) {
    throw new OnnxFormatError(
      nodeWhere(node),
      `reads ${JSON.stringify(name)}, which is not an initializer`,
    );
  }
  return tensor;
}

/**
 * The values of weight tensor `name`, checked: the model's element type, `expected` dims
 * (an entry of -1 matches any size), and as many values as the dims declare (before any
 * allocation; see tensors.ts).
 */
export function weights(
  state: ImportState,
  node: NodeProto,
  name: string,
  expected: readonly number[][],
  what: string,
): { values: FloatArray; dims: number[] } {
  const tensor = constant(state, node, name);
  const where = `initializer ${JSON.stringify(name)} (${what} of ${nodeWhere(node)})`;
  if (tensor.data_type !== elemType(state.dtype)) {
    throw new OnnxFormatError(
      where,
      `has element type ${tensor.data_type} but the graph input is ${elemType(state.dtype)} (${state.dtype}): every weight must have the input's type`,
    );
  }
  const dims = tensorDims(tensor, where);
  const fits = (shape: readonly number[]) =>
    shape.length === dims.length && shape.every((d, i) => d === -1 || d === dims[i]);
  if (!expected.some(fits)) {
    const show = (s: readonly number[]) => `[${s.map((d) => (d === -1 ? "any" : d)).join(", ")}]`;
    throw new OnnxFormatError(
      where,
      `has dims ${show(dims)}; at this point of the graph (one sample: ${state.rank === 4 ? `${state.shape.channels}×${state.shape.height}×${state.shape.width}` : `${state.shape.channels} features`}) it must be ${expected.map(show).join(" or ")}`,
    );
  }
  return { values: readFloatTensor(tensor, where), dims };
}

/** One scalar of a constant of any float type (Dropout's ratio, Mul's factor), or null. */
export function scalar(state: ImportState, node: NodeProto, name: string): number | null {
  const tensor = constant(state, node, name);
  const dims = tensorDims(tensor, `initializer ${JSON.stringify(name)}`);
  if (dims.reduce((n, d) => n * d, 1) !== 1) return null;
  return readFloatTensor(tensor, `initializer ${JSON.stringify(name)}`)[0];
}
