/**
 * Stroke-width normalisation for drawn digits, applied before `toMnistInput` scales the
 * ink into MNIST's 20×20 box. MNIST's digits have strokes of similar width after that
 * scaling (median 2.3 px, 10–90% range 1.7–3.3 px: measured on 2,000 test digits with the
 * formula below), but a drawing's stroke can end up 1 px wide (a thin pen, a big digit) or
 * 6 px (a thick pen filling the canvas), and the network, which only saw MNIST's ink, reads
 * the two differently (a canvas-filling thick 0 was read as 5). So we thin or thicken the
 * ink to MNIST's width at the scale it will be drawn at.
 *
 * Width without a skeleton: a band of width w and length ℓ has area A ≈ w·ℓ and perimeter
 * P ≈ 2ℓ, so w ≈ 2A/P for any shape. Counting P as ink/paper pixel edges overestimates a
 * curve's length by 4/π on average over directions, hence w ≈ 8A / (π·P_edges).
 * Thinning keeps the ink farther than r from paper; thickening adds paper closer than r to
 * ink (distance transforms, chamfer 3-4), with r half the difference of the widths.
 */

/** MNIST's median stroke width in output pixels (of the 20-pixel digit box). */
export const MNIST_STROKE = 2.3;
const BOX = 20;
const INK = 0.5;

/** Mean stroke width (pixels) of the ink above 0.5 in `ink` (width × height, row-major). */
export function strokeWidth(ink: ArrayLike<number>, width: number, height: number): number {
  let area = 0;
  let edges = 0;
  const on = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && ink[y * width + x] > INK;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!on(x, y)) continue;
      area++;
      edges += +!on(x + 1, y) + +!on(x - 1, y) + +!on(x, y + 1) + +!on(x, y - 1);
    }
  }
  return edges === 0 ? 0 : (8 * area) / (Math.PI * edges);
}

/**
 * Chamfer (3-4) distance, in pixels, from every pixel whose mask equals `from` to the
 * nearest pixel whose mask differs (0 at those). Two passes, O(width·height).
 */
function distance(mask: Uint8Array, width: number, height: number, from: number): Float32Array {
  const far = 1e9;
  const d = new Float32Array(width * height);
  for (let i = 0; i < d.length; i++) d[i] = mask[i] === from ? far : 0;
  const at = (x: number, y: number) =>
    x < 0 || y < 0 || x >= width || y >= height ? far : d[y * width + x];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      d[i] = Math.min(
        d[i],
        at(x - 1, y) + 3,
        at(x, y - 1) + 3,
        at(x - 1, y - 1) + 4,
        at(x + 1, y - 1) + 4,
      );
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      d[i] = Math.min(
        d[i],
        at(x + 1, y) + 3,
        at(x, y + 1) + 3,
        at(x + 1, y + 1) + 4,
        at(x - 1, y + 1) + 4,
      );
    }
  }
  for (let i = 0; i < d.length; i++) d[i] /= 3;
  return d;
}

/** The ink's bounding box's longer side, in pixels (0 when there is no ink). */
function boxSide(mask: Uint8Array, width: number, height: number): number {
  let [left, right, top, bottom] = [width, -1, height, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? 0 : Math.max(right - left + 1, bottom - top + 1);
}

/**
 * `ink` with its strokes thinned or thickened so that, once its bounding box is scaled to
 * 20 pixels, they are `target` pixels wide. Returns 0/1 ink of the same size (toMnistInput's
 * box filter gives the soft edges back); empty ink is returned as it is.
 */
export function normaliseStrokeWidth(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  target = MNIST_STROKE,
): Float32Array {
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = ink[i] > INK ? 1 : 0;
  const out = Float32Array.from(mask);
  const w = strokeWidth(ink, width, height);
  const box = boxSide(mask, width, height);
  if (w === 0 || box === 0) return out;
  // Thinning or thickening by (w* − w) changes the box by about as much:
  // w*·20 / (box − w + w*) = target  ⇒  w* = target·(box − w) / (20 − target).
  const wanted = Math.max(1, (target * Math.max(1, box - w)) / (BOX - target));
  const r = (wanted - w) / 2;
  if (Math.abs(r) < 0.5) return out;
  if (r < 0) {
    const inside = distance(mask, width, height, 1);
    let deepest = 0;
    for (const v of inside) deepest = Math.max(deepest, v);
    const keep = Math.min(-r, deepest - 1); // never erase a whole stroke
    for (let i = 0; i < out.length; i++) out[i] = mask[i] && inside[i] > keep ? 1 : 0;
  } else {
    const outside = distance(mask, width, height, 0);
    for (let i = 0; i < out.length; i++) out[i] = mask[i] || outside[i] <= r ? 1 : 0;
  }
  return out;
}
