import { Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import type { ClassificationData } from "./classification-data";
import { makeBlobs } from "./make-blobs";
import { makeCircles } from "./make-circles";
import { makeMoons } from "./make-moons";
import { makeSpirals } from "./make-spirals";
import { makeXor } from "./make-xor";

const generators: Record<string, (seed: number) => ClassificationData> = {
  makeXor: (seed) => makeXor({ samples: 101, noise: 0.1, rng: new Rng(seed) }),
  makeMoons: (seed) => makeMoons({ samples: 101, rng: new Rng(seed) }),
  makeCircles: (seed) => makeCircles({ samples: 101, rng: new Rng(seed) }),
  makeSpirals: (seed) => makeSpirals({ samples: 101, classes: 4, rng: new Rng(seed) }),
  makeBlobs: (seed) => makeBlobs({ samples: 101, centers: 5, features: 3, rng: new Rng(seed) }),
};

function point(data: ClassificationData, s: number): number[] {
  return Array.from(data.inputs.subarray(s * data.features, (s + 1) * data.features));
}

describe.each(Object.entries(generators))("%s", (_, make) => {
  it("gives the same data for the same seed and different data for another", () => {
    const a = make(7);
    expect(Array.from(make(7).inputs)).toEqual(Array.from(a.inputs));
    expect(Array.from(make(7).labels)).toEqual(Array.from(a.labels));
    expect(Array.from(make(8).inputs)).not.toEqual(Array.from(a.inputs));
  });

  it("balances the classes (counts differ by at most one) and stores float64", () => {
    const data = make(1);
    const counts = data.classCounts();
    expect(counts.reduce((x, y) => x + y, 0)).toBe(101);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(data.inputs).toBeInstanceOf(Float64Array);
    expect(data.inputs.every(Number.isFinite)).toBe(true);
  });
});

describe("shapes of the synthetic sets", () => {
  it("makeXor's default is the truth table", () => {
    const xor = makeXor({ rng: new Rng(0) });
    const table = Array.from({ length: 4 }, (_, s) => [...point(xor, s), xor.labels[s]]);
    expect(table).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 1],
    ]);
  });

  it("without noise, moons and circles lie on their curves", () => {
    const moons = makeMoons({ samples: 40, noise: 0, rng: new Rng(3) });
    const circles = makeCircles({ samples: 40, noise: 0, factor: 0.3, rng: new Rng(3) });
    for (let s = 0; s < 40; s++) {
      const [x, y] = point(moons, s);
      const [cx, cy] = moons.labels[s] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(x - cx, y - cy)).toBeCloseTo(1, 12);
      expect(moons.labels[s] === 0 ? y >= 0 : y <= 0.5).toBe(true);
      const [u, v] = point(circles, s);
      expect(Math.hypot(u, v)).toBeCloseTo(circles.labels[s] === 0 ? 1 : 0.3, 12);
    }
  });

  it("makeSpirals puts arm k at angle 2π(k / classes + turns · r) for radius r", () => {
    const spirals = makeSpirals({ samples: 30, classes: 3, turns: 0.5, noise: 0, rng: new Rng(4) });
    for (let s = 0; s < 30; s++) {
      const [x, y] = point(spirals, s);
      const r = Math.hypot(x, y);
      const angle = 2 * Math.PI * (spirals.labels[s] / 3 + 0.5 * r);
      expect(x).toBeCloseTo(r * Math.cos(angle), 12);
      expect(y).toBeCloseTo(r * Math.sin(angle), 12);
    }
  });

  it("makeBlobs scatters around the given centres", () => {
    const centers = [
      [0, 0],
      [50, -50],
    ];
    const blobs = makeBlobs({ samples: 400, centers, noise: 0.5, rng: new Rng(5) });
    for (const label of [0, 1]) {
      const members = Array.from({ length: 400 }, (_, s) => s).filter(
        (s) => blobs.labels[s] === label,
      );
      const mean = [0, 1].map(
        (k) => members.reduce((a, s) => a + point(blobs, s)[k], 0) / members.length,
      );
      expect(Math.abs(mean[0] - centers[label][0])).toBeLessThan(0.15);
      expect(Math.abs(mean[1] - centers[label][1])).toBeLessThan(0.15);
    }
  });

  it("rejects bad options with the value that came", () => {
    const rng = new Rng(1);
    expect(() => makeMoons({ samples: -1, rng })).toThrow(
      "makeMoons: samples must be a non-negative integer, got -1",
    );
    expect(() => makeXor({ noise: -0.1, rng })).toThrow(
      "noise must be a finite number ≥ 0, got -0.1",
    );
    expect(() => makeCircles({ factor: 1, rng })).toThrow("factor must be in (0, 1), got 1");
    expect(() => makeSpirals({ classes: 1, rng })).toThrow("classes must be an integer ≥ 2, got 1");
    expect(() => makeBlobs({ centers: [[0], [1, 2]], rng })).toThrow(RangeError);
  });
});
