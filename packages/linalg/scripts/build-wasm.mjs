#!/usr/bin/env node
// Compiles src/wasm/kernels.wat with wabt (from the npm registry) and writes the binary,
// base64-encoded, to src/wasm/kernels-binary.ts, so Node and browsers load the same bytes
// without a file read or a fetch, and the TypeScript view of its exports to
// src/wasm/kernel-exports.ts. The fused multiply-add products get a file of their own,
// gemm-fma-binary.ts, so a bundle carries them only if it imports them. The same kernels on
// a shared memory (for Node's kernel thread) are not shipped: shared-kernels.ts makes
// them from the private bytes at load time; `--shared` prints wabt's own compile of them
// (base64), which a test compares with that. kernels.wat writes a kernel with a float64 and a float32 form
// once, in a `;; @both` … `;; @end` region that expand() emits twice (the scheme is described
// at the top of kernels.wat). `--check` fails if either generated file is out of date;
// `--expand` prints the module as it is compiled. A line `;; @include NAME` in a .wat file
// is replaced by the file NAME beside it (gemm.wat holds the dense products).
import { readFileSync, writeFileSync } from "node:fs";
import wabtInit from "wabt";

const source = new URL("../src/wasm/kernels.wat", import.meta.url);
const gemmSource = new URL("../src/wasm/gemm.wat", import.meta.url);
const binaryTarget = new URL("../src/wasm/kernels-binary.ts", import.meta.url);
const fmaTarget = new URL("../src/wasm/gemm-fma-binary.ts", import.meta.url);
const exportsTarget = new URL("../src/wasm/kernel-exports.ts", import.meta.url);
const PRIVATE_MEMORY = '(import "env" "memory" (memory 1))';

/** What each `$NAME` of a region becomes, per variant (in this order: float64 first). */
const PLACEHOLDERS = {
  f64: {
    T: "f64",
    V: "f64x2",
    B: 8,
    SHIFT: 3,
    LANES: 2,
    SUFFIX: "F64",
    PAIR_BYTES: 16,
    STATE_SHIFT: 0,
  },
  f32: {
    T: "f32",
    V: "f32x4",
    B: 4,
    SHIFT: 2,
    LANES: 4,
    SUFFIX: "F32",
    PAIR_BYTES: 8,
    STATE_SHIFT: 1,
  },
};

const lanes = (shape, count, x) =>
  Array.from({ length: count }, (_, k) => `(${shape}.extract_lane ${k} (local.get ${x}))`);
/** The pseudo-instructions `($NAME arg …)` of a region, per variant: arguments → text. */
const MACROS = {
  f64: {
    HSUM: (x) => `(f64.add ${lanes("f64x2", 2, x).join(" ")})`,
    LOAD2: (addr) => `(v128.load ${addr})`,
    LOAD1: (addr) => `(v128.load64_zero ${addr})`,
    STORE2: (addr, x) => `(v128.store ${addr} ${x})`,
    STORE1: (addr, x) => `(v128.store64_lane 0 ${addr} ${x})`,
  },
  f32: {
    HSUM: (x) => {
      const [x0, x1, x2, x3] = lanes("f32x4", 4, x);
      return `(f32.add (f32.add ${x0} ${x1}) (f32.add ${x2} ${x3}))`;
    },
    LOAD2: (addr) => `(f64x2.promote_low_f32x4 (v128.load64_zero ${addr}))`,
    LOAD1: (addr) => `(f64x2.promote_low_f32x4 (v128.load32_zero ${addr}))`,
    STORE2: (addr, x) => `(v128.store64_lane 0 ${addr} (f32x4.demote_f64x2_zero ${x}))`,
    STORE1: (addr, x) => `(v128.store32_lane 0 ${addr} (f32x4.demote_f64x2_zero ${x}))`,
  },
};

function fail(message) {
  throw new Error(`kernels.wat: ${message}`);
}

/** The module with each `;; @both` … `;; @end` region replaced by its f64 and f32 forms. */
function expand(wat) {
  const out = [];
  let region = null;
  wat.split("\n").forEach((line, index) => {
    const marker = line.trim();
    if (marker === ";; @both") {
      if (region) fail(`line ${index + 1}: @both inside a region`);
      region = { start: index + 1, lines: [] };
    } else if (marker === ";; @end") {
      if (!region) fail(`line ${index + 1}: @end without @both`);
      for (const variant of Object.keys(PLACEHOLDERS)) out.push(instantiate(region, variant));
      region = null;
    } else if (region) {
      region.lines.push(line);
    } else {
      if (/^\s*@f(64|32)\b/.test(line)) fail(`line ${index + 1}: @f64/@f32 outside a region`);
      out.push(line);
    }
  });
  if (region) fail(`line ${region.start}: @both without @end`);
  return out.join("\n");
}

