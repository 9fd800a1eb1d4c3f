"""The PyTorch side of `pnpm bench`: the same network, data and settings, written as a
PyTorch user would (nn.Sequential of Linear and Sigmoid, the quadratic cost, optim.SGD),
on tensors preloaded in memory.

  python3 torch_epochs.py <mnist data dir> <sizes> <batch> <epochs> <float64|float32> <threads>

The cost is the seed's C = 1/(2m) Σ ‖a − y‖² over a mini-batch of m, so SGD with lr = η
makes the seed's step w ← w − (η/m) Σ ∇. Prints {"seconds": [per epoch], "maxRssMB": ...}
as JSON. Debian's python3-torch is the CPU build; `threads` goes to torch.set_num_threads.
"""
import json
import resource
import sys
import time

import numpy as np
from mnist_idx import read_idx
import torch
from torch import nn


def main():
    data_dir, sizes, batch, epochs, dtype_name, threads = sys.argv[1:7]
    sizes = [int(s) for s in sizes.split(",")]
    batch, epochs, threads = int(batch), int(epochs), int(threads)
    dtype = torch.float64 if dtype_name == "float64" else torch.float32
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images = read_idx(f"{data_dir}/train-images-idx3-ubyte")[:50000].reshape(50000, 784)
    labels = read_idx(f"{data_dir}/train-labels-idx1-ubyte")[:50000].astype(np.int64)
    x = torch.from_numpy(images / 255.0).to(dtype)
    y = nn.functional.one_hot(torch.from_numpy(labels), 10).to(dtype)

    layers = []
    for inputs, outputs in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(inputs, outputs), nn.Sigmoid()]
    model = nn.Sequential(*layers).to(dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=3.0)

    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for k in range(0, len(x), batch):
            idx = order[k:k + batch]
            out = model(x[idx])
            loss = 0.5 * ((out - y[idx]) ** 2).sum() / len(idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - start)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "maxRssMB": rss}))


main()
