/**
 * Draws a matrix as an image, one pixel per value, with the diverging colour map scaled by
 * the largest |value| (so 0 is always white). The canvas is then sized by CSS.
 */
import { diverging } from "./colors";
import { context2d } from "./dom";

/** Fills `canvas` (resized to cols × rows) with `data` (rows × cols, row-major). */
export function drawHeatmap(
  canvas: HTMLCanvasElement,
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  scale = maxAbs(data),
): void {
  if (canvas.width !== cols) canvas.width = cols;
  if (canvas.height !== rows) canvas.height = rows;
  const context = context2d(canvas);
  const image = context.createImageData(cols, rows);
  const s = scale > 0 ? scale : 1;
  for (let i = 0; i < rows * cols; i++) {
    const [r, g, b] = diverging(data[i] / s);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/** Draws values in [0, 1] as grey levels, ink dark on white (like a digit on paper). */
export function drawGrey(
  canvas: HTMLCanvasElement,
  data: ArrayLike<number>,
  rows: number,
  cols: number,
): void {
  if (canvas.width !== cols) canvas.width = cols;
  if (canvas.height !== rows) canvas.height = rows;
  const context = context2d(canvas);
  const image = context.createImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) {
    const v = Math.round(255 * (1 - Math.max(0, Math.min(1, data[i]))));
    image.data[4 * i] = v;
    image.data[4 * i + 1] = v;
    image.data[4 * i + 2] = v;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

export function maxAbs(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]));
  return m;
}
