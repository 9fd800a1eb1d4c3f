/**
 * `pnpm bench` (training): seconds per MNIST epoch (50,000 images, the seed's settings,
 * evaluation excluded) and peak memory, for each configuration, each in a fresh process;
 * beside the peers when /usr/bin/python3 has them: the seed's network.py itself (unchanged, on
 * data laid out as its mnist_loader does), a batched numpy version of the same maths
 * (OpenBLAS, 1 thread) and PyTorch (nn.Sequential + optim.SGD, 1 and 2 threads). Medians over
 * several epochs; ratios are within this run, and only ratios carry across machines.
 * Ours runs from the TypeScript sources (the @backprop/source condition), so no build is needed.
 *
 * A second section, "contended", runs ours again with a busy process (`node -e 'for(;;){}'`,
 * pinned to the last core with taskset where there is one) started and stopped by this
 * script: the machine of a user with a browser open. It compares 1 and 2 threads with
 * "auto", which should stay within 10% of the better of the two, quiet or contended.
 *   BENCH_EPOCHS=3 BENCH_ONLY=784-30-10,784-300-100-10/32 BENCH_SECTION=contended pnpm bench
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { mnistDataDir } from "@backprop/mnist";

interface Run {
  seconds: number[];
  maxRssMB: number;
}

const epochs = Number(process.env.BENCH_EPOCHS ?? 3);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const networkPy = here("../../../../shared/seed/network.py");
const python = "/usr/bin/python3";
const hasNumpy = existsSync(python) && trySpawn(python, ["-c", "import numpy"]);
const hasTorch = existsSync(python) && trySpawn(python, ["-c", "import torch"]);

function trySpawn(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function runOurs(
  sizes: string,
  batch: number,
  dtype: string,
  threads: 1 | 2 | "auto" = 1,
  kernels: "auto" | "js" | "fma" = "auto",
): Run {
  const out = execFileSync(
    process.execPath,
    [
      // Node 20 has relaxed SIMD (for "fma") only behind this flag; newer Node ignores it.
      ...(kernels === "fma" ? ["--experimental-wasm-relaxed-simd"] : []),
      "--conditions=@backprop/source",
      "--import",
      "tsx",
      here("./train-epochs.ts"),
      sizes,
      String(batch),
      dtype,
      String(epochs),
      String(threads),
      kernels,
    ],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(out);
}

/** Runs one of this folder's Python scripts and parses the Run it prints. */
function runPython(script: string, args: (string | number)[], env: NodeJS.ProcessEnv = {}): Run {
  const out = execFileSync(python, [here(script), ...args.map(String)], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out);
}

function runNumpy(sizes: string, batch: number, mode: string, count: number): Run {
  const args = [mnistDataDir(), networkPy, sizes, batch, count, mode];
  return runPython("./numpy_epochs.py", args, { OPENBLAS_NUM_THREADS: "1" });
}

function runTorch(sizes: string, batch: number, dtype: string, threads: number): Run {
  const args = [mnistDataDir(), sizes, batch, epochs, dtype, threads];
  return runPython("./torch_epochs.py", args);
}

const configurations = [
  { sizes: "784,30,10", batch: 10 },
  { sizes: "784,100,10", batch: 10 },
  { sizes: "784,100,10", batch: 100 },
  { sizes: "784,300,100,10", batch: 32 },
  { sizes: "784,800,10", batch: 128 },
].filter(
  (c) =>
    !process.env.BENCH_ONLY ||
    process.env.BENCH_ONLY.split(",").some(
      (only) =>
        only === c.sizes.replaceAll(",", "-") ||
        only === `${c.sizes.replaceAll(",", "-")}/${c.batch}`,
    ),
);

const sections = (process.env.BENCH_SECTION ?? "quiet,contended").split(",");

function printRow(sizes: string, batch: number, name: string, t: number, extra: string[]): void {
  console.log(
    `| ${sizes.replaceAll(",", "-")} | ${batch} | ${name} | ${t.toFixed(3)} | ${extra.join(" | ")} |`,
  );
}

if (sections.includes("quiet")) quietSection();
if (sections.includes("contended")) contendedSection();

