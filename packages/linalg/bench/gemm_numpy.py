"""GFLOP/s of numpy's matmul (OpenBLAS) on the shapes of bench/gemm.bench.ts.

  OPENBLAS_NUM_THREADS=1 python3 gemm_numpy.py '<json list of [m, n, k, transA, transB, dtype]>'

Prints a JSON list of GFLOP/s (2·m·n·k / median seconds), one per shape, timed like ours:
calls batched to at least 20 ms, median of 9 batches.
"""
import json
import sys
import time

import numpy as np


def median_seconds(run):
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            run()
        if time.perf_counter() - start >= 0.02:
            break
        calls *= 2
    times = []
    for _ in range(9):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        times.append((time.perf_counter() - start) / calls)
    return sorted(times)[4]


rng = np.random.default_rng(1)
results = []
for m, n, k, trans_a, trans_b, dtype in json.loads(sys.argv[1]):
    a = rng.standard_normal((k, m) if trans_a else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if trans_b else (k, n)).astype(dtype)
    op_a = a.T if trans_a else a
    op_b = b.T if trans_b else b
    c = np.empty((m, n), dtype=dtype)
    seconds = median_seconds(lambda: np.matmul(op_a, op_b, out=c))
    results.append(2 * m * n * k / seconds / 1e9)
print(json.dumps(results))
