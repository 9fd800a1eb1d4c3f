// Run by mixed-modules.test.ts (from the built packages) and by scripts/check-packs.mjs
// (from the installed tarballs): one process that reaches the packages through `import`
// and through `require`, which must give it one copy of each. Prints one line of JSON.
import { createRequire } from "node:module";
import { defineActivation, registerActivation, sigmoid } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import { modelToJson, Network, toNetwork2Json } from "@backprop/network";

const require = createRequire(import.meta.url);
const required = {
  activations: require("@backprop/activations"),
  linalg: require("@backprop/linalg"),
  network: require("@backprop/network"),
};

// 1. An activation registered through `import`, a model loaded through `require`.
registerActivation(
  defineActivation({
    name: "halfSquare",
    fn: (z, out) => {
      for (let i = 0; i < z.length; i++) out[i] = 0.5 * z[i] * z[i];
    },
    derivative: (z, out) => {
      for (let i = 0; i < z.length; i++) out[i] = z[i];
    },
  }),
);
const file = modelToJson(new Network({ sizes: [2, 3, 1], activation: "halfSquare", seed: 1 }));
const loaded = required.network.loadModel(file).network;

// 2. A sigmoid network built with `require`'s sigmoid, written by `import`'s toNetwork2Json.
const net = new required.network.Network({
  sizes: [2, 3, 2],
  activation: required.activations.sigmoid,
  seed: 2,
});
const network2 = JSON.parse(toNetwork2Json(net));

console.log(
  JSON.stringify({
    loaded: loaded.activations.map((a) => a.name).join(","),
    network2: network2.sizes.join("-"),
    sameSigmoid: required.activations.sigmoid === sigmoid,
    sameMatrix: required.linalg.Matrix === Matrix,
    sameRegistry: required.activations.getActivation("halfSquare").name === "halfSquare",
  }),
);
