import { readFileSync } from "node:fs";
import { identity } from "@backprop/activations";
import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { avgPool, conv2d, type Layer, maxPool } from "../src/index";

/**
 * The convolution and pooling layers against PyTorch (float64, fixtures/conv-pool.json,
 * made by fixtures/make-conv-pool-fixtures.py): forward outputs and the gradients autograd
 * gives for the input, the weights and the biases, each to 1e-10.
 */
interface Case {
  name: string;
  batch: number;
  channels: number;
  height: number;
  width: number;
  input: number[];
  output: number[];
  gradOutput: number[];
  gradInput: number[];
}
interface ConvCase extends Case {
  filters: number;
  kernelSize: number;
  stride: number;
  padding: "valid" | "same";
  weight: number[];
  bias: number[];
  gradWeight: number[];
  gradBias: number[];
}
interface PoolCase extends Case {
  size: number;
  stride: number;
}
const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/conv-pool.json", import.meta.url), "utf8"),
) as { conv2d: ConvCase[]; maxPool: PoolCase[]; avgPool: PoolCase[] };

/** PyTorch's N×(features) batch as our features × N matrix (one sample per column). */
function columns(flat: number[], batch: number): Matrix {
  const features = flat.length / batch;
  const m = Matrix.zeros(features, batch);
  for (let n = 0; n < batch; n++)
    for (let r = 0; r < features; r++) m.data[r * batch + n] = flat[n * features + r];
  return m;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(worst, what).toBeLessThan(1e-10);
}

/** Forward and backward of `layer` on a case: output and δ of the input against PyTorch's. */
function checkLayer(layer: Layer, c: Case): void {
  const out = layer.forward(columns(c.input, c.batch), true);
  expectClose(out.data, columns(c.output, c.batch).data, `${c.name}: forward`);
  const deltaIn = layer.backward(columns(c.gradOutput, c.batch)) as Matrix;
  expectClose(deltaIn.data, columns(c.gradInput, c.batch).data, `${c.name}: δ of the input`);
}

describe("convolution and pooling against PyTorch (float64)", () => {
  it.each(fixtures.conv2d.map((c) => [c.name, c] as const))("conv2d: %s", (_, c) => {
    const layer = conv2d({
      inputShape: { channels: c.channels, height: c.height, width: c.width },
      filters: c.filters,
      kernelSize: c.kernelSize,
      stride: c.stride,
      padding: c.padding,
      activation: identity,
      rng: new Rng(1),
    });
    const [weights, biases] = layer.parameters;
    weights.data.set(c.weight); // filters × (C·k·k): PyTorch's O×I×kH×kW, flattened
    biases.data.set(c.bias);
    checkLayer(layer, c);
    const [gradWeights, gradBiases] = layer.gradients;
    expectClose(gradWeights.data, c.gradWeight, `${c.name}: ∂C/∂w`);
    expectClose(gradBiases.data, c.gradBias, `${c.name}: ∂C/∂b`);
  });

  it.each(fixtures.maxPool.map((c) => [c.name, c] as const))("maxPool: %s", (_, c) => {
    const inputShape = { channels: c.channels, height: c.height, width: c.width };
    checkLayer(maxPool({ inputShape, size: c.size, stride: c.stride }), c);
  });

  it.each(fixtures.avgPool.map((c) => [c.name, c] as const))("avgPool: %s", (_, c) => {
    const inputShape = { channels: c.channels, height: c.height, width: c.width };
    checkLayer(avgPool({ inputShape, size: c.size, stride: c.stride }), c);
  });
});
