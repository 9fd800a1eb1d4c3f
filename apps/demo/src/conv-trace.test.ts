import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { CONV, convSnapshotOf, makeConvNet } from "./conv-net";
import { convTrace } from "./conv-trace";

/** A 28×28 "digit": a bright bar and some noise, so ReLU is on at some positions and off at others. */
function sample(seed: number, label: number): { x: Matrix; y: Matrix } {
  const rng = new Rng(seed);
  const x = Matrix.zeros(784, 1);
  rng.fillUniform(x.data);
  for (let r = 4; r < 24; r++) for (let c = 12; c < 16; c++) x.data[r * 28 + c] = 1;
  for (let i = 0; i < 784; i++) x.data[i] *= x.data[i] > 0.6 ? 1 : 0;
  const y = Matrix.zeros(10, 1);
  y.data[label] = 1;
  return { x, y };
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tolerance = 1e-12): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe("convTrace: one sample through conv → pool → dense, forward and backward", () => {
  const network = makeConvNet(3);
  const { x, y } = sample(7, 4);
  const trace = convTrace(network, x, y, 12, 4);

  it("has every gradient LayerNetwork.backprop gives on the same sample (1e-12)", () => {
    const [conv, , , out] = network
      .backprop(x, y)
      .map((g) => g.map((m) => Float64Array.from(m.data)));
    expectClose(trace.convNablaW, conv[0]);
    expectClose(trace.convNablaB, conv[1]);
    expectClose(trace.outNablaW, out[0]);
    expectClose(trace.outNablaB, out[1]);
    expect(trace.convNablaW.length).toBe(CONV.filters * CONV.kernel * CONV.kernel);
    expect(trace.convNablaB.some((v) => v !== 0)).toBe(true);
  });

  it("forward: the outputs are the network's; BP1 is a − y for softmax + log-likelihood", () => {
    expectClose(trace.outA, network.feedforward(x).data, 0);
    expectClose(
      trace.deltaL,
      trace.outA.map((a, i) => a - y.data[i]),
    );
    expect(trace.convA.length).toBe(8 * 24 * 24);
    expect(trace.pooled.length).toBe(8 * 12 * 12);
  });

  it("the pool routes δ to one position per 2×2 window, the maximum, and 0 elsewhere", () => {
    let received = 0;
    for (let f = 0; f < 8; f++)
      for (let oy = 0; oy < 12; oy++)
        for (let ox = 0; ox < 12; ox++) {
          const o = f * 144 + oy * 12 + ox;
          const window = [0, 1, 24, 25].map((d) => f * 576 + 2 * oy * 24 + 2 * ox + d);
          const got = window.filter((i) => trace.received[i] === 1);
          expect(got.length).toBe(1);
          expect(trace.convA[got[0]]).toBe(trace.pooled[o]); // it is the window's maximum
          expect(trace.routed[got[0]]).toBe(trace.poolDelta[o]);
          received += got.length;
        }
    expect(received).toBe(1152);
    for (let i = 0; i < trace.routed.length; i++)
      if (!trace.received[i]) expect(trace.routed[i]).toBe(0);
  });

  it("the conv δ is ∂C/∂a ⊙ ReLU′(z); ∂C/∂b sums δ over each filter's positions", () => {
    for (let i = 0; i < trace.convDelta.length; i++)
      expect(trace.convDelta[i] + 0).toBe(trace.convZ[i] > 0 ? trace.routed[i] + 0 : 0);
    for (let f = 0; f < 8; f++) {
      let sum = 0;
      for (let p = 0; p < 576; p++) sum += trace.convDelta[f * 576 + p];
      expect(Math.abs(sum - trace.convNablaB[f])).toBeLessThan(1e-12);
    }
  });

  it("the live snapshot's feature maps are the trace's forward", () => {
    const snapshot = convSnapshotOf(network, x, 12);
    expectClose(snapshot.maps, trace.convA, 0);
    expectClose(snapshot.pooled, trace.pooled, 0);
    expectClose(snapshot.filters, network.layers[0].parameters[0].data, 0);
  });
});
