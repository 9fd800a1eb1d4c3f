/**
 * One benchmark configuration, run in its own process so its peak memory is its own:
 *   tsx bench/train-epochs.ts <sizes e.g. 784,30,10> <batch size> <float64|float32> <epochs>
 * Trains on MNIST's 50,000 training images with the seed's settings (sigmoid, quadratic,
 * η = 3), without evaluation, and prints {"seconds": [per epoch], "maxRssMB": …} as JSON.
 */
import { loadMnist } from "@backprop/datasets/node";
import type { DType } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { train } from "../src/index";

const [sizesArg = "784,30,10", batchArg = "10", dtypeArg = "float64", epochsArg = "3"] =
  process.argv.slice(2);
const sizes = sizesArg.split(",").map(Number);
const { training } = await loadMnist();
const network = new Network({ sizes, seed: 0, dtype: dtypeArg as DType });
const seconds: number[] = [];
train(network, training, {
  epochs: Number(epochsArg),
  batchSize: Number(batchArg),
  eta: 3,
  seed: 0,
  onEpoch: (r) => seconds.push(r.seconds),
});
console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
