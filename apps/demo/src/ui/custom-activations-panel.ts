/**
 * The page's custom activations, each with its source, a uPlot chart of σ and σ′ on
 * [−4, 4], and the library's derivative check run right here in the browser.
 */
import { checkActivationDerivative } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import { CUSTOM_ACTIVATIONS } from "../custom-activations";
import { onLanguageChange, t } from "../i18n/i18n";
import { SERIES } from "./colors";
import { byId, el, focusableScrollers } from "./dom";
import { createLineChart } from "./line-chart";

export function showCustomActivations(): void {
  const container = byId("custom-activations");
  const xs = Array.from({ length: 81 }, (_, i) => -4 + i / 10);
  for (const { activation, source } of CUSTOM_ACTIVATIONS) {
    const report = checkActivationDerivative(activation);
    const chartBox = el("div", { class: "chart small-chart" });
    const check = el("p", { class: report.ok ? "ok" : "error" });
    const code = el("pre", { "data-scroll": true, role: "region" }, el("code", {}, source));
    // A scrollable block must take focus (keyboard users scroll it) and say what it holds.
    const label = () => {
      code.setAttribute("aria-label", t().customSource(activation.name));
      check.textContent = t().customCheck(
        report.ok,
        report.checked,
        report.worst.error.toExponential(1),
      );
    };
    label();
    onLanguageChange(label);
    const card = el(
      "article",
      { class: "activation-card" },
      el("h3", {}, el("code", {}, activation.name)),
      code,
      chartBox,
      check,
    );
    container.append(card);
    focusableScrollers(code);
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
