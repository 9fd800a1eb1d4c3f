import { describe, expect, it } from "vitest";
import { Rng } from "./random";

describe("Rng (xoshiro128**)", () => {
  it("matches the authors' C reference from state {1, 2, 3, 4}", () => {
    // Printed by the reference C implementation (xoshiro128starstar.c) compiled with gcc.
    const rng = Rng.fromState({ s: [1, 2, 3, 4], spareNormal: null });
    const first = Array.from({ length: 8 }, () => rng.nextUint32());
    expect(first).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ]);
  });

  it("gives the same sequence for the same seed and different ones for different seeds", () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 5 }, () => rng.uniform());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(1)).not.toEqual(draw(1 + 2 ** 32)); // high bits of the seed count
  });

  it("keeps its first values for seed 42 (changing them breaks every saved experiment)", () => {
    const rng = new Rng(42);
    expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual(SEED_42_FIRST_UINT32);
  });

  it("uniform lies in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = new Rng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // Standard error of the mean: sqrt(1/12 / n) ≈ 0.00065; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("normal has mean 0, variance 1 and the normal's tails on a large sample", () => {
    const rng = new Rng(2024);
    const n = 400_000;
    let sum = 0;
    let sumSq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n)); // 5 standard errors
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // P(|Z| > 2) = 0.0455; its standard error here is ≈ 0.00033.
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.0017);
    const scaled = new Rng(1);
    const samples = scaled.fillNormal(new Float64Array(50_000), 3, 0.5);
    const m = samples.reduce((s, x) => s + x, 0) / samples.length;
    expect(Math.abs(m - 3)).toBeLessThan(0.02);
  });

  it("integer(n) is unbiased over a small range", () => {
    const rng = new Rng(3);
    const counts = new Array(6).fill(0);
    const n = 120_000;
    for (let i = 0; i < n; i++) counts[rng.integer(6)]++;
    for (const c of counts) expect(Math.abs(c - n / 6)).toBeLessThan(600); // ≈ 5 std errors
    expect(() => rng.integer(0)).toThrow(RangeError);
  });

  it("shuffle is a permutation, repeatable, and every position is equally likely", () => {
    const a = new Rng(5).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = new Rng(5).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rng = new Rng(9);
    const firstCounts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) firstCounts[rng.shuffle([0, 1, 2, 3])[0]]++;
    for (const c of firstCounts) expect(Math.abs(c - 10_000)).toBeLessThan(450);
  });

  it("saves and restores its state mid-sequence, including a pending normal", () => {
    const rng = new Rng(11);
    rng.normal();
    const state = rng.getState();
    const expected = [rng.normal(), rng.uniform(), rng.normal()];
    const restored = Rng.fromState(JSON.parse(JSON.stringify(state)));
    expect([restored.normal(), restored.uniform(), restored.normal()]).toEqual(expected);
  });

  it("rejects seeds that are not safe integers and the all-zero state", () => {
    expect(() => new Rng(1.5)).toThrow(/safe integer, got 1.5/);
    expect(() => Rng.fromState({ s: [0, 0, 0, 0], spareNormal: null })).toThrow(/all zeros/);
  });
});

// Printed by a C program seeding xoshiro128** with the same SplitMix32 steps (gcc, uint32_t).
const SEED_42_FIRST_UINT32 = [2837322924, 544945897, 479756282, 3500138142];
