#!/usr/bin/env node
// `pnpm reproduce`: the book's MNIST experiments with fixed seeds, through the built CLI,
// printed as a table beside the book's numbers. Not a test: it takes about six minutes.
//   node apps/cli/scripts/reproduce.mjs [--seeds 0,1,2] [--only seed,wide,network2]
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const seeds = flag("--seeds", "0,1,2").split(",").map(Number);
const only = flag("--only", "seed,wide,network2").split(",");

const experiments = [
  {
    preset: "seed",
    what: "784-30-10, sigmoid, quadratic, η = 3 (network.py)",
    book: "95.42% (best of 30 epochs)",
    must: 0.95,
    on: "test",
  },
  { preset: "wide", what: "784-100-10, sigmoid, quadratic, η = 3", book: "96.59%", on: "test" },
  {
    preset: "network2",
    what: "784-100-10, cross-entropy, scaled init, λ = 5, η = 0.5 (network2.py)",
    book: "97.92% (validation)",
    must: 0.975,
    on: "validation",
  },
].filter((e) => only.includes(e.preset));

function run(preset, seed) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, "train", "--preset", preset, "--seed", String(seed), "--json"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const epochs = [];
    let buffer = "";
    child.stdout.on("data", (chunk) => {
      buffer += chunk;
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const record = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (record.event === "epoch") {
          epochs.push(record);
          process.stderr.write(
            `  ${preset} seed ${seed}: epoch ${record.epoch} test ${(100 * record.test.accuracy).toFixed(2)}%${record.validation ? ` validation ${(100 * record.validation.accuracy).toFixed(2)}%` : ""} (${record.seconds.toFixed(1)} s)\n`,
          );
        }
        newline = buffer.indexOf("\n");
      }
    });
    child.on("exit", (code) =>
      code === 0
        ? resolve(epochs)
        : reject(new Error(`${preset} seed ${seed} exited with ${code}`)),
    );
  });
}

const percent = (x) => `${(100 * x).toFixed(2)}%`;
const rows = [];
for (const e of experiments) {
  for (const seed of seeds) {
    const epochs = await run(e.preset, seed);
    const best = Math.max(...epochs.map((r) => r[e.on].accuracy));
    const seconds = epochs.map((r) => r.seconds).sort((a, b) => a - b);
    rows.push({
      ...e,
      seed,
      best,
      last: epochs.at(-1)[e.on].accuracy,
      medianEpoch: seconds[Math.floor(seconds.length / 2)],
    });
  }
}
console.log(
  "\n| preset | network | seed | best (on) | last epoch | book | target | median s/epoch |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const target = r.must ? `≥ ${percent(r.must)} ${r.best >= r.must ? "✓" : "✗"}` : "";
  console.log(
    `| ${r.preset} | ${r.what} | ${r.seed} | ${percent(r.best)} (${r.on}) | ${percent(r.last)} | ${r.book} | ${target} | ${r.medianEpoch.toFixed(2)} |`,
  );
}
