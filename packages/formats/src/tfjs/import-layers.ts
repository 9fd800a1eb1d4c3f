import { type LayerContext, layerContext, type TfjsState } from "./layer-context";
import { readConv2D, readDense, readPooling, readZeroPadding } from "./read-linear-layers";
import {
  readActivation,
  readDropout,
  readFlatten,
  readLeakyRelu,
  readPermute,
  readRelu,
  readRescaling,
  readSoftmax,
} from "./read-other-layers";
import type { TfjsLayerJson } from "./tfjs-types";

/**
 * Keras layers (as TensorFlow.js writes them) into our layer records, the inverse of
 * export-tfjs.ts: Dense, Conv2D (ZeroPadding2D before a valid Conv2D is its padding),
 * MaxPooling2D, AveragePooling2D, Flatten (after Permute [3, 1, 2] or not: the next dense
 * kernel's rows follow whichever order the flatten gives), Dropout, Rescaling(c) as
 * scale-at-test dropout, and Activation, ReLU, LeakyReLU, Softmax layers given to the last
 * dense or conv2d layer (model/attach-activation.ts).
 */

const SUPPORTED =
  "Dense, Conv2D, ZeroPadding2D (before a Conv2D), MaxPooling2D, AveragePooling2D, Flatten, Permute([3, 1, 2]) before Flatten, Dropout, Rescaling, Activation, ReLU, LeakyReLU, Softmax, InputLayer";

type Reader = (c: LayerContext, state: TfjsState) => void;

/** The readers by Keras class name, looked up as own properties. */
const READERS: Readonly<Record<string, Reader>> = {
  InputLayer: () => {},
  Dense: readDense,
  ZeroPadding2D: readZeroPadding,
  Conv2D: readConv2D,
  MaxPooling2D: (c, state) => readPooling("maxPool", c, state),
  AveragePooling2D: (c, state) => readPooling("avgPool", c, state),
  Permute: readPermute,
  Flatten: readFlatten,
  Dropout: readDropout,
  Rescaling: readRescaling,
  Activation: readActivation,
  ReLU: readRelu,
  LeakyReLU: readLeakyRelu,
  Softmax: readSoftmax,
};

/** Reads one layer into `state` (see the list above). */
export function readLayer(layer: TfjsLayerJson, state: TfjsState): void {
  const c = layerContext(layer, state);
  const type = layer.class_name;
  if (type !== "ZeroPadding2D" && type !== "Conv2D") {
    c.need(state.pad === null, "a ZeroPadding2D must be followed by a Conv2D");
  }
  if (!Object.hasOwn(READERS, type))
    throw c.fail(`is not a layer @backprop/network has; supported: ${SUPPORTED}`);
  READERS[type](c, state);
}
