import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { checkLayerGradients } from "./check-layer-gradients";
import { dropout } from "./dropout";

const inputShape = { channels: 3, height: 2, width: 2 };
const mask = (rows: number, cols: number, rng: Rng) =>
  Matrix.fromFlat(
    rows,
    cols,
    Array.from({ length: rows * cols }, () => (rng.uniform() < 0.6 ? 1 : 0)),
  );

describe("dropout", () => {
  it.each(["inverted", "scale-at-test"] as const)(
    "%s: training with a fixed mask passes the gradient check",
    (mode) => {
      const layer = dropout({ inputShape, rate: 0.4, mode, rng: new Rng(0) });
      const m = mask(12, 3, new Rng(9));
      layer.fixMask(m);
      const report = checkLayerGradients(layer, { samples: 3, training: true });
      expect(report.checked).toBe(36);
      expect(report.ok).toBe(true);
      // dropped units get no gradient, kept ones 1 or 1/(1 − p)
      const x = Matrix.zeros(12, 3).fill(2);
      const out = layer.forward(x, true);
      const kept = mode === "inverted" ? 2 / 0.6 : 2;
      for (let i = 0; i < 36; i++) expect(out.data[i]).toBe(m.data[i] === 0 ? 0 : kept);
    },
  );

  it("at test: network3 scales by (1 − p), inverted dropout is the identity", () => {
    const x = Matrix.zeros(12, 1).fill(5);
    const test = (mode: "inverted" | "scale-at-test") =>
      dropout({ inputShape, rate: 0.25, mode, rng: new Rng(0) }).forward(x, false).data[0];
    expect(test("scale-at-test")).toBe(3.75);
    expect(test("inverted")).toBe(5);
  });

  it("draws its masks from the seeded generator: same seed, same masks; about 1 − p kept", () => {
    const x = Matrix.zeros(12, 1000).fill(1);
    const draw = (seed: number) =>
      dropout({ inputShape, rate: 0.3, mode: "scale-at-test", rng: new Rng(seed) }).forward(
        x,
        true,
      );
    const a = draw(4);
    expect(Array.from(draw(4).data)).toEqual(Array.from(a.data));
    expect(Array.from(draw(5).data)).not.toEqual(Array.from(a.data));
    const kept = Array.from(a.data).reduce((s, v) => s + v, 0) / a.data.length;
    expect(kept).toBeGreaterThan(0.67);
    expect(kept).toBeLessThan(0.73);
  });

  it("refuses a rate outside [0, 1) and an unknown mode", () => {
    expect(() => dropout({ inputShape, rate: 1, mode: "inverted", rng: new Rng(0) })).toThrow(
      /rate/,
    );
    // @ts-expect-error: not a mode
    expect(() => dropout({ inputShape, rate: 0.5, mode: "sometimes", rng: new Rng(0) })).toThrow(
      /mode/,
    );
  });
});
