import { fromNetwork2Json, ModelFileError, Network, toNetwork2Json } from "@backprop/network";
import type { FuzzTarget } from "../target";

/** network2.py's saved networks, as `fromNetwork2Json` reads them. */
const target: FuzzTarget = {
  name: "network2",
  seeds: () =>
    [
      toNetwork2Json(new Network({ sizes: [3, 4, 2], seed: 1 })),
      toNetwork2Json(new Network({ sizes: [2, 2, 2, 1], cost: "crossEntropy", seed: 2 })),
    ].map((text) => new TextEncoder().encode(text)),
  run: (input) => fromNetwork2Json(new TextDecoder().decode(input)),
  isTyped: (error) => error instanceof ModelFileError,
};
export default target;
