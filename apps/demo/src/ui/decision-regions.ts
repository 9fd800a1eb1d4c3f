/**
 * The 2-D sets' picture: every point of a grid over the data coloured by the class the
 * network predicts there (paler where it is less sure), with the training points on top.
 */
import { Matrix } from "@backprop/linalg";
import type { MirrorNetwork } from "../mirror-network";
import { CLASS_COLORS } from "./colors";
import { byId, context2d } from "./dom";

const GRID = 64;

export interface DecisionRegions {
  setPoints(points: Float64Array, labels: Uint8Array): void;
  redraw(): void;
}

export function createDecisionRegions(mirror: MirrorNetwork): DecisionRegions {
  const canvas = byId<HTMLCanvasElement>("regions");
  const context = context2d(canvas);
  let points: Float64Array = new Float64Array(0);
  let labels: Uint8Array = new Uint8Array(0);
  let box = { x0: -1, x1: 1, y0: -1, y1: 1 };
  const grid = Matrix.zeros(2, GRID * GRID);

  function layoutGrid(): void {
    for (let i = 0; i < GRID; i++) {
      for (let j = 0; j < GRID; j++) {
        const k = i * GRID + j;
        grid.data[k] = box.x0 + ((j + 0.5) / GRID) * (box.x1 - box.x0);
        grid.data[GRID * GRID + k] = box.y1 - ((i + 0.5) / GRID) * (box.y1 - box.y0);
      }
    }
  }

  function redraw(): void {
    const { width, height } = canvas;
    context.clearRect(0, 0, width, height);
    const out = mirror.predictBatch(grid);
    if (out) {
      const cell = width / GRID;
      const m = GRID * GRID;
      for (let k = 0; k < m; k++) {
        let best = 0;
        let sum = 0;
        for (let c = 0; c < out.rows; c++) {
          const v = out.data[c * m + k];
          sum += Math.max(0, v);
          if (v > out.data[best * m + k]) best = c;
        }
        const sure = sum > 0 ? Math.max(0, out.data[best * m + k]) / sum : 0;
        const [r, g, b] = CLASS_COLORS[best % CLASS_COLORS.length];
        context.fillStyle = `rgba(${r}, ${g}, ${b}, ${0.15 + 0.45 * sure})`;
        context.fillRect((k % GRID) * cell, Math.floor(k / GRID) * cell, cell + 0.5, cell + 0.5);
      }
    }
    for (let s = 0; s < labels.length; s++) {
      const x = ((points[2 * s] - box.x0) / (box.x1 - box.x0)) * width;
      const y = ((box.y1 - points[2 * s + 1]) / (box.y1 - box.y0)) * height;
      const [r, g, b] = CLASS_COLORS[labels[s] % CLASS_COLORS.length];
      context.beginPath();
      context.arc(x, y, 3.5, 0, 2 * Math.PI);
      context.fillStyle = `rgb(${r}, ${g}, ${b})`;
      context.fill();
      context.lineWidth = 1;
      context.strokeStyle = "rgba(0, 0, 0, 0.6)";
      context.stroke();
    }
  }

  return {
    setPoints(p, l) {
      points = p;
      labels = l;
      let x0 = Number.POSITIVE_INFINITY;
      let x1 = Number.NEGATIVE_INFINITY;
      let y0 = Number.POSITIVE_INFINITY;
      let y1 = Number.NEGATIVE_INFINITY;
      for (let s = 0; s < l.length; s++) {
        x0 = Math.min(x0, p[2 * s]);
        x1 = Math.max(x1, p[2 * s]);
        y0 = Math.min(y0, p[2 * s + 1]);
        y1 = Math.max(y1, p[2 * s + 1]);
      }
      // A square view (same scale on both axes), 10% wider than the data.
      const half = 0.55 * Math.max(x1 - x0, y1 - y0, 1e-9);
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      box = { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
      layoutGrid();
      redraw();
    },
    redraw,
  };
}
