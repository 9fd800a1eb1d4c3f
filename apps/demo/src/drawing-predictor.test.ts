import { describe, expect, it } from "vitest";
import { createDrawingPredictor } from "./drawing-predictor";
import { LatestRequest } from "./latest-request";
import type { ConvPrediction } from "./protocol";
import type { Drawing } from "./ui/draw-panel";

function answerFor(drawing: Drawing, best: number): ConvPrediction {
  const output = new Float64Array(10);
  output[best] = 1;
  return {
    input: drawing.input,
    output,
    maps: new Float64Array(4608),
    pooled: new Float64Array(1152),
  };
}

function page(conv: boolean) {
  const state = { conv };
  const sent: { id: number; drawing: Drawing }[] = [];
  const outputs: (Float64Array | undefined)[] = [];
  const maps: (Drawing | undefined)[] = [];
  const predictor = createDrawingPredictor({
    mirror: { predict: () => Float64Array.of(0.9, 0.1) },
    isConv: () => state.conv,
    requests: new LatestRequest<Drawing>((id, drawing) => sent.push({ id, drawing })),
    showOutput: (output) => outputs.push(output),
    showMaps: (prediction, drawing) => maps.push(prediction && drawing),
  });
  return { state, sent, outputs, maps, predictor };
}

const seven: Drawing = { input: new Float64Array(784).fill(0.5) };
const one: Drawing = { input: new Float64Array(784).fill(0.25) };

describe("createDrawingPredictor: the FC net's mirror, or the worker's conv net", () => {
  it("FC: answers at once from the mirror and asks the worker nothing", () => {
    const { sent, outputs, predictor } = page(false);
    predictor.predict(seven);
    expect(sent).toEqual([]);
    expect([...(outputs[0] ?? [])]).toEqual([0.9, 0.1]);
  });

  it("conv: asks the worker, then shows its bars and the drawing's maps", () => {
    const { sent, outputs, maps, predictor } = page(true);
    predictor.predict(seven);
    expect(sent.map((s) => s.id)).toEqual([1]);
    expect(outputs).toEqual([]); // nothing until the worker answers
    predictor.answer(1, answerFor(seven, 7));
    expect(outputs[0]?.[7]).toBe(1);
    expect(maps).toEqual([seven]);
  });

  it("conv: after a reset (configure), the old network's answer is dropped and the bars cleared", () => {
    const { sent, outputs, maps, predictor } = page(true);
    predictor.predict(seven);
    predictor.reset();
    expect(outputs).toEqual([undefined]);
    expect(maps).toEqual([undefined]);
    predictor.predict(seven); // the new network's first snapshot asks again
    predictor.answer(1, answerFor(seven, 3)); // the old net's answer arrives late
    expect(outputs.length).toBe(1);
    predictor.answer(sent[1].id, answerFor(seven, 7));
    expect(outputs.at(-1)?.[7]).toBe(1);
  });

  it("conv: while drawing, the newest drawing is asked about next", () => {
    const { sent, predictor } = page(true);
    predictor.predict(seven);
    predictor.predict(one);
    expect(sent.length).toBe(1);
    predictor.answer(1, answerFor(seven, 7));
    expect(sent[1]).toEqual({ id: 2, drawing: one });
  });

  it("conv: clearing the drawing clears the bars and goes back to the test digit's maps", () => {
    const { outputs, maps, predictor } = page(true);
    predictor.predict(seven);
    predictor.predict(undefined);
    predictor.answer(1, answerFor(seven, 7)); // answered after the clear: dropped
    expect(outputs).toEqual([undefined]);
    expect(maps).toEqual([undefined]);
  });

  it("an answer arriving after a switch to FC is not shown", () => {
    const { state, outputs, predictor } = page(true);
    predictor.predict(seven);
    state.conv = false;
    predictor.answer(1, answerFor(seven, 7));
    expect(outputs).toEqual([]);
  });
});
