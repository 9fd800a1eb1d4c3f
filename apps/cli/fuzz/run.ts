import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runBombs } from "./bombs";
import type { Outcome } from "./worker";

interface Totals {
  accepted: number;
  typed: number;
  crashes: { index: number; message: string; input: Uint8Array }[];
  slowestMs: number;
}

/**
 * `pnpm fuzz`: mutated inputs for every file format the project reads, each through the
 * public API a user's file goes through (apps/cli/fuzz/targets/). Counts what was accepted,
 * what got a typed error, crashes (any other error: the target is 0) and hangs (an input
 * still running after HANG_MS: the target is 0), and the process's peak memory.
 *
 *   pnpm fuzz                        every format, 10,000 inputs each, then the memory bombs
 *   pnpm fuzz -- --runs 2000 model   fewer inputs, some formats (no bombs)
 *   pnpm fuzz -- --bombs             only the memory bombs (bombs.ts), through the built CLI
 *
 * Crashing inputs are written to fuzz-crashes/ to replay. Exit status 1 if any crash or hang.
 */

const HANG_MS = 10_000;
const here = fileURLToPath(new URL(".", import.meta.url));

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 10_000;
const only = args.filter((a, i) => !a.startsWith("--") && (runsAt < 0 || i !== runsAt + 1));
const bombsOnly = args.includes("--bombs");
const withBombs = bombsOnly || (only.length === 0 && runsAt < 0);
const files = bombsOnly
  ? []
  : readdirSync(join(here, "targets"))
      .filter((f) => f.endsWith(".ts"))
      .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")));

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

interface Row {
  format: string;
  inputs: number;
  accepted: number;
  typed: number;
  crashes: number;
  hangs: number;
  slowestMs: number;
  peakMb: number;
}
const rows: Row[] = [];
let failed = false;

for (const file of files) {
  const format = file.replace(/\.ts$/, "");
  const started = performance.now();
  peakRss = process.memoryUsage().rss;
  const total: Totals = { accepted: 0, typed: 0, crashes: [], slowestMs: 0 };
  let hangs = 0;
  let from = 0;
  while (from < runs) {
    const result = await runWorker(join(here, "targets", file), from, runs, total);
    if (result.hungAt === undefined) break;
    hangs++;
    total.slowestMs = Math.max(total.slowestMs, HANG_MS);
    console.error(`  ${format}: input ${result.hungAt} still running after ${HANG_MS} ms (hang)`);
    from = result.hungAt + 1;
  }
  if (total.crashes.length > 0) {
    mkdirSync("fuzz-crashes", { recursive: true });
    for (const crash of total.crashes.slice(0, 20))
      writeFileSync(join("fuzz-crashes", `${format}-${crash.index}.bin`), crash.input);
    const messages = new Map<string, number>();
    for (const c of total.crashes) messages.set(c.message, (messages.get(c.message) ?? 0) + 1);
    for (const [message, n] of [...messages].slice(0, 5))
      console.error(`  ${format}: crash ×${n}: ${message}`);
  }
  failed ||= total.crashes.length > 0 || hangs > 0;
  const row: Row = {
    format,
    inputs: runs,
    accepted: total.accepted,
    typed: total.typed,
    crashes: total.crashes.length,
    hangs,
    slowestMs: Math.round(total.slowestMs),
    peakMb: Math.round(peakRss / 2 ** 20),
  };
  rows.push(row);
  console.log(
    `${format.padEnd(10)} ${String(row.inputs).padStart(6)} inputs: ${row.accepted} accepted, ${row.typed} typed errors, ${row.crashes} crashes, ${row.hangs} hangs; slowest ${row.slowestMs} ms, peak RSS ${row.peakMb} MB (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
clearInterval(sampler);
const bombs = withBombs ? runBombs() : [];
for (const b of bombs) {
  const ok = b.status !== 0 && b.status !== null && b.aboveBaselineMb < 100;
  failed ||= !ok;
  console.log(
    `bomb ${b.name.padEnd(36)} ${String(b.bytes).padStart(8)} B: ${ok ? "refused" : "NOT REFUSED"} in ${b.seconds.toFixed(2)} s, peak RSS ${b.peakMb} MB (${b.aboveBaselineMb} MB above --version); exit ${b.status}: ${b.message}`,
  );
}
writeFileSync(
  "fuzz-report.json",
  `${JSON.stringify({ runs, hangMs: HANG_MS, rows, bombs }, null, 2)}\n`,
);
console.log(`${failed ? "FAILED" : "ok"}: report in fuzz-report.json`);
process.exitCode = failed ? 1 : 0;

/** Runs inputs from..to in a worker; stops it if one input runs past HANG_MS. */
function runWorker(
  file: string,
  from: number,
  to: number,
  total: Totals,
): Promise<{ hungAt?: number }> {
  const progress = new SharedArrayBuffer(4);
  const index = new Int32Array(progress);
  Atomics.store(index, 0, from);
  const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
    workerData: { file, seed: 2026, from, to, progress },
  });
  return new Promise((resolve, reject) => {
    let last = -1;
    let since = performance.now();
    const watchdog = setInterval(() => {
      const now = Atomics.load(index, 0);
      if (now !== last) {
        last = now;
        since = performance.now();
      } else if (performance.now() - since > HANG_MS) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ hungAt: now });
      }
    }, 200);
    worker.on("message", (m: Outcome | "done") => {
      if (m === "done") {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({});
        return;
      }
      total.slowestMs = Math.max(total.slowestMs, m.ms);
      if (m.kind === "accepted") total.accepted++;
      else if (m.kind === "typed") total.typed++;
      else if (m.crash) total.crashes.push({ index: m.index, ...m.crash });
    });
    worker.on("error", (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}
