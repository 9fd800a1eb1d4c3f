import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineActivation } from "@backprop/activations";
import { Rng } from "@backprop/linalg";
import { conv2d, flatten, LayerNetwork, Network, toLayerModelFile } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { readTfjsModel, writeTfjsModel } from "../src/node";
import { ExportError, exportTfjs, importTfjs, TfjsFormatError } from "../src/tfjs";
import { everyLayerNet, mnistConvNet, parametersOf, randomBatch, swish } from "./models";

// ours → TF.js → ours: float32 models come back the same, layer for layer and bit for bit;
// float64 ones come back float64 with their weights rounded to float32 (TF.js holds float32).

describe("TensorFlow.js round trips", () => {
  it("a float32 LayerNetwork with every layer kind and activation comes back the same", () => {
    const net = everyLayerNet("float32");
    const { modelJson, weightData } = exportTfjs(net, { metadata: { epochs: 2 } });
    const { network, metadata } = importTfjs(JSON.parse(JSON.stringify(modelJson)), weightData);
    expect(metadata).toEqual({ epochs: 2 });
    expect(toLayerModelFile(network as LayerNetwork)).toEqual(toLayerModelFile(net));
    const x = randomBatch(2 * 11 * 11, 5, "float32");
    expect(Array.from(network.feedforward(x).data)).toEqual(Array.from(net.feedforward(x).data));
  });

  it("the layers Keras sees: ZeroPadding2D for padding p, LeakyReLU after a linear layer, Rescaling for scale-at-test", () => {
    const names = exportTfjs(everyLayerNet("float32")).modelJson.modelTopology.config.layers.map(
      (l) => l.class_name,
    );
    expect(names).toEqual([
      "Conv2D",
      "AveragePooling2D",
      "ZeroPadding2D",
      "Conv2D",
      "LeakyReLU",
      "MaxPooling2D",
      "Dropout",
      "Conv2D",
      "Flatten",
      "Dense",
      "Rescaling",
      "Dense",
      "Dense",
      "Dense",
    ]);
  });

  it("a float32 Network comes back as a Network", () => {
    const net = new Network({
      sizes: [5, 4, 3],
      activations: ["relu", "softmax"],
      cost: "logLikelihood",
      seed: 3,
      dtype: "float32",
    });
    const { network } = importTfjs(...(Object.values(exportTfjs(net)) as [unknown, ArrayBuffer]));
    expect(network).toBeInstanceOf(Network);
    expect((network as Network).cost.name).toBe("logLikelihood");
    expect(parametersOf(network)).toEqual(parametersOf(net));
  });

  it("a float64 model comes back float64, each weight rounded to float32", () => {
    const net = mnistConvNet("float64");
    const { modelJson, weightData } = exportTfjs(net);
    const { network } = importTfjs(modelJson, weightData);
    expect(network.dtype).toBe("float64");
    expect(parametersOf(network)).toEqual(
      parametersOf(net).map((p) => Float64Array.from(p, Math.fround)),
    );
    expect(importTfjs(modelJson, weightData, { dtype: "float32" }).network.dtype).toBe("float32");
  });

  it("writeTfjsModel and readTfjsModel: model.json and group1-shard1of1.bin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backprop-tfjs-files-"));
    try {
      const net = everyLayerNet("float32");
      const path = await writeTfjsModel(join(dir, "model"), net, { name: "every" });
      expect(path).toBe(join(dir, "model", "model.json"));
      const { network } = await readTfjsModel(path);
      expect(parametersOf(network)).toEqual(parametersOf(net));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("what TensorFlow.js cannot hold is an ExportError: a user's activation, softmax on maps", () => {
    expect(() => exportTfjs(new Network({ sizes: [3, 2], activations: [swish] }))).toThrow(
      ExportError,
    );
    expect(() => exportTfjs(new Network({ sizes: [3, 2], activations: [swish] }))).toThrow(
      /"swish" is not one of ours/,
    );
    const c = conv2d({
      inputShape: { channels: 1, height: 4, width: 4 },
      filters: 2,
      kernelSize: 3,
      activation: "softmax",
      rng: new Rng(1),
    });
    expect(() =>
      exportTfjs(new LayerNetwork({ layers: [c, flatten({ inputShape: c.outputShape })] })),
    ).toThrow(/conv2d with softmax/);
    const fake = defineActivation({
      name: "relu",
      fn: (z, o) => o.set(z),
      derivative: (_, o) => o.fill(1),
    });
    expect(() => exportTfjs(new Network({ sizes: [3, 2], activations: [fake] }))).toThrow(
      /"relu" is not one of ours/,
    );
  });
});

describe("bad TensorFlow.js models", () => {
  const good = exportTfjs(new Network({ sizes: [4, 3, 2], seed: 1, dtype: "float32" }));
  const json = () => JSON.parse(JSON.stringify(good.modelJson));
  const fails = (modelJson: unknown, data: ArrayBuffer | Uint8Array, pattern: RegExp) => {
    expect(() => importTfjs(modelJson, data)).toThrow(TfjsFormatError);
    expect(() => importTfjs(modelJson, data)).toThrow(pattern);
  };

  it("too few or too many weight bytes", () => {
    fails(
      json(),
      good.weightData.slice(0, 20),
      /declares 23 float32 weights \(92 bytes\) but the weight files hold 20 bytes/,
    );
    fails(json(), new Uint8Array(100), /hold 100 bytes/);
  });

  it("huge declared shapes cost a sum, not the allocation", () => {
    const m = json();
    m.weightsManifest[0].weights[0].shape = [1e9, 1e9];
    fails(
      m,
      good.weightData,
      /declares shape \[1000000000,1000000000\], more than 2147483647 numbers/,
    );
    const n = json();
    n.weightsManifest[0].weights[0].shape = [30000, 30000];
    fails(n, good.weightData, /declares 900000011 float32 weights/);
  });

  it("a weight of the wrong shape or missing names the layer", () => {
    const m = json();
    m.weightsManifest[0].weights[0].shape = [3, 4];
    fails(
      m,
      good.weightData,
      /layer "dense_0" \(Dense\): weight "dense_0\/kernel" has shape \[3,4\], expected \[4,3\]/,
    );
    const n = json();
    n.weightsManifest[0].weights[0].name = "other/kernel";
    fails(n, good.weightData, /"dense_0\/kernel" is not in the weights manifest/);
  });

  it("an unsupported layer, a functional model, not JSON, quantised weights", () => {
    const m = json();
    m.modelTopology.config.layers[1].class_name = "LSTM";
    fails(
      m,
      good.weightData,
      /layer "dense_1" \(LSTM\): is not a layer @backprop\/network has; supported: Dense/,
    );
    const f = json();
    f.modelTopology.class_name = "Model";
    fails(f, good.weightData, /only Sequential models/);
    fails("{", good.weightData, /not JSON/);
    const q = json();
    q.weightsManifest[0].weights[0].quantization = { dtype: "uint8" };
    fails(q, good.weightData, /quantised; only float32/);
  });

  it("random damage to model.json: only typed errors", () => {
    const rng = new Rng(4);
    const text = JSON.stringify(good.modelJson);
    for (let trial = 0; trial < 300; trial++) {
      const chars = text.split("");
      for (let k = 0; k < 3; k++)
        chars[Math.floor(rng.uniform() * chars.length)] = '0123456789[]{}",:-'.charAt(
          Math.floor(rng.uniform() * 18),
        );
      try {
        importTfjs(chars.join(""), good.weightData);
      } catch (error) {
        if (!(error instanceof TfjsFormatError)) throw error;
      }
    }
  });
});
