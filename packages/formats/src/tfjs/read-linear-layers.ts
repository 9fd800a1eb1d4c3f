import { convGeometry, type Padding } from "@backprop/network";
import type { LayerContext, TfjsState } from "./layer-context";
import { convKernelIn, denseKernelIn } from "./layouts";

/**
 * Keras's layers with weights, and the pooling and padding around them, as our records:
 * Dense (kernel inputs × outputs, rows in the order the Flatten before it gave), Conv2D
 * (kernel k × k × in × out; "same", or "valid" after a ZeroPadding2D of p: padding p),
 * ZeroPadding2D, MaxPooling2D and AveragePooling2D (valid, floor).
 */

/** Dense: kernel inputs × outputs to our outputs × inputs (rows in the Flatten's order). */
export function readDense(c: LayerContext, state: TfjsState): void {
  const { config, need, weight, activation } = c;
  need(state.rank === 2, "reads feature maps; put a Flatten before it");
  const units = config.units as number;
  need(Number.isInteger(units) && units >= 1, `units is ${JSON.stringify(units)}`);
  const n = state.shape.channels;
  const kernel = weight("kernel", [n, units]);
  const bias = config.use_bias === false ? new Float32Array(units) : weight("bias", [units]);
  const weights = denseKernelIn(kernel, n, units, state.order);
  state.layers.push({
    kind: "dense",
    inputs: n,
    outputs: units,
    activation: activation(),
    weights,
    biases: Array.from(bias),
  });
  state.shape = { channels: units, height: 1, width: 1 };
  state.order = null;
}

/** ZeroPadding2D of p on every side: the padding of the Conv2D that must follow. */
export function readZeroPadding(c: LayerContext, state: TfjsState): void {
  const { config, need, channelsLast } = c;
  const p = config.padding;
  const flat = Array.isArray(p) ? p.flat() : [p];
  need(
    flat.length >= 1 && flat.every((v) => v === flat[0] && Number.isInteger(v) && v >= 0),
    `padding is ${JSON.stringify(p)}; only p on every side is read`,
  );
  channelsLast();
  state.pad = flat[0] as number;
}

/** Conv2D: kernel k × k × in × out to our F × (C·k·k). */
export function readConv2D(c: LayerContext, state: TfjsState): void {
  const { config, need, pair, weight, activation, channelsLast } = c;
  need(state.rank === 4, "reads a flat vector; Conv2D needs feature maps [batch, H, W, C]");
  channelsLast();
  need(pair("dilation_rate", 1) === 1, "only dilation_rate [1, 1] is supported");
  need(config.groups === undefined || config.groups === 1, "only groups = 1 is supported");
  const k = pair("kernel_size");
  const stride = pair("strides", 1);
  const F = config.filters as number;
  need(Number.isInteger(F) && F >= 1, `filters is ${JSON.stringify(F)}`);
  need(
    config.padding === "valid" || config.padding === "same",
    `padding is ${JSON.stringify(config.padding)}`,
  );
  need(
    state.pad === null || config.padding === "valid",
    "a ZeroPadding2D before a Conv2D with padding same is not one of our layers",
  );
  const padding: Padding = config.padding === "same" ? "same" : (state.pad ?? 0) || "valid";
  state.pad = null;
  const C = state.shape.channels;
  const kernel = weight("kernel", [k, k, C, F]);
  const bias = config.use_bias === false ? new Float32Array(F) : weight("bias", [F]);
  const g = convGeometry(state.shape, F, k, stride, padding);
  const common = { inputShape: state.shape, filters: F, kernelSize: k, stride, padding };
  state.layers.push({
    kind: "conv2d",
    ...common,
    activation: activation(),
    weights: convKernelIn(kernel, F, C, k),
    biases: Array.from(bias),
  });
  state.shape = g.output;
}

/** MaxPooling2D (maxPool) and AveragePooling2D (avgPool). */
export function readPooling(kind: "maxPool" | "avgPool", c: LayerContext, state: TfjsState): void {
  const { config, need, pair, channelsLast } = c;
  need(state.rank === 4, "pooling needs feature maps [batch, H, W, C]");
  channelsLast();
  need(
    config.padding === undefined || config.padding === "valid",
    "pooling with padding same is not one of our layers",
  );
  const size = pair("pool_size", 2);
  const stride = config.strides == null ? size : pair("strides");
  const { channels, height, width } = state.shape;
  need(
    size <= height && size <= width,
    `a ${size}×${size} window does not fit its ${height}×${width} input`,
  );
  state.layers.push({ kind, inputShape: state.shape, size, stride });
  state.shape = {
    channels,
    height: Math.floor((height - size) / stride) + 1,
    width: Math.floor((width - size) / stride) + 1,
  };
}
