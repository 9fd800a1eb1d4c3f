import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { checkLayerGradients } from "./check-layer-gradients";
import type { Layer, Shape3 } from "./layer";

/** A user's layer: out = s·x with one learnable scalar s (a 1×1 parameter). */
function scaleLayer(inputShape: Shape3, wrongBy = 1): Layer {
  const s = Matrix.fromFlat(1, 1, [1.5]);
  const nablaS = Matrix.zeros(1, 1);
  let x: Matrix | null = null;
  return {
    kind: "scale",
    inputShape,
    outputShape: inputShape,
    parameters: [s],
    gradients: [nablaS],
    forward(input) {
      x = input;
      const out = input.clone();
      for (let i = 0; i < out.data.length; i++) out.data[i] *= s.data[0];
      return out;
    },
    backward(deltaOut) {
      if (!x) throw new Error("forward first");
      let sum = 0; // ∂C/∂s = Σ δ ⊙ x
      for (let i = 0; i < x.data.length; i++) sum += deltaOut.data[i] * x.data[i];
      nablaS.data[0] = sum * wrongBy;
      const deltaIn = deltaOut.clone(); // ∂C/∂x = s·δ
      for (let i = 0; i < deltaIn.data.length; i++) deltaIn.data[i] *= s.data[0];
      return deltaIn;
    },
  };
}

describe("a custom layer, checked with the tool the built-in layers use", () => {
  const shape = { channels: 2, height: 2, width: 2 };

  it("passes when its backward is right", () => {
    const report = checkLayerGradients(scaleLayer(shape), { samples: 3 });
    expect(report.checked).toBe(8 * 3 + 1);
    expect(report.ok).toBe(true);
  });

  it("fails, naming the parameter, when its gradient is wrong", () => {
    const report = checkLayerGradients(scaleLayer(shape, 1.001), { samples: 3 });
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.at)).toEqual(["parameters[0][0][0]"]);
    expect(report.worst.error).toBeGreaterThan(1e-4);
  });
});
