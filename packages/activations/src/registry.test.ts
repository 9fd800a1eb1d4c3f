import { describe, expect, it } from "vitest";
import { scalarActivation } from "./activation";
import { sigmoid } from "./activations/sigmoid";
import { quadratic } from "./costs/quadratic";
import { DuplicateNameError, UnknownNameError } from "./errors";
import {
  activationNames,
  costNames,
  getActivation,
  getCost,
  hasActivation,
  registerActivation,
  registerCost,
} from "./registry";

describe("registries", () => {
  it("know every built-in by name", () => {
    for (const name of [
      "sigmoid",
      "tanh",
      "relu",
      "leakyRelu",
      "identity",
      "softplus",
      "softmax",
    ]) {
      expect(getActivation(name).name).toBe(name);
    }
    for (const name of ["quadratic", "crossEntropy", "logLikelihood"]) {
      expect(getCost(name).name).toBe(name);
    }
    expect(getActivation("sigmoid")).toBe(sigmoid);
    expect(costNames()).toEqual(["quadratic", "crossEntropy", "logLikelihood"]);
  });

  it("answer a parametrised leakyRelu name, so its model files load", () => {
    const a = getActivation("leakyRelu(0.2)");
    expect(a.name).toBe("leakyRelu(0.2)");
    expect(activationNames()).toContain("leakyRelu(slope)");
  });

  it("throw on a duplicate name instead of replacing", () => {
    expect(() => registerActivation(sigmoid)).toThrow(DuplicateNameError);
    expect(() => registerActivation(sigmoid)).toThrow(/"sigmoid" is already registered/);
    expect(() => registerCost(quadratic)).toThrow(DuplicateNameError);
  });

  it("list the known names and say how to register for an unknown one", () => {
    let error: unknown;
    try {
      getActivation("swishy");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownNameError);
    const message = (error as Error).message;
    expect(message).toMatch(/unknown activation "swishy"/);
    expect(message).toMatch(/sigmoid, tanh, relu/);
    expect(message).toMatch(/defineActivation.*registerActivation/);
    expect(() => getCost("hinge")).toThrow(/unknown cost "hinge".*quadratic.*registerCost/);
  });

  it("register a user's activation, and prefer a caller's own over the registry", () => {
    const cube = scalarActivation({
      name: "cubeTest",
      fn: (x) => x ** 3,
      derivative: (x) => 3 * x * x,
    });
    expect(hasActivation("cubeTest")).toBe(false);
    registerActivation(cube);
    expect(getActivation("cubeTest")).toBe(cube);
    const local = scalarActivation({ name: "sigmoid", fn: (x) => x, derivative: () => 1 });
    expect(getActivation("sigmoid", [local])).toBe(local);
  });
});
