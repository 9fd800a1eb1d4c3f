/**
 * The first layer's weights as pictures: hidden unit j's 784 incoming weights w¹ⱼ as a
 * 28×28 image, in one of three ways (a line above says which):
 *
 * - change: w¹ⱼ − w¹ⱼ(start), each unit on its own scale. At the seed's settings the random
 *   start (σ = 1) is much larger than what training adds (9/255 on average after 30
 *   epochs), so the raw weights look like noise; their change shows the strokes learned.
 * - contrast: w¹ⱼ − mean, stretched so the unit's 2nd–98th percentile fills the colours.
 * - raw: w¹ⱼ as they are, all units on the layer's one scale.
 */
import { onLanguageChange, t } from "../i18n/i18n";
import type { ParameterSnapshot } from "../protocol";
import { byId, el } from "./dom";
import { drawHeatmap, maxAbs } from "./heatmap";

const MAX_UNITS = 100;
const PIXELS = 784;
type Mode = "change" | "contrast" | "raw";

export interface WeightImages {
  /** `initial`: the network as made, before training (the reference for "change"). */
  show(snapshot: ParameterSnapshot, initial: boolean): void;
}

/** The value at fraction q of the sorted values (q in [0, 1]). */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/** One unit's picture values and the scale that maps them to [−1, 1]. */
function unitImage(w: Float64Array, start: Float64Array | undefined, mode: Mode) {
  if (mode === "change") {
    const d = new Float64Array(PIXELS);
    if (start) for (let i = 0; i < PIXELS; i++) d[i] = w[i] - start[i];
    return { values: d, scale: maxAbs(d) };
  }
  let mean = 0;
  for (const v of w) mean += v / PIXELS;
  const centred = w.map((v) => v - mean);
  const sorted = Float64Array.from(centred).sort();
  const spread = Math.max(Math.abs(quantile(sorted, 0.02)), Math.abs(quantile(sorted, 0.98)));
  return { values: centred, scale: spread };
}

export function createWeightImages(): WeightImages {
  const container = byId("weight-images");
  const select = byId<HTMLSelectElement>("weights-mode");
  const line = byId("weights-shown");
  let canvases: HTMLCanvasElement[] = [];
  let start: Float64Array | undefined;
  let last: ParameterSnapshot | undefined;

  function describe(): void {
    const m = t();
    const mode = select.value as Mode;
    line.textContent =
      mode === "change"
        ? m.weightsShowChange
        : mode === "contrast"
          ? m.weightsShowContrast
          : m.weightsShowRaw;
    for (const [j, canvas] of canvases.entries())
      canvas.setAttribute("aria-label", m.weightUnit(j + 1));
  }

  function draw(): void {
    if (!last) return;
    const [inputs, units] = last.sizes;
    if (inputs !== PIXELS || units === undefined) return;
    const shown = Math.min(units, MAX_UNITS);
    if (canvases.length !== shown) {
      canvases = Array.from({ length: shown }, () =>
        el("canvas", { width: 28, height: 28, class: "weight-image", role: "img" }),
      );
      container.replaceChildren(...canvases);
      describe();
    }
    const mode = select.value as Mode;
    const w = last.weights[0];
    const layerScale = maxAbs(w.subarray(0, shown * PIXELS));
    for (let j = 0; j < shown; j++) {
      const unit = w.subarray(j * PIXELS, (j + 1) * PIXELS);
      if (mode === "raw") drawHeatmap(canvases[j], unit, 28, 28, layerScale);
      else {
        const image = unitImage(unit, start?.subarray(j * PIXELS, (j + 1) * PIXELS), mode);
        drawHeatmap(canvases[j], image.values, 28, 28, image.scale);
      }
    }
  }

  select.addEventListener("change", () => {
    describe();
    draw();
  });
  onLanguageChange(describe);
  describe();
  return {
    show(snapshot, initial) {
      if (initial || !start || start.length !== snapshot.weights[0].length)
        start = Float64Array.from(snapshot.weights[0]);
      last = snapshot;
      draw();
    },
  };
}
