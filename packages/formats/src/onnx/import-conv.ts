import { convGeometry, type Padding, type Shape3 } from "@backprop/network";
import type { Attributes } from "./attributes";
import { list, needRank } from "./import-dense";
import { type ImportState, weights } from "./import-state";

/**
 * Convolution and pooling from ONNX ([N, C, H, W], the same order as ours):
 *   Conv(x, W [F, C, k, k], B [F]) with group 1, dilations 1, square kernels and one stride:
 *   conv2d with W as our F × (C·k·k) weights; pads p on every side give padding p, and the
 *   split "same" makes (TensorFlow's: the extra zero below and right) gives "same";
 *   MaxPool / AveragePool with square windows, no padding, floor mode: maxPool / avgPool.
 */

export function readConv(attributes: Attributes, inputs: string[], state: ImportState): void {
  const { node } = attributes;
  needRank(attributes, state, 4, "Conv needs feature maps [batch, C, H, W]");
  attributes.only("group", [1], "only group = 1 (every filter sees every channel) is supported");
  attributes.only("dilations", [[1, 1]], "only dilations [1, 1] are supported");
  attributes.only(
    "auto_pad",
    ["NOTSET", "VALID", "SAME_UPPER"],
    "SAME_LOWER puts the extra zero on top; ours (and TensorFlow's) put it below",
  );
  const C = state.shape.channels;
  const w = weights(state, node, inputs[1], [[-1, C, -1, -1]], "W");
  const [F, , kh, kw] = w.dims;
  const stride = attributes.ints("strides", [1, 1]);
  if (kh !== kw || stride[0] !== stride[1] || stride.length !== 2) {
    throw attributes.unsupported(
      `has a ${kh}×${kw} kernel with strides [${stride}]; ours are square with one stride`,
    );
  }
  const pads = attributes.ints("pads", [0, 0, 0, 0]);
  const auto = attributes.string("auto_pad", "NOTSET");
  let padding: Padding =
    auto === "SAME_UPPER"
      ? "same"
      : auto === "VALID"
        ? "valid"
        : convPadding(attributes, state.shape, F, kh, stride[0], pads);
  if (padding !== "same" && storedPadding(node.doc_string) === "same") {
    const same = convGeometry(state.shape, F, kh, stride[0], "same");
    const given = convGeometry(state.shape, F, kh, stride[0], padding);
    if (same.padTop === given.padTop && same.padLeft === given.padLeft) padding = "same";
  }
  const b = inputs[2] ? weights(state, node, inputs[2], [[F]], "B").values : new Float64Array(F);
  const g = convGeometry(state.shape, F, kh, stride[0], padding);
  state.layers.push({
    kind: "conv2d",
    inputShape: state.shape,
    filters: F,
    kernelSize: kh,
    stride: stride[0],
    padding,
    activation: "identity",
    weights: list(w.values),
    biases: list(b),
  });
  state.shape = g.output;
}

/** Our padding for ONNX pads [top, left, bottom, right]: p everywhere, or "same"'s split. */
function convPadding(
  attributes: Attributes,
  shape: Shape3,
  F: number,
  k: number,
  stride: number,
  pads: number[],
): Padding {
  if (pads.length === 4 && pads.every((p) => p === pads[0] && Number.isInteger(p) && p >= 0)) {
    return pads[0] === 0 ? "valid" : pads[0];
  }
  const same = convGeometry(shape, F, k, stride, "same");
  const total = (n: number, out: number) => Math.max((out - 1) * stride + k - n, 0);
  const want = [
    same.padTop,
    same.padLeft,
    total(shape.height, same.output.height) - same.padTop,
    total(shape.width, same.output.width) - same.padLeft,
  ];
  if (JSON.stringify(want) === JSON.stringify(pads)) return "same";
  throw attributes.unsupported(
    `has pads [${pads}]; ours are p zeros on every side, or "same" ([${want}] here)`,
  );
}

export function readPool(attributes: Attributes, state: ImportState): void {
  needRank(attributes, state, 4, "pooling needs feature maps [batch, C, H, W]");
  attributes.only("pads", [[0, 0, 0, 0]], "pooling with padding is not one of our layers");
  attributes.only("ceil_mode", [0], "ours round the output size down (ceil_mode 0)");
  attributes.only("dilations", [[1, 1]], "only dilations [1, 1] are supported");
  attributes.only("auto_pad", ["NOTSET", "VALID"], "pooling with padding is not one of our layers");
  attributes.only("storage_order", [0], "only row-major storage_order 0 is supported");
  const [kh, kw] = attributes.ints("kernel_shape", []);
  const strides = attributes.ints("strides", [1, 1]); // ONNX's default stride is 1, not the size
  if (kh !== kw || strides[0] !== strides[1] || !(kh >= 1)) {
    throw attributes.unsupported(
      `has kernel_shape [${kh}, ${kw}] and strides [${strides}]; ours are square with one stride`,
    );
  }
  const { channels, height, width } = state.shape;
  if (kh > height || kh > width) {
    throw attributes.unsupported(
      `has a ${kh}×${kh} window, larger than its ${height}×${width} input`,
    );
  }
  const kind = attributes.node.op_type === "MaxPool" ? "maxPool" : "avgPool";
  state.layers.push({ kind, inputShape: state.shape, size: kh, stride: strides[0] });
  state.shape = {
    channels,
    height: Math.floor((height - kh) / strides[0]) + 1,
    width: Math.floor((width - kh) / strides[0]) + 1,
  };
}

/** The padding our export noted in a Conv node's doc_string, if any. */
function storedPadding(doc: string | undefined): unknown {
  try {
    return JSON.parse(doc ?? "")?.padding;
  } catch {
    return undefined;
  }
}
