/**
 * The page's custom activations, each with its source, a uPlot chart of σ and σ′ on
 * [−4, 4], and the library's derivative check run right here in the browser.
 */
import { checkActivationDerivative } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import { CUSTOM_ACTIVATIONS } from "../custom-activations";
import { SERIES } from "./colors";
import { byId, el } from "./dom";
import { createLineChart } from "./line-chart";

export function showCustomActivations(): void {
  const container = byId("custom-activations");
  const xs = Array.from({ length: 81 }, (_, i) => -4 + i / 10);
  for (const { activation, source } of CUSTOM_ACTIVATIONS) {
    const report = checkActivationDerivative(activation);
    const chartBox = el("div", { class: "chart small-chart" });
    const card = el(
      "article",
      { class: "activation-card" },
      el("h3", {}, el("code", {}, activation.name)),
      el("pre", {}, el("code", {}, source)),
      chartBox,
      el(
        "p",
        { class: report.ok ? "ok" : "error" },
        `checkActivationDerivative: ${report.ok ? "passes" : "FAILS"} — ${report.checked} comparisons with central differences, worst relative error ${report.worst.error.toExponential(1)}`,
      ),
    );
    container.append(card);
    const z = Matrix.fromFlat(1, xs.length, xs);
    const f = Matrix.zeros(1, xs.length);
    const df = Matrix.zeros(1, xs.length);
    activation.fn(z, f);
    activation.derivative(z, df);
    createLineChart(chartBox, {
      xLabel: "z",
      yLabel: "",
      height: 150,
      points: false,
      series: [
        { label: "σ(z)", stroke: SERIES.training },
        { label: "σ′(z)", stroke: SERIES.test, dash: [5, 3] },
      ],
    }).setData(xs, [Array.from(f.data), Array.from(df.data)]);
  }
}
