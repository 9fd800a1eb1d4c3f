import { describe, expect, it } from "vitest";
import { ClassificationData } from "./classification-data";
import { expandByShifts } from "./expand-shifted";

/** network3's expand_mnist.py on one image, as numpy does it: np.roll, then the wrapped row or column zeroed. */
function numpyShift(image: number[][], d: number, axis: 0 | 1): number[][] {
  const h = image.length;
  const w = image[0].length;
  const rolled = image.map((row, y) =>
    row.map((_, x) => (axis === 0 ? image[(y - d + h) % h][x] : image[y][(x - d + w) % w])),
  );
  if (axis === 0) rolled[d === 1 ? 0 : h - 1] = new Array(w).fill(0);
  else for (const row of rolled) row[d === 1 ? 0 : w - 1] = 0;
  return rolled;
}

describe("expandByShifts", () => {
  const height = 4;
  const width = 5;
  const images = [0, 1].map((s) =>
    Array.from({ length: height }, (_, y) =>
      Array.from({ length: width }, (_, x) => 1 + s * 50 + y * 10 + x),
    ),
  );
  const data = new ClassificationData({
    inputs: Uint8Array.from(images.flat(2)),
    labels: Uint8Array.from([3, 7]),
    features: height * width,
    classes: 10,
    sampleShape: [height, width],
  });

  it("gives each image then its shifts down, up, right and left, as expand_mnist.py", () => {
    const expanded = expandByShifts(data);
    expect(expanded.length).toBe(10);
    expect(Array.from(expanded.labels)).toEqual([3, 3, 3, 3, 3, 7, 7, 7, 7, 7]);
    expect(expanded.inputs).toBeInstanceOf(Uint8Array); // bytes stay bytes
    for (const [s, image] of images.entries()) {
      const expected = [
        image,
        numpyShift(image, 1, 0),
        numpyShift(image, -1, 0),
        numpyShift(image, 1, 1),
        numpyShift(image, -1, 1),
      ];
      for (const [k, copy] of expected.entries()) {
        const at = (5 * s + k) * height * width;
        expect(Array.from(expanded.inputs.subarray(at, at + height * width))).toEqual(copy.flat());
      }
    }
    expect(expanded.sampleShape).toEqual([height, width]);
  });

  it("refuses data that is not images", () => {
    const flat = new ClassificationData({
      inputs: new Float64Array(6),
      labels: Uint8Array.from([0, 1]),
      features: 3,
      classes: 2,
    });
    expect(() => expandByShifts(flat)).toThrow(/needs images \(sampleShape/);
  });
});
