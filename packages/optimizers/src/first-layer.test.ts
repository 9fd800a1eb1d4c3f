import { ClassificationData } from "@backprop/datasets";
import { fusedMultiplyAddAvailable, Rng } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { momentum } from "./momentum";
import type { Optimizer } from "./optimizer";
import { train } from "./train";

/** 300 random 7×7 "images": bytes, about 70% zeros, 3 classes. */
function images(): ClassificationData {
  const rng = new Rng(1);
  const inputs = new Uint8Array(300 * 49);
  for (let i = 0; i < inputs.length; i++) if (rng.uniform() < 0.3) inputs[i] = 1 + rng.integer(255);
  const labels = Uint8Array.from({ length: 300 }, () => rng.integer(3));
  return new ClassificationData({ inputs, labels, features: 49, classes: 3 });
}

function trained(
  firstLayer: "sparse" | "simd" | undefined,
  options: {
    batchSize?: number;
    lambda?: number;
    dense?: boolean;
    hidden?: number;
    threads?: 1 | 2;
    dtype?: "float64" | "float32";
    optimizer?: Optimizer;
  } = {},
) {
  const data = images();
  const network = new Network({
    sizes: [49, options.hidden ?? 7, 3],
    seed: 4,
    dtype: options.dtype,
  });
  // A float copy of the same data takes the dense path (no first-layer strategy at all).
  const source = options.dense
    ? data.with(
        Float64Array.from(data.inputs, (v) => v / 255),
        data.labels,
      )
    : data;
  const weights: number[][] = [];
  train(network, source, {
    epochs: 3,
    batchSize: options.batchSize ?? 10,
    eta: 1,
    lambda: options.lambda,
    seed: 2,
    kernels: firstLayer === "sparse" ? "js" : firstLayer === "simd" ? "auto" : undefined,
    threads: options.threads,
    optimizer: options.optimizer,
    onBatch: (p) => {
      if (p.epoch === 1 && p.batch === 5) {
        p.sync();
        weights.push(Array.from(network.weights[0].data));
      }
    },
  });
  return {
    final: [...network.weights, ...network.biases].map((m) => Array.from(m.data)),
    midEpoch: weights[0],
  };
}

function maxDifference(a: number[][], b: number[][]): number {
  let worst = 0;
  for (let l = 0; l < a.length; l++)
    for (let i = 0; i < a[l].length; i++) worst = Math.max(worst, Math.abs(a[l][i] - b[l][i]));
  return worst;
}

describe("first-layer strategies for image data", () => {
  it.each([[10], [7], [300]])(
    "WebAssembly, JS and the dense path train the same weights (batch %i, partial batches too)",
    (batchSize) => {
      const dense = trained(undefined, { batchSize, dense: true });
      const sparse = trained("sparse", { batchSize });
      const simd = trained("simd", { batchSize });
      expect(maxDifference(sparse.final, dense.final)).toBeLessThan(1e-12);
      expect(maxDifference(simd.final, dense.final)).toBeLessThan(1e-12);
    },
  );

  it("with L2 regularisation too", () => {
    expect(
      maxDifference(
        trained("simd", { lambda: 5 }).final,
        trained(undefined, { lambda: 5, dense: true }).final,
      ),
    ).toBeLessThan(1e-12);
  });

  it("progress.sync() shows the first layer's current weights mid-epoch", () => {
    const simd = trained("simd");
    const sparse = trained("sparse");
    expect(simd.midEpoch).toHaveLength(49 * 7);
    expect(maxDifference([simd.midEpoch], [sparse.midEpoch])).toBeLessThan(1e-12);
  });

  // 70 hidden neurons: w¹ is stored in two panels (f64 40 + 30, f32 48 + 22), the second on
  // the kernel thread.
  it.each([
    ["float64", 10],
    ["float64", 7],
    ["float32", 10],
  ] as const)(
    "two threads train bit-identical weights to one (%s, batch %i)",
    (dtype, batchSize) => {
      const one = trained("simd", { hidden: 70, dtype, batchSize, threads: 1 });
      const two = trained("simd", { hidden: 70, dtype, batchSize, threads: 2 });
      expect(two.final).toEqual(one.final);
      expect(two.midEpoch).toEqual(one.midEpoch);
      expect(
        maxDifference(two.final, trained("sparse", { hidden: 70, batchSize, dtype }).final),
      ).toBeLessThan(dtype === "float32" ? 1e-4 : 1e-12);
    },
  );

  it("two threads with momentum and L2 too (the update rules run on the kernels' own layout)", () => {
    const options = { hidden: 70, lambda: 3, batchSize: 10 };
    const one = trained("simd", { ...options, threads: 1, optimizer: momentum({ momentum: 0.9 }) });
    const two = trained("simd", { ...options, threads: 2, optimizer: momentum({ momentum: 0.9 }) });
    expect(two.final).toEqual(one.final);
    const dense = trained(undefined, {
      ...options,
      dense: true,
      optimizer: momentum({ momentum: 0.9 }),
    });
    expect(maxDifference(two.final, dense.final)).toBeLessThan(1e-12);
  });

  it("rejects a thread count other than 1 or 2", () => {
    expect(() => trained("simd", { threads: 4 as 2 })).toThrow(
      /threads must be 1, 2 or "auto", got 4/,
    );
  });
});

describe('kernels: "fma"', () => {
  // Fused multiply-adds need relaxed SIMD, which Node 20 has only behind a flag (the
  // fused kernels themselves are tested in linalg's fused-gemm.test.ts, with the flag).
  it.runIf(!fusedMultiplyAddAvailable())(
    "without relaxed SIMD: says so and trains exactly as the default kernels",
    () => {
      const run = (kernels: "auto" | "fma", notices: string[]) => {
        const network = new Network({ sizes: [49, 40, 30, 3], seed: 4 });
        train(network, images(), {
          epochs: 2,
          batchSize: 10,
          eta: 1,
          seed: 2,
          kernels,
          onNotice: (m) => notices.push(m),
        });
        return network.weights.map((w) => Array.from(w.data));
      };
      const notices: string[] = [];
      expect(run("fma", notices)).toEqual(run("auto", []));
      expect(notices).toEqual([expect.stringMatching(/relaxed SIMD.*default kernels run instead/)]);
    },
  );

  it("is checked like the other kernel names", () => {
    const network = new Network({ sizes: [49, 3], seed: 4 });
    expect(() =>
      train(network, images(), { epochs: 1, batchSize: 10, eta: 1, kernels: "fast" as "fma" }),
    ).toThrow(/kernels must be "auto", "js" or "fma", got fast/);
  });
});
