import type { LayerRecord } from "@backprop/network";

/**
 * Our activations live inside dense and conv2d layers (a = σ(w·x + b)), while ONNX and
 * Keras also have them as nodes or layers of their own, often after a pooling or flatten
 * (PyTorch: Conv → MaxPool → Relu). Such an activation is given to the last dense or conv2d
 * layer when every layer since then lets it pass unchanged:
 *   flatten                 any activation (it moves no number within a sample; softmax
 *                           over a flattened sample is softmax over the sample, as ours)
 *   maxPool                 monotone element-wise ones (sigmoid, tanh, relu, leakyRelu with
 *                           slope ≥ 0, softplus): max(σ(a), σ(b)) = σ(max(a, b)) exactly
 *   dropout "inverted"      any (the identity at inference)
 *   dropout "scale-at-test" relu and leakyRelu: σ(c·x) = c·σ(x) for c > 0
 * and the layer's activation is still the identity. Otherwise the node is refused.
 */

const MONOTONE = new Set(["sigmoid", "tanh", "relu", "softplus"]);

function passes(layer: LayerRecord, name: string): boolean {
  const leaky = /^leakyRelu(\((.*)\))?$/.exec(name);
  switch (layer.kind) {
    case "flatten":
      return true;
    case "maxPool":
      return MONOTONE.has(name) || (leaky !== null && !(Number(leaky[2] ?? 0.01) < 0));
    case "dropout":
      return layer.mode === "inverted" || name === "relu" || leaky !== null;
    default:
      return false;
  }
}

/**
 * Gives activation `name` to the last dense or conv2d layer of `layers` (see above), or
 * throws `fail(message)`; `linear` names the format's linear layers, for messages.
 */
export function attachToLayer(
  layers: LayerRecord[],
  name: string,
  linear: string,
  fail: (message: string) => Error,
): void {
  let i = layers.length - 1;
  while (i >= 0 && layers[i].kind !== "dense" && layers[i].kind !== "conv2d") i--;
  const target = layers[i];
  if (!target || (target.kind !== "dense" && target.kind !== "conv2d")) {
    throw fail(`comes before any ${linear}; our activations belong to a dense or conv2d layer`);
  }
  if (target.activation !== "identity") {
    throw fail(
      `follows layer ${i} (${target.kind}), which already has activation ${target.activation}; two activations in a row are not one of our layers`,
    );
  }
  const blocking = layers.slice(i + 1).find((layer) => !passes(layer, name));
  if (blocking) {
    throw fail(
      `(${name}) comes after a ${blocking.kind} layer, which it does not commute with; our activations apply inside dense and conv2d layers, so put it before the ${blocking.kind}`,
    );
  }
  target.activation = name;
}
