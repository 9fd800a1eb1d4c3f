import { defineActivation } from "@backprop/activations";
import { Rng } from "@backprop/linalg";
import {
  dense,
  LayerNetwork,
  layerModelToJson,
  loadLayerModel,
  Network,
  toLayerModelFile,
} from "@backprop/network";
import { describe, expect, it } from "vitest";
import { ExportError, exportOnnx, importOnnx, type OnnxNode } from "../src/onnx";
import {
  convSoftmaxNet,
  everyLayerNet,
  mnistConvNet,
  parametersOf,
  randomBatch,
  swish,
} from "./models";

// ours → ONNX → ours: the same class, layers, activations, cost and every parameter bit for
// bit (float64 as DOUBLE, float32 as FLOAT, both in raw_data), and the same outputs.

const bits = (values: ArrayLike<number>) =>
  Array.from(values, (v) => (Object.is(v, -0) ? "-0" : v.toString()));

for (const dtype of ["float64", "float32"] as const) {
  describe(`${dtype} round trips`, () => {
    it("a LayerNetwork with every layer kind and activation comes back the same", () => {
      const net = everyLayerNet(dtype);
      const { network, metadata, producer } = importOnnx(
        exportOnnx(net, { metadata: { epochs: 3, eta: 0.1, seed: 3 } }),
      );
      expect(network).toBeInstanceOf(LayerNetwork);
      expect(producer.name).toBe("backprop");
      expect(metadata).toEqual({ epochs: 3, eta: 0.1, seed: 3 });
      // The same model file, parameters included: kinds, shapes, paddings, rates, modes, names.
      expect(toLayerModelFile(network as LayerNetwork)).toEqual(toLayerModelFile(net));
      expect(parametersOf(network).map(bits)).toEqual(parametersOf(net).map(bits));
      const x = randomBatch(2 * 11 * 11, 5, dtype);
      expect(Array.from(network.feedforward(x).data)).toEqual(Array.from(net.feedforward(x).data));
    });

    it("the seed's Network comes back as a Network", () => {
      const net = new Network({
        sizes: [6, 5, 4, 3],
        activations: ["sigmoid", "leakyRelu", "tanh"],
        cost: "crossEntropy",
        seed: 4,
        dtype,
      });
      const { network } = importOnnx(exportOnnx(net));
      expect(network).toBeInstanceOf(Network);
      const back = network as Network;
      expect(back.sizes).toEqual([6, 5, 4, 3]);
      expect(back.activations.map((a) => a.name)).toEqual(["sigmoid", "leakyRelu", "tanh"]);
      expect(back.cost.name).toBe("crossEntropy");
      expect(back.dtype).toBe(dtype);
      expect(parametersOf(back).map(bits)).toEqual(parametersOf(net).map(bits));
    });

    it("a conv2d with softmax (Flatten → Softmax → Reshape in ONNX) comes back the same", () => {
      const net = convSoftmaxNet(dtype);
      const { network } = importOnnx(exportOnnx(net));
      expect(toLayerModelFile(network as LayerNetwork)).toEqual(toLayerModelFile(net));
    });

    it("exporting the imported model gives the same bytes", () => {
      const bytes = exportOnnx(mnistConvNet(dtype), { name: "conv", metadata: { note: "x" } });
      const again = importOnnx(bytes);
      expect(exportOnnx(again.network, { name: "conv", metadata: again.metadata })).toEqual(bytes);
    });
  });
}

describe("imported models are models", () => {
  it("train, save as a layer model file, load and export again", () => {
    const { network } = importOnnx(exportOnnx(everyLayerNet("float64")));
    const layers = network as LayerNetwork;
    const x = randomBatch(2 * 11 * 11, 8, "float64");
    const y = randomBatch(4, 8, "float64", 5);
    const before = layers.totalCost(x, y);
    for (let i = 0; i < 20; i++) layers.updateMiniBatch(x, y, 0.5);
    expect(layers.totalCost(x, y)).toBeLessThan(before);
    const reloaded = loadLayerModel(layerModelToJson(layers)).network;
    const back = importOnnx(exportOnnx(reloaded)).network;
    expect(parametersOf(back).map(bits)).toEqual(parametersOf(layers).map(bits));
  });

  it("`as` picks the class: a dense-only LayerNetwork or a Network either way", () => {
    const net = new Network({ sizes: [3, 4, 2], seed: 1 });
    const { network } = importOnnx(exportOnnx(net), { as: "LayerNetwork" });
    expect(network).toBeInstanceOf(LayerNetwork);
    const x = randomBatch(3, 4, "float64");
    expect(Array.from(network.feedforward(x).data)).toEqual(Array.from(net.feedforward(x).data));
  });
});

describe("a user's own activation", () => {
  it("without an ONNX form is an ExportError naming it and the hook", () => {
    const net = new Network({ sizes: [3, 4, 2], activations: [swish, "sigmoid"] });
    expect(() => exportOnnx(net)).toThrow(ExportError);
    expect(() => exportOnnx(net)).toThrow(/activation "swish" is not one of ours.*activationOps/);
  });

  it("a user's activation named like ours is not taken for ours", () => {
    const fake = defineActivation({
      name: "sigmoid",
      fn: (z, o) => o.set(z),
      derivative: (_, o) => o.fill(1),
    });
    const net = new Network({ sizes: [3, 2], activations: [fake] });
    expect(() => exportOnnx(net)).toThrow(/activation "sigmoid" is not one of ours/);
  });

  it("an exporter in activationOps writes it (swish as Sigmoid then Mul), and onnx checks it", () => {
    const swishOps = (
      input: string,
      output: string,
      ctx: { uniqueName(b: string): string },
    ): OnnxNode[] => {
      const s = ctx.uniqueName(`${input}.sigmoid`);
      return [
        { opType: "Sigmoid", inputs: [input], outputs: [s] },
        { opType: "Mul", inputs: [input, s], outputs: [output] },
      ];
    };
    const net = new Network({ sizes: [3, 4, 2], activations: [swish, "sigmoid"], seed: 2 });
    const bytes = exportOnnx(net, { activationOps: { swish: swishOps } });
    // Two nodes are not one of our activations: the import says so, naming the node.
    expect(() => importOnnx(bytes)).toThrow(/Sigmoid/);
  });

  it("a one-node form round-trips with activationOps on both sides (Elu)", () => {
    const elu = defineActivation({
      name: "elu",
      fn(z, out) {
        for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? z[i] : Math.expm1(z[i]);
      },
      derivative(z, out) {
        for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? 1 : Math.exp(z[i]);
      },
    });
    const rng = new Rng(1);
    const net = new LayerNetwork({
      layers: [dense({ inputs: 3, outputs: 2, activation: elu, rng })],
    });
    const bytes = exportOnnx(net, {
      activationOps: {
        elu: (input, output) => [
          {
            opType: "Elu",
            inputs: [input],
            outputs: [output],
            attributes: { alpha: { float: 1 } },
          },
        ],
      },
    });
    const { network } = importOnnx(bytes, { activationOps: { Elu: elu } });
    expect((network as LayerNetwork).layers[0]).toMatchObject({ activation: elu });
    expect(() => importOnnx(bytes)).toThrow(/Elu.*activationOps/);
  });

  it("a user's own layer kind is an ExportError naming the layer", () => {
    const rng = new Rng(1);
    const d = dense({ inputs: 2, outputs: 2, activation: "relu", rng });
    const own = { ...d, kind: "scaleShift" };
    expect(() => exportOnnx(new LayerNetwork({ layers: [own] }))).toThrow(
      /layer 0 is a "scaleShift" layer/,
    );
  });
});
