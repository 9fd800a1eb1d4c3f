import { describe, expect, it } from "vitest";
import { firstDifference, sameBits } from "../../test/special-values";
import { type DType, Matrix } from "../matrix";
import { Rng } from "../random";
import { convRoomFor, ROOM_MAX_COLUMNS } from "../wasm/conv-room";
import { convForwardInto, convInputGradientInto, convWeightGradientInto } from "./conv-products";
import type { ConvShape } from "./conv-shape";

/** network3's second conv layer: 20 × 12×12 in, 40 filters 5×5, valid, stride 1. */
const g: ConvShape = {
  input: { channels: 20, height: 12, width: 12 },
  output: { channels: 40, height: 8, width: 8 },
  kernelSize: 5,
  stride: 1,
  padTop: 0,
  padLeft: 0,
};
const [F, patch, image, positions] = [40, 500, 2880, 64];

function expectSameBits(actual: Matrix, expected: Matrix): void {
  expect(sameBits(actual.data, expected.data), firstDifference(actual.data, expected.data)).toBe(
    true,
  );
}

function random(rows: number, cols: number, dtype: DType, rng: Rng): Matrix {
  const m = Matrix.zeros(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal();
  return m;
}

/** A conv layer's w and b, its ∂C/∂w, and its key (ConvOptions.keep). */
function layer(dtype: DType) {
  const rng = new Rng(21);
  const keep = {};
  return {
    w: random(F, patch, dtype, rng),
    b: random(F, 1, dtype, rng),
    nablaW: Matrix.zeros(F, patch, dtype),
    keep,
    rng,
    room: (m: number, threads: 1 | 2 = 1) => convRoomFor(keep, g, m, dtype, threads),
  };
}

describe("a conv layer's room: its products in its own arena, the patches kept for BP4", () => {
  for (const dtype of ["float64", "float32"] as DType[]) {
    it(`${dtype}: forward, BP4 and BP2 give the scratch memory's bits`, () => {
      const { w, b, nablaW, keep, rng, room } = layer(dtype);
      const x = random(image, 10, dtype, rng);
      const delta = random(F * positions, 10, dtype, rng);
      const z = convForwardInto(Matrix.zeros(F * positions, 10, dtype), w, b, x, g, { keep });
      expect(room(10)?.patchesOf).toBe(x); // it ran in the room, and kept x's patches
      expectSameBits(z, convForwardInto(Matrix.zeros(F * positions, 10, dtype), w, b, x, g));

      convWeightGradientInto(nablaW, delta, x, g, { keep });
      expectSameBits(nablaW, convWeightGradientInto(Matrix.zeros(F, patch, dtype), delta, x, g));

      const dx = convInputGradientInto(Matrix.zeros(image, 10, dtype), w, delta, g, { keep });
      expectSameBits(dx, convInputGradientInto(Matrix.zeros(image, 10, dtype), w, delta, g));
    });
  }

  it("BP4 reuses the forward pass's patches: the gradient of the input forward saw", () => {
    const { w, b, nablaW, keep, rng, room } = layer("float64");
    const x = random(image, 4, "float64", rng);
    const seen = x.clone();
    const delta = random(F * positions, 4, "float64", rng);
    convForwardInto(Matrix.zeros(F * positions, 4), w, b, x, g, { keep });
    x.data.fill(0); // no im2col ran since forward: BP4 reads the kept patches
    convWeightGradientInto(nablaW, delta, x, g, { keep });
    expectSameBits(nablaW, convWeightGradientInto(Matrix.zeros(F, patch), delta, seen, g));
    // Another input is unrolled again.
    const other = random(image, 4, "float64", rng);
    convWeightGradientInto(nablaW, delta, other, g, { keep });
    expectSameBits(nablaW, convWeightGradientInto(Matrix.zeros(F, patch), delta, other, g));
    expect(room(4)?.patchesOf).toBe(other);
  });

  it("larger batches and two threads go to the scratch memory, and drop the kept patches", () => {
    const { w, b, nablaW, keep, rng, room } = layer("float32");
    const x = random(image, 4, "float32", rng);
    convForwardInto(Matrix.zeros(F * positions, 4, "float32"), w, b, x, g, { keep });
    expect(room(4)?.patchesOf).toBe(x);
    const wide = random(image, ROOM_MAX_COLUMNS + 1, "float32", rng);
    const zWide = Matrix.zeros(F * positions, ROOM_MAX_COLUMNS + 1, "float32");
    convForwardInto(zWide, w, b, wide, g, { keep });
    expect(room(4)?.patchesOf).toBe(null);
    const zWideRef = Matrix.zeros(F * positions, ROOM_MAX_COLUMNS + 1, "float32");
    expectSameBits(zWide, convForwardInto(zWideRef, w, b, wide, g));

    convForwardInto(Matrix.zeros(F * positions, 4, "float32"), w, b, x, g, { keep });
    const delta = random(F * positions, 4, "float32", rng);
    convWeightGradientInto(nablaW, delta, x, g, { keep, threads: 2 });
    expect(room(4)?.patchesOf).toBe(null);
    expectSameBits(nablaW, convWeightGradientInto(Matrix.zeros(F, patch, "float32"), delta, x, g));
  });

  it("is made on first use, for the batch, and again larger for a larger batch", () => {
    const { w, b, keep, rng, room } = layer("float32");
    const first = room(6);
    expect(first?.columns).toBe(6);
    expect(room(3)).toBe(first);
    const x = random(image, 9, "float32", rng);
    convForwardInto(Matrix.zeros(F * positions, 9, "float32"), w, b, x, g, { keep });
    const second = room(9);
    expect(second?.columns).toBe(9);
    expect(second).not.toBe(first);
    expect(second?.patchesOf).toBe(x);
  });

  it("small output maps at small batches: BP4's C·k·k × F product fits its slot", () => {
    // 16 × 5×5 in, 32 filters 5×5: one output position, so P·m (1–3) < F and C·k·k.
    const tiny: ConvShape = {
      input: { channels: 16, height: 5, width: 5 },
      output: { channels: 32, height: 1, width: 1 },
      kernelSize: 5,
      stride: 1,
      padTop: 0,
      padLeft: 0,
    };
    const rng = new Rng(4);
    const keep = {};
    const w = random(32, 400, "float64", rng);
    const b = random(32, 1, "float64", rng);
    for (const m of [1, 3]) {
      const x = random(400, m, "float64", rng);
      const delta = random(32, m, "float64", rng);
      const z = convForwardInto(Matrix.zeros(32, m), w, b, x, tiny, { keep });
      expectSameBits(z, convForwardInto(Matrix.zeros(32, m), w, b, x, tiny));
      const nablaW = convWeightGradientInto(Matrix.zeros(32, 400), delta, x, tiny, { keep });
      expectSameBits(nablaW, convWeightGradientInto(Matrix.zeros(32, 400), delta, x, tiny));
      const dx = convInputGradientInto(Matrix.zeros(400, m), w, delta, tiny, { keep });
      expectSameBits(dx, convInputGradientInto(Matrix.zeros(400, m), w, delta, tiny));
      expect(convRoomFor(keep, tiny, m, "float64", 1)?.patchesOf).toBe(x);
    }
  });

  it("a key met with another convolution gets a room for that one", () => {
    const keep = {};
    const first = convRoomFor(keep, g, 2, "float64", 1);
    const other: ConvShape = { ...g, stride: 2, output: { channels: 40, height: 4, width: 4 } };
    const second = convRoomFor(keep, other, 2, "float64", 1);
    expect(second).not.toBe(first);
    expect(second?.convolution.stride).toBe(2);
  });

  it("a room too large for its cap is not made: the scratch memory takes the call", () => {
    const huge: ConvShape = {
      ...g,
      input: { channels: 1, height: 4000, width: 4000 },
      kernelSize: 1,
      output: { channels: 1, height: 4000, width: 4000 },
    };
    expect(convRoomFor({}, huge, 1, "float64", 1)).toBe(null);
  });
});
