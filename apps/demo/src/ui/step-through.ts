/**
 * Backprop one step at a time for one test sample: the memo table (memo-table.ts), the
 * current step's equations beside its numbers, a sentence saying which stored entries the
 * step reuses, and for small networks the network drawn as a graph with aˡ, then δˡ,
 * flowing through it. The trace itself comes from the worker (Network.trace).
 */
import { getActivation } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import { type BackpropStep, backpropSteps, splitSymbols, stepEquations } from "../backprop-steps";
import { formatCount, onLanguageChange, t } from "../i18n/i18n";
import type { MatrixData, TraceData } from "../protocol";
import { byId, el, sup } from "./dom";
import { renderMemoTable } from "./memo-table";
import { isSmallNetwork, renderNetworkGraph } from "./network-graph";
import { gradientView, vectorView } from "./vector-view";

export interface StepThrough {
  show(trace: TraceData): void;
}

const messages = t;

/**
 * The equations with every symbol that has numbers on screen as a link to them: hovering
 * or focusing it outlines the numbers, following it scrolls them into view.
 */
function linkedEquations(lines: readonly string[], targets: Map<string, HTMLElement>): Node[] {
  const nodes: Node[] = [];
  for (const [k, line] of lines.entries()) {
    if (k > 0) nodes.push(document.createTextNode("\n"));
    for (const part of splitSymbols(line, [...targets.keys()])) {
      const target = typeof part === "string" ? undefined : targets.get(part.symbol);
      if (typeof part === "string" || !target) {
        nodes.push(document.createTextNode(typeof part === "string" ? part : part.symbol));
        continue;
      }
      const link = el("a", { class: "symbol", href: `#${target.id}` }, part.symbol);
      const mark = (on: boolean) => () => target.classList.toggle("linked", on);
      link.addEventListener("mouseenter", mark(true));
      link.addEventListener("mouseleave", mark(false));
      link.addEventListener("focus", mark(true));
      link.addEventListener("blur", mark(false));
      link.addEventListener("click", (event) => {
        event.preventDefault();
        target.scrollIntoView({ block: "nearest" });
      });
      nodes.push(link);
    }
  }
  return nodes;
}

function argmax(data: Float64Array): number {
  let best = 0;
  for (let i = 1; i < data.length; i++) if (data[i] > data[best]) best = i;
  return best;
}

function sigmaPrime(name: string, z: MatrixData): MatrixData {
  const out = Matrix.zeros(z.rows, z.cols);
  getActivation(name).derivative(new Matrix(z.rows, z.cols, z.data), out);
  return { rows: z.rows, cols: z.cols, data: out.data as Float64Array };
}

/**
 * `currentWeights` gives the page's copy of the weights, for drawing a small network as a
 * graph beside the steps (δ flowing backwards through it).
 */
