import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { FloatArray } from "../matrix";
import { Rng } from "../random";
import { SPLIT_MIN_WORK } from "./gemm-split";
import { type KernelThread, waitWhile } from "./kernel-thread";
import { fromPanels, panelIndex, panelsFor, toPanels } from "./panels";
import { SimdArena } from "./simd-arena";

type DType = "float64" | "float32";

/**
 * One first-layer step on an arena: z = (wT)ᵀ·S, gT += S·δᵀ over the batch's rows, then
 * w ← w − rate·gT on those rows and the rows cleared. Returns copies of everything written.
 */
function step(arena: SimdArena, k: number, h: number, m: number, seed: number, dtype: DType) {
  const rng = new Rng(seed);
  const p = panelsFor(k, h, dtype === "float32" ? 4 : 8);
  const wT = toPanels(p, rng.fillNormal(new Float64Array(k * h)), arena.floats(p.length, dtype));
  const gT = arena.floats(p.length, dtype);
  const colStart = arena.i32(m + 1);
  const rowIndex = arena.i32(k * m);
  const values = arena.floats(k * m, dtype);
  const mark = new Uint8Array(k);
  const rows = arena.i32(k);
  const inked = arena.i32(k);
  let count = 0;
  let t = 0;
  for (let j = 0; j < m; j++) {
    colStart[j] = t;
    for (let r = 0; r < k; r++) {
      if (rng.uniform() < 0.3) {
        rowIndex[t] = r;
        values[t++] = rng.uniform();
        if (!mark[r]) {
          mark[r] = 1;
          rows[count++] = r;
        }
      }
    }
  }
  colStart[m] = t;
  const sparse = { colStart, rowIndex, values };
  const marks = arena.u8(k);
  expect(arena.inkedRows(sparse, m, marks, inked)).toBe(count);
  expect(inked.subarray(0, count)).toEqual(rows.subarray(0, count)); // same rows, same order
  expect(marks.every((v) => v === 0)).toBe(true);
  const z = arena.floats(p.padded * m, dtype);
  const delta = arena.floats(p.padded * m, dtype);
  rng.fillNormal(delta);
  const tmp = arena.floats(p.padded, dtype);
  arena.sparseForward(wT, p, sparse, m, z, tmp);
  arena.sparseGradient(gT, p, sparse, m, delta, tmp);
  const gradient = fromPanels(p, gT);
  arena.setNonZeroRows(gT, p, rows, count);
  const finite = arena.sgdStep(wT, gT, 0.3); // consumes gT
  return {
    z: Float64Array.from(z.subarray(0, h * m)),
    gradient,
    w: fromPanels(p, wT),
    finite,
    cleared: gT.every((v) => v === 0),
  };
}

