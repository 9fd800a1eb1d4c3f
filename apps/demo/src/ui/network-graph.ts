/**
 * A small network drawn as a graph, as TensorFlow Playground does: neurons in columns, one
 * line per weight wˡⱼₖ (red solid positive, blue dashed negative, thicker for larger |w|),
 * and optionally a value per neuron (aˡ forward, δˡ backward) as the circle's colour, with
 * the layer being computed outlined. Only for small networks (2-D sets): 784 inputs would
 * be a grey blur of 23,520 lines.
 */
import type { Matrix } from "@backprop/linalg";
import { diverging } from "./colors";
import { maxAbs } from "./heatmap";

const NS = "http://www.w3.org/2000/svg";
/** Largest layer drawn; a network with a wider layer is not drawn. */
export const GRAPH_MAX_WIDTH = 16;

export interface GraphValues {
  /** values[l]: one number per neuron of layer l (0 = input), or undefined (not yet known). */
  values: readonly (ArrayLike<number> | undefined)[];
  /** The layer this step computes (outlined). */
  current?: number;
}

export function isSmallNetwork(sizes: readonly number[]): boolean {
  return sizes.every((n) => n <= GRAPH_MAX_WIDTH);
}

function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  return node;
}

const rgb = ([r, g, b]: [number, number, number]) => `rgb(${r}, ${g}, ${b})`;

/** Draws the network into `container` (replacing its children); weights[l] is layer l+1's. */
export function renderNetworkGraph(
  container: HTMLElement,
  sizes: readonly number[],
  weights: readonly Matrix[],
  label: string,
  shown?: GraphValues,
): void {
  const W = 560;
  const H = 260;
  const pad = 28;
  const x = (l: number) => pad + (l / Math.max(1, sizes.length - 1)) * (W - 2 * pad);
  const y = (l: number, j: number) => pad + ((j + 0.5) / sizes[l]) * (H - 2 * pad);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label });
  let largest = 0;
  for (const w of weights) largest = Math.max(largest, maxAbs(w.data));
  for (let l = 1; l < sizes.length; l++) {
    const w = weights[l - 1];
    for (let j = 0; j < w.rows; j++) {
      for (let k = 0; k < w.cols; k++) {
        const v = w.data[j * w.cols + k];
        const t = largest > 0 ? Math.abs(v) / largest : 0;
        root.append(
          svg("line", {
            x1: x(l - 1),
            y1: y(l - 1, k),
            x2: x(l),
            y2: y(l, j),
            stroke: v >= 0 ? "#c0392b" : "#2457c5",
            "stroke-width": (0.4 + 3.6 * t).toFixed(2),
            "stroke-dasharray": v >= 0 ? "" : "4 2",
            "stroke-opacity": (0.25 + 0.75 * t).toFixed(2),
          }),
        );
      }
    }
  }
  for (let l = 0; l < sizes.length; l++) {
    const values = shown?.values[l];
    const scale = values ? maxAbs(values) || 1 : 1;
    for (let j = 0; j < sizes[l]; j++) {
      const fill = values ? rgb(diverging((values[j] ?? 0) / scale)) : "#ffffff";
      root.append(
        svg("circle", {
          cx: x(l),
          cy: y(l, j),
          r: 9,
          fill,
          stroke: shown?.current === l ? "#1d2330" : "#5b6475",
          "stroke-width": shown?.current === l ? 3 : 1.2,
        }),
      );
    }
  }
  container.replaceChildren(root);
  container.dataset.layers = String(sizes.length);
}