export function createStepThrough(
  requestTrace: (index: number) => void,
  currentWeights: () => readonly Matrix[] | undefined,
): StepThrough {
  const graphFigure = byId("step-graph-figure");
  const graph = byId("step-graph");
  const index = byId<HTMLInputElement>("trace-index");
  const back = byId<HTMLButtonElement>("step-back");
  const next = byId<HTMLButtonElement>("step-next");
  const memo = byId("memo-table");
  const view = byId("step-view");
  let trace: TraceData | undefined;
  let steps: BackpropStep[] = [];
  let current = 0;

  byId("trace-load").addEventListener("click", () => requestTrace(Number(index.value) || 0));
  onLanguageChange(() => go(current));
  back.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));

  function renderStep(t: TraceData): void {
    const m = messages();
    const step = steps[current];
    const L = t.sizes.length - 1;
    const l = step.layer;
    const outputActivation = t.activations[L - 1];
    const equations = stepEquations(step, t.cost, outputActivation);
    const parts: HTMLElement[] = [];
    const i = l - 1; // array index of layer l
    const image = t.sampleShape.length === 2 ? t.sampleShape : undefined;
    const y = new Float64Array(t.sizes[L]);
    y[t.label] = 1;
    const predicted = argmax(t.as[L].data);
    // Each shown vector under the symbol the equations use for it, so they can link to it.
    const targets = new Map<string, HTMLElement>();
    const add = (symbols: string[], node: HTMLElement) => {
      node.id = `step-symbol-${parts.length}`;
      for (const symbol of symbols) targets.set(symbol, node);
      parts.push(node);
    };
    switch (step.kind) {
      case "input":
        add(["a⁰", "x"], vectorView("a⁰ = x", t.as[0], { image, grey: true }));
        parts.push(el("p", {}, m.labelIs(t.label)));
        break;
      case "forward":
        add([`z${sup(l)}`], vectorView(`z${sup(l)}`, t.zs[i]));
        add(
          [`a${sup(l)}`],
          vectorView(
            `a${sup(l)} = ${t.activations[i]}(z${sup(l)})`,
            t.as[l],
            l === L ? { marks: { [predicted]: "best" } } : {},
          ),
        );
        if (l === L) parts.push(el("p", {}, m.predictionIs(predicted, t.label)));
        break;
      case "bp1":
        add(
          ["y"],
          vectorView("y", { rows: y.length, cols: 1, data: y }, { marks: { [t.label]: "label" } }),
        );
        // BP3: ∂C/∂bˡ is δˡ, the same numbers.
        add([`δ${sup(l)}`, `∂C/∂b${sup(l)}`], vectorView(`δ${sup(l)}`, t.deltas[i]));
        add([`∂C/∂w${sup(l)}`], gradientView(`∂C/∂w${sup(l)}`, t.nablaW[i]));
        break;
      case "bp2":
        add([`δ${sup(l + 1)}`], vectorView(`δ${sup(l + 1)} ${m.fromMemo}`, t.deltas[i + 1]));
        add(
          [`σ′(z${sup(l)})`],
          vectorView(
            `σ′(z${sup(l)}), σ = ${t.activations[i]}`,
            sigmaPrime(t.activations[i], t.zs[i]),
          ),
        );
        add([`δ${sup(l)}`, `∂C/∂b${sup(l)}`], vectorView(`δ${sup(l)}`, t.deltas[i]));
        add([`∂C/∂w${sup(l)}`], gradientView(`∂C/∂w${sup(l)}`, t.nablaW[i]));
        break;
    }
    const titles = {
      input: m.stepInput,
      forward: m.stepForward(l),
      bp1: m.stepBp1(l),
      bp2: m.stepBp2(l),
    };
    // Which stored entries this step reuses: the memo at work.
    const reuse = {
      input: m.reuseInput,
      forward: m.reuseForward(sup(l), sup(l - 1)),
      bp1: m.reuseBp1(sup(l), sup(l - 1)),
      bp2: m.reuseBp2(sup(l), sup(l + 1), sup(l - 1), formatCount(t.sizes[l] * t.sizes[l - 1])),
    };
    view.replaceChildren(
      el("h3", {}, m.stepOf(current + 1, steps.length, titles[step.kind])),
      el("p", { class: "reuse", "data-step": step.kind }, reuse[step.kind]),
      el(
        "div",
        { class: "step-body" },
        el("pre", { class: "equations" }, ...linkedEquations(equations, targets)),
        el("div", { class: "step-numbers" }, ...parts),
      ),
    );
  }

  function go(to: number): void {
    if (!trace) return;
    current = Math.max(0, Math.min(steps.length - 1, to));
    const focused = document.activeElement;
    back.disabled = current === 0;
    next.disabled = current === steps.length - 1;
    // A button that disabled itself hands focus to the other one, not to <body>.
    if (focused === next && next.disabled) back.focus();
    if (focused === back && back.disabled) next.focus();
    renderMemoTable(memo, trace, steps, current);
    renderStep(trace);
    renderGraph(trace);
  }

  /** Small networks: the step's aˡ (forward) or δˡ (backward) on the network's graph. */
  function renderGraph(t: TraceData): void {
    const weights = currentWeights();
    const fits =
      isSmallNetwork(t.sizes) &&
      weights?.length === t.sizes.length - 1 &&
      weights.every((w, l) => w.rows === t.sizes[l + 1] && w.cols === t.sizes[l]);
    graphFigure.hidden = !fits;
    if (!fits || !weights) return;
    const step = steps[current];
    const l = step.layer;
    const values = t.sizes.map((_, i) => {
      if (step.kind === "input" || step.kind === "forward")
        return i <= l ? t.as[i].data : undefined;
      return i >= l && i > 0 ? t.deltas[i - 1].data : undefined;
    });
    renderNetworkGraph(graph, t.sizes, weights, messages().graphLabel(t.sizes.join("-")), {
      values,
      current: l,
    });
  }

  return {
    show(t) {
      trace = t;
      index.value = String(t.index);
      steps = backpropSteps(t.sizes.length - 1);
      go(0);
    },
  };
}
