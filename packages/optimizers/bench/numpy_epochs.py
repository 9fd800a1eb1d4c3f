"""The numpy side of `pnpm bench`, on the same MNIST files and settings (784-30-10 etc.).

  python3 numpy_epochs.py <mnist data dir> <network.py path> <sizes> <batch> <epochs> <mode>

mode "seed": the seed's own network.py, unchanged (per-sample backprop), on data laid out as
its mnist_loader lays it out, one epoch.
mode "batched64" / "batched32": the same maths with whole mini-batches as matrices.
Prints {"seconds": [per epoch], "maxRssMB": ...} as JSON. Run with OPENBLAS_NUM_THREADS=1.
"""
import contextlib
import importlib.util
import json
import resource
import sys
import time

import numpy as np
from mnist_idx import read_idx


def load(data_dir, dtype):
    images = read_idx(f"{data_dir}/train-images-idx3-ubyte")[:50000].reshape(50000, 784)
    labels = read_idx(f"{data_dir}/train-labels-idx1-ubyte")[:50000]
    x = (images / 255.0).astype(dtype)
    y = np.zeros((50000, 10), dtype=dtype)
    y[np.arange(50000), labels] = 1
    return x, y


def seed_training_data(data_dir):
    """The training data exactly as the seed's mnist_loader.load_data_wrapper builds it from
    mnist.pkl.gz: float32 pixels, each x a (784, 1) view of its row, each y its own (10, 1)
    float64 one-hot. (Views of a float64 copy with y sliced from one big array, as this
    harness did before, cost about 360,000 page faults and 15% more time per epoch.)"""
    images = read_idx(f"{data_dir}/train-images-idx3-ubyte")[:50000].reshape(50000, 784)
    labels = read_idx(f"{data_dir}/train-labels-idx1-ubyte")[:50000]
    inputs = (images / np.float32(255)).astype(np.float32)

    def vectorized_result(j):
        e = np.zeros((10, 1))
        e[j] = 1.0
        return e

    return list(zip([np.reshape(x, (784, 1)) for x in inputs], [vectorized_result(j) for j in labels]))


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def batched_epoch(weights, biases, x, y, batch, eta, rng):
    order = rng.permutation(len(x))
    for k in range(0, len(x), batch):
        idx = order[k:k + batch]
        a = x[idx].T  # features × m, one sample per column as the seed
        target = y[idx].T
        activations, zs = [a], []
        for w, b in zip(weights, biases):
            z = w @ a + b
            zs.append(z)
            a = sigmoid(z)
            activations.append(a)
        delta = (a - target) * a * (1 - a)
        m = a.shape[1]
        for l in range(len(weights) - 1, -1, -1):
            grad_w = delta @ activations[l].T
            grad_b = delta.sum(axis=1, keepdims=True)
            if l > 0:
                s = activations[l]
                delta = (weights[l].T @ delta) * s * (1 - s)
            weights[l] -= (eta / m) * grad_w
            biases[l] -= (eta / m) * grad_b


def main():
    data_dir, network_py, sizes, batch, epochs, mode = sys.argv[1:7]
    sizes = [int(s) for s in sizes.split(",")]
    batch, epochs = int(batch), int(epochs)
    seconds = []
    if mode == "seed":
        spec = importlib.util.spec_from_file_location("network", network_py)
        network = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(network)
        data = seed_training_data(data_dir)
        np.random.seed(0)
        net = network.Network(sizes)
        for _ in range(epochs):
            start = time.perf_counter()
            with contextlib.redirect_stdout(sys.stderr):  # it prints "Epoch 0 complete"
                net.SGD(data, 1, batch, 3.0)
            seconds.append(time.perf_counter() - start)
    else:
        dtype = np.float32 if mode == "batched32" else np.float64
        x, y = load(data_dir, dtype)
        rng = np.random.default_rng(0)
        weights = [rng.standard_normal((n, m)).astype(dtype) for m, n in zip(sizes[:-1], sizes[1:])]
        biases = [rng.standard_normal((n, 1)).astype(dtype) for n in sizes[1:]]
        for _ in range(epochs):
            start = time.perf_counter()
            batched_epoch(weights, biases, x, y, batch, dtype(3.0), rng)
            seconds.append(time.perf_counter() - start)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "maxRssMB": rss}))


main()
