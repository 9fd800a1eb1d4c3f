import {
  createSparseLayer,
  fusedMultiplyAddAvailable,
  type KernelOptions,
  matrixBlock,
  type ParameterBlock,
  type SparseLayer,
} from "@backprop/linalg";
import { type BackpropWorkspace, createBackpropWorkspace, type Network } from "@backprop/network";

/**
 * Everything one mini-batch update works in, for one network and batch size: made once
 * when training is set up (this is where the kernels are chosen) and passed to every
 * updateMiniBatch, so the hot loop allocates nothing and nothing hides in a cache.
 */
export interface TrainingWorkspace {
  /** The most samples a mini-batch may have (the buffers' columns). */
  readonly batchSize: number;
  /** backprop's buffers and the summed gradients. */
  readonly backprop: BackpropWorkspace;
  /** The first layer on sparse inputs (image data), or null for dense inputs. */
  readonly firstLayer: SparseLayer | null;
  /** Every parameter as the optimizer updates it: weights (layer 1 first), then biases. */
  readonly blocks: readonly ParameterBlock[];
  /** The weights' blocks alone (regularisation decays weights, never biases). */
  readonly weightBlocks: readonly ParameterBlock[];
  /** Brings network.weights[0] up to date (a sparse first layer may keep its own copy). */
  syncToNetwork(): void;
  /** Reads network.weights[0] again, after code outside changed it. */
  loadFromNetwork(): void;
  /** Stops a kernel thread, if any. Call when training ends. */
  close(): void;
}

/** The kernels and threads of {@link createTrainingWorkspace}, and whether inputs are sparse. */
export interface TrainingWorkspaceOptions extends KernelOptions {
  /**
   * Whether inputs come as sparse batches (byte images): the first layer then skips zero
   * pixels, on the kernels chosen by `kernels` and `threads`. Default false.
   */
  sparseInputs?: boolean;
}

/**
 * Sets up training of `network` on mini-batches of up to `batchSize` samples: chooses the
 * kernels (the sparse first layer for byte images with `sparseInputs`), allocates backprop's
 * buffers, and wraps every parameter in a ParameterBlock for the optimizer. Call `close()`
 * when done; `train` does all of this itself.
 */
export function createTrainingWorkspace(
  network: Network,
  batchSize: number,
  options: TrainingWorkspaceOptions = {},
): TrainingWorkspace {
  const fused = options.kernels === "fma";
  if (fused && !fusedMultiplyAddAvailable()) {
    (options.onNotice ?? console.warn)(
      'backprop: kernels "fma" needs WebAssembly relaxed SIMD (Node ≥ 22, or node --experimental-wasm-relaxed-simd); the default kernels run instead',
    );
  }
  const backprop = createBackpropWorkspace(network, batchSize, {
    gemmKernel: fused ? "fma" : "auto",
  });
  const { nablaW, nablaB } = backprop.gradients;
  const firstLayer = options.sparseInputs
    ? createSparseLayer(network.weights[0], batchSize, options)
    : null;
  const weightBlocks = network.weights.map((w, l) =>
    l === 0 && firstLayer ? firstLayer.block : matrixBlock(w, nablaW[l]),
  );
  const biasBlocks = network.biases.map((b, l) => matrixBlock(b, nablaB[l]));
  return {
    batchSize,
    backprop,
    firstLayer,
    blocks: [...weightBlocks, ...biasBlocks],
    weightBlocks,
    syncToNetwork: () => firstLayer?.syncWeights(),
    loadFromNetwork: () => firstLayer?.loadWeights(),
    close: () => firstLayer?.close(),
  };
}
