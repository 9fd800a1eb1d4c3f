import { Matrix } from "@backprop/linalg";
import { type Gradients, zeroGradients } from "./gradients";
import type { Network } from "./network";

/** One matrix per layer (layers 1…L), each n × m for the batch's m samples. */
export interface LayerBuffers {
  /** zs[l] = wˡ⁺¹aˡ + bˡ⁺¹, the weighted inputs the forward pass keeps for σ′ (the memo). */
  zs: Matrix[];
  /** activations[l] = σ(zs[l]); the input x is not copied. */
  activations: Matrix[];
  /** deltas[l] = δˡ⁺¹ = ∂C/∂zs[l], filled from the last layer down (BP1, then BP2). */
  deltas: Matrix[];
  /** back[l] = (wˡ⁺²)ᵀ δˡ⁺² before ⊙ σ′ (BP2's first factor). */
  back: Matrix[];
  /** Free buffers of the same shapes, for an activation's backward and a cost's delta. */
  scratch: Matrix[];
}

/**
 * The buffers `backpropBatch` works in, for one network and batches of up to `batchSize`
 * samples: made once when training is set up and passed to every batch, so the hot loop
 * allocates nothing (and nothing hides in a cache).
 */
export interface BackpropWorkspace {
  /** The most samples a batch may have (the columns allocated). */
  readonly batchSize: number;
  /**
   * The kernels of the dense products: "auto", or "fma" for fused multiply-adds where the
   * engine has relaxed SIMD (faster; results differ in the last bits: see GemmOptions).
   */
  readonly gemmKernel: "auto" | "fma";
  /** Σ over the batch of ∂C/∂b and ∂C/∂w (the seed's nabla_b, nabla_w after its loop). */
  readonly gradients: Gradients;
  /**
   * The buffers for a batch of m ≤ batchSize samples: views of the same memory, one set
   * per m seen (an epoch has at most two: full batches and the remainder).
   */
  buffersFor(m: number): LayerBuffers;
}

/**
 * Allocates the buffers of {@link backpropBatch} for `network` and batches of up to
 * `batchSize` samples: five matrices of sizes[l] × batchSize per layer, plus the gradients.
 * `gemmKernel: "fma"` asks for fused multiply-adds in the dense products.
 */
export function createBackpropWorkspace(
  network: Network,
  batchSize: number,
  options: { gemmKernel?: "auto" | "fma" } = {},
): BackpropWorkspace {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `backprop workspace: batchSize must be a positive integer, got ${batchSize}`,
    );
  }
  const sizes = network.sizes.slice(1);
  const dtype = network.dtype;
  const memory = () => sizes.map((n) => Matrix.zeros(n, batchSize, dtype).data);
  const storage = {
    zs: memory(),
    activations: memory(),
    deltas: memory(),
    back: memory(),
    scratch: memory(),
  };
  const views = new Map<number, LayerBuffers>();
  return {
    batchSize,
    gemmKernel: options.gemmKernel ?? "auto",
    gradients: zeroGradients(network),
    buffersFor(m) {
      let buffers = views.get(m);
      if (buffers) return buffers;
      if (!Number.isInteger(m) || m < 1 || m > batchSize) {
        throw new RangeError(
          `backprop workspace: made for batches of at most ${batchSize} samples, got ${m}`,
        );
      }
      // Row-major n × m uses the first n·m values of an n × batchSize buffer.
      const view = (list: typeof storage.zs) =>
        list.map((data, l) => new Matrix(sizes[l], m, data.subarray(0, sizes[l] * m)));
      buffers = {
        zs: view(storage.zs),
        activations: view(storage.activations),
        deltas: view(storage.deltas),
        back: view(storage.back),
        scratch: view(storage.scratch),
      };
      views.set(m, buffers);
      return buffers;
    },
  };
}
