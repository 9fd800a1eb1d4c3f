/**
 * The browser example: a network trained in the page, with nothing Node-only in the
 * bundle (the main entries of the packages are browser-safe; @backprop/datasets/node and
 * @backprop/mnist are not, and are not imported). trainAsync yields to the event loop
 * between slices of mini-batches, so the page stays responsive; the log goes to the
 * page's <pre id="log"> and to the console.
 */
import { makeMoons, splitData } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { trainAsync } from "@backprop/optimizers";

function log(line: string): void {
  console.log(line);
  const pre = typeof document === "undefined" ? null : document.getElementById("log");
  if (pre) pre.textContent += `${line}\n`;
}

const moons = makeMoons({ samples: 1000, noise: 0.1, rng: new Rng(0) });
const { training, test } = splitData(moons, { test: 0.2, rng: new Rng(1) });
const network = new Network({ sizes: [2, 16, 2], cost: "crossEntropy", seed: 1 });

await trainAsync(network, training, {
  epochs: 40,
  batchSize: 10,
  eta: 1,
  test,
  onEpoch: (r) => {
    if (r.epoch % 10 === 9) log(`epoch ${r.epoch}: ${r.test?.correct} / ${r.test?.total}`);
  },
});

const { label, outputs } = network.predict([0, 0.5]);
log(
  `the point (0, 0.5) is class ${label} (outputs ${Array.from(outputs, (v) => v.toFixed(2)).join(", ")})`,
);
