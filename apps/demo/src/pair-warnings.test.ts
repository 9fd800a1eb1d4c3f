import { getActivation } from "@backprop/activations";
import { describe, expect, it } from "vitest";
import { registerCustomActivations } from "./custom-activations";
import { pairProblem } from "./pair-warnings";

registerCustomActivations();

describe("pairProblem", () => {
  it.each([
    ["sigmoid", "logLikelihood", "notNormalised"],
    ["relu", "crossEntropy", "notProbabilities"],
    ["relu", "logLikelihood", "notProbabilities"],
    ["tanh", "crossEntropy", "notProbabilities"],
    ["swish", "crossEntropy", "notProbabilities"],
  ])("%s output with %s cannot learn: %s", (activation, cost, problem) => {
    expect(pairProblem(getActivation(activation), cost)).toBe(problem);
  });

  it.each([
    ["sigmoid", "crossEntropy"],
    ["softmax", "logLikelihood"],
    ["softmax", "crossEntropy"],
    ["relu", "quadratic"],
    ["sigmoid", "quadratic"],
  ])("%s output with %s is fine", (activation, cost) => {
    expect(pairProblem(getActivation(activation), cost)).toBeUndefined();
  });
});
