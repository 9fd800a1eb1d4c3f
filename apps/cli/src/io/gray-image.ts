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
