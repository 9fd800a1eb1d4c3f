import { checkActivationDerivative, getActivation } from "@backprop/activations";
import { describe, expect, it } from "vitest";
import { CUSTOM_ACTIVATIONS, elu, registerCustomActivations } from "./custom-activations";

describe("the page's custom activations", () => {
  it.each(CUSTOM_ACTIVATIONS.map((c) => [c.activation.name, c.activation] as const))(
    "%s passes the library's derivative check",
    (_name, activation) => {
      const report = checkActivationDerivative(activation);
      expect(report.failures).toEqual([]);
    },
  );

  it("registers by name, twice without throwing", () => {
    registerCustomActivations();
    registerCustomActivations();
    for (const { activation } of CUSTOM_ACTIVATIONS) {
      expect(getActivation(activation.name)).toBe(activation);
    }
  });

  it("elu rejects a non-positive alpha", () => {
    expect(() => elu(0)).toThrow(/alpha must be/);
  });
});
