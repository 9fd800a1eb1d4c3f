/**
 * A model out of here and back: train the seed's network briefly on MNIST, write it as ONNX
 * (float64, every weight bit for bit) and as a TensorFlow.js layers model (float32), then read
 * both back and check what came back.
 *
 *   node --import tsx examples/export-onnx.ts [output folder, default a temporary one]
 *
 * The .onnx file runs in onnxruntime (Python, C++, onnxruntime-web in a page or in Node)
 * with an input named "input" of shape [batch, 784]; the TensorFlow.js folder loads with
 * tf.loadLayersModel("…/model.json").
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  readOnnxModel,
  readTfjsModel,
  writeOnnxModel,
  writeTfjsModel,
} from "@backprop/formats/node";
import { Matrix } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import { Network } from "@backprop/network";
import { train } from "@backprop/optimizers";

const folder = process.argv[2] ?? mkdtempSync(join(tmpdir(), "backprop-export-"));
const { training, test } = await loadMnist();

const network = new Network({
  sizes: [784, 30, 10],
  outputActivation: "softmax",
  cost: "logLikelihood",
  seed: 0,
});
const settings = { epochs: 1, batchSize: 10, eta: 0.5, seed: 0 };
train(network, training.slice(0, 5000), settings);

// The first 100 test images, one per column, scaled to [0, 1] as training saw them.
const x = Matrix.zeros(784, 100);
for (let s = 0; s < 100; s++)
  for (let i = 0; i < 784; i++) x.data[i * 100 + s] = test.inputs[s * 784 + i] / 255;
const labels = test.labels.subarray(0, 100);
console.log(`trained: ${network.evaluate(x, labels)} / 100 test images right`);

const onnxPath = join(folder, "mnist.onnx");
await writeOnnxModel(onnxPath, network, { name: "mnist-784-30-10", metadata: settings });
const fromOnnx = await readOnnxModel(onnxPath);
const ours = network.feedforward(x).data;
const same = fromOnnx.network.feedforward(x).data.every((v, i) => v === ours[i]);
console.log(
  `ONNX: wrote ${onnxPath}; read back a ${fromOnnx.network.constructor.name} with the same outputs: ${same}`,
);
console.log(`ONNX metadata: ${JSON.stringify(fromOnnx.metadata)}`);

const modelJson = await writeTfjsModel(join(folder, "tfjs"), network, { metadata: settings });
const fromTfjs = await readTfjsModel(modelJson);
const theirs = fromTfjs.network.feedforward(x).data;
let worst = 0;
for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(theirs[i] - ours[i]));
console.log(
  `TensorFlow.js: wrote ${modelJson} and group1-shard1of1.bin; float32 weights, largest output difference ${worst < 1e-5 ? "below 1e-5" : worst}`,
);
