import { describe, expect, it } from "vitest";
import { firstSteps, forwardF } from "./first-steps";

describe("firstSteps: f = σ(c·(a + b)) at a = 1, b = −2, c = −3", () => {
  const s = firstSteps();

  it("computes the forward values", () => {
    expect(s.forward.q).toBe(-1);
    expect(s.forward.p).toBe(3);
    expect(s.forward.f).toBeCloseTo(0.952574, 6);
  });

  it("computes the chain rule backwards: ∂f/∂a = ∂f/∂b = −3·σ′(3), ∂f/∂c = −σ′(3)", () => {
    const sp = 0.952574 * (1 - 0.952574);
    expect(s.local.dfdp).toBeCloseTo(sp, 6);
    expect(s.gradient.a).toBeCloseTo(-3 * sp, 6);
    expect(s.gradient.b).toBeCloseTo(-3 * sp, 6);
    expect(s.gradient.c).toBeCloseTo(-sp, 6);
  });

  it("agrees with central differences for every input", () => {
    const h = 1e-6;
    for (const key of ["a", "b", "c"] as const) {
      const up = forwardF({ ...s.inputs, [key]: s.inputs[key] + h }).f;
      const down = forwardF({ ...s.inputs, [key]: s.inputs[key] - h }).f;
      expect(s.gradient[key]).toBeCloseTo((up - down) / (2 * h), 8);
    }
  });

  it("one step along the gradient raises f", () => {
    expect(s.update.f).toBeGreaterThan(s.forward.f);
    expect(s.update.inputs.a).toBeCloseTo(1 + s.gradient.a, 12);
  });
});
