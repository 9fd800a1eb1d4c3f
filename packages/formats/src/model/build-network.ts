import type { Activation } from "@backprop/activations";
import type { DType, Rng } from "@backprop/linalg";
import {
  type DenseRecord,
  LAYER_MODEL_VERSION,
  type LayerNetwork,
  type LayerRecord,
  loadLayerModel,
  loadModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  ModelFileError,
  type Network,
} from "@backprop/network";

/**
 * Both importers end here: the layers they read, as the records of our own layer model
 * file (layer-records.ts in @backprop/network), become a network through loadLayerModel,
 * or loadModel for the seed's sizes-list Network. So an imported model passes every check a
 * model file does (shapes chained through the layers' geometry, parameter counts, finite
 * numbers, names that resolve), and its parameters are set exactly as read.
 */

/** What an importer read: records in our model file's form, and what the format said. */
export interface ImportedModel {
  /** "Network" or "LayerNetwork" when the file says which (our exports do); else null. */
  model: "Network" | "LayerNetwork" | null;
  /** The parameters' element type. */
  dtype: DType;
  /** The cost's name, when the file stores one (our exports do). */
  cost: string | null;
  /** The layers, input side first; weights and biases as flat lists in our layouts. */
  layers: LayerRecord[];
}

/** How importers turn what they read into a network (see {@link buildNetwork}). */
export interface BuildOptions {
  /** Force the class: "Network" (dense layers only) or "LayerNetwork". */
  as?: "Network" | "LayerNetwork";
  /** The cost to train with; default the file's, else "logLikelihood" after softmax, else "quadratic". */
  cost?: string;
  /** Activations that records name beyond the registry (a plugin's, from activationOps). */
  activations?: readonly Activation[];
  /** Draws dropout masks if the network is trained further; default new Rng(0). */
  rng?: Rng;
}

/**
 * The network of `imported`: a Network when asked for, or when the file says so, or when
 * nothing says and every layer is dense (the seed's kind of model); a LayerNetwork otherwise.
 * A ModelFileError (a shape that does not chain, a weight that is not finite) becomes
 * `toFormatError(message)`.
 */
export function buildNetwork(
  imported: ImportedModel,
  options: BuildOptions,
  toFormatError: (message: string, cause: unknown) => Error,
): Network | LayerNetwork {
  const { layers, dtype } = imported;
  const allDense = layers.every((r) => r.kind === "dense");
  const kind = options.as ?? imported.model ?? (allDense ? "Network" : "LayerNetwork");
  const last = layers[layers.length - 1];
  const softmaxLast = last?.kind === "dense" && last.activation === "softmax";
  const cost = options.cost ?? imported.cost ?? (softmaxLast ? "logLikelihood" : "quadratic");
  const loadOptions = { activations: options.activations, rng: options.rng };
  try {
    if (kind === "Network") {
      if (!allDense) {
        throw new ModelFileError(
          "",
          `a Network holds dense layers only, and this model has ${layers.map((r) => r.kind).join(", ")}: import it as a LayerNetwork`,
        );
      }
      const dense = layers as DenseRecord[];
      const file = {
        format: MODEL_FORMAT,
        version: MODEL_VERSION,
        sizes: [dense[0].inputs, ...dense.map((r) => r.outputs)],
        activations: dense.map((r) => r.activation),
        cost,
        dtype,
        weights: dense.map((r) =>
          Array.from({ length: r.outputs }, (_, j) =>
            r.weights.slice(j * r.inputs, (j + 1) * r.inputs),
          ),
        ),
        biases: dense.map((r) => r.biases),
      };
      return loadModel(file, loadOptions).network;
    }
    const file = { format: MODEL_FORMAT, version: LAYER_MODEL_VERSION, cost, dtype, layers };
    return loadLayerModel(file, loadOptions).network;
  } catch (error) {
    if (error instanceof ModelFileError) {
      throw toFormatError(`the model does not make a valid network: ${error.message}`, error);
    }
    throw error;
  }
}
