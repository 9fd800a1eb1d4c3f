import { loadModel, ModelFileError, modelToJson, Network } from "@backprop/network";
import type { FuzzTarget } from "../target";

/** Our model files (version 1), as `loadModel` reads them for every CLI command. */
const target: FuzzTarget = {
  name: "model",
  seeds: () =>
    [
      modelToJson(new Network({ sizes: [3, 4, 2], seed: 1 })),
      modelToJson(
        new Network({
          sizes: [4, 3, 3],
          activation: "tanh",
          outputActivation: "softmax",
          cost: "logLikelihood",
          dtype: "float32",
          seed: 2,
        }),
        { settings: { dataset: "moons", seed: 3 }, note: [1, { a: null }] },
      ),
      modelToJson(new Network({ sizes: [2, 1], activation: "relu", seed: 3 })),
    ].map((text) => new TextEncoder().encode(text)),
  run: (input) => loadModel(new TextDecoder().decode(input)),
  isTyped: (error) => error instanceof ModelFileError,
};
export default target;
