import { ClassificationData } from "@backprop/datasets";
import { Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { threeBlobs } from "../test/three-blobs";
import { chanceAccuracy, collapseWarning } from "./collapse-warning";
import type { Evaluation } from "./evaluate-data";
import { train } from "./train";
import type { EpochRecord } from "./training-types";

/** An epoch record whose test evaluation has this accuracy (out of 1,000). */
function epoch(n: number, accuracy: number): EpochRecord {
  const test: Evaluation = { correct: accuracy * 1000, total: 1000, accuracy, cost: 1 };
  return { epoch: n, eta: 3, seconds: 1, samplesPerSecond: 1000, test };
}

describe("collapseWarning (ten balanced classes: chance 10%)", () => {
  const chance = { test: 0.1 };

  it("flags the epoch where accuracy falls to chance after being well above it", () => {
    const history = [epoch(0, 0.85), epoch(1, 0.91), epoch(2, 0.6)];
    const warning = collapseWarning(history, epoch(3, 0.098), chance);
    expect(warning).toMatchObject({
      kind: "collapse",
      on: "test",
      accuracy: 0.098,
      chance: 0.1,
      bestEpoch: 1,
      bestAccuracy: 0.91,
    });
    expect(warning?.message).toBe(
      "accuracy on the test data fell to 9.8%, chance level (10.0%), after 91.0% in epoch 1: the network has probably collapsed (saturated or dead units that no longer learn), often because η = 3 is too large; try η = 0.3, or earlyStop to keep the best epoch's weights",
    );
  });

  it("flags once: not again while the run stays at chance", () => {
    const history = [epoch(0, 0.85), epoch(1, 0.1)];
    expect(collapseWarning(history, epoch(2, 0.11), chance)).toBeUndefined();
  });

  it("stays quiet for a run that was never well above chance, or that is not near chance", () => {
    expect(collapseWarning([epoch(0, 0.2), epoch(1, 0.3)], epoch(2, 0.1), chance)).toBeUndefined();
    expect(collapseWarning([epoch(0, 0.9)], epoch(1, 0.2), chance)).toBeUndefined();
    expect(collapseWarning([], epoch(0, 0.1), chance)).toBeUndefined();
  });

  it("the thresholds: near chance is ≤ p + (1 − p)/20, well above is ≥ p + (1 − p)/4", () => {
    expect(collapseWarning([epoch(0, 0.325)], epoch(1, 0.145), chance)).toBeDefined();
    expect(collapseWarning([epoch(0, 0.324)], epoch(1, 0.145), chance)).toBeUndefined();
    expect(collapseWarning([epoch(0, 0.9)], epoch(1, 0.146), chance)).toBeUndefined();
  });
});

describe("chanceAccuracy", () => {
  it("is the share of the most frequent class", () => {
    const data = new ClassificationData({
      inputs: new Float64Array(5),
      labels: Uint8Array.from([0, 2, 2, 1, 2]),
      features: 1,
      classes: 3,
    });
    expect(chanceAccuracy(data)).toBe(0.6);
  });
});

describe("training reports a collapse in the epoch record", () => {
  const { training, test } = threeBlobs();

  it("a network whose hidden layer is wrecked after epoch 2 gets a warning in epoch 3, and only there", () => {
    const network = new Network({ sizes: [2, 8, 3], seed: 1 });
    const seen: EpochRecord[] = [];
    const result = train(network, training, {
      epochs: 6,
      batchSize: 10,
      eta: 1,
      seed: 3,
      test,
      onEpoch: (record) => {
        seen.push(record);
        // Saturate every hidden unit at σ(50) = 1: the outputs no longer depend on the input,
        // and σ′ = 0 keeps layer 1 from learning back.
        if (record.epoch === 2) {
          network.weights[0].fill(0);
          network.biases[0].fill(50);
        }
      },
    });
    expect(result.history[2].test!.accuracy).toBeGreaterThan(0.9);
    const warned = result.history.filter((r) => r.warning).map((r) => r.epoch);
    expect(warned).toEqual([3]);
    const warning = result.history[3].warning!;
    expect(warning).toMatchObject({ kind: "collapse", on: "test" });
    expect(warning.bestEpoch).toBeLessThanOrEqual(2);
    expect(warning.bestAccuracy).toBeGreaterThan(0.9);
    expect(warning.accuracy).toBeLessThanOrEqual(chanceAccuracy(test));
    expect(seen[3].warning).toBe(result.history[3].warning); // onEpoch sees it too
  });

  it("a run that learns normally gets no warning", () => {
    const network = new Network({ sizes: [2, 8, 3], seed: 1 });
    const result = train(network, training, { epochs: 6, batchSize: 10, eta: 1, seed: 3, test });
    expect(result.history.at(-1)!.test!.accuracy).toBeGreaterThan(0.9);
    expect(result.history.some((r) => r.warning)).toBe(false);
  });
});
