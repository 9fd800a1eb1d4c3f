/**
 * The first layer's weights as pictures: hidden unit j's 784 incoming weights w¹ⱼ drawn as
 * a 28×28 image (red positive, blue negative, each unit scaled by its own largest |w|).
 */
import type { ParameterSnapshot } from "../protocol";
import { byId, el } from "./dom";
import { drawHeatmap } from "./heatmap";

const MAX_UNITS = 100;

export interface WeightImages {
  show(snapshot: ParameterSnapshot): void;
}

export function createWeightImages(): WeightImages {
  const container = byId("weight-images");
  let canvases: HTMLCanvasElement[] = [];
  return {
    show(snapshot) {
      const [inputs, units] = snapshot.sizes;
      if (inputs !== 784 || units === undefined) return;
      const shown = Math.min(units, MAX_UNITS);
      if (canvases.length !== shown) {
        canvases = Array.from({ length: shown }, (_, j) =>
          el("canvas", {
            width: 28,
            height: 28,
            class: "weight-image",
            title: `hidden unit ${j + 1}`,
            "aria-label": `weights of hidden unit ${j + 1}`,
          }),
        );
        container.replaceChildren(...canvases);
      }
      const w = snapshot.weights[0];
      for (let j = 0; j < shown; j++)
        drawHeatmap(canvases[j], w.subarray(j * 784, (j + 1) * 784), 28, 28);
    },
  };
}
