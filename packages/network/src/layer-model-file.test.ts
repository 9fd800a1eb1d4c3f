import { scalarActivation } from "@backprop/activations";
import { type DType, Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { ModelFileError, NetworkShapeError } from "./errors";
import { layerModelToJson, loadLayerModel, toLayerModelFile } from "./layer-model-file";
import { avgPool } from "./layers/avg-pool";
import { conv2d } from "./layers/conv2d";
import { dense } from "./layers/dense";
import { dropout } from "./layers/dropout";
import { flatten } from "./layers/flatten";
import type { Layer } from "./layers/layer";
import { LayerNetwork } from "./layers/layer-network";
import { maxPool } from "./layers/max-pool";
import { loadModel } from "./model-file";

/** conv → maxPool → flatten → dense(sigmoid) → dense(softmax), with dropout/avgPool variants. */
function convNet(
  variant: "plain" | "dropout" | "avgPool",
  seed = 3,
  dtype: DType = "float64",
): LayerNetwork {
  const rng = new Rng(seed);
  const conv = conv2d({
    inputShape: { channels: 2, height: 8, width: 8 },
    filters: 3,
    kernelSize: 3,
    stride: variant === "avgPool" ? 2 : 1,
    padding: variant === "plain" ? "same" : 1,
    activation: "tanh",
    rng,
    dtype,
  });
  const pool =
    variant === "avgPool"
      ? avgPool({ inputShape: conv.outputShape, size: 2, stride: 1 })
      : maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const n = flat.outputShape.channels;
  const layers: Layer[] = [conv, pool, flat];
  if (variant === "dropout") {
    layers.push(dropout({ inputShape: flat.outputShape, rate: 0.3, mode: "scale-at-test", rng }));
  }
  const init = "scaled";
  layers.push(dense({ inputs: n, outputs: 5, activation: "sigmoid", init, rng, dtype }));
  layers.push(dense({ inputs: 5, outputs: 3, activation: "softmax", init, rng, dtype }));
  return new LayerNetwork({ layers, cost: "logLikelihood" });
}

function batch(rows: number, cols: number, seed: number): Matrix {
  const x = Matrix.zeros(rows, cols);
  new Rng(seed).fillNormal(x.data);
  return x;
}

describe("layer model files (version 2)", () => {
  for (const variant of ["plain", "dropout", "avgPool"] as const) {
    it(`round-trip a ${variant} conv net: same parameters, same outputs bit for bit`, () => {
      const net = convNet(variant);
      net.layers[0].parameters[0].data[0] = 0.1 + 0.2; // a long shortest form
      net.layers[0].parameters[0].data[1] = 5e-324; // the smallest subnormal
      const text = layerModelToJson(net, { epochs: 3 });
      const { network, metadata } = loadLayerModel(text);
      expect(metadata).toEqual({ epochs: 3 });
      expect(network.cost.name).toBe("logLikelihood");
      expect(network.layers.map((l) => l.kind)).toEqual(net.layers.map((l) => l.kind));
      network.layers.forEach((layer, l) => {
        expect(layer.inputShape).toEqual(net.layers[l].inputShape);
        expect(layer.outputShape).toEqual(net.layers[l].outputShape);
        layer.parameters.forEach((p, k) => {
          expect(p.data).toEqual(net.layers[l].parameters[k].data);
        });
      });
      const x = batch(128, 4, 9);
      expect(network.feedforward(x).data).toEqual(net.feedforward(x).data);
      // Written again, the loaded network gives the same text.
      expect(layerModelToJson(network, { epochs: 3 })).toBe(text);
    });
  }

  it("keep a float32 network in float32: the same parameters and outputs after a round trip", () => {
    const net = convNet("dropout", 4, "float32");
    expect(net.dtype).toBe("float32");
    const text = layerModelToJson(net);
    expect(JSON.parse(text).dtype).toBe("float32");
    const { network } = loadLayerModel(text);
    expect(network.dtype).toBe("float32");
    network.layers.forEach((layer, l) => {
      layer.parameters.forEach((p, k) => {
        expect(p.data).toBeInstanceOf(Float32Array);
        expect(p.data).toEqual(net.layers[l].parameters[k].data);
      });
    });
    const x = batch(128, 4, 9);
    const out = network.feedforward(x);
    expect(out.dtype).toBe("float32");
    expect(out.data).toEqual(net.feedforward(x).data);
  });

  it("write every option a layer needs, flat and row-major", () => {
    const file = toLayerModelFile(convNet("dropout"));
    expect(file).toMatchObject({ format: "backprop-network", version: 2, cost: "logLikelihood" });
    expect(file.dtype).toBe("float64");
    const [conv, pool, flat, drop, hidden] = file.layers;
    expect(conv).toMatchObject({
      kind: "conv2d",
      inputShape: { channels: 2, height: 8, width: 8 },
      filters: 3,
      kernelSize: 3,
      stride: 1,
      padding: 1,
      activation: "tanh",
    });
    expect(conv.kind === "conv2d" && conv.weights.length).toBe(3 * 2 * 3 * 3);
    expect(pool).toEqual({
      kind: "maxPool",
      inputShape: { channels: 3, height: 8, width: 8 },
      size: 2,
      stride: 2,
    });
    expect(flat).toEqual({ kind: "flatten", inputShape: { channels: 3, height: 4, width: 4 } });
    expect(drop).toMatchObject({ kind: "dropout", rate: 0.3, mode: "scale-at-test" });
    expect(hidden).toMatchObject({ kind: "dense", inputs: 48, outputs: 5, activation: "sigmoid" });
    expect(hidden.kind === "dense" && hidden.weights.length).toBe(240);
  });

  it("load a user's activation when passed in", () => {
    const cube = scalarActivation({
      name: "cubeLayer",
      fn: (x) => x ** 3,
      derivative: (x) => 3 * x * x,
    });
    const rng = new Rng(1);
    const net = new LayerNetwork({
      layers: [dense({ inputs: 2, outputs: 2, activation: cube, rng })],
    });
    const text = layerModelToJson(net);
    expect(() => loadLayerModel(text)).toThrow(
      /layers\[0\]\.activation: .*activations: \[yourOwn\]/,
    );
    const { network } = loadLayerModel(text, { activations: [cube] });
    const x = batch(2, 3, 1);
    expect(network.feedforward(x).data).toEqual(net.feedforward(x).data);
  });

  it("refuse to write a user's own layer kind", () => {
    const own: Layer = {
      kind: "scale",
      inputShape: { channels: 2, height: 1, width: 1 },
      outputShape: { channels: 2, height: 1, width: 1 },
      parameters: [],
      gradients: [],
      forward: (x) => x,
      backward: (d) => d,
    };
    expect(() => toLayerModelFile(new LayerNetwork({ layers: [own] }))).toThrow(NetworkShapeError);
    expect(() => toLayerModelFile(new LayerNetwork({ layers: [own] }))).toThrow(
      /layer 0 \("scale"\) cannot be written/,
    );
  });

  it("send version 2 from loadModel to loadLayerModel, and version 1 back", () => {
    const text = layerModelToJson(convNet("plain"));
    expect(() => loadModel(text)).toThrow(ModelFileError);
    expect(() => loadModel(text)).toThrow(/at version: found 2, .*read it with loadLayerModel/);
    const v1 = { ...JSON.parse(text), version: 1 };
    expect(() => loadLayerModel(v1)).toThrow(/at version: found 1, .*read it with loadModel/);
  });
});

/** conv 1×6×6 → 2×4×4, maxPool → 2×2×2, flatten → 8, dense 8→4 sigmoid, dense 4→3 softmax. */
function smallFile(): Record<string, unknown> & { layers: Record<string, unknown>[] } {
  const rng = new Rng(2);
  const conv = conv2d({
    inputShape: { channels: 1, height: 6, width: 6 },
    filters: 2,
    kernelSize: 3,
    activation: "relu",
    rng,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const layers = [
    conv,
    pool,
    flat,
    dense({ inputs: 8, outputs: 4, activation: "sigmoid", rng }),
    dense({ inputs: 4, outputs: 3, activation: "softmax", rng }),
  ];
  return JSON.parse(layerModelToJson(new LayerNetwork({ layers, cost: "logLikelihood" })));
}

type File = ReturnType<typeof smallFile>;
const cases: [string, (f: File) => void, string, RegExp][] = [
  [
    "conv weights one short",
    (f) => (f.layers[0].weights as number[]).pop(),
    "layers[0].weights",
    /^model file, at layers\[0\]\.weights: conv2d with 2 filters of 1×3×3 needs 18 weights, found 17$/,
  ],
  [
    "conv biases not a list",
    (f) => (f.layers[0].biases = "x"),
    "layers[0].biases",
    /conv2d with 2 filters needs 2 biases, found the string "x"/,
  ],
  [
    "a weight that is not a number",
    (f) => ((f.layers[0].weights as unknown[])[3] = "1"),
    "layers[0].weights[3]",
    /expected a finite number, found the string "1"/,
  ],
  [
    "dense weights one too many",
    (f) => (f.layers[3].weights as number[]).push(0),
    "layers[3].weights",
    /dense with 4 outputs of 8 inputs needs 32 weights, found 33/,
  ],
  [
    "dense biases short",
    (f) => (f.layers[4].biases = [0]),
    "layers[4].biases",
    /dense with 3 outputs needs 3 biases, found 1/,
  ],
  [
    "pool input shape not the conv's output",
    (f) => (f.layers[1].inputShape = { channels: 2, height: 5, width: 5 }),
    "layers[1].inputShape",
    /layers\[0\] \(conv2d\) gives 2×4×4, so maxPool needs inputShape 2×4×4; found 2×5×5/,
  ],
  [
    "dense inputs not the flatten's size",
    (f) => (f.layers[3].inputs = 9),
    "layers[3].inputs",
    /layers\[2\] \(flatten\) gives 8 numbers, so dense needs inputs 8; found 9/,
  ],
  [
    "flatten missing before dense",
    (f) => f.layers.splice(2, 1),
    "layers[2].inputs",
    /gives 2×2×2 feature maps but dense takes a flat vector; put a flatten layer/,
  ],
  [
    "unknown kind",
    (f) => (f.layers[1].kind = "lstm"),
    "layers[1].kind",
    /expected one of "conv2d", "maxPool", .*found the string "lstm"/,
  ],
  [
    "kind naming a prototype property",
    (f) => (f.layers[1].kind = "toString"),
    "layers[1].kind",
    /found the string "toString"/,
  ],
  ["kind missing", (f) => delete f.layers[2].kind, "layers[2].kind", /key is missing/],
  [
    "unknown activation",
    (f) => (f.layers[3].activation = "swishy"),
    "layers[3].activation",
    /unknown activation "swishy".*\{ activations: \[yourOwn\] \}/,
  ],
  ["unknown cost", (f) => (f.cost = "hinge"), "cost", /unknown cost "hinge"/],
  [
    "pool window too big",
    (f) => (f.layers[1].size = 5),
    "layers[1]",
    /a 5×5 window does not fit a 2×4×4 input/,
  ],
  ["kernel too big", (f) => (f.layers[0].kernelSize = 7), "layers[0]", /a 7×7 kernel does not fit/],
  [
    "padding unknown",
    (f) => (f.layers[0].padding = "full"),
    "layers[0].padding",
    /expected "valid", "same" or a whole number of zeros/,
  ],
  [
    "zero filters",
    (f) => (f.layers[0].filters = 0),
    "layers[0].filters",
    /expected a positive integer, found 0/,
  ],
  [
    "a shape too large per sample",
    (f) => (f.layers[0].inputShape = { channels: 2 ** 20, height: 2 ** 20, width: 1 }),
    "layers[0].inputShape",
    /at most 2147483647 numbers/,
  ],
  [
    "dropout rate 1",
    (f) =>
      f.layers.splice(3, 0, {
        kind: "dropout",
        inputShape: { channels: 8, height: 1, width: 1 },
        rate: 1,
        mode: "inverted",
      }),
    "layers[3].rate",
    /from 0 up to \(not including\) 1, found 1/,
  ],
  [
    "dropout mode unknown",
    (f) =>
      f.layers.splice(3, 0, {
        kind: "dropout",
        inputShape: { channels: 8, height: 1, width: 1 },
        rate: 0.5,
        mode: "alpha",
      }),
    "layers[3].mode",
    /"inverted" or "scale-at-test"/,
  ],
  ["no layers", (f) => (f.layers = []), "layers", /at least 1 entries, found 0/],
  ["float16", (f) => (f.dtype = "float16"), "dtype", /expected "float64" or "float32"/],
  [
    "newer version",
    (f) => (f.version = 3),
    "version",
    /layer models of version 2, found 3; .*upgrade/,
  ],
  ["wrong format", (f) => (f.format = "keras"), "format", /expected "backprop-network"/],
];

describe("layer model files that are wrong", () => {
  it("load the unmodified small file", () => {
    expect(loadLayerModel(smallFile()).network.layers).toHaveLength(5);
  });
  for (const [name, mutate, path, message] of cases) {
    it(`name the place: ${name}`, () => {
      const file = smallFile();
      mutate(file);
      let error: unknown;
      try {
        loadLayerModel(JSON.stringify(file));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as ModelFileError).path).toBe(path);
      expect((error as Error).message).toMatch(message);
    });
  }
});
