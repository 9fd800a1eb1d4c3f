import { type Activation, isBuiltInActivation } from "@backprop/activations";
import { ExportError } from "../errors";
import { leakySlope } from "../model/leaky-slope";
import type { GraphBuilder } from "./graph-builder";
import type { OnnxActivationExporter } from "./onnx-node";
import { int64Tensor } from "./tensors";

/**
 * a = σ(z) as ONNX nodes. Our built-in activations (recognised by identity, not by name: a
 * user's own "sigmoid" is not ours) map to one operator each:
 *
 *   sigmoid → Sigmoid   tanh → Tanh   relu → Relu   softplus → Softplus (ln(eˣ + 1))
 *   leakyRelu(s) → LeakyRelu(alpha = s; a float32 attribute in ONNX)
 *   identity → no node (a is z)
 *   softmax → Softmax(axis = 1) on [N, classes]: one distribution per sample, as ours per
 *             column. On feature maps [N, C, H, W] ours normalises the whole sample, so
 *             Flatten → Softmax → Reshape back.
 *
 * Any other activation needs an exporter in `hooks` under its name.
 * Returns the name of a (z itself for identity).
 */
export function addActivation(
  graph: GraphBuilder,
  activation: Activation,
  z: string,
  rank: 2 | 4,
  where: { layer: number; prefix: string; shape: readonly number[] },
  hooks: Readonly<Record<string, OnnxActivationExporter>>,
): string {
  const { name } = activation;
  const a = () => graph.name(`${where.prefix}.a`);
  const one = (
    opType: string,
    attributes?: Record<string, { float: number } | { int: number }>,
  ) => {
    const output = a();
    graph.add({
      opType,
      inputs: [z],
      outputs: [output],
      name: `${where.prefix}.${opType}`,
      attributes,
    });
    return output;
  };
  if (isBuiltInActivation(activation)) {
    const slope = leakySlope(name);
    if (slope !== null) return one("LeakyRelu", { alpha: { float: slope } });
    switch (name) {
      case "sigmoid":
        return one("Sigmoid");
      case "tanh":
        return one("Tanh");
      case "relu":
        return one("Relu");
      case "softplus":
        return one("Softplus");
      case "identity":
        return z;
      case "softmax":
        return rank === 2 ? one("Softmax", { axis: { int: 1 } }) : softmaxOfMaps(graph, z, where);
    }
  }
  const hook = Object.hasOwn(hooks, name) ? hooks[name] : undefined;
  if (!hook) {
    throw new ExportError(
      "onnx",
      where.layer,
      `layer ${where.layer}'s activation ${JSON.stringify(name)} is not one of ours (sigmoid, tanh, relu, leakyRelu, identity, softplus, softmax), so ONNX has no operator for it: pass exportOnnx(network, { activationOps: { ${JSON.stringify(name)}: (input, output, context) => [/* ONNX nodes */] } })`,
    );
  }
  const output = a();
  const nodes = hook(z, output, graph.context(rank));
  if (!Array.isArray(nodes) || nodes.length === 0 || !nodes.at(-1)?.outputs.includes(output)) {
    throw new ExportError(
      "onnx",
      where.layer,
      `the activationOps exporter of ${JSON.stringify(name)} must return nodes whose last defines the output it was given (${JSON.stringify(output)})`,
    );
  }
  for (const node of nodes)
    graph.add({ ...node, name: node.name ?? `${where.prefix}.${node.opType}` });
  return output;
}

/** Softmax over each whole sample of [N, C, H, W]: Flatten, Softmax(axis 1), Reshape back. */
function softmaxOfMaps(
  graph: GraphBuilder,
  z: string,
  where: { prefix: string; shape: readonly number[] },
): string {
  const flat = graph.name(`${where.prefix}.z_flat`);
  graph.add({ opType: "Flatten", inputs: [z], outputs: [flat], attributes: { axis: { int: 1 } } });
  const soft = graph.name(`${where.prefix}.a_flat`);
  graph.add({
    opType: "Softmax",
    inputs: [flat],
    outputs: [soft],
    attributes: { axis: { int: 1 } },
  });
  // 0 in a Reshape shape keeps that dimension: the batch size.
  const shape = graph.tensor(int64Tensor(`${where.prefix}.shape`, [0, ...where.shape]));
  const a = graph.name(`${where.prefix}.a`);
  graph.add({ opType: "Reshape", inputs: [soft, shape], outputs: [a] });
  return a;
}
