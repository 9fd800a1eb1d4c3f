/** A grayscale image, row-major, values in [0, 1] (0 black, 1 white). */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Float64Array;
}

/** The file's format is not one we can read; says what was found and what is supported. */
export class ImageFormatError extends Error {
  override readonly name = "ImageFormatError";
}

/**
 * The most pixels a PNG or PGM may have: 25 megapixels (a 5000×5000 picture, or a 24-megapixel
 * camera's photo). A digit needs far fewer (`predict` scales it to 20×20), so this only stops
 * files whose header promises a huge image: a few kilobytes of compressed or declared pixels
 * would otherwise become gigabytes of memory. It is checked from the header, before anything
 * is allocated. The decoded picture takes 8 bytes a pixel, so at most 200 MB.
 */
export const MAX_IMAGE_PIXELS = 25_000_000;

/** Throws unless a `width`×`height` picture is within MAX_IMAGE_PIXELS. */
export function checkImageSize(width: number, height: number, name: string, format: string): void {
  const count = width * height;
  if (count <= MAX_IMAGE_PIXELS) return;
  const megapixels = count >= 1e8 ? Math.round(count / 1e6) : (count / 1e6).toPrecision(3);
  throw new ImageFormatError(
    `${name}: the ${format} is ${width}×${height} pixels (${megapixels} megapixels); ` +
      `at most ${MAX_IMAGE_PIXELS / 1e6} megapixels are read: scale the picture down ` +
      "(a few hundred pixels a side are plenty for a digit)",
  );
}

/**
 * The decoded picture, after checking that every pixel is a number in [0, 1]: no file, however
 * broken, can reach `predict` as NaN or out-of-range ink.
 */
export function grayImage(
  width: number,
  height: number,
  pixels: Float64Array,
  name: string,
): GrayImage {
  for (let p = 0; p < pixels.length; p++) {
    const v = pixels[p];
    if (!(v >= 0 && v <= 1)) {
      throw new ImageFormatError(
        `${name}: pixel ${p % width},${Math.floor(p / width)} decoded to ${v}, outside 0…1; ` +
          "the file is corrupt: save it again",
      );
    }
  }
  return { width, height, pixels };
}
