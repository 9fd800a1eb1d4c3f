/**
 * How the step-through shows a layer's numbers: a short vector as a row of coloured cells
 * with their values, a long one (or an image-shaped one) as a heatmap with its summary,
 * and a gradient matrix as a heatmap (or, over a 28×28 input, one small image per row).
 */

import { t } from "../i18n/i18n";
import type { MatrixData } from "../protocol";
import { cellColor } from "./colors";
import { el, formatNumber } from "./dom";
import { drawGrey, drawHeatmap, maxAbs } from "./heatmap";

const MAX_CELLS = 32;

function summary(data: Float64Array): string {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let squares = 0;
  for (const v of data) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    squares += v * v;
  }
  return t().summary(formatNumber(min), formatNumber(max), formatNumber(Math.sqrt(squares)));
}

/** A column vector (n×1). `marks` highlights entries (e.g. the label, the prediction). */
export function vectorView(
  name: string,
  m: MatrixData,
  options: { image?: readonly number[]; grey?: boolean; marks?: Record<number, string> } = {},
): HTMLElement {
  const title = el(
    "div",
    { class: "vector-title" },
    el("strong", {}, name),
    ` ${m.rows}×${m.cols}`,
  );
  const [h, w] = options.image ?? [];
  if (m.data.length > MAX_CELLS || (h && w)) {
    const canvas = el("canvas", {
      class: "vector-image",
      "aria-label": `${name}: ${summary(m.data)}`,
    });
    if (h && w) {
      if (options.grey) drawGrey(canvas, m.data, h, w);
      else drawHeatmap(canvas, m.data, h, w);
    } else drawHeatmap(canvas, m.data, 1, m.data.length);
    if (!(h && w)) canvas.classList.add("strip");
    return el(
      "div",
      { class: "vector" },
      title,
      canvas,
      el("div", { class: "vector-summary" }, summary(m.data)),
    );
  }
  const scale = maxAbs(m.data) || 1;
  const cells = Array.from(m.data, (v, i) => {
    const [r, g, b] = cellColor(v / scale);
    const mark = options.marks?.[i];
    return el(
      "span",
      {
        class: `cell${mark ? ` mark-${mark}` : ""}`,
        style: `background: rgb(${r}, ${g}, ${b})`,
        title: `${name}[${i}] = ${v}`,
      },
      el("span", { class: "cell-index" }, String(i)),
      formatNumber(v),
    );
  });
  return el("div", { class: "vector" }, title, el("div", { class: "cells" }, ...cells));
}

/** ∂C/∂w: rows × cols. Over a 28×28 input each row δⱼ·xᵀ is an image: show those. */
export function gradientView(name: string, m: MatrixData): HTMLElement {
  const title = el(
    "div",
    { class: "vector-title" },
    el("strong", {}, name),
    ` ${m.rows}×${m.cols}`,
  );
  if (m.cols === 784) {
    const scale = maxAbs(m.data);
    const images = Array.from({ length: Math.min(m.rows, 30) }, (_, j) => {
      const canvas = el("canvas", { class: "weight-image small", title: `row ${j + 1}` });
      drawHeatmap(canvas, m.data.subarray(j * 784, (j + 1) * 784), 28, 28, scale);
      return canvas;
    });
    return el(
      "div",
      { class: "vector" },
      title,
      el("div", { class: "vector-summary" }, t().gradientRows),
      el("div", { class: "weight-images" }, ...images),
    );
  }
  const canvas = el("canvas", {
    class: "matrix-image",
    "aria-label": `${name}: ${summary(m.data)}`,
  });
  drawHeatmap(canvas, m.data, m.rows, m.cols);
  canvas.style.aspectRatio = `${m.cols} / ${m.rows}`;
  return el(
    "div",
    { class: "vector" },
    title,
    canvas,
    el("div", { class: "vector-summary" }, summary(m.data)),
  );
}
