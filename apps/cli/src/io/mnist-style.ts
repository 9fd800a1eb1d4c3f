import type { GrayImage } from "./gray-image";

/**
 * Turns any picture of a digit into what the network saw in training, as MNIST was made:
 * white ink on black (inverted if the picture is mostly light, like ink on paper), the ink's
 * bounding box scaled to fit 20×20 keeping its aspect ratio (area averaging), then placed in
 * a 28×28 frame with its centre of mass at the centre. Returns 784 values in [0, 1].
 */
export function toMnistInput(image: GrayImage): Float64Array {
  const { width, height } = image;
  let mean = 0;
  for (const v of image.pixels) mean += v;
  mean /= image.pixels.length;
  const ink = mean > 0.5 ? image.pixels.map((v) => 1 - v) : image.pixels.slice();
  // Bounding box of the ink (pixels above a faint threshold).
  let [left, right, top, bottom] = [width, -1, height, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0.1) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  const out = new Float64Array(784);
  if (right < 0) return out; // a blank picture
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const scale = 20 / Math.max(boxWidth, boxHeight);
  const w = Math.max(1, Math.round(boxWidth * scale));
  const h = Math.max(1, Math.round(boxHeight * scale));
  const small = new Float64Array(w * h);
  // Area averaging: each target pixel is the mean of the source pixels it covers.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const x0 = left + (x * boxWidth) / w;
      const x1 = left + ((x + 1) * boxWidth) / w;
      const y0 = top + (y * boxHeight) / h;
      const y1 = top + ((y + 1) * boxHeight) / h;
      let sum = 0;
      let area = 0;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const cover = Math.min(sy + 1, y1) - Math.max(sy, y0);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const weight = cover * (Math.min(sx + 1, x1) - Math.max(sx, x0));
          sum += weight * ink[sy * width + sx];
          area += weight;
        }
      }
      small[y * w + x] = area > 0 ? sum / area : 0;
    }
  }
  // Centre of mass of the scaled digit, moved to (14, 14).
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const offsetX = Math.round(14 - cx / mass);
  const offsetY = Math.round(14 - cy / mass);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + offsetX;
      const ty = y + offsetY;
      if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28)
        out[ty * 28 + tx] = Math.min(1, small[y * w + x]);
    }
  }
  return out;
}
