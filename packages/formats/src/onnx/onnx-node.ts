import type { DType } from "@backprop/linalg";
import { type AttributeProto, AttributeType, type NodeProto } from "./proto/onnx-types";

/** An attribute value of an ONNX node, tagged with its ONNX type (`f` is float32 in ONNX). */
export type OnnxAttribute =
  | {
      /** An INT attribute (int64), e.g. axis. */
      int: number;
    }
  | {
      /** A FLOAT attribute (float32), e.g. alpha. */
      float: number;
    }
  | {
      /** An INTS attribute, e.g. kernel_shape. */
      ints: readonly number[];
    }
  | {
      /** A FLOATS attribute. */
      floats: readonly number[];
    }
  | {
      /** A STRING attribute (written as UTF-8), e.g. auto_pad. */
      string: string;
    };

/**
 * One node of an ONNX graph, as an activation exporter returns it: outputs =
 * opType(inputs; attributes), e.g. `{ opType: "Mul", inputs: [input, half], outputs: [output] }`.
 */
export interface OnnxNode {
  /** The operator, e.g. "Elu" (see ONNX's Operators.md). */
  opType: string;
  /** Names of the values it reads: the activation's input, constants from `context.constant`. */
  inputs: readonly string[];
  /** Names of the values it defines: the last node must define the activation's output. */
  outputs: readonly string[];
  /** Optional; a unique one is made from the layer when absent. */
  name?: string;
  /** The operator set's domain; default "" (ONNX's own). Declare others with `context.opset`. */
  domain?: string;
  /** Attributes by name. */
  attributes?: Readonly<Record<string, OnnxAttribute>>;
}

/** What an {@link OnnxActivationExporter} may use besides its input and output names. */
export interface OnnxExportContext {
  /** The model's element type: constants and values are float32 or float64. */
  readonly dtype: DType;
  /** The rank of the activation's input: 2 ([N, features]) or 4 ([N, C, H, W]). */
  readonly rank: 2 | 4;
  /** Adds a constant of the model's element type (an initializer) and returns its name. */
  constant(name: string, values: readonly number[], dims?: readonly number[]): string;
  /** A value name not used yet in the graph, made from `base`. */
  uniqueName(base: string): string;
  /** Declares an operator set the nodes use beyond ONNX's own (e.g. "com.example", 1). */
  opset(domain: string, version: number): void;
}

/**
 * How a user's activation is written to ONNX: the nodes that compute `output` from `input`
 * element by element (or per sample, as softmax), e.g. swish as Sigmoid then Mul. Given to
 * exportOnnx as `activationOps: { [activation name]: exporter }`.
 */
export type OnnxActivationExporter = (
  input: string,
  output: string,
  context: OnnxExportContext,
) => OnnxNode[];

const encoder = new TextEncoder();

/** The NodeProto of a node. */
export function toNodeProto(node: OnnxNode, docString?: string): NodeProto {
  const attribute: AttributeProto[] = Object.entries(node.attributes ?? {}).map(([name, value]) => {
    if ("int" in value) return { name, type: AttributeType.INT, i: value.int };
    if ("float" in value) return { name, type: AttributeType.FLOAT, f: value.float };
    if ("ints" in value) return { name, type: AttributeType.INTS, ints: [...value.ints] };
    if ("floats" in value) return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
    return { name, type: AttributeType.STRING, s: encoder.encode(value.string) };
  });
  return {
    input: [...node.inputs],
    output: [...node.outputs],
    name: node.name,
    op_type: node.opType,
    domain: node.domain || undefined,
    attribute: attribute.length ? attribute : undefined,
    doc_string: docString,
  };
}
