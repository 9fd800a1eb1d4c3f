import { NetworkShapeError } from "../errors";
import { checkPositiveInteger, checkShape3, formatShape3, type Shape3 } from "./layer";

/**
 * How a convolution's output positions map onto its input, shared by the naive and the
 * im2col paths. Output position (oy, ox) reads input rows iy = oy·stride + ky − padTop and
 * columns ix = ox·stride + kx − padLeft for ky, kx in 0…k−1; positions outside the
 * input read zeros (zero padding).
 */
export interface ConvGeometry {
  /** C, H, W of one input sample. */
  input: Shape3;
  /** F (filters), H′, W′ of one output sample. */
  output: Shape3;
  /** k: kernels are k × k. */
  kernelSize: number;
  /** Step between output positions, in input pixels. */
  stride: number;
  /** Zero rows above the input (below: whatever the output size needs). */
  padTop: number;
  /** Zero columns left of the input. */
  padLeft: number;
}

/** "valid": no padding; "same": H′ = ⌈H/stride⌉ (TensorFlow's rule); a number p: p zeros on each side (PyTorch's padding=p). */
export type Padding = "valid" | "same" | number;

/**
 * H′ = ⌊(H + padding − k)/stride⌋ + 1 per side. "same" pads (H′−1)·stride + k − H in
 * total, the smaller half on top/left: with stride 1 that is PyTorch's padding="same"
 * (odd k: (k−1)/2 each side; even k: the extra zero at the bottom/right).
 */
export function convGeometry(
  inputShape: Shape3,
  filters: number,
  kernelSize: number,
  stride: number,
  padding: Padding,
): ConvGeometry {
  const input = checkShape3("conv2d", inputShape);
  checkPositiveInteger("conv2d", "filters", filters);
  checkPositiveInteger("conv2d", "kernelSize", kernelSize);
  checkPositiveInteger("conv2d", "stride", stride);
  const side = (n: number): [out: number, padBefore: number] => {
    if (padding === "same") {
      const out = Math.ceil(n / stride);
      const total = Math.max((out - 1) * stride + kernelSize - n, 0);
      return [out, Math.floor(total / 2)];
    }
    const p = padding === "valid" ? 0 : padding;
    if (!Number.isInteger(p) || p < 0) {
      throw new NetworkShapeError(
        `conv2d: padding must be "valid", "same" or a non-negative integer, got ${JSON.stringify(padding)}`,
      );
    }
    return [Math.floor((n + 2 * p - kernelSize) / stride) + 1, p];
  };
  const [height, padTop] = side(input.height);
  const [width, padLeft] = side(input.width);
  if (height < 1 || width < 1) {
    throw new NetworkShapeError(
      `conv2d: a ${kernelSize}×${kernelSize} kernel does not fit a ${formatShape3(input)} input with padding ${JSON.stringify(padding)}; use a smaller kernel or padding "same"`,
    );
  }
  return {
    input,
    output: Object.freeze({ channels: filters, height, width }),
    kernelSize,
    stride,
    padTop,
    padLeft,
  };
}
