import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Matrix } from "@backprop/linalg";
import { Rng } from "@backprop/linalg";
import { conv2d, flatten, LayerNetwork, type Network } from "@backprop/network";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfl from "@tensorflow/tfjs-layers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTfjsModel } from "../src/node";
import { exportTfjs, importTfjs, type TfjsModel, type TfjsModelJson } from "../src/tfjs";
import { type Comparison, compareOutputs, fromRows, toNhwcRows } from "./compare";
import {
  everyLayerNet,
  mnistConvNet,
  mnistMlp,
  mnistTestImages,
  randomBatch,
  trainBriefly,
} from "./models";

// TensorFlow.js 4.22 (tfjs-layers on the cpu backend) loads what exportTfjs writes, from
// memory and from the files writeTfjsModel writes (read as its HTTP loader reads them:
// model.json, then the manifest's shards), and gives feedforward's outputs: within 1e-5
// relative on 1,000 MNIST test images, the same argmax on every image.

const dir = mkdtempSync(join(tmpdir(), "backprop-tfjs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** tf.loadLayersModel over our model.json object and weights, as tfjs's own loaders do. */
function loadFromMemory({ modelJson, weightData }: TfjsModel): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel({
    load: () =>
      tf.io.getModelArtifactsForJSON(modelJson as unknown as tf.io.ModelJSON, async (manifest) => [
        manifest.flatMap((group) => group.weights),
        weightData,
      ]),
  });
}

/** tf.loadLayersModel over the files in `folder`: model.json, then each shard it names. */
function loadFromFiles(folder: string): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel({
    async load() {
      const json: TfjsModelJson = JSON.parse(readFileSync(join(folder, "model.json"), "utf8"));
      return tf.io.getModelArtifactsForJSON(
        json as unknown as tf.io.ModelJSON,
        async (manifest) => {
          const shards = manifest.flatMap((group) =>
            group.paths.map((p) => readFileSync(join(folder, p))),
          );
          const bytes = new Uint8Array(Buffer.concat(shards));
          return [manifest.flatMap((group) => group.weights), bytes.buffer];
        },
      );
    },
  });
}

/** The model's outputs for x (ours: C·H·W × m) fed as [m, H, W, C] or [m, features]. */
function predict(
  model: tfl.LayersModel,
  x: Matrix,
  sample: { channels: number; height: number; width: number },
): Matrix {
  const maps = sample.height * sample.width > 1;
  const dims = maps
    ? [x.cols, sample.height, sample.width, sample.channels]
    : [x.cols, sample.channels];
  const input = tf.tensor(toNhwcRows(x, sample), dims, "float32");
  const output = model.predict(input) as tf.Tensor;
  const rows = output.dataSync();
  const outputs = output.shape[1] as number;
  tf.dispose([input, output]);
  return fromRows(rows, x.cols, outputs, x.dtype);
}

const report = (what: string, r: Comparison) =>
  console.log(
    `TensorFlow.js vs feedforward, ${what}: relative ${r.relative.toExponential(2)} (elementwise ${r.elementwise.toExponential(2)}), argmax differs on ${r.argmaxDiffers}`,
  );

async function check(
  what: string,
  net: Network | LayerNetwork,
  x: Matrix,
  sample: { channels: number; height: number; width: number },
) {
  const ours = net.feedforward(x);
  const memory = await loadFromMemory(exportTfjs(net));
  const r = compareOutputs(ours, predict(memory, x, sample));
  report(what, r);
  expect(r.relative).toBeLessThan(1e-5);
  expect(r.argmaxDiffers).toBe(0);
  const folder = join(dir, what.replace(/\W+/g, "-"));
  await writeTfjsModel(folder, net);
  const files = await loadFromFiles(folder);
  expect(Array.from(predict(files, x, sample).data)).toEqual(
    Array.from(predict(memory, x, sample).data),
  );
  memory.dispose();
  files.dispose();
}

