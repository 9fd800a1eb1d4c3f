import { describe, expect, it } from "vitest";
import { ThreadChooser } from "./thread-chooser";

/**
 * Runs `batches` batches on a fake clock: a batch in mode t takes cost(t, i) ms.
 * Returns the modes chosen, batch by batch, and the total time.
 */
function simulate(batches: number, cost: (threads: 1 | 2, batch: number) => number) {
  let clock = 0;
  const chooser = new ThreadChooser({ now: () => clock, recheckMs: 1000 });
  const modes: (1 | 2)[] = [];
  for (let i = 0; i < batches; i++) {
    const mode = chooser.nextBatch();
    modes.push(mode);
    clock += cost(mode, i);
  }
  return { modes, clock, chooser };
}

const share = (modes: readonly number[], mode: number) =>
  modes.filter((m) => m === mode).length / modes.length;

describe("ThreadChooser (threads: auto)", () => {
  it("keeps two threads where they are faster", () => {
    const { modes, clock, chooser } = simulate(20_000, (t) => (t === 2 ? 0.3 : 0.5));
    expect(chooser.threads).toBe(2);
    expect(share(modes, 2)).toBeGreaterThan(0.95);
    // within 10% of always-two
    expect(clock).toBeLessThan(1.1 * 20_000 * 0.3);
  });

  it("keeps one thread where the second is slower (a busy core), probing it rarely", () => {
    const { modes, clock, chooser } = simulate(20_000, (t) => (t === 2 ? 4 : 0.5));
    expect(chooser.threads).toBe(1);
    expect(clock).toBeLessThan(1.1 * 20_000 * 0.5);
    expect(share(modes.slice(100), 2)).toBeLessThan(0.01);
  });

  it("prefers one thread on a tie (it leaves the other core free)", () => {
    const { chooser } = simulate(2_000, () => 0.5);
    expect(chooser.threads).toBe(1);
  });

  it("notices a core that becomes busy mid-run, and one that becomes free again", () => {
    // two threads win until batch 5000, lose until 10000, win again after
    const busy = (i: number) => i >= 5_000 && i < 10_000;
    const { modes } = simulate(15_000, (t, i) => (t === 1 ? 0.5 : busy(i) ? 5 : 0.3));
    expect(share(modes.slice(1_000, 5_000), 2)).toBeGreaterThan(0.95);
    expect(share(modes.slice(5_100, 10_000), 1)).toBeGreaterThan(0.95);
    expect(share(modes.slice(11_000), 2)).toBeGreaterThan(0.9);
  });

  it("does not judge by the first batches of each mode (JIT warm-up)", () => {
    // the first 16 batches of each mode are slow, two threads are faster after that
    const seen = { 1: 0, 2: 0 };
    const { modes } = simulate(400, (t) => (++seen[t] <= 16 ? 15 : t === 2 ? 0.8 : 1));
    expect(share(modes.slice(120), 2)).toBeGreaterThan(0.9);
  });

  it("ignores single slow batches (an evaluation between epochs)", () => {
    const { chooser } = simulate(10_000, (t, i) => (i % 1000 === 0 ? 500 : t === 2 ? 0.3 : 0.5));
    expect(chooser.threads).toBe(2);
  });
});
