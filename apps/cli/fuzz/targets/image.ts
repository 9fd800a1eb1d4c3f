import { decodeImage } from "../../src/io/decode-image";
import { ImageFormatError } from "../../src/io/gray-image";
import { imageSeeds } from "../../src/io/image-fixtures";
import type { FuzzTarget } from "../target";

/** The images `backprop predict IMAGE` reads: PNG (grey, grey+alpha, RGB, RGBA, palette, 16-bit) and PGM (P5, P2) images. */
export const imageTarget: FuzzTarget = {
  name: "image",
  seeds: imageSeeds,
  run(input) {
    const image = decodeImage(input, "fuzz-input");
    // What predict relies on: the promised size, and every pixel a number in [0, 1].
    if (image.pixels.length !== image.width * image.height)
      throw new Error(`decoded ${image.pixels.length} pixels for ${image.width}×${image.height}`);
    for (const v of image.pixels)
      if (!(v >= 0 && v <= 1)) throw new Error(`decoded a pixel of ${v}, outside [0, 1]`);
    return image;
  },
  isTyped: (error) => error instanceof ImageFormatError,
};

export default imageTarget;
