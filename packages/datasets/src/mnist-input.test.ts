import { describe, expect, it } from "vitest";
import { toMnistInput } from "./mnist-input";

function canvas(size: number, draw: (x: number, y: number) => boolean): Float64Array {
  const ink = new Float64Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) ink[y * size + x] = draw(x, y) ? 1 : 0;
  return ink;
}

function centreOfMass(image: Float64Array): { x: number; y: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      const v = image[r * 28 + c];
      mass += v;
      x += v * (c + 0.5);
      y += v * (r + 0.5);
    }
  }
  return { x: x / mass, y: y / mass };
}

describe("toMnistInput", () => {
  it("returns undefined for an empty drawing", () => {
    expect(toMnistInput(new Float64Array(100 * 100), 100, 100)).toBeUndefined();
  });

  it("centres an off-centre stroke by its mass and fits it in 20 pixels", () => {
    // A vertical bar in the top-left corner of a 280×280 canvas.
    const image = toMnistInput(
      canvas(280, (x, y) => x >= 20 && x < 40 && y >= 10 && y < 150),
      280,
      280,
    );
    expect(image).toBeDefined();
    const { x, y } = centreOfMass(image!);
    expect(Math.abs(x - 14)).toBeLessThan(1);
    expect(Math.abs(y - 14)).toBeLessThan(1);
    let rows = 0;
    for (let r = 0; r < 28; r++)
      if (image!.subarray(r * 28, r * 28 + 28).some((v) => v > 0.5)) rows++;
    expect(rows).toBeGreaterThanOrEqual(19);
    expect(rows).toBeLessThanOrEqual(21);
    expect(Math.max(...image!)).toBe(1);
    expect(Math.min(...image!)).toBe(0);
  });

  it("rejects a size that does not match the data", () => {
    expect(() => toMnistInput(new Float64Array(10), 4, 4)).toThrow(/needs 16 values/);
  });
});
