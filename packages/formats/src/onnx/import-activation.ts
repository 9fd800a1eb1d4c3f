import type { Activation } from "@backprop/activations";
import { attachToLayer } from "../model/attach-activation";
import { leakyName, shortestFloat32 } from "../model/leaky-slope";
import type { Attributes } from "./attributes";
import type { ImportState } from "./import-state";

/**
 * ONNX activation nodes (Sigmoid, Tanh, Relu, LeakyRelu, Softplus, Softmax, and a user's
 * operators in activationOps) as our activation names.
 */

/** Our activation name of an ONNX activation node, or null when it is not one. */
export function activationName(attributes: Attributes, state: ImportState): string | null {
  const { node } = attributes;
  switch (node.op_type) {
    case "Sigmoid":
      return "sigmoid";
    case "Tanh":
      return "tanh";
    case "Relu":
      return "relu";
    case "Softplus":
      return "softplus";
    case "LeakyRelu":
      // alpha is a float32 attribute: 0.01 comes back as 0.01, not 0.009999999776482582.
      return leakyName(shortestFloat32(attributes.float("alpha", 0.01)));
    case "Softmax": {
      // Before opset 13 Softmax flattened from `axis` (default 1) on; from 13 on it is one
      // axis (default -1). On [N, classes] both mean one distribution per sample.
      if (state.rank !== 2) {
        throw attributes.unsupported(
          "is applied to a 4-D value; ours normalise a whole sample: put a Flatten before it",
        );
      }
      attributes.only(
        "axis",
        [1, -1],
        "on [batch, classes] only axis 1 (one distribution per sample) is supported",
      );
      return "softmax";
    }
    default: {
      const type = node.op_type ?? "";
      const custom: Activation | undefined = Object.hasOwn(state.activationOps, type)
        ? state.activationOps[type]
        : undefined;
      if (!custom) return null;
      if (!state.used.includes(custom)) state.used.push(custom);
      return custom.name;
    }
  }
}

/** Gives activation `name` to the last dense or conv2d layer (see model/attach-activation.ts). */
export function attachActivation(attributes: Attributes, state: ImportState, name: string): void {
  attachToLayer(state.layers, name, "Gemm, MatMul or Conv", (message) =>
    attributes.unsupported(message),
  );
  state.biasPending = null;
}
