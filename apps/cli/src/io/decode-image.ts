import { type GrayImage, ImageFormatError } from "./gray-image";
import { decodePgm } from "./pgm";
import { decodePng } from "./png";

/** A PNG or PGM image's bytes, told apart by the first byte (0x89: PNG, "P": PGM). */
export function decodeImage(bytes: Uint8Array, name: string): GrayImage {
  if (bytes[0] === 0x89) return decodePng(bytes, name);
  if (bytes[0] === 0x50 /* P */) return decodePgm(bytes, name);
  throw new ImageFormatError(`${name}: not a PNG or PGM image; save the digit as .png or .pgm`);
}
