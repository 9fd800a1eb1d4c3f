import { parentPort, workerData } from "node:worker_threads";
import { Rng } from "@backprop/linalg";
import { mutate } from "./mutate";
import type { FuzzTarget } from "./target";

/**
 * Runs one target's inputs `from`…`to` (input k is always the same bytes: the generator is
 * re-seeded per input), publishing the index it is on in `progress` so the runner can tell
 * a hang from slow work and restart after it.
 */
interface Job {
  file: string;
  seed: number;
  from: number;
  to: number;
  progress: SharedArrayBuffer;
}

/** What one input did; posted after each, so a hang later loses none of them. */
export interface Outcome {
  index: number;
  kind: "accepted" | "typed" | "crash";
  ms: number;
  crash?: { message: string; input: Uint8Array };
}

const job = workerData as Job;
const progress = new Int32Array(job.progress);
const target = (await import(job.file)).default as FuzzTarget;
const seeds = await target.seeds();

for (let index = job.from; index < job.to; index++) {
  Atomics.store(progress, 0, index);
  const rng = new Rng(job.seed * 1_000_003 + index);
  const input = mutate(seeds[rng.integer(seeds.length)], seeds, rng);
  const start = performance.now();
  let outcome: Outcome;
  try {
    await target.run(input);
    outcome = { index, kind: "accepted", ms: 0 };
  } catch (error) {
    outcome = target.isTyped(error)
      ? { index, kind: "typed", ms: 0 }
      : {
          index,
          kind: "crash",
          ms: 0,
          crash: {
            message: `${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 300)}`,
            input,
          },
        };
  }
  outcome.ms = performance.now() - start;
  parentPort?.postMessage(outcome);
}
parentPort?.postMessage("done");
