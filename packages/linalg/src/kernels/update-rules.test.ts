import { afterEach, describe, expect, it, vi } from "vitest";
import { byteBatch } from "../../test/byte-batch";
import { type DType, Matrix } from "../matrix";
import { Rng } from "../random";
import { SimdArena } from "../wasm/simd-arena";
import { createSparseLayer } from "./sparse-layer";
import {
  adamRule,
  type FastRuleSettings,
  momentumRule,
  sgdRule,
  type UpdateRule,
} from "./update-rules";

type AnyRule = UpdateRule<FastRuleSettings[keyof FastRuleSettings]>;

const RULES: [string, AnyRule, (t: number) => FastRuleSettings[keyof FastRuleSettings], string][] =
  [
    ["sgd", sgdRule as AnyRule, () => ({ rate: 0.3 }), "sgdStep"],
    [
      "momentum",
      momentumRule as AnyRule,
      () => ({ mu: 0.9, rate: 0.3, nesterov: false }),
      "momentumStep",
    ],
    [
      "nesterov",
      momentumRule as AnyRule,
      () => ({ mu: 0.9, rate: 0.3, nesterov: true }),
      "momentumStep",
    ],
    [
      "adam",
      adamRule as AnyRule,
      (t) => ({
        batchSize: 4,
        beta1: 0.9,
        beta2: 0.999,
        correction1: 1 - 0.9 ** t,
        correction2: 1 - 0.999 ** t,
        eta: 0.01,
        epsilon: 1e-8,
      }),
      "adamStep",
    ],
  ];

/**
 * Trains the first layer alone for a few batches with `rule`, on the JS reference layer or
 * the WebAssembly one, and returns w¹ and the rule's state in the model's layout.
 */
function run(kernels: "js" | "auto", rule: AnyRule, settings: (t: number) => object, dtype: DType) {
  const [inputs, hidden, m] = [30, 40, 4]; // 40 neurons: two panels in float64
  const rng = new Rng(11);
  const w = Matrix.fromFlat(
    hidden,
    inputs,
    rng.fillNormal(new Float64Array(hidden * inputs)),
    dtype,
  );
  const layer = createSparseLayer(w, m, { kernels, threads: kernels === "js" ? 1 : 2 });
  const state = Array.from({ length: rule.stateBuffers }, () => layer.block.createState());
  let finite = true;
  for (let t = 1; t <= 5; t++) {
    const bytes = byteBatch(inputs, m, rng);
    layer.setInputBytes(bytes);
    layer.forward(Matrix.zeros(hidden, m, dtype));
    const delta = rng.fillNormal(new Float64Array(hidden * m));
    layer.weightGradient(Matrix.fromFlat(hidden, m, delta, dtype));
    finite = layer.block.update(rule, state, settings(t) as never) && finite;
  }
  layer.syncWeights();
  layer.close();
  return {
    w: Array.from(w.data),
    state: state.map((s) => Array.from(layer.block.stateToModel(s))),
    finite,
  };
}

describe("update rules: the fast kernels equal the reference loops", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(RULES)("%s, float64: bit for bit, weights and state", (_, rule, settings, kernel) => {
    const reference = run("js", rule, settings, "float64");
    const spy = vi.spyOn(SimdArena.prototype, kernel as "sgdStep");
    const fast = run("auto", rule, settings, "float64");
    expect(spy).toHaveBeenCalled(); // the WebAssembly kernel really ran
    expect(fast).toEqual(reference);
    expect(fast.finite).toBe(true);
  });

  it.each(RULES)("%s, float32: within float32 rounding", (_, rule, settings) => {
    const reference = run("js", rule, settings, "float32");
    const fast = run("auto", rule, settings, "float32");
    for (let i = 0; i < reference.w.length; i++)
      expect(Math.abs(fast.w[i] - reference.w[i])).toBeLessThanOrEqual(
        1e-5 * (1 + Math.abs(reference.w[i])),
      );
  });

  it("a rule without a fast kernel runs its own loop on any block", () => {
    const halve: UpdateRule<{ by: number }> = {
      name: "halve",
      stateBuffers: 0,
      apply(w, _g, _s, { by }) {
        for (let i = 0; i < w.length; i++) w[i] /= by;
        return 0;
      },
    };
    const w = Matrix.fromArrays([[2, 4, 6]]);
    const layer = createSparseLayer(w, 1);
    expect(layer.block.update(halve, [], { by: 2 })).toBe(true);
    layer.syncWeights();
    expect(Array.from(w.data)).toEqual([1, 2, 3]);
  });
});