function quietSection(): void {
  console.log(
    `MNIST training, seconds per epoch (median of ${epochs}), evaluation excluded; peak RSS per process; CPU: ${cpus()[0]?.model ?? "?"}.`,
  );
  console.log(
    hasNumpy
      ? `peers: /usr/bin/python3, numpy with OPENBLAS_NUM_THREADS=1${hasTorch ? ", PyTorch" : " (no PyTorch: apt-get install -y python3-torch)"}\n`
      : "peers: numpy not installed (apt-get install -y python3-numpy libopenblas0-pthread python3-torch), so no baseline\n",
  );
  console.log(
    "| network | batch | system | s/epoch | vs network.py | vs the best peer, same precision | peak MB |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const { sizes, batch } of configurations) {
    const rows: [string, Run][] = [];
    if (hasNumpy) {
      rows.push(["network.py (numpy, per sample)", runNumpy(sizes, batch, "seed", 1)]);
      rows.push(["numpy batched f64", runNumpy(sizes, batch, "batched64", epochs)]);
      rows.push(["numpy batched f32", runNumpy(sizes, batch, "batched32", epochs)]);
    }
    if (hasTorch) {
      for (const dtype of ["float64", "float32"])
        for (const threads of [1, 2])
          rows.push([
            `PyTorch ${dtype === "float64" ? "f64" : "f32"}, ${threads} thread${threads > 1 ? "s" : ""}`,
            runTorch(sizes, batch, dtype, threads),
          ]);
    }
    rows.push(["backprop f64, first layer in JS", runOurs(sizes, batch, "float64", 1, "js")]);
    rows.push(["backprop f64, 1 thread", runOurs(sizes, batch, "float64", 1)]);
    rows.push(["backprop f64, 2 threads", runOurs(sizes, batch, "float64", 2)]);
    rows.push(["backprop f64, auto threads", runOurs(sizes, batch, "float64", "auto")]);
    rows.push(["backprop f32, 1 thread", runOurs(sizes, batch, "float32", 1)]);
    rows.push(["backprop f32, 2 threads", runOurs(sizes, batch, "float32", 2)]);
    rows.push(["backprop f64, fma, 1 thread", runOurs(sizes, batch, "float64", 1, "fma")]);
    rows.push(["backprop f32, fma, 1 thread", runOurs(sizes, batch, "float32", 1, "fma")]);
    const seed = rows.find(([n]) => n.startsWith("network.py"))?.[1];
    const isPeer = (name: string) => name.startsWith("numpy") || name.startsWith("PyTorch");
    /** The fastest numpy or PyTorch row of one precision (any thread count). */
    const bestPeer = (f32: boolean) =>
      Math.min(
        ...rows
          .filter(([n]) => isPeer(n) && n.includes("f32") === f32)
          .map(([, run]) => median(run.seconds)),
      );
    for (const [name, run] of rows) {
      const t = median(run.seconds);
      const vsSeed = seed ? `${(median(seed.seconds) / t).toFixed(2)}×` : "–";
      const peer = name.startsWith("backprop") ? bestPeer(name.includes("f32")) : Number.NaN;
      const vsPeer = Number.isFinite(peer) ? `${(peer / t).toFixed(2)}×` : "–";
      printRow(sizes, batch, name, t, [vsSeed, vsPeer, String(Math.round(run.maxRssMB))]);
    }
  }
}

/** A process that keeps one core busy until stopped, pinned to the last core if taskset exists. */
function startBusyProcess(): ChildProcess {
  const busy = ["-e", "for(;;){}"];
  const core = String(availableParallelism() - 1);
  const pinned = trySpawn("taskset", ["-c", core, "true"]);
  return pinned
    ? spawn("taskset", ["-c", core, process.execPath, ...busy], { stdio: "ignore" })
    : spawn(process.execPath, busy, { stdio: "ignore" });
}

function contendedSection(): void {
  console.log(
    `\nContended: the same trainings (float64) while another process keeps a core busy; seconds per epoch (median of ${epochs}).`,
  );
  console.log("| network | batch | threads | s/epoch | vs the better of 1 and 2 |");
  console.log("| --- | --- | --- | --- | --- |");
  const busy = startBusyProcess();
  try {
    for (const { sizes, batch } of configurations) {
      const times = ([1, 2, "auto"] as const).map(
        (threads) => [threads, median(runOurs(sizes, batch, "float64", threads).seconds)] as const,
      );
      const better = Math.min(times[0][1], times[1][1]);
      for (const [threads, t] of times)
        printRow(sizes, batch, String(threads), t, [`${(t / better).toFixed(2)}×`]);
    }
  } finally {
    busy.kill();
  }
}
