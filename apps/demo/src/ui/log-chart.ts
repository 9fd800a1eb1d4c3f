/**
 * A small SVG line chart with a log-scale y axis, for the multiplication counts. Each
 * series has a colour, a dash pattern and a marker shape, and the legend draws a sample of
 * all three beside its label, so it reads without colour (and in greyscale print).
 * Redrawn whole on each call: a handful of points, no animation.
 */
import { sup } from "./dom";

export type Marker = "circle" | "square" | "triangle" | "diamond";

export interface LogSeries {
  label: string;
  color: string;
  /** SVG stroke-dasharray: "" solid, "7 4" dashed, "2 4" dotted. */
  dash: string;
  marker: Marker;
  values: readonly (number | null)[];
}

export interface LogChartSpec {
  x: readonly number[];
  xLabel: string;
  yLabel: string;
  /** The chart's accessible name (its numbers are in the table beside it). */
  label: string;
  series: readonly LogSeries[];
}

const NS = "http://www.w3.org/2000/svg";
/** The drawing's width follows its container's (up to 640), so text stays readable on a phone. */
const MAX_W = 640;
const H = 280;
const M = { left: 64, right: 16, top: 12, bottom: 44 };

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function marker(shape: Marker, x: number, y: number, color: string, r = 4.5): SVGElement {
  const style = { fill: color, stroke: "#ffffff", "stroke-width": 1 };
  switch (shape) {
    case "circle":
      return svg("circle", { cx: x, cy: y, r, ...style });
    case "square":
      return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, ...style });
    case "triangle":
      return svg("polygon", {
        points: `${x},${y - 1.2 * r} ${x + 1.1 * r},${y + 0.9 * r} ${x - 1.1 * r},${y + 0.9 * r}`,
        ...style,
      });
    case "diamond":
      return svg("polygon", {
        points: `${x},${y - 1.3 * r} ${x + 1.3 * r},${y} ${x},${y + 1.3 * r} ${x - 1.3 * r},${y}`,
        ...style,
      });
  }
}

/** A legend sample: 36 px of the series' line with its marker in the middle. */
function sample(s: LogSeries): SVGSVGElement {
  const box = svg("svg", { width: 40, height: 14, viewBox: "0 0 40 14", "aria-hidden": "true" });
  box.append(
    svg("line", {
      x1: 2,
      y1: 7,
      x2: 38,
      y2: 7,
      stroke: s.color,
      "stroke-width": 2.5,
      "stroke-dasharray": s.dash,
    }),
    marker(s.marker, 20, 7, s.color, 4),
  );
  return box;
}

export function renderLogChart(container: HTMLElement, spec: LogChartSpec): void {
  const W = Math.max(320, Math.min(MAX_W, container.clientWidth || MAX_W));
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const low = Math.floor(Math.log10(Math.max(1, Math.min(...values, 1e12))));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...values, 10))));
  const [x0, x1] = [Math.min(...spec.x), Math.max(...spec.x)];
  const pad = 0.25;
  const px = (x: number) =>
    M.left + ((x - x0 + pad) / (x1 - x0 + 2 * pad || 1)) * (W - M.left - M.right);
  const py = (v: number) =>
    H - M.bottom - ((Math.log10(v) - low) / (high - low)) * (H - M.top - M.bottom);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": spec.label });
  const muted = "#5b6475";
  const step = Math.max(1, Math.ceil((high - low) / 8));
  for (let k = low; k <= high; k += step) {
    const y = py(10 ** k);
    root.append(
      svg("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, stroke: "#dde2ea" }),
      svg("text", { x: M.left - 6, y: y + 4, "text-anchor": "end", fill: muted }, `10${sup(k)}`),
    );
  }
  for (const x of spec.x) {
    root.append(
      svg(
        "text",
        { x: px(x), y: H - M.bottom + 16, "text-anchor": "middle", fill: muted },
        String(x),
      ),
    );
  }
  root.append(
    svg(
      "text",
      { x: (M.left + W - M.right) / 2, y: H - 8, "text-anchor": "middle", fill: muted },
      spec.xLabel,
    ),
    svg(
      "text",
      {
        x: 12,
        y: (M.top + H - M.bottom) / 2,
        "text-anchor": "middle",
        fill: muted,
        transform: `rotate(-90 12 ${(M.top + H - M.bottom) / 2})`,
      },
      spec.yLabel,
    ),
    svg("line", { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, stroke: muted }),
    svg("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, stroke: muted }),
  );
  for (const s of spec.series) {
    const points = spec.x
      .map((x, i) => [x, s.values[i]] as const)
      .filter((p): p is readonly [number, number] => p[1] !== null && p[1] > 0);
    if (points.length > 1) {
      root.append(
        svg("polyline", {
          points: points.map(([x, v]) => `${px(x)},${py(v)}`).join(" "),
          fill: "none",
          stroke: s.color,
          "stroke-width": 2.5,
          "stroke-dasharray": s.dash,
        }),
      );
    }
    for (const [x, v] of points) root.append(marker(s.marker, px(x), py(v), s.color));
  }
  const legend = document.createElement("ul");
  legend.className = "svg-legend";
  for (const s of spec.series) {
    const item = document.createElement("li");
    item.append(sample(s), s.label);
    legend.append(item);
  }
  container.replaceChildren(root, legend);
  container.dataset.points = String(spec.x.length);
}
