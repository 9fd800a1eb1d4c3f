// CommonJS: the packages are ES modules, and Node ≥ 20.19 loads them with require()
// (require(esm): no bundler, no dynamic import). This file uses the built packages
// (their dist/, as installed from npm; run `pnpm build` first in this repository) and
// trains the seed's sigmoid network on XOR.
//
//   node examples/commonjs.cjs
const { makeXor } = require("@backprop/datasets");
const { Rng } = require("@backprop/linalg");
const { Network } = require("@backprop/network");
const { train } = require("@backprop/optimizers");

const xor = makeXor({ rng: new Rng(0) });
const network = new Network({ sizes: [2, 4, 2], seed: 3 });
const { history } = train(network, xor, { epochs: 1500, batchSize: 4, eta: 3, seed: 1, test: xor });
const last = history[history.length - 1];
console.log(`Epoch ${last.epoch}: ${last.test.correct} / ${last.test.total}`);
