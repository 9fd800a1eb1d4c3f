/**
 * Predicting one image with `network.predict`: train the seed's network briefly (one epoch
 * on 10,000 images; or load a model file given as the argument, e.g. one saved by
 * `backprop train --save model.json`), then show a test image and what the network says.
 *
 *   node --import tsx examples/predict-digit.ts [model.json] [image index, default 0]
 *
 * A softmax output layer gives probabilities; the seed's sigmoid outputs are independent
 * scores in (0, 1) that do not sum to 1, and predict returns them as they are.
 */
import { readFileSync } from "node:fs";
import { loadMnist } from "@backprop/mnist";
import { loadModel, Network } from "@backprop/network";
import { train } from "@backprop/optimizers";

const [modelPath, indexArgument] = process.argv.slice(2);
const { training, test } = await loadMnist();

let network: Network;
if (modelPath && modelPath !== "-") {
  network = loadModel(readFileSync(modelPath, "utf8")).network;
} else {
  network = new Network({ sizes: [784, 30, 10], seed: 0 });
  const size = Number(process.env.EXAMPLE_TRAIN_SIZE ?? 10_000);
  train(network, training.slice(0, size), { epochs: 1, batchSize: 10, eta: 3.0, seed: 0 });
}

// Image `index` of the test set: 784 bytes, scaled to [0, 1] as training saw them.
const index = Number(indexArgument ?? 0);
const bytes = test.inputs.subarray(index * 784, (index + 1) * 784);
const image = Float64Array.from(bytes, (v) => v / 255);

// The picture, two characters per pixel so it keeps its shape.
const shades = " .:-=+*#%@";
for (let row = 0; row < 28; row++) {
  let line = "";
  for (let col = 0; col < 28; col++) {
    line += shades[Math.min(9, Math.floor(image[row * 28 + col] * 10))].repeat(2);
  }
  console.log(line.trimEnd());
}

const { label, outputs } = network.predict(image);
console.log(`predicted ${label}, true label ${test.labels[index]}`);
const output = network.activations[network.activations.length - 1].name;
console.log(
  `outputs (${output}${output === "softmax" ? ", probabilities" : ", unnormalised scores"}):`,
);
for (const [digit, value] of outputs.entries()) console.log(`  ${digit}: ${value.toFixed(3)}`);
