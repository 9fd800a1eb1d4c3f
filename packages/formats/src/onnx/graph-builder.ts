import type { DType } from "@backprop/linalg";
import { ExportError } from "../errors";
import { type OnnxExportContext, type OnnxNode, toNodeProto } from "./onnx-node";
import type { NodeProto, TensorProto } from "./proto/onnx-types";
import { floatTensor } from "./tensors";

/**
 * The graph an export builds, node by node: nodes in order (each after what it reads),
 * initializers (weights, biases, constants), and the operator sets used. Value and node
 * names are kept unique ("dense0.z", then "dense0.z_1" if taken).
 */
export interface GraphBuilder {
  /** The model's element type. */
  readonly dtype: DType;
  /** The nodes so far, in order. */
  readonly nodes: NodeProto[];
  /** The initializers so far. */
  readonly initializers: TensorProto[];
  /** Operator sets beyond ONNX's own that nodes declared: domain → version. */
  readonly opsets: Map<string, number>;
  /** A value name not used yet, from `base`. */
  name(base: string): string;
  /** Appends a node (named uniquely from its name or op type); docString is free text. */
  add(node: OnnxNode, docString?: string): void;
  /** Adds an initializer of the model's element type; returns its (unique) name. */
  constant(base: string, values: ArrayLike<number>, dims?: readonly number[]): string;
  /** Adds a ready initializer under a unique name made from its own; returns that name. */
  tensor(tensor: TensorProto): string;
  /** The context an activation exporter gets for an input of this rank. */
  context(rank: 2 | 4): OnnxExportContext;
}

/** An empty graph of element type `dtype`; `input` is the name taken by the graph input. */
export function createGraphBuilder(dtype: DType, input: string): GraphBuilder {
  const used = new Set<string>([input]);
  const nodeNames = new Set<string>();
  const unique = (taken: Set<string>, base: string) => {
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const builder: GraphBuilder = {
    dtype,
    nodes: [],
    initializers: [],
    opsets: new Map(),
    name: (base) => unique(used, base),
    add(node, docString) {
      for (const output of node.outputs) used.add(output);
      const name = unique(nodeNames, node.name ?? node.opType);
      builder.nodes.push(toNodeProto({ ...node, name }, docString));
    },
    constant: (base, values, dims = [values.length]) =>
      builder.tensor(floatTensor(base, dims, values, dtype)),
    tensor(tensor) {
      const name = unique(used, tensor.name ?? "constant");
      builder.initializers.push({ ...tensor, name });
      return name;
    },
    context: (rank) => ({
      dtype,
      rank,
      constant: (name, values, dims) => builder.constant(name, values, dims),
      uniqueName: (base) => builder.name(base),
      opset(domain, version) {
        if (domain === "" || domain === "ai.onnx") {
          throw new ExportError(
            "onnx",
            null,
            `an activation exporter declared ONNX's own operator set (${JSON.stringify(domain)}); it is always version 17 here, declare only other domains`,
          );
        }
        builder.opsets.set(domain, version);
      },
    }),
  };
  return builder;
}