describe("SimdArena with a kernel thread", () => {
  const threaded = SimdArena.create(64 << 20, { threads: 2 })!;
  afterAll(() => threaded.close());

  it("runs on two threads in Node (≥ 20.16), once the thread has started", () => {
    expect(threaded.awaitThread()).toBe(2);
    expect(threaded.threads).toBe(2);
  });

  for (const dtype of ["float64", "float32"] as const) {
    it(`${dtype}: forward, gradient, update and clear are bit-identical to one thread`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 30 }),
          fc.integer({ min: 1, max: 70 }),
          fc.integer({ min: 1, max: 12 }),
          fc.nat(),
          (k, h, m, seed) => {
            const alone = SimdArena.create(1 << 20)!;
            const one = step(alone, k, h, m, seed, dtype);
            const two = step(threaded, k, h, m, seed, dtype);
            expect(two.z).toEqual(one.z);
            expect(two.gradient).toEqual(one.gradient);
            expect(two.w).toEqual(one.w);
            expect(two.finite).toBe(true);
            expect(one.cleared && two.cleared).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it("reports a non-finite update made on the kernel thread's panel", () => {
    const p = panelsFor(2, 40, 8); // neurons 24 … 39 are in panel 1, the kernel thread's
    expect(p.split).toBe(24);
    expect(p.widths).toEqual([24, 16]);
    const w = threaded.f64(p.length);
    const g = threaded.f64(p.length);
    const rows = threaded.i32(1);
    rows[0] = 1;
    g[panelIndex(p, 1, 35)] = Number.POSITIVE_INFINITY;
    threaded.setNonZeroRows(g, p, rows, 1);
    expect(threaded.sgdStep(w, g, 1)).toBe(false);
    expect(w[panelIndex(p, 1, 35)]).toBe(Number.NEGATIVE_INFINITY);
    expect(w[panelIndex(p, 1, 5)]).toBe(0);
  });

  it("after close() goes on with one thread", () => {
    const arena = SimdArena.create(1 << 20, { threads: 2 })!;
    arena.close();
    arena.close();
    expect(arena.threads).toBe(1);
    const before = step(SimdArena.create(1 << 20)!, 5, 20, 3, 7, "float64");
    expect(step(arena, 5, 20, 3, 7, "float64")).toEqual(before);
  });

  it("rejects a thread count other than 1 or 2", () => {
    expect(() => SimdArena.create(1024, { threads: 3 as 2 })).toThrow(
      /threads must be 1, 2 or "auto"/,
    );
  });
});

describe("dense products on two threads", () => {
  const max = { m: 70, n: 70, k: 80 };
  const values = max.m * max.k + 2 * max.n * max.k + max.m * max.n;
  const threaded = SimdArena.create(2 * 8 * values + 4096, { threads: 2 })!;
  const alone = SimdArena.create(2 * 8 * values + 4096)!;
  afterAll(() => threaded.close());

  for (const dtype of ["float64", "float32"] as const) {
    it(`${dtype}: NN, TN and NT split by rows or columns equal one thread bit for bit`, () => {
      expect(threaded.awaitThread()).toBe(2);
      const thread = (threaded as unknown as { thread: KernelThread }).thread;
      const begin = vi.spyOn(thread, "begin");
      const buffers = (arena: SimdArena) => ({
        a: arena.floats(max.m * max.k, dtype),
        b: arena.floats(max.n * max.k, dtype),
        bT: arena.floats(max.n * max.k, dtype),
        c: arena.floats(max.m * max.n, dtype),
      });
      const [two, one] = [buffers(threaded), buffers(alone)];
      let splits = 0;
      const shapes = fc.record({
        m: fc.integer({ min: 1, max: max.m }),
        n: fc.integer({ min: 1, max: max.n }),
        k: fc.integer({ min: 1, max: max.k }),
        trans: fc.constantFrom("NN", "TN", "NT"),
        seed: fc.nat(),
      });
      fc.assert(
        fc.property(shapes, ({ m, n, k, trans, seed }) => {
          const shape = { m, n, k, transA: trans === "TN", transB: trans === "NT" };
          const old = new Rng(seed).uniform();
          for (const x of [one, two]) {
            x.a.set(new Rng(seed).fillNormal(new Float64Array(m * k)));
            x.b.set(new Rng(seed + 1).fillNormal(new Float64Array(n * k)));
            x.c.fill(old); // both add to C's old values
          }
          alone.gemm(one.c, one.a, one.b, one.bT, shape);
          const before = begin.mock.calls.length;
          threaded.gemm(two.c, two.a, two.b, two.bT, shape);
          if (begin.mock.calls.length > before) splits++;
          expect(two.c.subarray(0, m * n)).toEqual(one.c.subarray(0, m * n));
        }),
        {
          numRuns: 150,
          // Always include a rows split, a columns split (C has few rows) and an NT on Bᵀ.
          examples: [
            [{ m: 64, n: 32, k: 64, trans: "NN", seed: 1 }],
            [{ m: 10, n: 70, k: 80, trans: "NN", seed: 2 }],
            [{ m: 40, n: 70, k: 20, trans: "NT", seed: 3 }],
          ],
        },
      );
      expect(SPLIT_MIN_WORK).toBeLessThan(10 * 70 * 80);
      expect(splits).toBeGreaterThanOrEqual(3);
      begin.mockRestore();
    });
  }
});

describe("row lists", () => {
  it("sgdStep with declared rows equals the dense JS update when g is zero elsewhere", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        (k, h, seed) => {
          const rng = new Rng(seed);
          const arena = SimdArena.create(1 << 16)!;
          const p = panelsFor(k, h, 8);
          const w: FloatArray = rng.fillNormal(arena.f64(p.length));
          const g = arena.f64(p.length);
          const rows = arena.i32(k);
          let count = 0;
          for (let r = 0; r < k; r++) {
            if (rng.uniform() < 0.5) {
              rows[count++] = r;
              for (let i = 0; i < h; i++) g[panelIndex(p, r, i)] = rng.uniform() - 0.5;
            }
          }
          const expected = Array.from(w, (v, i) => v - 0.7 * g[i]);
          const before = Float64Array.from(g);
          arena.setNonZeroRows(g, p, rows, count);
          expect(arena.sgdStep(w, g, 0.7)).toBe(true);
          expect(Array.from(w)).toEqual(expected);
          expect(g.every((v) => v === 0)).toBe(true); // consumed
          // Declared again but left to another optimizer: clearNonZeroRows zeroes them.
          g.set(before);
          arena.setNonZeroRows(g, p, rows, count);
          arena.clearNonZeroRows(g);
          expect(g.every((v) => v === 0)).toBe(true);
        },
      ),
    );
  });
});

describe("KernelThread", () => {
  it("waitWhile returns on the value's change, not on a notify that left it unchanged", async () => {
    const { Worker } = await import("node:worker_threads");
    const ctl = new Int32Array(new SharedArrayBuffer(16));
    // A late notify for an earlier call (value unchanged) at 30 ms, the real change at 150 ms.
    const worker = new Worker(
      `const { workerData: ctl } = require("node:worker_threads");
       const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
       sleep(30); Atomics.notify(ctl, 1);
       sleep(120); Atomics.store(ctl, 1, 7); Atomics.notify(ctl, 1);`,
      { eval: true, workerData: ctl },
    );
    expect(waitWhile(ctl, 1, 0, 5000)).toBe(true);
    expect(Atomics.load(ctl, 1)).toBe(7); // returned after the change, not on the early notify
    await worker.terminate();
  });

  it("turns a trap on the kernel thread into an error here, not a hang", () => {
    const arena = SimdArena.create(1 << 16, { threads: 2 })!;
    expect(arena.awaitThread()).toBe(2);
    const p = panelsFor(4, 40, 8);
    const g = arena.f64(p.length);
    const rows = arena.i32(1);
    // k claimed far too large: panel 1, after k rows of panel 0, lies outside the arena
    const wrong = { ...p, k: 1 << 20 };
    expect(() => arena.clearRows(g, wrong, rows, 1)).toThrow(/trapped on the kernel thread/);
    expect(arena.threads).toBe(1); // the thread is stopped; this one goes on alone
    arena.clearRows(g, p, rows, 1);
  });
});
