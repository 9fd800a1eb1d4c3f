import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClassificationData } from "@backprop/datasets";
import { toMnistInput } from "@backprop/datasets";
import { fillSample, Matrix, Rng } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import {
  conv2d,
  dense,
  flatten,
  type LayerNetwork,
  LayerNetwork as Layers,
  layerModelToJson,
  loadLayerModel,
} from "@backprop/network";
import { evaluateLayers } from "@backprop/optimizers";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeImage } from "../src/io/decode-image";
import { inkOf } from "../src/io/ink";
import { encodePng, jsonLines, runCli, tempDir } from "./run-cli";

// One tiny conv model, trained once by the CLI on 300 MNIST images, read back by every
// model command; the numbers they print are checked against the library on the same data.
const dir = tempDir();
const SPEC = "conv:4x5,maxpool:2,dense:10";
let file: {
  layers: { kind: string; weights?: number[]; biases?: number[]; activation?: string }[];
};
let network: LayerNetwork;
let test: ClassificationData;

beforeAll(async () => {
  const trained = runCli(
    [
      "train",
      ...["--layers", SPEC, "--epochs", "2", "--train-size", "300", "--test-size", "100"],
      ...["--eta", "1", "--seed", "3", "--save", "conv.json"],
    ],
    dir,
  );
  expect(trained.stderr).toBe("");
  expect(trained.status).toBe(0);
  const text = readFileSync(join(dir, "conv.json"), "utf8");
  file = JSON.parse(text);
  network = loadLayerModel(text).network;
  test = (await loadMnist({ split: "seed" })).test; // what evaluate and predict default to
}, 120_000);

/** Test sample `index` as a column and its one-hot target. */
function sample(index: number): { x: Matrix; y: Matrix } {
  const x = Matrix.zeros(784, 1);
  const y = Matrix.zeros(10, 1);
  fillSample(test, index, x, y);
  return { x, y };
}

function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] ** 2;
  return Math.sqrt(s);
}

/** A 3×32×32 (colour) layer model: the wrong shape for MNIST and for digit images. */
function writeColourModel(name: string): void {
  const rng = new Rng(1);
  const inputShape = { channels: 3, height: 32, width: 32 };
  const conv = conv2d({ inputShape, filters: 2, kernelSize: 5, activation: "sigmoid", rng });
  const flat = flatten({ inputShape: conv.outputShape });
  const out = dense({ inputs: flat.outputShape.channels, outputs: 10, activation: "softmax", rng });
  const model = new Layers({ layers: [conv, flat, out], cost: "logLikelihood" });
  writeFileSync(join(dir, name), layerModelToJson(model));
}