/** One variant of a region: its tagged lines chosen, placeholders and macros replaced. */
function instantiate(region, variant) {
  const kept = [];
  for (const line of region.lines) {
    const tagged = /^(\s*)@(f64|f32) (.*)$/.exec(line);
    if (!tagged) kept.push(line);
    else if (tagged[2] === variant) kept.push(tagged[1] + tagged[3]);
  }
  const text = kept.join("\n").replace(/\$([A-Z][A-Z0-9_]*)\b/g, (whole, name) => {
    if (name in MACROS[variant]) return whole;
    if (!(name in PLACEHOLDERS[variant])) fail(`region at line ${region.start}: unknown ${whole}`);
    return String(PLACEHOLDERS[variant][name]);
  });
  return expandMacros(text, MACROS[variant], region.start);
}

/** `($NAME arg …)` → MACROS[NAME](arg, …), innermost (last) first so arguments are final. */
function expandMacros(text, macros, line) {
  const opening = new RegExp(`\\(\\$(${Object.keys(macros).join("|")})(?=[\\s)])`, "g");
  for (;;) {
    const found = [...text.matchAll(opening)].at(-1);
    if (!found) return text;
    const close = closingParen(text, found.index);
    const args = items(text.slice(found.index + found[0].length, close));
    const macro = macros[found[1]];
    if (args.length !== macro.length) {
      fail(
        `region at line ${line}: $${found[1]} takes ${macro.length} arguments, not ${args.length}`,
      );
    }
    text = text.slice(0, found.index) + macro(...args) + text.slice(close + 1);
  }
}

/** The index of the parenthesis closing the one at `open`. */
function closingParen(text, open) {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === "(") depth++;
    else if (text[at] === ")" && --depth === 0) return at;
  }
  fail(`unbalanced parentheses after: ${text.slice(open, open + 60)}`);
}

/** The top-level S-expressions and atoms of `text`. */
function items(text) {
  const found = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at])) at++;
    else if (text[at] === "(") {
      const close = closingParen(text, at);
      found.push(text.slice(at, close + 1));
      at = close + 1;
    } else {
      const atom = /^[^\s()]+/.exec(text.slice(at))[0];
      found.push(atom);
      at += atom.length;
    }
  }
  return found;
}

/** The module's bytes; `shared` builds it against a shared memory, for kernel threads. */
function compile(wabt, wat, shared, relaxed = false) {
  const text = shared
    ? wat.replace(PRIVATE_MEMORY, '(import "env" "memory" (memory 1 65536 shared))')
    : wat;
  const features = { simd: true, bulk_memory: true, threads: shared, relaxed_simd: relaxed };
  const module = wabt.parseWat("kernels.wat", text, features);
  module.validate(features);
  return module.toBinary({ log: false, canonicalize_lebs: true, write_debug_names: false }).buffer;
}

const TS_TYPES = { i32: "number", f32: "number", f64: "number", i64: "bigint" };

