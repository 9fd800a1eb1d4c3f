"""MNIST's IDX files as numpy arrays, for the Python sides of `pnpm bench`."""
import numpy as np


def read_idx(path):
    """The array in an IDX file (unsigned bytes, any number of dimensions)."""
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
