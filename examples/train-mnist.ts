/**
 * Trains the seed's network on MNIST, as the article's network.py does:
 *
 *   net = network.Network([784, 30, 10])
 *   net.SGD(training_data, 30, 10, 3.0, test_data=test_data)
 *
 * but for 2 epochs instead of 30 (about a second each), printing the seed's
 * "Epoch 0: 9129 / 10000" after each. MNIST comes from @backprop/mnist, offline.
 *
 *   node --import tsx examples/train-mnist.ts
 *
 * EXAMPLE_EPOCHS and EXAMPLE_TRAIN_SIZE (training images, default all 50,000) shorten it.
 */
import { loadMnist } from "@backprop/mnist";
import { Network } from "@backprop/network";
import { train } from "@backprop/optimizers";

const epochs = Number(process.env.EXAMPLE_EPOCHS ?? 2);
const trainSize = Number(process.env.EXAMPLE_TRAIN_SIZE ?? 50_000);

// The seed's split: 50,000 training, 10,000 validation and 10,000 test images (bytes).
const { training, test } = await loadMnist();

// sizes [784, 30, 10], sigmoid everywhere, quadratic cost, N(0, 1) weights: the seed's net.
const network = new Network({ sizes: [784, 30, 10], seed: 0 });

const { history } = train(network, training.slice(0, trainSize), {
  epochs,
  batchSize: 10, // the seed's mini_batch_size
  eta: 3.0,
  seed: 0, // the shuffle order, so a run can be repeated exactly
  test,
  onEpoch: (record) =>
    console.log(`Epoch ${record.epoch}: ${record.test?.correct} / ${record.test?.total}`),
});

const accuracy = history[history.length - 1].test?.accuracy ?? 0;
console.log(`test accuracy: ${(100 * accuracy).toFixed(2)}%`);