/** kernel-exports.ts: every exported function with its parameter names, formatted as biome does. */
function exportsInterface(wat) {
  const header =
    /\(func(?:\s+\$[\w.]+)?\s+\(export "(\w+)"\)((?:\s*\(param\s[^()]*\))*)(?:\s*\(result\s+(\w+)\))?/g;
  const methods = [...wat.matchAll(header)].map(([, name, params, result]) => {
    const args = [...params.matchAll(/\(param\s([^()]*)\)/g)].map(([whole, inner]) => {
      const named = /^\s*\$(\w+)\s+(\w+)\s*$/.exec(inner);
      if (!named || !(named[2] in TS_TYPES))
        fail(`${name}: write each parameter as (param $name type), not ${whole}`);
      return `${named[1]}: ${TS_TYPES[named[2]]}`;
    });
    const returns = result ? TS_TYPES[result] : "void";
    const line = `  ${name}(${args.join(", ")}): ${returns};`;
    return line.length <= 100
      ? line
      : `  ${name}(\n${args.map((a) => `    ${a},\n`).join("")}  ): ${returns};`;
  });
  const exported = wat.match(/\(export "/g).length;
  if (methods.length !== exported)
    fail(`${exported} exports, but ${methods.length} exported functions read`);
  return `// Generated by scripts/build-wasm.mjs from kernels.wat: do not edit.

/** The kernels of kernels.wat, on byte offsets into the arena's memory. */
export interface KernelExports {
${methods.join("\n")}
}
`;
}

/**
 * The fused-multiply-add module: gemm.wat alone (same export names), with every
 * `(V.add x (V.mul y z))` written as `(V.relaxed_madd y z x)`, y·z + x rounded once where
 * the CPU has FMA. Relaxed SIMD lets an engine round twice instead, so its results may
 * differ between machines: it is the opt-in `kernel: "fma"`, never the default.
 */
function fusedGemm(gemmWat) {
  let text = expand(gemmWat);
  for (const shape of ["f64x2", "f32x4"]) {
    const add = `(${shape}.add `;
    for (let at = text.indexOf(add); at >= 0; at = text.indexOf(add, at + 1)) {
      const close = closingParen(text, at);
      const [x, product] = items(text.slice(at + add.length, close));
      if (!product?.startsWith(`(${shape}.mul `)) continue;
      const [y, z] = items(product.slice(shape.length + 6, -1));
      text = `${text.slice(0, at)}(${shape}.relaxed_madd ${y} ${z} ${x})${text.slice(close + 1)}`;
    }
  }
  if (!text.includes("relaxed_madd")) fail("gemm.wat: no multiply-add found to fuse");
  return `(module\n  ${PRIVATE_MEMORY}\n${text}\n)\n`;
}

/** The text of a .wat file with each line `;; @include NAME` replaced by the file NAME beside it. */
function readWithIncludes(url) {
  return readFileSync(url, "utf8").replace(/^\s*;; @include (\S+)\s*$/gm, (_, name) =>
    readWithIncludes(new URL(name, url)),
  );
}

const wat = expand(readWithIncludes(source));
if (!wat.includes(PRIVATE_MEMORY)) fail(`it must import ${PRIVATE_MEMORY}`);
if (process.argv.includes("--expand")) {
  process.stdout.write(wat);
  process.exit(0);
}
const wabt = await wabtInit();
const buffer = compile(wabt, wat, false);
if (process.argv.includes("--shared")) {
  process.stdout.write(Buffer.from(compile(wabt, wat, true)).toString("base64"));
  process.exit(0);
}
const fmaBuffer = compile(wabt, fusedGemm(readWithIncludes(gemmSource)), false, true);
const base64 = (bytes) => Buffer.from(bytes).toString("base64");
const GENERATED = "// Generated by scripts/build-wasm.mjs from kernels.wat: do not edit.";
const outputs = [
  {
    target: binaryTarget,
    text: `${GENERATED}
export const KERNELS_WASM_BASE64 =
  "${base64(buffer)}";
`,
  },
  {
    target: fmaTarget,
    text: `${GENERATED}
/** gemm.wat's kernels with fused multiply-add (relaxed SIMD), for \`kernel: "fma"\`. */
export const GEMM_FMA_WASM_BASE64 =
  "${base64(fmaBuffer)}";
`,
  },
  { target: exportsTarget, text: exportsInterface(wat) },
];
const name = (url) => url.pathname.split("/").at(-1);
if (process.argv.includes("--check")) {
  const read = (url) => {
    try {
      return readFileSync(url, "utf8");
    } catch {
      return null;
    }
  };
  const stale = outputs
    .filter(({ target, text }) => read(target) !== text)
    .map((o) => name(o.target));
  if (stale.length > 0) {
    console.error(
      `src/wasm/${stale.join(" and src/wasm/")} out of date: run \`pnpm --filter @backprop/linalg build:wasm\``,
    );
    process.exit(1);
  }
  console.log(
    `${outputs.map((o) => name(o.target)).join(", ")}: each matches kernels.wat (${buffer.length} bytes of WebAssembly)`,
  );
} else {
  for (const { target, text } of outputs) writeFileSync(target, text);
  console.log(
    `wrote ${outputs.map((o) => name(o.target)).join(", ")} (${buffer.length} bytes of WebAssembly)`,
  );
}