describe("model commands on a layer model (model file version 2)", () => {
  it("inspect prints each layer's kind, shapes, parameters and weight statistics", () => {
    const { status, stdout, stderr } = runCli(["inspect", "conv.json"], dir);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const [w1, w4] = [file.layers[0].weights ?? [], file.layers[3].weights ?? []];
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
    expect(stdout).toContain(
      "conv.json: layer model conv2d → maxPool → flatten → dense, 1×28×28 in, 10×1×1 out, 5874 parameters, logLikelihood cost",
    );
    expect(stdout).toContain(
      `layer 1: conv2d 1×28×28 → 4×24×24, 4 filters 5×5, stride 1, padding valid, w 4×25, b 4×1 (104 parameters), sigmoid; weights mean ${mean(w1).toFixed(4)}, std ${std(w1).toFixed(4)}`,
    );
    expect(stdout).toContain("layer 2: maxPool 4×24×24 → 4×12×12, window 2×2, stride 2\n");
    expect(stdout).toContain("layer 3: flatten 4×12×12 → 576×1×1\n");
    expect(stdout).toContain(
      `layer 4: dense 576×1×1 → 10×1×1, w 10×576, b 10×1 (5770 parameters), softmax; weights mean ${mean(w4).toFixed(4)}, std ${std(w4).toFixed(4)}`,
    );
    expect(stdout).toMatch(/^ {2}epochsTrained: 2$/m);
    const [record] = jsonLines(runCli(["inspect", "conv.json", "--json"], dir).stdout);
    const stored = file.layers.reduce(
      (s, l) => s + (l.weights?.length ?? 0) + (l.biases?.length ?? 0),
      0,
    );
    expect(record).toMatchObject({ kind: "layers", version: 2, parameters: stored });
    expect(record.layers).toMatchObject([
      { kind: "conv2d", outputShape: { channels: 4, height: 24, width: 24 }, weights: "4×25" },
      { kind: "maxPool", parameters: 0 },
      { kind: "flatten", outputShape: { channels: 576, height: 1, width: 1 } },
      { kind: "dense", activation: "softmax", biases: "10×1", weightStd: std(w4) },
    ]);
    expect((record.metadata as { settings: { layers: string } }).settings.layers).toBe(SPEC);
  });

  it("inspect still outlines a layer model whose activation needs a plugin; evaluate asks for it", () => {
    const edited = JSON.parse(readFileSync(join(dir, "conv.json"), "utf8"));
    edited.layers[0].activation = "swishy";
    writeFileSync(join(dir, "swishy.json"), JSON.stringify(edited));
    const inspected = runCli(["inspect", "swishy.json"], dir);
    expect(inspected.status).toBe(0);
    expect(inspected.stdout).toContain("layer 1: conv2d 1×28×28 → 4×24×24, 104 parameters, swishy");
    expect(inspected.stdout).toContain("layer 2: maxPool 4×24×24 → 4×12×12\n");
    expect(inspected.stdout).toContain("layer 4: dense 576×1×1 → 10×1×1, 5770 parameters, softmax");
    expect(inspected.stdout).toMatch(/--plugin <module\.mjs> <command> swishy\.json/);
    const evaluated = runCli(["evaluate", "swishy.json"], dir);
    expect(evaluated.status).toBe(2);
    expect(evaluated.stderr).toMatch(/uses the activation "swishy", which is not built in/);
  });

  it("evaluate gives evaluateLayers' numbers, and the confusion matrix of the model's own outputs", () => {
    const expected = evaluateLayers(network, test.slice(0, 100), 0, { confusion: true });
    // The oracle of the matrix: each sample's argmax output, one feedforward at a time.
    const confusionOracle = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    for (let s = 0; s < 100; s++) {
      const out = Array.from(network.feedforward(sample(s).x).data);
      confusionOracle[test.labels[s]][out.indexOf(Math.max(...out))]++;
    }
    expect(expected.confusion).toEqual(confusionOracle);
    const { status, stdout } = runCli(["evaluate", "conv.json", "--test-size", "100"], dir);
    expect(status).toBe(0);
    expect(stdout).toContain(
      `conv.json on MNIST (seed split), test: ${expected.correct} / 100 correct (${(100 * expected.accuracy).toFixed(2)}%), mean cost ${expected.cost.toFixed(4)}`,
    );
    const row7 = confusionOracle[7].map((v) => String(v).padStart(5)).join("");
    expect(stdout).toContain(`   7${row7}\n`);
    const [record] = jsonLines(
      runCli(["evaluate", "conv.json", "--test-size", "100", "--json"], dir).stdout,
    );
    expect(record).toMatchObject({ samples: 100, correct: expected.correct, split: "test" });
    expect(record.cost).toBeCloseTo(expected.cost, 12);
    const confusion = record.confusion as number[][];
    expect(confusion).toEqual(confusionOracle);
    expect(confusion.flat().reduce((s, v) => s + v, 0)).toBe(100);
    expect(confusion.reduce((s, row, i) => s + row[i], 0)).toBe(record.correct);
  });

  it("predict --index ranks the layer model's own outputs for that test image", () => {
    const { x } = sample(5);
    const outputs = Array.from(network.feedforward(x).data);
    const best = outputs.indexOf(Math.max(...outputs));
    const { status, stdout } = runCli(["predict", "conv.json", "--index", "5", "--json"], dir);
    expect(status).toBe(0);
    const [record] = jsonLines(stdout);
    expect(record).toMatchObject({ label: test.labels[5], predicted: best });
    const ranking = record.ranking as { digit: number; output: number }[];
    expect(ranking).toHaveLength(3);
    for (const r of ranking) expect(r.output).toBeCloseTo(outputs[r.digit], 12);
    const text = runCli(["predict", "conv.json", "--index", "5"], dir).stdout;
    expect(text).toMatch(new RegExp(`^test image 5: ${best} \\(label ${test.labels[5]}: `, "m"));
    expect(text).not.toContain("a softmax output layer gives true probabilities");
  });

  it("predict reads a PNG as a 1×28×28 sample, as for a sizes-list model", () => {
    const gray = Uint8Array.from(
      test.inputs.subarray(3 * 784, 4 * 784) as Uint8Array,
      (v) => 255 - v,
    );
    const png = encodePng(28, 28, gray);
    writeFileSync(join(dir, "three.png"), png);
    const picture = decodeImage(png, "three.png");
    const pixels = toMnistInput(inkOf(picture), 28, 28) ?? new Float64Array(784);
    const outputs = Array.from(network.feedforward(Matrix.column(pixels)).data);
    const best = outputs.indexOf(Math.max(...outputs));
    const { status, stdout } = runCli(["predict", "conv.json", "three.png", "--json"], dir);
    expect(status).toBe(0);
    const [record] = jsonLines(stdout);
    expect(record).toMatchObject({ input: "three.png", predicted: best });
    const top = (record.ranking as { output: number }[])[0];
    expect(top.output).toBeCloseTo(outputs[best], 12);
  });

  it("a model of another input shape is a usage error that says what it takes and what to do", () => {
    writeColourModel("colour.json");
    writeFileSync(join(dir, "digit.png"), encodePng(28, 28, new Uint8Array(784).fill(200)));
    const predicted = runCli(["predict", "colour.json", "digit.png"], dir);
    expect(predicted.status).toBe(2);
    expect(predicted.stderr).toMatch(
      /images are read as 28×28 grey digits \(1×28×28, 784 numbers\), but this model takes 3×32×32 inputs \(3072 numbers\); give --index N/,
    );
    for (const args of [
      ["evaluate", "colour.json"],
      ["explain", "--model", "colour.json"],
    ]) {
      const { status, stderr } = runCli(args, dir);
      expect(status).toBe(2);
      expect(stderr).toMatch(
        /--dataset: mnist has samples of 1×28×28 \(784 numbers\) and 10 classes, but the model takes 3×32×32 inputs \(3072 numbers\).*pass the data set it was trained on/,
      );
    }
  });

  it("explain walks one sample forward and back with each layer's form of BP2, on the library's numbers", () => {
    const { status, stdout } = runCli(["explain", "--model", "conv.json", "--index", "2"], dir);
    expect(status).toBe(0);
    expect(stdout).toContain(
      `Sample 2 of the mnist test set (label ${test.labels[2]}), layer model conv2d → maxPool → flatten → dense from conv.json.`,
    );
    for (const line of [
      "layer 1 conv2d 1×28×28 → 4×24×24 (4 filters 5×5, stride 1): z¹ = w¹ ⋆ a⁰ + b¹",
      "layer 2 maxPool 4×24×24 → 4×12×12: a² = the largest of each 2×2 window of a¹",
      "BP1  δ⁴ = ∇ₐC ⊙ σ′(z⁴)",
      "BP4  ∂C/∂w⁴ = δ⁴(a³)ᵀ",
      "BP2  ∂C/∂a³ = (w⁴)ᵀ δ⁴",
      "layer 3 flatten 4×12×12 → 576: ∂C/∂a² = ∂C/∂a³ unchanged, read as 4×12×12",
      "layer 2 maxPool 4×24×24 → 4×12×12: δ routed to where each maximum was: 576 of 2304 input positions received δ, the other 1728 get 0",
      "BP2  δ¹ = ∂C/∂a¹ ⊙ σ′(z¹) at each of the 576 positions of each filter",
      "BP3  ∂C/∂b¹ = δ¹ summed over the 576 positions of each filter",
      "BP4  ∂C/∂w¹ = the correlation of the input a⁰ with δ¹",
      "BP2  ∂C/∂a⁰ = the full correlation of δ¹ with the flipped kernels",
    ]) {
      expect(stdout).toContain(line);
    }
    // The same sample through the library: its backprop's gradients and its cost.
    const { x, y } = sample(2);
    const gradients = network.backprop(x, y).map((g) => g.map((m) => norm(m.data)));
    const { cost } = network.measure(x, y, [test.labels[2]]);
    const json = runCli(["explain", "--model", "conv.json", "--index", "2", "--json"], dir);
    const [record] = jsonLines(json.stdout);
    const layers = record.layers as {
      kind: string;
      gradients: { norm: number; shape: string }[];
      routed?: { received: number; total: number };
    }[];
    expect(layers.map((l) => l.kind)).toEqual(["conv2d", "maxPool", "flatten", "dense"]);
    expect(record.cost).toBeCloseTo(cost, 12);
    layers.forEach((layer, l) => {
      expect(layer.gradients.map((g) => g.norm)).toEqual(
        gradients[l].map((n) => expect.closeTo(n, 12)),
      );
    });
    expect(layers[0].gradients.map((g) => g.shape)).toEqual(["4×25", "4×1"]);
    expect(layers[1].routed).toEqual({ received: 576, total: 2304 });
    expect(stdout).toContain(`cost C = ${cost.toFixed(5)} (logLikelihood)`);
  });

  it("gradcheck --layers checks a conv net per layer, and fails (exit 1) above a tiny tolerance", () => {
    const args = ["gradcheck", "--layers", "conv:2x3,maxpool:2,dense:3"];
    const ok = runCli(args);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(
      "Gradient check of conv:2x3,maxpool:2,dense:3 on 1×8×8 inputs (sigmoid, sigmoid output; quadratic cost) on 3 random samples, 77 parameters:",
    );
    expect(ok.stdout).toMatch(
      /layer 1 conv2d 1×8×8 → 2×6×6: weights \d\.\d\de-\d+, biases \d\.\d\de-\d+/,
    );
    expect(ok.stdout).toMatch(/layer 2 maxPool 2×6×6 → 2×3×3: no parameters/);
    expect(ok.stdout).toMatch(/layer 4 dense 18×1×1 → 3×1×1: weights \d\.\d\de-\d+, biases/);
    expect(ok.stdout).toMatch(/Worst relative error .* at layers\[\d\]\.parameters.*: OK$/m);
    const [record] = jsonLines(runCli([...args, "--json"]).stdout);
    expect(record).toMatchObject({ event: "gradcheck", ok: true, checked: 77, overTolerance: 0 });
    const worst = record.worst as { error: number };
    expect(worst.error).toBeLessThan(1e-6);
    expect(worst.error).toBeGreaterThan(0);
    const perLayer = record.perLayer as { weights?: number }[];
    expect(Math.max(...perLayer.map((l) => l.weights ?? 0))).toBeLessThanOrEqual(worst.error);

    const strict = runCli([...args, "--tolerance", "1e-30"]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/FAILED \(tolerance 1e-30\)/);
  });

  it("gradcheck --input sets a layer spec's sample shape; a sizes list keeps today's path", () => {
    const shaped = runCli(["gradcheck", "--layers", "conv:2x3,dense:2", "--input", "2x5x4"]);
    expect(shaped.status).toBe(0);
    expect(shaped.stdout).toContain("on 2×5×4 inputs");
    expect(shaped.stdout).toContain("layer 1 conv2d 2×5×4 → 2×3×2");
    const sizes = runCli(["gradcheck", "--layers", "4,5,3"]);
    expect(sizes.status).toBe(0);
    expect(sizes.stdout).toMatch(/^Gradient check of 4-5-3 \(sigmoid, sigmoid; quadratic cost\)/);
    const mixed = runCli(["gradcheck", "--layers", "4,5,3", "--input", "1x8x8"]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/--input: gives a layer spec's input shape/);
    const small = runCli(["gradcheck", "--layers", "conv:2x5,dense:2", "--input", "1x3x3"]);
    expect(small.status).toBe(2);
    expect(small.stderr).toMatch(/needs feature maps of at least 5×5, but its input is 1×3×3/);
  });

  it.each(["evaluate", "predict", "inspect", "explain"])(
    "%s --help says it reads both model versions",
    (command) => {
      const { status, stdout } = runCli([command, "--help"]);
      expect(status).toBe(0);
      expect(stdout.replace(/\s+/g, " ")).toContain(
        "Reads both model file versions: a sizes-list network (version 1",
      );
    },
  );
});
