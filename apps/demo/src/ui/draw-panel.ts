/**
 * Draw a digit: pointer events (mouse, pen or finger) ink a 280×280 canvas; on each frame
 * with new ink the drawing's strokes are brought to MNIST's width (stroke-width.ts), it
 * becomes MNIST's 28×28 input (`toMnistInput`: 20×20 box, centre of mass in the middle)
 * and is handed to `predict`, which answers through `showOutput` with one bar per class:
 * at once from the page's mirror of the FC net, or when the worker's conv net replies.
 * Until the network has trained, a hint says its answer is a guess.
 */
import { toMnistInput } from "@backprop/datasets";
import { normaliseStrokeWidth } from "../stroke-width";
import { byId, context2d, el } from "./dom";
import { drawGrey } from "./heatmap";

/** Stroke width on the 280-pixel canvas: about 2 pixels of MNIST's 28 after scaling. */
const STROKE = 20;

/** What the panel holds: 784 inputs, and the test image's index if it shows one (not ink). */
export interface Drawing {
  input: Float64Array;
  testIndex?: number;
}

export interface DrawPanel {
  /** Asks for a prediction again (after the network changed). */
  refresh(): void;
  /** Shows a 28×28 input (a test image: `testIndex`) as the drawing. */
  showInput(input: ArrayLike<number>, testIndex?: number): void;
  /** Shows the network's outputs for the drawing (undefined: none yet, bars empty). */
  showOutput(output: Float64Array | undefined): void;
}

/** `predict(drawing)` answers with `showOutput`, now or later; undefined: the canvas is empty. */
export function createDrawPanel(
  isTrained: () => boolean,
  predict: (drawing: Drawing | undefined) => void,
): DrawPanel {
  const untrained = byId("untrained");
  const canvas = byId<HTMLCanvasElement>("draw-canvas");
  const preview = byId<HTMLCanvasElement>("draw-input");
  const output = byId<HTMLOutputElement>("prediction");
  const bars = byId<HTMLOListElement>("prediction-bars");
  const ink = canvas.getContext("2d", { willReadFrequently: true }) ?? context2d(canvas);
  let drawing: Drawing | undefined;
  let last: { x: number; y: number } | undefined;
  let frame = 0;

  const rows = Array.from({ length: 10 }, (_, digit) => {
    const fill = el("span", { class: "bar-fill" });
    const value = el("span", { class: "bar-value" }, "–");
    bars.append(
      el(
        "li",
        { class: "bar-row" },
        el("span", { class: "bar-label" }, String(digit)),
        el("span", { class: "bar" }, fill),
        value,
      ),
    );
    return { fill, value };
  });

  function showOutput(out: Float64Array | undefined): void {
    let best = -1;
    if (out) {
      const scale = Math.max(1, ...out);
      for (let d = 0; d < rows.length; d++) {
        const v = out[d] ?? 0;
        rows[d].fill.style.width = `${Math.max(0, (100 * v) / scale)}%`;
        rows[d].value.textContent = v.toFixed(2);
        if (best < 0 || v > out[best]) best = d;
      }
    } else {
      for (const row of rows) {
        row.fill.style.width = "0";
        row.value.textContent = "–";
      }
    }
    for (const [d, row] of rows.entries()) {
      row.fill.parentElement?.parentElement?.classList.toggle("best", d === best);
    }
    output.textContent = best >= 0 ? String(best) : "–";
    output.dataset.digit = best >= 0 ? String(best) : "";
    untrained.hidden = best < 0 || isTrained();
  }

  function readDrawing(): void {
    frame = 0;
    const { data, width, height } = ink.getImageData(0, 0, canvas.width, canvas.height);
    const alpha = new Float32Array(width * height);
    for (let i = 0; i < alpha.length; i++) alpha[i] = data[4 * i + 3] / 255;
    const input = toMnistInput(normaliseStrokeWidth(alpha, width, height), width, height);
    drawing = input && { input };
    drawGrey(preview, input ?? new Float64Array(784), 28, 28);
    predict(drawing);
  }

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(readDrawing);
  };

  function point(event: PointerEvent): { x: number; y: number } {
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / box.width) * canvas.width,
      y: ((event.clientY - box.top) / box.height) * canvas.height,
    };
  }

  function stroke(to: { x: number; y: number }): void {
    const from = last ?? to;
    ink.lineCap = "round";
    ink.lineJoin = "round";
    ink.lineWidth = STROKE;
    ink.strokeStyle = "#111";
    ink.beginPath();
    ink.moveTo(from.x, from.y);
    ink.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    ink.stroke();
    last = to;
    schedule();
  }

  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    last = undefined;
    stroke(point(event));
  });
  canvas.addEventListener("pointermove", (event) => {
    if (last && event.buttons) stroke(point(event));
  });
  const end = () => {
    last = undefined;
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  byId("draw-clear").addEventListener("click", () => {
    ink.clearRect(0, 0, canvas.width, canvas.height);
    schedule();
  });

  return {
    refresh: () => predict(drawing),
    showOutput,
    showInput(values, testIndex) {
      ink.clearRect(0, 0, canvas.width, canvas.height);
      const image = ink.createImageData(canvas.width, canvas.height);
      const scale = canvas.width / 28;
      for (let y = 0; y < canvas.height; y++) {
        for (let x = 0; x < canvas.width; x++) {
          const v = values[Math.floor(y / scale) * 28 + Math.floor(x / scale)];
          image.data[4 * (y * canvas.width + x) + 3] = Math.round(255 * v);
        }
      }
      ink.putImageData(image, 0, 0);
      drawing = { input: Float64Array.from(values), testIndex };
      drawGrey(preview, drawing.input, 28, 28);
      predict(drawing);
    },
  };
}