describe("TensorFlow.js runs what exportTfjs writes", () => {
  it("float32 conv net, 1,000 MNIST images (channels-last, permuted dense kernel after Flatten)", async () => {
    const { x, labels } = await mnistTestImages(1000, "float32");
    const net = mnistConvNet("float32");
    await trainBriefly(net, 100);
    expect(net.evaluate(x, labels)).toBeGreaterThan(750);
    await check("float32 conv net", net, x, { channels: 1, height: 28, width: 28 });
  });

  it("float32 seed MLP, 1,000 MNIST images", async () => {
    const { x } = await mnistTestImages(1000, "float32");
    const net = mnistMlp("float32");
    await trainBriefly(net, 100);
    await check("float32 MLP", net, x, { channels: 784, height: 1, width: 1 });
  });

  it("float64 seed MLP, exported as float32, 1,000 MNIST images", async () => {
    const { x } = await mnistTestImages(1000, "float64");
    const net = mnistMlp("float64");
    await trainBriefly(net, 100);
    await check("float64 MLP as float32", net, x, { channels: 784, height: 1, width: 1 });
  });

  it("every layer kind and activation, 2-channel input (the HWC order matters)", async () => {
    const net = everyLayerNet("float32");
    await check("every layer", net, randomBatch(2 * 11 * 11, 200, "float32"), {
      channels: 2,
      height: 11,
      width: 11,
    });
  });

  it("a flatten of maps as the output: Permute([3, 1, 2]) first, so TF.js gives our C·H·W order", async () => {
    const rng = new Rng(7);
    const c = conv2d({
      inputShape: { channels: 2, height: 5, width: 4 },
      filters: 3,
      kernelSize: 2,
      activation: "relu",
      rng,
      dtype: "float32",
    });
    const net = new LayerNetwork({ layers: [c, flatten({ inputShape: c.outputShape })] });
    expect(exportTfjs(net).modelJson.modelTopology.config.layers.map((l) => l.class_name)).toEqual([
      "Conv2D",
      "Permute",
      "Flatten",
    ]);
    await check("flatten output", net, randomBatch(40, 50, "float32"), {
      channels: 2,
      height: 5,
      width: 4,
    });
  });
});

describe("importTfjs reads what TensorFlow.js itself saves", () => {
  it("ZeroPadding2D → Conv2D → LeakyReLU → AveragePooling2D → Flatten → Dropout → Dense softmax", async () => {
    // Weights: TF.js's own random initial ones (biases too, so they are not all zero).
    const model = tfl.sequential();
    model.add(tfl.layers.zeroPadding2d({ inputShape: [6, 5, 2], padding: 1 }));
    model.add(tfl.layers.conv2d({ filters: 3, kernelSize: 3, biasInitializer: "randomNormal" }));
    model.add(tfl.layers.leakyReLU({ alpha: 0.1 }));
    model.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dropout({ rate: 0.3 }));
    model.add(
      tfl.layers.dense({ units: 4, activation: "softmax", biasInitializer: "randomNormal" }),
    );
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
      }),
    );
    const artifacts = saved as tf.io.ModelArtifacts;
    const parts = artifacts.weightData as ArrayBuffer | ArrayBuffer[];
    const data = Buffer.concat(
      (Array.isArray(parts) ? parts : [parts]).map((b) => new Uint8Array(b)),
    );
    const modelJson = {
      format: artifacts.format,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
    };
    const { network } = importTfjs(modelJson, new Uint8Array(data));
    expect((network as LayerNetwork).layers.map((l) => l.kind)).toEqual([
      "conv2d",
      "avgPool",
      "flatten",
      "dropout",
      "dense",
    ]);
    const sample = { channels: 2, height: 6, width: 5 };
    const x = randomBatch(60, 30, "float32");
    const r = compareOutputs(predict(model, x, sample), network.feedforward(x));
    report("TF.js-built model imported", r);
    expect(r.relative).toBeLessThan(1e-5);
    expect(r.argmaxDiffers).toBe(0);
    model.dispose();
  });
});
