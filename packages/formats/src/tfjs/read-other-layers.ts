import { leakyName } from "../model/leaky-slope";
import type { LayerContext, TfjsState } from "./layer-context";
import { hwcToChw } from "./layouts";

/**
 * Keras's layers without weights, as our records or as activations of the last dense or
 * conv2d layer: Permute([3, 1, 2]) (the next Flatten then reads C·H·W order, ours), Flatten
 * (of H × W × C maps: the next Dense kernel's rows are in H·W·C order), Dropout (inverted),
 * Rescaling(c) (scale-at-test dropout, rate 1 − c), Activation, ReLU, LeakyReLU, Softmax.
 */

/** Permute([3, 1, 2]): channels first, so the next Flatten gives our order. */
export function readPermute(c: LayerContext, state: TfjsState): void {
  const { config, need } = c;
  need(
    JSON.stringify(config.dims) === "[3,1,2]" && state.rank === 4,
    `dims ${JSON.stringify(config.dims)}: only Permute([3, 1, 2]) of feature maps, before a Flatten, is read`,
  );
  state.permuted = true;
}

/** Flatten: our flatten; after maps in H·W·C order, the next Dense's rows are permuted. */
export function readFlatten(_: LayerContext, state: TfjsState): void {
  const maps = state.rank === 4 && state.shape.height * state.shape.width > 1;
  state.layers.push({ kind: "flatten", inputShape: state.shape });
  state.order = maps && !state.permuted ? hwcToChw(state.shape) : null;
  state.permuted = false;
  state.shape = {
    channels: state.shape.channels * state.shape.height * state.shape.width,
    height: 1,
    width: 1,
  };
  state.rank = 2;
}

/** Dropout (Keras's is inverted): our inverted dropout. */
export function readDropout(c: LayerContext, state: TfjsState): void {
  const { config, need } = c;
  const rate = config.rate as number;
  need(
    typeof rate === "number" && rate >= 0 && rate < 1,
    `rate is ${JSON.stringify(rate)}; expected a number in [0, 1)`,
  );
  state.layers.push({ kind: "dropout", inputShape: state.shape, rate, mode: "inverted" });
}

/** Rescaling(c), offset 0, c in (0, 1]: our scale-at-test dropout of rate 1 − c. */
export function readRescaling(c: LayerContext, state: TfjsState): void {
  const { config, need } = c;
  const scale = config.scale as number;
  need(
    (config.offset ?? 0) === 0 && typeof scale === "number" && scale > 0 && scale <= 1,
    `scale ${JSON.stringify(scale)}, offset ${JSON.stringify(config.offset)}: only x·c with c in (0, 1] (dropout's scale-at-test) is a layer of ours`,
  );
  state.layers.push({
    kind: "dropout",
    inputShape: state.shape,
    rate: rateOf(scale),
    mode: "scale-at-test",
  });
}

/** Activation: its activation, for the last dense or conv2d layer. */
export function readActivation(c: LayerContext, _state: TfjsState): void {
  const { activation, attach } = c;
  attach(activation());
}

/** ReLU (plain): relu, for the last dense or conv2d layer. */
export function readRelu(c: LayerContext, _state: TfjsState): void {
  const { config, need, attach } = c;
  need(
    config.max_value == null && !config.negative_slope && !config.threshold,
    "only a plain ReLU (no max_value, slope or threshold) is read",
  );
  attach("relu");
}

/** LeakyReLU(alpha): leakyRelu(alpha), for the last dense or conv2d layer. */
export function readLeakyRelu(c: LayerContext, _state: TfjsState): void {
  const { config, attach } = c;
  attach(leakyName(typeof config.alpha === "number" ? config.alpha : 0.3)); // Keras's default 0.3
}

/** Softmax over a flat sample: softmax, for the last dense layer. */
export function readSoftmax(c: LayerContext, state: TfjsState): void {
  const { config, need, attach } = c;
  need(
    state.rank === 2 && (config.axis === undefined || config.axis === -1 || config.axis === 1),
    "only a softmax over a flat sample (axis -1) is read",
  );
  attach("softmax");
}

/** The dropout rate whose 1 − rate is `scale`, shortest in decimal (0.1 for 0.9, not 0.09999…). */
function rateOf(scale: number): number {
  for (let digits = 1; digits <= 17; digits++) {
    const rate = Number((1 - scale).toPrecision(digits));
    if (1 - rate === scale) return rate;
  }
  return 1 - scale;
}
