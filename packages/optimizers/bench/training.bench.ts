/**
 * `pnpm bench` (training): seconds per MNIST epoch (50,000 images, the seed's settings,
 * evaluation excluded) and peak memory, for each configuration, each in a fresh process;
 * beside the seed's network.py and a batched numpy version of the same maths when
 * /usr/bin/python3 has numpy. Medians over several epochs; ratios are within this run.
 * Ours runs from the TypeScript sources (the @backprop/source condition), so no build is needed.
 *   BENCH_EPOCHS=3 BENCH_ONLY=784-30-10 pnpm --filter @backprop/optimizers bench
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mnistDataDir } from "@backprop/datasets/node";

interface Run {
  seconds: number[];
  maxRssMB: number;
}

const epochs = Number(process.env.BENCH_EPOCHS ?? 3);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const networkPy = here("../../../../shared/seed/network.py");
const python = "/usr/bin/python3";
const hasNumpy = existsSync(python) && trySpawn(python, ["-c", "import numpy"]);

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
  threads: 1 | 2 = 1,
  firstLayer: "simd" | "sparse" = "simd",
): Run {
  const out = execFileSync(
    process.execPath,
    [
      "--conditions=@backprop/source",
      "--import",
      "tsx",
      here("./train-epochs.ts"),
      sizes,
      String(batch),
      dtype,
      String(epochs),
      String(threads),
      firstLayer,
    ],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(out);
}

function runNumpy(sizes: string, batch: number, mode: string, count: number): Run {
  const out = execFileSync(
    python,
    [
      here("./numpy_epochs.py"),
      mnistDataDir(),
      networkPy,
      sizes,
      String(batch),
      String(count),
      mode,
    ],
    {
      encoding: "utf8",
      env: { ...process.env, OPENBLAS_NUM_THREADS: "1" },
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  return JSON.parse(out);
}

const configurations = [
  { sizes: "784,30,10", batch: 10 },
  { sizes: "784,100,10", batch: 10 },
  { sizes: "784,100,10", batch: 100 },
].filter(
  (c) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === `${c.sizes.replaceAll(",", "-")}`,
);

console.log(
  `MNIST training, seconds per epoch (median of ${epochs}), evaluation excluded; peak RSS per process.`,
);
console.log(
  hasNumpy
    ? "numpy: /usr/bin/python3, OPENBLAS_NUM_THREADS=1\n"
    : "numpy: not installed (apt-get install -y python3-numpy libopenblas0-pthread), so no baseline\n",
);
console.log(
  "| network | batch | system | s/epoch | vs network.py | vs numpy batched, same precision | peak MB |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const { sizes, batch } of configurations) {
  const rows: [string, Run][] = [];
  if (hasNumpy) {
    rows.push(["network.py (numpy, per sample)", runNumpy(sizes, batch, "seed", 1)]);
    rows.push(["numpy batched f64", runNumpy(sizes, batch, "batched64", epochs)]);
    rows.push(["numpy batched f32", runNumpy(sizes, batch, "batched32", epochs)]);
  }
  rows.push(["backprop f64, first layer in JS", runOurs(sizes, batch, "float64", 1, "sparse")]);
  rows.push(["backprop f64, 1 thread", runOurs(sizes, batch, "float64", 1)]);
  rows.push(["backprop f64, 2 threads", runOurs(sizes, batch, "float64", 2)]);
  rows.push(["backprop f32, 1 thread", runOurs(sizes, batch, "float32", 1)]);
  rows.push(["backprop f32, 2 threads", runOurs(sizes, batch, "float32", 2)]);
  const find = (name: string) => rows.find(([n]) => n === name)?.[1];
  const seed = find("network.py (numpy, per sample)");
  for (const [name, run] of rows) {
    const t = median(run.seconds);
    const ratio = (base?: Run) => (base ? `${(median(base.seconds) / t).toFixed(2)}×` : "–");
    const numpy = name.startsWith("numpy")
      ? undefined
      : find(name.includes("f32") ? "numpy batched f32" : "numpy batched f64");
    console.log(
      `| ${sizes.replaceAll(",", "-")} | ${batch} | ${name} | ${t.toFixed(3)} | ${ratio(seed)} | ${ratio(numpy)} | ${Math.round(run.maxRssMB)} |`,
    );
  }
}
