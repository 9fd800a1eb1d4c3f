import { Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { UsageError } from "./errors";
import {
  buildLayerNetwork,
  formatLayerSpec,
  inputShapeOf,
  isLayerSpec,
  layersOption,
  parseLayerSpec,
} from "./layer-spec";
import { LAYER_PRESETS } from "./presets";

describe("--layers as a layer spec", () => {
  it("parses every kind of entry, and writes it back canonically", () => {
    const spec = parseLayerSpec(
      "conv:20x5, conv:8x3/2:same,maxpool:2,avgpool:3,dropout:0.5,DENSE:100,dense:10",
    );
    expect(spec).toEqual([
      { kind: "conv", filters: 20, kernelSize: 5, stride: 1, same: false },
      { kind: "conv", filters: 8, kernelSize: 3, stride: 2, same: true },
      { kind: "maxpool", size: 2 },
      { kind: "avgpool", size: 3 },
      { kind: "dropout", rate: 0.5 },
      { kind: "dense", outputs: 100 },
      { kind: "dense", outputs: 10 },
    ]);
    expect(formatLayerSpec(spec)).toBe(
      "conv:20x5,conv:8x3/2:same,maxpool:2,avgpool:3,dropout:0.5,dense:100,dense:10",
    );
  });

  it("keeps plain size lists as sizes", () => {
    const parse = layersOption("--layers");
    expect(isLayerSpec("784,30,10")).toBe(false);
    expect(parse("784,30,10")).toEqual([784, 30, 10]);
    expect(parse("conv:20x5,maxpool:2,dense:100,dense:10")).toBe(
      "conv:20x5,maxpool:2,dense:100,dense:10",
    );
  });

  it.each([
    ["conv:20,dense:10", /layer 1, "conv:20": expected conv:FILTERSxKERNEL/],
    ["conv:0x5,dense:10", /layer 1, "conv:0x5": filters, kernel size and stride must be whole/],
    ["conv:20x5:valid,dense:10", /layer 1, "conv:20x5:valid": expected conv:FILTERSxKERNEL/],
    ["conv:20x5,pool:2,dense:10", /layer 2, "pool:2": unknown layer "pool"/],
    ["conv:20x5,maxpool:0,dense:10", /layer 2, "maxpool:0": expected maxpool:SIZE/],
    [
      "dense:100,dropout:1,dense:10",
      /layer 2, "dropout:1": expected dropout:RATE with 0 ≤ RATE < 1/,
    ],
    ["dense:1.5,dense:10", /layer 1, "dense:1.5": expected dense:N/],
    ["conv:20x5,maxpool:2", /the last layer must be dense:CLASSES .*got "maxpool:2"/],
  ])("refuses %j, naming the bad entry", (spec, message) => {
    expect(() => parseLayerSpec(spec)).toThrow(UsageError);
    expect(() => parseLayerSpec(spec)).toThrow(message);
  });

  it("every layer preset's spec parses, and conv1 builds network3's shapes on MNIST", () => {
    for (const preset of Object.values(LAYER_PRESETS)) {
      expect(formatLayerSpec(parseLayerSpec(preset.layers))).toBe(preset.layers);
    }
    const network = buildLayerNetwork(parseLayerSpec(LAYER_PRESETS.conv1.layers), {
      input: inputShapeOf([28, 28], 784),
      activation: "sigmoid",
      outputActivation: "softmax",
      cost: "logLikelihood",
      init: "network3",
      rng: new Rng(0),
    });
    expect(network.layers.map((l) => l.kind)).toEqual([
      "conv2d",
      "maxPool",
      "flatten",
      "dense",
      "dense",
    ]);
    expect(network.layers[2].outputShape.channels).toBe(20 * 12 * 12);
    const [w] = network.layers[0].parameters;
    const std = Math.sqrt(Array.from(w.data).reduce((s, v) => s + v * v, 0) / w.data.length);
    expect(std).toBeGreaterThan(0.07); // network3: N(0, 1/n_out), n_out = 20·25/4 = 125
    expect(std).toBeLessThan(0.11);
    expect(network.layers[4].parameters.every((p) => p.data.every((v) => v === 0))).toBe(true);
  });

  it("says when a kernel or window does not fit the data's shape", () => {
    const build = (spec: string, shape: number[]) =>
      buildLayerNetwork(parseLayerSpec(spec), {
        input: inputShapeOf(
          shape,
          shape.reduce((a, b) => a * b, 1),
        ),
        activation: "relu",
        outputActivation: "softmax",
        cost: "logLikelihood",
        init: "he",
        rng: new Rng(0),
      });
    expect(() => build("conv:4x5,dense:2", [2])).toThrow(
      /layer 1 \(conv:4x5\) needs feature maps of at least 5×5, but its input is 2×1×1/,
    );
    expect(() => build("conv:4x3,maxpool:4,dense:2", [4, 4])).toThrow(
      /layer 2 \(maxpool:4\) needs feature maps of at least 4×4, but its input is 4×2×2/,
    );
    expect(build("dense:8,dense:2", [2]).layers.map((l) => l.kind)).toEqual(["dense", "dense"]);
  });
});
