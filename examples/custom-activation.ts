/**
 * Your own activation, used by name: softsign(z) = z / (1 + |z|), whose derivative is
 * 1 / (1 + |z|)². It is written as two loops over flat arrays (defineActivation: the fast
 * form; scalarActivation takes f(x) and f′(x) instead), checked against central
 * differences, registered, and then named in a network and in its model file like a
 * built-in. The network learns the two-moons data set.
 *
 *   node --import tsx examples/custom-activation.ts
 */
import {
  checkActivationDerivative,
  defineActivation,
  registerActivation,
} from "@backprop/activations";
import { makeMoons, splitData } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { loadModel, modelToJson, Network } from "@backprop/network";
import { train } from "@backprop/optimizers";

const softsign = defineActivation({
  name: "softsign",
  fn(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = z[i] / (1 + Math.abs(z[i]));
  },
  derivative(z, out) {
    for (let i = 0; i < z.length; i++) {
      const d = 1 + Math.abs(z[i]);
      out[i] = 1 / (d * d);
    }
  },
});

// The derivative against (f(x+h) − f(x−h)) / 2h at points from ±1e-3 to ±1000.
const report = checkActivationDerivative(softsign);
console.log(
  `derivative check: ${report.ok ? "ok" : "FAILED"}, worst error ${report.worst.error.toExponential(1)} at z = ${report.worst.at}`,
);
if (!report.ok) process.exit(1);

registerActivation(softsign); // from now on "softsign" is a name, like "sigmoid"

// Hidden layer softsign (by name), sigmoid output with cross-entropy.
const network = new Network({
  sizes: [2, 16, 2],
  activation: "softsign",
  outputActivation: "sigmoid",
  cost: "crossEntropy",
  init: "xavier",
  seed: 1,
});
const moons = makeMoons({ samples: 1000, noise: 0.1, rng: new Rng(0) });
const { training, test } = splitData(moons, { test: 0.2, rng: new Rng(1) });
const { history } = train(network, training, { epochs: 60, batchSize: 10, eta: 0.5, test });
const accuracy = history[history.length - 1].test?.accuracy ?? 0;
console.log(`two moons, test accuracy: ${(100 * accuracy).toFixed(1)}%`);

// The model file stores the name; loading resolves it from the registry.
const { network: loaded } = loadModel(modelToJson(network));
console.log(`reloaded activations: ${loaded.activations.map((a) => a.name).join(", ")}`);
