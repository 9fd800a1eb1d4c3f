import type { Activation } from "@backprop/activations";
import type { Rng } from "@backprop/linalg";
import { type LayerNetwork, type Network, NetworkShapeError } from "@backprop/network";
import { buildNetwork } from "../model/build-network";
import { OnnxFormatError } from "./errors";
import { readNode } from "./import-nodes";
import { type ImportState, nodeWhere } from "./import-state";
import { readChain } from "./read-graph";

/** What {@link importOnnx} takes beyond the bytes. */
export interface OnnxImportOptions {
  /**
   * The class to build: "Network" (the seed's sizes-list network; dense layers only) or
   * "LayerNetwork". Default: what our export stored, else Network when every layer is dense
   * (a PyTorch MLP), else LayerNetwork.
   */
  as?: "Network" | "LayerNetwork";
  /**
   * The cost to train with (a registered name); ONNX has none. Default: what our export
   * stored, else "logLikelihood" when the output is softmax, else "quadratic".
   */
  cost?: string;
  /**
   * A user's activations for operators this package does not map, by op_type (e.g.
   * `{ Elu: elu }`): a node of that type after a Gemm or Conv becomes the layer's activation.
   */
  activationOps?: Readonly<Record<string, Activation>>;
  /** Draws dropout masks if the network is trained further; default new Rng(0). */
  rng?: Rng;
}

/** What {@link importOnnx} gives. */
export interface OnnxImport {
  /** The model, its parameters exactly as stored (float64 bit for bit). */
  network: Network | LayerNetwork;
  /**
   * The metadata our export stored (the object given as `metadata`), or else the file's
   * metadata_props as strings; {} when there are none.
   */
  metadata: Record<string, unknown>;
  /** Who wrote the file: producer_name and producer_version ("backprop", "pytorch"). */
  producer: {
    /** producer_name, e.g. "backprop" or "pytorch"; "" when absent. */
    name: string;
    /** producer_version, e.g. "1.13.0"; "" when absent. */
    version: string;
  };
}

/**
 * Reads an ONNX model that is a chain of the operators our layers have (see
 * import-nodes.ts): what exportOnnx writes, and what torch.onnx.export writes for MLPs and
 * small conv nets (Gemm with transB = 1, Flatten or a constant Reshape, MaxPool, Relu after
 * pooling, Identity for dropout in eval mode). The input must be [batch, features] or
 * [batch, C, H, W] with fixed sizes but the batch; FLOAT gives a float32 model, DOUBLE a
 * float64 one.
 *
 * Everything is checked before anything is built, and nothing is allocated from a size the
 * file declares before the file is seen to hold that much. Throws an OnnxFormatError naming
 * the place (truncated or damaged bytes, missing initializer, wrong shape, unknown opset or
 * domain, too large) or an OnnxUnsupportedError naming the node, its operator and what is
 * supported.
 */
export function importOnnx(bytes: Uint8Array, options: OnnxImportOptions = {}): OnnxImport {
  const read = readChain(bytes);
  const { input } = read;
  const [channels, height = 1, width = 1] = input.sample;
  const state: ImportState = {
    dtype: read.dtype,
    opset: read.opset,
    constants: read.constants,
    shape: { channels, height, width },
    rank: input.rank,
    layers: [],
    biasPending: null,
    activationOps: options.activationOps ?? {},
    used: [],
  };
  for (const node of read.chain) {
    try {
      readNode(node, state);
    } catch (error) {
      // The layers' own geometry checks (a kernel larger than its input…), said of the node.
      if (error instanceof NetworkShapeError) {
        throw new OnnxFormatError(nodeWhere(node), error.message, { cause: error });
      }
      throw error;
    }
  }
  if (state.layers.length === 0) {
    throw new OnnxFormatError("ModelProto.graph", "has no layer (no Gemm, MatMul or Conv)");
  }

  const props = new Map((read.model.metadata_props ?? []).map((p) => [p.key ?? "", p.value ?? ""]));
  const ours = read.model.producer_name === "backprop";
  const stored = ours ? props.get("backprop.model") : undefined;
  const network = buildNetwork(
    {
      model: stored === "Network" || stored === "LayerNetwork" ? stored : null,
      dtype: read.dtype,
      cost: (ours && props.get("backprop.cost")) || null,
      layers: state.layers,
    },
    { as: options.as, cost: options.cost, activations: state.used, rng: options.rng },
    (message, cause) => new OnnxFormatError("", message, { cause }),
  );
  return {
    network,
    metadata: readMetadata(props),
    producer: { name: read.model.producer_name ?? "", version: read.model.producer_version ?? "" },
  };
}

function readMetadata(props: Map<string, string>): Record<string, unknown> {
  const whole = props.get("backprop.metadata");
  if (whole !== undefined) {
    try {
      const parsed = JSON.parse(whole);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
    } catch {}
  }
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of props) if (!key.startsWith("backprop.")) metadata[key] = value;
  return metadata;
}
