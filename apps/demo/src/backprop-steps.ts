/**
 * The step-through's script: for a network of L layers, 2L + 1 steps — the input, L
 * forward steps (zˡ, aˡ), then L backward steps from the top (δᴸ by BP1, each lower δˡ by
 * BP2 from the δ stored one layer up, with BP3 and BP4's gradients for that layer). Layers
 * are numbered as in the article: 1 … L after the input layer 0.
 */
import { sup } from "./ui/dom";

export type StepKind = "input" | "forward" | "bp1" | "bp2";

export interface BackpropStep {
  kind: StepKind;
  /** The article's layer number (0 for the input). */
  layer: number;
}

/** The memo's entries: what the dynamic programme stores per layer. */
export const MEMO_ROWS = ["z", "a", "delta", "nablaB", "nablaW"] as const;
export type MemoRow = (typeof MEMO_ROWS)[number];

export function backpropSteps(layers: number): BackpropStep[] {
  const steps: BackpropStep[] = [{ kind: "input", layer: 0 }];
  for (let l = 1; l <= layers; l++) steps.push({ kind: "forward", layer: l });
  steps.push({ kind: "bp1", layer: layers });
  for (let l = layers - 1; l >= 1; l--) steps.push({ kind: "bp2", layer: l });
  return steps;
}

/** Which memo entries hold a value after step `index` ("delta:2" etc.). */
export function memoAfter(steps: readonly BackpropStep[], index: number): Set<string> {
  const known = new Set<string>();
  for (const step of steps.slice(0, index + 1)) {
    const rows: readonly MemoRow[] =
      step.kind === "forward"
        ? ["z", "a"]
        : step.kind === "input"
          ? []
          : ["delta", "nablaB", "nablaW"];
    for (const row of rows) known.add(`${row}:${step.layer}`);
  }
  return known;
}

/** The memo entries a step reads (besides the weights): BP2 reads δˡ⁺¹ and zˡ. */
export function memoRead(step: BackpropStep, layers: number): Set<string> {
  switch (step.kind) {
    case "forward":
      return new Set(step.layer > 1 ? [`a:${step.layer - 1}`] : []);
    case "bp1":
      return new Set([`z:${layers}`, `a:${layers}`, `a:${layers - 1}`]);
    case "bp2":
      return new Set([`delta:${step.layer + 1}`, `z:${step.layer}`, `a:${step.layer - 1}`]);
    default:
      return new Set();
  }
}

/** The equations beside a step's numbers. `l` in the text becomes the step's layer. */
export function stepEquations(
  step: BackpropStep,
  cost: string,
  outputActivation: string,
): string[] {
  const l = sup(step.layer);
  const below = sup(step.layer - 1);
  const above = sup(step.layer + 1);
  const gradients = [`BP3  ∂C/∂b${l} = δ${l}`, `BP4  ∂C/∂w${l} = δ${l} (a${below})ᵀ`];
  switch (step.kind) {
    case "input":
      return ["a⁰ = x"];
    case "forward":
      return [`z${l} = w${l} a${below} + b${l}`, `a${l} = σ(z${l})`];
    case "bp1": {
      const specific =
        (cost === "crossEntropy" && outputActivation === "sigmoid") ||
        (cost === "logLikelihood" && outputActivation === "softmax")
          ? `     = a${l} − y   (σ′ cancels with this cost)`
          : cost === "quadratic"
            ? `     = (a${l} − y) ⊙ σ′(z${l})   (quadratic cost: ∇ₐC = a − y)`
            : undefined;
      return [`BP1  δ${l} = ∇ₐC ⊙ σ′(z${l})`, ...(specific ? [specific] : []), ...gradients];
    }
    case "bp2":
      return [`BP2  δ${l} = ((w${above})ᵀ δ${above}) ⊙ σ′(z${l})`, ...gradients];
  }
}

/** A piece of an equation line: plain text, or a symbol with a number on screen. */
export type EquationPart = string | { symbol: string };

const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/;

/**
 * Splits an equation line at every occurrence of `symbols` (longest first, so σ′(z¹) wins
 * over z¹; never inside a longer layer number, so δ¹ does not match the start of δ¹²),
 * so the view can link each symbol to the numbers it names.
 */
export function splitSymbols(line: string, symbols: readonly string[]): EquationPart[] {
  const ordered = [...symbols].sort((a, b) => b.length - a.length);
  const parts: EquationPart[] = [];
  let text = "";
  let i = 0;
  while (i < line.length) {
    const hit = ordered.find(
      (s) => line.startsWith(s, i) && !SUPERSCRIPT.test(line.charAt(i + s.length)),
    );
    if (hit) {
      if (text) parts.push(text);
      parts.push({ symbol: hit });
      text = "";
      i += hit.length;
    } else {
      text += line[i];
      i++;
    }
  }
  if (text) parts.push(text);
  return parts;
}
