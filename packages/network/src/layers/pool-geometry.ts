import type { Matrix } from "@backprop/linalg";
import { NetworkShapeError } from "../errors";
import { checkPositiveInteger, checkShape3, formatShape3, type Layer, type Shape3 } from "./layer";

/** What {@link maxPool} and {@link avgPool} take. */
export interface PoolOptions {
  /** One input sample: channels × height × width. */
  inputShape: Shape3;
  /** Each window is size × size (network3's poolsize (2, 2) is size 2). */
  size: number;
  /** Step between windows; default `size` (windows that tile without overlap). */
  stride?: number;
}

/** The shapes of a pooling layer: each channel pooled alone, no padding, windows that fit. */
export interface PoolGeometry {
  /** C × H × W. */
  input: Shape3;
  /** C × H′ × W′ with H′ = ⌊(H − size)/stride⌋ + 1 (PyTorch's default, floor mode). */
  output: Shape3;
  /** Window side. */
  size: number;
  /** Step between windows. */
  stride: number;
}

/** A maxPool or avgPool layer, with its window size and stride (what a model file stores). */
export interface PoolLayer extends Layer {
  /** Window size, stride and the input and output shapes. */
  readonly geometry: PoolGeometry;
  /** As Layer.backward; pooling always returns δ of its input (it is cheap). */
  backward(deltaOut: Matrix): Matrix;
}

/** Checks the options and computes the output shape. */
export function poolGeometry(kind: string, options: PoolOptions): PoolGeometry {
  const input = checkShape3(kind, options.inputShape);
  const size = checkPositiveInteger(kind, "size", options.size);
  const stride = checkPositiveInteger(kind, "stride", options.stride ?? size);
  if (size > input.height || size > input.width) {
    throw new NetworkShapeError(
      `${kind}: a ${size}×${size} window does not fit a ${formatShape3(input)} input; use a smaller size`,
    );
  }
  const height = Math.floor((input.height - size) / stride) + 1;
  const width = Math.floor((input.width - size) / stride) + 1;
  return {
    input,
    output: Object.freeze({ channels: input.channels, height, width }),
    size,
    stride,
  };
}
