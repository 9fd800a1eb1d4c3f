import type { Matrix } from "@backprop/linalg";
import { assertRows, checkShape3, type Layer, type Shape3, shapeSize } from "./layer";

/** What {@link flatten} takes. */
export interface FlattenOptions {
  /** One input sample, e.g. a pooling layer's outputShape. */
  inputShape: Shape3;
}

/**
 * C × H × W feature maps → C·H·W neurons ({ channels: C·H·W, height: 1, width: 1 }), for a
 * dense layer after convolutions. Our batches already hold each sample as one column of
 * C·H·W rows, so forward and backward hand their matrix through unchanged: only the shape
 * a following layer checks against changes. No parameters.
 */
export function flatten(options: FlattenOptions): Layer {
  const inputShape = checkShape3("flatten", options.inputShape);
  return {
    kind: "flatten",
    inputShape,
    outputShape: Object.freeze({ channels: shapeSize(inputShape), height: 1, width: 1 }),
    parameters: [],
    gradients: [],
    forward(input: Matrix): Matrix {
      assertRows("flatten: the input", input, inputShape);
      return input;
    },
    backward(deltaOut: Matrix): Matrix {
      assertRows("flatten.backward: δ of the output", deltaOut, inputShape);
      return deltaOut;
    },
  };
}
