import { Rng } from "@backprop/linalg";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzModelFile } from "../test/fuzz-model-file";
import { ModelFileError } from "./errors";
import { layerModelToJson, loadLayerModel } from "./layer-model-file";
import { conv2d } from "./layers/conv2d";
import { dense } from "./layers/dense";
import { dropout } from "./layers/dropout";
import { flatten } from "./layers/flatten";
import { LayerNetwork } from "./layers/layer-network";
import { maxPool } from "./layers/max-pool";

/** Bytes the process holds beyond V8's heap and buffers' before `run`, peak sampled after. */
function growthOf(run: () => void): number {
  const before = process.memoryUsage();
  run();
  const after = process.memoryUsage();
  return Math.max(after.rss - before.rss, after.arrayBuffers - before.arrayBuffers);
}

function loadError(source: unknown): unknown {
  try {
    loadLayerModel(source);
  } catch (error) {
    return error;
  }
  return undefined;
}

const header = { format: "backprop-network", version: 2, cost: "quadratic" };

describe("layer model files from a hostile source", () => {
  it("refuse a small file declaring a huge dense layer before allocating it", () => {
    const bomb = JSON.stringify({
      ...header,
      layers: [
        {
          kind: "dense",
          inputs: 30000,
          outputs: 30000,
          activation: "sigmoid",
          weights: [0],
          biases: [0],
        },
      ],
    });
    expect(bomb.length).toBeLessThan(200);
    let error: unknown;
    const growth = growthOf(() => {
      error = loadError(bomb);
    });
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toBe(
      "model file, at layers[0].weights: dense with 30000 outputs of 30000 inputs needs 900000000 weights, found 1",
    );
    expect(growth).toBeLessThan(100 * 2 ** 20);
  });

  it("refuse a small file declaring a huge convolution before allocating it", () => {
    const bomb = JSON.stringify({
      ...header,
      layers: [
        {
          kind: "conv2d",
          inputShape: { channels: 4096, height: 40, width: 40 },
          filters: 100000,
          kernelSize: 40,
          stride: 1,
          padding: "valid",
          activation: "relu",
          weights: [0],
          biases: [0],
        },
      ],
    });
    let error: unknown;
    const growth = growthOf(() => {
      error = loadError(bomb);
    });
    expect((error as ModelFileError).path).toBe("layers[0].weights");
    expect((error as Error).message).toMatch(
      /conv2d with 100000 filters of 4096×40×40 needs 655360000000 weights, found 1$/,
    );
    expect(growth).toBeLessThan(100 * 2 ** 20);
  });

  it("load a large input shape with few weights without allocating for the input", () => {
    const file = {
      ...header,
      layers: [
        {
          kind: "conv2d",
          inputShape: { channels: 1, height: 40000, width: 40000 },
          filters: 1,
          kernelSize: 1,
          stride: 40000,
          padding: 0,
          activation: "relu",
          weights: [0.5],
          biases: [0],
        },
        { kind: "flatten", inputShape: { channels: 1, height: 1, width: 1 } },
      ],
    };
    let loaded: LayerNetwork | undefined;
    const growth = growthOf(() => {
      loaded = loadLayerModel(JSON.stringify(file)).network;
    });
    expect(loaded?.layers[1].outputShape).toEqual({ channels: 1, height: 1, width: 1 });
    expect(growth).toBeLessThan(100 * 2 ** 20);
  });

  it("give only ModelFileErrors, never raw ones, for mutated files (seeded)", () => {
    const rng = new Rng(5);
    const conv = conv2d({
      inputShape: { channels: 1, height: 5, width: 5 },
      filters: 2,
      kernelSize: 2,
      padding: "same",
      activation: "relu",
      rng,
    });
    const pool = maxPool({ inputShape: conv.outputShape, size: 2, stride: 1 });
    const flat = flatten({ inputShape: pool.outputShape });
    const n = flat.outputShape.channels;
    const net = new LayerNetwork({
      layers: [
        conv,
        pool,
        flat,
        dropout({ inputShape: flat.outputShape, rate: 0.2, mode: "inverted", rng }),
        dense({ inputs: n, outputs: 3, activation: "sigmoid", rng }),
        dense({ inputs: 3, outputs: 2, activation: "softmax", rng }),
      ],
      cost: "logLikelihood",
    });
    const valid = layerModelToJson(net, { note: "x" });
    // Values near the edges the readers check (sizes, rates, shapes) as well as any JSON.
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(
        0,
        1,
        2,
        3,
        0.999,
        -1,
        2 ** 31,
        1e300,
        "same",
        "valid",
        "toString",
        "__proto__",
      ),
    );
    fuzzModelFile(valid, (text) => loadLayerModel(text), {
      seed: 21,
      structuralRuns: 600,
      textRuns: 400,
      replacement,
    });
  });
});
