/**
 * `pnpm bench` (convolutions, issue 13): network3's nets (the book's chapter 6) at batch 10,
 * seconds per 10,000 training images (median of the passes, evaluation excluded) and peak
 * memory, each configuration in a fresh process, side by side in one run with
 *   PyTorch CPU (Debian's python3-torch; the same nets, batch and precision; 1 and 2 threads)
 *   TensorFlow.js on its WebAssembly backend (float32 only; conv_tfjs.mjs)
 * where they are installed. Ours runs on 1 and 2 threads (a kernel thread splits the products).
 * Ratios hold within this run only; the CPU is printed with them. The nets: conv1, conv2
 * (conv2-relu's net) and conv2-dropout (two FC layers of 1000 with dropout; conv-passes.ts).
 *   BENCH_CONV_IMAGES=2000 BENCH_CONV_PASSES=3 BENCH_CONV_NETS=conv1,conv2,conv2-dropout pnpm bench
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

interface Run {
  seconds: number[];
  maxRssMB: number;
}

const images = Number(process.env.BENCH_CONV_IMAGES ?? 2000);
const passes = Number(process.env.BENCH_CONV_PASSES ?? 3);
const nets = (process.env.BENCH_CONV_NETS ?? "conv1,conv2,conv2-dropout").split(",");
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const python = "/usr/bin/python3";

function works(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const hasTorch = existsSync(python) && works(python, ["-c", "import torch"]);
const hasTfjs = works(process.execPath, [
  "--input-type=module",
  "-e",
  `await import(${JSON.stringify(here("../node_modules/@tensorflow/tfjs-backend-wasm/package.json"))}, { with: { type: "json" } })`,
]);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Seconds per 10,000 images: the median pass, scaled from `images`. */
function per10k(run: Run): number {
  return (median(run.seconds) * 10_000) / images;
}

function ours(net: string, dtype: string, threads: 1 | 2): Run {
  const out = execFileSync(
    process.execPath,
    [
      "--conditions=@backprop/source",
      "--import",
      "tsx",
      here("./conv-passes.ts"),
      net,
      dtype,
      String(images),
      String(passes),
      String(threads),
    ],
    { encoding: "utf8" },
  );
  return JSON.parse(out);
}

function torch(net: string, dtype: string, threads: number): Run {
  const precision = dtype === "float32" ? "f32" : "f64";
  const args = [here("./conv_torch.py"), net, precision, threads, images, passes].map(String);
  return JSON.parse(execFileSync(python, args, { encoding: "utf8" }));
}

/** TF.js 4.22's wasm backend in Node: one thread only (its threaded build needs blob: workers). */
function tfjs(net: string): Run {
  const script = here("./conv_tfjs.mjs");
  const out = execFileSync(process.execPath, [script, net, String(images), String(passes)], {
    encoding: "utf8",
    cwd: here(".."),
  });
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
  return { seconds: r.secondsPerPass, maxRssMB: r.maxRssMB ?? Number.NaN };
}

interface Row {
  net: string;
  dtype: string;
  who: string;
  threads: number;
  s: number;
  rss: number;
}

const rows: Row[] = [];
for (const net of nets) {
  for (const dtype of ["float64", "float32"]) {
    const add = (who: string, threads: number, run: Run) => {
      rows.push({ net, dtype, who, threads, s: per10k(run), rss: run.maxRssMB });
      process.stderr.write(`  ${net} ${dtype} ${who} ${threads}t: ${per10k(run).toFixed(2)} s\n`);
    };
    for (const t of [1, 2] as const) add("ours", t, ours(net, dtype, t));
    if (hasTorch) for (const t of [1, 2]) add("PyTorch", t, torch(net, dtype, t));
    if (hasTfjs && dtype === "float32") add("TF.js wasm", 1, tfjs(net));
  }
}

console.log(
  `\nnetwork3's conv nets, batch 10: seconds per 10,000 training images (median of ${passes} passes over ${images}), evaluation excluded; peak RSS per process; CPU: ${cpus()[0]?.model ?? "?"}.`,
);
if (!hasTorch)
  console.log("(PyTorch rows skipped: /usr/bin/python3 has no torch; apt install python3-torch)");
if (!hasTfjs) console.log("(TF.js rows skipped: @tensorflow/tfjs-backend-wasm is not installed)");
console.log(
  "| net | dtype | who | threads | s / 10k images | their time ÷ ours (same threads; > 1: ours faster) | peak RSS MB |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const mine = rows.find(
    (o) => o.net === r.net && o.dtype === r.dtype && o.who === "ours" && o.threads === r.threads,
  );
  const ratio = r.who === "ours" || !mine ? "" : `${(r.s / mine.s).toFixed(2)}×`;
  console.log(
    `| ${r.net} | ${r.dtype} | ${r.who} | ${r.threads} | ${r.s.toFixed(2)} | ${ratio} | ${r.rss.toFixed(0)} |`,
  );
}
