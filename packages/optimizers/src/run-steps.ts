/** Runs a training generator (one step per mini-batch) to the end, synchronously. */
export function runToEnd<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs a training generator to the end, giving the event loop a turn every ~`sliceMs`, so
 * Ctrl-C is heard and a page stays responsive while a network trains.
 */
export async function runInSlices<R>(steps: Generator<unknown, R>, sliceMs = 12): Promise<R> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/**
 * One turn of the event loop (signals, timers, I/O, a page's input): setImmediate in Node,
 * whose delay is ~0 rather than setTimeout's clamped 1–4 ms, and setTimeout elsewhere.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}
