/**
 * One benchmark configuration, run in its own process so its peak memory is its own:
 *   tsx bench/train-epochs.ts <sizes e.g. 784,30,10> <batch size> <float64|float32> <epochs> [threads 1|2|auto] [kernels auto|js|fma]
 * Trains on MNIST's 50,000 training images with the seed's settings (sigmoid, quadratic,
 * η = 3), without evaluation, and prints {"seconds": [per epoch], "maxRssMB": …} as JSON.
 */

import type { DType } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import { Network } from "@backprop/network";
import { train } from "../src/index";

const args = process.argv.slice(2);
const sizes = (args[0] ?? "784,30,10").split(",").map(Number);
const batchSize = Number(args[1] ?? 10);
const dtype = (args[2] ?? "float64") as DType;
const epochs = Number(args[3] ?? 3);
const threads = (args[4] === "auto" ? "auto" : Number(args[4] ?? 1)) as 1 | 2 | "auto";
const kernels = args[5] as "auto" | "js" | "fma" | undefined;

const { training } = await loadMnist();
const network = new Network({ sizes, seed: 0, dtype });
const seconds: number[] = [];
train(network, training, {
  epochs,
  batchSize,
  eta: 3,
  seed: 0,
  kernels,
  threads,
  onEpoch: (r) => seconds.push(r.seconds),
});
console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
