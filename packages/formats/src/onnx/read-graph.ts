import type { DType } from "@backprop/linalg";
import { OnnxFormatError, OnnxUnsupportedError } from "./errors";
import { decodeMessage } from "./proto/decode";
import {
  AttributeType,
  DataType,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from "./proto/onnx-types";
import { MAX_ELEMENTS } from "./tensors";

/**
 * The first half of an import: the file decoded and its frame checked (IR version, operator
 * sets, one float input of rank 2 or 4, one output), the constants gathered (initializers
 * and Constant nodes), and the nodes put in the order data flows from the input to the
 * output. Our layers form a chain, so the graph must be one: each value on the way is read
 * by exactly one node. Nothing here allocates from a declared size.
 */

/** The IR versions this reader knows: 3 (opset_import appeared) to 10 (ONNX 1.16). */
const IR_VERSIONS = [3, 10];
/** The versions of ONNX's own operator set whose semantics for our subset are read here. */
export const OPSETS = [9, 21];

/** A decoded model, checked and laid out as a chain. */
export interface OnnxChain {
  /** The decoded file. */
  model: ModelProto;
  /** The version of ONNX's own operator set the file imports. */
  opset: number;
  /** FLOAT → "float32", DOUBLE → "float64" (from the graph input). */
  dtype: DType;
  /** The graph input's name, rank and per-sample dims ([features] or [C, H, W]). */
  input: { name: string; rank: 2 | 4; sample: number[] };
  /** The nodes from the input to the output, in order. */
  chain: NodeProto[];
  /** Initializers and Constant nodes' values, by name. */
  constants: Map<string, TensorProto>;
}

const isDefaultDomain = (domain: string | undefined) => !domain || domain === "ai.onnx";

/** Decodes `bytes` and checks everything but the nodes' own attributes and weights. */
export function readChain(bytes: Uint8Array): OnnxChain {
  if (!(bytes instanceof Uint8Array)) {
    throw new OnnxFormatError("", "expected the bytes of a .onnx file as a Uint8Array");
  }
  const model = decodeMessage(bytes, "ModelProto") as ModelProto;
  const ir = model.ir_version;
  if (ir === undefined || ir < IR_VERSIONS[0] || ir > IR_VERSIONS[1]) {
    throw new OnnxFormatError(
      "ModelProto.ir_version",
      ir === undefined
        ? "is missing: is this an ONNX model file?"
        : `is ${ir}; this reader knows IR versions ${IR_VERSIONS[0]} to ${IR_VERSIONS[1]} (re-export with opset ≤ ${OPSETS[1]})`,
    );
  }
  const opsets = model.opset_import ?? [];
  const own = opsets.find((o) => isDefaultDomain(o.domain));
  const opset = own?.version;
  if (opset === undefined || opset < OPSETS[0] || opset > OPSETS[1]) {
    throw new OnnxFormatError(
      "ModelProto.opset_import",
      opset === undefined
        ? 'does not import ONNX\'s own operator set (domain "")'
        : `imports ONNX opset ${opset}; this reader knows opsets ${OPSETS[0]} to ${OPSETS[1]}: export with opset_version=17`,
    );
  }
  const graph = model.graph;
  if (!graph) throw new OnnxFormatError("ModelProto.graph", "is missing: the file has no graph");
  const nodes = graph.node ?? [];

  const constants = new Map<string, TensorProto>();
  for (const tensor of graph.initializer ?? []) constants.set(tensor.name ?? "", tensor);
  const flowing: NodeProto[] = [];
  for (const node of nodes) {
    if (!isDefaultDomain(node.domain)) {
      throw new OnnxUnsupportedError(
        node.name ?? "",
        node.op_type ?? "",
        `is in the operator set domain ${JSON.stringify(node.domain)}; only ONNX's own ("") is read`,
      );
    }
    if (node.op_type === "Constant") constants.set(node.output?.[0] ?? "", constantValue(node));
    else flowing.push(node);
  }

  const inputs = (graph.input ?? []).filter((v) => !constants.has(v.name ?? ""));
  if (inputs.length !== 1) {
    throw new OnnxFormatError(
      "ModelProto.graph.input",
      `has ${inputs.length} inputs besides the initializers (${inputs.map((v) => JSON.stringify(v.name)).join(", ")}); a model here takes one`,
    );
  }
  const input = readInput(inputs[0]);
  const outputs = graph.output ?? [];
  if (outputs.length !== 1) {
    throw new OnnxFormatError(
      "ModelProto.graph.output",
      `has ${outputs.length} outputs; a model here gives one`,
    );
  }
  const chain = chainFrom(input.name, outputs[0].name ?? "", flowing, constants);
  return { model, opset, dtype: input.dtype, input, chain, constants };
}

function readInput(value: ValueInfoProto): OnnxChain["input"] & { dtype: DType } {
  const where = `graph input ${JSON.stringify(value.name)}`;
  const tensor = value.type?.tensor_type;
  const elem = tensor?.elem_type;
  if (elem !== DataType.FLOAT && elem !== DataType.DOUBLE) {
    throw new OnnxFormatError(where, `has element type ${elem}; expected FLOAT (1) or DOUBLE (11)`);
  }
  const dims = tensor?.shape?.dim ?? [];
  if (dims.length !== 2 && dims.length !== 4) {
    throw new OnnxFormatError(
      where,
      `has rank ${dims.length}; expected [batch, features] or [batch, channels, height, width]`,
    );
  }
  let size = 1;
  const sample = dims.slice(1).map((d, i) => {
    const n = d.dim_value;
    if (n === undefined || !Number.isSafeInteger(n) || n < 1) {
      throw new OnnxFormatError(
        where,
        `dimension ${i + 1} is ${d.dim_param ? JSON.stringify(d.dim_param) : n}; every dimension but the batch must be a fixed positive size`,
      );
    }
    size *= n;
    if (size > MAX_ELEMENTS) {
      throw new OnnxFormatError(where, `declares more than ${MAX_ELEMENTS} numbers per sample`);
    }
    return n;
  });
  return {
    name: value.name ?? "",
    rank: dims.length as 2 | 4,
    sample,
    dtype: elem === DataType.DOUBLE ? "float64" : "float32",
  };
}

/** A Constant node's tensor (its `value` attribute). */
function constantValue(node: NodeProto): TensorProto {
  const value = node.attribute?.find((a) => a.name === "value");
  if (!value?.t || (value.type !== undefined && value.type !== AttributeType.TENSOR)) {
    throw new OnnxUnsupportedError(
      node.name ?? "",
      "Constant",
      "has no tensor `value`; only Constant nodes holding a tensor are read",
    );
  }
  return { ...value.t, name: node.output?.[0] };
}

/** The nodes from `input` to `output`, each the only reader of the value before it. */
function chainFrom(
  input: string,
  output: string,
  nodes: NodeProto[],
  constants: Map<string, TensorProto>,
): NodeProto[] {
  const readers = new Map<string, NodeProto[]>();
  for (const node of nodes) {
    for (const name of node.input ?? []) {
      if (!name || constants.has(name)) continue;
      const list = readers.get(name) ?? [];
      list.push(node);
      readers.set(name, list);
    }
  }
  const chain: NodeProto[] = [];
  let value = input;
  while (value !== output) {
    const next = readers.get(value) ?? [];
    if (next.length !== 1) {
      const names = next.map((n) => `${JSON.stringify(n.name ?? "")} (${n.op_type})`).join(", ");
      throw new OnnxFormatError(
        `value ${JSON.stringify(value)}`,
        next.length === 0
          ? `is read by no node and is not the graph output ${JSON.stringify(output)}: the graph does not lead from its input to its output`
          : `is read by ${next.length} nodes (${names}); our layers form a chain, so each value must be read by one node (a graph that branches, e.g. a residual connection, is not supported)`,
      );
    }
    const node = next[0];
    const others = (node.input ?? []).filter((name) => name && name !== value);
    const missing = others.find((name) => !constants.has(name));
    if (missing !== undefined) {
      throw new OnnxFormatError(
        `node ${JSON.stringify(node.name ?? "")} (${node.op_type})`,
        `reads ${JSON.stringify(missing)}, which is neither an initializer nor a Constant: a weight is missing, or it is computed at run time (not supported)`,
      );
    }
    if (chain.length > nodes.length) {
      throw new OnnxFormatError(`value ${JSON.stringify(value)}`, "the graph has a cycle");
    }
    chain.push(node);
    value = node.output?.[0] ?? "";
  }
  return chain;
}
