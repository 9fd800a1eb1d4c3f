import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonLines, runCli, tempDir } from "./run-cli";

/** A small conv model trained on 300 MNIST images, saved as m.json in a fresh folder. */
function trainedModel(): string {
  const dir = tempDir();
  const spec = "conv:3x5,maxpool:2,dense:10";
  const { status, stderr } = runCli(
    [
      "train",
      "--layers",
      spec,
      "--epochs",
      "1",
      "--train-size",
      "300",
      "--test-size",
      "50",
      "--save",
      "m.json",
    ],
    dir,
  );
  expect(stderr).toBe("");
  expect(status).toBe(0);
  return dir;
}

const layersOf = (path: string) => JSON.parse(readFileSync(path, "utf8")).layers;
const evaluation = (dir: string, model: string) => {
  const run = runCli(["evaluate", model, "--test-size", "200", "--json"], dir);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return jsonLines(run.stdout).find((r) => r.event === "evaluation") as Record<string, number>;
};

describe("backprop export / import (ONNX, TensorFlow.js)", () => {
  it("exports a layer model to ONNX, evaluates the .onnx directly, and imports it back bit for bit", () => {
    const dir = trainedModel();
    const exported = runCli(["export", "m.json", "--format", "onnx", "--output", "m.onnx"], dir);
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/Wrote m\.onnx \(ONNX, opset 17, float64, \d+ bytes\)/);
    // The same numbers from the ONNX file as from our own.
    const fromJson = evaluation(dir, "m.json");
    const fromOnnx = evaluation(dir, "m.onnx");
    expect(fromOnnx.correct).toBe(fromJson.correct);
    expect(fromOnnx.cost).toBe(fromJson.cost);
    const inspect = runCli(["inspect", "m.onnx"], dir);
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toMatch(/conv2d/);
    const imported = runCli(["import", "m.onnx", "--output", "back.json"], dir);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("as a layer model (version 2), float64");
    expect(layersOf(join(dir, "back.json"))).toEqual(layersOf(join(dir, "m.json")));
  });

  it("exports a TensorFlow.js layers model (float32) and imports it back within float32 rounding", () => {
    const dir = trainedModel();
    const exported = runCli(["export", "m.json", "--format", "tfjs", "--output", "tf"], dir);
    expect(exported.status).toBe(0);
    expect(existsSync(join(dir, "tf", "model.json"))).toBe(true);
    expect(existsSync(join(dir, "tf", "group1-shard1of1.bin"))).toBe(true);
    const imported = runCli(["import", "tf", "--output", "back.json"], dir);
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    const before = layersOf(join(dir, "m.json"));
    const after = layersOf(join(dir, "back.json"));
    expect(after.map((l: { kind: string }) => l.kind)).toEqual(
      before.map((l: { kind: string }) => l.kind),
    );
    before.forEach((layer: { weights?: number[] }, l: number) => {
      (layer.weights ?? []).forEach((w, i) => {
        expect(after[l].weights[i]).toBe(Math.fround(w)); // rounded to float32, nothing else
      });
    });
  });

  it("says what is wrong with a bad format, a missing file and a truncated ONNX file", () => {
    const dir = trainedModel();
    const format = runCli(["export", "m.json", "--format", "keras", "--output", "x"], dir);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/--format/);
    const missing = runCli(["import", "nothing.onnx", "--output", "x.json"], dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nothing\.onnx.*no such file/);
    runCli(["export", "m.json", "--format", "onnx", "--output", "m.onnx"], dir);
    const bytes = readFileSync(join(dir, "m.onnx"));
    writeFileSync(join(dir, "cut.onnx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const cut = runCli(["evaluate", "cut.onnx"], dir);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/ONNX|onnx/);
    expect(existsSync(join(dir, "x.json"))).toBe(false);
  });
});
