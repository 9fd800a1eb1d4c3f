import { readFileSync } from "node:fs";
import { type DType, Matrix } from "@backprop/linalg";
import { type LayerNetwork, layerModelToJson, loadLayerModel, Network } from "@backprop/network";
import * as ort from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import { exportOnnx, importOnnx } from "../src/onnx";
import { compareOutputs, toRows } from "./compare";
import { parametersOf } from "./models";

// Models exported by PyTorch 1.13's torch.onnx.export (test/fixtures/make-onnx-fixtures.py,
// run with Debian's python3-torch) import and give PyTorch's own outputs: 1e-10 relative in
// float64, 1e-5 in float32. Then they train, save as our layer model file, and export again.
ort.env.wasm.numThreads = 1;

interface Fixture {
  dtype: DType;
  inputShape: number[];
  input: number[][];
  output: number[][];
}

function fixture(name: string): { bytes: Uint8Array; data: Fixture; x: Matrix; y: Matrix } {
  const url = (ext: string) => new URL(`fixtures/${name}.${ext}`, import.meta.url);
  const data: Fixture = JSON.parse(readFileSync(url("json"), "utf8"));
  const columns = (rows: number[][]) =>
    Matrix.fromFlat(
      rows[0].length,
      rows.length,
      rows[0].flatMap((_, i) => rows.map((r) => r[i])),
      data.dtype,
    );
  return {
    bytes: new Uint8Array(readFileSync(url("onnx"))),
    data,
    x: columns(data.input),
    y: columns(data.output),
  };
}

const CASES = [
  // name, tolerance, the layers we expect (kind:activation)
  ["pytorch-mlp-f64", 1e-10, "Network tanh leakyRelu(0.2) softmax"],
  ["pytorch-conv-f64", 1e-10, "conv2d:relu maxPool flatten dense:softmax"],
  ["pytorch-conv-f32", 1e-5, "conv2d:relu maxPool flatten dense:softmax"],
  // MaxPool → Relu (moved into the conv), Pad of zeros before AvgPool, view() as a Reshape
  [
    "pytorch-conv-pool-first-f64",
    1e-10,
    "conv2d:relu maxPool conv2d:sigmoid avgPool flatten dense:softplus",
  ],
] as const;

const describeLayers = (network: Network | LayerNetwork) =>
  network instanceof Network
    ? `Network ${network.activations.map((a) => a.name).join(" ")}`
    : network.layers
        .map((l) =>
          "activation" in l ? `${l.kind}:${(l.activation as { name: string }).name}` : l.kind,
        )
        .join(" ");

describe("PyTorch's ONNX files", () => {
  for (const [name, tolerance, layers] of CASES) {
    it(`${name} imports as ${layers} and gives PyTorch's outputs`, () => {
      const { bytes, data, x, y } = fixture(name);
      const { network, producer } = importOnnx(bytes);
      expect(producer).toEqual({ name: "pytorch", version: "1.13.0" });
      expect(network.dtype).toBe(data.dtype);
      expect(describeLayers(network)).toBe(layers);
      const r = compareOutputs(y, network.feedforward(x));
      console.log(
        `${name}: relative ${r.relative.toExponential(2)} (elementwise ${r.elementwise.toExponential(2)}) from PyTorch`,
      );
      expect(r.elementwise).toBeLessThan(tolerance);
    });
  }

  it("an imported PyTorch conv net trains, saves, loads and exports again", async () => {
    const { bytes, x } = fixture("pytorch-conv-f32");
    const network = importOnnx(bytes).network as LayerNetwork;
    expect(network.cost.name).toBe("logLikelihood"); // softmax output, no cost stored
    const y = Matrix.zeros(5, x.cols, "float32");
    for (let j = 0; j < x.cols; j++) y.data[(j % 5) * x.cols + j] = 1;
    const before = network.totalCost(x, y);
    for (let i = 0; i < 10; i++) network.updateMiniBatch(x, y, 0.5);
    expect(network.totalCost(x, y)).toBeLessThan(before);
    const reloaded = loadLayerModel(layerModelToJson(network)).network;
    const again = exportOnnx(reloaded);
    expect(parametersOf(importOnnx(again).network)).toEqual(parametersOf(network));
    // And onnxruntime agrees with the trained model.
    const session = await ort.InferenceSession.create(again);
    const out = await session.run({
      input: new ort.Tensor("float32", toRows(x), [x.cols, 1, 8, 8]),
    });
    const ours = network.feedforward(x);
    const theirs = Matrix.fromFlat(x.cols, 5, out.output.data as Float32Array, "float32");
    const columns = Matrix.zeros(5, x.cols, "float32");
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < x.cols; j++) columns.data[i * x.cols + j] = theirs.data[j * 5 + i];
    expect(compareOutputs(ours, columns).relative).toBeLessThan(1e-5);
    await session.release();
  });
});
