/**
 * A picture of a digit (a drawing, a photo's ink) → the 784 inputs of an MNIST image,
 * prepared the way MNIST's digits were:
 * the ink's bounding box scaled to fit 20×20 pixels, then placed in the 28×28 frame so its
 * centre of mass sits in the middle. Each output pixel is the mean ink over the source
 * area it covers (a box filter), which gives soft edges like MNIST's anti-aliasing.
 */

const SIZE = 28;
const BOX = 20;
/** Ink below this (0…1) counts as paper when finding the bounding box. */
const PAPER = 0.05;

/**
 * `ink`: width × height values in [0, 1], row-major (1 = full ink). Returns 784 values in
 * [0, 1], row-major, or undefined when nothing is drawn.
 */
export function toMnistInput(
  ink: ArrayLike<number>,
  width: number,
  height: number,
): Float64Array | undefined {
  if (ink.length !== width * height) {
    throw new RangeError(
      `toMnistInput: ${width}×${height} needs ${width * height} values, got ${ink.length}`,
    );
  }
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = ink[y * width + x];
      if (v <= PAPER) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  if (right < 0) return undefined;
  const box = Math.max(right - left + 1, bottom - top + 1);
  const sourcePerPixel = box / BOX; // source pixels per output pixel
  const cx = mx / mass;
  const cy = my / mass;
  const samples = Math.max(1, Math.min(8, Math.ceil(sourcePerPixel)));
  const out = new Float64Array(SIZE * SIZE);
  let peak = 0;
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      let sum = 0;
      for (let i = 0; i < samples; i++) {
        for (let j = 0; j < samples; j++) {
          const sx = Math.floor(cx + (c - SIZE / 2 + (j + 0.5) / samples) * sourcePerPixel);
          const sy = Math.floor(cy + (r - SIZE / 2 + (i + 0.5) / samples) * sourcePerPixel);
          if (sx >= 0 && sx < width && sy >= 0 && sy < height) sum += ink[sy * width + sx];
        }
      }
      const v = sum / (samples * samples);
      out[r * SIZE + c] = v;
      peak = Math.max(peak, v);
    }
  }
  // A thin stroke averages below 1; MNIST's strokes peak at full ink, so rescale to that.
  if (peak > 0) for (let k = 0; k < out.length; k++) out[k] = Math.min(1, out[k] / peak);
  return out;
}
