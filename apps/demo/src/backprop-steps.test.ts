import { describe, expect, it } from "vitest";
import { backpropSteps, memoAfter, memoRead, splitSymbols, stepEquations } from "./backprop-steps";

describe("backpropSteps", () => {
  it("walks forward through every layer, then back from the top", () => {
    expect(backpropSteps(3).map((s) => `${s.kind}${s.layer}`)).toEqual([
      "input0",
      "forward1",
      "forward2",
      "forward3",
      "bp13",
      "bp22",
      "bp21",
    ]);
  });

  it("has a δ for every layer after the last step", () => {
    const steps = backpropSteps(3);
    const known = memoAfter(steps, steps.length - 1);
    for (const l of [1, 2, 3]) expect(known.has(`delta:${l}`)).toBe(true);
    expect(memoAfter(steps, 4).has("delta:2")).toBe(false);
  });

  it("BP2 reads the δ stored one layer up", () => {
    expect(memoRead({ kind: "bp2", layer: 1 }, 2).has("delta:2")).toBe(true);
  });

  it("names the equations with the step's layer", () => {
    expect(stepEquations({ kind: "bp2", layer: 1 }, "quadratic", "sigmoid")[0]).toBe(
      "BP2  δ¹ = ((w²)ᵀ δ²) ⊙ σ′(z¹)",
    );
    expect(stepEquations({ kind: "bp1", layer: 2 }, "crossEntropy", "sigmoid")[1]).toContain(
      "a² − y",
    );
  });
});

describe("splitSymbols", () => {
  it("links the longest symbol first and never inside a longer layer number", () => {
    expect(splitSymbols("BP2  δ¹ = ((w²)ᵀ δ²) ⊙ σ′(z¹)", ["δ¹", "δ²", "σ′(z¹)", "z¹"])).toEqual([
      "BP2  ",
      { symbol: "δ¹" },
      " = ((w²)ᵀ ",
      { symbol: "δ²" },
      ") ⊙ ",
      { symbol: "σ′(z¹)" },
    ]);
    expect(splitSymbols("δ¹² = δ¹", ["δ¹"])).toEqual(["δ¹² = ", { symbol: "δ¹" }]);
  });
});
