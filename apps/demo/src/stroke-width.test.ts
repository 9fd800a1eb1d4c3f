import { toMnistInput } from "@backprop/datasets";
import { describe, expect, it } from "vitest";
import { MNIST_STROKE, normaliseStrokeWidth, strokeWidth } from "./stroke-width";

const SIDE = 280;

/** A "0": an ellipse ring of stroke width `w` around the canvas centre. */
function ring(w: number, rx: number, ry: number): Float32Array {
  const ink = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const dx = (x + 0.5 - SIDE / 2) / rx;
      const dy = (y + 0.5 - SIDE / 2) / ry;
      // Distance to the ellipse, to first order: (ρ − 1) times the local radius.
      const rho = Math.hypot(dx, dy);
      const local = Math.hypot(dx * rx, dy * ry) / Math.max(rho, 1e-9);
      ink[y * SIDE + x] = Math.abs(rho - 1) * local <= w / 2 ? 1 : 0;
    }
  }
  return ink;
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

describe("strokeWidth", () => {
  it.each([4, 12, 30])("measures a ring drawn %i pixels wide within 15%%", (w) => {
    expect(strokeWidth(ring(w, 70, 100), SIDE, SIDE) / w).toBeGreaterThan(0.85);
    expect(strokeWidth(ring(w, 70, 100), SIDE, SIDE) / w).toBeLessThan(1.15);
  });
});

describe("normaliseStrokeWidth", () => {
  const thin = ring(4, 70, 100);
  // The same 0 (its centre line scaled by 1.1) with a pen that fills the canvas, as the misread 0 did.
  const thick = ring(60, 77, 110);

  it("brings thin and thick strokes to MNIST's width after scaling", () => {
    for (const ink of [thin, thick]) {
      const input = toMnistInput(normaliseStrokeWidth(ink, SIDE, SIDE), SIDE, SIDE);
      if (!input) throw new Error("no ink");
      const w = strokeWidth(input, 28, 28);
      expect(Math.abs(w - MNIST_STROKE)).toBeLessThan(0.8);
    }
  });

  it("makes a thin and a thick 0 read alike: their inputs are much closer", () => {
    const raw = [thin, thick].map((ink) => toMnistInput(ink, SIDE, SIDE) as Float64Array);
    const normalised = [thin, thick].map(
      (ink) => toMnistInput(normaliseStrokeWidth(ink, SIDE, SIDE), SIDE, SIDE) as Float64Array,
    );
    expect(distance(normalised[0], normalised[1])).toBeLessThan(0.5 * distance(raw[0], raw[1]));
  });

  it("leaves empty ink empty", () => {
    const out = normaliseStrokeWidth(new Float32Array(100), 10, 10);
    expect(out.every((v) => v === 0)).toBe(true);
  });
});
