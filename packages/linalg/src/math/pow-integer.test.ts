import { describe, expect, it } from "vitest";
import { powInteger } from "./pow-integer";

describe("powInteger", () => {
  it("is exact where every product is (powers of two, small integers)", () => {
    expect(powInteger(2, 0)).toBe(1);
    expect(powInteger(2, 10)).toBe(1024);
    expect(powInteger(0.5, 1074)).toBe(2 ** -1074);
    expect(powInteger(3, 33)).toBe(3 ** 33); // 3³³ < 2⁵³: exact both ways
  });

  it("agrees with x ** n for Adam's β (each squaring rounds, so the error grows with log n)", () => {
    for (const beta of [0.9, 0.999, 0.99]) {
      for (const t of [1, 2, 7, 100, 1234, 100_000]) {
        const ours = powInteger(beta, t);
        const reference = beta ** t;
        if (reference > 0) expect(Math.abs(ours - reference) / reference).toBeLessThan(1e-11);
        else expect(ours).toBe(0);
        // What Adam uses, the bias correction 1 − βᵗ, to the last bits.
        expect(Math.abs(1 - ours - (1 - reference))).toBeLessThanOrEqual(2 ** -52);
      }
    }
  });

  it("refuses a fractional or negative exponent", () => {
    expect(() => powInteger(2, 0.5)).toThrow(/whole number ≥ 0, got 0.5/);
    expect(() => powInteger(2, -1)).toThrow(RangeError);
  });
});
