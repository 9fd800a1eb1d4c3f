/** Channels × height × width of one image (one sample). */
export interface ImageShape {
  /** C: channels (feature maps). */
  channels: number;
  /** H: rows of pixels. */
  height: number;
  /** W: pixels per row. */
  width: number;
}

/**
 * How a convolution's output positions map onto its input (network's convGeometry makes
 * one). Output position (oy, ox) reads input rows iy = oy·stride + ky − padTop and columns
 * ix = ox·stride + kx − padLeft for ky, kx in 0…k−1; positions outside the input read 0.
 */
export interface ConvShape {
  /** C, H, W of one input sample. */
  input: ImageShape;
  /** F (filters), H′, W′ of one output sample. */
  output: ImageShape;
  /** k: kernels are k × k. */
  kernelSize: number;
  /** Step between output positions, in input pixels. */
  stride: number;
  /** Zero rows above the input. */
  padTop: number;
  /** Zero columns left of the input. */
  padLeft: number;
}

/** C·k·k: the length of one unrolled patch, a row of the weights and a row count of cols. */
export function patchLength(g: ConvShape): number {
  return g.input.channels * g.kernelSize * g.kernelSize;
}

/** H′·W′: output positions per sample and filter. */
export function outputPositions(g: ConvShape): number {
  return g.output.height * g.output.width;
}
