import type { Shape3 } from "@backprop/network";
import { type Attributes, attributesOf } from "./attributes";
import { OnnxFormatError } from "./errors";
import { activationName, attachActivation } from "./import-activation";
import { readConv, readPool } from "./import-conv";
import { flat, readAdd, readGemm, readMatMul } from "./import-dense";
import { constant, type ImportState, nodeWhere, scalar } from "./import-state";
import type { NodeProto } from "./proto/onnx-types";
import { readInt64Tensor } from "./tensors";

/**
 * The second half of an import: each node of the chain becomes one of our layers (or
 * changes the last one), the inverse of layer-nodes.ts:
 *
 *   Gemm (transA 0, alpha = beta = 1)   dense: w = B (transB 1) or Bᵀ (transB 0), b = C
 *   MatMul, then Add of a constant      dense: w = Bᵀ, b from the Add (else zeros)
 *   Conv (group 1, dilations 1)         conv2d: square kernels, equal strides, padding p on
 *                                       every side, or "same" (TensorFlow's split)
 *   MaxPool, AveragePool                maxPool / avgPool: square windows, no padding, floor
 *   Flatten (axis 1), Reshape to [batch, C·H·W] from a constant shape
 *   Dropout                             dropout "inverted" (rate from ratio)
 *   Mul by a constant c in (0, 1]       dropout "scale-at-test", rate 1 − c
 *   Identity, Pad of zero widths        nothing (PyTorch writes such a Pad before AvgPool)
 *   Sigmoid, Tanh, Relu, LeakyRelu, Softplus, Softmax: see import-activation.ts
 */
const SUPPORTED =
  "Gemm, MatMul (+ Add), Conv, MaxPool, AveragePool, Flatten, Reshape (to [batch, features]), Dropout, Mul by a constant, Identity, Pad by 0, Constant, Sigmoid, Tanh, Relu, LeakyRelu, Softplus, Softmax";

const flatSize = (s: Shape3) => s.channels * s.height * s.width;

/** A node reader: attributes (with the node), its input names, the state to change. */
type Reader = (attributes: Attributes, inputs: string[], state: ImportState) => void;

/** The readers of the operators that make or change layers, looked up as own properties. */
const READERS: Readonly<Record<string, Reader>> = {
  Identity: () => {},
  Pad: readPad,
  Gemm: readGemm,
  MatMul: (attributes, inputs, state) => readMatMul(attributes.node, inputs, state),
  Add: readAdd,
  Conv: readConv,
  MaxPool: (attributes, _, state) => readPool(attributes, state),
  AveragePool: (attributes, _, state) => readPool(attributes, state),
  Flatten(attributes, _, state) {
    attributes.only("axis", [1], "only axis 1 (one sample per row) is supported");
    flattenHere(state);
  },
  Reshape: readReshape,
  Dropout: readDropout,
  Mul: readDropout,
};

/** Reads one node into `state` (see the table above); activations: import-activation.ts. */
export function readNode(node: NodeProto, state: ImportState): void {
  const attributes = attributesOf(node);
  const type = node.op_type ?? "";
  if (Object.hasOwn(READERS, type)) {
    READERS[type](attributes, node.input ?? [], state);
    return;
  }
  const name = activationName(attributes, state);
  if (name === null) {
    throw attributes.unsupported(
      `is not an operator @backprop/network has a layer for; supported: ${SUPPORTED} (a user's own activation: importOnnx(bytes, { activationOps: { ${JSON.stringify(type)}: yourActivation } }))`,
    );
  }
  attachActivation(attributes, state, name);
}

function flattenHere(state: ImportState): void {
  // On [batch, features] it changes nothing, but it was a layer: keep it, as TF.js import does.
  state.layers.push({ kind: "flatten", inputShape: state.shape });
  state.shape = flat(flatSize(state.shape));
  state.rank = 2;
}

function readReshape(attributes: Attributes, inputs: string[], state: ImportState): void {
  const where = `${nodeWhere(attributes.node)} shape`;
  const shape = readInt64Tensor(constant(state, attributes.node, inputs[1]), where);
  const n = flatSize(state.shape);
  const last = state.layers[state.layers.length - 1];
  if (
    shape.length === 2 &&
    (shape[0] === 0 || shape[0] === -1) &&
    (shape[1] === n || shape[1] === -1) &&
    shape[0] + shape[1] !== -2
  ) {
    flattenHere(state);
    return;
  }
  // Back to the maps a Flatten just flattened (our export of a conv2d with softmax).
  if (shape.length === 4 && last?.kind === "flatten" && state.rank === 2) {
    const { channels, height, width } = last.inputShape;
    if (
      JSON.stringify(shape.slice(1)) === JSON.stringify([channels, height, width]) &&
      shape[0] <= 0
    ) {
      state.layers.pop();
      state.shape = last.inputShape;
      state.rank = 4;
      return;
    }
  }
  throw attributes.unsupported(
    `reshapes to [${shape}]; only a flatten to [batch, ${n}] (e.g. [-1, ${n}] or [0, -1]) is a layer of ours`,
  );
}

function readDropout(attributes: Attributes, inputs: string[], state: ImportState): void {
  const { node } = attributes;
  let stored: { rate?: unknown; mode?: unknown } = {};
  try {
    stored = JSON.parse(node.doc_string ?? "{}") ?? {}; // how our export wrote the layer
  } catch {}
  const mode = node.op_type === "Dropout" ? "inverted" : "scale-at-test";
  let rate: number | null;
  if (node.op_type === "Dropout") {
    if (inputs[2]) {
      // training_mode, a bool: only a constant false is inference.
      const t = constant(state, node, inputs[2]);
      if ((t.raw_data?.[0] ?? t.int32_data?.[0]) !== 0) {
        throw attributes.unsupported(
          "runs in training mode; export the model in inference mode (model.eval())",
        );
      }
    }
    rate = inputs[1] ? scalar(state, node, inputs[1]) : attributes.float("ratio", 0.5);
  } else {
    const other = inputs.find((name) => state.constants.has(name)) ?? "";
    const c = scalar(state, node, other);
    if (c === null || !(c > 0 && c <= 1)) {
      throw attributes.unsupported(
        "multiplies by something other than one constant in (0, 1]; only that (dropout's scale-at-test) is a layer of ours",
      );
    }
    rate = 1 - c;
  }
  if (stored.mode === mode && typeof stored.rate === "number") rate = stored.rate;
  if (rate === null || !(rate >= 0 && rate < 1)) {
    throw new OnnxFormatError(
      nodeWhere(node),
      `has dropout ratio ${rate}; it must be a number in [0, 1)`,
    );
  }
  state.layers.push({ kind: "dropout", inputShape: state.shape, rate, mode });
}

function readPad(attributes: Attributes, inputs: string[], state: ImportState): void {
  const where = `${nodeWhere(attributes.node)} pads`;
  const pads = inputs[1]
    ? readInt64Tensor(constant(state, attributes.node, inputs[1]), where)
    : attributes.ints("pads", []); // an attribute before opset 11
  if (pads.some((p) => p !== 0)) {
    throw attributes.unsupported(
      `pads by [${pads}]; only a Pad of zero widths (a no-op) is read: put the padding in the Conv`,
    );
  }
}
