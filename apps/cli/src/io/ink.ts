import type { GrayImage } from "./gray-image";

/**
 * The ink of a picture, 1 where the digit is: MNIST's digits are white on black, while a
 * scanned or drawn digit is usually dark on light paper, so a mostly light picture is
 * inverted.
 */
export function inkOf(image: GrayImage): Float64Array {
  let mean = 0;
  for (const v of image.pixels) mean += v;
  mean /= image.pixels.length;
  return mean > 0.5 ? image.pixels.map((v) => 1 - v) : image.pixels.slice();
}
