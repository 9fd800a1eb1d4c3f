import type { LayerNetwork, Network } from "@backprop/network";
import { viewModel } from "../model/model-view";
import { VERSION } from "../version";
import { createGraphBuilder } from "./graph-builder";
import { addLayer, dims } from "./layer-nodes";
import type { OnnxActivationExporter } from "./onnx-node";
import { encodeMessage } from "./proto/encode";
import type { ModelProto, StringStringEntryProto, ValueInfoProto } from "./proto/onnx-types";
import { elemType } from "./tensors";

/** The ONNX operator set exports declare (ONNX 1.12's newest; onnxruntime reads it). */
export const ONNX_OPSET = 17;
/** The IR version exports declare (8: ONNX 1.12, the version that opset 17 came with). */
export const ONNX_IR_VERSION = 8;

/** What {@link exportOnnx} takes beyond the network. */
export interface OnnxExportOptions {
  /** The graph's name and the "name" metadata entry; default metadata.name, else "backprop". */
  name?: string;
  /**
   * Training settings and anything else worth keeping (epochs, eta, seed, accuracy…):
   * written to metadata_props, one entry per key (strings as they are, other values as
   * JSON), and the whole object under "backprop.metadata" so importOnnx gives it back.
   */
  metadata?: Record<string, unknown>;
  /** ONNX forms of a user's own activations, by activation name (see OnnxActivationExporter). */
  activationOps?: Readonly<Record<string, OnnxActivationExporter>>;
}

/**
 * The ONNX file (opset 17, IR version 8) of a Network or LayerNetwork, in the model's own
 * element type: float32 (FLOAT) or float64 (DOUBLE), every weight bit for bit. The graph
 * takes "input" of shape [batch, features] (a model whose first layer is dense) or [batch,
 * C, H, W] (convolution and pooling first), one sample per row, and gives "output" (dropout
 * is at inference: the identity, or × (1 − rate) for "scale-at-test"). See layer-nodes.ts
 * and activation-nodes.ts for the operators. metadata_props hold "name", "backprop.model",
 * "backprop.cost", "backprop.dtype" and the metadata; producer_name is "backprop".
 *
 * Throws an ExportError for a user's own layer kind, or a user's own activation that
 * `activationOps` does not cover.
 */
export function exportOnnx(
  network: Network | LayerNetwork,
  options: OnnxExportOptions = {},
): Uint8Array {
  const view = viewModel(network, "onnx");
  const graph = createGraphBuilder(view.dtype, "input");
  const first = view.layers[0].kind;
  const { height, width } = view.inputShape;
  let rank: 2 | 4 =
    first === "conv2d" || first === "maxPool" || first === "avgPool" || height * width > 1 ? 4 : 2;
  const inputDims = rank === 4 ? dims(view.inputShape) : [view.inputShape.channels];
  let value = "input";
  view.layers.forEach((layer, l) => {
    ({ output: value, rank } = addLayer(graph, layer, value, rank, l, options.activationOps ?? {}));
  });
  const { channels, height: h, width: w } = view.outputShape;
  const outputDims = rank === 4 ? dims(view.outputShape) : [channels * h * w];
  // The graph output must be a node's output: name the last value "output".
  graph.add({ opType: "Identity", inputs: [value], outputs: ["output"], name: "output" });

  const metadata = options.metadata ?? {};
  const name =
    options.name ?? (typeof metadata.name === "string" ? metadata.name : undefined) ?? "backprop";
  const model: ModelProto = {
    ir_version: ONNX_IR_VERSION,
    opset_import: [
      { domain: "", version: ONNX_OPSET },
      ...[...graph.opsets].map(([domain, version]) => ({ domain, version })),
    ],
    producer_name: "backprop",
    producer_version: VERSION,
    doc_string: `A ${view.model} of @backprop/network, exported by @backprop/formats ${VERSION}`,
    graph: {
      name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo("input", view.dtype, inputDims)],
      output: [valueInfo("output", view.dtype, outputDims)],
    },
    metadata_props: metadataProps(name, view, metadata),
  };
  return encodeMessage(model as Record<string, unknown>, "ModelProto");
}

function valueInfo(name: string, dtype: "float32" | "float64", sample: number[]): ValueInfoProto {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType(dtype),
        shape: { dim: [{ dim_param: "batch" }, ...sample.map((n) => ({ dim_value: n }))] },
      },
    },
  };
}

function metadataProps(
  name: string,
  view: { model: string; cost: string; dtype: string },
  metadata: Record<string, unknown>,
): StringStringEntryProto[] {
  const props: StringStringEntryProto[] = [
    { key: "name", value: name },
    { key: "backprop.model", value: view.model },
    { key: "backprop.cost", value: view.cost },
    { key: "backprop.dtype", value: view.dtype },
  ];
  const taken = new Set(props.map((p) => p.key));
  for (const [key, value] of Object.entries(metadata)) {
    if (taken.has(key) || key.startsWith("backprop.") || value === undefined) continue;
    props.push({ key, value: typeof value === "string" ? value : JSON.stringify(value) });
  }
  if (Object.keys(metadata).length > 0) {
    props.push({ key: "backprop.metadata", value: JSON.stringify(metadata) });
  }
  return props;
}
